//! Helpers for the .docx tests: a package zipped from its parts, a body of
//! paragraphs, and the blocks read back.

use super::{read, DOCUMENT};
use crate::text::prose::BlockKind;
use crate::text::SourceFile;
use std::io::{Cursor, Write};

pub(super) const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

pub(super) fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub(super) fn body(paragraphs: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>"#)
}

pub(super) fn read_body(paragraphs: &str) -> SourceFile {
    read("t.docx", &docx(&[(DOCUMENT, &body(paragraphs))])).unwrap()
}

pub(super) fn kinds(file: &SourceFile) -> Vec<(BlockKind, &str)> {
    file.blocks()
        .iter()
        .map(|b| (b.kind, b.span.slice(&file.text)))
        .collect()
}
