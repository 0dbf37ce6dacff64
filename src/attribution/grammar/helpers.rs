//! Small nom parsers (whitespace, a comma) and string helpers that every file
//! of the grammar uses: char boundaries, case-insensitive comparisons, the
//! shape of initials and possessives, clause trimming, and the bounds that keep
//! run-on sentences linear.
//!
//! Separate because they know nothing of the lexicon or of a document: they are
//! the bottom layer of the grammar, and keeping them apart lets every other
//! file import them without importing each other.

use crate::Span;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::char;
use nom::combinator::recognize;
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

pub(super) type Res<'a, T> = IResult<&'a str, T>;

pub(super) fn fail<T>(input: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(input, ErrorKind::Verify)))
}

/// Whitespace, possibly none.
pub(super) fn ws(i: &str) -> Res<'_, &str> {
    take_while(char::is_whitespace).parse(i)
}

/// At least one whitespace character.
pub(super) fn ws1(i: &str) -> Res<'_, &str> {
    take_while1(char::is_whitespace).parse(i)
}

/// A comma with the spaces around it.
pub(super) fn comma(i: &str) -> Res<'_, &str> {
    recognize((ws, char(','), ws)).parse(i)
}

pub(super) fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '„' | '`')
}

/// Whether `word` is one of `words`, ignoring ASCII case (without lowercasing a copy).
pub(super) fn is_any_ignoring_ascii_case(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `text` ends with `suffix`, ignoring ASCII case (without lowercasing a copy).
pub(super) fn ends_with_ignoring_ascii_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The character at byte `index` (a character boundary), decoding only non-ASCII.
#[inline]
pub(super) fn char_at(s: &str, index: usize) -> Option<char> {
    match s.as_bytes().get(index) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s[index..].chars().next(),
        None => None,
    }
}

/// "T", "T.N", "J.R.R": capitals joined by dots.
pub(super) fn is_initials(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    })
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The name inside a possessive: "Russia’s" → "Russia", "Natixis’" → "Natixis".
pub(super) fn possessive_base(word: &str) -> Option<&str> {
    ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|base| !base.is_empty())
}

/// A party and state tag written after a name: "R-Ky.", "D-N.Y.", "I-Vt".
pub(super) fn party_tag(i: &str) -> Res<'_, &str> {
    recognize((
        nom::character::complete::one_of("RDI"),
        char('-'),
        nom::combinator::verify(take_while1(|c: char| c.is_ascii_alphabetic() || c == '.'), |s: &str| {
            s.len() <= 6 && s.starts_with(|c: char| c.is_ascii_uppercase())
        }),
    ))
    .parse(i)
}

/// The smallest char boundary of `text` at or above `at`.
pub(super) fn ceil_char_boundary(text: &str, at: usize) -> usize {
    (at..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

pub(super) use crate::text::floor_char_boundary;

/// Trim spaces and the final sentence punctuation from a clause.
pub(super) fn trim_clause(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start_trimmed = slice.trim_start();
    let start = span.start + (slice.len() - start_trimmed.len());
    let body = start_trimmed.trim_end();
    let body = body
        .strip_suffix(['.', ';', ':'])
        .unwrap_or(body)
        .trim_end_matches([',', ' ']);
    Span::new(start, start + body.len())
}

/// Whether `span` overlaps one of the sorted, short `spans`.
pub(super) fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let after = spans.partition_point(|u| u.start < span.end);
    spans[..after].iter().rev().take(8).any(|u| u.overlaps(span))
}

pub(super) fn insert_sorted(spans: &mut Vec<Span>, span: Span) {
    let at = spans.partition_point(|u| *u < span);
    spans.insert(at, span);
}

/// How many of a sentence's latest attributions a frame looks back at: a
/// subject or shared speaker is never further back than this, and the
/// bound keeps a run-on sentence with thousands of cues linear.
pub(super) const RECENT_IN_SENTENCE: usize = 32;

/// How far after a cue a quotation may open and still belong to it, in
/// bytes: ten words of an adverbial or object, generously.
pub(super) const NEAR_BYTES: usize = 160;
