//! Source transcripts: reading them, and splitting them into speaker turns.
//!
//! A line that opens with a speaker label — `MINISTER OLU ADEYEMI:`, `Q:`,
//! `A:`, `ADEYEMI:`, or a registry name in any case (`Olu Adeyemi:`),
//! optionally after a time stamp (`[00:12:31]`) or Markdown emphasis
//! (`**ADEYEMI:**`) — starts a turn that runs to the next label. Text before
//! the first label (a heading, the date, the place) is nobody's words. A
//! transcript with no label at all is one turn.

use crate::text::label::label_of;
use crate::text::{InputFormat, Prose, SourceFile};
use std::path::Path;

/// A transcript's text and its turns.
#[derive(Debug, Clone)]
pub struct Transcript {
    /// The name reports use: the path as given, or a description.
    pub name: String,
    /// The text compared. For Markdown, a copy of the same length with the
    /// markup blanked out, so offsets and lines are the file's.
    pub text: String,
    /// Registry speakers that list this transcript among their `sources`.
    pub owners: Vec<usize>,
}

/// One speaker's turn: the label (when there is one) and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    /// The label's words, without the colon, as byte range into the text.
    pub label: Option<(usize, usize)>,
    /// The words of the turn, as byte range into the text.
    pub span: (usize, usize),
}

/// Why a transcript could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file system refused.
    Io(String),
    /// The bytes are not UTF-8; `encoding` names what they look like.
    NotUtf8 {
        line: usize,
        column: usize,
        encoding: &'static str,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(reason) => write!(f, "cannot read it: {reason}"),
            ReadError::NotUtf8 { line, column, encoding } => write!(
                f,
                "it is not UTF-8 ({encoding}): invalid byte at line {line}, column {column}"
            ),
        }
    }
}

/// Read a transcript file's text: UTF-8 (a byte-order mark is dropped);
/// Markdown (`.md`, `.markdown`) with its markup blanked out; a Word
/// document (`.docx`) as its paragraphs, one per line.
pub fn read(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if InputFormat::from_path(path) == InputFormat::Docx {
        // A Word transcript: its text, one paragraph per line.
        return crate::text::docx::read(path.display().to_string(), &bytes)
            .map(|file| file.text)
            .map_err(|e| ReadError::Io(e.to_string()));
    }
    let text = decode(bytes)?;
    Ok(match InputFormat::from_path(path) {
        InputFormat::Plain => text,
        // Markup blanked out, offsets kept (a transcript given as .html too).
        format => masked(text, format),
    })
}

/// Bytes as UTF-8 text, or where and why not.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    let encoding = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16 little-endian, by its byte-order mark")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16 big-endian, by its byte-order mark")
    } else {
        None
    };
    let zeros = bytes.iter().filter(|&&b| b == 0).count();
    if encoding.is_none() && zeros > 0 && zeros * 4 > bytes.len() {
        // Valid UTF-8 with a NUL every other byte: UTF-16 without a byte-order mark.
        let first = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        let before = &bytes[..first];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        return Err(ReadError::NotUtf8 {
            line,
            column,
            encoding: "probably UTF-16: many zero bytes",
        });
    }
    match String::from_utf8(bytes) {
        Ok(mut text) if encoding.is_none() => {
            if text.starts_with('\u{feff}') {
                // The BOM is replaced by spaces of the same length so offsets hold.
                text.replace_range(..3, "   ");
            }
            Ok(text)
        }
        Ok(_) => unreachable!("a UTF-16 byte-order mark is never valid UTF-8"),
        Err(err) => {
            let bytes = err.as_bytes();
            let offset = err.utf8_error().valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            let encoding = encoding.unwrap_or_else(|| {
                if bytes.iter().filter(|&&b| b == 0).count() * 4 > bytes.len() {
                    "probably UTF-16: many zero bytes"
                } else {
                    "probably Latin-1 or Windows-1252"
                }
            });
            Err(ReadError::NotUtf8 { line, column, encoding })
        }
    }
}

fn masked(text: String, format: InputFormat) -> String {
    let source = SourceFile::new("", text, format);
    Prose::of(&source).text.into_owned()
}

/// Split a transcript into turns. `is_name` says whether a label written in
/// mixed case ("Olu Adeyemi") names a known speaker; an all-capitals label
/// is always a label.
pub fn turns(text: &str, is_name: &dyn Fn(&str) -> bool) -> Vec<Turn> {
    // (where the label's line starts, the label, where its words start)
    let mut labels: Vec<(usize, (usize, usize), usize)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some((label, body_start)) = label_of(line, is_name) {
            labels.push((
                line_start,
                (line_start + label.0, line_start + label.1),
                line_start + body_start,
            ));
        }
        line_start += line.len();
    }
    if labels.is_empty() {
        return vec![Turn {
            label: None,
            span: (0, text.len()),
        }];
    }
    let mut turns = Vec::with_capacity(labels.len());
    for (i, &(_, label, body_start)) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(text.len(), |next| next.0);
        turns.push(Turn {
            label: Some(label),
            span: (body_start, end.max(body_start)),
        });
    }
    turns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(Option<&str>, &str)> {
        let known = |l: &str| l.eq_ignore_ascii_case("olu adeyemi");
        turns(text, &known)
            .into_iter()
            .map(|t| (t.label.map(|(s, e)| &text[s..e]), text[t.span.0..t.span.1].trim()))
            .collect()
    }

    #[test]
    fn labels_start_turns() {
        let text = "Press conference, Harbour Hall\n\nMINISTER OLU ADEYEMI: Good morning.\nWe begin.\n\
                    Q: Will fares rise?\nA: Not this year.\n";
        assert_eq!(
            split(text),
            [
                (Some("MINISTER OLU ADEYEMI"), "Good morning.\nWe begin."),
                (Some("Q"), "Will fares rise?"),
                (Some("A"), "Not this year.")
            ]
        );
    }

    #[test]
    fn mixed_case_labels_only_for_known_names() {
        let text = "Olu Adeyemi: We will.\nNote: the recording cut out.\n";
        assert_eq!(
            split(text),
            [(Some("Olu Adeyemi"), "We will.\nNote: the recording cut out.")]
        );
    }

    #[test]
    fn time_stamps_and_emphasis_before_labels() {
        let text = "[00:01:02] ADEYEMI: First.\n**REPORTER:** Second.\n";
        assert_eq!(
            split(text),
            [(Some("ADEYEMI"), "First."), (Some("REPORTER"), "Second.")]
        );
    }

    #[test]
    fn colons_that_are_not_labels() {
        let text = "We met at 10:30 and agreed: no new levy.\nThe results: good.\n";
        assert_eq!(split(text), [(None, text.trim())]);
    }

    #[test]
    fn not_utf8_is_located_and_named() {
        let err = decode(b"line one\nna\xefve\n".to_vec()).unwrap_err();
        assert_eq!(
            err,
            ReadError::NotUtf8 {
                line: 2,
                column: 3,
                encoding: "probably Latin-1 or Windows-1252"
            }
        );
        let utf16 = decode(vec![0xFF, 0xFE, b'A', 0, b'B', 0]).unwrap_err();
        assert!(utf16.to_string().contains("UTF-16 little-endian"));
    }
}
