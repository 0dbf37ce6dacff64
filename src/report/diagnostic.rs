//! A finding as a miette [`Diagnostic`], for the graphical renderer and for
//! anything else that speaks miette (editor integrations, `miette::Report`).

use crate::{Finding, Severity, Span};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

/// The source every diagnostic of one file shares: the file name and its
/// original text, behind one `Arc`.
pub type SharedSource = NamedSource<Arc<String>>;

/// Wrap a file's name and original text for its diagnostics.
pub fn shared_source(name: &str, text: &str) -> SharedSource {
    NamedSource::new(name, Arc::new(text.to_string()))
}

/// One finding with its source: code `attrib::<code>`, the primary label at
/// the finding's span, the evidence as secondary labels, and the help.
#[derive(Debug, Clone)]
pub struct FindingDiagnostic {
    code: String,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: SharedSource,
}

impl FindingDiagnostic {
    pub fn new(finding: &Finding, source: SharedSource) -> Self {
        let labels = drawable_labels(finding, source.inner());
        FindingDiagnostic {
            code: format!("attrib::{}", finding.code),
            severity: miette_severity(finding.severity),
            message: finding.message.clone(),
            help: finding.help.clone(),
            labels,
            source,
        }
    }
}

/// The labels of a finding as miette can draw them.
///
/// miette draws the labels of one line side by side and pushes a label that
/// starts inside an earlier one past its end, so nested labels (claim words
/// inside an unattributed sentence) would point at the wrong text. Here a
/// single-line label that holds later labels is cut short before the first
/// of them, and evidence repeated inside other evidence with the same text is
/// left out. The JSON report keeps every span as the check gave it.
fn drawable_labels(finding: &Finding, text: &str) -> Vec<LabeledSpan> {
    let mut labels: Vec<(Span, Option<String>, bool)> = Vec::new();
    let primary = (!finding.label.is_empty()).then(|| finding.label.clone());
    labels.push((finding.span, primary, true));
    for (i, label) in finding.labels.iter().enumerate() {
        let repeated = finding.labels.iter().enumerate().any(|(j, other)| {
            j != i && other.text == label.text && other.span.covers(label.span) && (other.span != label.span || j < i)
        });
        if !repeated {
            labels.push((label.span, Some(label.text.clone()), false));
        }
    }
    labels.sort_by_key(|(span, _, primary)| (span.start, std::cmp::Reverse(span.end), !primary));
    let single_line = |span: Span| text.get(span.range()).is_some_and(|t| !t.contains('\n'));
    for i in 0..labels.len().saturating_sub(1) {
        let (outer, next) = (labels[i].0, labels[i + 1].0);
        if next.start > outer.start && next.start < outer.end && single_line(outer) {
            let kept = text.get(outer.start..next.start).unwrap_or("").trim_end();
            labels[i].0 = Span::new(outer.start, outer.start + kept.len());
        }
    }
    labels
        .into_iter()
        .map(|(span, label, primary)| {
            if primary {
                LabeledSpan::new_primary_with_span(label, span)
            } else {
                LabeledSpan::new_with_span(label, span)
            }
        })
        .collect()
}

/// attrib's severities in miette's terms: info is miette's advice.
pub fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;

    #[test]
    fn nested_labels_are_cut_to_fit_side_by_side() {
        let text = "Agents say at least six ships wait.";
        let finding = Finding::new("unsupported-claim", Severity::Warning, Span::new(0, 35), "claim")
            .with_label("unattributed")
            .with_evidence(Span::new(11, 19), "claim word")
            .with_evidence(Span::new(14, 19), "claim word");
        let labels = drawable_labels(&finding, text);
        let spans: Vec<&str> = labels.iter().map(|l| &text[l.offset()..l.offset() + l.len()]).collect();
        assert_eq!(spans, ["Agents say", "at least"]);
    }
}
