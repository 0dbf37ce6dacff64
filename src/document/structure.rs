//! Document structure from words: which body blocks are bylines, captions
//! and credits, link lists, boilerplate or left-over markup, and where the
//! dateline is.
//!
//! The formats give what their markup says (src/text/: headings, HTML
//! classes, plain-text headlines and standfirsts by their shape); this pass
//! reads the words of short body blocks against the structure lexicon
//! (rules/structure.yaml) for every format. A block keeps its kind when it is
//! long: boilerplate, bylines and captions are short lines, and a long
//! paragraph is copy whatever its first words.

use crate::rules::lexicon::{PhraseList, StructureWords};
use crate::rules::Lexicon;
use crate::text::prose::dateline_len;
use crate::text::{Block, BlockKind};
use crate::Span;

/// Blocks of more words than this are body copy, whatever they open with.
const SHORT_BLOCK_MAX_WORDS: usize = 40;
/// Blocks longer than this, in bytes, are body copy (forty words of
/// boilerplate take some 300 bytes).
const SHORT_BLOCK_MAX_BYTES: usize = 400;
/// A byline is at most this many words ("Reporting by …; Editing by …" included).
const BYLINE_MAX_WORDS: usize = 16;
/// A credit line or a label is at most this many words.
const CREDIT_MAX_WORDS: usize = 8;
/// Lines of a link list are at most this many words.
const LINK_MAX_WORDS: usize = 16;
/// This many short title lines in a row, with no copy between, are a list of links.
const LINK_RUN_MIN: usize = 3;

/// Give the body blocks their structural kind, and return the dateline of
/// the first body block.
pub fn classify(text: &str, blocks: &mut [Block], lexicon: &Lexicon) -> Option<Span> {
    let words = &lexicon.structure;
    let mut in_list = false;
    let mut after_summary_label = false;
    let mut lower = String::new();
    for (i, slot) in blocks.iter_mut().enumerate() {
        let block = *slot;
        let slice = block.span.slice(text);
        // A list runs on over the short lines after its label.
        let continues_list = in_list && matches!(block.kind, BlockKind::Body | BlockKind::Heading) && link_line(slice);
        in_list = false;
        // A heading or standfirst told by its shape alone may still be a
        // byline or a credit; the headline is the headline.
        let shaped = i > 0 && matches!(block.kind, BlockKind::Heading | BlockKind::Standfirst);
        if block.kind != BlockKind::Body && !shaped {
            after_summary_label = false;
            continue;
        }
        if after_summary_label && block.kind == BlockKind::Body {
            slot.kind = BlockKind::Standfirst;
            after_summary_label = false;
            continue;
        }
        after_summary_label = false;
        // Long paragraphs are most of the text: they are told by their length
        // in bytes, without reading them.
        if slice.len() > SHORT_BLOCK_MAX_BYTES {
            continue;
        }
        // Words as spaces and line breaks (SIMD counts; a doubled space
        // counts a word more, which only makes a line less likely furniture).
        let bytes = slice.as_bytes();
        let word_count = 1 + memchr::memchr2_iter(b' ', b'\n', bytes).count();
        if word_count > SHORT_BLOCK_MAX_WORDS {
            continue;
        }
        // Openers are read at the start of a line; only a line short enough
        // to be a byline or a label is read whole, in lower case.
        let whole = word_count <= BYLINE_MAX_WORDS;
        let head = if whole {
            slice
        } else {
            &slice[..floor_char_boundary(slice, LINE_HEAD_BYTES)]
        };
        lower.clear();
        lower.push_str(head);
        lower.make_ascii_lowercase();
        let kind = if is_markup(slice) {
            Some(BlockKind::Markup)
        } else if is_boilerplate(slice, &lower, words) {
            Some(BlockKind::Boilerplate)
        } else if whole && is_byline(slice, &lower, words) {
            Some(BlockKind::Byline)
        } else if is_caption(slice, &lower, words) {
            Some(BlockKind::Caption)
        } else if block.kind == BlockKind::Standfirst {
            None
        } else if block.kind == BlockKind::Heading {
            // A heading after a list's label is one of its titles.
            if continues_list || word_count <= CREDIT_MAX_WORDS && label_in(&lower, &words.related_labels) {
                in_list = true;
                Some(BlockKind::LinkList)
            } else {
                None
            }
        } else if continues_list || word_count <= CREDIT_MAX_WORDS && label_in(&lower, &words.related_labels) {
            in_list = true;
            Some(BlockKind::LinkList)
        } else if word_count <= CREDIT_MAX_WORDS && label_in(&lower, &words.summary_labels) {
            after_summary_label = true;
            Some(BlockKind::Heading)
        } else if word_count <= CREDIT_MAX_WORDS && capital_label(slice) {
            Some(BlockKind::Heading)
        } else {
            None
        };
        if let Some(kind) = kind {
            slot.kind = kind;
        }
    }
    mark_link_runs(text, blocks);
    mark_pull_quotes(text, blocks);
    let first = blocks.iter().find(|b| b.kind == BlockKind::Body)?;
    let len = dateline_len(first.span.slice(text))?;
    Some(Span::new(first.span.start, first.span.start + len))
}

/// Runs of [`LINK_RUN_MIN`] or more headings in a row (short title lines
/// without final punctuation) after the headline: cross-heads stand over copy,
/// so a run of them with nothing between is a list of story titles.
fn mark_link_runs(text: &str, blocks: &mut [Block]) {
    let mut i = 1;
    while i < blocks.len() {
        let titled = |b: &Block| b.kind == BlockKind::Heading && link_line(b.span.slice(text));
        if !titled(&blocks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && titled(&blocks[i]) {
            i += 1;
        }
        if i - start >= LINK_RUN_MIN {
            for block in &mut blocks[start..i] {
                block.kind = BlockKind::LinkList;
            }
        }
    }
}

/// A pull quote's credit line is at most this many words.
const PULL_QUOTE_CREDIT_MAX_WORDS: usize = 10;

/// Pull quotes as a page scrape leaves them: a line opening a quotation it
/// does not close, then on the next line (no blank line between) a short
/// credit ("Mara Holt, Tull Harbour Board.") that closes it, or a credit
/// opening with a dash under a whole quotation. Both lines are the pull quote.
fn mark_pull_quotes(text: &str, blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let block = blocks[i];
        // Only a block opening a quotation can start one.
        if block.kind != BlockKind::Body || !block.span.slice(text).starts_with(['"', '“']) {
            continue;
        }
        // Both lines in one block (hard-wrapped text joins them).
        let slice = block.span.slice(text);
        if let Some(at) = memchr::memchr(b'\n', slice.as_bytes()) {
            let (quote, credit) = (&slice[..at], &slice[at + 1..]);
            if !credit.contains('\n') && pull_quote(quote, credit) {
                blocks[i].kind = BlockKind::PullQuote;
            }
            continue;
        }
        let Some(&credit) = blocks.get(i + 1) else {
            continue;
        };
        if !matches!(credit.kind, BlockKind::Body | BlockKind::Byline) {
            continue;
        }
        let between = &text[block.span.end..credit.span.start];
        if between.matches('\n').count().max(between.matches('\r').count()) == 1
            && pull_quote(block.span.slice(text), credit.span.slice(text))
        {
            blocks[i].kind = BlockKind::PullQuote;
            blocks[i + 1].kind = BlockKind::PullQuote;
        }
    }
}

/// Whether a line and the next are a pull quote and its credit.
fn pull_quote(quote: &str, credit: &str) -> bool {
    let (quote, credit) = (quote.trim(), credit.trim());
    let words = credit.split_whitespace().count();
    let opens = quote.starts_with(['"', '“']);
    let closes_quote = quote.ends_with(['"', '”']);
    let credit_closes = credit
        .strip_suffix(['"', '”'])
        .is_some_and(|before| !before.contains(['"', '“', '”']));
    let dash_credit = credit.starts_with(['—', '–']) || credit.starts_with("- ");
    let credit_shape = credit
        .trim_start_matches(['—', '–', '-', ' '])
        .starts_with(char::is_uppercase)
        && words <= PULL_QUOTE_CREDIT_MAX_WORDS;
    opens && credit_shape && (!closes_quote && credit_closes || closes_quote && dash_credit)
}

/// A short line that does not end a sentence: an item of a list of links.
fn link_line(line: &str) -> bool {
    let line = line.trim_end();
    !line.ends_with(['.', '?', '!', ':', ';', ',', '"', '”', '’']) && line.split_whitespace().count() <= LINK_MAX_WORDS
}

/// Whether `lower` starts with `phrase` as whole words: a phrase ending in a
/// letter or digit must be followed by a non-word character or the end.
fn opens_with(lower: &str, phrase: &str) -> bool {
    lower.starts_with(phrase)
        && (!phrase.ends_with(|c: char| c.is_alphanumeric())
            || !lower[phrase.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

/// A label alone on its line ("Related:", "RELATED STORIES", "Abstract."),
/// or opening one with a colon ("Read more: …").
fn label_in(lower: &str, labels: &PhraseList) -> bool {
    let bare = lower
        .trim_end_matches(['.', ':', ' ', '"', '”'])
        .trim_start_matches(['"', '“']);
    labels
        .opening(bare)
        .any(|label| bare == label || opens_with(bare, label) && bare[label.len()..].trim_start().starts_with(':'))
}

/// Boilerplate: a call-out or notice opening the line (`lower_head`, its
/// start in lower case), or a boilerplate phrase anywhere in it.
fn is_boilerplate(line: &str, lower_head: &str, words: &StructureWords) -> bool {
    let opening = lower_head.trim_start_matches(['"', '“', '(', '[', '*', ' ']);
    words
        .boilerplate_openers
        .opening(opening)
        .any(|p| opens_with(opening, p))
        || words.boilerplate_phrases.is_match(line)
}

/// The bytes of a long line's start that openers are looked for in (the
/// longest opener is shorter).
const LINE_HEAD_BYTES: usize = 64;

/// The largest char boundary at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Words a byline joins names with.
fn name_joiner(word: &str) -> bool {
    matches!(
        word,
        "and" | "&" | "with" | "in" | "of" | "the" | "for" | "de" | "van" | "von"
    )
}

/// Whether the words of `rest` are names (capitalised words and joiners),
/// each segment at most a few words, with a role allowed after a comma.
fn names_only(rest: &str, lower_rest: &str, words: &StructureWords) -> bool {
    let mut count = 0;
    let mut offset = 0;
    for part in rest.split(',') {
        let lower_part = lower_rest[offset..offset + part.len()].trim();
        offset += part.len() + 1;
        let part = part.trim().trim_end_matches(['.', ';']);
        if part.is_empty() {
            continue;
        }
        if count > 0
            && words
                .byline_roles
                .opening(lower_part)
                .any(|r| opens_with(lower_part, r))
        {
            count += 1;
            continue;
        }
        for word in part.split_whitespace() {
            let word = word.trim_matches(|c: char| matches!(c, '.' | ';' | '(' | ')' | '*' | '_'));
            if word.is_empty() {
                continue;
            }
            if !(word.starts_with(char::is_uppercase) || name_joiner(word)) {
                return false;
            }
            count += 1;
        }
    }
    count > 0
}

/// A byline: segments (split at ";") each opening with a byline opener
/// followed by names ("By Jane Doe and Tom Roe", "Reporting by …; Editing by
/// …"); or a name and a role after a comma ("Jane Doe, Staff Writer"); or a
/// signature under an entry ("— Jane Doe").
fn is_byline(line: &str, lower: &str, words: &StructureWords) -> bool {
    let line = line.trim().trim_start_matches(['*', '_']);
    let lower = lower.trim().trim_start_matches(['*', '_']);
    if let Some(name) = line.strip_prefix(['—', '–', '-']) {
        let name = name.trim().trim_end_matches('.');
        let count = name.split_whitespace().count();
        return (2..=4).contains(&count) && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    }
    let mut offset = 0;
    let mut all_opened = true;
    for segment in line.split(';') {
        let lower_segment = &lower[offset..offset + segment.len()];
        offset += segment.len() + 1;
        let trimmed = lower_segment.trim_start();
        let skip = lower_segment.len() - trimmed.len();
        if trimmed.trim().is_empty() {
            continue;
        }
        let opened = words
            .byline_openers
            .opening(trimmed)
            .find(|p| opens_with(trimmed, p))
            .is_some_and(|p| {
                let rest = &segment[skip + p.len()..];
                names_only(rest, &lower_segment[skip + p.len()..], words)
            });
        all_opened &= opened;
    }
    if all_opened {
        return true;
    }
    // "Jane Doe, Staff Writer": a name of two to four words, then a role.
    let Some((name, role)) = line.split_once(',') else {
        return false;
    };
    let name_words = name.split_whitespace().count();
    let lower_role = lower[name.len() + 1..].trim();
    (2..=4).contains(&name_words)
        && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
        && words
            .byline_roles
            .opening(lower_role)
            .any(|r| opens_with(lower_role, r))
        && names_only(role, &lower[name.len() + 1..], words)
}

/// A caption's credit: a caption opener at the start of the line or of
/// the brackets that end it ("… opens the bridge. (Photo: Ada Quill)"), or a
/// line made of credit words alone ("Getty Images.", "Bloomberg via Getty").
fn is_caption(line: &str, lower_head: &str, words: &StructureWords) -> bool {
    if words
        .caption_openers
        .opening(lower_head)
        .any(|p| opens_with(lower_head, p))
    {
        return true;
    }
    let trimmed = line.trim_end_matches(['.', ' ']);
    if trimmed.ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            let inner = &trimmed[open..].to_ascii_lowercase();
            if words.caption_openers.opening(inner).any(|p| opens_with(inner, p))
                || words
                    .caption_openers
                    .opening(&inner[1..])
                    .any(|p| opens_with(&inner[1..], p))
            {
                return true;
            }
        }
    }
    // A credit line is a few words, and then `lower_head` is all of it.
    if line.split_ascii_whitespace().nth(CREDIT_MAX_WORDS).is_some() || lower_head.len() != line.len() {
        return false;
    }
    let mut count = 0;
    let only_credits = lower_head
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '(' | ')' | ';' | '|' | '.'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            count += 1;
            words.credit_words.contains(w)
        });
    only_credits && (1..=CREDIT_MAX_WORDS).contains(&count)
}

/// A label in capitals alone on its line ("FULL TEXT.", "TOP STORIES."):
/// a section label of an archive or a newsletter, not copy. A label ending
/// in a colon may be a speaker's (a transcript's "MAYOR VANCE:"), so only a
/// full stop or nothing may end it.
fn capital_label(line: &str) -> bool {
    let line = line.trim();
    let bare = line.strip_suffix('.').unwrap_or(line);
    bare.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && bare
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '\'' | '’' | '&' | '-'))
}

/// Markup a text export left in the prose: a line that is a tag
/// (`<tweet …>`, `</div>`) or a style rule (`.photo {`, `width: 100%;`, `}`).
fn is_markup(line: &str) -> bool {
    let line = line.trim();
    // A tag, or the part of one a line break cut (`<post author="@x" date="May 2`
    // and `">the post's text</post>`).
    let tag_opens = line.starts_with('<') && line[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
    if tag_opens && (line.contains('>') || line.contains("=\"")) || line.starts_with("\">") {
        return true;
    }
    if matches!(line, "}" | "}." | "{") || line.ends_with('{') && !line.contains(' ') || line.ends_with(" {") {
        return line.split_whitespace().count() <= 3;
    }
    // "text-align: left;": a property, a colon, one value and a semicolon.
    line.ends_with(';')
        && line.split_once(':').is_some_and(|(property, value)| {
            !property.is_empty()
                && property.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && value.split_whitespace().count() <= 2
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Prose, SourceFile};
    use crate::InputFormat;

    fn kinds(text: &str) -> (Vec<(BlockKind, String)>, Option<String>) {
        let lexicon = Lexicon::compile(&crate::rules::RuleSet::defaults().lists);
        let file = SourceFile::new("t.txt", text, InputFormat::Plain);
        let mut prose = Prose::of(&file);
        let dateline = classify(&prose.text, &mut prose.blocks, &lexicon);
        let blocks = prose
            .blocks
            .iter()
            .map(|b| (b.kind, b.span.slice(text).to_string()))
            .collect();
        (blocks, dateline.map(|d| d.slice(text).to_string()))
    }

    fn kind_of(text: &str, line: &str) -> BlockKind {
        let (blocks, _) = kinds(text);
        blocks
            .iter()
            .find(|(_, t)| t == line)
            .unwrap_or_else(|| panic!("no block {line:?} in {blocks:?}"))
            .0
    }

    const LEDE: &str =
        "The ferry to Tull will run all winter, Mayor Ines Corbo told the harbour board on Friday after a long vote.";
    const BODY: &str = "Ferry staff said the boats had been refitted over the summer and that fares would stay as they are until spring.";

    fn article(lines: &[&str]) -> String {
        let mut text = String::from("Tull Ferry Will Run All Winter\n\n");
        text.push_str(&lines.join("\n\n"));
        text
    }

    #[test]
    fn bylines_in_their_shapes() {
        for byline in [
            "By Jane Doe",
            "By Jane Doe and Tom Roe, Staff Writers",
            "Jane Doe, Staff Writer",
            "Reporting by Oskar Lind in Kestrel Bay; Editing by Mara Holt",
            "— Jane Doe",
        ] {
            let text = article(&[byline, LEDE, BODY, BODY]);
            assert_eq!(kind_of(&text, byline), BlockKind::Byline, "{byline}");
        }
        // A sentence opening with "By" is copy.
        for copy in [
            "By Tuesday, the council had voted to keep the ferry running.",
            "By winning the vote, Mayor Corbo kept the ferry.",
        ] {
            let text = article(&[LEDE, copy, BODY]);
            assert_eq!(kind_of(&text, copy), BlockKind::Body, "{copy}");
        }
    }

    #[test]
    fn captions_and_credits() {
        for caption in [
            "(Photo: Ada Quill/Kestrel Herald)",
            "Photo by Ada Quill",
            "Getty Images.",
            "Bloomberg via Getty Images.",
            "Mayor Ines Corbo opens the new ferry ramp at Tull. (Photo: Ada Quill)",
        ] {
            let text = article(&[LEDE, caption, BODY]);
            assert_eq!(kind_of(&text, caption), BlockKind::Caption, "{caption}");
        }
    }

    #[test]
    fn link_lists_after_a_label_and_in_runs() {
        let text = article(&[
            LEDE,
            BODY,
            "Related:",
            "Tull Harbour Board Names New Chair",
            "Ferry Fares Frozen Until Spring",
            BODY,
        ]);
        assert_eq!(kind_of(&text, "Related:"), BlockKind::LinkList);
        assert_eq!(kind_of(&text, "Ferry Fares Frozen Until Spring"), BlockKind::LinkList);
        assert_eq!(kind_of(&text, BODY), BlockKind::Body);
        let text = article(&[
            LEDE,
            "Harbour Board Names New Chair",
            "Ferry Fares Frozen Until Spring",
            "Kestrel Bay Pier Reopens",
            BODY,
        ]);
        assert_eq!(kind_of(&text, "Kestrel Bay Pier Reopens"), BlockKind::LinkList);
        // One cross-head over copy stays a heading.
        let text = article(&[LEDE, "Fares Stay Frozen", BODY, BODY]);
        assert_eq!(kind_of(&text, "Fares Stay Frozen"), BlockKind::Heading);
    }

    #[test]
    fn boilerplate_and_reader_callouts() {
        for line in [
            "Follow Jane Doe on Twitter @janedoe.",
            "READERS: Tell us how the ferry strike affects you.",
            "Sign up for our morning newsletter.",
            "Copyright 2026 Kestrel Herald. All rights reserved.",
            "This story has been corrected to show that the vote was on Friday.",
            "Tom Roe contributed to this report.",
        ] {
            let text = article(&[LEDE, BODY, line]);
            assert_eq!(kind_of(&text, line), BlockKind::Boilerplate, "{line}");
        }
        // A long paragraph is copy whatever it opens with.
        let long = format!("Follow the ferry's accounts, Mayor Corbo said, and you will see {BODY}");
        let text = article(&[LEDE, &long, BODY]);
        assert_eq!(kind_of(&text, &long), BlockKind::Body);
    }

    #[test]
    fn markup_and_capital_labels() {
        let text = article(&[
            "ABSTRACT.",
            "The mayor says the ferry to Tull will run all winter.",
            "FULL TEXT.",
            LEDE,
            "<post post-author=\"@tullferry\" post-date=\"May 2\">",
            "text-align: left;",
            BODY,
        ]);
        assert_eq!(kind_of(&text, "ABSTRACT."), BlockKind::Heading);
        assert_eq!(
            kind_of(&text, "The mayor says the ferry to Tull will run all winter."),
            BlockKind::Standfirst
        );
        assert_eq!(kind_of(&text, "FULL TEXT."), BlockKind::Heading);
        assert_eq!(kind_of(&text, LEDE), BlockKind::Body);
        assert_eq!(
            kind_of(&text, "<post post-author=\"@tullferry\" post-date=\"May 2\">"),
            BlockKind::Markup
        );
        assert_eq!(kind_of(&text, "text-align: left;"), BlockKind::Markup);
    }

    #[test]
    fn pull_quotes_with_their_credit_line() {
        let quote = "\"The ferry is the island's lifeline and we will keep it running.";
        let text =
            format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{quote}\nMara Holt, Tull Harbour Board.\"\n\n{BODY}");
        let both = format!("{quote}\nMara Holt, Tull Harbour Board.\"");
        assert_eq!(kind_of(&text, &both), BlockKind::PullQuote);
        // On lines too long to be hard-wrapped, each line is a block.
        let long = format!("{quote} Every winter we will run it, whatever the storms bring to the island.");
        let text =
            format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{long}\nMara Holt, Tull Harbour Board.\"\n\n{BODY}");
        assert_eq!(kind_of(&text, &long), BlockKind::PullQuote);
        assert_eq!(kind_of(&text, "Mara Holt, Tull Harbour Board.\""), BlockKind::PullQuote);
        // A credit line closing with a curly mark.
        let text =
            format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n“The ferry runs.\nMara Holt, Tull Board.”\n\n{BODY}");
        assert_eq!(kind_of(&text, "“The ferry runs."), BlockKind::PullQuote);
        assert_eq!(kind_of(&text, "Mara Holt, Tull Board.”"), BlockKind::PullQuote);
        let quote = "“The ferry is the island's lifeline.”";
        let text = format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{quote}\n— Mara Holt\n\n{BODY}");
        assert_eq!(kind_of(&text, &format!("{quote}\n— Mara Holt")), BlockKind::PullQuote);
        // A quotation followed by copy on the next line is copy.
        let next = "Mara Holt chairs the board.";
        let text = format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{quote}\n{next}\n\n{BODY}");
        assert_eq!(kind_of(&text, &format!("{quote}\n{next}")), BlockKind::Body);
        // Embedded markup cut by a line break.
        let text = format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n<post author=\"@tullferry\" date=\"May 2\n\">Boats run at dawn.</post>.\n\n{BODY}");
        assert_eq!(
            kind_of(&text, "<post author=\"@tullferry\" date=\"May 2"),
            BlockKind::Markup
        );
        assert_eq!(kind_of(&text, "\">Boats run at dawn.</post>."), BlockKind::Markup);
    }

    #[test]
    fn the_dateline_of_the_first_body_paragraph() {
        for (lede, dateline) in [
            (
                "KESTREL BAY, Ontario — The ferry will run all winter.",
                "KESTREL BAY, Ontario — ",
            ),
            ("TULL (Reuters) - The ferry will run all winter.", "TULL (Reuters) - "),
            (
                "PORT ANSEL, N.D., Sept. 26 (UPI) — The ferry will run.",
                "PORT ANSEL, N.D., Sept. 26 (UPI) — ",
            ),
            (
                "Aug 27 (Reuters) - The ferry will run all winter.",
                "Aug 27 (Reuters) - ",
            ),
            ("ST. ANNE'S -- The ferry will run all winter.", "ST. ANNE'S -- "),
        ] {
            let text = article(&["By Jane Doe", lede, BODY]);
            assert_eq!(kinds(&text).1.as_deref(), Some(dateline), "{lede}");
        }
        for lede in [
            "I — like many on the island — rely on the ferry.",
            "Mayor Corbo — who chairs the board — said the ferry will run.",
            LEDE,
        ] {
            let text = article(&[lede, BODY]);
            assert_eq!(kinds(&text).1, None, "{lede}");
        }
        // Only the first body paragraph has one.
        let text = article(&[LEDE, BODY, "TULL (Reuters) - The ferry will run all winter.", BODY]);
        assert_eq!(kinds(&text).1, None);
    }
}
