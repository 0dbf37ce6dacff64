//! Helpers for the HTML tests: a page's blocks as text and as the source
//! text they map to.

use super::html;
use crate::text::prose::BlockKind;

/// The blocks of `html` as text, and as the source text they map to.
pub(super) fn blocks(source: &str) -> Vec<(BlockKind, String, String)> {
    let prose = html(source);
    prose
        .blocks
        .iter()
        .map(|b| {
            (
                b.kind,
                b.span.slice(&prose.text).to_string(),
                prose.offsets.span(b.span).slice(source).to_string(),
            )
        })
        .collect()
}
