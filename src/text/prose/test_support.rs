//! Helpers for the prose tests: a text read in a format, its blocks as
//! (kind, text) pairs.

use super::{BlockKind, Prose};
use crate::text::{InputFormat, SourceFile};

pub(super) fn prose_of(text: &str, format: InputFormat) -> (SourceFile, Vec<(BlockKind, String)>) {
    let file = SourceFile::new("t", text, format);
    let prose = Prose::of(&file);
    let blocks = prose
        .blocks
        .iter()
        .map(|b| (b.kind, b.span.slice(&prose.text).to_string()))
        .collect();
    (file, blocks)
}
