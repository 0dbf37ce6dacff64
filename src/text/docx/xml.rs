//! The XML of a part: an event reader over it, its errors as [`DocxError`]s,
//! and the attributes of an element.

use super::DocxError;
use quick_xml::events::BytesStart;

/// An XML event reader over a part, empty elements read as a start and an
/// end, end tags checked against their start.
pub(super) fn reader(xml: &[u8]) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader
}

pub(super) fn xml_error(
    name: &str,
    part: &'static str,
    reader: &quick_xml::Reader<&[u8]>,
    err: impl ToString,
) -> DocxError {
    DocxError::Xml {
        name: name.to_string(),
        part,
        offset: reader.error_position(),
        reason: err.to_string(),
    }
}

/// The value of the attribute whose local name is `key` (`w:val`, `w:type`, …).
pub(super) fn attribute(element: &BytesStart, key: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// An on/off property (`w:vanish`, `w:b`): on unless its value says off.
pub(super) fn is_on(element: &BytesStart) -> bool {
    !matches!(attribute(element, b"val").as_deref(), Some("0" | "false" | "off"))
}
