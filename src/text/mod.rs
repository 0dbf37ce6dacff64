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

/// The words of `text` (runs of letters and digits) with the byte offset of
/// each in `text`: "the fans’ bus" gives (0, "the"), (4, "fans"), (12, "bus").
pub fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        // `split` yields subslices of `text`: the pointer difference is the offset.
        .map(move |word| (word.as_ptr() as usize - base, word))
}

#[cfg(test)]
mod tests {
    use super::words_at;

    #[test]
    fn words_know_their_byte_offsets() {
        let words: Vec<_> = words_at("the fans’ bus, 2 km").collect();
        assert_eq!(words, [(0, "the"), (4, "fans"), (12, "bus"), (17, "2"), (19, "km")]);
    }
}
