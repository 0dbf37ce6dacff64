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
//!
//! This file holds the index's types and what it answers about a place in the
//! sources (its file and line, its turn's speaker); `build` indexes the
//! transcripts and `search` finds and aligns a quotation in them.

mod build;
mod search;

use super::align::Alignment;
use super::words;
use rustc_hash::FxHashMap;

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

/// An alignment placed in the sources.
#[derive(Clone, Debug)]
pub struct Found {
    pub alignment: Alignment,
    pub turn: usize,
    /// Byte ranges (index text) of the source words the alignment used.
    pub source_words: Vec<(u32, u32)>,
}
impl SourceIndex {
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

    /// The turn holding offset `at`.
    fn turn_at(&self, at: u32) -> Option<usize> {
        let i = self.turns.partition_point(|t| t.start <= at).checked_sub(1)?;
        (at < self.turns[i].end).then_some(i)
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
mod test_support;

#[cfg(test)]
mod tests {
    use super::test_support::index;

    #[test]
    fn places_report_file_and_line() {
        let index = index("Line one.\nADEYEMI: Line two is here.\n", vec![0]);
        let offset = index.text.find("two").unwrap() as u32;
        let place = index.place(offset, offset + 3);
        assert_eq!((place.file, place.line, place.text), ("t.txt", 2, "two"));
    }
}
