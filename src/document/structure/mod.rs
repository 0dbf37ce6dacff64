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
//!
//! This file holds [`classify`], which reads each short block and gives it its
//! kind, and finds the dateline. The rest is one file per concern:
//!
//! - `lines`: what one short line is (a byline, a caption or credit, boilerplate,
//!   a label, left-over markup, a link);
//! - `runs`: blocks read with their neighbours (runs of story titles, pull quotes
//!   and their credit lines, decks under the headline);
//! - `voice`: whether the writer speaks as "I" (a column, a letter, an essay).

mod lines;
mod runs;
#[cfg(test)]
mod test_support;
mod voice;

use crate::rules::Lexicon;
use crate::text::floor_char_boundary;
use crate::text::prose::dateline_len;
use crate::text::{Block, BlockKind};
use crate::Span;
use lines::{capital_label, is_boilerplate, is_byline, is_caption, is_markup, label_in, link_line};
use runs::{mark_decks, mark_link_runs, mark_pull_quotes};
pub use voice::{is_opinion_piece, written_in_first_person};

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
    mark_decks(text, blocks, lexicon);
    let first = blocks.iter().find(|b| b.kind == BlockKind::Body)?;
    let len = dateline_len(first.span.slice(text))?;
    Some(Span::new(first.span.start, first.span.start + len))
}

/// The bytes of a long line's start that openers are looked for in (the
/// longest opener is shorter).
const LINE_HEAD_BYTES: usize = 64;

#[cfg(test)]
mod tests {
    use super::test_support::{article, kinds, BODY, LEDE};

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
