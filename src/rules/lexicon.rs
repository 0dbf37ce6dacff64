//! The word lists of a rule set, compiled once per run: hash sets for word
//! look-ups and one Aho-Corasick automaton for every phrase list, so a
//! document's text is scanned for all cues in a single pass.

use super::{LexiconLists, VerbClass};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
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

/// A case-insensitive word set stored in lowercase.
#[derive(Debug, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    fn from_list(list: &[String]) -> Self {
        WordSet(
            list.iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    /// Whether `word` is in the set, ignoring ASCII case, without allocating
    /// for words up to 64 bytes.
    pub fn contains(&self, word: &str) -> bool {
        with_ascii_lowercase(word, |lower| self.0.contains(lower))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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
    pattern_kinds: Vec<PhraseKinds>,
    pattern_verb: Vec<Option<VerbClass>>,
    /// Reporting-verb forms, single words and phrases, by class.
    pub verbs: HashMap<String, VerbClass>,
    /// Verbs that are cues only beside a quotation ("she continued, “…”").
    pub quote_verbs: WordSet,
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
    pub time_words: WordSet,
    pub prepositions: WordSet,
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
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("lexicon automaton: patterns are plain strings");
        let titles: HashSet<String> = lists.titles.iter().map(|t| t.trim().to_string()).collect();
        let longest_title_words = titles.iter().map(|t| t.split_whitespace().count()).max().unwrap_or(1);
        Lexicon {
            automaton,
            pattern_kinds,
            pattern_verb,
            verbs,
            quote_verbs: WordSet::from_list(&lists.quote_verbs),
            vague_heads: WordSet::from_list(&lists.vague_heads),
            anonymous_heads: WordSet::from_list(&lists.anonymous_heads),
            organization_heads: WordSet::from_list(&lists.organization_heads),
            document_heads: WordSet::from_list(&lists.document_heads),
            outlet_heads: WordSet::from_list(&lists.outlet_heads),
            role_nouns: WordSet::from_list(&lists.role_nouns),
            name_particles: WordSet::from_list(&lists.name_particles),
            not_names: WordSet::from_list(&lists.not_names),
            courtesy_titles: WordSet::from_list(&lists.courtesy_titles),
            pronouns_singular: WordSet::from_list(&lists.pronouns_singular),
            pronouns_plural: WordSet::from_list(&lists.pronouns_plural),
            pronouns_neuter: WordSet::from_list(&lists.pronouns_neuter),
            titles,
            abbreviations: lists.abbreviations.iter().map(|a| a.trim().to_string()).collect(),
            longest_title_words,
            determiners: WordSet::from_list(&lists.determiners),
            auxiliaries: WordSet::from_list(&lists.auxiliaries),
            be_verbs: WordSet::from_list(&lists.be_verbs),
            object_pronouns: WordSet::from_list(&lists.object_pronouns),
            time_words: WordSet::from_list(&lists.time_words),
            prepositions: WordSet::from_list(&lists.prepositions),
        }
    }

    /// Every phrase of every list in `text`, in order of position, keeping
    /// only whole-word matches. Overlapping phrases are all reported
    /// ("experts say" and "say").
    pub fn scan(&self, text: &str, base: usize, hits: &mut Vec<PhraseHit>) {
        let bytes = text.as_bytes();
        let first = hits.len();
        for m in self.automaton.find_overlapping_iter(text) {
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

    /// The class of a reporting-verb form, ignoring ASCII case.
    pub fn verb_class(&self, form: &str) -> Option<VerbClass> {
        with_ascii_lowercase(form, |lower| self.verbs.get(lower).copied())
    }

    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns_singular.contains(word)
            || self.pronouns_plural.contains(word)
            || self.pronouns_neuter.contains(word)
    }
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
    fn word_sets_ignore_case_without_allocating() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        assert!(lexicon.anonymous_heads.contains("Officials"));
        assert_eq!(lexicon.verb_class("Said"), Some(VerbClass::Neutral));
    }
}
