//! The wire: JSON-RPC messages framed by `Content-Length` headers on stdin
//! and stdout.
//!
//! lsp-server's own stdio transport ends its reader thread at the first
//! malformed message, which would end the server. Here a frame that is not
//! JSON, or JSON that is not a JSON-RPC message, becomes an
//! [`Incoming::Invalid`] that the server answers with an error response, and
//! reading goes on with the next frame.

use lsp_server::Message;
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{self, Receiver};

/// The largest message read: a whole article in a `didOpen` fits many times
/// over; a larger length is a broken header, not a document.
pub const MAX_FRAME_BYTES: usize = 256 << 20;

/// JSON-RPC error codes (the specification's, and the LSP's).
pub mod codes {
    pub const PARSE_ERROR: i32 = -32700;
    pub const INVALID_REQUEST: i32 = -32600;
    pub const METHOD_NOT_FOUND: i32 = -32601;
    pub const INVALID_PARAMS: i32 = -32602;
    pub const INTERNAL_ERROR: i32 = -32603;
    pub const SERVER_NOT_INITIALIZED: i32 = -32002;
}

/// What the reader got from one frame.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Not a message: to be answered with this error (the id is the
    /// message's when it had a usable one, else null).
    Invalid {
        id: Option<Value>,
        code: i32,
        message: String,
    },
}

fn invalid_data(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The body of the next frame; `None` at the end of the input. A broken
/// header is an `InvalidData` error after which the next frame can still be
/// read (the bad header lines, and the body of an oversized frame, are consumed).
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut length = None;
    let mut line = String::new();
    let mut read_any = false;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return if read_any {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the input ended inside a header",
                ))
            } else {
                Ok(None)
            };
        }
        read_any = true;
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(invalid_data(format!("malformed header line {header:?}")));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| invalid_data(format!("malformed Content-Length {value:?}")))?,
            );
        }
    }
    let length = length.ok_or_else(|| invalid_data("a message without a Content-Length header".into()))?;
    if length > MAX_FRAME_BYTES {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Err(invalid_data(format!(
            "a message of {length} bytes; attrib reads messages up to {MAX_FRAME_BYTES} bytes"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    String::from_utf8(body)
        .map(Some)
        .map_err(|e| invalid_data(format!("a message that is not UTF-8: {e}")))
}

/// A frame's body as a message, or the error to answer it with.
pub fn parse(body: &str) -> Incoming {
    let value: Value = match serde_json::from_str(body) {
        Ok(value) => value,
        Err(err) => {
            return Incoming::Invalid {
                id: None,
                code: codes::PARSE_ERROR,
                message: format!("the message is not JSON: {err}"),
            }
        }
    };
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_i64() || id.is_u64())
        .cloned();
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(err) => Incoming::Invalid {
            id,
            code: codes::INVALID_REQUEST,
            message: format!("not a JSON-RPC request, response or notification: {err}"),
        },
    }
}

/// Read frames from `input` on a thread of their own until the input ends.
pub fn spawn_reader(mut input: impl BufRead + Send + 'static) -> Receiver<Incoming> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("attrib-lsp-reader".into())
        .spawn(move || loop {
            let incoming = match read_frame(&mut input) {
                Ok(Some(body)) => parse(&body),
                Ok(None) => break,
                Err(err) if err.kind() == io::ErrorKind::InvalidData => Incoming::Invalid {
                    id: None,
                    code: codes::PARSE_ERROR,
                    message: err.to_string(),
                },
                // The input is gone (or ended mid-message): the server sees
                // the channel close.
                Err(_) => break,
            };
            if sender.send(incoming).is_err() {
                break;
            }
        })
        .expect("the reader thread starts");
    receiver
}

/// Write a frame.
pub fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

pub fn write_message(out: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(out)
}

/// An error response, whose id may be null (a message too broken to have one).
pub fn write_error(out: &mut impl Write, id: Option<Value>, code: i32, message: &str) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": {"code": code, "message": message},
    });
    write_frame(out, &body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Result<Option<String>, io::ErrorKind>> {
        let mut reader = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            let frame = read_frame(&mut reader).map_err(|e| e.kind());
            let done = matches!(frame, Ok(None));
            out.push(frame);
            if done || out.len() > 10 {
                return out;
            }
        }
    }

    #[test]
    fn frames_are_read_and_broken_headers_skipped() {
        let input = "Content-Length: 2\r\n\r\n{}garbage\r\nContent-Type: x\r\ncontent-length:3\r\n\r\n[1]";
        assert_eq!(
            frames(input),
            [
                Ok(Some("{}".to_string())),
                Err(io::ErrorKind::InvalidData),
                Ok(Some("[1]".to_string())),
                Ok(None)
            ]
        );
        assert_eq!(frames("Content-Length: x\r\n\r\n")[0], Err(io::ErrorKind::InvalidData));
        assert_eq!(frames("\r\n")[0], Err(io::ErrorKind::InvalidData));
    }

    #[test]
    fn an_oversized_frame_is_refused_without_allocating_it() {
        let input = format!("Content-Length: {}\r\n\r\n", MAX_FRAME_BYTES + 1);
        let found = frames(&input);
        assert_eq!(found[0], Err(io::ErrorKind::InvalidData));
    }

    #[test]
    fn bodies_become_messages_or_errors() {
        let request = r#"{"jsonrpc":"2.0","id":4,"method":"shutdown"}"#;
        assert!(matches!(parse(request), Incoming::Message(Message::Request(r)) if r.method == "shutdown"));
        let Incoming::Invalid { id, code, .. } = parse("{not json") else {
            panic!()
        };
        assert_eq!((id, code), (None, codes::PARSE_ERROR));
        // JSON with an id, but not a message (a method must be a string).
        let Incoming::Invalid { id, code, .. } = parse(r#"{"jsonrpc":"2.0","id":9,"method":7}"#) else {
            panic!()
        };
        assert_eq!((id, code), (Some(Value::from(9)), codes::INVALID_REQUEST));
    }

    #[test]
    fn errors_with_a_null_id_are_framed() {
        let mut out = Vec::new();
        write_error(&mut out, None, codes::PARSE_ERROR, "bad").unwrap();
        let text = String::from_utf8(out).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        let value: Value = serde_json::from_str(body).unwrap();
        assert_eq!(value["id"], Value::Null);
        assert_eq!(value["error"]["code"], codes::PARSE_ERROR);
    }
}
