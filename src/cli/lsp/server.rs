//! The server loop: one thread that takes messages in order, keeps the open
//! documents, and checks them.
//!
//! The loop is synchronous. A `didChange` marks its document due in
//! `debounce` (150 ms by default); the loop waits for the next message with
//! `recv_timeout` until the earliest due time, so a burst of keystrokes costs
//! one check when typing pauses. A request about a document that is due
//! (hover, code action) checks it first, so the answer is about the text the
//! editor has. `didOpen` and `didSave` check at once.
//!
//! Nothing a client sends stops the server: a message that is not JSON-RPC,
//! an unknown method or bad parameters get an error response (or, for a
//! notification, a line in the log on stderr), and a panic while handling a
//! message (a bug in attrib) is caught, logged, and answered as an internal error.

use super::diagnostics::{check_article, DocLinks};
use super::documents::{file_path, kind_of, Kind, OpenDocument};
use super::positions::Encoding;
use super::transport::{self, codes, Incoming};
use super::{actions, explain_pages, hover, rule_files};
use crate::cli::engine;
use crate::cli::input::panic_message;
use attrib::Engine;
use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, PublishDiagnosticsParams, Registration,
    RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How the server is set up from the command line.
#[derive(Clone, Debug)]
pub struct Config {
    /// `--rules`: every article uses these files (and they are the rule files
    /// validated as such); empty: each article's attrib.yaml is looked for.
    pub rule_files: Vec<PathBuf>,
    /// `--sources`: transcripts to verify quotes against.
    pub sources: Vec<PathBuf>,
    /// How long typing must pause before a changed document is checked again.
    pub debounce: Duration,
}

/// Where the lifecycle is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Starting,
    Running,
    /// `shutdown` was received: only `exit` is expected.
    ShuttingDown,
}

/// What the loop does after a message.
enum Flow {
    Continue,
    /// `exit` was received: the process ends with this code.
    Exit(i32),
}

pub struct Server<W: Write> {
    out: W,
    config: Config,
    state: State,
    encoding: Encoding,
    links: DocLinks,
    /// Open documents by URI.
    documents: HashMap<String, OpenDocument>,
    /// Documents to check again, with when.
    due: HashMap<String, Instant>,
    /// Engines by the rule files they were built from.
    engines: HashMap<Vec<PathBuf>, Engine>,
    /// The id of the next request the server sends.
    next_id: i32,
    /// Writing to the client failed: it is gone.
    broken: bool,
    /// The client can watch files for the server (dynamic registration).
    watch_rule_files: bool,
}

/// Log a line on stderr, which clients show in their language-server log.
pub fn log(message: &str) {
    let _ = writeln!(io::stderr().lock(), "attrib lsp: {message}");
}

impl<W: Write> Server<W> {
    pub fn new(out: W, config: Config) -> Self {
        Server {
            out,
            config,
            state: State::Starting,
            encoding: Encoding::Utf16,
            links: DocLinks::none(),
            documents: HashMap::new(),
            due: HashMap::new(),
            engines: HashMap::new(),
            next_id: 1,
            broken: false,
            watch_rule_files: false,
        }
    }

    /// Serve until `exit` or the end of the input; the process's exit code:
    /// 0 after `shutdown`, 1 otherwise (as the protocol asks).
    pub fn run(mut self, incoming: Receiver<Incoming>) -> i32 {
        loop {
            let next = match self.due.values().min() {
                None => incoming.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(&at) => incoming.recv_timeout(at.saturating_duration_since(Instant::now())),
            };
            match next {
                Ok(message) => {
                    if let Flow::Exit(code) = self.handle(message) {
                        return code;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return self.exit_code(),
            }
            self.check_due();
            if self.broken {
                return 1;
            }
        }
    }

    fn exit_code(&self) -> i32 {
        if self.state == State::ShuttingDown {
            0
        } else {
            1
        }
    }

    fn handle(&mut self, incoming: Incoming) -> Flow {
        match incoming {
            Incoming::Invalid { id, code, message } => {
                log(&format!("invalid message: {message}"));
                self.write_error(id, code, &message);
                Flow::Continue
            }
            Incoming::Message(Message::Request(request)) => {
                let id = request.id.clone();
                let method = request.method.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| self.request(request)));
                let response = match answer {
                    Ok(response) => response,
                    Err(panic) => {
                        let reason = panic_message(panic.as_ref());
                        log(&format!("internal error handling {method}: {reason} (a bug in attrib)"));
                        Response::new_err(id, codes::INTERNAL_ERROR, format!("attrib failed: {reason}"))
                    }
                };
                self.send(response.into());
                Flow::Continue
            }
            Incoming::Message(Message::Notification(notification)) => {
                if notification.method == notify::Exit::METHOD {
                    return Flow::Exit(self.exit_code());
                }
                let method = notification.method.clone();
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.notification(notification))) {
                    let reason = panic_message(panic.as_ref());
                    log(&format!("internal error handling {method}: {reason} (a bug in attrib)"));
                }
                Flow::Continue
            }
            // Answers to the server's own requests (registrations): nothing to do.
            Incoming::Message(Message::Response(_)) => Flow::Continue,
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match (self.state, request.method.as_str()) {
            (State::Starting, req::Initialize::METHOD) => match parse::<InitializeParams>(request.params) {
                Ok(params) => {
                    self.state = State::Running;
                    Response::new_ok(id, self.initialize(params))
                }
                Err(err) => invalid_params(id, &err),
            },
            (State::Starting, _) => Response::new_err(
                id,
                codes::SERVER_NOT_INITIALIZED,
                "the server is not initialized yet".into(),
            ),
            (_, req::Initialize::METHOD) => {
                Response::new_err(id, codes::INVALID_REQUEST, "the server is already initialized".into())
            }
            (State::ShuttingDown, _) => Response::new_err(
                id,
                codes::INVALID_REQUEST,
                "the server is shutting down: only `exit` is expected".into(),
            ),
            (State::Running, req::Shutdown::METHOD) => {
                self.state = State::ShuttingDown;
                Response::new_ok(id, ())
            }
            (State::Running, req::HoverRequest::METHOD) => match parse::<HoverParams>(request.params) {
                Ok(params) => {
                    let position = params.text_document_position_params;
                    let key = position.text_document.uri.as_str().to_string();
                    let answer = self.fresh(&key).and_then(|(doc, _)| {
                        let checked = doc.checked.as_ref()?;
                        hover::hover(doc, checked, position.position)
                    });
                    Response::new_ok(id, answer)
                }
                Err(err) => invalid_params(id, &err),
            },
            (State::Running, req::CodeActionRequest::METHOD) => match parse::<CodeActionParams>(request.params) {
                Ok(params) => {
                    let key = params.text_document.uri.as_str().to_string();
                    let answer = match self.fresh(&key) {
                        Some((doc, Kind::Article(format))) => doc
                            .checked
                            .as_ref()
                            .map(|checked| actions::code_actions(doc, checked, format, params.range))
                            .unwrap_or_default(),
                        _ => Vec::new(),
                    };
                    Response::new_ok(id, answer)
                }
                Err(err) => invalid_params(id, &err),
            },
            (State::Running, method) => {
                Response::new_err(id, codes::METHOD_NOT_FOUND, format!("attrib does not handle {method}"))
            }
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        self.encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let option = |name: &str| {
            params
                .initialization_options
                .as_ref()
                .and_then(|o| o.get(name))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        self.links = explain_pages::links(option("checkDocsUrl")).unwrap_or_else(|why| {
            log(&why);
            DocLinks::none()
        });
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|c| c.dynamic_registration)
            .unwrap_or(false);
        // Registered from `initialized`: the protocol lets the server send
        // requests only after its `initialize` response.
        self.watch_rule_files = watch;
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..CodeActionOptions::default()
                })),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "attrib".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    fn notification(&mut self, notification: Notification) {
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

    /// Check the documents whose quiet period is over.
    fn check_due(&mut self) {
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
    fn fresh(&mut self, key: &str) -> Option<(&OpenDocument, Kind)> {
        if self.due.contains_key(key) {
            self.check(key);
        }
        self.documents.get(key).map(|d| (d, d.kind))
    }

    /// Check one document and publish its diagnostics. A panic in the check
    /// (a bug in attrib) is logged; the document keeps its last diagnostics.
    fn check(&mut self, key: &str) {
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

    fn publish(&mut self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(notify::PublishDiagnostics::METHOD.into(), params).into());
    }

    fn send(&mut self, message: Message) {
        if let Err(err) = transport::write_message(&mut self.out, &message) {
            self.client_gone(err);
        }
    }

    fn write_error(&mut self, id: Option<Value>, code: i32, message: &str) {
        if let Err(err) = transport::write_error(&mut self.out, id, code, message) {
            self.client_gone(err);
        }
    }

    fn client_gone(&mut self, err: io::Error) {
        if !self.broken {
            log(&format!("cannot write to the client: {err}"));
        }
        self.broken = true;
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(params)
}

fn invalid_params(id: RequestId, err: &serde_json::Error) -> Response {
    Response::new_err(id, codes::INVALID_PARAMS, format!("bad parameters: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn server() -> Server<Vec<u8>> {
        let config = Config {
            rule_files: Vec::new(),
            sources: Vec::new(),
            debounce: Duration::from_secs(3600),
        };
        let mut server = Server::new(Vec::new(), config);
        let init = json!({"processId": null, "rootUri": null, "capabilities": {},
                          "initializationOptions": {"checkDocsUrl": "https://news.example/{code}"}});
        server.handle(request(1, "initialize", init));
        server.handle(notification("initialized", json!({})));
        server
    }

    fn request(id: i32, method: &str, params: Value) -> Incoming {
        Incoming::Message(Request::new(id.into(), method.into(), params).into())
    }

    fn notification(method: &str, params: Value) -> Incoming {
        Incoming::Message(Notification::new(method.into(), params).into())
    }

    /// The messages written since the last call.
    fn sent(server: &mut Server<Vec<u8>>) -> Vec<Value> {
        let bytes = std::mem::take(&mut server.out);
        let mut reader = io::BufReader::new(&bytes[..]);
        let mut out = Vec::new();
        while let Some(body) = transport::read_frame(&mut reader).unwrap() {
            out.push(serde_json::from_str(&body).unwrap());
        }
        out
    }

    const URI: &str = "untitled:story";

    fn open(server: &mut Server<Vec<u8>>, text: &str) {
        let doc = json!({"uri": URI, "languageId": "plaintext", "version": 1, "text": text});
        server.handle(notification("textDocument/didOpen", json!({"textDocument": doc})));
    }

    fn change(server: &mut Server<Vec<u8>>, version: i32, text: &str) {
        let params = json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]});
        server.handle(notification("textDocument/didChange", params));
    }

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

    #[test]
    fn lifecycle_errors() {
        let mut server = server();
        sent(&mut server);
        server.handle(request(2, "initialize", json!({"capabilities": {}})));
        server.handle(request(3, "shutdown", Value::Null));
        server.handle(request(4, "textDocument/hover", json!({})));
        let messages = sent(&mut server);
        assert_eq!(messages[0]["error"]["code"], codes::INVALID_REQUEST);
        assert_eq!(messages[1]["result"], Value::Null);
        assert_eq!(messages[2]["error"]["code"], codes::INVALID_REQUEST);
        assert!(matches!(
            server.handle(notification("exit", Value::Null)),
            Flow::Exit(0)
        ));
    }
}
