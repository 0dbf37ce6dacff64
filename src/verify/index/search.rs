//! Looking a quotation up: the labels and registry entries that are the quoted
//! speaker, the stretches of source where the quotation's rarest word pairs
//! cluster, and the word-by-word alignment of the best few, in the speaker's
//! words and in anyone else's.
//!
//! Separate from `build` because this is the per-quotation path, whose cost
//! must follow the rarest pairs' lists and not the size of the sources.

use super::{key_words, Found, SourceIndex, Who};
use crate::verify::align::{self, Item, UNKNOWN};
use crate::verify::words::{self, Piece};

/// At most this many of a quotation's rarest distinct words are looked up.
const MAX_ANCHORS: usize = 8;

/// The rarest this many word pairs of a quotation seed the search for it.
const SEEDS: usize = 5;

/// A seed pair with more offsets than this is not tried (nor any commoner),
/// and a lone seed is tried at no more places than this.
const SEED_BUDGET: usize = 2048;

/// How many stretches of source are aligned per quotation and kind (the
/// speaker's own words, everyone else's).
const WINDOWS_PER_KIND: usize = 3;

/// How far an ellipsis may reach in the source, in bytes (about 300 words).
const GAP_REACH_BYTES: usize = 2000;

/// A stretch of one turn where a quotation's words cluster.
#[derive(Copy, Clone, Debug)]
struct Window {
    turn: u32,
    start: u32,
    end: u32,
    votes: u32,
}
impl SourceIndex {
    fn posting(&self, bucket: usize) -> &[u32] {
        let (a, b) = (
            self.posting_starts[bucket] as usize,
            self.posting_starts[bucket + 1] as usize,
        );
        &self.postings[a..b]
    }

    fn id_of(&self, word: &str, buf: &mut String) -> u32 {
        self.vocabulary
            .get(words::key_into(word, buf))
            .copied()
            .unwrap_or(UNKNOWN)
    }

    /// The alignment items of a quotation's pieces (`text` is the article's).
    pub fn items(&self, text: &str, pieces: &[Piece]) -> Vec<Item> {
        let mut buf = String::new();
        pieces
            .iter()
            .map(|p| match *p {
                Piece::Word { start, end } => Item::Word(self.id_of(&text[start..end], &mut buf)),
                Piece::Gap { .. } => Item::Gap,
                Piece::Bracket { .. } => Item::Bracket,
            })
            .collect()
    }

    /// The registry entries that are `who`: the one the cast linked, and any
    /// whose full name ends the article's name ("Mayor Selin Aydemir").
    fn registry_ids(&self, who: Who<'_>, name: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = who.registry.map(|r| r as u32).into_iter().collect();
        for (r, full) in self.registry_names.iter().enumerate() {
            if !full.is_empty() && name.ends_with(full) && !ids.contains(&(r as u32)) {
                ids.push(r as u32);
            }
        }
        ids
    }

    /// The labels outside the registry that name someone called `name` (word
    /// keys): labels ending with the name, and one-word labels that are its
    /// last word. Sorted.
    fn labels_of(&self, name: &[String]) -> Vec<u32> {
        let mut labels: Vec<u32> = Vec::new();
        if name.is_empty() {
            return labels;
        }
        if let Some(found) = self.label_suffixes.get(&name.join(" ")) {
            labels.extend(found);
        }
        if let Some(found) = name.last().and_then(|last| self.single_word_labels.get(last)) {
            labels.extend(found);
        }
        labels.sort_unstable();
        labels.dedup();
        labels
    }

    /// The files holding words of `who`; empty when `who` has no sources.
    pub fn files_of(&self, who: Who<'_>) -> Vec<u32> {
        let name = key_words(who.name);
        let mut files: Vec<u32> = self
            .registry_ids(who, &name)
            .iter()
            .flat_map(|&r| self.registry_files[r as usize].iter().copied())
            .collect();
        for k in self.labels_of(&name) {
            files.extend(&self.label_files[k as usize]);
        }
        files.sort_unstable();
        files.dedup();
        files
    }

    /// The best alignment of a quotation in the words of `who` and in anyone
    /// else's: `(own, other)`.
    pub fn search(&self, items: &[Item], quote_bytes: usize, who: Who<'_>) -> (Option<Found>, Option<Found>) {
        let name = key_words(who.name);
        let ids = self.registry_ids(who, &name);
        let windows = self.windows(items, quote_bytes);
        // Whether each label outside the registry names `who`, worked out once per label met.
        let own_labels = self.labels_of(&name);
        let (mut own, mut other): (Vec<Window>, Vec<Window>) = windows.into_iter().partition(|w| {
            let turn = &self.turns[w.turn as usize];
            turn.speakers.iter().any(|s| ids.contains(s))
                || turn.named.is_some_and(|k| own_labels.binary_search(&k).is_ok())
        });
        let best = |windows: &mut Vec<Window>| -> Option<Found> {
            // The stretches with the most of the quotation's rare words, and
            // none with fewer than half as many as the best.
            windows.sort_by_key(|w| (std::cmp::Reverse(w.votes), w.start));
            let most = windows.first().map_or(0, |w| w.votes);
            windows.retain(|w| w.votes * 2 >= most);
            let mut best: Option<Found> = None;
            for w in windows.iter().take(WINDOWS_PER_KIND) {
                let Some(found) = self.align_window(items, quote_bytes, w) else {
                    continue;
                };
                let key = |f: &Found| (f.alignment.cost, std::cmp::Reverse(f.alignment.same));
                if best.as_ref().is_none_or(|b| key(&found) < key(b)) {
                    best = Some(found);
                }
                // An exact match cannot be bettered.
                if best.as_ref().is_some_and(|b| b.alignment.cost == 0) {
                    break;
                }
            }
            best
        };
        let own = best(&mut own);
        if own.as_ref().is_some_and(|f| f.alignment.cost == 0) {
            return (own, None);
        }
        (own, best(&mut other))
    }

    /// The stretches of source where the quotation's rarest words cluster.
    ///
    /// The five rarest pairs of neighbouring words seed the search: a place
    /// is a seed's offset with another seed near it (a changed word spoils
    /// only the two pairs it is in). Each place's votes are the number of the
    /// quotation's anchor pairs near it. All by binary search in the offset
    /// lists, so the cost follows the length of the rarest pairs' lists, not
    /// the size of the archive.
    fn windows(&self, items: &[Item], quote_bytes: usize) -> Vec<Window> {
        // Anchors are pairs of neighbouring quotation words the sources know.
        let mut anchors: Vec<(usize, usize)> = items
            .windows(2)
            .filter_map(|pair| match *pair {
                [Item::Word(a), Item::Word(b)] if a != UNKNOWN && b != UNKNOWN => {
                    let bucket = self.bucket(a, b);
                    Some((self.posting(bucket).len(), bucket))
                }
                _ => None,
            })
            .collect();
        anchors.sort_unstable();
        anchors.dedup_by_key(|a| a.1);
        anchors.truncate(MAX_ANCHORS);
        if anchors.is_empty() {
            return Vec::new();
        }
        let gaps = items.iter().filter(|i| matches!(i, Item::Gap)).count();
        let reach = (quote_bytes * 3 / 2 + 64 + gaps * GAP_REACH_BYTES) as u32;
        let near = |bucket: usize, at: u32| {
            let list = self.posting(bucket);
            let k = list.partition_point(|&p| p < at.saturating_sub(reach));
            list.get(k).is_some_and(|&p| p <= at.saturating_add(reach))
        };
        // A place is a seed's offset with another seed near it: a changed
        // word spoils the two pairs it is in, so five seeds leave three good.
        let seeds: Vec<usize> = anchors.iter().take(SEEDS).map(|&(_, bucket)| bucket).collect();
        let mut places: Vec<u32> = Vec::new();
        for (i, &seed) in seeds.iter().enumerate() {
            let list = self.posting(seed);
            if list.len() > SEED_BUDGET {
                break;
            }
            places.extend(
                list.iter()
                    .copied()
                    // Each pair of seeds is tried once: a place near both is found from the rarer.
                    .filter(|&at| seeds[i + 1..].iter().any(|&other| near(other, at))),
            );
        }
        if places.is_empty() {
            places.extend(self.posting(seeds[0]).iter().take(SEED_BUDGET));
        }
        places.sort_unstable();
        places.dedup();

        let mut windows: Vec<Window> = Vec::new();
        let mut i = 0;
        while i < places.len() {
            let Some(turn) = self.turn_at(places[i]) else {
                i += 1;
                continue;
            };
            let t = &self.turns[turn];
            // One window for the places of one turn within `reach` of the first.
            let start = places[i];
            let mut j = i + 1;
            while j < places.len() && places[j] < t.end && places[j] - start <= reach {
                j += 1;
            }
            let end = places[j - 1];
            let (lo, hi) = (
                start.saturating_sub(reach).max(t.start),
                end.saturating_add(reach).min(t.end),
            );
            let votes = anchors
                .iter()
                .filter(|&&(_, id)| {
                    let list = self.posting(id);
                    let k = list.partition_point(|&at| at < lo);
                    list.get(k).is_some_and(|&at| at < hi)
                })
                .count() as u32;
            windows.push(Window {
                turn: turn as u32,
                start,
                end,
                votes,
            });
            i = j;
        }
        windows
    }

    /// Align the quotation with the source around a window.
    fn align_window(&self, items: &[Item], quote_bytes: usize, w: &Window) -> Option<Found> {
        let turn = &self.turns[w.turn as usize];
        // Room before the first and after the last seed: the whole quotation
        // (the seed may be its last or first word), and what ellipses skip.
        let gaps = items.iter().filter(|i| matches!(i, Item::Gap)).count();
        let margin = (quote_bytes + 32 + gaps * GAP_REACH_BYTES) as u32;
        let from = w.start.saturating_sub(margin).max(turn.start);
        let to = w.end.saturating_add(margin).min(turn.end);
        let from = self.floor_char(from as usize);
        let to = self.floor_char(to as usize);
        let text = &self.text[from..to];
        let mut buf = String::new();
        let mut ids = Vec::new();
        let mut spans = Vec::new();
        for (a, b) in words::words(text) {
            // A word cut by the window's edge is not compared.
            if (a == 0 && from > turn.start as usize) || (b == text.len() && to < turn.end as usize) {
                continue;
            }
            ids.push(self.id_of(&text[a..b], &mut buf));
            spans.push(((from + a) as u32, (from + b) as u32));
        }
        let alignment = align::align(items, &ids)?;
        Some(Found {
            alignment,
            turn: w.turn as usize,
            source_words: spans,
        })
    }

    fn floor_char(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{index, index_of, search};
    use super::super::Who;

    #[test]
    fn labels_outside_the_registry_match_article_names() {
        let index = index("KWAME ASANTE: The bridge opens in June.\n", Vec::new());
        let asante = Who {
            registry: None,
            name: "Kwame Asante",
        };
        assert_eq!(search(&index, "The bridge opens in June", asante), (Some(0), None));
        assert_eq!(index.files_of(asante), vec![0]);
        // A surname label names the article's full name; another name does not.
        let index = index_of("ASANTE: The bridge opens in June.\n", Vec::new());
        assert_eq!(search(&index, "The bridge opens in June", asante), (Some(0), None));
        let mensah = Who {
            registry: None,
            name: "Kwame Mensah",
        };
        assert_eq!(search(&index, "The bridge opens in June", mensah), (None, Some(0)));
    }
}
