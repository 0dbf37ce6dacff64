//! The JSON formats: the version-1 object of DESIGN.md ("JSON output") that
//! other tools read, streamed file by file, and JSON Lines with one finding per line.
//!
//! Keys are written in the order of the struct fields; every key is always
//! present (`help` is `null` when a check gives none).

use super::{Position, Problem, Reporter, Summary};
use crate::{Finding, SourceFile};
use serde::Serialize;
use std::io;

/// The JSON contract's version; bumped when a field is removed or renamed.
pub const VERSION: u32 = 1;

/// `{"version": 1, "files": [...], "problems": [...], "summary": {...}}`.
#[derive(Debug, Serialize)]
pub struct CheckOutput {
    pub version: u32,
    pub files: Vec<FileOutput>,
    /// Files that could not be checked or used; the run exited 2.
    pub problems: Vec<Problem>,
    pub summary: Summary,
}

/// One checked file and its findings.
#[derive(Debug, Serialize)]
pub struct FileOutput {
    pub path: String,
    pub diagnostics: Vec<DiagnosticOutput>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct DiagnosticOutput {
    pub code: String,
    pub severity: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
    /// The primary label first, then the evidence.
    pub labels: Vec<LabelOutput>,
}

#[derive(Debug, Serialize)]
pub struct LabelOutput {
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
}

impl LabelOutput {
    fn new(text: &str, at: Position) -> Self {
        LabelOutput {
            text: text.to_string(),
            line: at.line,
            column: at.column,
            offset: at.offset,
            length: at.length,
        }
    }
}

impl DiagnosticOutput {
    pub fn new(source: &SourceFile, finding: &Finding) -> Self {
        let at = Position::of(source, finding.span);
        let labels = std::iter::once(LabelOutput::new(&finding.label, at))
            .chain(
                finding
                    .labels
                    .iter()
                    .map(|l| LabelOutput::new(&l.text, Position::of(source, l.span))),
            )
            .collect();
        DiagnosticOutput {
            code: finding.code.to_string(),
            severity: finding.severity.as_str(),
            message: finding.message.clone(),
            help: finding.help.clone(),
            line: at.line,
            column: at.column,
            offset: at.offset,
            length: at.length,
            labels,
        }
    }
}

impl FileOutput {
    pub fn new(source: &SourceFile, findings: &[Finding]) -> Self {
        FileOutput {
            path: source.name.clone(),
            diagnostics: findings.iter().map(|f| DiagnosticOutput::new(source, f)).collect(),
        }
    }
}

/// One line of `attrib check --input jsonl`: a record's id and its findings.
#[derive(Debug, Serialize)]
pub struct RecordOutput<'a> {
    pub id: &'a serde_json::Value,
    pub diagnostics: Vec<DiagnosticOutput>,
}

impl<'a> RecordOutput<'a> {
    pub fn new(id: &'a serde_json::Value, source: &SourceFile, findings: &[Finding]) -> Self {
        RecordOutput {
            id,
            diagnostics: findings.iter().map(|f| DiagnosticOutput::new(source, f)).collect(),
        }
    }
}

/// `attrib check --format json`: the object of [`CheckOutput`], written file
/// by file as each is checked, so memory does not grow with the number of
/// files. The bytes are those of `serde_json::to_writer_pretty(CheckOutput)`.
#[derive(Debug, Default)]
pub struct JsonReporter {
    files_written: usize,
    /// Written after the files; a run has few.
    problems: Vec<Problem>,
}

impl JsonReporter {
    pub fn new() -> Self {
        JsonReporter::default()
    }
}

/// Write pretty JSON `value` as if it were nested `depth` levels deep in a
/// pretty document: every line after the first indented by two spaces per
/// level. The bytes are those `serde_json::to_writer_pretty` writes, with the
/// deeper indentation written directly (no second pass over the lines). At
/// most [`CHUNK`] bytes are held before they are written.
pub fn write_pretty_nested(out: &mut dyn io::Write, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let mut chunked = Chunked {
        out,
        pending: Vec::with_capacity(CHUNK),
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut chunked, NestedPretty::at(depth));
    value.serialize(&mut serializer)?;
    chunked.drain()
}

/// How much serialised JSON [`Chunked`] collects before writing it.
const CHUNK: usize = 16 * 1024;

/// Collects serde_json's many small writes and passes them on in chunks.
struct Chunked<'w> {
    out: &'w mut dyn io::Write,
    pending: Vec<u8>,
}

impl Chunked<'_> {
    fn drain(&mut self) -> io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        Ok(())
    }
}

impl io::Write for Chunked<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK {
            self.drain()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain()?;
        self.out.flush()
    }
}

/// serde_json's pretty layout (two spaces per level, `": "` after keys,
/// `[]` and `{}` when empty) starting `depth` levels deep.
struct NestedPretty {
    depth: usize,
    /// Whether the array or object being written has a value yet.
    has_value: bool,
}

impl NestedPretty {
    fn at(depth: usize) -> Self {
        NestedPretty {
            depth,
            has_value: false,
        }
    }

    /// A line break and the indentation of the current depth.
    fn new_line<W: ?Sized + io::Write>(&self, writer: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        writer.write_all(b"\n")?;
        let mut width = 2 * self.depth;
        while width > 0 {
            let step = width.min(SPACES.len());
            writer.write_all(&SPACES[..step])?;
            width -= step;
        }
        Ok(())
    }

    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(mark)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer)?;
        }
        writer.write_all(mark)
    }

    fn item<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.new_line(writer)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A file's findings serialised as [`FileOutput`] without building it first:
/// each finding becomes a [`DiagnosticOutput`] only while it is written.
struct FileFindings<'a> {
    source: &'a SourceFile,
    findings: &'a [Finding],
}

impl Serialize for FileFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Diagnostics<'a>(&'a SourceFile, &'a [Finding]);
        impl Serialize for Diagnostics<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.1.iter().map(|f| DiagnosticOutput::new(self.0, f)))
            }
        }
        // The fields of FileOutput, in its order.
        let mut file = serializer.serialize_struct("FileOutput", 2)?;
        file.serialize_field("path", &self.source.name)?;
        file.serialize_field("diagnostics", &Diagnostics(self.source, self.findings))?;
        file.end()
    }
}

impl Reporter for JsonReporter {
    fn file(&mut self, out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        if self.files_written == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [\n    ")?;
        } else {
            out.write_all(b",\n    ")?;
        }
        write_pretty_nested(out, &FileFindings { source, findings }, 2)?;
        self.files_written += 1;
        Ok(())
    }

    fn problem(&mut self, _out: &mut dyn io::Write, problem: &Problem) -> io::Result<()> {
        self.problems.push(problem.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()> {
        if self.files_written == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [],\n  \"problems\": ")?;
        } else {
            out.write_all(b"\n  ],\n  \"problems\": ")?;
        }
        write_pretty_nested(out, &self.problems, 1)?;
        out.write_all(b",\n  \"summary\": ")?;
        write_pretty_nested(out, summary, 1)?;
        out.write_all(b"\n}\n")
    }
}

/// One line of `--format jsonl`: the file's path, then the diagnostic's keys.
#[derive(Debug, Serialize)]
pub struct JsonLine<'a> {
    pub path: &'a str,
    #[serde(flatten)]
    pub diagnostic: DiagnosticOutput,
}

/// A line of `--format jsonl` for a file that could not be checked or used:
/// `{"path": …, "problem": "message", "line": …, "column": …}`, told apart
/// from a finding by its `problem` key.
#[derive(Debug, Serialize)]
pub struct ProblemLine<'a> {
    pub path: Option<&'a str>,
    pub problem: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// `attrib check --format jsonl`: one finding per line, written as found.
#[derive(Debug, Default)]
pub struct JsonLinesReporter;

impl Reporter for JsonLinesReporter {
    fn file(&mut self, out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            let line = JsonLine {
                path: &source.name,
                diagnostic: DiagnosticOutput::new(source, finding),
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn problem(&mut self, out: &mut dyn io::Write, problem: &Problem) -> io::Result<()> {
        let line = ProblemLine {
            path: problem.path.as_deref(),
            problem: &problem.message,
            line: problem.line,
            column: problem.column,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)
    }

    fn finish(&mut self, _out: &mut dyn io::Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, InputFormat, RuleSet};

    /// The streamed object is byte for byte the pretty-printed [`CheckOutput`].
    #[test]
    fn streaming_writes_the_same_bytes_as_one_object() {
        let engine = Engine::new(RuleSet::defaults());
        let texts = [
            "Experts say the bridge is unsafe.",
            "Nothing to see.",
            "“Quote,” said nobody in “particular.",
        ];
        for count in 0..=texts.len() {
            let sources: Vec<SourceFile> = texts[..count]
                .iter()
                .enumerate()
                .map(|(i, t)| SourceFile::new(format!("{i}.txt"), *t, InputFormat::Plain))
                .collect();
            let mut reporter = JsonReporter::new();
            let mut streamed = Vec::new();
            let mut summary = Summary::default();
            let mut files = Vec::new();
            for source in &sources {
                let findings = engine.check(source);
                summary.add(&findings);
                reporter.file(&mut streamed, source, &findings).unwrap();
                files.push(FileOutput::new(source, &findings));
            }
            let problems = [Problem {
                path: Some("gone.txt".to_string()),
                line: None,
                column: None,
                message: "cannot read gone.txt".to_string(),
            }];
            for problem in &problems[..count.min(1)] {
                reporter.problem(&mut streamed, problem).unwrap();
            }
            reporter.finish(&mut streamed, &summary).unwrap();
            let mut whole = serde_json::to_vec_pretty(&CheckOutput {
                version: VERSION,
                files,
                problems: problems[..count.min(1)].to_vec(),
                summary,
            })
            .unwrap();
            whole.push(b'\n');
            assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap());
        }
    }

    /// Nested output is serde_json's pretty output with every line after the
    /// first indented by the depth, at any depth and for empty containers.
    #[test]
    fn nested_output_is_pretty_output_indented() {
        let value = serde_json::json!({"a": [1, [], {}, {"b": [true, null, "x\ny"]}], "c": {"d": []}});
        for depth in [0, 1, 2, 31, 32, 33, 70] {
            let mut nested = Vec::new();
            write_pretty_nested(&mut nested, &value, depth).unwrap();
            let indent = format!("\n{}", "  ".repeat(depth));
            let expected = serde_json::to_string_pretty(&value).unwrap().replace('\n', &indent);
            assert_eq!(String::from_utf8(nested).unwrap(), expected, "depth {depth}");
        }
    }

    #[test]
    fn keys_keep_the_contract_order() {
        let source = SourceFile::new("a.txt", "Experts say the bridge is unsafe.", InputFormat::Plain);
        let findings = Engine::new(RuleSet::defaults()).check(&source);
        let mut reporter = JsonReporter::new();
        let mut out = Vec::new();
        reporter.file(&mut out, &source, &findings).unwrap();
        let mut summary = Summary::default();
        summary.add(&findings);
        reporter.finish(&mut out, &summary).unwrap();
        let text = String::from_utf8(out).unwrap();
        let keys = [
            "\"version\"",
            "\"files\"",
            "\"path\"",
            "\"code\"",
            "\"help\"",
            "\"labels\"",
            "\"problems\"",
            "\"summary\"",
        ];
        let positions: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
