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
