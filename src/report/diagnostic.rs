//! A finding as a miette [`Diagnostic`], for the graphical renderer and for
//! anything else that speaks miette (editor integrations, `miette::Report`).

use crate::{Finding, Severity, Span};
use miette::{Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::fmt;
use std::sync::Arc;

/// How far a snippet reaches before and after a label on the label's own
/// lines: a whole paragraph line of an ordinary article, but never a whole
/// megabyte-long line.
pub const CONTEXT_BYTES: usize = 1000;

/// How much of one label is underlined; a longer label (a sentence of
/// megabytes) is cut, so one finding prints a few kilobytes at most.
pub const LABEL_BYTES: usize = 1000;

/// The source every diagnostic of one file shares: the file name, its
/// original text and where its lines start, behind one `Arc`.
///
/// miette reads the context of a label by scanning the text from its start
/// and prints whole lines, so on a file that is one line of megabytes each
/// finding would cost time and output proportional to the file (and a label
/// past column 65,535 makes miette's formatter panic). This source finds
/// lines by binary search and cuts each snippet to [`CONTEXT_BYTES`] either
/// side of its label.
#[derive(Debug, Clone)]
pub struct SharedSource(Arc<SourceText>);

#[derive(Debug)]
struct SourceText {
    name: String,
    text: String,
    /// Byte offsets where lines start (after `\n`, a lone `\r`, or `\r\n`).
    line_starts: Vec<usize>,
}

/// Wrap a file's name and original text for its diagnostics.
pub fn shared_source(name: &str, text: &str) -> SharedSource {
    let bytes = text.as_bytes();
    let mut line_starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line_starts.push(i + 1);
        }
    }
    SharedSource(Arc::new(SourceText {
        name: name.to_string(),
        text: text.to_string(),
        line_starts,
    }))
}

impl SharedSource {
    pub fn text(&self) -> &str {
        &self.0.text
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.line_starts.partition_point(|&start| start <= offset) - 1
    }
}

/// The nearest character boundary at or before `offset`.
fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The nearest character boundary at or after `offset`.
fn ceil_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

impl SourceCode for SharedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &self.0.text;
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // As miette's own sources: with no context lines, the span alone;
        // else whole lines of context (the last with its line break), but no
        // more than CONTEXT_BYTES past the label on either side.
        let from = if context_lines_before == 0 {
            start
        } else {
            let first_line = self.line_of(start).saturating_sub(context_lines_before);
            floor_boundary(
                text,
                self.0.line_starts[first_line].max(start.saturating_sub(CONTEXT_BYTES)),
            )
        };
        let to = if context_lines_after == 0 {
            end
        } else {
            let last_line = self.line_of(end.saturating_sub(1).max(start)) + context_lines_after;
            let after_last = self.0.line_starts.get(last_line + 1).copied().unwrap_or(text.len());
            ceil_boundary(text, after_last.min(end + CONTEXT_BYTES).max(end))
        };
        let line = self.line_of(from);
        let column = from - self.0.line_starts[line];
        let line_count = self.line_of(to) - line + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.0.name.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            line,
            column,
            line_count,
        )))
    }
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
        let labels = drawable_labels(finding, source.text());
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
            let span = Span::new(
                span.start,
                floor_boundary(text, span.end.min(span.start + LABEL_BYTES)).max(span.start),
            );
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
