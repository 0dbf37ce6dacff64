//! LSP positions and attrib's byte offsets.
//!
//! attrib's spans are byte offsets into the text. An LSP position is a line
//! and a character offset in that line, counted in the code units of the
//! encoding client and server agreed on at `initialize`: UTF-8 bytes when the
//! client offers `utf-8`, UTF-16 code units (the protocol's default)
//! otherwise. Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit of an LSP position's `character`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding to use given what the client offers (in its order of
    /// preference): UTF-8 when offered, since attrib's offsets are bytes,
    /// else UTF-16, which every client supports.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        let offers_utf8 = offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, to turn offsets into positions and back.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // "\r\n" is one line end, counted at its "\n".
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts, encoding }
    }

    /// The position of byte `offset` (clamped to the text, and moved back to
    /// the start of the character it falls inside).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, text: &str, span: attrib::Span) -> Range {
        Range::new(self.position(text, span.start), self.position(text, span.end))
    }

    /// The byte offset of a position. A line past the end is the end of the
    /// text; a character past the end of its line is the end of the line
    /// (the protocol asks servers to clamp); a character inside a UTF-8 or
    /// UTF-16 sequence is the start of that character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.line_content_end(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + self.encoding.units(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The end of line `line`'s text, before its line end.
    fn line_content_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = &text[self.starts[line]..next];
        let trimmed = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .or_else(|| content.strip_suffix('\r'))
            .unwrap_or(content);
        self.starts[line] + trimmed.len()
    }

    /// The byte offset where line `line` starts (the text's end past the last line).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Curly quotes (3 UTF-8 bytes, 1 UTF-16 unit), a diacritic (2 bytes, 1
    /// unit) and an emoji (4 bytes, 2 units) before the word looked up.
    const TEXT: &str = "“Fares will rise,” said Zoë Ångström.\r\nThe 🚢 docked; Vance said so.\nEnd";

    fn offset_of(word: &str) -> usize {
        TEXT.find(word).unwrap()
    }

    #[test]
    fn utf16_counts_code_units() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        // “, 16 ASCII characters, ” and a space: 19 units before "said".
        assert_eq!(index.position(TEXT, offset_of("said")), Position::new(0, 19));
        // "Zoë " is 4 units: "Å" is at 28.
        assert_eq!(index.position(TEXT, offset_of("Ångström")), Position::new(0, 28));
        // "The " 4, the emoji 2, " docked; " 9.
        assert_eq!(index.position(TEXT, offset_of("Vance")), Position::new(1, 15));
        assert_eq!(index.position(TEXT, offset_of("End")), Position::new(2, 0));
    }

    #[test]
    fn utf8_counts_bytes() {
        let index = LineIndex::new(TEXT, Encoding::Utf8);
        let line_two = offset_of("The");
        assert_eq!(
            index.position(TEXT, offset_of("Vance")),
            Position::new(1, (offset_of("Vance") - line_two) as u32)
        );
        assert_eq!(index.position(TEXT, offset_of("said")), Position::new(0, 23));
    }

    #[test]
    fn positions_and_offsets_round_trip_at_every_character() {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let index = LineIndex::new(TEXT, encoding);
            for (offset, _) in TEXT.char_indices().filter(|&(i, _)| !TEXT[..i].ends_with('\r')) {
                let position = index.position(TEXT, offset);
                assert_eq!(index.offset(TEXT, position), offset, "{encoding:?} at {offset}");
            }
            assert_eq!(index.offset(TEXT, index.position(TEXT, TEXT.len())), TEXT.len());
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        // Past the end of line 0: the end of its text, before "\r\n".
        assert_eq!(index.offset(TEXT, Position::new(0, 500)), TEXT.find('\r').unwrap());
        assert_eq!(index.offset(TEXT, Position::new(9, 0)), TEXT.len());
        // Inside the emoji's surrogate pair: the emoji's start.
        assert_eq!(index.offset(TEXT, Position::new(1, 5)), offset_of("🚢"));
        // An offset inside a character is taken back to its start.
        let inside = offset_of("ë") + 1;
        assert_eq!(index.position(TEXT, inside), index.position(TEXT, inside - 1));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "one\rtwo\r\nthree";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.position(text, 4), Position::new(1, 0));
        assert_eq!(index.position(text, text.find("three").unwrap()), Position::new(2, 0));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }
}
