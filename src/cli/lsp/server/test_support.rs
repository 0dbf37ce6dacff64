//! Helpers for the server's tests: an initialized server writing to memory,
//! the messages a client sends, and what the server wrote back.

use super::{Config, Server};
use crate::cli::lsp::transport::{self, Incoming};
use lsp_server::{Notification, Request};
use serde_json::{json, Value};
use std::io;
use std::time::Duration;

pub(super) fn server() -> Server<Vec<u8>> {
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

pub(super) fn request(id: i32, method: &str, params: Value) -> Incoming {
    Incoming::Message(Request::new(id.into(), method.into(), params).into())
}

pub(super) fn notification(method: &str, params: Value) -> Incoming {
    Incoming::Message(Notification::new(method.into(), params).into())
}

/// The messages written since the last call.
pub(super) fn sent(server: &mut Server<Vec<u8>>) -> Vec<Value> {
    let bytes = std::mem::take(&mut server.out);
    let mut reader = io::BufReader::new(&bytes[..]);
    let mut out = Vec::new();
    while let Some(body) = transport::read_frame(&mut reader).unwrap() {
        out.push(serde_json::from_str(&body).unwrap());
    }
    out
}

pub(super) const URI: &str = "untitled:story";

pub(super) fn open(server: &mut Server<Vec<u8>>, text: &str) {
    let doc = json!({"uri": URI, "languageId": "plaintext", "version": 1, "text": text});
    server.handle(notification("textDocument/didOpen", json!({"textDocument": doc})));
}

pub(super) fn change(server: &mut Server<Vec<u8>>, version: i32, text: &str) {
    let params = json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]});
    server.handle(notification("textDocument/didChange", params));
}
