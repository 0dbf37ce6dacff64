//! Byte spans into the original text.

use serde::Serialize;
use std::ops::Range;

/// A half-open byte range `start..end` into the original text of a source file.
///
/// Every position attrib reports is one of these; lines and columns are only
/// computed when a finding is rendered.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub const fn empty(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether `other` lies entirely inside `self`.
    pub const fn covers(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers.
    ///
    /// # Panics
    /// When the span is outside `text` or not on character boundaries; spans
    /// are always built from the text they index, so this is a bug.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The span of `inner`, a sub-slice of `outer` whose own span is `self`.
    pub fn of_subslice(self, outer: &str, inner: &str) -> Span {
        let start = self.start + (inner.as_ptr() as usize - outer.as_ptr() as usize);
        Span::new(start, start + inner.len())
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// The byte offset of `inner` within `outer`, where `inner` is a sub-slice of
/// `outer` (as produced by the nom parsers, which only ever narrow their input).
pub fn offset_in(outer: &str, inner: &str) -> usize {
    let offset = inner.as_ptr() as usize - outer.as_ptr() as usize;
    debug_assert!(offset + inner.len() <= outer.len());
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subslice_spans_are_absolute() {
        let text = "ab cd ef";
        let sentence = &text[3..];
        let word = &sentence[0..2];
        assert_eq!(Span::new(3, 8).of_subslice(sentence, word), Span::new(3, 5));
        assert_eq!(offset_in(text, word), 3);
    }

    #[test]
    fn overlap_and_cover() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(a.covers(Span::new(1, 5)));
        assert_eq!(a.join(Span::new(7, 9)), Span::new(0, 9));
    }
}
