//! Sentence boundaries inside a paragraph.
//!
//! A sentence ends at `.`, `?`, `!` or `…` (with any closing quote marks and
//! brackets after it) when whitespace follows and the next sentence starts
//! with a capital, a digit or an opening mark. A full stop after a listed
//! abbreviation ("Mr.", "U.S.") or an initial ("T." in "Kamila T.N. Sorenson")
//! does not end a sentence.

use crate::rules::Lexicon;
use crate::Span;

const CLOSERS: &[char] = &['”', '’', '"', '\'', ')', ']', '»', '›'];
const OPENERS: &[char] = &['“', '"', '‘', '\'', '(', '[', '«', '„', '‹', '—', '–'];

/// Push the sentences of the paragraph `block` of `text` onto `out`.
pub fn split_sentences(text: &str, block: Span, lexicon: &Lexicon, out: &mut Vec<Span>) {
    let para = block.slice(text);
    let mut start = 0usize;
    let bytes = para.as_bytes();
    let mut from = 0;
    // A sentence end starts with '.', '?', '!' or the 0xE2 lead byte of '…':
    // the bytes between them are skipped without decoding.
    while let Some(skip) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'?' | b'!' | 0xe2))
    {
        let i = from + skip;
        let Some(c) = para[i..].chars().next() else { break };
        from = i + c.len_utf8();
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        let mut end = from;
        while let Some(next) = para[end..].chars().next() {
            if matches!(next, '.' | '?' | '!' | '…') || CLOSERS.contains(&next) {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        from = end;
        let rest = &para[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next_start = rest.trim_start();
        let Some(first) = next_start.chars().next() else {
            continue;
        };
        let starts_sentence = first.is_uppercase() || first.is_ascii_digit() || OPENERS.contains(&first);
        // "“…we rebuilt it.” — Odile Marchetti": a dash after a closing quote
        // mark signs the quotation; it does not open a new sentence.
        let signs_quote = matches!(first, '—' | '–' | '―') && para[..end].ends_with(['”', '"', '»']);
        if !starts_sentence || signs_quote {
            continue;
        }
        if c == '.' && ends_with_abbreviation(&para[start..i], lexicon) {
            continue;
        }
        push_trimmed(block.start, para, start, end, out);
        start = para.len() - next_start.len();
    }
    push_trimmed(block.start, para, start, para.len(), out);
}

fn push_trimmed(base: usize, para: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &para[start..end];
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = start + (slice.len() - slice.trim_start().len());
    out.push(Span::new(base + s, base + s + trimmed.len()));
}

/// Whether the text before a full stop ends in an abbreviation or an initial.
fn ends_with_abbreviation(before: &str, lexicon: &Lexicon) -> bool {
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '«'))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    // "Mr" + "." as listed; the lexicon keeps the dots.
    let mut with_dot = [0u8; 32];
    if token.len() < with_dot.len() {
        with_dot[..token.len()].copy_from_slice(token.as_bytes());
        with_dot[token.len()] = b'.';
        if let Ok(candidate) = std::str::from_utf8(&with_dot[..=token.len()]) {
            if lexicon.abbreviations.contains(candidate) {
                return true;
            }
        }
    }
    is_initials(token)
}

/// "T", "T.N", "J.R.R": single capitals joined by dots.
fn is_initials(token: &str) -> bool {
    token.split('.').all(|part| {
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn sentences(text: &str) -> Vec<String> {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let mut out = Vec::new();
        split_sentences(text, Span::new(0, text.len()), &lexicon, &mut out);
        out.iter().map(|s| s.slice(text).to_string()).collect()
    }

    #[test]
    fn splits_on_full_stops_before_capitals() {
        assert_eq!(
            sentences("One two. Three four! Five?"),
            ["One two.", "Three four!", "Five?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones in St. Petersburg. Kamila T.N. Sorenson agreed."),
            [
                "Mr. Smith met Dr. Jones in St. Petersburg.",
                "Kamila T.N. Sorenson agreed."
            ]
        );
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        assert_eq!(
            sentences("“We will win.” The crowd cheered. “Really?” she asked."),
            ["“We will win.”", "The crowd cheered.", "“Really?” she asked."]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            sentences("It rose 4.5 per cent. in May, she said."),
            ["It rose 4.5 per cent. in May, she said."]
        );
    }
}
