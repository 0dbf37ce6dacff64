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
//!
//! This file holds [`Server`], its lifecycle state, the message loop and
//! what the server writes to the client. The rest, each a block of
//! `impl Server`, is one file per concern:
//!
//! - `requests`: requests answered (initialize, shutdown, hover, code actions);
//! - `notifications`: notifications acted on (documents opened, changed, saved
//!   and closed; rule files changed) and the rule-file watchers;
//! - `checking`: documents checked when due, with an engine per set of rule files.

mod checking;
mod notifications;
mod requests;
#[cfg(test)]
mod test_support;

use super::diagnostics::DocLinks;
use super::documents::OpenDocument;
use super::positions::Encoding;
use super::transport::{self, codes, Incoming};
use crate::cli::input::panic_message;
use attrib::Engine;
use lsp_server::{Message, Notification, Response};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::{PublishDiagnosticsParams, Uri};
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
