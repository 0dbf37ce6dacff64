//! Inputs: files, folders (walked for articles) and `-` for stdin, loaded as
//! [`SourceFile`]s. Every failure is an [`InputError`] naming the file.

use attrib::text::{docx, NotUtf8};
use attrib::{InputFormat, SourceFile};
use miette::{Diagnostic, NamedSource, SourceSpan};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The name stdin gets in reports.
pub const STDIN_NAME: &str = "<stdin>";

/// File extensions a folder walk picks up. A file named on the command line is
/// read whatever its extension.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "docx"];

/// One article to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name reports give the input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => STDIN_NAME.to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum InputError {
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(attrib::input))]
    Read { path: String, reason: String },

    #[error("{path} looks like a binary file (a NUL byte at offset {offset}); not checked")]
    #[diagnostic(
        code(attrib::input),
        help("attrib checks UTF-8 text; a file saved as UTF-16 also has NUL bytes: save it as UTF-8")
    )]
    Binary { path: String, offset: usize },

    #[error("{path} is not valid UTF-8: invalid byte at line {line}, column {column}")]
    #[diagnostic(code(attrib::input), help("save the file as UTF-8"))]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
        /// The text read, invalid bytes replaced, to show where the problem is.
        #[source_code]
        text: NamedSource<String>,
        #[label("invalid UTF-8")]
        at: SourceSpan,
    },

    /// A .docx that is damaged, encrypted, not a Word document or not well-formed XML.
    #[error("{error}")]
    #[diagnostic(code(attrib::input))]
    Docx {
        path: String,
        error: attrib::text::docx::DocxError,
        #[help]
        help: &'static str,
    },

    #[error("attrib failed while checking {path}: {reason}")]
    #[diagnostic(
        code(attrib::internal),
        help("this is a bug in attrib, not a problem in the article: please report it with the article attached; the other files were checked")
    )]
    Internal { path: String, reason: String },
}

impl InputError {
    /// The file's name, and the line and column of the problem when there is one.
    pub fn location(&self) -> (&str, Option<(usize, usize)>) {
        match self {
            InputError::Read { path, .. }
            | InputError::Binary { path, .. }
            | InputError::Docx { path, .. }
            | InputError::Internal { path, .. } => (path, None),
            InputError::NotUtf8 { path, line, column, .. } => (path, Some((*line, *column))),
        }
    }

    fn read(path: &str, err: impl std::fmt::Display) -> Self {
        InputError::Read {
            path: path.to_string(),
            reason: err.to_string(),
        }
    }

    fn not_utf8(err: NotUtf8, bytes: &[u8]) -> Self {
        // Up to the bad byte the lossy text is the file's text, so the offset holds.
        let text = String::from_utf8_lossy(bytes).into_owned();
        let length = text[err.offset..].chars().next().map_or(0, char::len_utf8);
        InputError::NotUtf8 {
            text: NamedSource::new(&err.name, text),
            at: (err.offset, length).into(),
            path: err.name,
            line: err.line,
            column: err.column,
        }
    }
}

/// Run `work` on the article `path`; a panic inside it (a bug in attrib)
/// becomes an [`InputError::Internal`] for that article alone, so one article
/// that trips a bug does not stop a run over a whole archive.
pub fn guarded<R>(path: &str, work: impl FnOnce() -> R) -> Result<R, InputError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| InputError::Internal {
        path: path.to_string(),
        reason: panic_message(payload.as_ref()),
    })
}

/// What a panic said, when it said it with a string (as `panic!` and `expect` do).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// The articles one command-line argument stands for: `-`, a file, or the
/// article files under a folder (sorted, hidden entries skipped).
pub fn expand(arg: &Path) -> Vec<Result<Input, InputError>> {
    if arg == Path::new("-") {
        return vec![Ok(Input::Stdin)];
    }
    let name = arg.display().to_string();
    match std::fs::metadata(arg) {
        Err(err) => vec![Err(InputError::read(&name, err))],
        Ok(meta) if meta.is_dir() => walk(arg),
        Ok(_) => vec![Ok(Input::File(arg.to_path_buf()))],
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Symbolic links are followed (a linked article is checked); a link that
/// points back to a folder being walked, a dangling link named like an
/// article, and a folder that cannot be read are errors, and the walk goes on.
fn walk(dir: &Path) -> Vec<Result<Input, InputError>> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|entry| match entry {
            Ok(e) if e.file_type().is_file() && is_article(e.path()) => Some(Ok(Input::File(e.into_path()))),
            Ok(_) => None,
            Err(err) => {
                let failed = err.path().unwrap_or(dir);
                if err.loop_ancestor().is_none() && !is_article(failed) && !failed.is_dir() {
                    // A dangling link to something that is not an article.
                    return None;
                }
                let path = failed.display().to_string();
                let reason = match err.loop_ancestor() {
                    Some(ancestor) => format!("a symbolic link loop (it leads back to {})", ancestor.display()),
                    None => err.io_error().map_or_else(|| err.to_string(), ToString::to_string),
                };
                Some(Err(InputError::Read { path, reason }))
            }
        })
        .collect()
}

/// How much of a file is looked at for NUL bytes to tell binary from text.
const BINARY_SNIFF_BYTES: usize = 8000;

/// Read an input into a source file; the format follows the extension. A
/// .docx becomes its text, one paragraph per line ([`docx::read`]). A
/// file with a NUL byte near its start is refused as binary (NUL bytes
/// further in are checked as text: the library takes any UTF-8).
pub fn load(input: &Input) -> Result<SourceFile, InputError> {
    let (name, format, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::read(STDIN_NAME, e))?;
            // No name to go by: an HTML document is recognised by how it opens.
            // A zip archive or an OLE compound file on stdin is taken for a
            // Word document (it would be refused as binary otherwise).
            let format = if bytes.starts_with(&docx::ZIP_SIGNATURE) || bytes.starts_with(&docx::OLE_SIGNATURE) {
                InputFormat::Docx
            } else {
                InputFormat::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]))
            };
            (STDIN_NAME.to_string(), format, bytes)
        }
        Input::File(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| InputError::read(&name, e))?;
            (name, InputFormat::from_path(path), bytes)
        }
    };
    // An OLE compound file is a legacy .doc or an encrypted Office file
    // whatever its name: say so rather than "binary".
    if format == InputFormat::Docx || bytes.starts_with(&docx::OLE_SIGNATURE) {
        return docx::read(name.clone(), &bytes).map_err(|error| InputError::Docx {
            path: name,
            help: error.help(),
            error,
        });
    }
    // As git does: a NUL byte in the first few kilobytes means binary.
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)]) {
        return Err(InputError::Binary { path: name, offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text, format)),
        Err(err) => {
            let bytes = err.into_bytes();
            let err = SourceFile::from_bytes(name, bytes.clone(), format).expect_err("not UTF-8");
            Err(InputError::not_utf8(err, &bytes))
        }
    }
}

/// Every input of a command line, expanded (folders walked) but not read:
/// how many files a run has, before reading them.
pub fn expand_all(args: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    args.iter().flat_map(|arg| expand(arg)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_extensions() {
        assert!(is_article(Path::new("a/b.md")));
        assert!(is_article(Path::new("b.TXT")));
        assert!(is_article(Path::new("desk/story.docx")));
        assert!(!is_article(Path::new("b.yaml")));
        assert!(!is_article(Path::new("README")));
    }

    #[test]
    fn a_panic_while_checking_is_that_articles_error() {
        let failed = guarded("desk/ferry.txt", || -> usize { panic!("index 9 out of range") });
        match failed {
            Err(err @ InputError::Internal { .. }) => {
                assert_eq!(err.location(), ("desk/ferry.txt", None));
                assert_eq!(
                    err.to_string(),
                    "attrib failed while checking desk/ferry.txt: index 9 out of range"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(guarded("a.txt", || 7).ok(), Some(7));
        let formatted = guarded("a.txt", || -> () { panic!("span {}..{}", 3, 1) });
        assert!(matches!(failed_reason(formatted).as_deref(), Some("span 3..1")));
    }

    fn failed_reason<R>(result: Result<R, InputError>) -> Option<String> {
        match result {
            Err(InputError::Internal { reason, .. }) => Some(reason),
            _ => None,
        }
    }
}
