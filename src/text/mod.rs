//! Source text: spans, files, line index and input formats.

pub mod docx;
pub mod html;
pub mod label;
pub mod offsets;
pub mod prose;
pub mod source;
pub mod span;

pub use offsets::OffsetMap;
pub use prose::{Block, BlockKind, BlockKinds, Prose};
pub use source::{InputFormat, LineColumn, NotUtf8, SourceFile};
pub use span::Span;

/// The largest char boundary of `text` at or below `at` (`at` past the end
/// gives the end): where to cut a byte window without splitting a character.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
