//! The word sets: every word of every set and every reporting-verb form in
//! one open-addressing table of packed lowercase words, so that one look-up
//! answers which sets hold a word, ignoring ASCII case, without allocating.
//!
//! Separate because the packing and the table are a data structure of their
//! own, tuned for the grammar's look-ups and tested on their own.

use crate::rules::VerbClass;
use rustc_hash::FxHashMap as HashMap;

/// What the lexicon knows about one lowercase word or phrase: the word sets
/// that hold it and, for a reporting-verb form, its class.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct WordEntry {
    /// One bit per [`WordSet`] (its `bit`).
    pub(super) sets: u64,
    pub(super) verb: Option<VerbClass>,
}

/// Every word of every word set, and every reporting-verb form, in one table.
/// One look-up answers "which lists hold this word" for every list, and the
/// pronoun and verb questions need no look-up of their own.
#[derive(Debug, Default)]
pub(super) struct WordIndex {
    /// Words of up to [`PACKED_WORD`] bytes, packed into one integer each
    /// (see [`pack`]): hashing and comparing a key is a few instructions.
    short: PackedTable,
    /// Longer words and phrases.
    long: HashMap<Box<[u8]>, WordEntry>,
}

/// An open-addressing table from packed words to their entries, at most half
/// full, probed linearly from a multiplicative hash of the key. The grammar
/// asks it about most words it reads, so a look-up is kept to about thirty
/// instructions: no hasher state, one or two slots read. The empty key (0) marks
/// a free slot; no word packs to it, and looking it up finds the default entry.
#[derive(Debug)]
struct PackedTable {
    slots: Vec<(u128, WordEntry)>,
    /// 64 minus log2 of the slot count: the hash's top bits pick the slot.
    shift: u32,
}

impl Default for PackedTable {
    fn default() -> Self {
        PackedTable::with_words(0)
    }
}

impl PackedTable {
    fn with_words(words: usize) -> Self {
        let slots = (2 * words).next_power_of_two().max(16);
        PackedTable {
            slots: vec![(0, WordEntry::default()); slots],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    #[inline]
    fn home(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Add or replace `key`'s entry; the table must stay at most half full.
    fn insert(&mut self, key: u128, entry: WordEntry) {
        debug_assert!(key != 0);
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        while self.slots[at].0 != 0 && self.slots[at].0 != key {
            at = (at + 1) & mask;
        }
        self.slots[at] = (key, entry);
    }

    #[inline]
    fn get(&self, key: u128) -> WordEntry {
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (slot_key, entry) = self.slots[at];
            if slot_key == key || slot_key == 0 {
                return if slot_key == key { entry } else { WordEntry::default() };
            }
            at = (at + 1) & mask;
        }
    }
}

/// The longest word packed into a `u128` key: 15 bytes and the length.
const PACKED_WORD: usize = 15;

/// A word of at most [`PACKED_WORD`] bytes, ASCII-lowercased, as one integer:
/// its bytes, zero-padded, and its length in the last byte (so "ab" and "ab\0"
/// differ). Built from at most four loads and lowercased eight bytes at a time:
/// this runs for every word the grammar looks up.
#[inline]
fn pack(bytes: &[u8]) -> u128 {
    debug_assert!(bytes.len() <= PACKED_WORD);
    let len = bytes.len();
    let (low, high) = if len >= 8 {
        // The last eight bytes, shifted down past the ones the first eight hold.
        let tail = u64::from_le_bytes(bytes[len - 8..].try_into().unwrap_or_default());
        let high = tail.checked_shr(8 * (16 - len as u32)).unwrap_or(0);
        (u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default()), high)
    } else if len >= 4 {
        // Two overlapping four-byte loads; the shared bytes are the same.
        let head = u32::from_le_bytes(bytes[..4].try_into().unwrap_or_default());
        let tail = u32::from_le_bytes(bytes[len - 4..].try_into().unwrap_or_default());
        (u64::from(head) | u64::from(tail) << (8 * (len - 4)), 0)
    } else {
        let low = bytes
            .iter()
            .enumerate()
            .fold(0u64, |low, (i, &b)| low | u64::from(b) << (8 * i));
        (low, 0)
    };
    let high = ascii_lowercase_bytes(high) | (len as u64) << 56;
    u128::from(ascii_lowercase_bytes(low)) | u128::from(high) << 64
}

/// `make_ascii_lowercase` on the eight bytes of `x` at once: 'A'..='Z' gain
/// the 0x20 bit, every other byte (non-ASCII ones included) is left alone.
#[inline]
fn ascii_lowercase_bytes(x: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH_BIT: u64 = 0x8080_8080_8080_8080;
    let seven = x & LOW_SEVEN;
    // Per byte, no carry into the next: the high bit says "at least 'A'" / "past 'Z'".
    let from_a = seven + 0x0101_0101_0101_0101 * u64::from(0x80 - b'A');
    let past_z = seven + 0x0101_0101_0101_0101 * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & !x & HIGH_BIT;
    x | upper >> 2
}

impl WordIndex {
    /// What is known about `word`, ignoring ASCII case, without allocating.
    #[inline]
    pub(super) fn entry(&self, word: &str) -> WordEntry {
        let bytes = word.as_bytes();
        if bytes.len() <= PACKED_WORD {
            self.short.get(pack(bytes))
        } else {
            self.long.get(&*bytes.to_ascii_lowercase()).copied().unwrap_or_default()
        }
    }
}

/// A case-insensitive word set: one bit in the lexicon's [`WordIndex`].
#[derive(Debug)]
pub struct WordSet {
    pub(super) index: std::sync::Arc<WordIndex>,
    pub(super) bit: u64,
    pub(super) len: usize,
}

impl WordSet {
    /// Whether `word` is in the set, ignoring ASCII case, without allocating.
    pub fn contains(&self, word: &str) -> bool {
        self.index.entry(word).sets & self.bit != 0
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// What the lexicon's word sets say about one word, from a single look-up:
/// for code that asks several sets about the same word.
#[derive(Copy, Clone, Debug)]
pub struct WordInfo {
    pub(super) entry: WordEntry,
    pub(super) pronouns: u64,
}

impl WordInfo {
    /// Whether the word is in `set` (a set of the lexicon that gave this info).
    pub fn is_in(&self, set: &WordSet) -> bool {
        self.entry.sets & set.bit != 0
    }

    pub fn verb_class(&self) -> Option<VerbClass> {
        self.entry.verb
    }

    pub fn is_pronoun(&self) -> bool {
        self.entry.sets & self.pronouns != 0
    }
}

/// Builds the [`WordIndex`] and hands out its sets.
#[derive(Default)]
pub(super) struct WordIndexBuilder {
    words: HashMap<Box<[u8]>, WordEntry>,
    sets: Vec<usize>,
}

impl WordIndexBuilder {
    fn key(word: &str) -> Option<Box<[u8]>> {
        let key = word.trim().to_lowercase();
        (!key.is_empty()).then(|| key.into_bytes().into_boxed_slice())
    }

    /// Add a word set; returns its bit.
    pub(super) fn add_set(&mut self, list: &[String]) -> u64 {
        let bit = 1u64 << self.sets.len();
        assert!(self.sets.len() < 64, "at most 64 word sets");
        let mut len = 0;
        for key in list.iter().filter_map(|w| Self::key(w)) {
            let entry = self.words.entry(key).or_default();
            if entry.sets & bit == 0 {
                len += 1;
            }
            entry.sets |= bit;
        }
        self.sets.push(len);
        bit
    }

    /// Add a set of keys taken as they are (already lower case); returns its bit.
    pub(super) fn add_keys(&mut self, keys: impl IntoIterator<Item = String>) -> u64 {
        let bit = 1u64 << self.sets.len();
        assert!(self.sets.len() < 64, "at most 64 word sets");
        let mut len = 0;
        for key in keys.into_iter().filter(|k| !k.is_empty()) {
            let entry = self.words.entry(key.into_bytes().into_boxed_slice()).or_default();
            if entry.sets & bit == 0 {
                len += 1;
            }
            entry.sets |= bit;
        }
        self.sets.push(len);
        bit
    }

    /// A reporting-verb form; the first class given wins.
    pub(super) fn add_verb(&mut self, form: &str, class: VerbClass) {
        if let Some(key) = Self::key(form) {
            self.words.entry(key).or_default().verb.get_or_insert(class);
        }
    }

    pub(super) fn build(self) -> (std::sync::Arc<WordIndex>, Vec<usize>) {
        let short_words = self.words.keys().filter(|w| w.len() <= PACKED_WORD).count();
        let mut index = WordIndex {
            short: PackedTable::with_words(short_words),
            long: HashMap::default(),
        };
        for (word, entry) in self.words {
            if word.len() <= PACKED_WORD {
                index.short.insert(pack(&word), entry);
            } else {
                index.long.insert(word, entry);
            }
        }
        (std::sync::Arc::new(index), self.sets)
    }
}

/// Call `f` with `word` in ASCII lowercase, using a stack buffer when the
/// word has capitals (the common case has none and borrows the word itself).
pub fn with_ascii_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    let mut buf = [0u8; 64];
    if word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lowercasing ASCII bytes keeps UTF-8 valid.
        match std::str::from_utf8(lower) {
            Ok(s) => f(s),
            Err(_) => f(&word.to_ascii_lowercase()),
        }
    } else {
        f(&word.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_their_lowercase_bytes_and_length() {
        let reference = |bytes: &[u8]| {
            let mut key = [0u8; 16];
            key[..bytes.len()].copy_from_slice(bytes);
            key[..PACKED_WORD].make_ascii_lowercase();
            key[PACKED_WORD] = bytes.len() as u8;
            u128::from_le_bytes(key)
        };
        let text = "AZaz@[`{09 Ünïcödé-Wörd ÀÉ\u{7f}\u{80}STATE-RUN Q";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..bytes.len().min(start + PACKED_WORD) + 1 {
                assert_eq!(
                    pack(&bytes[start..end]),
                    reference(&bytes[start..end]),
                    "{:?}",
                    &bytes[start..end]
                );
            }
        }
        for b in 0..=255u8 {
            assert_eq!(pack(&[b]), reference(&[b]), "{b}");
            assert_eq!(pack(&[b; 15]), reference(&[b; 15]), "{b}");
        }
    }
}
