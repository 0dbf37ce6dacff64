//! Diagnostics for an open rule file: the problems `attrib rules check`
//! reports ([`crate::cli::rules::problems`]), on the text as the editor has
//! it, each at its line and column.

use super::diagnostics::SOURCE;
use super::documents::OpenDocument;
use attrib::rules::RuleError;
use attrib::Span;
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};

/// The code of rule-file diagnostics (miette's `attrib::rules`).
pub const CODE: &str = "rules";

pub fn diagnostics(doc: &OpenDocument) -> Vec<Diagnostic> {
    let name = doc.name();
    crate::cli::rules::problems(&name, &doc.text, doc.path.as_deref())
        .iter()
        .map(|err| diagnostic(doc, &name, err))
        .collect()
}

/// A problem in this file is placed where it is, from its offset to the end
/// of its line's text (an empty range is hard to see in an editor); one in a
/// file this one extends is placed at the start, naming that file.
fn diagnostic(doc: &OpenDocument, name: &str, err: &RuleError) -> Diagnostic {
    let text = &doc.text;
    let in_this_file = err.file == name && err.source_code.inner() == text;
    let (span, message) = match err.span {
        Some(span) if in_this_file => {
            let start = span.offset().min(text.len());
            let line_end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
            let end = start + text[start..line_end].trim_end().len();
            (Span::new(start, end), err.message.clone())
        }
        _ if err.file == name => (Span::new(0, 0), err.message.clone()),
        _ => (Span::new(0, 0), err.to_string()),
    };
    let message = match &err.help {
        Some(help) => format!("{message}\n{help}"),
        None => message,
    };
    Diagnostic {
        range: doc.lines.range(text, span),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(CODE.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::documents::Kind;
    use super::super::positions::Encoding;
    use super::*;
    use lsp_types::{Position, Uri};

    fn open(path: &std::path::Path, text: &str) -> OpenDocument {
        let uri: Uri = format!("file://{}", path.display()).parse().unwrap();
        OpenDocument::new(uri, Kind::RuleFile, 1, text.into(), Encoding::Utf16)
    }

    #[test]
    fn problems_point_into_the_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attrib.yaml");
        let text = "checks:\n  vague-source: erorr\nlexicon:\n  vague_sourcs: [pundits reckon]\n";
        let found = diagnostics(&open(&path, text));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].range.start, Position::new(1, 16));
        assert_eq!(found[0].range.end, Position::new(1, 21));
        assert_eq!(found[1].range.start.line, 3);
        assert!(
            found[1].message.contains("vague_sources"),
            "did you mean: {}",
            found[1].message
        );
        assert!(found.iter().all(|d| d.severity == Some(DiagnosticSeverity::ERROR)));
    }

    #[test]
    fn a_valid_file_has_none_and_a_missing_extension_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attrib.yaml");
        assert!(diagnostics(&open(&path, "checks:\n  vague-source: error\n")).is_empty());
        let text = "extends: [newsroom.yaml]\n";
        std::fs::write(&path, text).unwrap();
        let found = diagnostics(&open(&path, text));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("newsroom.yaml"), "{}", found[0].message);
        assert_eq!(found[0].range.start, Position::new(0, 10));
    }
}
