//! The word lists of a rule set, compiled once per run: hash sets for word
//! look-ups and one Aho-Corasick automaton for every phrase list, so a
//! document's text is scanned for all cues in a single pass.

use super::{LexiconLists, VerbClass};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Which phrase list a scan hit comes from. A phrase may be in several.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum PhraseKind {
    ReportingVerb = 1 << 0,
    VagueSource = 1 << 1,
    PassiveVague = 1 << 2,
    AnonymityMarker = 1 << 3,
    AnonymityReason = 1 << 4,
    KnowledgeClause = 1 << 5,
    Secondhand = 1 << 6,
    Evaluative = 1 << 7,
    Booster = 1 << 8,
    Hedge = 1 << 9,
    Prediction = 1 << 10,
    Causal = 1 << 11,
    Change = 1 << 12,
    Comparison = 1 << 13,
    Generalisation = 1 << 14,
    /// A verb that reports speech only next to a quotation ("continued").
    QuoteVerb = 1 << 15,
    /// A verb that labels with a quoted name ("called the plan “a farce”").
    NamingVerb = 1 << 16,
}

/// A set of [`PhraseKind`]s.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct PhraseKinds(u32);

impl PhraseKinds {
    pub fn has(self, kind: PhraseKind) -> bool {
        self.0 & kind as u32 != 0
    }
    fn insert(&mut self, kind: PhraseKind) {
        self.0 |= kind as u32;
    }
}

/// One phrase found in the text: where, and which lists it belongs to.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct PhraseHit {
    pub span: crate::Span,
    pub kinds: PhraseKinds,
    /// The reporting-verb class, when the phrase is a reporting verb.
    pub verb: Option<VerbClass>,
}

/// What the lexicon knows about one lowercase word or phrase: the word sets
/// that hold it and, for a reporting-verb form, its class.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
struct WordEntry {
    /// One bit per [`WordSet`] (its `bit`).
    sets: u64,
    verb: Option<VerbClass>,
}

/// Every word of every word set, and every reporting-verb form, in one table.
/// One look-up answers "which lists hold this word" for every list, and the
/// pronoun and verb questions need no look-up of their own.
#[derive(Debug, Default)]
struct WordIndex {
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
    fn entry(&self, word: &str) -> WordEntry {
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
    index: std::sync::Arc<WordIndex>,
    bit: u64,
    len: usize,
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
    entry: WordEntry,
    pronouns: u64,
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
struct WordIndexBuilder {
    words: HashMap<Box<[u8]>, WordEntry>,
    sets: Vec<usize>,
}

impl WordIndexBuilder {
    fn key(word: &str) -> Option<Box<[u8]>> {
        let key = word.trim().to_lowercase();
        (!key.is_empty()).then(|| key.into_bytes().into_boxed_slice())
    }

    /// Add a word set; returns its bit.
    fn add_set(&mut self, list: &[String]) -> u64 {
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
    fn add_keys(&mut self, keys: impl IntoIterator<Item = String>) -> u64 {
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
    fn add_verb(&mut self, form: &str, class: VerbClass) {
        if let Some(key) = Self::key(form) {
            self.words.entry(key).or_default().verb.get_or_insert(class);
        }
    }

    fn build(self) -> (std::sync::Arc<WordIndex>, Vec<usize>) {
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

/// The compiled lexicon of a rule set.
#[derive(Debug)]
pub struct Lexicon {
    automaton: AhoCorasick,
    /// The same automaton as a DFA: under half the instructions per byte
    /// scanned, but some 120 M instructions (and about 6 MB) to build. It is built once [`DFA_AFTER_BYTES`] have been scanned, so
    /// that a run over a few articles does not pay for it and a run over an
    /// archive does; both find the same phrases.
    dfa: std::sync::OnceLock<AhoCorasick>,
    /// Bytes scanned so far with this lexicon, by every thread.
    scanned: std::sync::atomic::AtomicUsize,
    /// The automaton's patterns, for building the DFA.
    patterns: Vec<String>,
    pattern_kinds: Vec<PhraseKinds>,
    pattern_verb: Vec<Option<VerbClass>>,
    /// Reporting-verb forms, single words and phrases, by class.
    pub verbs: HashMap<String, VerbClass>,
    /// Verbs that are cues only beside a quotation ("she continued, “…”").
    pub quote_verbs: WordSet,
    /// The word sets below and the verb forms, for one look-up per word.
    words: std::sync::Arc<WordIndex>,
    pub vague_heads: WordSet,
    pub anonymous_heads: WordSet,
    pub organization_heads: WordSet,
    pub document_heads: WordSet,
    pub outlet_heads: WordSet,
    pub role_nouns: WordSet,
    pub name_particles: WordSet,
    pub not_names: WordSet,
    pub courtesy_titles: WordSet,
    pub pronouns_singular: WordSet,
    pub pronouns_plural: WordSet,
    pub pronouns_neuter: WordSet,
    /// Titles before a name, case-sensitive as written ("Finance Minister").
    pub titles: HashSet<String>,
    /// Abbreviations that do not end a sentence, with their dots ("Mr.", "U.S.").
    pub abbreviations: HashSet<String>,
    /// The longest title in words, to bound the title parser.
    pub longest_title_words: usize,
    pub determiners: WordSet,
    pub auxiliaries: WordSet,
    pub be_verbs: WordSet,
    pub object_pronouns: WordSet,
    /// Words that open a line-start label but name no speaker ("UPDATE:", "WATCH:").
    pub not_speaker_labels: WordSet,
    pub time_words: WordSet,
    pub prepositions: WordSet,
    /// Words of a court or criminal case ("prosecutors", "jury", "indictment").
    pub legal_context: WordSet,
    /// Verbs that are cues only before an object and a quotation ("called the plan “a farce”").
    pub naming_verbs: WordSet,
    /// Collective nouns that take a plural verb ("police say").
    pub plural_collectives: WordSet,
    /// Verbs that report what evidence shows, whose subject is never a person.
    pub evidence_verbs: WordSet,
    /// Words that open a post-modifier of a described speaker ("close", "familiar", "who").
    pub post_modifier_openers: WordSet,
    /// Words that negate a subject ("neither", "no", "nobody", "none").
    pub negators: WordSet,
    /// Words that open a clause of their own after a cue ("as", "when", "and").
    pub clause_openers: WordSet,
    /// Coordinating conjunctions.
    pub conjunctions: WordSet,
    /// Words a title or courtesy title can start with (ignoring ASCII case):
    /// the title parser gives up at once on any other word.
    pub title_starts: WordSet,
    /// The bits of the three pronoun sets.
    pronouns: u64,
    /// The words of document structure (bylines, captions, boilerplate).
    pub structure: StructureWords,
}

/// The phrase lists of document structure (rules/structure.yaml), lower case,
/// longest first so that the longest opening is the one matched. They are
/// read only on short paragraphs, once per paragraph, so plain lists do.
#[derive(Debug)]
pub struct StructureWords {
    pub byline_openers: PhraseList,
    pub byline_roles: PhraseList,
    pub caption_openers: PhraseList,
    pub credit_words: HashSet<String>,
    pub related_labels: PhraseList,
    pub boilerplate_openers: PhraseList,
    /// The boilerplate phrases, found anywhere in a line in one pass, ignoring ASCII case.
    pub boilerplate_phrases: AhoCorasick,
    pub summary_labels: PhraseList,
}

/// Lower-case phrases sorted by their bytes, so that those a text can open
/// with (the same first byte) are one range, found by binary search.
#[derive(Debug, Default)]
pub struct PhraseList {
    sorted: Vec<String>,
}

impl PhraseList {
    fn new(list: &[String]) -> Self {
        let mut sorted: Vec<String> = list
            .iter()
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        sorted.sort();
        sorted.dedup();
        PhraseList { sorted }
    }

    /// The phrases with the first byte of `text`, a phrase after the phrases
    /// it begins ("contributing:" before "contributing").
    pub fn opening<'a>(&'a self, text: &str) -> impl Iterator<Item = &'a str> + 'a {
        let range = text.as_bytes().first().map_or(0..0, |&first| {
            let start = self.sorted.partition_point(|p| p.as_bytes()[0] < first);
            let end = self.sorted.partition_point(|p| p.as_bytes()[0] <= first);
            start..end
        });
        self.sorted[range].iter().rev().map(String::as_str)
    }
}

impl StructureWords {
    fn compile(lists: &LexiconLists) -> Self {
        let sorted = |list: &[String]| {
            let mut out: Vec<String> = list
                .iter()
                .map(|p| p.trim().to_lowercase())
                .filter(|p| !p.is_empty())
                .collect();
            out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            out.dedup();
            out
        };
        StructureWords {
            byline_openers: PhraseList::new(&lists.byline_openers),
            byline_roles: PhraseList::new(&lists.byline_roles),
            caption_openers: PhraseList::new(&lists.caption_openers),
            credit_words: lists
                .credit_words
                .iter()
                .flat_map(|w| w.split_whitespace())
                .map(str::to_lowercase)
                .collect(),
            related_labels: PhraseList::new(&lists.related_labels),
            boilerplate_openers: PhraseList::new(&lists.boilerplate_openers),
            // A DFA: a few small patterns, read over every short paragraph.
            boilerplate_phrases: AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .build(sorted(&lists.boilerplate_phrases))
                .expect("structure phrases: plain strings"),
            summary_labels: PhraseList::new(&lists.summary_labels),
        }
    }
}

impl Lexicon {
    pub fn compile(lists: &LexiconLists) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut pattern_kinds: Vec<PhraseKinds> = Vec::new();
        let mut pattern_verb: Vec<Option<VerbClass>> = Vec::new();
        let mut add = |phrase: &str, kind: PhraseKind, verb: Option<VerbClass>| {
            let key = phrase.trim().to_lowercase();
            if key.is_empty() {
                return;
            }
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                pattern_kinds.push(PhraseKinds::default());
                pattern_verb.push(None);
                patterns.len() - 1
            });
            pattern_kinds[id].insert(kind);
            if verb.is_some() && pattern_verb[id].is_none() {
                pattern_verb[id] = verb;
            }
        };
        let mut verbs = HashMap::default();
        for group in &lists.reporting_verbs {
            for form in &group.forms {
                add(form, PhraseKind::ReportingVerb, Some(group.class));
                verbs.entry(form.trim().to_lowercase()).or_insert(group.class);
            }
        }
        let phrase_lists: [(&[String], PhraseKind); 16] = [
            (&lists.quote_verbs, PhraseKind::QuoteVerb),
            (&lists.naming_verbs, PhraseKind::NamingVerb),
            (&lists.vague_sources, PhraseKind::VagueSource),
            (&lists.passive_vague_verbs, PhraseKind::PassiveVague),
            (&lists.anonymity_markers, PhraseKind::AnonymityMarker),
            (&lists.anonymity_reasons, PhraseKind::AnonymityReason),
            (&lists.knowledge_clauses, PhraseKind::KnowledgeClause),
            (&lists.secondhand_markers, PhraseKind::Secondhand),
            (&lists.evaluative, PhraseKind::Evaluative),
            (&lists.boosters, PhraseKind::Booster),
            (&lists.hedges, PhraseKind::Hedge),
            (&lists.predictions, PhraseKind::Prediction),
            (&lists.causal, PhraseKind::Causal),
            (&lists.change, PhraseKind::Change),
            (&lists.comparison, PhraseKind::Comparison),
            (&lists.generalisations, PhraseKind::Generalisation),
        ];
        for (list, kind) in phrase_lists {
            for phrase in list {
                add(phrase, kind, None);
            }
        }
        let automaton = automaton_builder()
            .build(&patterns)
            .expect("lexicon automaton: patterns are plain strings");
        let titles: HashSet<String> = lists.titles.iter().map(|t| t.trim().to_string()).collect();
        let longest_title_words = titles.iter().map(|t| t.split_whitespace().count()).max().unwrap_or(1);
        let mut index = WordIndexBuilder::default();
        for group in &lists.reporting_verbs {
            for form in &group.forms {
                index.add_verb(form, group.class);
            }
        }
        let word_lists: [&[String]; 28] = [
            &lists.vague_heads,
            &lists.anonymous_heads,
            &lists.organization_heads,
            &lists.document_heads,
            &lists.outlet_heads,
            &lists.role_nouns,
            &lists.name_particles,
            &lists.not_names,
            &lists.courtesy_titles,
            &lists.pronouns_singular,
            &lists.pronouns_plural,
            &lists.pronouns_neuter,
            &lists.determiners,
            &lists.auxiliaries,
            &lists.be_verbs,
            &lists.time_words,
            &lists.prepositions,
            &lists.quote_verbs,
            &lists.object_pronouns,
            &lists.not_speaker_labels,
            &lists.legal_context,
            &lists.naming_verbs,
            &lists.plural_collectives,
            &lists.evidence_verbs,
            &lists.post_modifier_openers,
            &lists.negators,
            &lists.clause_openers,
            &lists.conjunctions,
        ];
        let mut bits: Vec<u64> = word_lists.iter().map(|list| index.add_set(list)).collect();
        // The first word of every title and courtesy title, as a look-up
        // ignoring ASCII case would see it: a title (matched case-sensitively)
        // or a courtesy title (stored in lower case) can only start with one.
        let first_word = |t: &str| t.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
        bits.push(
            index.add_keys(
                titles.iter().map(|t| first_word(t)).chain(
                    lists
                        .courtesy_titles
                        .iter()
                        .map(|t| first_word(&t.trim().to_lowercase())),
                ),
            ),
        );
        let (words, lens) = index.build();
        let set = |n: usize| WordSet {
            index: words.clone(),
            bit: bits[n],
            len: lens[n],
        };
        Lexicon {
            automaton,
            dfa: std::sync::OnceLock::new(),
            scanned: std::sync::atomic::AtomicUsize::new(0),
            patterns,
            pattern_kinds,
            pattern_verb,
            verbs,
            quote_verbs: set(17),
            vague_heads: set(0),
            anonymous_heads: set(1),
            organization_heads: set(2),
            document_heads: set(3),
            outlet_heads: set(4),
            role_nouns: set(5),
            name_particles: set(6),
            not_names: set(7),
            courtesy_titles: set(8),
            pronouns_singular: set(9),
            pronouns_plural: set(10),
            pronouns_neuter: set(11),
            titles,
            abbreviations: lists.abbreviations.iter().map(|a| a.trim().to_string()).collect(),
            longest_title_words,
            determiners: set(12),
            auxiliaries: set(13),
            be_verbs: set(14),
            time_words: set(15),
            prepositions: set(16),
            object_pronouns: set(18),
            not_speaker_labels: set(19),
            legal_context: set(20),
            naming_verbs: set(21),
            plural_collectives: set(22),
            evidence_verbs: set(23),
            post_modifier_openers: set(24),
            negators: set(25),
            clause_openers: set(26),
            conjunctions: set(27),
            title_starts: set(28),
            pronouns: set(9).bit | set(10).bit | set(11).bit,
            words,
            structure: StructureWords::compile(lists),
        }
    }

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

    /// The class of a reporting-verb form, ignoring ASCII case.
    pub fn verb_class(&self, form: &str) -> Option<VerbClass> {
        self.words.entry(form).verb
    }

    /// Everything the word sets say about `word`, ignoring ASCII case.
    pub fn word(&self, word: &str) -> WordInfo {
        WordInfo {
            entry: self.words.entry(word),
            pronouns: self.pronouns,
        }
    }

    pub fn is_pronoun(&self, word: &str) -> bool {
        self.words.entry(word).sets & self.pronouns != 0
    }
}

/// How many bytes are scanned with the NFA before the DFA is built. Building
/// it (about 120 M instructions) costs what the DFA saves on about 5 MB of
/// text (about 24 instructions a byte); past 8 MB a run comes out ahead.
const DFA_AFTER_BYTES: usize = 8 << 20;

/// The automaton's settings, for the NFA and the DFA alike.
fn automaton_builder() -> AhoCorasickBuilder {
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

    #[test]
    fn word_sets_ignore_case_without_allocating() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        assert!(lexicon.anonymous_heads.contains("Officials"));
        assert_eq!(lexicon.verb_class("Said"), Some(VerbClass::Neutral));
    }
}
