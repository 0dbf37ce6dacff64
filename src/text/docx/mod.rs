//! Word documents (.docx): the text of a WordprocessingML package.
//!
//! A .docx is a zip archive of XML parts, so it has no byte offsets an editor
//! could use. attrib therefore analyses, and reports positions in, the text it
//! extracts: one line per paragraph, in reading order (the body's paragraphs,
//! table cells' paragraphs among them, then the footnotes, then the endnotes).
//! That text *is* the [`SourceFile`]'s text, so a finding's line is the
//! paragraph's number and its column the character in the paragraph, as
//! `attrib check` prints, JSON and SARIF give them (docs/formats.md, ".docx").
//!
//! The zip is read with the `zip` crate and every part with `quick-xml`'s
//! event reader. What is text: `w:t` in runs, `w:tab` (a tab), `w:br` and
//! `w:cr` (a space: a line break inside a paragraph would break "line =
//! paragraph"), `w:noBreakHyphen` (a hyphen). A note's own number and the
//! space after it are not text, nor is the reference mark in the body. Tracked changes are read as
//! accepted: insertions (`w:ins`, `w:moveTo`) are kept, deletions (`w:del`,
//! `w:delText`), moved-from text (`w:moveFrom`) and deleted table rows
//! dropped, and a paragraph whose mark was deleted runs on into the next. Not read: hidden text
//! (`w:vanish`), field codes (`w:instrText`; a field's result is read),
//! text boxes (`w:txbxContent`, mostly pull quotes that repeat the body),
//! the VML fallback of drawings (`mc:Fallback`), the properties before a
//! formatting change, comments, headers and footers.
//!
//! Headings (the headline and cross-heads) are paragraphs whose style is the
//! built-in Title or "heading 1" to "heading 9", or whose own or style's
//! outline level is 1 to 9. Styles are resolved through word/styles.xml by
//! their name and outline level, following `w:basedOn`, because a style's id
//! is localised ("berschrift1", "Titre") while its built-in name is not.
//!
//! This file holds [`read`] (the archive opened, its parts read in order) and
//! [`DocxError`]. The rest is one file per concern:
//!
//! - `xml`: the event reader over a part, its errors, attributes;
//! - `styles`: the paragraph styles of word/styles.xml and which are headings;
//! - `paragraph`: a paragraph being read;
//! - `text`: the paragraphs of a part read into lines and blocks, tracked
//!   changes accepted.

mod paragraph;
mod styles;
#[cfg(test)]
mod test_support;
mod text;
mod xml;

use super::{InputFormat, SourceFile};
use std::io::{Cursor, Read};
use styles::Styles;
use text::Text;

/// The first bytes of an OLE compound file: a password-protected .docx (the
/// encrypted package is wrapped in one) or a legacy Word .doc.
pub const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The first bytes of a zip archive's first local file header.
pub const ZIP_SIGNATURE: [u8; 4] = *b"PK\x03\x04";

/// A part that decompresses to more than this is refused: a zip bomb, not an article.
pub const PART_LIMIT: u64 = 256 * 1024 * 1024;

const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
const FOOTNOTES: &str = "word/footnotes.xml";
const ENDNOTES: &str = "word/endnotes.xml";

/// Why a file could not be read as a Word document. Each names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("{name} is password-protected or a legacy Word .doc file (an OLE compound file, not a .docx zip archive)")]
    Encrypted { name: String },
    #[error("{name} is not a readable .docx: the zip archive is damaged ({reason})")]
    Corrupt { name: String, reason: String },
    #[error("{name} is {what}, not a Word document (it has no {DOCUMENT})")]
    NotWord { name: String, what: &'static str },
    #[error("{name} is a damaged Word document: its main part, {DOCUMENT}, is missing")]
    MissingDocument { name: String },
    #[error("{name}: cannot read {part}: {reason}")]
    Part {
        name: String,
        part: &'static str,
        reason: String,
    },
    #[error("{name}: {part} is not well-formed XML (at byte {offset} of the part): {reason}")]
    Xml {
        name: String,
        part: &'static str,
        offset: u64,
        reason: String,
    },
}

impl DocxError {
    /// What to do about it, for the error's help line.
    pub fn help(&self) -> &'static str {
        match self {
            DocxError::Encrypted { .. } => {
                "remove the password (File › Info › Protect Document) or save a .doc as .docx, then check it again"
            }
            DocxError::NotWord { .. } => "attrib reads Word documents (.docx), plain text, Markdown and HTML",
            _ => "open the file in Word or LibreOffice and save it again as .docx",
        }
    }
}

/// Read a .docx file's bytes into a [`SourceFile`] whose text is the
/// document's text, one paragraph per line, with its blocks and their kinds.
pub fn read(name: impl Into<String>, bytes: &[u8]) -> Result<SourceFile, DocxError> {
    read_within(name.into(), bytes, PART_LIMIT)
}

/// [`read`], refusing a part that decompresses to more than `limit` bytes.
fn read_within(name: String, bytes: &[u8], limit: u64) -> Result<SourceFile, DocxError> {
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(DocxError::Encrypted { name });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Corrupt {
        name: name.clone(),
        reason: e.to_string(),
    })?;
    let read_part = |archive: &mut _, part_name| part(archive, &name, part_name, limit);
    let Some(document) = read_part(&mut archive, DOCUMENT)? else {
        return Err(missing_document(&archive, name));
    };
    let styles = match read_part(&mut archive, STYLES)? {
        Some(xml) => Styles::parse(&xml, &name)?,
        None => Styles::default(),
    };
    let mut text = Text::new(&styles);
    text.read(&document, &name, DOCUMENT)?;
    for notes in [FOOTNOTES, ENDNOTES] {
        if let Some(xml) = read_part(&mut archive, notes)? {
            text.read(&xml, &name, notes)?;
        }
    }
    let (text, blocks) = text.finish();
    Ok(SourceFile::with_blocks(name, text, InputFormat::Docx, blocks))
}

/// Why a zip without word/document.xml is not an article.
fn missing_document(archive: &zip::ZipArchive<Cursor<&[u8]>>, name: String) -> DocxError {
    let has = |prefix: &str| archive.file_names().any(|f| f.starts_with(prefix));
    if has("word/") {
        return DocxError::MissingDocument { name };
    }
    let what = if has("xl/") {
        "an Excel workbook"
    } else if has("ppt/") {
        "a PowerPoint presentation"
    } else if has("[Content_Types].xml") {
        "an Office Open XML package"
    } else if has("content.xml") {
        "an OpenDocument file"
    } else {
        "a zip archive"
    };
    DocxError::NotWord { name, what }
}

/// The bytes of a part, `None` when the archive has no such part.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    part: &'static str,
    limit: u64,
) -> Result<Option<Vec<u8>>, DocxError> {
    let failed = |reason: String| DocxError::Part {
        name: name.to_string(),
        part,
        reason,
    };
    let file = match archive.by_name(part) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(err) => return Err(failed(err.to_string())),
    };
    let mut bytes = Vec::new();
    // One byte past the limit tells a part at the limit from one beyond it.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(e.to_string()))?;
    if bytes.len() as u64 > limit {
        let limit = if limit >= 1024 * 1024 {
            format!("{} MB", limit / (1024 * 1024))
        } else {
            format!("{limit} bytes")
        };
        return Err(failed(format!("it decompresses to more than {limit}")));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::test_support::{body, docx, W};
    use super::*;

    #[test]
    fn every_truncation_and_flipped_byte_of_a_real_file_is_a_text_or_an_error() {
        let story = include_bytes!("../../../tests/docx/story-libreoffice.docx");
        let whole = read("story.docx", story).unwrap();
        for cut in 0..story.len() {
            if let Ok(file) = read("cut.docx", &story[..cut]) {
                assert!(file.blocks().iter().all(|b| b.span.end <= file.text.len()));
            }
        }
        // Every 7th byte: each flip inflates the parts again (seconds in a debug build for all).
        for at in (0..story.len()).step_by(7) {
            let mut flipped = story.to_vec();
            flipped[at] ^= 0x20;
            if let Ok(file) = read("flipped.docx", &flipped) {
                // A flip the zip cannot notice (a name, a date, an unused field).
                assert!(file.blocks().iter().all(|b| b.span.end <= file.text.len()));
                assert!(file.text.lines().count() <= whole.text.lines().count() + 1);
            }
        }
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let err = |bytes: &[u8]| read("desk/story.docx", bytes).unwrap_err();
        let mut ole = OLE_SIGNATURE.to_vec();
        ole.extend_from_slice(&[0; 504]);
        assert!(matches!(err(&ole), DocxError::Encrypted { .. }));
        assert!(matches!(err(b"PK\x03\x04 not really a zip"), DocxError::Corrupt { .. }));
        assert!(matches!(
            err(&docx(&[("notes.txt", "hello")])),
            DocxError::NotWord {
                what: "a zip archive",
                ..
            }
        ));
        assert!(matches!(
            err(&docx(&[("xl/workbook.xml", "<x/>")])),
            DocxError::NotWord {
                what: "an Excel workbook",
                ..
            }
        ));
        assert!(matches!(
            err(&docx(&[("word/styles.xml", "<x/>")])),
            DocxError::MissingDocument { .. }
        ));
        let malformed = err(&docx(&[(DOCUMENT, &body("<w:p><w:r><w:t>open</w:r></w:p>"))]));
        assert!(
            matches!(malformed, DocxError::Xml { part: DOCUMENT, .. }),
            "{malformed:?}"
        );
        let unknown = err(&docx(&[(DOCUMENT, &body("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>"))]));
        assert!(unknown.to_string().contains("&nbsp;"), "{unknown}");
        let truncated = err(&docx(&[(
            DOCUMENT,
            &format!("<w:document {W}><w:body><w:p><w:r><w:t>cut"),
        )]));
        assert!(
            matches!(truncated, DocxError::Xml { part: DOCUMENT, .. }),
            "{truncated:?}"
        );
        // A zip bomb: a part past the limit is refused, not inflated whole.
        let zeros = body(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "0".repeat(100_000)));
        let bomb = read_within("bomb.docx".into(), &docx(&[(DOCUMENT, &zeros)]), 50_000).unwrap_err();
        assert_eq!(
            bomb.to_string(),
            "bomb.docx: cannot read word/document.xml: it decompresses to more than 50000 bytes"
        );
        for e in [err(&ole), malformed] {
            assert!(e.to_string().contains("desk/story.docx"), "{e}");
        }
    }
}
