use super::*;
use proptest::prelude::*;

const ABBREVIATIONS: &[&str] = &["Mr.", "Dr.", "Sept.", "Ph.D.", "St.", "Inc."];

fn abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize(text, Span::new(0, text.len()), &abbreviation, &mut out);
    out
}

fn words(text: &str) -> Vec<&str> {
    tokens(text).iter().map(|t| t.span.slice(text)).collect()
}

#[test]
fn splits_words_punctuation_and_clitics() {
    assert_eq!(
        words("“We don’t know,” said Ines Dvořák’s deputy."),
        ["“", "We", "do", "n’t", "know", ",", "”", "said", "Ines", "Dvořák", "’s", "deputy", "."]
    );
    assert_eq!(
        words("They'll go. I'm sure it's Tomas' bike"),
        ["They", "'ll", "go", ".", "I", "'m", "sure", "it", "'s", "Tomas", "'", "bike"]
    );
}

#[test]
fn keeps_inner_apostrophes_hyphens_and_marks() {
    assert_eq!(
        words("O’Brien met Jean‑Luc al-Rashid and Dvor\u{30c}a\u{301}k — twice – in COVID-19 times"),
        [
            "O’Brien",
            "met",
            "Jean‑Luc",
            "al-Rashid",
            "and",
            "Dvor\u{30c}a\u{301}k",
            "—",
            "twice",
            "–",
            "in",
            "COVID-19",
            "times"
        ]
    );
}

#[test]
fn abbreviations_and_initials_keep_their_stop() {
    assert_eq!(
        words("Mr. Halloran of the U.S. office met Kamila T.N. Sorenson, Ph.D., on Sept. 4 at 9 a.m. sharp."),
        [
            "Mr.", "Halloran", "of", "the", "U.S.", "office", "met", "Kamila", "T.N.", "Sorenson", ",", "Ph.D.", ",",
            "on", "Sept.", "4", "at", "9", "a.m.", "sharp", "."
        ]
    );
    // An unlisted word keeps no stop.
    assert_eq!(words("the end."), ["the", "end", "."]);
}

#[test]
fn numbers_and_symbols() {
    let text = "It cost $1,200.50 (up 4.5%) on 2026-12-07 at 10:30, in the 1990s… -3 and .5";
    assert_eq!(
        words(text),
        [
            "It",
            "cost",
            "$",
            "1,200.50",
            "(",
            "up",
            "4.5",
            "%",
            ")",
            "on",
            "2026-12-07",
            "at",
            "10:30",
            ",",
            "in",
            "the",
            "1990s",
            "…",
            "-3",
            "and",
            ".5"
        ]
    );
    let kinds: Vec<TokenKind> = tokens("$5 %").iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [TokenKind::Symbol, TokenKind::Number, TokenKind::Symbol]);
}

#[test]
fn spaces_of_every_kind_separate_tokens() {
    assert_eq!(
        words("12\u{a0}000\u{2009}km\u{202f}away\u{200b}now"),
        ["12", "000", "km", "away", "now"]
    );
}

#[test]
fn quote_marks_are_ambiguous_until_the_document_decides() {
    let t = tokens("''Yes,'' he said. 'No' ”");
    let marks: Vec<&str> = t
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Quote(QuoteRole::Ambiguous)))
        .map(|t| t.span.slice("''Yes,'' he said. 'No' ”"))
        .collect();
    assert_eq!(marks, ["''", "''", "'", "'", "”"]);
}

#[test]
fn case_shapes() {
    let shapes: Vec<Shape> = tokens("said Moreau NATO McAllister G7 I , U.S.")
        .iter()
        .map(|t| t.shape)
        .collect();
    assert_eq!(
        shapes,
        [
            Shape::Lower,
            Shape::Capitalised,
            Shape::AllCaps,
            Shape::Mixed,
            Shape::HasDigit,
            Shape::Capitalised,
            Shape::None,
            Shape::AllCaps
        ]
    );
    assert_eq!(shape_of("Dvořák"), Shape::Capitalised);
    for word in [
        "Moreau",
        "McAllister",
        "NATO",
        "iPhone",
        "O'Brien",
        "x",
        "X",
        "'s",
        "n't",
        "U.S.",
        "-",
        "Ab-Cd",
        "ab-Cd",
    ] {
        assert_eq!(ascii_shape(word.as_bytes()), unicode_shape(word), "{word}");
    }
    assert_eq!(shape_of("ÉLYSÉE"), Shape::AllCaps);
}

#[test]
fn spans_are_offsets_into_the_whole_text() {
    let text = "skip this. Vance said";
    let mut out = Vec::new();
    tokenize(text, Span::new(11, text.len()), &abbreviation, &mut out);
    assert_eq!(out[0].span, Span::new(11, 16));
    assert_eq!(out[1].span.slice(text), "said");
}

fn any_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop::sample::select(vec![
            "word", "Dvořák", "’s", "n’t", "don’t", "'", "’", "‘", "“", "”", "\"", "``", "''", " ", "\u{a0}",
            "\u{2009}", "\n", "-", "—", "–", "‑", ".", "..", ",", "U.S.", "Sept.", "4.5", "1,200", "$", "%", "é",
            "\u{301}", "@", "x@y.z", "😀", "(", ")", "T.", "a", "9", "\u{200b}", "!?", "−",
        ]),
        0..40,
    );
    pieces.prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn spans_are_ordered_disjoint_on_boundaries_and_cover_every_non_space(text in any_text()) {
        let out = tokens(&text);
        let mut covered = vec![false; text.len()];
        let mut last_end = 0;
        for t in &out {
            prop_assert!(t.span.start < t.span.end, "empty token");
            prop_assert!(t.span.start >= last_end, "overlap or out of order");
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert!(!t.span.slice(&text).starts_with(is_space));
            covered[t.span.start..t.span.end].iter_mut().for_each(|c| *c = true);
            last_end = t.span.end;
        }
        for (at, c) in text.char_indices() {
            prop_assert_eq!(covered[at], !is_space(c), "byte {} ({:?}) in {:?}", at, c, text);
        }
    }
}
