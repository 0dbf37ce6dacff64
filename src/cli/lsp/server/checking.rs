//! Documents checked: those whose quiet period is over, one a request is
//! about, every article when the rules change; each article with the engine
//! of its rule files, built once per set of files.

use super::{log, Server};
use crate::cli::engine;
use crate::cli::input::panic_message;
use crate::cli::lsp::diagnostics::check_article;
use crate::cli::lsp::documents::{Kind, OpenDocument};
use crate::cli::lsp::rule_files;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

impl<W: Write> Server<W> {
    /// Check the documents whose quiet period is over.
    pub(super) fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .due
            .iter()
            .filter(|(_, &at)| at <= now)
            .map(|(key, _)| key.clone())
            .collect();
        for key in due {
            self.check(&key);
        }
    }

    /// The document `key` with its check up to date, and its kind.
    pub(super) fn fresh(&mut self, key: &str) -> Option<(&OpenDocument, Kind)> {
        if self.due.contains_key(key) {
            self.check(key);
        }
        self.documents.get(key).map(|d| (d, d.kind))
    }

    /// Check one document and publish its diagnostics. A panic in the check
    /// (a bug in attrib) is logged; the document keeps its last diagnostics.
    pub(super) fn check(&mut self, key: &str) {
        self.due.remove(key);
        let Some(kind) = self.documents.get(key).map(|d| d.kind) else {
            return;
        };
        let engine_key = match kind {
            Kind::Article(_) => Some(self.rule_files_for(key)),
            _ => None,
        };
        if let Some(files) = &engine_key {
            self.ensure_engine(files);
        }
        let doc = &self.documents[key];
        let name = doc.name();
        let outcome = catch_unwind(AssertUnwindSafe(|| match (kind, &engine_key) {
            (Kind::Article(format), Some(files)) => {
                let checked = check_article(&self.engines[files], doc, format, &self.links);
                Some((checked.diagnostics.clone(), Some(checked)))
            }
            (Kind::RuleFile, _) => Some((rule_files::diagnostics(doc), None)),
            _ => None,
        }));
        let (diagnostics, checked) = match outcome {
            Ok(Some(result)) => result,
            Ok(None) => return,
            Err(panic) => {
                let reason = panic_message(panic.as_ref());
                log(&format!("attrib failed while checking {name}: {reason} (a bug in attrib; please report it with the document)"));
                return;
            }
        };
        let doc = self.documents.get_mut(key).expect("the document is open");
        let (uri, version) = (doc.uri.clone(), doc.version);
        if checked.is_some() {
            doc.checked = checked;
        }
        self.publish(uri, diagnostics, Some(version));
    }

    /// The rule files that apply to the document `key`: `--rules`, or the
    /// attrib.yaml found from its folder up (from the current folder for a
    /// document that is not a file), as `attrib check` finds it.
    fn rule_files_for(&self, key: &str) -> Vec<PathBuf> {
        if !self.config.rule_files.is_empty() {
            return self.config.rule_files.clone();
        }
        let folder = self.documents[key]
            .path
            .as_deref()
            .and_then(|p| p.parent())
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        engine::config_for_folder(&folder).into_iter().collect()
    }

    fn ensure_engine(&mut self, files: &[PathBuf]) {
        if self.engines.contains_key(files) {
            return;
        }
        let built = engine::build(files, &self.config.sources);
        for problem in &built.problems {
            let (path, position) = problem.location();
            let at = position.map_or(String::new(), |(line, column)| format!(":{line}:{column}"));
            log(&format!("{path}{at}: {problem}; the rest of the rules apply"));
        }
        for file in &built.unused_sources {
            log(&engine::unused_source_message(file));
        }
        self.engines.insert(files.to_vec(), built.engine);
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::lsp::server::test_support::{change, open, request, sent, server, URI};
    use serde_json::json;
    use std::time::Instant;

    #[test]
    fn a_change_is_checked_after_the_quiet_period_or_before_a_request() {
        let mut server = server();
        sent(&mut server);
        open(&mut server, "The mayor said the budget was balanced.");
        let published = sent(&mut server);
        assert_eq!(published[0]["params"]["diagnostics"], json!([]));

        // Typing: nothing is checked until the document is due.
        change(&mut server, 2, "The mayor claimed the budget was balanced.");
        change(&mut server, 3, "The mayor insisted the budget was balanced.");
        server.check_due();
        assert!(sent(&mut server).is_empty());
        assert_eq!(server.due.len(), 1);

        // A hover on a due document checks it first: the answer is about version 3.
        let hover = json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 12}});
        server.handle(request(2, "textDocument/hover", hover));
        let messages = sent(&mut server);
        assert_eq!(messages[0]["params"]["version"], 3);
        let diagnostic = &messages[0]["params"]["diagnostics"][0];
        assert_eq!(diagnostic["code"], "loaded-verb");
        assert_eq!(
            diagnostic["codeDescription"]["href"],
            "https://news.example/loaded-verb"
        );
        assert!(messages[1]["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("“insisted”"));
        assert!(server.due.is_empty());

        // The quiet period over, a due document is checked by the loop.
        change(&mut server, 4, "The mayor said the budget was balanced.");
        server.due.insert(URI.into(), Instant::now());
        server.check_due();
        let messages = sent(&mut server);
        assert_eq!(messages[0]["params"]["version"], 4);
        assert_eq!(messages[0]["params"]["diagnostics"], json!([]));
    }
}
