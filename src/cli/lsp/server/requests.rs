//! Requests answered: `initialize` (the capabilities, the position encoding,
//! the check pages' address), `shutdown`, hover and code actions, each in the
//! state of the lifecycle that allows it.

use super::{log, parse, Server, State};
use crate::cli::lsp::diagnostics::DocLinks;
use crate::cli::lsp::documents::Kind;
use crate::cli::lsp::positions::Encoding;
use crate::cli::lsp::transport::codes;
use crate::cli::lsp::{actions, explain_pages, hover};
use lsp_server::{Request, RequestId, Response};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use serde_json::Value;
use std::io::Write;

impl<W: Write> Server<W> {
    pub(super) fn request(&mut self, request: Request) -> Response {
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
}

fn invalid_params(id: RequestId, err: &serde_json::Error) -> Response {
    Response::new_err(id, codes::INVALID_PARAMS, format!("bad parameters: {err}"))
}

#[cfg(test)]
mod tests {
    use crate::cli::lsp::server::test_support::{notification, request, sent, server};
    use crate::cli::lsp::server::Flow;
    use crate::cli::lsp::transport::codes;
    use serde_json::{json, Value};

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
