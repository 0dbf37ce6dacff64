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

/// The input format picked by the first fuzz byte (plain, Markdown or HTML,
/// by its remainder modulo 3) and the bytes after it.
pub fn format_and_rest(data: &[u8]) -> (InputFormat, &[u8]) {
    match data.split_first() {
        Some((first, rest)) => {
            let format = match first % 3 {
                0 => InputFormat::Plain,
                1 => InputFormat::Markdown,
                _ => InputFormat::Html,
            };
            (format, rest)
        }
        None => (InputFormat::Plain, data),
    }
}

/// Split fuzz bytes into a format and a text (see [`format_and_rest`]); invalid
/// UTF-8 is replaced, as a loader would refuse it.
pub fn source_from_bytes(data: &[u8]) -> SourceFile {
    let (format, rest) = format_and_rest(data);
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

/// Panic unless `span`, a span of the analysed text, lies inside it on
/// character boundaries, and maps to a span of the source text that does too
/// (for HTML the analysed text is the decoded prose, mapped back by offsets).
#[track_caller]
pub fn assert_analysis_span(source: &SourceFile, document: &attrib::Document<'_>, span: Span, what: &str) {
    assert_span(&document.text, span, what);
    assert_span(
        &source.text,
        document.offsets.span(span),
        &format!("{what} (in the source)"),
    );
}

/// Paragraphs, sentences, quotes and lexicon hits of an analysed document.
pub fn assert_document(source: &SourceFile, document: &attrib::Document<'_>) {
    if source.format != InputFormat::Html {
        assert_eq!(
            document.text.len(),
            source.text.len(),
            "the analysed text keeps the length"
        );
        assert!(document.offsets.is_identity(), "only HTML maps offsets");
    }
    let check = |span: Span, what: &str| assert_analysis_span(source, document, span, what);
    let mut previous_end = 0;
    for (p, paragraph) in document.paragraphs.iter().enumerate() {
        check(paragraph.span, "paragraph");
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
        check(sentence.span, "sentence");
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
            check(mark, "quote mark");
        }
        check(quote.content, "quote content");
        check(quote.span(), "quote");
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
        check(hit.span, "lexicon hit");
    }
}

/// Everything an analysis points at: attributions, the cast, name mentions.
pub fn assert_analysis(source: &SourceFile, analysis: &Analysis<'_>) {
    assert_document(source, &analysis.document);
    let check = |span: Span, what: &str| assert_analysis_span(source, &analysis.document, span, what);
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
                check(span, what);
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
        check(speaker.first_mention, "first mention");
        for &mention in &speaker.mentions {
            check(mention, "cast mention");
        }
        for span in [speaker.role_span, speaker.full_name_mention].into_iter().flatten() {
            check(span, "cast span");
        }
    }
    for name in &analysis.names {
        check(name.span, "name mention");
        if let Some(title) = name.title {
            check(title, "name title");
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
