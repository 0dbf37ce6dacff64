//! Notifications acted on: documents opened, changed (checked when typing
//! pauses), saved and closed; rule files changed on disk, and the watchers
//! the client is asked to set on them.

use super::{log, parse, Server, State};
use crate::cli::lsp::documents::{file_path, kind_of, Kind, OpenDocument};
use lsp_server::{Notification, Request, RequestId};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    Registration, RegistrationParams,
};
use std::io::Write;
use std::time::Instant;

impl<W: Write> Server<W> {
    pub(super) fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        if self.state == State::Starting {
            log(&format!("{method} before initialize: ignored"));
            return;
        }
        let result = match method.as_str() {
            notify::Initialized::METHOD => {
                self.register_watchers();
                Ok(())
            }
            notify::DidOpenTextDocument::METHOD => parse::<DidOpenTextDocumentParams>(notification.params).map(|p| {
                let doc = p.text_document;
                let path = file_path(&doc.uri);
                let kind = kind_of(&doc.language_id, path.as_deref(), &self.config.rule_files);
                let key = doc.uri.as_str().to_string();
                let open = OpenDocument::new(doc.uri, kind, doc.version, doc.text, self.encoding);
                self.documents.insert(key.clone(), open);
                self.check(&key);
            }),
            notify::DidChangeTextDocument::METHOD => {
                parse::<DidChangeTextDocumentParams>(notification.params).map(|p| {
                    let key = p.text_document.uri.as_str().to_string();
                    match self.documents.get_mut(&key) {
                        Some(doc) => {
                            doc.apply_changes(p.text_document.version, p.content_changes, self.encoding);
                            self.due.insert(key, Instant::now() + self.config.debounce);
                        }
                        None => log(&format!("didChange for {key}, which is not open: ignored")),
                    }
                })
            }
            notify::DidSaveTextDocument::METHOD => parse::<DidSaveTextDocumentParams>(notification.params).map(|p| {
                let key = p.text_document.uri.as_str().to_string();
                let is_rule_file = self.documents.get(&key).is_some_and(|d| d.kind == Kind::RuleFile);
                self.check(&key);
                if is_rule_file {
                    self.rules_changed();
                }
            }),
            notify::DidCloseTextDocument::METHOD => parse::<DidCloseTextDocumentParams>(notification.params).map(|p| {
                let key = p.text_document.uri.as_str().to_string();
                self.documents.remove(&key);
                self.due.remove(&key);
                self.publish(p.text_document.uri, Vec::new(), None);
            }),
            notify::DidChangeWatchedFiles::METHOD => {
                parse::<DidChangeWatchedFilesParams>(notification.params).map(|_| self.rules_changed())
            }
            // Cancellation, tracing, configuration: nothing attrib acts on.
            _ if method.starts_with("$/") => Ok(()),
            notify::DidChangeConfiguration::METHOD => Ok(()),
            _ => {
                log(&format!("unknown notification {method}: ignored"));
                Ok(())
            }
        };
        if let Err(err) = result {
            log(&format!("{method} with bad parameters, ignored: {err}"));
        }
    }

    /// Ask the client to say when an attrib.yaml or a `--rules` file changes
    /// on disk, open in the editor or not.
    fn register_watchers(&mut self) {
        if !self.watch_rule_files {
            return;
        }
        let mut watchers = vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{}", crate::cli::CONFIG_FILE)),
            kind: None,
        }];
        for file in &self.config.rule_files {
            let absolute = std::path::absolute(file).unwrap_or_else(|_| file.clone());
            watchers.push(FileSystemWatcher {
                glob_pattern: GlobPattern::String(absolute.display().to_string()),
                kind: None,
            });
        }
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "attrib-rule-files".into(),
                method: notify::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let id = RequestId::from(self.next_id);
        self.next_id += 1;
        self.send(Request::new(id, req::RegisterCapability::METHOD.into(), params).into());
    }

    /// A rule file changed on disk: engines are rebuilt when next needed,
    /// and every open article is checked again.
    fn rules_changed(&mut self) {
        self.engines.clear();
        let articles: Vec<String> = self
            .documents
            .iter()
            .filter(|(_, d)| matches!(d.kind, Kind::Article(_)))
            .map(|(key, _)| key.clone())
            .collect();
        for key in articles {
            self.check(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::lsp::server::test_support::{notification, open, request, sent, server, URI};
    use serde_json::{json, Value};

    #[test]
    fn closing_clears_and_unknown_documents_are_no_error() {
        let mut server = server();
        open(&mut server, "Experts say the bridge is unsafe.");
        sent(&mut server);
        server.handle(notification(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        ));
        let messages = sent(&mut server);
        assert_eq!(messages[0]["params"]["diagnostics"], json!([]));
        let hover = json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 1}});
        server.handle(request(5, "textDocument/hover", hover));
        assert_eq!(sent(&mut server)[0]["result"], Value::Null);
    }
}
