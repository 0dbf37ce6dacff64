//! Findings: what a check reports. Plain data; rendering is the report layer's job.

use crate::rules::Severity;
use crate::Span;
use serde::Serialize;
use std::borrow::Cow;

/// A secondary span with a note: the evidence behind a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One problem found in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check's kebab-case code, e.g. `vague-source`.
    pub code: Cow<'static, str>,
    pub severity: Severity,
    /// Where the problem is; the primary underline.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The primary label's text (shown under the underline).
    pub label: String,
    /// Secondary evidence: the later full-name mention, the earlier passage, …
    pub labels: Vec<Label>,
    /// What to do instead.
    pub help: Option<String>,
}

impl Finding {
    pub fn new(code: &'static str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Finding {
            code: Cow::Borrowed(code),
            severity,
            span,
            message: message.into(),
            label: String::new(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        self.label = text.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_evidence(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }
}

/// Sort findings for output: by position, then code; and drop exact repeats.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| (a.span.start, &a.code, a.span.end).cmp(&(b.span.start, &b.code, b.span.end)));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span);
}
