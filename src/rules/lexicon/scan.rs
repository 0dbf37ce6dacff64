//! Scanning a text for every phrase of every list: whole-word matches from the
//! Aho-Corasick automaton, in start order, with the NFA replaced by a DFA of
//! the same patterns once a process has scanned enough text to pay for it.
//!
//! Separate because it is the hot path of the document build, with its own
//! tuning (dense depth, the DFA threshold), apart from compiling the lists.

use super::{Lexicon, PhraseHit};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

impl Lexicon {
    /// Every phrase of every list in `text`, in order of position, keeping
    /// only whole-word matches. Overlapping phrases are all reported
    /// ("experts say" and "say").
    pub fn scan(&self, text: &str, base: usize, hits: &mut Vec<PhraseHit>) {
        let bytes = text.as_bytes();
        let first = hits.len();
        for m in self.automaton_for(text.len()).find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            let before_ok = start == 0 || !is_word_byte_before(text, start);
            let after_ok = end == bytes.len() || !is_word_byte_after(text, end);
            if before_ok && after_ok {
                let id = m.pattern().as_usize();
                hits.push(PhraseHit {
                    span: crate::Span::new(base + start, base + end),
                    kinds: self.pattern_kinds[id],
                    verb: self.pattern_verb[id],
                });
            }
        }
        // Overlapping matches arrive ordered by end; checks want start order.
        // Only this call's hits: earlier paragraphs are already in order.
        hits[first..].sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    }

    /// The automaton to scan `len` more bytes with: the DFA once enough text
    /// has been scanned to pay for building it.
    fn automaton_for(&self, len: usize) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        let scanned = self.scanned.fetch_add(len, std::sync::atomic::Ordering::Relaxed) + len;
        if scanned < DFA_AFTER_BYTES {
            return &self.automaton;
        }
        self.dfa.get_or_init(|| {
            automaton_builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.patterns)
                .expect("lexicon automaton: patterns are plain strings")
        })
    }
}

/// How many bytes are scanned with the NFA before the DFA is built. Building
/// it (about 120 M instructions) costs what the DFA saves on about 5 MB of
/// text (about 24 instructions a byte); past 8 MB a run comes out ahead.
const DFA_AFTER_BYTES: usize = 8 << 20;

/// The automaton's settings, for the NFA and the DFA alike.
pub(super) fn automaton_builder() -> AhoCorasickBuilder {
    let mut builder = AhoCorasickBuilder::new();
    // The NFA's states within six bytes of the start get a full transition
    // table (the crate's default is three): the scan spends most of its bytes
    // there, in the first letters of words. On news text the scan takes 16%
    // fewer instructions and the build 4 M more; 8 and 12 were no better.
    builder
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .dense_depth(6);
    builder
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_word_byte_before(text: &str, index: usize) -> bool {
    text[..index].chars().next_back().is_some_and(is_word_char)
}

fn is_word_byte_after(text: &str, index: usize) -> bool {
    text[index..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn scan_finds_whole_words_in_one_pass() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let mut hits = Vec::new();
        lexicon.scan("Experts say the plan is sayable, Smith said.", 0, &mut hits);
        let texts: Vec<&str> = hits
            .iter()
            .map(|h| &"Experts say the plan is sayable, Smith said."[h.span.range()])
            .collect();
        assert!(texts.contains(&"Experts say"));
        assert!(texts.contains(&"say"));
        assert!(texts.contains(&"said"));
        assert!(!texts.iter().any(|t| t.eq_ignore_ascii_case("sayable")));
    }

    /// After enough text, scans run on the DFA and find exactly what the NFA finds.
    #[test]
    fn the_dfa_finds_what_the_nfa_finds() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let text = "Experts say the plan is sayable, Smith said. Officials, who asked not to be named, \
                    claimed it was “widely believed”; according to sources close to the talks, critics SAID so.";
        let mut by_nfa = Vec::new();
        lexicon.scan(text, 7, &mut by_nfa);
        assert!(lexicon.dfa.get().is_none());
        lexicon
            .scanned
            .store(DFA_AFTER_BYTES, std::sync::atomic::Ordering::Relaxed);
        let mut by_dfa = Vec::new();
        lexicon.scan(text, 7, &mut by_dfa);
        assert!(lexicon.dfa.get().is_some());
        assert!(by_nfa.len() > 5);
        assert_eq!(by_dfa, by_nfa);
    }
}
