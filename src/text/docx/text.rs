//! The document's text read part by part: each paragraph a line, tracked
//! changes accepted, deleted table rows taken back, hidden text, field codes
//! and text boxes left out; the blocks of the non-empty lines, with their kinds.

use super::paragraph::Paragraph;
use super::styles::{is_heading_level, Styles};
use super::xml::{attribute, is_on, reader, xml_error};
use super::{DocxError, DOCUMENT};
use crate::text::prose::{Block, BlockKind};
use crate::text::Span;
use quick_xml::events::Event;

/// Elements whose content is not read (see the documentation in mod.rs).
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
pub(super) struct Text<'a> {
    styles: &'a Styles,
    text: String,
    blocks: Vec<Block>,
    lines: usize,
    /// Text of paragraphs whose mark was deleted, waiting for the next paragraph.
    carried: String,
}

impl<'a> Text<'a> {
    pub(super) fn new(styles: &'a Styles) -> Self {
        Text {
            styles,
            text: String::new(),
            blocks: Vec::new(),
            lines: 0,
            carried: String::new(),
        }
    }

    /// Read the paragraphs of one part (the body, the footnotes or the endnotes).
    pub(super) fn read(&mut self, xml: &[u8], name: &str, part: &'static str) -> Result<(), DocxError> {
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

    pub(super) fn finish(self) -> (String, Vec<Block>) {
        (self.text, self.blocks)
    }
}

#[cfg(test)]
mod tests {
    use crate::text::docx::test_support::{body, docx, kinds, read_body, W};
    use crate::text::docx::{read, DOCUMENT, ENDNOTES, FOOTNOTES};
    use crate::text::prose::BlockKind;

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
}
