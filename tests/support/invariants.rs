//! Invariants every analysis must keep, whatever the text: spans inside the
//! text and on character boundaries, indices that point at something, and
//! the same output for the same input. Shared by the property tests
//! (tests/properties.rs) and the fuzz targets (fuzz/), which include this file.

#![allow(dead_code)]

use attrib::{Analysis, Engine, Finding, InputFormat, SourceFile, Span};
use std::sync::OnceLock;

/// The default engine, built once per process (compiling the lexicon is the
/// expensive part of a check).
pub fn default_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(attrib::RuleSet::defaults()))
}

/// Split fuzz bytes into a format and a text: the first byte picks plain or
/// Markdown, the rest is the text (invalid UTF-8 replaced, as a loader
/// would refuse it).
pub fn source_from_bytes(data: &[u8]) -> SourceFile {
    let (format, rest) = match data.split_first() {
        Some((first, rest)) if first & 1 == 1 => (InputFormat::Markdown, rest),
        Some((_, rest)) => (InputFormat::Plain, rest),
        None => (InputFormat::Plain, data),
    };
    SourceFile::new("fuzz.txt", String::from_utf8_lossy(rest).into_owned(), format)
}

/// Panic unless `span` lies inside `text` with both ends on character boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

/// Paragraphs, sentences, quotes and lexicon hits of an analysed document.
pub fn assert_document(source: &SourceFile, document: &attrib::Document<'_>) {
    let text = source.text.as_str();
    assert_eq!(document.text.len(), text.len(), "the analysed text keeps the length");
    let mut previous_end = 0;
    for (p, paragraph) in document.paragraphs.iter().enumerate() {
        assert_span(text, paragraph.span, "paragraph");
        assert!(
            paragraph.span.start >= previous_end,
            "paragraphs overlap or are out of order"
        );
        previous_end = paragraph.span.end;
        assert!(
            paragraph.sentences.end <= document.sentences.len(),
            "paragraph sentence range"
        );
        for s in paragraph.sentences.clone() {
            assert_eq!(document.sentences[s].paragraph, p, "sentence paragraph index");
        }
    }
    let mut previous_end = 0;
    for sentence in &document.sentences {
        assert_span(text, sentence.span, "sentence");
        let paragraph = &document.paragraphs[sentence.paragraph];
        assert!(paragraph.span.covers(sentence.span), "sentence outside its paragraph");
        assert!(
            sentence.span.start >= previous_end,
            "sentences overlap or are out of order"
        );
        previous_end = sentence.span.end;
        assert!(sentence.hits.end <= document.hits.len(), "sentence hit range");
    }
    for quote in &document.quotes {
        for mark in [quote.open, quote.close].into_iter().flatten() {
            assert_span(text, mark, "quote mark");
        }
        assert_span(text, quote.content, "quote content");
        assert_span(text, quote.span(), "quote");
        assert!(
            quote.first_paragraph <= quote.last_paragraph,
            "quote paragraphs reversed"
        );
        assert!(
            quote.last_paragraph < document.paragraphs.len().max(1),
            "quote paragraph index"
        );
    }
    for hit in &document.hits {
        assert_span(text, hit.span, "lexicon hit");
    }
}

/// Everything an analysis points at: attributions, the cast, name mentions.
pub fn assert_analysis(source: &SourceFile, analysis: &Analysis<'_>) {
    let text = source.text.as_str();
    assert_document(source, &analysis.document);
    for a in &analysis.attributions {
        let speaker = &a.speaker;
        for (span, what) in [
            (Some(speaker.span), "speaker"),
            (Some(speaker.extent), "speaker extent"),
            (speaker.name, "speaker name"),
            (speaker.role, "speaker role"),
            (speaker.affiliation, "speaker affiliation"),
            (a.cue.map(|c| c.span), "cue"),
            (a.content, "content"),
            (a.recipient, "recipient"),
        ] {
            if let Some(span) = span {
                assert_span(text, span, what);
            }
        }
        assert!(
            a.sentence < analysis.document.sentences.len(),
            "attribution sentence index"
        );
        if let Some(q) = a.quote {
            assert!(q < analysis.document.quotes.len(), "attribution quote index");
        }
        if let Some(id) = a.speaker_id {
            assert!(id < analysis.cast.speakers.len(), "attribution speaker id");
        }
    }
    for speaker in &analysis.cast.speakers {
        assert_span(text, speaker.first_mention, "first mention");
        for &mention in &speaker.mentions {
            assert_span(text, mention, "cast mention");
        }
        for span in [speaker.role_span, speaker.full_name_mention].into_iter().flatten() {
            assert_span(text, span, "cast span");
        }
    }
    for name in &analysis.names {
        assert_span(text, name.span, "name mention");
        if let Some(title) = name.title {
            assert_span(text, title, "name title");
        }
    }
}

/// Findings: spans and label spans inside the text, sorted by position.
pub fn assert_findings(source: &SourceFile, findings: &[Finding]) {
    let text = source.text.as_str();
    for finding in findings {
        assert_span(text, finding.span, &finding.code);
        for label in &finding.labels {
            assert_span(text, label.span, &finding.code);
        }
        // Reporting turns every span into a line and column.
        let _ = source.line_column(finding.span.start);
        let _ = source.line_column(finding.span.end);
    }
    assert!(
        findings.windows(2).all(|w| w[0].span.start <= w[1].span.start),
        "findings are sorted by position"
    );
}

/// Analyse and check a text twice: every invariant holds and both runs agree.
pub fn assert_check(engine: &Engine, source: &SourceFile) -> Vec<Finding> {
    let analysis = engine.analyze(source);
    assert_analysis(source, &analysis);
    let findings = engine.check_analysis(&analysis);
    assert_findings(source, &findings);
    let again = engine.check(source);
    assert_eq!(findings, again, "the same text gives the same findings");
    findings
}

/// Analyse and check a text once (for inputs too large to run twice): every
/// invariant holds.
pub fn assert_check_once(engine: &Engine, source: &SourceFile) -> Vec<Finding> {
    let analysis = engine.analyze(source);
    assert_analysis(source, &analysis);
    let findings = engine.check_analysis(&analysis);
    assert_findings(source, &findings);
    findings
}
