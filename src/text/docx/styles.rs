//! The paragraph styles of word/styles.xml, resolved by name and outline level
//! along `w:basedOn`: which styles are headings.

use super::xml::{attribute, reader, xml_error};
use super::{DocxError, STYLES};
use quick_xml::events::Event;
use std::collections::HashMap;

/// A paragraph style: what decides whether its paragraphs are headings.
#[derive(Debug, Default)]
struct Style {
    name: String,
    outline_level: Option<u8>,
    based_on: Option<String>,
}

/// The paragraph styles of word/styles.xml, by style id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    pub(super) fn parse(xml: &[u8], name: &str) -> Result<Self, DocxError> {
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
    pub(super) fn is_heading(&self, id: &str) -> bool {
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
pub(super) fn is_heading_level(level: u8) -> bool {
    level <= 8
}

#[cfg(test)]
mod tests {
    use crate::text::docx::test_support::{body, docx, kinds, W};
    use crate::text::docx::{read, DOCUMENT, STYLES};
    use crate::text::prose::BlockKind;

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
}
