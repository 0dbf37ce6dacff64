//! Reports: findings and attributions rendered for people and for tools.
//!
//! This is the only layer that formats output, and it still never prints: every
//! renderer writes into an [`io::Write`] the caller chooses (the binary passes a
//! locked, buffered stdout). One file per format:
//!
//! - [`human`]: miette graphical diagnostics and a summary line (feature `cli`);
//! - [`json`]: the version-1 JSON object of DESIGN.md, and JSON Lines;
//! - [`github`]: GitHub Actions workflow commands;
//! - [`extract`]: the attributions and the cast of speakers (JSON, table, CSV).

pub mod diagnostic;
pub mod extract;
pub mod github;
#[cfg(feature = "cli")]
pub mod human;
pub mod json;

pub use diagnostic::FindingDiagnostic;

use crate::{Finding, Severity, SourceFile, Span};
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

/// A renderer for `attrib check`: told about each file as it is checked, then
/// once at the end. Formats that print one object (JSON) write it in `finish`.
pub trait Reporter {
    fn file(&mut self, out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()>;
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
