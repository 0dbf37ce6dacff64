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

/// A word's comparison key, in a stack buffer unless it is unusually long.
struct Key {
    buffer: [u8; 64],
    len: usize,
    spilled: Vec<u8>,
}

impl Key {
    fn new() -> Self {
        Key {
            buffer: [0; 64],
            len: 0,
            spilled: Vec::new(),
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.spilled.is_empty() && self.len + bytes.len() <= self.buffer.len() {
            self.buffer[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            if self.spilled.is_empty() {
                self.spilled.extend_from_slice(&self.buffer[..self.len]);
            }
            self.spilled.extend_from_slice(bytes);
        }
    }

    fn bytes(&self) -> &[u8] {
        if self.spilled.is_empty() {
            &self.buffer[..self.len]
        } else {
            &self.spilled
        }
    }
}

/// The hash of a word's comparison key: its letters and digits, lowercased,
/// hashed in one call. ASCII words (the common case) skip character decoding;
/// both paths build the same key bytes, so "dont" and "don’t" still agree.
fn word_hash(word: &str) -> u64 {
    let mut key = Key::new();
    if word.is_ascii() && word.len() <= key.buffer.len() {
        for &b in word.as_bytes() {
            // Write every byte, keep only letters and digits: no branch per byte.
            key.buffer[key.len] = b.to_ascii_lowercase();
            key.len += usize::from(b.is_ascii_alphanumeric());
        }
    } else {
        let mut utf8 = [0u8; 4];
        for c in word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            key.push(c.encode_utf8(&mut utf8).as_bytes());
        }
    }
    let mut hasher = FxHasher::default();
    hasher.write(key.bytes());
    // Mark the word's end, so "ab c" and "a bc" differ.
    hasher.write_u8(0xff);
    hasher.finish()
}

fn word_hashes(sentence: &str, out: &mut Vec<u64>) {
    out.clear();
    out.extend(sentence.split_whitespace().map(word_hash));
}

/// Hashes of the word triples of a sentence, sorted and deduplicated.
fn shingles(words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.extend(words.windows(3).map(|w| {
        let mut hasher = FxHasher::default();
        hasher.write_u64(w[0]);
        hasher.write_u64(w[1]);
        hasher.write_u64(w[2]);
        hasher.finish()
    }));
    out.sort_unstable();
    out.dedup();
}

impl Check for DuplicatePassage {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        // triple hash -> first sentence containing it
        let mut first_seen: FxHashMap<u64, usize> = FxHashMap::default();
        let mut words = Vec::new();
        let mut triples = Vec::new();
        let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if doc.paragraphs[sentence.paragraph].kind == BlockKind::Heading {
                continue;
            }
            word_hashes(doc.slice(sentence.span), &mut words);
            if words.len() < MIN_WORDS {
                continue;
            }
            shingles(&words, &mut triples);
            shared.clear();
            for &t in &triples {
                match first_seen.entry(t) {
                    Entry::Occupied(e) => *shared.entry(*e.get()).or_default() += 1,
                    Entry::Vacant(e) => {
                        e.insert(s);
                    }
                }
            }
            let best = shared
                .iter()
                .max_by_key(|&(&earlier, &count)| (count, std::cmp::Reverse(earlier)));
            if let Some((&earlier, &count)) = best {
                if count as f64 >= MIN_SHARED * triples.len() as f64 {
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
    use super::word_hash;
    use crate::checks::test_support::{assert_clean, assert_flags};

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

    #[test]
    fn different_sentences_pass() {
        assert_clean(
            "duplicate-passage",
            "The ministers will meet in Port Averley on June 15 to discuss trade.\nThe harbour authority will publish its dredging plan for the eastern basin next month.",
        );
    }
}
