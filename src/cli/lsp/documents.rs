//! The documents the editor has open: their text as the editor has it (not
//! as saved), what kind of document each is, and the edits applied to them.

use super::positions::{Encoding, LineIndex};
use attrib::{Finding, InputFormat, Span, SpeakerClass};
use lsp_types::Diagnostic;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::path::{Path, PathBuf};

// What the last check of a document found, kept with it for hover and code
// actions (diagnostics.rs fills it in).

/// Who a speaker is, as the cast resolved them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerInfo {
    /// The full name, or the description of an unnamed source.
    pub name: String,
    pub class: SpeakerClass,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

/// An attribution's spans (file offsets) and its speaker.
#[derive(Clone, Debug)]
pub struct AttributionSpans {
    pub speaker: Span,
    pub cue: Option<Span>,
    pub content: Option<Span>,
    /// The speaker as written in this attribution ("he", "Vance").
    pub mention: String,
    pub who: SpeakerInfo,
}

impl AttributionSpans {
    /// Whether `offset` is in the speaker, the cue or the content.
    pub fn covers(&self, offset: usize) -> bool {
        let inside = |span: Span| span.start <= offset && offset < span.end;
        inside(self.speaker) || self.cue.is_some_and(inside) || self.content.is_some_and(inside)
    }
}

/// A check of one version of an article.
#[derive(Clone, Debug)]
pub struct CheckedArticle {
    /// Spans in file offsets, sorted by position.
    pub findings: Vec<Finding>,
    /// `diagnostics[i]` is `findings[i]`.
    pub diagnostics: Vec<Diagnostic>,
    pub attributions: Vec<AttributionSpans>,
    /// Each person's first mention (file offsets) when it comes before the
    /// full name, with the full name: what the late-full-name fix writes.
    pub full_names: Vec<(Span, String)>,
}

/// What attrib does with a document.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An article, checked like `attrib check` checks a file of this format.
    Article(InputFormat),
    /// A rule file, validated like `attrib rules check` validates it.
    RuleFile,
    /// Anything else: no diagnostics.
    Ignored,
}

/// What kind of document `path` (when it has one) with the editor's
/// `language_id` is. A rule file is attrib.yaml or a file given with
/// `--rules`; an article is text, Markdown or HTML, by language id first
/// (an unsaved buffer has no extension) and by extension second.
pub fn kind_of(language_id: &str, path: Option<&Path>, rule_files: &[PathBuf]) -> Kind {
    if let Some(path) = path {
        let is_config = path.file_name().is_some_and(|n| n == attrib::rules::load::CONFIG_FILE);
        if is_config || rule_files.iter().any(|r| same_file(r, path)) {
            return Kind::RuleFile;
        }
    }
    match language_id {
        "markdown" => return Kind::Article(InputFormat::Markdown),
        "html" => return Kind::Article(InputFormat::Html),
        "plaintext" | "text" => return Kind::Article(InputFormat::Plain),
        _ => {}
    }
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" | "html" | "htm" | "xhtml" => {
            Kind::Article(InputFormat::from_path(path.unwrap_or(Path::new(""))))
        }
        "txt" | "text" => Kind::Article(InputFormat::Plain),
        _ => Kind::Ignored,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The local path of a `file:` URI, percent-decoded; `None` for other schemes
/// (an unsaved buffer, a remote file), whose articles are checked with the
/// rules of the server's current folder.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().is_some_and(|s| s.as_str().eq_ignore_ascii_case("file")) {
        return None;
    }
    let decoded = uri.path().as_estr().decode().into_string().ok()?;
    let path = decoded.as_ref();
    // "file:///C:/story.md" on Windows: the drive letter follows the slash.
    let bytes = path.as_bytes();
    let windows_drive = bytes.len() >= 3 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':';
    if cfg!(windows) && windows_drive {
        return Some(PathBuf::from(&path[1..]));
    }
    Some(PathBuf::from(path))
}

/// One open document.
#[derive(Clone, Debug)]
pub struct OpenDocument {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub kind: Kind,
    pub version: i32,
    pub text: String,
    pub lines: LineIndex,
    /// The result of the last check of an article (`None` before the first,
    /// and for rule files).
    pub checked: Option<CheckedArticle>,
}

impl OpenDocument {
    pub fn new(uri: Uri, kind: Kind, version: i32, text: String, encoding: Encoding) -> Self {
        let path = file_path(&uri);
        let lines = LineIndex::new(&text, encoding);
        OpenDocument {
            uri,
            path,
            kind,
            version,
            text,
            lines,
            checked: None,
        }
    }

    /// Apply the editor's changes in order: each range is in the text as
    /// the changes before it left it; a change without a range replaces the
    /// whole text.
    pub fn apply_changes(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = self.lines.offset(&self.text, range.start);
                    let end = self.lines.offset(&self.text, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text, encoding);
        }
        self.version = version;
    }

    /// The name reports give the document: its path, or its URI.
    pub fn name(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => self.uri.as_str().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    #[test]
    fn kinds_by_name_language_and_extension() {
        let rules = [PathBuf::from("/desk/house.yaml")];
        let kind = |lang: &str, path: &str| kind_of(lang, Some(Path::new(path)), &rules);
        assert_eq!(kind("yaml", "/desk/attrib.yaml"), Kind::RuleFile);
        assert_eq!(kind("yaml", "/desk/house.yaml"), Kind::RuleFile);
        assert_eq!(kind("yaml", "/desk/other.yaml"), Kind::Ignored);
        assert_eq!(kind("markdown", "/desk/story"), Kind::Article(InputFormat::Markdown));
        assert_eq!(kind("html", "/desk/story.txt"), Kind::Article(InputFormat::Html));
        assert_eq!(kind("plaintext", "/desk/story.md"), Kind::Article(InputFormat::Plain));
        assert_eq!(kind("", "/desk/story.HTM"), Kind::Article(InputFormat::Html));
        assert_eq!(kind("", "/desk/story.txt"), Kind::Article(InputFormat::Plain));
        assert_eq!(kind("rust", "/desk/main.rs"), Kind::Ignored);
        assert_eq!(kind_of("markdown", None, &rules), Kind::Article(InputFormat::Markdown));
    }

    #[test]
    fn file_uris_are_decoded() {
        assert_eq!(
            file_path(&uri("file:///news/desk%20one/Zo%C3%AB.md")),
            Some(PathBuf::from("/news/desk one/Zoë.md"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let text = "Zoë said “hi”.\nVance claimed 🚢 sank.\n".to_string();
        let mut doc = OpenDocument::new(
            uri("file:///a.txt"),
            Kind::Article(InputFormat::Plain),
            1,
            text,
            Encoding::Utf16,
        );
        let change = |(l1, c1), (l2, c2), text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        };
        // "claimed" is at UTF-16 6..13 of line 1; after that edit, the emoji
        // (two UTF-16 units) at 11..13.
        doc.apply_changes(
            2,
            vec![change((1, 6), (1, 13), "said"), change((1, 11), (1, 13), "⛴")],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "Zoë said “hi”.\nVance said ⛴ sank.\n");
        assert_eq!(doc.version, 2);
        // A change across lines, and one that replaces everything.
        doc.apply_changes(3, vec![change((0, 13), (1, 0), " ")], Encoding::Utf16);
        assert_eq!(doc.text, "Zoë said “hi” Vance said ⛴ sank.\n");
        doc.apply_changes(
            4,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "New text.".into(),
            }],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "New text.");
        assert_eq!(doc.lines.position(&doc.text, 9), Position::new(0, 9));
    }
}
