//! What the evaluation counts as the quoted and the speech-verb subsets (cue
//! words, quote marks), and the normalisation the exact score compares spans
//! after.
//!
//! Separate because these are the evaluation's definitions, documented in
//! docs/accuracy.md, not part of reading the corpus or of matching.

use crate::Span;

/// Cue words of the speech-verb subset: speech and writing verbs in all their
/// forms, plus "according to". This is the evaluation's definition of the
/// subset, not a lexicon the product uses.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "write",
    "writes",
    "wrote",
    "writing",
    "written",
    "ask",
    "asks",
    "asked",
    "asking",
    "state",
    "states",
    "stated",
    "stating",
    "announce",
    "announces",
    "announced",
    "announcing",
    "explain",
    "explains",
    "explained",
    "explaining",
    "note",
    "notes",
    "noted",
    "noting",
    "argue",
    "argues",
    "argued",
    "arguing",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "report",
    "reports",
    "reported",
    "reporting",
];

/// Whether a cue's text is a speech verb: one of its words is in
/// [`SPEECH_VERBS`], or it contains "according to".
pub fn is_speech_cue(cue: &str) -> bool {
    let lower = cue.to_lowercase();
    if lower
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w == ["according", "to"])
    {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| SPEECH_VERBS.contains(&w))
}

/// The quote marks of the quoted subset.
const QUOTE_MARKS: &[char] = &['“', '”', '"'];

/// Whether a span's text, widened over quote marks right next to it, holds a
/// quote mark. attrib's direct contents exclude their marks, PolNeAR's include
/// them; widening makes the test the same for both.
pub fn is_quoted(text: &str, span: Span) -> bool {
    let mut start = span.start;
    let mut end = span.end;
    if let Some(c) = text[..start].chars().next_back().filter(|c| QUOTE_MARKS.contains(c)) {
        start -= c.len_utf8();
    }
    if let Some(c) = text[end..].chars().next().filter(|c| QUOTE_MARKS.contains(c)) {
        end += c.len_utf8();
    }
    text[start..end].contains(QUOTE_MARKS)
}

/// The span with boundary differences of convention removed, for the exact
/// score: surrounding white space, quote marks and punctuation, and a leading
/// "that".
pub fn normalized(text: &str, span: Span) -> Span {
    const TRIM: &[char] = &[
        '“', '”', '"', '‘', '’', '\'', ',', '.', ';', ':', '!', '?', '—', '–', '-',
    ];
    let trim = |c: char| c.is_whitespace() || TRIM.contains(&c);
    let mut s = &text[span.start..span.end];
    loop {
        let before = s.len();
        s = s.trim_matches(trim);
        if s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("that")) && s[4..].starts_with(char::is_whitespace) {
            s = &s[4..];
        }
        if s.len() == before {
            break;
        }
    }
    span.of_subslice(&text[span.start..span.end], s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_cues() {
        assert!(is_speech_cue("said"));
        assert!(is_speech_cue("Told reporters"));
        assert!(is_speech_cue("according to"));
        assert!(!is_speech_cue("believes"));
        assert!(!is_speech_cue("accorded"));
    }

    #[test]
    fn quotedness_looks_past_the_span_edges() {
        let text = "She said “go home” today and left.";
        let inner = text.find("go home").unwrap();
        assert!(is_quoted(text, Span::new(inner, inner + 7)));
        let plain = text.find("today").unwrap();
        assert!(!is_quoted(text, Span::new(plain, plain + 5)));
    }

    #[test]
    fn normalisation_drops_marks_punctuation_and_that() {
        let text = "He said that the dam will hold. “The dam will hold,” he said.";
        let that = text.find("that").unwrap();
        let span = normalized(text, Span::new(that, text.find(". ").unwrap() + 1));
        assert_eq!(&text[span.range()], "the dam will hold");
        let quote = text.find('“').unwrap();
        let end = text.find('”').unwrap() + '”'.len_utf8();
        assert_eq!(
            &text[normalized(text, Span::new(quote, end)).range()],
            "The dam will hold"
        );
    }
}
