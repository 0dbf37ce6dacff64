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

/// What a block of prose is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, list item or table cell of running text.
    Body,
    /// A headline or cross-head: read, but not checked as a claim.
    Heading,
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
        let wrapped = lines.len() > 1
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
    let (mut long, mut capitalised) = (0, 0);
    for word in line.split_whitespace() {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.chars().count() < TITLE_CASE_WORD_MIN || !word.starts_with(char::is_alphabetic) {
            continue;
        }
        long += 1;
        capitalised += usize::from(word.starts_with(char::is_uppercase));
    }
    let words = line.split_whitespace().count();
    let title_case = long >= 2 && capitalised * 4 >= long * 3;
    let ends_plainly = !line
        .trim_end()
        .ends_with(['?', '!', ':', ',', '”', '"', '’', '\'', ')']);
    ends_plainly && (title_case || words <= HEADLINE_MAX_WORDS)
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
    // An open block: its kind and the extent of the prose seen inside it.
    struct Open {
        kind: BlockKind,
        extent: Option<Span>,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks = Vec::new();
    let mut skip_depth = 0usize; // inside code blocks and metadata
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => stack.push(Open {
                kind: BlockKind::Body,
                extent: None,
            }),
            Event::Start(Tag::Heading { .. }) => stack.push(Open {
                kind: BlockKind::Heading,
                extent: None,
            }),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)) => {
                if let Some(Open {
                    kind,
                    extent: Some(span),
                }) = stack.pop()
                {
                    blocks.push(Block { span, kind });
                }
            }
            Event::Text(_) if skip_depth == 0 => {
                // Copy the original bytes: the range covers exactly this text
                // (entities and escapes stay as written; offsets stay exact).
                mask[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
                if let Some(open) = stack.last_mut() {
                    let span = Span::from(range);
                    open.extent = Some(open.extent.map_or(span, |e| e.join(span)));
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
