//! The document's name mentions (from the grammar's `name_mentions`), indexed
//! by each word they contain, and for long documents by whole name
//! ([`NameMaps`]), so that resolving a name looks only at the mentions that can
//! match it.
//!
//! Separate because it is built once per document, before any speaker, and
//! answers questions about the text, not about the cast.

use super::names::{name_key, part_keys, possessive_owner, same_name, shortens, words};
use crate::attribution::grammar::NameMention;
use crate::Span;

/// The document's name mentions, indexed by each word they contain (split at
/// spaces and hyphens: "Xi-Putin" is found under "Xi"; a possessive also
/// under its owner: "Pell's" under "Pell"), so resolving a name looks only
/// at the mentions that can match it. A long document also gets maps by the
/// forms a new speaker's name is looked up by ([`NameMaps`]), so that a name
/// shared by thousands of mentions is not scanned per speaker.
pub(super) struct MentionIndex<'t> {
    text: &'t str,
    pub(super) spans: Vec<Span>,
    /// Whether the spans start in increasing order (the grammar gives them so).
    pub(super) in_text_order: bool,
    pub(super) by_word: rustc_hash::FxHashMap<&'t str, Vec<usize>>,
    maps: Option<NameMaps>,
}

/// Documents with more name mentions than this get [`NameMaps`]; below it,
/// scanning a word's mentions is cheaper than building them.
const MENTION_SCAN_LIMIT: usize = 256;

/// Mention look-ups by whole name, for long documents.
struct NameMaps {
    /// The first mention written exactly so (words joined by one space).
    first_by_name: rustc_hash::FxHashMap<String, usize>,
    /// The first mention written exactly so that has a title before it.
    first_titled_by_name: rustc_hash::FxHashMap<String, usize>,
    /// For each run of whole words at the start or end of a mention (shorter
    /// than the mention), the mention with the most words, the earliest of those.
    fullest_by_part: rustc_hash::FxHashMap<String, usize>,
}

impl NameMaps {
    fn new(text: &str, mentions: &[NameMention]) -> Self {
        let mut maps = NameMaps {
            first_by_name: Default::default(),
            first_titled_by_name: Default::default(),
            fullest_by_part: Default::default(),
        };
        let word_count = |i: usize| words(mentions[i].span.slice(text)).count();
        for (i, m) in mentions.iter().enumerate() {
            let written = m.span.slice(text);
            let key = name_key(written);
            if m.title.is_some() {
                maps.first_titled_by_name.entry(key.clone()).or_insert(i);
            }
            maps.first_by_name.entry(key).or_insert(i);
            let count = words(written).count();
            for part in part_keys(written) {
                maps.fullest_by_part
                    .entry(part)
                    .and_modify(|best| {
                        // Mentions come in text order: only more words displace an earlier one.
                        if count > word_count(*best) {
                            *best = i;
                        }
                    })
                    .or_insert(i);
            }
        }
        maps
    }
}

impl<'t> MentionIndex<'t> {
    pub(super) fn new(text: &'t str, mentions: &[NameMention]) -> Self {
        let mut by_word: rustc_hash::FxHashMap<&'t str, Vec<usize>> = Default::default();
        for (i, m) in mentions.iter().enumerate() {
            for word in m.span.slice(text).split(|c: char| c.is_whitespace() || c == '-') {
                // A possessive is found under its owner too: "Pell's" under "Pell".
                let owner = possessive_owner(word).filter(|o| !o.is_empty());
                for word in std::iter::once(word).chain(owner) {
                    if !word.is_empty() {
                        let list = by_word.entry(word).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        MentionIndex {
            text,
            spans: mentions.iter().map(|m| m.span).collect(),
            in_text_order: mentions.windows(2).all(|pair| pair[0].span.start < pair[1].span.start),
            by_word,
            maps: (mentions.len() > MENTION_SCAN_LIMIT).then(|| NameMaps::new(text, mentions)),
        }
    }

    /// Indexes of the mentions containing `word`, in text order.
    pub(super) fn with_word(&self, word: &str) -> &[usize] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    /// The mentions holding `name`'s first word, in text order. (A first word
    /// with a hyphen is never a word of the index, so it finds none.)
    fn with_first_word(&self, name: &str) -> impl Iterator<Item = usize> + '_ {
        self.with_word(words(name).next().unwrap_or_default()).iter().copied()
    }

    /// Whether the name maps may answer for `name`: the scan they replace
    /// looks only at the mentions holding its first word.
    fn searchable(name: &str) -> bool {
        words(name).next().is_some_and(|first| !first.contains('-'))
    }

    /// The first mention written as `name`.
    pub(super) fn first_named(&self, name: &str) -> Option<Span> {
        match &self.maps {
            Some(maps) => Self::searchable(name)
                .then(|| maps.first_by_name.get(&name_key(name)).map(|&i| self.spans[i]))
                .flatten(),
            None => self
                .with_first_word(name)
                .map(|i| self.spans[i])
                .find(|m| same_name(m.slice(self.text), name)),
        }
    }

    /// The first mention written as `name` with a title before it.
    pub(super) fn first_titled(&self, name: &str, mentions: &[NameMention]) -> Option<usize> {
        match &self.maps {
            Some(maps) => Self::searchable(name)
                .then(|| maps.first_titled_by_name.get(&name_key(name)).copied())
                .flatten(),
            None => self
                .with_first_word(name)
                .find(|&i| mentions[i].title.is_some() && same_name(mentions[i].span.slice(self.text), name)),
        }
    }

    /// The fullest mention that `name` shortens (most words, then earliest).
    pub(super) fn fullest(&self, name: &str) -> Option<Span> {
        match &self.maps {
            Some(maps) => Self::searchable(name)
                .then(|| maps.fullest_by_part.get(&name_key(name)).map(|&i| self.spans[i]))
                .flatten(),
            None => self
                .with_first_word(name)
                .map(|i| self.spans[i])
                .filter(|m| shortens(name, m.slice(self.text)))
                .max_by_key(|m| (words(m.slice(self.text)).count(), std::cmp::Reverse(m.start))),
        }
    }
}
