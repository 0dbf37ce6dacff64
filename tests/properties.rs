//! Property tests (issue 8): on generated news-like text full of quote
//! marks, apostrophes, abbreviations, initials and names, the analysis never
//! panics, every span lies inside the text on character boundaries, and the
//! same text always gives the same result. The invariants are those the fuzz
//! targets assert (tests/support/invariants.rs). Case counts are kept small
//! so `cargo test` stays quick; `PROPTEST_CASES=5000` runs more.

#[path = "support/invariants.rs"]
mod invariants;

use attrib::{Document, InputFormat, SourceFile};
use invariants::{assert_check, assert_document, default_engine};
use proptest::prelude::*;

/// Pieces of news text that exercise segmentation, quote pairing and the
/// attribution grammar: names, titles, abbreviations, initials, reporting
/// verbs, every kind of quote mark and apostrophe, and odd characters.
const PIECES: &[&str] = &[
    "Ola Brenn",
    "Mayor Ilse Marten",
    "Dr.",
    "Mr.",
    "U.S.",
    "T.N.",
    "St.",
    "Brenn",
    "Marten’s",
    "O'Dwyer",
    "Anna-Lena Kvist",
    "said",
    "told",
    "according to",
    "added",
    "argued",
    "experts say",
    "critics argue",
    "a senior official",
    "who spoke on condition of anonymity",
    "the council",
    "the Valley Courier",
    "she",
    "he",
    "they",
    "that",
    "was",
    "rushed",
    "bridge",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "it’s",
    "don't",
    "the ’90s",
    "rock ’n’ roll",
    ",",
    ".",
    "?",
    "!",
    "…",
    ";",
    ":",
    "—",
    "–",
    "(",
    ")",
    "[",
    "]",
    "4.5",
    "per cent",
    "é",
    "ß",
    "שלום",
    "قال",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "\0",
    "🙂",
    "#",
    "*",
    "`",
    ">",
    "-",
    "<!-- attrib-disable -->",
    // Markup and character references, for HTML (plain text and Markdown read them as text).
    "<p>",
    "</p>",
    "<p class=\"credit\">",
    "<nav>",
    "</nav>",
    "<article>",
    "<br>",
    "<q>",
    "</q>",
    "<script>",
    "</script>",
    "&ldquo;",
    "&rdquo;",
    "&rsquo;",
    "&amp;",
    "&#8220;",
    "&nbsp;",
    "&bogus",
];

/// Spaces of every width: a no-break or thin space is more than one byte, so a
/// word boundary found by `is_whitespace` is not one byte before the word.
const SEPARATORS: &[&str] = &[
    " ", " ", " ", "", "\n", "\n\n", "\r\n", "\r", "\t", "  ", "\u{a0}", "\u{2009}", "\u{3000}",
];

/// A text of up to `max` pieces joined by separators.
fn news_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec((0..PIECES.len(), 0..SEPARATORS.len()), 0..max).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, s)| format!("{}{}", PIECES[p], SEPARATORS[s]))
            .collect()
    })
}

fn format() -> impl Strategy<Value = InputFormat> {
    prop_oneof![
        Just(InputFormat::Plain),
        Just(InputFormat::Markdown),
        Just(InputFormat::Html)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Segmentation and quote pairing keep every span inside the text and are deterministic.
    #[test]
    fn documents_keep_their_spans(text in news_text(120), format in format()) {
        let source = SourceFile::new("p.txt", text, format);
        let lexicon = &default_engine().lexicon;
        let document = Document::build(&source, lexicon);
        assert_document(&source, &document);
        let again = Document::build(&source, lexicon);
        prop_assert_eq!(&document.quotes, &again.quotes);
        let spans = |d: &Document<'_>| d.sentences.iter().map(|s| s.span).collect::<Vec<_>>();
        prop_assert_eq!(spans(&document), spans(&again));
    }

    /// The whole check: attributions, cast and findings keep their spans, and two runs agree.
    #[test]
    fn checks_keep_their_spans(text in news_text(160), format in format()) {
        let source = SourceFile::new("p.txt", text, format);
        assert_check(default_engine(), &source);
    }

    /// Any characters at all, not only news-like pieces.
    #[test]
    fn arbitrary_text_is_checked(text in "\\PC{0,400}", format in format()) {
        let source = SourceFile::new("p.txt", text, format);
        assert_check(default_engine(), &source);
    }

    /// A prefix of a text is a text too: cutting anywhere on a character boundary is safe.
    #[test]
    fn every_prefix_is_checked(text in news_text(40), cut in 0usize..400) {
        let end = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let source = SourceFile::new("p.txt", &text[..end], InputFormat::Plain);
        assert_check(default_engine(), &source);
    }
}
