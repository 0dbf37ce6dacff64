//! Tokens: the analysis text cut once into words, numbers, punctuation,
//! quote marks and symbols, each a byte span into that text.
//!
//! This layer sits between the text and the document: it knows characters,
//! not sentences or quotations. [`tokenize`] cuts a span of text;
//! `Document::build` runs it over every sentence and then fills in what only
//! the document knows (the sentence, the block, the innermost quotation, and
//! whether a mark opens or closes a quotation or is an apostrophe). The
//! part-of-speech tagger ([`tagger`]) reads the same tokens.
//!
//! Tokens follow the Penn Treebank conventions the tagger was trained on
//! where they matter for tagging: clitics are tokens of their own ("do" +
//! "n’t", "Dvořák" + "’s"), and an abbreviation or initial keeps its full
//! stop ("Sept.", "U.S.", "T."). Unlike the treebank, a hyphenated word is
//! one token ("al-Rashid", "Jean-Luc", "COVID-19"): names and roles read
//! better whole.

pub mod features;
pub mod model;
pub mod tagger;

pub use tagger::{PosTag, Tagger, TaggerError, Upos, Xpos};

use crate::Span;

/// What a token is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (with marks, inner hyphens, inner apostrophes, inner dots of
    /// "U.S."; a clitic such as "’s" or "n’t").
    Word,
    /// Starts with a digit: "4.5", "1,200", "1990s", "10:30", "3rd".
    Number,
    Punctuation,
    /// A quotation mark or a lone apostrophe; which of them the document decides.
    Quote(QuoteRole),
    /// $ % & + = © ° and every other character that is not a letter, digit
    /// or punctuation (emoji included).
    Symbol,
}

/// The role of a quote-mark token.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum QuoteRole {
    /// Opens a quotation (known once the document paired the marks).
    Open,
    /// Closes a quotation.
    Close,
    /// Not yet decided: every mark straight from [`tokenize`].
    Ambiguous,
    /// A mark the document did not take for a quotation: the apostrophe of
    /// "the players’ union" or "’90s".
    Apostrophe,
}

/// The capitalisation of a token.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// "said", "n’t"
    Lower,
    /// "Moreau", "I", "Dvořák"
    Capitalised,
    /// "NATO", "U.S."
    AllCaps,
    /// "McAllister", "iPhone", "O’Brien"
    Mixed,
    /// "COVID-19", "G7", "1990s", "4.5"
    HasDigit,
    /// No letter and no digit: punctuation, symbols, quote marks.
    None,
}

/// No document index: a token outside any quotation, or not yet placed.
pub const NONE: u32 = u32::MAX;

/// One token. Small and `Copy`: a document's tokens are one `Vec`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub shape: Shape,
    /// Index into `Document::sentences` ([`NONE`] before the document places it).
    pub sentence: u32,
    /// Index into `Document::paragraphs` (the block: heading, paragraph, list item…).
    pub block: u32,
    /// Index into `Document::quotes` of the innermost quotation holding the
    /// token (its marks included), or [`NONE`].
    pub quote: u32,
}

impl Token {
    fn new(start: usize, end: usize, kind: TokenKind, shape: Shape) -> Self {
        Token {
            span: Span::new(start, end),
            kind,
            shape,
            sentence: NONE,
            block: NONE,
            quote: NONE,
        }
    }

    /// The innermost quotation holding the token, as an index into `Document::quotes`.
    pub fn quote(&self) -> Option<usize> {
        (self.quote != NONE).then_some(self.quote as usize)
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_quote_mark(&self) -> bool {
        matches!(self.kind, TokenKind::Quote(role) if role != QuoteRole::Apostrophe)
    }
}

/// Characters between tokens: Unicode white space (no-break and thin spaces
/// included) and the invisible zero-width space and byte-order mark.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

/// Combining marks (a decomposed "Dvořák" is "r" + U+030C): part of a word.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{00AD}' | '\u{200C}' | '\u{200D}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Hyphens that join the parts of one word ("al-Rashid", non-breaking "Jean‑Luc").
fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '‛' | '«' | '»' | '‹' | '›' | 'ʼ'
    )
}

fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '-' | '_' | '\\'
        );
    }
    matches!(
        c,
        '–' | '—'
            | '―'
            | '‒'
            | '‐'
            | '‑'
            | '…'
            | '·'
            | '•'
            | '¡'
            | '¿'
            | '‹'
            | '›'
            | '、'
            | '。'
            | '‰'
            | '′'
            | '″'
            | '⁄'
    )
}

/// Clitics split off the word before them, as the treebank does.
/// Matched in lowercase after the apostrophe; "n’t" is handled apart.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Tokenize `span` of `text`, pushing onto `out`. `is_abbreviation` says
/// whether a word with its full stop ("Sept.", "Ph.D.") is an abbreviation;
/// the document passes the rule set's list (rules/segmentation.yaml), the
/// one the sentence splitter uses. Initials ("T.", "U.S.") keep their stop
/// without being listed.
pub fn tokenize(text: &str, span: Span, is_abbreviation: &dyn Fn(&str) -> bool, out: &mut Vec<Token>) {
    let s = &text[span.start..span.end];
    let base = span.start;
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let len = c.len_utf8();
        if is_space(c) {
            i += len;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            i = scan_number(s, i);
            out.push(Token::new(base + start, base + i, TokenKind::Number, Shape::HasDigit));
            continue;
        }
        if is_word_char(c) {
            i = scan_word(s, i, is_abbreviation, base, out);
            continue;
        }
        // Two-character typewriter doubles are one mark: ''…'' and ``…''.
        if (c == '\'' || c == '`') && s[i + 1..].starts_with(c) {
            i += 2;
            out.push(Token::new(
                base + start,
                base + i,
                TokenKind::Quote(QuoteRole::Ambiguous),
                Shape::None,
            ));
            continue;
        }
        if is_quote_char(c) {
            // "’s" after a closing quote or a word cut by markup still is a clitic.
            if is_apostrophe(c) && start > 0 {
                if let Some(end) = clitic_after(s, i) {
                    i = end;
                    out.push(Token::new(base + start, base + i, TokenKind::Word, Shape::Lower));
                    continue;
                }
            }
            i += len;
            out.push(Token::new(
                base + start,
                base + i,
                TokenKind::Quote(QuoteRole::Ambiguous),
                Shape::None,
            ));
            continue;
        }
        // ".5" and "-3" stay numbers when a digit follows at the start of a token.
        if (c == '.' || c == '-' || c == '−')
            && s[i + len..].starts_with(|d: char| d.is_ascii_digit())
            && !prev_is_word(s, i)
        {
            i = scan_number(s, i + len);
            out.push(Token::new(base + start, base + i, TokenKind::Number, Shape::HasDigit));
            continue;
        }
        // Runs of one punctuation character are one token: "...", "--", "!!".
        if matches!(c, '.' | '!' | '?' | '-' | '—' | '–') {
            i += len;
            while s[i..].starts_with(c) || (c != '.' && c != '-' && s[i..].starts_with(['!', '?'])) {
                i += s[i..].chars().next().map_or(1, char::len_utf8);
            }
            out.push(Token::new(base + start, base + i, TokenKind::Punctuation, Shape::None));
            continue;
        }
        i += len;
        let kind = if is_punctuation(c) {
            TokenKind::Punctuation
        } else {
            TokenKind::Symbol
        };
        out.push(Token::new(base + start, base + i, kind, Shape::None));
    }
}

fn prev_is_word(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_some_and(is_word_char)
}

/// The end of a number starting at `i`: digits, letters ("1990s", "3rd"),
/// and separators between digits ("4.5", "1,200", "10:30", "2026-12-07", "1/2").
fn scan_number(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while i < s.len() {
        let b = bytes[i];
        let separator = matches!(b, b'.' | b',' | b':' | b'/' | b'-')
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(b.is_ascii_alphanumeric() || separator) {
            break;
        }
        i += 1;
    }
    i
}

/// If an apostrophe at `i` begins a clitic ("’s", "'ll") that ends at a word
/// boundary, the end of the clitic.
fn clitic_after(s: &str, i: usize) -> Option<usize> {
    let c = s[i..].chars().next()?;
    let after = i + c.len_utf8();
    let rest = &s[after..];
    CLITICS.iter().find_map(|clitic| {
        let head = rest.get(..clitic.len())?;
        let end = after + clitic.len();
        (head.eq_ignore_ascii_case(clitic) && !s[end..].starts_with(is_word_char)).then_some(end)
    })
}

/// Scan a word starting at `i` and push it (and any clitic cut from it).
/// Returns the end.
fn scan_word(
    s: &str,
    start: usize,
    is_abbreviation: &dyn Fn(&str) -> bool,
    base: usize,
    out: &mut Vec<Token>,
) -> usize {
    let mut i = start;
    let mut dotted = false;
    while let Some(c) = s[i..].chars().next() {
        let len = c.len_utf8();
        if is_word_char(c) {
            i += len;
            continue;
        }
        let next = s[i + len..].chars().next();
        let next_is_word = next.is_some_and(is_word_char);
        if is_apostrophe(c) && next_is_word {
            // "don’t" → "do" + "n’t"; "Dvořák’s" → "Dvořák" + "’s".
            let n_before = s[..i].ends_with(['n', 'N']) && i - 1 > start;
            if n_before && s[i + len..].starts_with(['t', 'T']) && !s[i + len + 1..].starts_with(is_word_char) {
                push_word(s, start, i - 1, base, out);
                let end = i + len + 1;
                out.push(Token::new(
                    base + i - 1,
                    base + end,
                    TokenKind::Word,
                    shape_of(&s[i - 1..end]),
                ));
                return end;
            }
            if let Some(end) = clitic_after(s, i) {
                push_word(s, start, i, base, out);
                out.push(Token::new(base + i, base + end, TokenKind::Word, shape_of(&s[i..end])));
                return end;
            }
            i += len; // "O’Brien", "rock’n’roll"
            continue;
        }
        if is_joining_hyphen(c) && next_is_word {
            i += len;
            continue;
        }
        // Dots inside a word: "U.S", "lumen.example" (the final stop is decided below).
        if c == '.' && next_is_word {
            dotted = true;
            i += len;
            continue;
        }
        if c == '@' && next_is_word && !dotted {
            i += len; // "press@harbour.example"
            continue;
        }
        break;
    }
    if s[i..].starts_with('.') {
        let with_stop = &s[start..i + 1];
        if is_abbreviation(with_stop) || is_initials(&s[start..i]) {
            i += 1;
        }
    }
    push_word(s, start, i, base, out);
    i
}

fn push_word(s: &str, start: usize, end: usize, base: usize, out: &mut Vec<Token>) {
    out.push(Token::new(
        base + start,
        base + end,
        TokenKind::Word,
        shape_of(&s[start..end]),
    ));
}

/// "T", "U.S", "a.m": single letters joined by dots.
fn is_initials(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars().filter(|&c| !is_mark(c));
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    })
}

/// The case shape of a word.
pub fn shape_of(word: &str) -> Shape {
    if word.is_ascii() {
        ascii_shape(word.as_bytes())
    } else {
        unicode_shape(word)
    }
}

fn unicode_shape(word: &str) -> Shape {
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut first_upper = false;
    let mut seen_letter = false;
    let mut upper_after_first = false;
    for c in word.chars() {
        if c.is_numeric() {
            return Shape::HasDigit;
        }
        if c.is_uppercase() {
            upper += 1;
            if !seen_letter {
                first_upper = true;
            } else {
                upper_after_first = true;
            }
            seen_letter = true;
        } else if c.is_lowercase() {
            lower += 1;
            seen_letter = true;
        } else if c.is_alphabetic() {
            seen_letter = true; // letters without case (CJK): treat as lower
            lower += 1;
        }
    }
    shape_from_counts(upper, lower, first_upper && !upper_after_first)
}

/// The shape of a word with `upper` upper-case and `lower` lower-case
/// letters, `only_first_upper` when its one capital run is its first letter.
fn shape_from_counts(upper: usize, lower: usize, only_first_upper: bool) -> Shape {
    match (upper, lower) {
        (0, 0) => Shape::None,
        (0, _) => Shape::Lower,
        (1, 0) => Shape::Capitalised,
        (_, 0) => Shape::AllCaps,
        _ if only_first_upper => Shape::Capitalised,
        _ => Shape::Mixed,
    }
}

/// [`shape_of`] for ASCII words (most of them), without Unicode tables.
fn ascii_shape(word: &[u8]) -> Shape {
    let (mut upper, mut lower) = (0usize, 0usize);
    let (mut first_upper, mut upper_after_first) = (false, false);
    for &b in word {
        if b.is_ascii_digit() {
            return Shape::HasDigit;
        }
        if b.is_ascii_uppercase() {
            if upper + lower == 0 {
                first_upper = true;
            } else {
                upper_after_first = true;
            }
            upper += 1;
        } else if b.is_ascii_lowercase() {
            lower += 1;
        }
    }
    shape_from_counts(upper, lower, first_upper && !upper_after_first)
}

#[cfg(test)]
mod tests;
