//! The human format: one miette graphical diagnostic per finding, then a
//! summary line. Needs miette's `fancy` renderer, so it is behind feature `cli`.

use super::diagnostic::{shared_source, FindingDiagnostic};
use super::{Reporter, Summary};
use crate::{Finding, SourceFile};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use std::io;

/// The width diagnostics are wrapped to.
pub const WIDTH: usize = 100;

/// The graphical handler attrib renders with: unicode drawing, colour or not.
pub fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false)
}

/// Render any diagnostic (a finding, a rule-file error, an input error) to text.
pub fn render(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic) -> String {
    let mut text = String::new();
    // Rendering into a String cannot fail.
    let _ = handler.render_report(&mut text, diagnostic);
    text
}

/// "3 files checked: 1 error, 2 warnings, 0 infos".
pub fn summary_line(summary: &Summary) -> String {
    super::summary_sentence(summary)
}

/// Graphical diagnostics for `attrib check --format human`.
pub struct HumanReporter {
    handler: GraphicalReportHandler,
    /// Leave out the summary line.
    quiet: bool,
}

impl HumanReporter {
    pub fn new(color: bool, quiet: bool) -> Self {
        HumanReporter {
            handler: handler(color),
            quiet,
        }
    }
}

impl Reporter for HumanReporter {
    fn file(&mut self, out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        let shared = shared_source(&source.name, &source.text);
        for finding in findings {
            let diagnostic = FindingDiagnostic::new(finding, shared.clone());
            writeln!(out, "{}", render(&self.handler, &diagnostic).trim_end())?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()> {
        if !self.quiet {
            writeln!(out, "{}", summary_line(summary))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, InputFormat, RuleSet};

    /// A file that is one line of 75 KB with a finding every 34 bytes: each
    /// finding prints a snippet of a few kilobytes (not the whole line), and a
    /// finding past column 65,535 does not trip miette's formatter.
    #[test]
    fn findings_on_a_very_long_line_print_short_snippets() {
        let text = "Experts say the bridge is unsafe. ".repeat(2_200);
        let source = SourceFile::new("long.txt", text, InputFormat::Plain);
        let findings = Engine::new(RuleSet::defaults()).check(&source);
        assert!(findings.len() > 1_000, "{} findings", findings.len());
        assert!(findings.iter().any(|f| f.span.start > 70_000));
        let mut out = Vec::new();
        HumanReporter::new(false, true)
            .file(&mut out, &source, &findings)
            .unwrap();
        let per_finding = out.len() / findings.len();
        assert!(per_finding < 8_000, "{per_finding} bytes per finding");
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("╭─[long.txt:1:"), "{}", &text[..500]);
    }

    #[test]
    fn summary_counts_are_plural_where_needed() {
        let summary = Summary {
            files: 1,
            errors: 2,
            warnings: 1,
            infos: 0,
        };
        assert_eq!(summary_line(&summary), "1 file checked: 2 errors, 1 warning, 0 infos");
    }
}
