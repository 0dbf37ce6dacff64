//! The pages a diagnostic's `codeDescription.href` links to.
//!
//! attrib has no web page per check, and a link to one would be dead. The
//! documentation that exists for every check, in the version that is
//! running, is `attrib explain CODE`; so at start-up the server writes each
//! check's explanation to `CODE.md` in a folder of the user's cache
//! (`$XDG_CACHE_HOME/attrib/VERSION/checks`, else `~/.cache/…`, else the
//! temporary folder) and links to those files, which an editor opens like
//! any other. A team that publishes the pages can link there instead with
//! the initialization option `checkDocsUrl` (`{code}` stands for the code).
//! When neither works, diagnostics carry no link rather than a dead one.

use super::diagnostics::DocLinks;
use std::path::{Path, PathBuf};

/// The folder of the pages for this version of attrib.
fn pages_folder() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })
        .unwrap_or_else(std::env::temp_dir);
    cache.join("attrib").join(env!("CARGO_PKG_VERSION")).join("checks")
}

/// Write every check's page into `folder` (a page already there with the
/// same text is left alone) and return the links to them.
pub fn write_pages(folder: &Path) -> std::io::Result<DocLinks> {
    std::fs::create_dir_all(folder)?;
    for check in attrib::checks::ALL {
        let code = check.info().code;
        let text = crate::cli::explain::explain(code).unwrap_or_default();
        let path = folder.join(format!("{code}.md"));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)?;
        }
    }
    let folder = folder.canonicalize()?;
    Ok(DocLinks::with_pattern(format!("{}/{{code}}.md", file_uri(&folder))))
}

/// The links for this server: `check_docs_url` when the client gave one,
/// else the pages written to the cache. The error says why there are none.
pub fn links(check_docs_url: Option<String>) -> Result<DocLinks, String> {
    match check_docs_url {
        Some(pattern) if pattern.contains("{code}") => Ok(DocLinks::with_pattern(pattern)),
        Some(pattern) => Err(format!(
            "checkDocsUrl {pattern:?} has no {{code}}; diagnostics carry no link"
        )),
        None => {
            let folder = pages_folder();
            write_pages(&folder).map_err(|e| {
                format!(
                    "cannot write the check pages to {}: {e}; diagnostics carry no link",
                    folder.display()
                )
            })
        }
    }
}

/// A `file:` URI for an absolute path, with the characters a URI path
/// cannot hold percent-encoded.
pub fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => uri.push(byte as char),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_gets_its_explain_page_and_a_link_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("pages with space");
        let links = write_pages(&folder).unwrap();
        let href = links.href("loaded-verb").unwrap();
        assert!(href.as_str().starts_with("file:///"), "{}", href.as_str());
        assert!(href.as_str().ends_with("/pages%20with%20space/loaded-verb.md"));
        let path = super::super::documents::file_path(&href).unwrap();
        let page = std::fs::read_to_string(path).unwrap();
        assert_eq!(page, crate::cli::explain::explain("loaded-verb").unwrap());
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), attrib::checks::ALL.len());
    }

    #[test]
    fn a_given_url_needs_the_code_placeholder() {
        let links = links(Some("https://news.example/attrib/{code}".into())).unwrap();
        assert_eq!(
            links.href("vague-source").unwrap().as_str(),
            "https://news.example/attrib/vague-source"
        );
        assert!(super::links(Some("https://news.example/attrib".into())).is_err());
    }
}
