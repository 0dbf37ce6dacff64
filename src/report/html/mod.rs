//! `attrib check --format html`: one self-contained page per run for a
//! standards editor. Each article is shown as its prose, with
//!
//! - direct quotes highlighted in the colour of their speaker (quotes nobody
//!   is credited with in grey), paraphrased content underlined in that colour;
//! - speaker mentions and reporting cues marked;
//! - each finding marked where it occurs, numbered, and explained under its
//!   paragraph (message, what to do, and why the check matters);
//! - the cast: speaker, role, affiliation, class, direct quotes, paraphrases
//!   and first mention.
//!
//! The page has inline CSS only: no script, no font or image to fetch, so it
//! opens offline and can be mailed or archived as one file. Every piece of
//! article text is escaped. Output is deterministic (no dates), so it can be
//! snapshot-tested.
//!
//! This file holds the page (style, header, table of contents, one section per
//! article) and the reporter; `marks` highlights spans of the text, `notes`
//! writes the numbered findings under a paragraph, `cast` the cast table.

mod cast;
mod marks;
mod notes;

use super::{Problem, Reporter, Summary};
use crate::{Analysis, Finding, Severity, SourceFile, Span, SpeakerClass};
use cast::cast_table;
use marks::{attribution_marks, render_marked, Mark};
use notes::note;
use std::fmt::Write as _;
use std::io;

/// How many speaker colours there are; speakers beyond reuse them in order.
pub const PALETTE: &[&str] = &[
    "#ffd6a5", "#a0c4ff", "#caffbf", "#ffadad", "#bdb2ff", "#9bf6ff", "#fdffb6", "#ffc6ff", "#d4a373", "#b8e0d2",
    "#f4acb7", "#c9ada7",
];

const STYLE: &str = r#"
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; margin: 0; color: #1d1d1f; background: #fafaf7; }
header.run, main { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
header.run { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .25rem; border-top: 3px solid #1d1d1f; padding-top: .75rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; font-family: system-ui, sans-serif; }
.counts, .legend, table, .note, nav.toc { font: 14px/1.45 system-ui, sans-serif; }
.legend span { margin-right: 1rem; white-space: nowrap; }
.text p, .text .heading { margin: .9rem 0 .3rem; }
.text .heading { font-weight: bold; font-size: 1.15rem; }
mark { background: none; color: inherit; padding: 0; }
mark.quote { background: var(--c); border-radius: 2px; }
mark.quote.unattributed { background: #e3e3e3; }
mark.paraphrase { border-bottom: 2px dotted var(--c); }
mark.speaker { font-weight: bold; box-shadow: inset 0 -3px 0 var(--c); }
mark.cue { font-style: italic; text-decoration: underline; text-decoration-style: wavy; text-decoration-color: #888; }
mark.finding { outline: 2px solid #d97706; outline-offset: 1px; }
mark.finding.error { outline-color: #dc2626; }
mark.finding.info { outline-color: #2563eb; }
sup.badge { font: bold 11px system-ui, sans-serif; color: #fff; background: #d97706; border-radius: 8px; padding: 0 5px; margin-right: 2px; }
sup.badge.error { background: #dc2626; }
sup.badge.info { background: #2563eb; }
.notes { margin: 0 0 .8rem 1rem; }
.note { border-left: 4px solid #d97706; background: #fff7ed; padding: .35rem .6rem; margin: .3rem 0; }
.note.error { border-color: #dc2626; background: #fef2f2; }
.note.info { border-color: #2563eb; background: #eff6ff; }
.note code { font-weight: bold; }
.note .help { display: block; }
section.problems { font: 14px/1.45 system-ui, sans-serif; border-left: 4px solid #dc2626; background: #fef2f2; padding: .2rem .8rem; margin: .8rem 0; }
section.problems h2 { font-size: 1rem; margin: .4rem 0; border: 0; padding: 0; }
.note details { color: #444; }
table.cast { border-collapse: collapse; width: 100%; }
table.cast th, table.cast td { text-align: left; border-bottom: 1px solid #ddd; padding: .3rem .4rem; vertical-align: top; }
table.cast td.num { text-align: right; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; background: var(--c); margin-right: .35rem; vertical-align: -1px; }
"#;

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The class of a source as a newsroom audit names it.
pub fn class_label(class: SpeakerClass) -> &'static str {
    match class {
        SpeakerClass::Person => "named",
        SpeakerClass::Organization => "organisation",
        SpeakerClass::Document => "document",
        SpeakerClass::Anonymous => "anonymous",
        SpeakerClass::Vague => "vague",
        SpeakerClass::PronounUnresolved => "unresolved",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    severity.as_str()
}

/// The colour custom property of a speaker.
fn speaker_style(speaker: usize) -> String {
    format!("--c:{}", PALETTE[speaker % PALETTE.len()])
}

/// `attrib check --format html`: collects each article, writes the page at the end.
#[derive(Debug, Default)]
pub struct HtmlReporter {
    /// Table-of-contents entries and article sections, in order.
    toc: Vec<String>,
    sections: Vec<String>,
    /// Files that could not be checked or used, listed under the summary.
    problems: Vec<Problem>,
}

impl HtmlReporter {
    pub fn new() -> Self {
        HtmlReporter::default()
    }

    fn section_head(&self, source: &SourceFile, findings: &[Finding]) -> (usize, String) {
        let article = self.sections.len() + 1;
        let mut summary = Summary::default();
        summary.add(findings);
        let counts = format!(
            "{} error{}, {} warning{}, {} info{}",
            summary.errors,
            if summary.errors == 1 { "" } else { "s" },
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
            summary.infos,
            if summary.infos == 1 { "" } else { "s" },
        );
        let head = format!(
            "<section class=\"article\" id=\"article-{article}\" data-path=\"{path}\">\n<h2>{path}</h2>\n\
             <p class=\"counts\">{counts}</p>\n",
            path = escape(&source.name),
        );
        (article, head)
    }

    fn push_toc(&mut self, article: usize, source: &SourceFile, findings: &[Finding]) {
        self.toc.push(format!(
            "<li><a href=\"#article-{article}\">{}</a> ({} finding{})</li>",
            escape(&source.name),
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        ));
    }

    /// An article with its analysis: the full annotated view and the cast.
    pub fn article(&mut self, source: &SourceFile, analysis: &Analysis<'_>, findings: &[Finding]) {
        let (article, mut html) = self.section_head(source, findings);
        let doc = &analysis.document;
        let mut marks = attribution_marks(analysis);
        // Findings are reported in source offsets; the text shown is the analysis text.
        let finding_spans: Vec<Span> = findings.iter().map(|f| doc.offsets.analysis_span(f.span)).collect();
        for (n, (finding, span)) in findings.iter().zip(&finding_spans).enumerate() {
            let severity = severity_class(finding.severity);
            marks.push(Mark {
                span: *span,
                open: format!(
                    "<mark class=\"finding {severity}\" data-finding=\"{number}\" data-code=\"{code}\" title=\"{code}: {message}\">",
                    number = n + 1,
                    code = escape(&finding.code),
                    message = escape(&finding.message),
                ),
                prefix: format!(
                    "<sup class=\"badge {severity}\"><a href=\"#a{article}-f{number}\">{number}</a></sup>",
                    number = n + 1
                ),
            });
        }
        html.push_str("<div class=\"text\">\n");
        let mut noted = vec![false; findings.len()];
        for paragraph in &doc.paragraphs {
            let body = render_marked(&doc.text, paragraph.span, &marks);
            match paragraph.kind {
                crate::text::BlockKind::Body => {
                    let _ = writeln!(html, "<p>{body}</p>");
                }
                kind => {
                    let _ = writeln!(html, "<p class=\"{}\">{body}</p>", kind.as_str());
                }
            }
            let mut notes = String::new();
            for (n, finding) in findings.iter().enumerate() {
                if !noted[n] && paragraph.span.contains(finding_spans[n].start) {
                    noted[n] = true;
                    notes.push_str(&note(article, n + 1, finding));
                }
            }
            if !notes.is_empty() {
                let _ = writeln!(html, "<div class=\"notes\">\n{notes}</div>");
            }
        }
        html.push_str("</div>\n");
        let rest: String = findings
            .iter()
            .enumerate()
            .filter(|&(n, _)| !noted[n])
            .map(|(n, finding)| note(article, n + 1, finding))
            .collect();
        if !rest.is_empty() {
            let _ = writeln!(html, "<h3>Other findings</h3>\n<div class=\"notes\">\n{rest}</div>");
        }
        html.push_str(&cast_table(source, doc, analysis));
        html.push_str("</section>\n");
        self.push_toc(article, source, findings);
        self.sections.push(html);
    }

    /// An article without its analysis: its text with the findings marked.
    pub fn findings_only(&mut self, source: &SourceFile, findings: &[Finding]) {
        let (article, mut html) = self.section_head(source, findings);
        let marks: Vec<Mark> = findings
            .iter()
            .enumerate()
            .map(|(n, f)| Mark {
                span: f.span,
                open: format!(
                    "<mark class=\"finding {}\" data-finding=\"{}\" data-code=\"{}\">",
                    severity_class(f.severity),
                    n + 1,
                    escape(&f.code)
                ),
                prefix: String::new(),
            })
            .collect();
        let _ = writeln!(
            html,
            "<div class=\"text\"><p style=\"white-space: pre-wrap\">{}</p></div>",
            render_marked(&source.text, Span::new(0, source.text.len()), &marks)
        );
        let notes: String = findings
            .iter()
            .enumerate()
            .map(|(n, f)| note(article, n + 1, f))
            .collect();
        let _ = writeln!(html, "<div class=\"notes\">\n{notes}</div>\n</section>");
        self.push_toc(article, source, findings);
        self.sections.push(html);
    }

    /// The problems of the run, as an alert list (empty when there are none).
    fn problems_list(&self) -> String {
        if self.problems.is_empty() {
            return String::new();
        }
        let items: String = self
            .problems
            .iter()
            .map(|problem| {
                let place = match (&problem.path, problem.line, problem.column) {
                    (Some(path), Some(line), Some(column)) => format!("{}:{line}:{column}: ", escape(path)),
                    (Some(path), Some(line), None) => format!("{}:{line}: ", escape(path)),
                    _ => String::new(),
                };
                format!("<li>{place}{}</li>\n", escape(&problem.message))
            })
            .collect();
        format!(
            "<section class=\"problems\" role=\"alert\">\n<h2>Not checked: {} problem{}</h2>\n<ul>\n{items}</ul>\n</section>\n",
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" },
        )
    }

    /// The whole page.
    pub fn page(&self, summary: &Summary) -> String {
        let mut page = String::new();
        let _ = write!(
            page,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"attrib {version}\">\n<title>attrib report</title>\n\
             <style>{STYLE}</style>\n</head>\n<body>\n<header class=\"run\">\n<h1>attrib report</h1>\n\
             <p class=\"counts\" id=\"summary\">{summary}</p>\n\
             <p class=\"legend\"><span><mark class=\"quote\" style=\"--c:{c0}\">“quote”</mark> direct quote, \
             coloured by speaker</span><span><mark class=\"paraphrase\" style=\"--c:{c0}\">paraphrase</mark></span>\
             <span><mark class=\"speaker\" style=\"--c:{c0}\">speaker</mark></span><span><mark class=\"cue\">cue</mark></span>\
             <span><mark class=\"quote unattributed\">“…”</mark> no speaker</span>\
             <span><mark class=\"finding warning\">finding</mark></span></p>\n\
             {problems}<nav class=\"toc\"><ol>\n{toc}\n</ol></nav>\n</header>\n<main>\n",
            version = env!("CARGO_PKG_VERSION"),
            summary = escape(&super::summary_sentence(summary)),
            c0 = PALETTE[0],
            problems = self.problems_list(),
            toc = self.toc.join("\n"),
        );
        for section in &self.sections {
            page.push_str(section);
        }
        page.push_str("</main>\n</body>\n</html>\n");
        page
    }
}

impl Reporter for HtmlReporter {
    fn file(&mut self, _out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        self.findings_only(source, findings);
        Ok(())
    }

    fn analysed_file(
        &mut self,
        _out: &mut dyn io::Write,
        source: &SourceFile,
        analysis: &Analysis<'_>,
        findings: &[Finding],
    ) -> io::Result<()> {
        self.article(source, analysis, findings);
        Ok(())
    }

    fn problem(&mut self, _out: &mut dyn io::Write, problem: &Problem) -> io::Result<()> {
        self.problems.push(problem.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, summary: &Summary) -> io::Result<()> {
        out.write_all(self.page(summary).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, InputFormat, RuleSet};

    #[test]
    fn findings_alone_are_marked_in_the_escaped_text() {
        let text = "<b>Experts</b> say so.";
        let source = SourceFile::new("a.txt", text, InputFormat::Plain);
        let finding = Finding::new("vague-source", Severity::Warning, Span::new(3, 10), "Vague source");
        let mut reporter = HtmlReporter::new();
        reporter.findings_only(&source, &[finding]);
        let page = reporter.page(&Summary::default());
        assert!(page.contains(
            "&lt;b&gt;<mark class=\"finding warning\" data-finding=\"1\" data-code=\"vague-source\">Experts</mark>&lt;/b&gt;"
        ));
        assert_eq!(page.matches("<div class=\"note warning\"").count(), 1);
    }

    #[test]
    fn an_article_has_quotes_speakers_findings_and_cast() {
        let text = "“We will not close the pool,” said Mara Voss, the mayor.\n\nExperts say the pool is unsafe.\n";
        let source = SourceFile::new("pool.txt", text, InputFormat::Plain);
        let engine = Engine::new(RuleSet::defaults());
        let analysis = engine.analyze(&source);
        let findings = engine.check_analysis(&analysis);
        let mut reporter = HtmlReporter::new();
        reporter.article(&source, &analysis, &findings);
        let mut summary = Summary::default();
        summary.add(&findings);
        let page = reporter.page(&summary);
        let main = &page[page.find("<main>").unwrap()..];
        assert_eq!(main.matches("<mark class=\"quote\"").count(), 1);
        assert!(page.contains("title=\"Quote: Mara Voss\""));
        assert_eq!(main.matches("<mark class=\"finding ").count(), findings.len());
        assert!(page.contains("data-code=\"vague-source\""));
        assert_eq!(page.matches("<tr data-speaker=").count(), 2);
        assert!(!page.contains("<script"));
    }
}
