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

use super::prose::{Block, BlockKind};
use super::{InputFormat, SourceFile, Span};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

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

/// An XML event reader over a part, empty elements read as a start and an
/// end, end tags checked against their start.
fn reader(xml: &[u8]) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader
}

fn xml_error(name: &str, part: &'static str, reader: &quick_xml::Reader<&[u8]>, err: impl ToString) -> DocxError {
    DocxError::Xml {
        name: name.to_string(),
        part,
        offset: reader.error_position(),
        reason: err.to_string(),
    }
}

/// The value of the attribute whose local name is `key` (`w:val`, `w:type`, …).
fn attribute(element: &BytesStart, key: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// An on/off property (`w:vanish`, `w:b`): on unless its value says off.
fn is_on(element: &BytesStart) -> bool {
    !matches!(attribute(element, b"val").as_deref(), Some("0" | "false" | "off"))
}

/// A paragraph style: what decides whether its paragraphs are headings.
#[derive(Debug, Default)]
struct Style {
    name: String,
    outline_level: Option<u8>,
    based_on: Option<String>,
}

/// The paragraph styles of word/styles.xml, by style id.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn parse(xml: &[u8], name: &str) -> Result<Self, DocxError> {
        let mut styles = Styles::default();
        let mut reader = reader(xml);
        // The paragraph style being read: its id and what is known of it.
        let mut current: Option<(String, Style)> = None;
        let mut depth_in_style = 0usize;
        loop {
            match reader.read_event() {
                Err(err) => return Err(xml_error(name, STYLES, &reader, err)),
                Ok(Event::Eof) => break,
                Ok(Event::Start(e)) => {
                    let local = e.local_name();
                    if current.is_some() {
                        depth_in_style += 1;
                    }
                    match local.as_ref() {
                        b"style"
                            if current.is_none()
                                && attribute(&e, b"type").as_deref().is_none_or(|t| t == "paragraph") =>
                        {
                            if let Some(id) = attribute(&e, b"styleId") {
                                current = Some((id, Style::default()));
                                depth_in_style = 0;
                            }
                        }
                        // Direct children of w:style and of its w:pPr only.
                        b"name" if depth_in_style == 1 => {
                            if let Some((_, style)) = current.as_mut() {
                                style.name = attribute(&e, b"val").unwrap_or_default().to_ascii_lowercase();
                            }
                        }
                        b"basedOn" if depth_in_style == 1 => {
                            if let Some((_, style)) = current.as_mut() {
                                style.based_on = attribute(&e, b"val");
                            }
                        }
                        b"outlineLvl" if depth_in_style == 2 => {
                            if let Some((_, style)) = current.as_mut() {
                                style.outline_level = attribute(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        _ => {}
                    }
                }
                Ok(Event::End(_)) if current.is_some() => {
                    if depth_in_style == 0 {
                        let (id, style) = current.take().expect("checked above");
                        styles.by_id.insert(id, style);
                    } else {
                        depth_in_style -= 1;
                    }
                }
                Ok(_) => {}
            }
        }
        Ok(styles)
    }

    /// Whether paragraphs of style `id` are headings: the first style along
    /// the `basedOn` chain with a heading's name or an outline level decides.
    fn is_heading(&self, id: &str) -> bool {
        let mut id = id;
        // A chain longer than this is a loop in a damaged file.
        for _ in 0..32 {
            let Some(style) = self.by_id.get(id) else {
                // No styles part, or a style it does not define: the
                // built-in ids Word writes in English documents.
                return heading_name(&id.to_ascii_lowercase().replace("heading", "heading "));
            };
            if heading_name(&style.name) {
                return true;
            }
            if let Some(level) = style.outline_level {
                return is_heading_level(level);
            }
            match &style.based_on {
                Some(parent) => id = parent,
                None => return false,
            }
        }
        false
    }
}

/// The built-in names of heading styles (stored in English whatever the
/// language of Word's interface).
fn heading_name(name: &str) -> bool {
    name == "title"
        || name
            .strip_prefix("heading ")
            .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
}

/// Outline levels 0 to 8 are headings 1 to 9; 9 is body text.
fn is_heading_level(level: u8) -> bool {
    level <= 8
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    outline_level: Option<u8>,
    /// Its paragraph mark is a tracked deletion: with the change accepted,
    /// it runs on into the next paragraph.
    mark_deleted: bool,
    /// Just after a note's own number (`w:footnoteRef`), which is not read:
    /// the space Word puts after it is not read either.
    after_note_number: bool,
}

impl Paragraph {
    fn push(&mut self, text: &str) {
        let text = if self.after_note_number {
            let rest = text.trim_start();
            self.after_note_number = rest.is_empty();
            rest
        } else {
            text
        };
        push_text(&mut self.text, text);
    }
}

/// Elements whose content is not read (see the module documentation).
fn is_skipped(local: &[u8]) -> bool {
    matches!(
        local,
        b"del"
            | b"moveFrom"
            | b"delText"
            | b"instrText"
            | b"delInstrText"
            | b"txbxContent"
            | b"Fallback"
            | b"pPrChange"
            | b"rPrChange"
            | b"sectPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
    )
}

/// Where the text stood when a table row began.
#[derive(Copy, Clone, Debug)]
struct Row {
    text: usize,
    lines: usize,
    blocks: usize,
}

/// The document's text as it is read part by part: finished paragraphs as
/// lines, and the blocks of the non-empty ones.
struct Text<'a> {
    styles: &'a Styles,
    text: String,
    blocks: Vec<Block>,
    lines: usize,
    /// Text of paragraphs whose mark was deleted, waiting for the next paragraph.
    carried: String,
}

impl<'a> Text<'a> {
    fn new(styles: &'a Styles) -> Self {
        Text {
            styles,
            text: String::new(),
            blocks: Vec::new(),
            lines: 0,
            carried: String::new(),
        }
    }

    /// Read the paragraphs of one part (the body, the footnotes or the endnotes).
    fn read(&mut self, xml: &[u8], name: &str, part: &'static str) -> Result<(), DocxError> {
        let notes = part != DOCUMENT;
        let mut reader = reader(xml);
        // Open paragraphs: more than one only in a damaged file (text boxes are skipped).
        let mut open: Vec<Paragraph> = Vec::new();
        let mut skip_depth = 0usize;
        let mut in_paragraph_properties = false;
        let mut in_run_properties = false;
        let mut in_run = false;
        let mut run_hidden = false;
        let mut in_text = false;
        let mut in_row_properties = false;
        // Open table rows: where the text stood when each began, and whether
        // the row is a tracked deletion (then its paragraphs are taken back).
        let mut rows: Vec<(Row, bool)> = Vec::new();
        let mut depth = 0usize;
        loop {
            let event = reader.read_event().map_err(|e| xml_error(name, part, &reader, e))?;
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            match event {
                Event::Eof if depth > 0 => {
                    return Err(xml_error(
                        name,
                        part,
                        &reader,
                        "the part ends before its elements are closed",
                    ))
                }
                Event::Eof => break,
                Event::Start(e) => {
                    let local = e.local_name();
                    let local = local.as_ref();
                    if skip_depth > 0 {
                        skip_depth += 1;
                        continue;
                    }
                    // A deleted or moved paragraph mark: w:pPr/w:rPr/w:del.
                    if in_paragraph_properties && in_run_properties && matches!(local, b"del" | b"moveFrom") {
                        if let Some(paragraph) = open.last_mut() {
                            paragraph.mark_deleted = true;
                        }
                        skip_depth = 1;
                        continue;
                    }
                    // A deleted table row: w:trPr/w:del.
                    if in_row_properties && local == b"del" {
                        if let Some(row) = rows.last_mut() {
                            row.1 = true;
                        }
                        skip_depth = 1;
                        continue;
                    }
                    if is_skipped(local)
                        || (notes
                            && matches!(local, b"footnote" | b"endnote")
                            && attribute(&e, b"type").is_some_and(|t| t != "normal"))
                    {
                        // Separators and continuation notices are not notes.
                        skip_depth = 1;
                        continue;
                    }
                    match local {
                        b"p" => open.push(Paragraph::default()),
                        b"tr" => rows.push((self.row_start(), false)),
                        b"trPr" => in_row_properties = true,
                        b"pPr" => in_paragraph_properties = true,
                        b"rPr" => in_run_properties = true,
                        b"r" => {
                            in_run = true;
                            run_hidden = false;
                        }
                        b"t" if in_run => in_text = true,
                        b"pStyle" if in_paragraph_properties && !in_run_properties => {
                            if let Some(paragraph) = open.last_mut() {
                                paragraph.style = attribute(&e, b"val");
                            }
                        }
                        b"outlineLvl" if in_paragraph_properties && !in_run_properties => {
                            if let Some(paragraph) = open.last_mut() {
                                paragraph.outline_level = attribute(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"vanish" if in_run && in_run_properties => run_hidden = is_on(&e),
                        _ if in_run && !in_run_properties && !run_hidden => {
                            let written = match local {
                                b"tab" | b"ptab" => Some('\t'),
                                b"br" | b"cr" => Some(' '),
                                b"noBreakHyphen" => Some('-'),
                                b"footnoteRef" | b"endnoteRef" => {
                                    if let Some(paragraph) = open.last_mut() {
                                        paragraph.after_note_number = true;
                                    }
                                    None
                                }
                                _ => None,
                            };
                            if let (Some(c), Some(paragraph)) = (written, open.last_mut()) {
                                paragraph.text.push(c);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"p" => {
                            if let Some(paragraph) = open.pop() {
                                self.paragraph(paragraph);
                            }
                        }
                        b"tr" => {
                            if let Some((row, true)) = rows.pop() {
                                self.take_back(row);
                            }
                        }
                        b"trPr" => in_row_properties = false,
                        b"pPr" => in_paragraph_properties = false,
                        b"rPr" => in_run_properties = false,
                        b"r" => in_run = false,
                        b"t" => in_text = false,
                        _ => {}
                    }
                }
                Event::Text(t) if in_text && skip_depth == 0 && !run_hidden => {
                    let content = t.xml_content().map_err(|e| xml_error(name, part, &reader, e))?;
                    if let Some(paragraph) = open.last_mut() {
                        paragraph.push(&content);
                    }
                }
                Event::CData(t) if in_text && skip_depth == 0 && !run_hidden => {
                    let content = t.decode().map_err(|e| xml_error(name, part, &reader, e))?;
                    if let Some(paragraph) = open.last_mut() {
                        paragraph.push(&content);
                    }
                }
                Event::GeneralRef(r) if in_text && skip_depth == 0 && !run_hidden => {
                    let resolved = if r.is_char_ref() {
                        r.resolve_char_ref()
                            .map_err(|e| xml_error(name, part, &reader, e))?
                            .map(String::from)
                    } else {
                        let entity = r.decode().map_err(|e| xml_error(name, part, &reader, e))?;
                        quick_xml::escape::resolve_predefined_entity(&entity).map(str::to_string)
                    };
                    let Some(resolved) = resolved else {
                        let entity = String::from_utf8_lossy(&r).into_owned();
                        return Err(xml_error(name, part, &reader, format!("unknown entity &{entity};")));
                    };
                    if let Some(paragraph) = open.last_mut() {
                        paragraph.push(&resolved);
                    }
                }
                _ => {}
            }
        }
        // The end of a part ends a run-on paragraph: a note never continues
        // the body, nor one part another.
        if !self.carried.is_empty() {
            let carried = std::mem::take(&mut self.carried);
            self.line(&carried, BlockKind::Body);
        }
        Ok(())
    }

    /// A paragraph has ended: it becomes a line (or runs on into the next).
    fn paragraph(&mut self, paragraph: Paragraph) {
        if paragraph.mark_deleted {
            self.carried.push_str(&paragraph.text);
            return;
        }
        let heading = paragraph.outline_level.map(is_heading_level).unwrap_or_else(|| {
            paragraph
                .style
                .as_deref()
                .is_some_and(|style| self.styles.is_heading(style))
        });
        let kind = if heading { BlockKind::Heading } else { BlockKind::Body };
        let text = if self.carried.is_empty() {
            paragraph.text
        } else {
            std::mem::take(&mut self.carried) + &paragraph.text
        };
        self.line(&text, kind);
    }

    /// Where the text stands, to take back what follows (a deleted row).
    fn row_start(&self) -> Row {
        Row {
            text: self.text.len(),
            lines: self.lines,
            blocks: self.blocks.len(),
        }
    }

    /// Drop every line since `row` began: with the deletion accepted, the
    /// row and its paragraphs are gone.
    fn take_back(&mut self, row: Row) {
        self.text.truncate(row.text);
        self.lines = row.lines;
        self.blocks.truncate(row.blocks);
    }

    fn line(&mut self, text: &str, kind: BlockKind) {
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.lines += 1;
        let start = self.text.len();
        self.text.push_str(text);
        let trimmed = text.trim_start();
        let start = start + (text.len() - trimmed.len());
        let span = Span::new(start, start + trimmed.trim_end().len());
        if !span.is_empty() {
            self.blocks.push(Block { span, kind });
        }
    }

    fn finish(self) -> (String, Vec<Block>) {
        (self.text, self.blocks)
    }
}

/// Text of a `w:t`: a line break in it (only possible in hand-made XML)
/// becomes a space, so that every paragraph stays one line.
fn push_text(into: &mut String, text: &str) {
    if text.contains(['\n', '\r']) {
        into.extend(text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }));
    } else {
        into.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn body(paragraphs: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>"#)
    }

    fn read_body(paragraphs: &str) -> SourceFile {
        read("t.docx", &docx(&[(DOCUMENT, &body(paragraphs))])).unwrap()
    }

    fn kinds(file: &SourceFile) -> Vec<(BlockKind, &str)> {
        file.blocks()
            .iter()
            .map(|b| (b.kind, b.span.slice(&file.text)))
            .collect()
    }

    #[test]
    fn paragraphs_are_lines_and_runs_join() {
        let file = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">Mara Voss </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>said</w:t></w:r><w:r><w:tab/><w:t>it.</w:t></w:r></w:p>
               <w:p/>
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a cell&amp;more</w:t><w:br/><w:t>after a break</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(file.text, "Mara Voss said\tit.\n\nIn a cell&more after a break");
        assert_eq!(file.line_count(), 3);
        assert_eq!(file.blocks().len(), 2, "the empty paragraph is a line, not a block");
    }

    #[test]
    fn tracked_changes_read_as_accepted() {
        let file = read_body(
            r#"<w:p><w:r><w:t xml:space="preserve">The ferry </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>will never</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>may</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> run</w:t></w:r><w:moveFrom w:id="3"><w:r><w:t> late</w:t></w:r></w:moveFrom><w:r><w:t>.</w:t></w:r></w:p>"#,
        );
        assert_eq!(file.text, "The ferry may run.");
    }

    #[test]
    fn a_deleted_table_row_is_not_read() {
        let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
        let file = read_body(&format!(
            r#"<w:p><w:r><w:t>Before.</w:t></w:r></w:p><w:tbl><w:tr>{}</w:tr><w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>"#,
            cell("Kept."),
            cell("Gone."),
            cell("Also gone."),
            cell("Kept too.")
        ));
        assert_eq!(file.text, "Before.\nKept.\nKept too.");
        assert_eq!(file.blocks().len(), 3);
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_the_next_paragraph() {
        let file = read_body(
            r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">One </w:t></w:r></w:p><w:p><w:r><w:t>sentence.</w:t></w:r></w:p><w:p><w:r><w:t>Next.</w:t></w:r></w:p>"#,
        );
        assert_eq!(file.text, "One sentence.\nNext.");
    }

    #[test]
    fn hidden_text_field_codes_and_text_boxes_are_not_read() {
        let file = read_body(
            r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>pull quote</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>"#,
        );
        assert_eq!(file.text, "shown 3");
    }

    #[test]
    fn tab_stops_in_properties_are_not_tabs() {
        let file = read_body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Text</w:t></w:r></w:p>"#,
        );
        assert_eq!(file.text, "Text");
    }

    #[test]
    fn headings_by_localised_style_name_outline_level_and_built_in_id() {
        let styles = format!(
            r#"<w:styles {W}>
              <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
              <w:style w:type="paragraph" w:styleId="Kicker"><w:name w:val="Kicker"/><w:basedOn w:val="berschrift1"/></w:style>
              <w:style w:type="paragraph" w:styleId="Cross"><w:name w:val="Cross head"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="BodyLevel"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:basedOn w:val="berschrift1"/></w:style>
              <w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="heading 1"/></w:style>
            </w:styles>"#
        );
        let para = |style: &str, text: &str| {
            format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
        };
        let paragraphs = [
            para("berschrift1", "Localised"),
            para("Kicker", "Based on"),
            para("Cross", "Outline"),
            para("BodyLevel", "Body level"),
            para("Title", "Built-in id"),
            para("ListParagraph", "A list item."),
            r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Direct</w:t></w:r></w:p>"#.to_string(),
        ]
        .concat();
        let file = read("t.docx", &docx(&[(DOCUMENT, &body(&paragraphs)), (STYLES, &styles)])).unwrap();
        use BlockKind::{Body, Heading};
        assert_eq!(
            kinds(&file),
            [
                (Heading, "Localised"),
                (Heading, "Based on"),
                (Heading, "Outline"),
                (Body, "Body level"),
                (Heading, "Built-in id"),
                (Body, "A list item."),
                (Heading, "Direct"),
            ]
        );
    }

    #[test]
    fn footnotes_then_endnotes_follow_the_body() {
        let notes = |kind: &str, text: &str| {
            format!(
                r#"<w:{kind}s {W}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>"#
            )
        };
        let document = body(r#"<w:p><w:r><w:t>Body.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#);
        let file = read(
            "t.docx",
            &docx(&[
                (DOCUMENT, &document),
                (ENDNOTES, &notes("endnote", "An endnote.")),
                (FOOTNOTES, &notes("footnote", "A footnote.")),
            ]),
        )
        .unwrap();
        // The notes' numbers are not text, nor the space after them.
        assert_eq!(file.text, "Body.\nA footnote.\nAn endnote.");
        assert_eq!(kinds(&file)[1], (BlockKind::Body, "A footnote."));
    }

    #[test]
    fn every_truncation_and_flipped_byte_of_a_real_file_is_a_text_or_an_error() {
        let story = include_bytes!("../../tests/docx/story-libreoffice.docx");
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
