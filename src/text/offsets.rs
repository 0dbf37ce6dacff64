//! Offsets of an analysis text that is not a same-length copy of its source.
//!
//! Plain text is analysed as it is and Markdown as a masked copy of the same
//! length, so their analysis offsets are source offsets. HTML cannot work that
//! way: a character reference (`&rsquo;`, `&iacute;`) is longer than the
//! character it stands for, and padding the difference with spaces would cut
//! words in two ("don&rsquo;t", "Garc&iacute;a"). So an HTML article is
//! analysed as its decoded text, tags removed, and an [`OffsetMap`] maps every
//! span found in it back to the bytes of the original file that produced it.
//! Spans are mapped once, where results leave the library (findings, reports).

use crate::Span;

/// A run of the analysis text and the run of the source it came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct Segment {
    analysis: usize,
    source: usize,
    analysis_len: usize,
    source_len: usize,
    /// Copied byte for byte: offsets inside map one to one. Otherwise the run
    /// stands for its whole source range (a decoded reference, an inserted
    /// paragraph break or quotation mark).
    copied: bool,
}

impl Segment {
    fn analysis_end(&self) -> usize {
        self.analysis + self.analysis_len
    }

    fn source_end(&self) -> usize {
        self.source + self.source_len
    }
}

/// Analysis offsets to source offsets. Empty means the identity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    /// The map of a text analysed as it is (or as a same-length copy).
    pub fn identity() -> Self {
        OffsetMap::default()
    }

    pub fn is_identity(&self) -> bool {
        self.segments.is_empty()
    }

    /// The analysis text grew by `len` bytes copied from the source at `source`.
    pub fn push_copied(&mut self, analysis: usize, source: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.copied && last.analysis_end() == analysis && last.source_end() == source {
                last.analysis_len += len;
                last.source_len += len;
                return;
            }
        }
        self.push(Segment {
            analysis,
            source,
            analysis_len: len,
            source_len: len,
            copied: true,
        });
    }

    /// The analysis text grew by `analysis_len` bytes that stand for the
    /// source bytes `source` (possibly empty: an inserted break).
    pub fn push_replaced(&mut self, analysis: usize, analysis_len: usize, source: Span) {
        if analysis_len == 0 {
            return;
        }
        self.push(Segment {
            analysis,
            source: source.start,
            analysis_len,
            source_len: source.len(),
            copied: false,
        });
    }

    fn push(&mut self, segment: Segment) {
        debug_assert!(self
            .segments
            .last()
            .is_none_or(|l| l.analysis_end() == segment.analysis));
        self.segments.push(segment);
    }

    /// The source offset where the analysis text from `offset` on comes from.
    pub fn start(&self, offset: usize) -> usize {
        if self.segments.is_empty() {
            return offset;
        }
        let i = self
            .segments
            .partition_point(|s| s.analysis <= offset)
            .saturating_sub(1);
        let segment = &self.segments[i];
        if offset >= segment.analysis_end() {
            // Past the end of the text.
            return segment.source_end();
        }
        if segment.copied {
            segment.source + (offset - segment.analysis)
        } else {
            segment.source
        }
    }

    /// The source offset where the analysis text up to `offset` ends.
    pub fn end(&self, offset: usize) -> usize {
        if self.segments.is_empty() {
            return offset;
        }
        let i = self.segments.partition_point(|s| s.analysis < offset);
        if i == 0 {
            return self.segments[0].source;
        }
        let segment = &self.segments[i - 1];
        let offset = offset.min(segment.analysis_end());
        if segment.copied {
            segment.source + (offset - segment.analysis)
        } else {
            segment.source_end()
        }
    }

    /// The analysis span of a source span (the inverse of [`OffsetMap::span`]):
    /// a source position in markup that is not in the analysis text moves to
    /// the next analysis text for a start and the previous for an end. Source
    /// offsets only grow along the segments, so both are binary searches.
    pub fn analysis_span(&self, span: Span) -> Span {
        if self.segments.is_empty() {
            return span;
        }
        let start = {
            // The first segment whose source run ends after the offset.
            let i = self.segments.partition_point(|s| s.source_end() <= span.start);
            match self.segments.get(i) {
                None => self.segments.last().map_or(0, Segment::analysis_end),
                Some(s) if s.copied && span.start >= s.source => s.analysis + (span.start - s.source),
                Some(s) => s.analysis,
            }
        };
        if span.is_empty() {
            return Span::empty(start);
        }
        let end = {
            // The last segment whose source run starts before the offset.
            let i = self.segments.partition_point(|s| s.source < span.end);
            match i.checked_sub(1).map(|i| &self.segments[i]) {
                None => 0,
                Some(s) if s.copied => s.analysis + (span.end - s.source).min(s.analysis_len),
                Some(s) => s.analysis_end(),
            }
        };
        Span::new(start, end.max(start))
    }

    /// The source span of an analysis span.
    pub fn span(&self, span: Span) -> Span {
        if self.segments.is_empty() {
            return span;
        }
        let start = self.start(span.start);
        if span.is_empty() {
            return Span::empty(start);
        }
        Span::new(start, self.end(span.end).max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "don&rsquo;t" analysed as "don’t".
    fn apostrophe() -> OffsetMap {
        let mut map = OffsetMap::identity();
        map.push_copied(0, 0, 3);
        map.push_replaced(3, 3, Span::new(3, 10));
        map.push_copied(6, 10, 1);
        map
    }

    #[test]
    fn identity_when_empty() {
        assert_eq!(OffsetMap::identity().span(Span::new(2, 5)), Span::new(2, 5));
    }

    #[test]
    fn a_decoded_reference_maps_to_the_whole_reference() {
        let map = apostrophe();
        assert_eq!(map.span(Span::new(0, 7)), Span::new(0, 11));
        assert_eq!(map.span(Span::new(3, 6)), Span::new(3, 10));
        assert_eq!(map.span(Span::new(6, 7)), Span::new(10, 11));
        assert_eq!(map.span(Span::new(0, 3)), Span::new(0, 3));
    }

    #[test]
    fn source_spans_map_back_to_analysis_spans() {
        let map = apostrophe();
        for analysis in [
            Span::new(0, 7),
            Span::new(3, 6),
            Span::new(6, 7),
            Span::new(0, 3),
            Span::new(1, 2),
        ] {
            assert_eq!(map.analysis_span(map.span(analysis)), analysis);
        }
        // Inside the reference: the whole decoded character.
        assert_eq!(map.analysis_span(Span::new(4, 5)), Span::new(3, 6));
    }

    #[test]
    fn adjacent_copies_merge_and_gaps_are_skipped() {
        let mut map = OffsetMap::identity();
        // "<p>Hi <b>you</b></p>" analysed as "Hi you".
        map.push_copied(0, 3, 3);
        map.push_copied(3, 9, 3);
        assert_eq!(map.segments.len(), 2);
        assert_eq!(map.span(Span::new(0, 6)), Span::new(3, 12));
        // The end of "Hi " stays before the <b> tag.
        assert_eq!(map.span(Span::new(0, 2)), Span::new(3, 5));
        assert_eq!(map.span(Span::empty(6)), Span::empty(12));
    }
}
