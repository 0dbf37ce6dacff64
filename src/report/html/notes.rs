//! The note of one finding under its paragraph: number, code, severity,
//! message, what to do, and why the check matters (from the check's
//! documentation).
//!
//! Separate because it reads the checks' documentation, which nothing else in
//! the page does.

use super::{escape, severity_class};
use crate::checks;
use crate::Finding;
use std::fmt::Write as _;

/// The "Why is this bad?" section of a check's documentation.
fn why(code: &str) -> Option<String> {
    let docs = checks::info(code)?.documentation();
    let start = docs.find("## Why is this bad?")? + "## Why is this bad?".len();
    let rest = &docs[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// One finding, numbered, for the notes under its paragraph.
pub(super) fn note(article: usize, number: usize, finding: &Finding) -> String {
    let severity = severity_class(finding.severity);
    let mut out = format!(
        "<div class=\"note {severity}\" id=\"a{article}-f{number}\" data-code=\"{code}\">\
         <sup class=\"badge {severity}\">{number}</sup> <code>{code}</code> {severity}: {message}",
        code = escape(&finding.code),
        message = escape(&finding.message),
    );
    if let Some(help) = &finding.help {
        let _ = write!(out, "<span class=\"help\">{}</span>", escape(help));
    }
    if let Some(info) = checks::info(&finding.code) {
        let _ = write!(
            out,
            "<details><summary>About {}: {}</summary>{}</details>",
            escape(info.code),
            escape(info.summary),
            escape(&why(info.code).unwrap_or_default()),
        );
    }
    out.push_str("</div>\n");
    out
}
