//! `--input jsonl`: articles as JSON Lines records, one per line,
//! `{"id": …, "text": …, "format": "md"}`, read from files or stdin (`-`).
//!
//! Each record gives one JSON line of output, in input order, whatever the
//! number of threads. A record that cannot be read (not JSON, no `id`, no
//! `text`, an unknown `format`) gives an error line naming its input and line
//! number, `{"id": …, "input": …, "line": 7, "error": "…"}`, the same message
//! on stderr, and the run exits 2; the records after it are still checked.
//! Lines are read as they are needed, so memory holds only the records in
//! flight, not the input.

use super::input::{panic_message, STDIN_NAME};
use super::parallel::ordered_map;
use super::{Message, Ui};
use attrib::{InputFormat, SourceFile};
use clap::ValueEnum;
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// What the paths of `check` and `extract` hold.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// Article files and folders (.txt, .md, .markdown), or - for stdin.
    #[default]
    Files,
    /// JSON Lines records {"id": …, "text": …, "format": "md"|"txt"}, from files or - for stdin;
    /// one JSON line of output per record.
    Jsonl,
}

/// One line of a JSON Lines input, not yet parsed (workers parse it).
pub struct RawLine {
    /// The input's name: its path, or `<stdin>`.
    input: Arc<str>,
    /// 1-based line number in that input.
    line: usize,
    /// The line's bytes without its line ending, or why the input could not be read.
    bytes: Result<Vec<u8>, String>,
}

/// A record ready to check.
pub struct Record {
    pub id: Value,
    pub source: SourceFile,
}

/// A record that could not be read.
#[derive(Debug, Serialize)]
pub struct BadRecord {
    /// The record's id, when it could be read.
    pub id: Value,
    pub input: String,
    pub line: usize,
    pub error: String,
}

impl RawLine {
    /// Parse the line as a record.
    pub fn parse(self) -> Result<Record, BadRecord> {
        let bad = |id: Value, error: String| BadRecord {
            id,
            input: self.input.to_string(),
            line: self.line,
            error,
        };
        let bytes = match &self.bytes {
            Ok(bytes) => bytes,
            Err(reason) => return Err(bad(Value::Null, reason.clone())),
        };
        let mut fields: Map<String, Value> = match serde_json::from_slice(bytes) {
            Ok(Value::Object(fields)) => fields,
            Ok(_) => return Err(bad(Value::Null, "a record must be a JSON object".into())),
            Err(err) => return Err(bad(Value::Null, format!("not a JSON record: {err}"))),
        };
        let Some(id) = fields.remove("id") else {
            return Err(bad(Value::Null, "the record has no \"id\"".into()));
        };
        let format = match fields.get("format") {
            None | Some(Value::Null) => InputFormat::Plain,
            Some(Value::String(f)) if matches!(f.as_str(), "md" | "markdown") => InputFormat::Markdown,
            Some(Value::String(f)) if matches!(f.as_str(), "txt" | "text" | "plain") => InputFormat::Plain,
            Some(other) => {
                return Err(bad(
                    id,
                    format!("unknown \"format\" {other}: use \"md\" (Markdown) or \"txt\" (plain text)"),
                ))
            }
        };
        let text = match fields.remove("text") {
            Some(Value::String(text)) => text,
            Some(_) => return Err(bad(id, "the record's \"text\" must be a string".into())),
            None => return Err(bad(id, "the record has no \"text\"".into())),
        };
        let name = format!("{}:{}", self.input, self.line);
        Ok(Record {
            id,
            source: SourceFile::new(name, text, format),
        })
    }
}

/// The lines of every input, in order, read when asked for.
fn lines(paths: &[PathBuf]) -> impl Iterator<Item = RawLine> + '_ {
    paths.iter().flat_map(|path| {
        let (name, reader): (Arc<str>, io::Result<Box<dyn BufRead>>) = if path.as_os_str() == "-" {
            (
                STDIN_NAME.into(),
                Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin()))),
            )
        } else {
            let name: Arc<str> = path.display().to_string().into();
            let file =
                std::fs::File::open(path).map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn BufRead>);
            (name, file)
        };
        LineReader {
            input: name,
            reader: reader.map_err(|e| e.to_string()),
            line: 0,
            done: false,
        }
    })
}

/// Reads one input line by line; a read error ends the input with one bad line.
struct LineReader {
    input: Arc<str>,
    reader: Result<Box<dyn BufRead>, String>,
    line: usize,
    done: bool,
}

impl Iterator for LineReader {
    type Item = RawLine;

    fn next(&mut self) -> Option<RawLine> {
        if self.done {
            return None;
        }
        let reader = match &mut self.reader {
            Ok(reader) => reader,
            Err(reason) => {
                self.done = true;
                return Some(RawLine {
                    input: self.input.clone(),
                    line: 0,
                    bytes: Err(format!("cannot read {}: {reason}", self.input)),
                });
            }
        };
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            match reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {
                    while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                        bytes.pop();
                    }
                    // A blank line (the end of a file, often) is no record.
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(RawLine {
                        input: self.input.clone(),
                        line: self.line,
                        bytes: Ok(bytes),
                    });
                }
                Err(err) => {
                    self.done = true;
                    return Some(RawLine {
                        input: self.input.clone(),
                        line: self.line,
                        bytes: Err(format!("cannot read {}: {err}", self.input)),
                    });
                }
            }
        }
    }
}

/// Run `work` on every record of `paths` on `threads` threads and write its
/// JSON line, in input order; `seen` gets what `work` returns beside the line.
/// Bad records are written as error lines and reported on stderr. Returns
/// whether writing the output failed.
pub fn for_each_record<T: Send>(
    paths: &[PathBuf],
    threads: usize,
    ui: &mut Ui,
    out: &mut dyn Write,
    work: impl Fn(Record) -> (String, T) + Sync,
    mut seen: impl FnMut(T),
) -> io::Result<()> {
    let mut write_error = None;
    ordered_map(
        threads,
        lines(paths),
        |raw| {
            let (input, line) = (raw.input.clone(), raw.line);
            let record = raw.parse()?;
            let id = record.id.clone();
            // A panic on one record (a bug in attrib) is that record's error line.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(record))).map_err(|payload| BadRecord {
                id,
                input: input.to_string(),
                line,
                error: format!(
                    "attrib failed on this record (a bug in attrib): {}",
                    panic_message(payload.as_ref())
                ),
            })
        },
        |result| {
            let written = match result {
                Ok((line, value)) => {
                    seen(value);
                    out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n"))
                }
                Err(bad) => {
                    let written = serde_json::to_writer(&mut *out, &bad)
                        .map_err(io::Error::from)
                        .and_then(|()| out.write_all(b"\n"))
                        .and_then(|()| out.flush());
                    let place = if bad.line > 0 {
                        format!("{}:{}", bad.input, bad.line)
                    } else {
                        bad.input.clone()
                    };
                    ui.error(&Message::new(format!("{place}: {}", bad.error)));
                    written
                }
            };
            match written {
                Ok(()) => true,
                Err(err) => {
                    write_error = Some(err);
                    false
                }
            }
        },
    );
    write_error.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Record, BadRecord> {
        RawLine {
            input: "r.jsonl".into(),
            line: 3,
            bytes: Ok(line.as_bytes().to_vec()),
        }
        .parse()
    }

    #[test]
    fn a_record_becomes_a_source() {
        let record = parse(r##"{"id": 7, "text": "# Title\n\nBody.", "format": "md", "lang": "en"}"##)
            .ok()
            .unwrap();
        assert_eq!(record.id, Value::from(7));
        assert_eq!(record.source.format, InputFormat::Markdown);
        assert_eq!(record.source.text, "# Title\n\nBody.");
        let plain = parse(r#"{"id": "a", "text": "Body."}"#).ok().unwrap();
        assert_eq!(plain.source.format, InputFormat::Plain);
    }

    #[test]
    fn bad_records_say_why_and_where() {
        let cases = [
            ("{\"id\": 1, \"text\": ", "not a JSON record"),
            ("[1, 2]", "must be a JSON object"),
            (r#"{"text": "x"}"#, "no \"id\""),
            (r#"{"id": 1}"#, "no \"text\""),
            (r#"{"id": 1, "text": 5}"#, "must be a string"),
            (r#"{"id": 1, "text": "x", "format": "pdf"}"#, "unknown \"format\""),
        ];
        for (line, expected) in cases {
            let bad = parse(line).err().unwrap();
            assert!(bad.error.contains(expected), "{line}: {}", bad.error);
            assert_eq!((bad.line, &*bad.input), (3, "r.jsonl"));
        }
        let bad = parse(r#"{"id": "k", "text": "x", "format": 1}"#).err().unwrap();
        assert_eq!(bad.id, Value::from("k"));
    }
}
