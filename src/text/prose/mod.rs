//! Input formats: which parts of a file are prose, and how they divide into blocks.
//!
//! The analysis never rewrites the text. For Markdown it works on a *masked*
//! copy of the same length in which everything that is not prose (markup,
//! code, HTML comments, link targets, front matter) is replaced by spaces, so
//! every byte offset found in the mask is also an offset into the original.
//! HTML is analysed as its decoded text, with an [`OffsetMap`] back to the
//! original (see [`super::html`]).
//!
//! This file holds the block kinds ([`BlockKind`], [`BlockKinds`]), [`Block`]
//! and [`Prose`], whose [`Prose::of`] reads a file by its format, and a Word
//! document's blocks. The rest is one file per concern:
//!
//! - `dateline`: the dateline opening a paragraph, by its shape;
//! - `plain`: plain text: blocks, hard-wrapped lines, headings, the headline and
//!   its standfirst;
//! - `markdown`: Markdown via pulldown-cmark, everything that is not prose masked.

mod dateline;
mod markdown;
mod plain;
#[cfg(test)]
mod test_support;

pub use dateline::dateline_len;

use super::offsets::OffsetMap;
use super::{InputFormat, SourceFile, Span};
use markdown::markdown;
use plain::plain;
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

fn trim_span(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let trimmed_start = slice.trim_start();
    let start = span.start + (slice.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end().len();
    Span::new(start, end)
}
