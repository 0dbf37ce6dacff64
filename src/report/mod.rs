//! Reports: findings and attributions rendered for people and for tools.
//!
//! This is the only layer that formats output, and it still never prints: every
//! renderer writes into an [`io::Write`] the caller chooses (the binary passes a
//! locked, buffered stdout). One file per format:
//!
//! - [`human`]: miette graphical diagnostics and a summary line (feature `cli`);
//! - [`json`]: the version-1 JSON object of DESIGN.md, and JSON Lines;
//! - [`github`]: GitHub Actions workflow commands;
//! - [`sarif`]: SARIF 2.1.0 for code-scanning dashboards;
//! - [`html`]: one self-contained page with each article annotated;
//! - [`extract`]: the attributions and the cast of speakers (JSON, table, CSV);
//! - [`audit`]: the sourcing audit of `extract --summary`.

pub mod audit;
pub mod diagnostic;
pub mod extract;
pub mod github;
pub mod html;
#[cfg(feature = "cli")]
pub mod human;
pub mod json;
pub mod sarif;

pub use diagnostic::FindingDiagnostic;

use crate::{Analysis, Finding, Severity, SourceFile, Span};
use serde::Serialize;
use std::io;

/// The counts a run closes with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked (files that could not be read are not counted).
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// Count one checked file and its findings.
    pub fn add(&mut self, findings: &[Finding]) {
        self.files += 1;
        for finding in findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// The most severe finding counted, if any.
    pub fn worst(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// "3 files checked: 1 error, 2 warnings, 0 infos".
pub fn summary_sentence(summary: &Summary) -> String {
    fn count(n: usize, one: &str) -> String {
        format!("{n} {one}{}", if n == 1 { "" } else { "s" })
    }
    format!(
        "{} checked: {}, {}, {}",
        count(summary.files, "file"),
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
        count(summary.infos, "info"),
    )
}

/// Something that stopped attrib from checking a file, or from using a rule
/// or source file: a file that cannot be read, is not UTF-8 or is binary; a
/// rule file that does not parse. The run exits 2, and every other file is
/// still checked; the report carries the problem too, so a tool that reads
/// only the report learns that the run was incomplete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file the problem is in, when there is one.
    pub path: Option<String>,
    /// 1-based line and column (in characters) of the problem, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// A renderer for `attrib check`: told about each file as it is checked, then
/// once at the end. Formats that print one object (JSON) write it in `finish`.
pub trait Reporter {
    fn file(&mut self, out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()>;

    /// A file that could not be checked or used (see [`Problem`]). The human
    /// format has printed it on stderr already and writes nothing more.
    fn problem(&mut self, _out: &mut dyn io::Write, _problem: &Problem) -> io::Result<()> {
        Ok(())
    }

    /// One checked file with its analysis. Formats that show more than the
    /// findings (the HTML report shows quotes, speakers and the cast) use it;
    /// the others report the findings alone.
    fn analysed_file(
        &mut self,
        out: &mut dyn io::Write,
        source: &SourceFile,
        _analysis: &Analysis<'_>,
        findings: &[Finding],
    ) -> io::Result<()> {
        self.file(out, source, findings)
    }
}

/// A span as reported to tools: 1-based line, 1-based column in characters,
/// byte offset and byte length into the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
}

impl Position {
    pub fn of(source: &SourceFile, span: Span) -> Self {
        let at = source.line_column(span.start);
        Position {
            line: at.line,
            column: at.column,
            offset: span.start,
            length: span.len(),
        }
    }
}
