//! The index over every source transcript of a run, built once.
//!
//! All transcripts are kept in one text (offsets are `u32`, so up to 4 GiB
//! of sources). Every word inside a speaker's turn gets an id (its comparison
//! key interned once), and every pair of neighbouring words in a turn is
//! hashed into a bucket that lists the offsets where its pairs start. A
//! quotation is looked up by its rarest pairs: places where two of them are
//! near each other, scored by how many of its pairs are near, and only the
//! best few stretches of source are read again and aligned word by word
//! ([`super::align`]). Nothing is proportional to the size of the sources
//! except the lists of the pairs looked up, which stay short.
//!
//! Memory is the text itself plus four bytes per indexed word (its pair's
//! offset), the bucket table (about one `u32` per four words) and the
//! vocabulary: about 2.4 times the sources (docs/verification.md).

use super::align::{self, Alignment, Item, UNKNOWN};
use super::transcript::{self, Transcript};
use super::words::{self, Piece};
use crate::rules::SpeakerEntry;
use rustc_hash::FxHashMap;

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

/// One source file in the index.
#[derive(Debug, Clone)]
pub struct SourceFileInfo {
    pub name: String,
    /// Its text is `index.text[start..end]`.
    pub start: u32,
    pub end: u32,
}

/// A turn that is somebody's words.
#[derive(Debug, Clone)]
struct TurnInfo {
    start: u32,
    end: u32,
    /// The 1-based line of `start` in its file.
    line: u32,
    /// The label as written, as a range of the index text.
    label: Option<(u32, u32)>,
    /// Registry speakers whose words these are.
    speakers: Box<[u32]>,
    /// For a label naming nobody in the registry: its key in `label_keys`.
    named: Option<u32>,
}

/// Who an article quotes: the registry entry the cast linked, and the name.
#[derive(Copy, Clone, Debug)]
pub struct Who<'a> {
    pub registry: Option<usize>,
    pub name: &'a str,
}

/// A registry speaker's names, as word keys, for matching labels.
struct Names {
    full: Vec<String>,
    aliases: Vec<Vec<String>>,
}

fn key_words(s: &str) -> Vec<String> {
    words::words(s).map(|(a, b)| words::key(&s[a..b])).collect()
}

/// The index of every source of a run.
pub struct SourceIndex {
    text: String,
    files: Vec<SourceFileInfo>,
    turns: Vec<TurnInfo>,
    /// Normalised labels that name nobody in the registry ("reporter", "q").
    label_keys: Vec<Vec<String>>,
    /// For each registry speaker: whether any turn is theirs, and in which files.
    registry_files: Vec<Vec<u32>>,
    label_files: Vec<Vec<u32>>,
    /// Labels by each run of their last words ("olu adeyemi", "adeyemi").
    label_suffixes: FxHashMap<String, Vec<u32>>,
    /// One-word labels ("adeyemi"), which name anyone with that surname.
    single_word_labels: FxHashMap<String, Vec<u32>>,
    /// Each registry speaker's full name, as word keys.
    registry_names: Vec<Vec<String>>,
    vocabulary: FxHashMap<Box<str>, u32>,
    /// `postings[posting_starts[b]..posting_starts[b + 1]]`: the offsets of
    /// the pairs of neighbouring words (in one turn) that hash to bucket `b`.
    posting_starts: Vec<u32>,
    postings: Vec<u32>,
    bucket_bits: u32,
    /// How many words are indexed.
    words: usize,
}

impl std::fmt::Debug for SourceIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceIndex")
            .field("files", &self.files.len())
            .field("bytes", &self.text.len())
            .field("turns", &self.turns.len())
            .field("words", &self.words)
            .field("vocabulary", &self.vocabulary.len())
            .finish()
    }
}

/// A stretch of one turn where a quotation's words cluster.
#[derive(Copy, Clone, Debug)]
struct Window {
    turn: u32,
    start: u32,
    end: u32,
    votes: u32,
}

/// An alignment placed in the sources.
#[derive(Clone, Debug)]
pub struct Found {
    pub alignment: Alignment,
    pub turn: usize,
    /// Byte ranges (index text) of the source words the alignment used.
    pub source_words: Vec<(u32, u32)>,
}

impl SourceIndex {
    /// Index transcripts; `speakers` is the registry, for matching labels.
    pub fn build(transcripts: Vec<Transcript>, speakers: &[SpeakerEntry]) -> Self {
        let names: Vec<Names> = speakers
            .iter()
            .map(|s| Names {
                full: key_words(&s.name),
                aliases: s.aliases.iter().map(|a| key_words(a)).collect(),
            })
            .collect();
        // Which registry speakers a label names: exactly one, by full name,
        // alias, or a unique last word.
        let registry_of = |label: &[String]| -> Option<u32> {
            let by_name: Vec<usize> = (0..names.len())
                .filter(|&i| {
                    label.ends_with(&names[i].full)
                        || names[i].aliases.iter().any(|a| !a.is_empty() && label.ends_with(a))
                })
                .collect();
            if by_name.len() == 1 {
                return Some(by_name[0] as u32);
            }
            let by_surname: Vec<usize> = (0..names.len())
                .filter(|&i| label.len() == 1 && names[i].full.last() == label.last())
                .collect();
            (by_surname.len() == 1).then(|| by_surname[0] as u32)
        };
        let is_name = |label: &str| registry_of(&key_words(label)).is_some();

        let total: usize = transcripts.iter().map(|t| t.text.len() + 1).sum();
        let mut index = SourceIndex {
            text: String::with_capacity(total),
            files: Vec::with_capacity(transcripts.len()),
            turns: Vec::new(),
            label_keys: Vec::new(),
            registry_files: vec![Vec::new(); speakers.len()],
            label_files: Vec::new(),
            label_suffixes: FxHashMap::default(),
            single_word_labels: FxHashMap::default(),
            registry_names: names.iter().map(|n| n.full.clone()).collect(),
            vocabulary: FxHashMap::default(),
            posting_starts: Vec::new(),
            postings: Vec::new(),
            bucket_bits: 0,
            words: 0,
        };
        let mut label_ids: FxHashMap<Vec<String>, usize> = FxHashMap::default();
        for (file_no, transcript) in transcripts.into_iter().enumerate() {
            let base = index.text.len();
            let file = file_no as u32;
            // The line of each turn, counted as the turns go.
            let (mut line, mut line_at) = (1u32, 0usize);
            for turn in transcript::turns(&transcript.text, &is_name) {
                let label_text = turn.label.map(|(a, b)| &transcript.text[a..b]);
                let label = label_text.map(key_words);
                let (speakers, named): (Vec<u32>, Option<u32>) = match label.as_deref() {
                    // Unlabelled text, and answers, are the words of whoever lists the file.
                    None => (transcript.owners.iter().map(|&o| o as u32).collect(), None),
                    Some([answer]) if answer == "a" || answer == "answer" => {
                        (transcript.owners.iter().map(|&o| o as u32).collect(), None)
                    }
                    Some(label) => match registry_of(label) {
                        Some(r) => (vec![r], None),
                        None => {
                            let key = *label_ids.entry(label.to_vec()).or_insert_with(|| {
                                index.label_keys.push(label.to_vec());
                                index.label_files.push(Vec::new());
                                index.label_keys.len() - 1
                            });
                            (Vec::new(), Some(key as u32))
                        }
                    },
                };
                if speakers.is_empty() && named.is_none() {
                    continue;
                }
                for &s in &speakers {
                    let files = &mut index.registry_files[s as usize];
                    if files.last() != Some(&file) {
                        files.push(file);
                    }
                }
                if let Some(k) = named {
                    let files = &mut index.label_files[k as usize];
                    if files.last() != Some(&file) {
                        files.push(file);
                    }
                }
                line += memchr::memchr_iter(b'\n', &transcript.text.as_bytes()[line_at..turn.span.0]).count() as u32;
                line_at = turn.span.0;
                index.turns.push(TurnInfo {
                    line,
                    start: (base + turn.span.0) as u32,
                    end: (base + turn.span.1) as u32,
                    label: turn.label.map(|(a, b)| ((base + a) as u32, (base + b) as u32)),
                    speakers: speakers.into_boxed_slice(),
                    named,
                });
            }
            index.text.push_str(&transcript.text);
            index.text.push('\n');
            index.files.push(SourceFileInfo {
                name: transcript.name,
                start: base as u32,
                end: (base + transcript.text.len()) as u32,
            });
        }
        index.build_postings();
        // Each label under every run of its last words, for matching names.
        for (k, label) in index.label_keys.iter().enumerate() {
            for from in 0..label.len() {
                index
                    .label_suffixes
                    .entry(label[from..].join(" "))
                    .or_default()
                    .push(k as u32);
            }
            if let [word] = label.as_slice() {
                index.single_word_labels.entry(word.clone()).or_default().push(k as u32);
            }
        }
        index
    }

    /// Two passes over the turns: intern each word and count each pair of
    /// neighbouring words by bucket, then place each pair's offset.
    fn build_postings(&mut self) {
        let words_total: usize = self.turns.iter().map(|t| (t.end - t.start) as usize / 6).sum();
        // About four pairs per bucket: a collision only makes a list longer,
        // the alignment sorts it out.
        self.bucket_bits = (words_total / 4)
            .max(1)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(4, 26);
        let buckets = 1usize << self.bucket_bits;
        let mut counts: Vec<u32> = vec![0; buckets];
        let mut buf = String::new();
        let mut words = 0usize;
        for turn in &self.turns {
            let text = &self.text[turn.start as usize..turn.end as usize];
            let mut previous: Option<u32> = None;
            for (a, b) in words::words(text) {
                let key = words::key_into(&text[a..b], &mut buf);
                let id = match self.vocabulary.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = self.vocabulary.len() as u32;
                        self.vocabulary.insert(key.into(), id);
                        id
                    }
                };
                words += 1;
                if let Some(p) = previous {
                    counts[self.bucket(p, id)] += 1;
                }
                previous = Some(id);
            }
        }
        self.words = words;
        // `counts` becomes each bucket's start, then serves as its fill cursor
        // (ending at the next bucket's start), and is shifted back at the end.
        let mut starts = counts;
        let mut total = 0u32;
        for slot in starts.iter_mut() {
            let count = *slot;
            *slot = total;
            total += count;
        }
        starts.push(total);
        let fill = &mut starts;
        let mut postings = vec![0u32; total as usize];
        for turn in &self.turns {
            let text = &self.text[turn.start as usize..turn.end as usize];
            let mut previous: Option<(u32, u32)> = None;
            for (a, b) in words::words(text) {
                let id = self.vocabulary[words::key_into(&text[a..b], &mut buf)];
                let at = turn.start + a as u32;
                if let Some((p, p_at)) = previous {
                    let bucket = self.bucket(p, id);
                    postings[fill[bucket] as usize] = p_at;
                    fill[bucket] += 1;
                }
                previous = Some((id, at));
            }
        }
        // Each cursor now stands at its bucket's end: shift them back by one.
        starts.copy_within(0..buckets, 1);
        starts[0] = 0;
        self.posting_starts = starts;
        self.postings = postings;
        self.vocabulary.shrink_to_fit();
    }

    /// The bucket of the pair of words `a b`.
    fn bucket(&self, a: u32, b: u32) -> usize {
        let pair = (u64::from(a) << 32) | u64::from(b);
        (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bucket_bits)) as usize
    }

    /// Whether nothing was indexed.
    pub fn is_empty(&self) -> bool {
        self.turns.is_empty()
    }

    /// The indexed source files.
    pub fn files(&self) -> &[SourceFileInfo] {
        &self.files
    }

    /// How many words are indexed.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// Bytes of source text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

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

    /// The turn holding offset `at`.
    fn turn_at(&self, at: u32) -> Option<usize> {
        let i = self.turns.partition_point(|t| t.start <= at).checked_sub(1)?;
        (at < self.turns[i].end).then_some(i)
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

    /// The file, 1-based line, and text of a stretch of the index.
    pub fn place(&self, start: u32, end: u32) -> Place<'_> {
        let file_no = self.files.partition_point(|f| f.start <= start).saturating_sub(1);
        let file = &self.files[file_no];
        // Count lines from the start of the turn, whose line is known.
        let (from, first_line) = match self.turn_at(start) {
            Some(t) => (self.turns[t].start, self.turns[t].line as usize),
            None => (file.start, 1),
        };
        let before = &self.text.as_bytes()[from as usize..start as usize];
        let line = memchr::memchr_iter(b'\n', before).count() + first_line;
        Place {
            file: &file.name,
            line,
            text: &self.text[start as usize..end as usize],
        }
    }

    /// Who speaks in turn `t`: the registry entry, or the label as written.
    pub fn turn_speaker(&self, t: usize) -> TurnSpeaker<'_> {
        let turn = &self.turns[t];
        TurnSpeaker {
            registry: turn.speakers.iter().map(|&s| s as usize).collect(),
            label: turn.label.map(|(a, b)| &self.text[a as usize..b as usize]),
        }
    }

    /// The files none of whose turns is anybody's known words (an unlabelled
    /// transcript given only with `--sources`).
    pub fn unused_files(&self) -> Vec<&str> {
        let mut used = vec![false; self.files.len()];
        for turn in &self.turns {
            let file = self.files.partition_point(|f| f.start <= turn.start).saturating_sub(1);
            used[file] = true;
        }
        self.files
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(f, _)| f.name.as_str())
            .collect()
    }

    /// The file name of file number `f`.
    pub fn file_name(&self, f: u32) -> &str {
        &self.files[f as usize].name
    }
}

/// Where a stretch of source is.
#[derive(Clone, Copy, Debug)]
pub struct Place<'i> {
    pub file: &'i str,
    pub line: usize,
    pub text: &'i str,
}

/// Who speaks in a turn.
#[derive(Clone, Debug)]
pub struct TurnSpeaker<'i> {
    pub registry: Vec<usize>,
    pub label: Option<&'i str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(name: &str, aliases: &[&str]) -> SpeakerEntry {
        SpeakerEntry {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            role: None,
            affiliation: None,
            sources: Vec::new(),
            allow: Vec::new(),
        }
    }

    fn index_of(text: &str, owners: Vec<usize>) -> SourceIndex {
        index(text, owners)
    }

    fn index(text: &str, owners: Vec<usize>) -> SourceIndex {
        let registry = [speaker("Olu Adeyemi", &["Adeyemi"]), speaker("Mara Voss", &[])];
        SourceIndex::build(
            vec![Transcript {
                name: "t.txt".to_string(),
                text: text.to_string(),
                owners,
            }],
            &registry,
        )
    }

    fn search(index: &SourceIndex, quote: &str, who: Who<'_>) -> (Option<u32>, Option<u32>) {
        let pieces = words::pattern(quote, (0, quote.len()));
        let items = index.items(quote, &pieces);
        let (own, other) = index.search(&items, quote.len(), who);
        (own.map(|f| f.alignment.cost), other.map(|f| f.alignment.cost))
    }

    const ADEYEMI: Who = Who {
        registry: Some(0),
        name: "Olu Adeyemi",
    };

    #[test]
    fn labelled_turns_belong_to_their_speakers() {
        let text = "Briefing, Harbour Hall\n\nMINISTER OLU ADEYEMI: We will not raise ferry fares this year.\n\
                    MARA VOSS: The ferry fares will rise in the spring.\nREPORTER: Is that a promise?\n";
        let index = index(text, vec![0]);
        assert_eq!(
            search(&index, "we will not raise ferry fares", ADEYEMI),
            (Some(0), None)
        );
        let (own, other) = search(&index, "The ferry fares will rise in the spring", ADEYEMI);
        assert_eq!(other, Some(0));
        assert!(own.is_none_or(|cost| cost > 0));
        let (_, other) = search(&index, "Is that a promise?", ADEYEMI);
        assert_eq!(other, Some(0));
        // The preamble is nobody's words.
        assert_eq!(search(&index, "Briefing, Harbour Hall", ADEYEMI), (None, None));
    }

    #[test]
    fn unlabelled_sources_are_their_owners_words() {
        let index = index("We will pay for the pier ourselves.", vec![1]);
        let voss = Who {
            registry: Some(1),
            name: "Mara Voss",
        };
        assert_eq!(search(&index, "We will pay for the pier", voss), (Some(0), None));
        assert_eq!(search(&index, "We will pay for the pier", ADEYEMI).1, Some(0));
        assert_eq!(index.files_of(voss), vec![0]);
        assert!(index.files_of(ADEYEMI).is_empty());
    }

    #[test]
    fn answers_are_the_owners_and_questions_are_not() {
        let index = index("Q: Will you resign?\nA: I will not resign today.\n", vec![0]);

        assert_eq!(search(&index, "I will not resign", ADEYEMI), (Some(0), None));
        assert_eq!(search(&index, "Will you resign", ADEYEMI).1, Some(0));
    }

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

    #[test]
    fn places_report_file_and_line() {
        let index = index("Line one.\nADEYEMI: Line two is here.\n", vec![0]);
        let offset = index.text.find("two").unwrap() as u32;
        let place = index.place(offset, offset + 3);
        assert_eq!((place.file, place.line, place.text), ("t.txt", 2, "two"));
    }
}
