//! Checking an open article and turning its findings into LSP diagnostics.
//!
//! The check is `attrib check`'s: [`Engine::check_analysis`] (every enabled
//! check, custom rules, registry `allow`, suppression comments), on the text
//! as the editor has it. What hover and code actions need later (who each
//! attribution's speaker is, the full name a late-full-name fix writes) is
//! kept as owned data, because an analysis borrows the text it analysed.

use super::documents::{AttributionSpans, CheckedArticle, OpenDocument, SpeakerInfo};
use super::positions::LineIndex;
use attrib::{Engine, Finding, InputFormat, Severity, SourceFile, Span, SpeakerClass};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

/// The `source` of every diagnostic attrib publishes.
pub const SOURCE: &str = "attrib";

/// Where each check's documentation is: what `codeDescription.href` links to.
#[derive(Clone, Debug, Default)]
pub struct DocLinks {
    /// A URL with `{code}` where the code goes; `None` gives no links.
    pattern: Option<String>,
}

impl DocLinks {
    pub fn none() -> Self {
        DocLinks { pattern: None }
    }

    /// Links made by putting the code in `pattern` at `{code}`.
    pub fn with_pattern(pattern: String) -> Self {
        DocLinks { pattern: Some(pattern) }
    }

    pub fn href(&self, code: &str) -> Option<Uri> {
        let url = self.pattern.as_ref()?.replace("{code}", code);
        url.parse().ok()
    }
}

/// Check an open document as an article of `format`, the way `attrib check`
/// checks a file.
pub fn check_article(engine: &Engine, doc: &OpenDocument, format: InputFormat, links: &DocLinks) -> CheckedArticle {
    let (text, lines, uri) = (doc.text.as_str(), &doc.lines, &doc.uri);
    let source = SourceFile::new(doc.name(), text, format);
    let analysis = engine.analyze(&source);
    let findings = engine.check_analysis(&analysis);
    let document = &analysis.document;
    let attributions = analysis
        .attributions
        .iter()
        .map(|a| {
            let phrase = &a.speaker;
            let written = |span: Option<Span>| span.map(|s| document.display(s).to_string());
            let who = match analysis.cast.get(a.speaker_id) {
                Some(speaker) => SpeakerInfo {
                    name: speaker.name.clone(),
                    class: speaker.class,
                    role: speaker.role.clone(),
                    affiliation: speaker.affiliation.clone(),
                },
                None => SpeakerInfo {
                    name: document.display(phrase.span).to_string(),
                    class: phrase.class,
                    role: written(phrase.role),
                    affiliation: written(phrase.affiliation),
                },
            };
            AttributionSpans {
                speaker: document.source_span(phrase.span),
                cue: a.cue.map(|c| document.source_span(c.span)),
                content: a.content.map(|c| document.source_span(c)),
                mention: document.display(phrase.span).to_string(),
                who,
            }
        })
        .collect();
    let full_names = analysis
        .cast
        .speakers
        .iter()
        .filter(|s| s.class == SpeakerClass::Person)
        .filter(|s| {
            s.full_name_mention
                .is_some_and(|full| s.first_mention.start < full.start)
        })
        .map(|s| (document.source_span(s.first_mention), s.name.clone()))
        .collect();
    let diagnostics = findings
        .iter()
        .map(|f| diagnostic(f, text, lines, uri, links))
        .collect();
    CheckedArticle {
        findings,
        diagnostics,
        attributions,
        full_names,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as an LSP diagnostic: the message with the help on a second
/// line, the check's code and a link to its documentation, the evidence
/// labels as related information.
pub fn diagnostic(finding: &Finding, text: &str, lines: &LineIndex, uri: &Uri, links: &DocLinks) -> Diagnostic {
    let message = match &finding.help {
        Some(help) => format!("{}\n{help}", finding.message),
        None => finding.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = finding
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, label.span)),
            message: label.text.clone(),
        })
        .collect();
    Diagnostic {
        range: lines.range(text, finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        code_description: links.href(&finding.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::documents::Kind;
    use super::super::positions::Encoding;
    use super::*;
    use attrib::RuleSet;
    use lsp_types::Position;

    const ARTICLE: &str = "Ångström claimed the ferry was late. “It sank,” a man said.\n\n\
                           Zoë Ångström, the harbour master, said the pier would reopen.\n";

    fn check(text: &str, encoding: Encoding) -> CheckedArticle {
        let engine = Engine::new(RuleSet::defaults());
        let uri: Uri = "file:///desk/story.txt".parse().unwrap();
        let kind = Kind::Article(InputFormat::Plain);
        let doc = OpenDocument::new(uri, kind, 7, text.to_string(), encoding);
        let links = DocLinks::with_pattern("file:///docs/checks/{code}.md".into());
        check_article(&engine, &doc, InputFormat::Plain, &links)
    }

    fn diagnostic_for<'a>(checked: &'a CheckedArticle, code: &str) -> &'a Diagnostic {
        checked
            .diagnostics
            .iter()
            .find(|d| d.code == Some(NumberOrString::String(code.into())))
            .unwrap_or_else(|| panic!("no {code} in {:?}", checked.findings))
    }

    #[test]
    fn findings_become_diagnostics_with_code_link_and_severity() {
        let checked = check(ARTICLE, Encoding::Utf16);
        assert_eq!(checked.findings.len(), checked.diagnostics.len());
        let loaded = diagnostic_for(&checked, "loaded-verb");
        // "Ångström " is 9 UTF-16 units; "claimed" 7.
        assert_eq!(loaded.range.start, Position::new(0, 9));
        assert_eq!(loaded.range.end, Position::new(0, 16));
        assert_eq!(loaded.severity, Some(DiagnosticSeverity::INFORMATION));
        assert_eq!(loaded.source.as_deref(), Some("attrib"));
        assert_eq!(
            loaded.code_description.as_ref().unwrap().href.as_str(),
            "file:///docs/checks/loaded-verb.md"
        );
        assert!(
            loaded.message.contains("said"),
            "the help is in the message: {}",
            loaded.message
        );
        let late = diagnostic_for(&checked, "late-full-name");
        assert_eq!(late.severity, Some(DiagnosticSeverity::INFORMATION));
        let related = late.related_information.as_ref().expect("the full-name mention");
        assert_eq!(related[0].location.range.start, Position::new(2, 0));
        assert_eq!(
            checked.full_names,
            [(Span::new(0, "Ångström".len()), "Zoë Ångström".to_string())]
        );
    }

    #[test]
    fn utf8_positions_count_bytes() {
        let checked = check(ARTICLE, Encoding::Utf8);
        let loaded = diagnostic_for(&checked, "loaded-verb");
        assert_eq!(loaded.range.start, Position::new(0, "Ångström ".len() as u32));
    }

    #[test]
    fn attributions_keep_their_resolved_speaker() {
        let checked = check(ARTICLE, Encoding::Utf16);
        let offset = ARTICLE.find("claimed").unwrap();
        let attribution = checked.attributions.iter().find(|a| a.covers(offset)).unwrap();
        assert_eq!(attribution.mention, "Ångström");
        assert_eq!(attribution.who.name, "Zoë Ångström");
        assert_eq!(attribution.who.class, SpeakerClass::Person);
        assert_eq!(attribution.who.role.as_deref(), Some("the harbour master"));
    }

    #[test]
    fn links_are_left_out_without_a_pattern() {
        assert!(DocLinks::none().href("loaded-verb").is_none());
    }

    #[test]
    fn severities_map_to_lsp() {
        assert_eq!(severity(Severity::Error), DiagnosticSeverity::ERROR);
        assert_eq!(severity(Severity::Warning), DiagnosticSeverity::WARNING);
        assert_eq!(severity(Severity::Info), DiagnosticSeverity::INFORMATION);
    }
}
