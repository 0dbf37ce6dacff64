//! Plain text: blocks separated by blank lines, hard-wrapped lines joined into
//! paragraphs, short lines as headings, and the headline and standfirst that
//! open a story.

use super::dateline::dateline_len;
use super::{trim_span, Block, BlockKind, Prose};
use crate::text::offsets::OffsetMap;
use crate::text::Span;
use std::borrow::Cow;

/// Lines longer than this are taken as whole paragraphs rather than
/// hard-wrapped text.
const WRAPPED_LINE_MAX: usize = 100;
/// Lines of hard-wrapped text (all but the last) are at least this long.
const WRAPPED_LINE_MIN: usize = 40;

/// A line ending a sentence followed by one opening a quotation reads as
/// two paragraphs even when both are short.
fn starts_new_paragraph(line: &str, next: &str) -> bool {
    let ends = line.trim_end().ends_with(['.', '?', '!', '”', '"', '’']);
    let opens = next.trim_start().starts_with(['“', '"', '‘', '«', '-', '*', '•']);
    ends && opens
}

/// A line without end punctuation and with at most this many words reads as a heading.
const HEADING_MAX_WORDS: usize = 14;

/// Plain text: blocks are separated by blank lines; inside a block, each line
/// is its own paragraph unless the block looks hard-wrapped (all its lines short).
pub(super) fn plain(text: &str) -> Prose<'_> {
    let mut blocks = Vec::new();
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines: Vec<Span> = Vec::new();
    let flush = |lines: &mut Vec<Span>, blocks: &mut Vec<Block>| {
        if lines.is_empty() {
            return;
        }
        // Hard-wrapped text has lines of similar, moderate length; a block of
        // short one-line paragraphs has lines that end sentences and start
        // new ones.
        // A headline exported with its deck on the next line ("Mayor backs
        // ferry; \nCouncil to vote in May.") is two blocks, not a wrapped paragraph.
        let headline_over_deck = blocks.is_empty() && lines.len() == 2 && headline_line(lines[0].slice(text));
        let wrapped = lines.len() > 1
            && !headline_over_deck
            && lines.iter().all(|l| l.len() <= WRAPPED_LINE_MAX)
            && lines[..lines.len() - 1].iter().all(|l| l.len() >= WRAPPED_LINE_MIN)
            && lines
                .windows(2)
                .all(|pair| !starts_new_paragraph(pair[0].slice(text), pair[1].slice(text)));
        if wrapped {
            let span = Span::new(lines[0].start, lines[lines.len() - 1].end);
            blocks.push(Block {
                span,
                kind: BlockKind::Body,
            });
        } else {
            for &line in lines.iter() {
                blocks.push(Block {
                    span: line,
                    kind: BlockKind::Body,
                });
            }
        }
        lines.clear();
    };
    let bytes = text.as_bytes();
    let mut start = body_start;
    while start <= text.len() {
        // Lines end at LF, CRLF, or a lone CR (old Mac and some CMS exports).
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(text.len(), |i| start + i);
        let line = trim_span(text, Span::new(start, end));
        if line.is_empty() {
            flush(&mut lines, &mut blocks);
        } else {
            lines.push(line);
        }
        let crlf = bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n');
        start = end + if crlf { 2 } else { 1 };
    }
    flush(&mut lines, &mut blocks);
    // The last block is never a heading: a heading introduces what follows.
    let count = blocks.len();
    for block in blocks.iter_mut().take(count.saturating_sub(1)) {
        if looks_like_heading(block.span.slice(text)) {
            block.kind = BlockKind::Heading;
        }
    }
    // Many systems end a headline with a full stop when they export it as
    // text: a first line in title case, or one short enough that no lede
    // is (ledes run to 25 words and more), is still the headline. Over a
    // single paragraph only the shape of a headline tells: title case or a
    // speaker before a colon.
    let first = blocks.first().map_or("", |b| b.span.slice(text));
    let shaped = title_case(first) || speaker_headline(first);
    if (count > 2 || count == 2 && shaped) && looks_like_headline(first) {
        blocks[0].kind = BlockKind::Heading;
    }
    if count > 3 && blocks[0].kind == BlockKind::Heading && looks_like_standfirst(text, &blocks[..3]) {
        blocks[1].kind = BlockKind::Standfirst;
    }
    Prose {
        text: Cow::Borrowed(text),
        blocks,
        offsets: OffsetMap::identity(),
    }
}

/// Most words of a headline that gives its speaker before a colon.
const SPEAKER_HEADLINE_MAX_WORDS: usize = 30;

/// Words of this length or more count in the title-case test (short
/// function words are lower case in title case too).
const TITLE_CASE_WORD_MIN: usize = 4;

/// A first line that reads as a headline: not opening a quotation, ending
/// in a full stop at most, and either in title case (at least three in
/// four of its longer words capitalised: "Mayor Says Ferry Will Run.") or
/// at most [`HEADLINE_MAX_WORDS`] words long.
fn looks_like_headline(line: &str) -> bool {
    if line.starts_with(['“', '"', '‘']) {
        return false;
    }
    let words = line.split_whitespace().count();
    // A speaker's headline quotes them at length ("Vance: Ferry Has ‘To Run
    // All Winter’ Because …"), and is still display type.
    if speaker_headline(line) && words <= SPEAKER_HEADLINE_MAX_WORDS {
        return true;
    }
    if words > HEADING_MAX_WORDS + 6 {
        return false;
    }
    let title_case = title_case(line);
    let ends_plainly = !line
        .trim_end()
        .ends_with(['?', '!', ':', ',', '”', '"', '’', '\'', ')']);
    ends_plainly && (title_case || words <= HEADLINE_MAX_WORDS)
}

/// A headline giving its speaker before a colon ("Corbo: Ferry Will Run
/// All Winter", "Vance: ‘We Will Not Sell the Pier’"): one to three
/// capitalised words, not all in capitals (a transcript's "MAYOR VANCE:"
/// labels a speech), then the line, which may end in its quotation.
fn speaker_headline(line: &str) -> bool {
    let Some((label, rest)) = line.split_once(": ") else {
        return false;
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitalised = !words.is_empty() && words.len() <= 3 && words.iter().all(|w| w.starts_with(char::is_uppercase));
    let all_capitals = label.chars().all(|c| !c.is_lowercase());
    capitalised && !all_capitals && !rest.trim().is_empty() && !line.trim_end().ends_with([':', ','])
}

/// A first line that can only be a headline when a second line follows it in
/// the same block: one ending in a semicolon (how some archives join a
/// headline to its deck) or in title case.
fn headline_line(line: &str) -> bool {
    let line = line.trim_end();
    looks_like_headline(line) && (line.ends_with(';') || title_case(line))
}

/// Whether the words of a line are in title case (see [`looks_like_headline`]).
fn title_case(line: &str) -> bool {
    let (mut long, mut capitalised) = (0, 0);
    for word in line.split_whitespace() {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.chars().count() < TITLE_CASE_WORD_MIN || !word.starts_with(char::is_alphabetic) {
            continue;
        }
        long += 1;
        capitalised += usize::from(word.starts_with(char::is_uppercase));
    }
    long >= 2 && capitalised * 4 >= long * 3
}

/// A standfirst is at most this many words.
const STANDFIRST_MAX_WORDS: usize = 40;

/// Whether the second of the first three blocks (headline, candidate, next)
/// is the standfirst: a short line that neither opens nor closes a
/// quotation nor leads in to what follows, set right under the headline
/// (no blank line between), or between the headline and a first body
/// paragraph that opens with a dateline (the story starts there).
fn looks_like_standfirst(text: &str, first: &[Block]) -> bool {
    let [headline, deck, next] = first else {
        return false;
    };
    let line = deck.span.slice(text).trim();
    let words = line.split_whitespace().count();
    // A headline ending in a semicolon is joined to its deck by an archive,
    // and that deck may end in a quoted phrase.
    let joined = headline.span.slice(text).ends_with(';');
    if words == 0
        || words > STANDFIRST_MAX_WORDS
        || line.starts_with(['“', '"', '‘', '\'', '«'])
        || line.ends_with(':')
        || !joined && line.ends_with(['”', '"', '’', '\'', '»'])
        || dateline_len(line).is_some()
    {
        return false;
    }
    let line_breaks = |from: usize, to: usize| {
        let between = &text[from..to];
        between.matches('\n').count().max(between.matches('\r').count())
    };
    // Right under the headline, with a blank line after it: in a text
    // without blank lines, the line under the headline is the lede.
    let under_headline =
        line_breaks(headline.span.end, deck.span.start) == 1 && line_breaks(deck.span.end, next.span.start) > 1;
    under_headline || words <= HEADING_MAX_WORDS * 2 && dateline_len(next.span.slice(text)).is_some()
}

/// A first line this short, followed by the story, is its headline.
const HEADLINE_MAX_WORDS: usize = 12;

/// A short line that does not end like a sentence.
fn looks_like_heading(line: &str) -> bool {
    let last = line.trim_end().chars().last();
    let ends_like_sentence = matches!(
        last,
        Some('.' | '?' | '!' | ':' | ';' | ',' | '"' | '”' | '’' | '\'' | '»' | ')' | '…')
    );
    !ends_like_sentence && !line.contains(['“', '"']) && line.split_whitespace().count() <= HEADING_MAX_WORDS
}

#[cfg(test)]
mod tests {
    use crate::text::prose::test_support::prose_of;
    use crate::text::{BlockKind, InputFormat};

    #[test]
    fn plain_lines_are_paragraphs_and_short_lines_headings() {
        let long = "word ".repeat(30);
        let text = format!("A Short Heading\n{long}end.\n{long}end.");
        let (_, blocks) = prose_of(&text, InputFormat::Plain);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].0, BlockKind::Heading);
        assert_eq!(blocks[1].0, BlockKind::Body);
    }

    #[test]
    fn a_title_case_first_line_with_a_full_stop_is_the_headline() {
        let body = "Mayor Ines Corbo said on Friday that the ferry to Tull would run all winter.";
        let (_, blocks) = prose_of(
            &format!("Corbo Says Tull Ferry Will Run All Winter.\n\n{body}\n\n{body}"),
            InputFormat::Plain,
        );
        assert_eq!(blocks[0].0, BlockKind::Heading);
        let (_, blocks) = prose_of(
            &format!("Corbo says Tull ferry will run.\n\n{body}\n\n{body}"),
            InputFormat::Plain,
        );
        assert_eq!(blocks[0].0, BlockKind::Heading);
        // A lede in sentence case is body copy.
        let lede = "The ferry to Tull will run all winter, Mayor Ines Corbo said on Friday after a vote.";
        let (_, blocks) = prose_of(&format!("{lede}\n\n{body}\n\n{body}"), InputFormat::Plain);
        assert_eq!(blocks[0].0, BlockKind::Body);
    }

    #[test]
    fn a_headline_over_a_single_paragraph() {
        let body = "Mayor Ines Corbo said on Friday that the ferry to Tull would run all winter, whatever the storms.";
        for headline in [
            "Corbo Says Tull Ferry Will Run All Winter.",
            "Corbo: Ferry Has ‘To Run All Winter’ Because ‘The Island Needs It, Whatever the Storms Bring.’",
        ] {
            let (_, blocks) = prose_of(&format!("{headline}\n\n{body}"), InputFormat::Plain);
            assert_eq!(blocks[0].0, BlockKind::Heading, "{headline}");
        }
        // A short sentence-case line over one paragraph may be the lede.
        let (_, blocks) = prose_of(&format!("The ferry will run.\n\n{body}"), InputFormat::Plain);
        assert_eq!(blocks[0].0, BlockKind::Body);
    }

    #[test]
    fn a_deck_under_the_headline_is_the_standfirst() {
        let lede = "Mayor Ines Corbo said on Friday that the ferry to Tull would run all winter, whatever the weather.";
        let body = "The harbour board voted five to two for the timetable, after a debate that ran past midnight.";
        // An archive joins the headline to its deck with a semicolon; the
        // deck may end in a quoted phrase.
        let text = format!("Corbo keeps the Tull ferry running; \nShe calls the winter service 'a lifeline.'\n\n{lede}\n\n{body}\n\n{body}");
        let (_, blocks) = prose_of(&text, InputFormat::Plain);
        assert_eq!(
            blocks[0],
            (BlockKind::Heading, "Corbo keeps the Tull ferry running;".to_string())
        );
        assert_eq!(blocks[1].0, BlockKind::Standfirst);
        assert_eq!(blocks[2].0, BlockKind::Body);
        // A short line between the headline and a paragraph opening with a dateline.
        let text = format!("Tull Ferry Will Run All Winter\n\nBoard backs timetable after long debate.\n\nTULL, Kestrel Isles — {lede}\n\n{body}");
        let (_, blocks) = prose_of(&text, InputFormat::Plain);
        assert_eq!(blocks[1].0, BlockKind::Standfirst);
        // Without a blank line after it, or set apart from the headline, the
        // second line is the lede.
        let text = format!("Tull Ferry Will Run All Winter\nThe ferry will run, the mayor said.\n{lede}\n{body}");
        let (_, blocks) = prose_of(&text, InputFormat::Plain);
        assert_eq!(blocks[1].0, BlockKind::Body);
        let text = format!("Tull Ferry Will Run All Winter\n\nThe ferry will run, the mayor said.\n\n{lede}\n\n{body}");
        let (_, blocks) = prose_of(&text, InputFormat::Plain);
        assert_eq!(blocks[1].0, BlockKind::Body);
        // A quotation under the headline is copy.
        let text =
            format!("Tull Ferry Will Run All Winter\n“We will not stop the boats,” Corbo said.\n\n{lede}\n\n{body}");
        let (_, blocks) = prose_of(&text, InputFormat::Plain);
        assert_eq!(blocks[1].0, BlockKind::Body);
    }

    #[test]
    fn a_headline_may_give_its_speaker_before_a_colon() {
        let body = "Mayor Ines Corbo said on Friday that the ferry to Tull would run all winter, whatever the weather.";
        let headline = "Corbo: ‘We Will Keep the Boats Running Through the Storms, Whatever the Board Says’";
        let (_, blocks) = prose_of(&format!("{headline}\n\n{body}\n\n{body}"), InputFormat::Plain);
        assert_eq!(blocks[0].0, BlockKind::Heading);
        // A transcript's label in capitals is a speaker, not a headline.
        let label = "CORBO: We will keep the boats running through the storms, whatever the board says to us.";
        let (_, blocks) = prose_of(&format!("{label}\n\n{body}\n\n{body}"), InputFormat::Plain);
        assert_eq!(blocks[0].0, BlockKind::Body);
    }

    #[test]
    fn plain_wrapped_paragraphs_join() {
        let text =
            "The council met on Tuesday evening in the town hall and\nvoted to raise fares.\n\nA second paragraph.\n";
        let (_, blocks) = prose_of(text, InputFormat::Plain);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[0].1,
            "The council met on Tuesday evening in the town hall and\nvoted to raise fares."
        );
    }
}
