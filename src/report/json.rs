//! The JSON formats: the version-1 object of DESIGN.md ("JSON output") that
//! other tools read, and JSON Lines with one finding per line.
//!
//! Keys are written in the order of the struct fields; every key is always
//! present (`help` is `null` when a check gives none).

use super::{Position, Reporter, Summary};
use crate::{Finding, SourceFile};
use serde::Serialize;
use std::io;

/// The JSON contract's version; bumped when a field is removed or renamed.
pub const VERSION: u32 = 1;

/// `{"version": 1, "files": [...], "summary": {...}}`.
#[derive(Debug, Serialize)]
pub struct CheckOutput {
    pub version: u32,
    pub files: Vec<FileOutput>,
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

/// `attrib check --format json`: collects every file, prints one object at the end.
#[derive(Debug, Default)]
pub struct JsonReporter {
    files: Vec<FileOutput>,
}

impl JsonReporter {
    pub fn new() -> Self {
        JsonReporter::default()
    }
}

impl Reporter for JsonReporter {
    fn file(&mut self, _out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        self.files.push(FileOutput::new(source, findings));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()> {
        let output = CheckOutput {
            version: VERSION,
            files: std::mem::take(&mut self.files),
            summary: *summary,
        };
        serde_json::to_writer_pretty(&mut *out, &output)?;
        writeln!(out)
    }
}

/// One line of `--format jsonl`: the file's path, then the diagnostic's keys.
#[derive(Debug, Serialize)]
pub struct JsonLine<'a> {
    pub path: &'a str,
    #[serde(flatten)]
    pub diagnostic: DiagnosticOutput,
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

    fn finish(&mut self, _out: &mut dyn io::Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, InputFormat, RuleSet};

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
            "\"summary\"",
        ];
        let positions: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
