//! Input formats: which parts of a file are prose, and how they divide into blocks.
//!
//! The analysis never rewrites the text. For Markdown it works on a *masked*
//! copy of the same length in which everything that is not prose (markup,
//! code, HTML comments, link targets, front matter) is replaced by spaces, so
//! every byte offset found in the mask is also an offset into the original.
//! HTML is analysed as its decoded text, with an [`OffsetMap`] back to the
//! original (see [`super::html`]).

use super::offsets::OffsetMap;
use super::{InputFormat, SourceFile, Span};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// What a block of prose is: the article's structure, the first thing the
/// document knows. Checks declare the kinds they run in (`CheckInfo::blocks`);
/// most run in body copy only.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A paragraph, list item or table cell of running text.
    Body,
    /// A headline or cross-head: read, but not checked as a claim.
    Heading,
    /// A standfirst (deck): the short summary line under the headline.
    Standfirst,
    /// The dateline opening the first body paragraph ("KESTREL BAY, Ontario —").
    /// Never a whole block: the span of [`crate::Document::datelines`] inside a body paragraph.
    Dateline,
    /// A byline or credit for the writing ("By Jane Doe", "Reporting by …").
    Byline,
    /// A picture caption or photo credit ("(Photo: …)", "Getty Images").
    Caption,
    /// A list of links or related stories ("Related:", a run of story titles).
    LinkList,
    /// Boilerplate and reader call-outs ("Follow us on …", "Copyright …",
    /// "This story has been corrected …").
    Boilerplate,
    /// A pull quote: a quotation set in large type with its credit line, repeating
    /// the copy (a design element, as a page scrape leaves it).
    PullQuote,
    /// Markup left in a text export (an embedded post's tags, style rules): not prose.
    Markup,
}

impl BlockKind {
    /// Every kind, in declaration order.
    pub const ALL: [BlockKind; 10] = [
        BlockKind::Body,
        BlockKind::Heading,
        BlockKind::Standfirst,
        BlockKind::Dateline,
        BlockKind::Byline,
        BlockKind::Caption,
        BlockKind::LinkList,
        BlockKind::Boilerplate,
        BlockKind::PullQuote,
        BlockKind::Markup,
    ];

    /// The kebab-case name (reports, `attrib explain`).
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Body => "body",
            BlockKind::Heading => "heading",
            BlockKind::Standfirst => "standfirst",
            BlockKind::Dateline => "dateline",
            BlockKind::Byline => "byline",
            BlockKind::Caption => "caption",
            BlockKind::LinkList => "link-list",
            BlockKind::Boilerplate => "boilerplate",
            BlockKind::PullQuote => "pull-quote",
            BlockKind::Markup => "markup",
        }
    }

    /// Headlines, cross-heads and standfirsts: the outlet's display type,
    /// written to the conventions of headlines (surnames, compressed
    /// attribution, no sources).
    pub fn is_display(self) -> bool {
        matches!(self, BlockKind::Heading | BlockKind::Standfirst)
    }
}

/// A set of block kinds (what a check runs in), as bits: a `const` value.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct BlockKinds(u16);

impl BlockKinds {
    /// Body copy only: where claims, speakers and sources are checked.
    pub const BODY: BlockKinds = BlockKinds::of(&[BlockKind::Body]);
    /// Everything the outlet writes as text a reader reads as the story:
    /// body, headings, standfirst and captions (where a quotation can stand).
    pub const QUOTED: BlockKinds = BlockKinds::of(&[
        BlockKind::Body,
        BlockKind::Heading,
        BlockKind::Standfirst,
        BlockKind::Caption,
    ]);
    /// Every kind of prose (not left-over markup).
    pub const PROSE: BlockKinds = BlockKinds(BlockKinds::of(&BlockKind::ALL).0 & !BlockKinds::bit(BlockKind::Markup));

    const fn bit(kind: BlockKind) -> u16 {
        1 << kind as u16
    }

    /// The set of the given kinds.
    pub const fn of(kinds: &[BlockKind]) -> BlockKinds {
        let mut bits = 0;
        let mut i = 0;
        while i < kinds.len() {
            bits |= BlockKinds::bit(kinds[i]);
            i += 1;
        }
        BlockKinds(bits)
    }

    /// This set with `kinds` added.
    pub const fn with(self, kinds: &[BlockKind]) -> BlockKinds {
        BlockKinds(self.0 | BlockKinds::of(kinds).0)
    }

    pub const fn contains(self, kind: BlockKind) -> bool {
        self.0 & BlockKinds::bit(kind) != 0
    }

    /// The kinds in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = BlockKind> {
        BlockKind::ALL.into_iter().filter(move |&k| self.contains(k))
    }
}

/// A paragraph-like unit of prose.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// The prose of a file: the text to analyse, its blocks in order, and where
/// the text's offsets are in the original (the identity for plain text and
/// Markdown, whose analysis text has the original's length).
#[derive(Debug)]
pub struct Prose<'s> {
    pub text: Cow<'s, str>,
    pub blocks: Vec<Block>,
    pub offsets: OffsetMap,
}

impl<'s> Prose<'s> {
    pub fn of(source: &'s SourceFile) -> Self {
        match source.format {
            InputFormat::Plain => plain(&source.text),
            InputFormat::Markdown => markdown(&source.text),
            InputFormat::Html => super::html::html(&source.text),
            InputFormat::Docx => docx(source),
        }
    }
}

/// A dateline is at most this long, in bytes ("ST. PETERSBURG, Fla., Sept. 26 (Reuters) —").
const DATELINE_MAX_BYTES: usize = 80;

/// The length of the dateline opening `paragraph`, dash and the space after it
/// included: a place in capitals ("KESTREL BAY", "ST. ANNE'S"), then up to
/// three comma parts ("Ontario", "N.D.", "Sept. 26"), then a news agency in
/// brackets ("(Reuters)"), then a dash; or a date and an agency alone
/// ("Aug. 27 (Reuters) -"). The shape alone decides: no word list names places.
pub fn dateline_len(paragraph: &str) -> Option<usize> {
    let head = &paragraph[..floor_char_boundary(paragraph, DATELINE_MAX_BYTES + 4)];
    let (before, dash_end) = find_dash(head)?;
    let before = before.trim_end();
    if before.is_empty() || before.len() > DATELINE_MAX_BYTES {
        return None;
    }
    // An agency in brackets at the end: "(AP)", "(UPI)", "(Reuters)".
    let (place, agency) = match before.strip_suffix(')').and_then(|b| b.rsplit_once('(')) {
        Some((place, agency)) => (place.trim_end(), Some(agency)),
        None => (before, None),
    };
    if let Some(agency) = agency {
        let words: Vec<&str> = agency.split_whitespace().collect();
        if words.is_empty() || words.len() > 3 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
            return None;
        }
    }
    let mut parts = place.split(',').map(str::trim);
    let first = parts.next()?;
    let capitals = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && s.chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
            && s.split_whitespace().count() <= 4
    };
    // "Aug. 27 (Reuters)": a date stands for the place only before an agency.
    let date = |s: &str| {
        let mut words = s.split_whitespace();
        matches!((words.next(), words.next(), words.next()),
            (Some(m), Some(d), None) if m.starts_with(char::is_uppercase) && m.len() <= 5 && d.chars().all(|c| c.is_ascii_digit()))
    };
    if !(capitals(first) || agency.is_some() && date(first)) {
        return None;
    }
    let mut count = 0;
    for part in parts {
        count += 1;
        let words = part.split_whitespace().count();
        if count > 3 || words == 0 || words > 3 || !part.starts_with(char::is_uppercase) {
            return None;
        }
    }
    let rest = &paragraph[dash_end..];
    let space = rest.len() - rest.trim_start().len();
    // Something must follow: the dateline opens a paragraph, it is not one.
    (space > 0 && !rest.trim().is_empty()).then_some(dash_end + space)
}

/// The first dash set off by spaces in `head` (an em, en or horizontal-bar dash,
/// "-" or "--"): the text before it, and where the dash ends.
fn find_dash(head: &str) -> Option<(&str, usize)> {
    let mut from = 0;
    while let Some(i) = head[from..].find([' ', '\u{a0}']).map(|i| from + i) {
        let after = &head[i..];
        let after = after.trim_start_matches([' ', '\u{a0}']);
        let at = head.len() - after.len();
        let dash = ["--", "—", "–", "―", "-"].into_iter().find(|d| after.starts_with(d));
        if let Some(dash) = dash {
            let end = at + dash.len();
            if head[end..].starts_with([' ', '\u{a0}']) || end == head.len() {
                return Some((&head[..i], end));
            }
        }
        from = at.max(i + 1);
        if from >= head.len() {
            break;
        }
    }
    None
}

/// The largest char boundary at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A Word document's text, one paragraph per line: its blocks came with it
/// (kinds from the paragraph styles); without them, every line is a paragraph.
fn docx(source: &SourceFile) -> Prose<'_> {
    let blocks = if source.blocks().is_empty() {
        let text = &source.text;
        let mut start = 0;
        let mut blocks = Vec::new();
        for line in text.split('\n') {
            let span = trim_span(text, Span::new(start, start + line.len()));
            if !span.is_empty() {
                blocks.push(Block {
                    span,
                    kind: BlockKind::Body,
                });
            }
            start += line.len() + 1;
        }
        blocks
    } else {
        source.blocks().to_vec()
    };
    Prose {
        text: Cow::Borrowed(&source.text),
        blocks,
        offsets: OffsetMap::identity(),
    }
}

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
fn plain(text: &str) -> Prose<'_> {
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
    // is (ledes run to 25 words and more), is still the headline.
    if count > 2 && looks_like_headline(blocks[0].span.slice(text)) {
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

/// Words of this length or more count in the title-case test (short
/// function words are lower case in title case too).
const TITLE_CASE_WORD_MIN: usize = 4;

/// A first line that reads as a headline: not opening a quotation, ending
/// in a full stop at most, and either in title case (at least three in
/// four of its longer words capitalised: "Mayor Says Ferry Will Run.") or
/// at most [`HEADLINE_MAX_WORDS`] words long.
fn looks_like_headline(line: &str) -> bool {
    if line.starts_with(['“', '"', '‘']) || line.split_whitespace().count() > HEADING_MAX_WORDS + 6 {
        return false;
    }
    if speaker_headline(line) {
        return true;
    }
    let words = line.split_whitespace().count();
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

fn trim_span(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let trimmed_start = slice.trim_start();
    let start = span.start + (slice.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end().len();
    Span::new(start, end)
}

/// Markdown via pulldown-cmark: prose is the text of paragraphs, headings,
/// list items and table cells; code, HTML, link targets and front matter are masked.
fn markdown(text: &str) -> Prose<'_> {
    let mut mask = vec![b' '; text.len()];
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        mask[i] = b'\n';
    }
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    // An open block: its kind, the extent of the prose seen inside it, and
    // whether all of that prose is emphasised, a link's text or an image's.
    struct Open {
        kind: BlockKind,
        extent: Option<Span>,
        all_emphasis: bool,
        all_link: bool,
        all_image: bool,
    }
    let open = |kind| Open {
        kind,
        extent: None,
        all_emphasis: true,
        all_link: true,
        all_image: true,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut skip_depth = 0usize; // inside code blocks and metadata
    let (mut emphasis, mut links, mut images) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => emphasis += 1,
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => stack.push(open(BlockKind::Body)),
            Event::Start(Tag::Heading { .. }) => stack.push(open(BlockKind::Heading)),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)) => {
                if let Some(block) = stack.pop() {
                    if let Some(span) = block.extent {
                        // The markup's parts of a story: an image's text (and the
                        // emphasised line under it) is its caption, a block of
                        // links alone a link list, an emphasised paragraph right
                        // under the headline the standfirst.
                        let after = blocks.last().map(|b| b.kind);
                        let kind = match block.kind {
                            BlockKind::Body if block.all_image => BlockKind::Caption,
                            BlockKind::Body if block.all_link => BlockKind::LinkList,
                            BlockKind::Body if block.all_emphasis && after == Some(BlockKind::Caption) => {
                                BlockKind::Caption
                            }
                            BlockKind::Body
                                if block.all_emphasis && blocks.len() == 1 && after == Some(BlockKind::Heading) =>
                            {
                                BlockKind::Standfirst
                            }
                            kind => kind,
                        };
                        blocks.push(Block { span, kind });
                    }
                }
            }
            Event::Text(_) if skip_depth == 0 => {
                // Copy the original bytes: the range covers exactly this text
                // (entities and escapes stay as written; offsets stay exact).
                mask[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
                if let Some(open) = stack.last_mut() {
                    let span = Span::from(range);
                    open.extent = Some(open.extent.map_or(span, |e| e.join(span)));
                    // Spaces between the parts do not count.
                    if !text[span.start..span.end].trim().is_empty() {
                        open.all_emphasis &= emphasis > 0;
                        open.all_link &= links > 0;
                        open.all_image &= images > 0;
                    }
                }
            }
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.span.start);
    // Only whole characters of the original were copied, every other byte is
    // ASCII, so the mask is valid UTF-8.
    let masked = String::from_utf8(mask).unwrap_or_default();
    Prose {
        text: Cow::Owned(masked),
        blocks,
        offsets: OffsetMap::identity(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(text: &str, format: InputFormat) -> (SourceFile, Vec<(BlockKind, String)>) {
        let file = SourceFile::new("t", text, format);
        let prose = Prose::of(&file);
        let blocks = prose
            .blocks
            .iter()
            .map(|b| (b.kind, b.span.slice(&prose.text).to_string()))
            .collect();
        (file, blocks)
    }

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
    fn datelines_by_their_shape() {
        fn len(p: &str) -> Option<&str> {
            dateline_len(p).map(|n| &p[..n])
        }
        assert_eq!(
            len("KESTREL BAY, Ontario — The pier reopens."),
            Some("KESTREL BAY, Ontario — ")
        );
        assert_eq!(len("TULL (Reuters) - The pier reopens."), Some("TULL (Reuters) - "));
        assert_eq!(
            len("PORT ANSEL, N.D., Sept. 26 (UPI) — It reopens."),
            Some("PORT ANSEL, N.D., Sept. 26 (UPI) — ")
        );
        assert_eq!(
            len("Aug. 27 (Reuters) - The pier reopens."),
            Some("Aug. 27 (Reuters) - ")
        );
        assert_eq!(len("TULL ― The pier reopens."), Some("TULL ― "));
        assert_eq!(len("TULL -- The pier reopens."), Some("TULL -- "));
        // Copy with a dash, a dash with nothing after it, a lower-case place.
        assert_eq!(len("I — like many — use the pier."), None);
        assert_eq!(len("Mayor Corbo — who chairs the board — spoke."), None);
        assert_eq!(len("TULL —"), None);
        assert_eq!(len("Tull, Ontario — The pier reopens."), None);
        assert_eq!(len("The pier reopens today."), None);
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

    #[test]
    fn markdown_story_parts_come_from_the_markup() {
        let text = concat!(
            "# Tull Ferry Runs All Winter\n\n*The board backs a winter timetable.*\n\n",
            "The ferry will run, Mayor Ines Corbo said. It is *certain*, she added.\n\n",
            "![The ferry at Tull](ferry.jpg)\n\n*The ferry leaves Tull at dawn. Photo: Ada Quill*\n\n",
            "- [Ferry fares frozen](fares.html)\n- [Board names chair](chair.html)\n\n",
            "*Fares stay as they are, the clerk said.*\n"
        );
        let (_, blocks) = prose_of(text, InputFormat::Markdown);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Heading, Standfirst, Body, Caption, Caption, LinkList, LinkList, Body]
        );
    }

    #[test]
    fn markdown_masks_code_links_and_comments() {
        let text = "---\ntitle: x\n---\n# Fares rise\n\nShe said [it](https://x.org/said) was *fine*.\n\n<!-- said -->\n\n```\nsaid\n```\n";
        let file = SourceFile::new("t.md", text, InputFormat::Markdown);
        let prose = Prose::of(&file);
        assert_eq!(prose.text.len(), text.len());
        assert_eq!(prose.text.matches("said").count(), 1);
        assert_eq!(prose.blocks.len(), 2);
        assert_eq!(prose.blocks[0].kind, BlockKind::Heading);
        assert_eq!(prose.blocks[0].span.slice(text), "Fares rise");
    }
}
