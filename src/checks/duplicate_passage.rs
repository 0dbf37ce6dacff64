use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::text::BlockKind;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::hash_map::Entry;
use std::hash::Hasher;

declare_check! {
    /// ## What it does
    /// Flags a sentence that repeats an earlier one verbatim or nearly so
    /// (the same word sequence with small edits or reordering).
    ///
    /// ## Why is this bad?
    /// A repeated passage is a paste or editing slip; when the repeat carries
    /// a different attribution it can also misstate who said what.
    ///
    /// ## Example
    /// ```text
    /// The ministers will meet in June in Port Averley. … The ministers will meet in Port Averley in June.
    /// ```
    ///
    /// ## Use instead
    /// Keep the passage once, where it belongs.
    ///
    /// ## Known limitations
    /// Sentences of fewer than eight words are ignored. Two sentences count as
    /// the same when at least 60% of the later one's word triples also occur
    /// in the earlier one. Only the first earlier occurrence of each triple is
    /// indexed, so cost stays linear in the size of the document.
    pub struct DuplicatePassage {
        code: "duplicate-passage",
        severity: Warning,
        summary: "a sentence or paragraph that repeats an earlier one",
    }
}

const MIN_WORDS: usize = 8;
const MIN_SHARED: f64 = 0.6;

/// What one byte adds to a word's comparison key: its lowercase form for an
/// ASCII letter or digit, [`SPACE`] for ASCII whitespace (as
/// `char::is_whitespace` sees it: tab to carriage return, and space),
/// [`NON_ASCII`] for a byte of a multi-byte character, [`NOTHING`] for the rest.
const BYTE_KEY: [u8; 256] = {
    let mut table = [NOTHING; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        } else if matches!(byte, b'\t'..=b'\r' | b' ') {
            table[b] = SPACE;
        } else if !byte.is_ascii() {
            table[b] = NON_ASCII;
        }
        b += 1;
    }
    table
};
const NOTHING: u8 = 0;
const SPACE: u8 = 1;
const NON_ASCII: u8 = 2;
/// Keys from here up are letters and digits.
const FIRST_LETTER: u8 = b'0';

/// FNV-1a over a word's comparison key, a byte at a time, so the key is never
/// stored. Only equality matters: equal keys give equal hashes.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn add_key_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// The hash of a finished word: its key's hash with an end mark, so "ab c"
/// and "a bc" differ.
fn end_word(hash: u64) -> u64 {
    add_key_byte(hash, 0xff)
}

/// The hash of every whitespace-separated word's comparison key (its letters
/// and digits, lowercased) in `sentence`, in one pass over its bytes. ASCII
/// bytes (the common case) need one table look-up and no character decoding;
/// other characters add the UTF-8 bytes of their lowercase form, so "dont"
/// and "don’t" still agree.
fn word_hashes(sentence: &str, out: &mut Vec<u64>) {
    out.clear();
    let bytes = sentence.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let key = BYTE_KEY[usize::from(b)];
        i += 1;
        // Letters and digits, most of the bytes: only the hash changes.
        if key >= FIRST_LETTER {
            hash = add_key_byte(hash, key);
            in_word = true;
            continue;
        }
        let space = match key {
            SPACE => true,
            NON_ASCII => {
                let c = sentence[i - 1..].chars().next().unwrap_or_default();
                i += c.len_utf8() - 1;
                if is_letter_or_digit(c) {
                    let mut utf8 = [0u8; 4];
                    for lower in c.to_lowercase() {
                        for &byte in lower.encode_utf8(&mut utf8).as_bytes() {
                            hash = add_key_byte(hash, byte);
                        }
                    }
                }
                c.is_whitespace()
            }
            _ => false,
        };
        if space {
            if in_word {
                out.push(end_word(hash));
                hash = FNV_OFFSET;
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word {
        out.push(end_word(hash));
    }
}

/// `char::is_alphanumeric`, answered at once for curly quotes, dashes and
/// ellipses (General Punctuation, U+2000–U+206F, none of which is a letter
/// or digit): most of the non-ASCII characters of news text.
fn is_letter_or_digit(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// Hashes of the word triples of a sentence, in order (repeats included).
fn shingles(words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.extend(words.windows(3).map(|w| {
        let mut hasher = FxHasher::default();
        hasher.write_u64(w[0]);
        hasher.write_u64(w[1]);
        hasher.write_u64(w[2]);
        hasher.finish()
    }));
}

impl Check for DuplicatePassage {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        // triple hash -> (first sentence containing it, last sentence that
        // counted it). The second tells a triple repeated inside one sentence,
        // which counts once, without sorting the sentence's triples.
        // About one triple per word, and English words take six bytes or so
        // with their space: sized once, the map is not rebuilt as it fills.
        let mut first_seen: FxHashMap<u64, (usize, usize)> =
            FxHashMap::with_capacity_and_hasher(doc.text.len() / 8, Default::default());
        let mut words = Vec::new();
        let mut triples = Vec::new();
        let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if doc.paragraphs[sentence.paragraph].kind != BlockKind::Body {
                continue;
            }
            word_hashes(doc.slice(sentence.span), &mut words);
            if words.len() < MIN_WORDS {
                continue;
            }
            shingles(&words, &mut triples);
            shared.clear();
            let mut distinct = 0usize;
            for &t in &triples {
                match first_seen.entry(t) {
                    Entry::Occupied(mut e) => {
                        let (first, last) = e.get_mut();
                        if *last != s {
                            *last = s;
                            distinct += 1;
                            *shared.entry(*first).or_default() += 1;
                        }
                    }
                    Entry::Vacant(e) => {
                        e.insert((s, s));
                        distinct += 1;
                    }
                }
            }
            let best = shared
                .iter()
                .max_by_key(|&(&earlier, &count)| (count, std::cmp::Reverse(earlier)));
            if let Some((&earlier, &count)) = best {
                if count as f64 >= MIN_SHARED * distinct as f64 {
                    let earlier_span = doc.sentences[earlier].span;
                    out.push(
                        Finding::new(self.info().code, ctx.severity, sentence.span, "This sentence repeats an earlier passage")
                            .with_label("repeated")
                            .with_evidence(earlier_span, "first given here")
                            .with_help("Keep the passage once; if both are needed, say it differently and check the attribution of each."),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::word_hashes;
    use crate::checks::test_support::{assert_clean, assert_flags};

    fn word_hash(word: &str) -> u64 {
        let mut hashes = Vec::new();
        word_hashes(word, &mut hashes);
        assert_eq!(hashes.len(), 1, "one word: {word:?}");
        hashes[0]
    }

    #[test]
    fn words_split_at_any_whitespace() {
        let mut hashes = Vec::new();
        word_hashes(" Port\u{a0}Averley\u{b}June,\tnext  ", &mut hashes);
        assert_eq!(
            hashes,
            [
                word_hash("port"),
                word_hash("averley"),
                word_hash("june"),
                word_hash("next")
            ]
        );
        word_hashes(" \u{2009} ", &mut hashes);
        assert!(hashes.is_empty());
    }

    #[test]
    fn words_compare_by_letters_and_digits_ignoring_case() {
        assert_eq!(word_hash("Port"), word_hash("port,"));
        assert_eq!(word_hash("“Averley’s"), word_hash("averleys"));
        assert_eq!(word_hash("GARCÍA"), word_hash("garcía"));
        assert_ne!(word_hash("June"), word_hash("July"));
        let long = "a".repeat(70);
        assert_eq!(word_hash(&long), word_hash(&long.to_uppercase()));
        assert_ne!(word_hash(&long), word_hash(&"a".repeat(71)));
    }

    #[test]
    fn flags_a_near_repeat() {
        let text = "The ministers will meet in Port Averley on June 15 and 16 to discuss trade.\nOther news follows here today.\nThe ministers will meet in Port Averley to discuss trade on June 15 and 16.";
        assert_flags(
            "duplicate-passage",
            text,
            &["The ministers will meet in Port Averley to discuss trade on June 15 and 16."],
        );
    }

    /// A triple repeated inside the later sentence counts once: 4 of its 11
    /// distinct triples are in the first sentence (36%), though 14 of its 21
    /// triples are (67%).
    #[test]
    fn repeats_inside_a_sentence_count_once() {
        assert_clean(
            "duplicate-passage",
            "Tom and Ann sang Tom and Ann sang at the harbour fair today.\nTom and Ann sang Tom and Ann sang Tom and Ann sang Tom and Ann sang a brand new song for the crowd.",
        );
    }

    #[test]
    fn different_sentences_pass() {
        assert_clean(
            "duplicate-passage",
            "The ministers will meet in Port Averley on June 15 to discuss trade.\nThe harbour authority will publish its dredging plan for the eastern basin next month.",
        );
    }
}
