//! Source files and the line index that turns byte offsets into lines and columns.

use std::path::Path;

/// How a file's text is to be read.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Plain,
    Markdown,
    /// HTML5: prose from the markup, character references decoded.
    Html,
    /// A Word document (.docx), read as its text: one line per paragraph
    /// (see [`super::docx`]). A `SourceFile` of this format holds that text.
    Docx,
}

impl InputFormat {
    /// The format implied by a file name: `.md` and `.markdown` are Markdown,
    /// `.html`, `.htm` and `.xhtml` are HTML, `.docx` is a Word document,
    /// everything else is plain text.
    pub fn from_path(path: &Path) -> Self {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let is = |names: &[&str]| names.iter().any(|n| ext.eq_ignore_ascii_case(n));
        if is(&["md", "markdown"]) {
            InputFormat::Markdown
        } else if is(&["html", "htm", "xhtml"]) {
            InputFormat::Html
        } else if is(&["docx"]) {
            InputFormat::Docx
        } else {
            InputFormat::Plain
        }
    }
}

impl InputFormat {
    /// The format of text that came without a file name (stdin): HTML when
    /// it opens like an HTML document, plain text otherwise.
    pub fn sniff(text: &str) -> Self {
        let start = text.trim_start_matches('\u{feff}').trim_start();
        let opens = |prefix: &str| {
            start
                .get(..prefix.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
        };
        if opens("<!doctype html") || opens("<html") {
            InputFormat::Html
        } else {
            InputFormat::Plain
        }
    }
}

/// One article: its name, its text exactly as read, and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub format: InputFormat,
    line_starts: Vec<usize>,
    /// The blocks of a text whose reader knew them (a .docx: its non-empty
    /// paragraphs, headings marked); empty when [`crate::text::Prose::of`]
    /// finds the blocks in the text.
    blocks: Vec<crate::text::Block>,
    /// Characters before each [`COLUMN_BLOCK`]-byte boundary, built on the
    /// first column asked for on a long line: a column then costs at most one
    /// block's scan, so a file that is one huge line does not cost a scan of
    /// the line per finding.
    chars_before_block: std::sync::OnceLock<Vec<usize>>,
}

/// The block size of the character-count checkpoints of long lines.
const COLUMN_BLOCK: usize = 4096;

/// Characters in a run of UTF-8 bytes that starts and ends on character
/// boundaries: every byte that is not a continuation byte starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A position for people: 1-based line, 1-based column counted in characters.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Why bytes could not become a [`SourceFile`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name} is not valid UTF-8: invalid byte at line {line}, column {column} (byte offset {offset})")]
pub struct NotUtf8 {
    pub name: String,
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// Where each line after the first starts: after every LF, and after every
/// CR not followed by LF (files with CR-only line ends count their lines too).
fn line_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| i + 1)
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>, format: InputFormat) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(line_ends(text.as_bytes())).collect();
        SourceFile {
            name: name.into(),
            text,
            format,
            line_starts,
            blocks: Vec::new(),
            chars_before_block: std::sync::OnceLock::new(),
        }
    }

    /// A text whose blocks are known from where it came from (a .docx's
    /// paragraphs): `blocks` are spans of `text`, in order.
    pub fn with_blocks(
        name: impl Into<String>,
        text: impl Into<String>,
        format: InputFormat,
        blocks: Vec<crate::text::Block>,
    ) -> Self {
        let mut file = SourceFile::new(name, text, format);
        debug_assert!(blocks.iter().all(|b| b.span.end <= file.text.len()));
        file.blocks = blocks;
        file
    }

    /// The blocks given by [`SourceFile::with_blocks`].
    pub fn blocks(&self) -> &[crate::text::Block] {
        &self.blocks
    }

    /// Decode `bytes` as UTF-8, reporting where the first invalid byte is.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>, format: InputFormat) -> Result<Self, NotUtf8> {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text, format)),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let line = 1 + line_ends(&bytes[..offset]).count();
                let line_start = line_ends(&bytes[..offset]).last().unwrap_or(0);
                // The prefix up to `offset` is valid UTF-8, so this cannot fail.
                let column = 1 + std::str::from_utf8(&bytes[line_start..offset]).map_or(0, |s| s.chars().count());
                Err(NotUtf8 {
                    name,
                    offset,
                    line,
                    column,
                })
            }
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line and character column of a byte offset. A byte-order
    /// mark at the start of the file is not counted as a column, a CR before
    /// LF belongs to the line it ends, and a lone CR ends a line.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let mut line_start = self.line_starts[line_index];
        if line_index == 0 && self.text.starts_with('\u{feff}') && offset >= 3 {
            line_start = 3;
        }
        let column = 1 + if offset - line_start <= 2 * COLUMN_BLOCK {
            self.text[line_start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        };
        LineColumn {
            line: line_index + 1,
            column,
        }
    }

    /// The number of characters in `text[..offset]` (`offset` on a character
    /// boundary), from the block checkpoints and one partial block.
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let blocks = self.chars_before_block.get_or_init(|| {
            let mut before = Vec::with_capacity(bytes.len() / COLUMN_BLOCK + 2);
            let mut count = 0;
            for block in bytes.chunks(COLUMN_BLOCK) {
                before.push(count);
                count += count_chars(block);
            }
            before.push(count);
            before
        });
        let block = offset / COLUMN_BLOCK;
        blocks[block] + count_chars(&bytes[block * COLUMN_BLOCK..offset])
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// The byte span of a 1-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> crate::Span {
        let start = self.line_starts[line - 1];
        let mut end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        crate::Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("a", "“Yes,” she said.\nNext line", InputFormat::Plain);
        let said = file.text.find("said").unwrap();
        assert_eq!(file.line_column(said), LineColumn { line: 1, column: 12 });
        let next = file.text.find("Next").unwrap();
        assert_eq!(file.line_column(next), LineColumn { line: 2, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_count_characters_from_the_checkpoints() {
        // Several blocks of mixed one-, two- and three-byte characters on one
        // line after a short first line and a byte-order mark.
        let line = "Zoë said “ja” — ok. ".repeat(3 * COLUMN_BLOCK / 10);
        let text = format!("\u{feff}Title\n{line}\n{line}");
        let file = SourceFile::new("a", text.clone(), InputFormat::Plain);
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line_start = if line_start == 0 && offset >= 3 { 3 } else { line_start };
            let expected = 1 + text[line_start..offset].chars().count();
            assert_eq!(file.line_column(offset).column, expected, "offset {offset}");
        }
        assert_eq!(file.line_column(text.len()).line, 3);
    }

    #[test]
    fn bom_and_crlf_keep_positions() {
        let file = SourceFile::new("a", "\u{feff}One.\r\nTwo said.\r\n", InputFormat::Plain);
        assert_eq!(file.line_column(3), LineColumn { line: 1, column: 1 });
        let two = file.text.find("Two").unwrap();
        assert_eq!(file.line_column(two), LineColumn { line: 2, column: 1 });
        assert_eq!(file.line_span(1).slice(&file.text), "\u{feff}One.");
        assert_eq!(file.line_span(2).slice(&file.text), "Two said.");
    }

    #[test]
    fn formats_from_names_and_content() {
        assert_eq!(InputFormat::from_path(Path::new("a/b.HTML")), InputFormat::Html);
        assert_eq!(InputFormat::from_path(Path::new("b.md")), InputFormat::Markdown);
        assert_eq!(InputFormat::from_path(Path::new("story.DOCX")), InputFormat::Docx);
        assert_eq!(InputFormat::sniff("\n<!DOCTYPE html><p>x"), InputFormat::Html);
        assert_eq!(InputFormat::sniff("<html lang=en>"), InputFormat::Html);
        assert_eq!(InputFormat::sniff("<b>Not</b> a document"), InputFormat::Plain);
    }

    #[test]
    fn invalid_utf8_names_its_position() {
        let err = SourceFile::from_bytes("bad.txt", b"ok\nab\xffcd".to_vec(), InputFormat::Plain).unwrap_err();
        assert_eq!((err.line, err.column, err.offset), (2, 3, 5));
        assert!(err.to_string().contains("bad.txt"));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let file = SourceFile::new("a", "One.\rTwo.\r\nThree.\r\rFive.", InputFormat::Plain);
        let five = file.text.find("Five").unwrap();
        assert_eq!(file.line_column(five), LineColumn { line: 5, column: 1 });
        assert_eq!(file.line_span(2).slice(&file.text), "Two.");
        assert_eq!(file.line_span(4).slice(&file.text), "");
        let err = SourceFile::from_bytes("cr.txt", b"a\rb\r\xff".to_vec(), InputFormat::Plain).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
    }
}
