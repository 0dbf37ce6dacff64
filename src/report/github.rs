//! GitHub Actions workflow commands: one annotation per finding,
//! `::warning file=a.md,line=3,col=5,endLine=3,endColumn=19,title=vague-source::message`.

use super::{Problem, Reporter, Summary};
use crate::{Finding, Severity, SourceFile};
use std::io;

/// The workflow command for a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escape a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (file name, title).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `attrib check --format github`.
#[derive(Debug, Default)]
pub struct GithubReporter;

impl Reporter for GithubReporter {
    fn file(&mut self, out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            let start = source.line_column(finding.span.start);
            let end = source.line_column(finding.span.end);
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(finding.severity),
                escape_property(&source.name),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&finding.code),
                escape_data(&message),
            )?;
        }
        Ok(())
    }

    /// An error annotation on the file (at its line and column when known),
    /// or on the run when there is no file, so a pull request shows it too.
    fn problem(&mut self, out: &mut dyn io::Write, problem: &Problem) -> io::Result<()> {
        let mut properties = Vec::new();
        if let Some(path) = &problem.path {
            properties.push(format!("file={}", escape_property(path)));
        }
        if let Some(line) = problem.line {
            properties.push(format!("line={line}"));
        }
        if let Some(column) = problem.column {
            properties.push(format!("col={column}"));
        }
        properties.push("title=attrib".to_string());
        writeln!(
            out,
            "::error {}::{}",
            properties.join(","),
            escape_data(&problem.message)
        )
    }

    fn finish(&mut self, _out: &mut dyn io::Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_and_data_are_escaped() {
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_data("one\ntwo: 50%"), "one%0Atwo: 50%25");
    }
}
