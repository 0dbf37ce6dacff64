//! The word lists of a rule set, compiled once per run: hash sets for word
//! look-ups and one Aho-Corasick automaton for every phrase list, so a
//! document's text is scanned for all cues in a single pass.
//!
//! This file holds the phrase kinds and hits, the [`Lexicon`] and its
//! compilation from the rule set's lists; `scan` runs the automaton over a
//! text (and switches to a DFA on long runs), `word_index` is the one table
//! that answers every word-set question.

mod scan;
mod structure;
mod word_index;

pub use structure::{PhraseList, StructureWords};
pub use word_index::{with_ascii_lowercase, WordInfo, WordSet};

use super::{LexiconLists, VerbClass};
use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use scan::automaton_builder;
use word_index::{WordIndex, WordIndexBuilder};

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
    /// A value-laden label or charge ("racist", "corrupt"): a claim on its own.
    ContentiousLabel = 1 << 17,
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
    /// Verbs that answer something said before ("agreed", "responded").
    pub answer_verbs: WordSet,
    /// Share nouns and number words of a poll's speaker ("percent", "half", "six").
    pub quantity_words: WordSet,
    /// Verbs whose infinitive is a decision, not a statement ("agreed to abstain").
    pub decision_verbs: WordSet,
    /// The writer's own "I" ("I", "me", "my"): outside quotations, a column's voice.
    pub pronouns_first_person: WordSet,
    /// Documents a figure or finding rests on ("poll", "filings"): naming one sources a claim.
    pub evidence_documents: WordSet,
    /// Heads of a phrase that speaks for an organisation on the record ("a spokesman").
    pub institutional_voices: WordSet,
    /// Verbs besides "be" that predicate an evaluation ("proved", "became").
    pub linking_verbs: WordSet,
    /// Parties and their members ("Republicans", "PACs"): a name ending in one is a group.
    pub party_words: WordSet,
    /// Verbs whose subject acts rather than informs ("ordered", "proposed", "chanted").
    pub actor_verbs: WordSet,
    /// Words between a linking verb and its evaluation ("so", "too", "very").
    pub degree_words: WordSet,
    /// Words a title or courtesy title can start with (ignoring ASCII case):
    /// the title parser gives up at once on any other word.
    pub title_starts: WordSet,
    /// The bits of the three pronoun sets.
    pronouns: u64,
    /// The words of document structure (bylines, captions, boilerplate).
    pub structure: StructureWords,
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
        let phrase_lists: [(&[String], PhraseKind); 17] = [
            (&lists.quote_verbs, PhraseKind::QuoteVerb),
            (&lists.naming_verbs, PhraseKind::NamingVerb),
            (&lists.vague_sources, PhraseKind::VagueSource),
            (&lists.passive_vague_verbs, PhraseKind::PassiveVague),
            (&lists.anonymity_markers, PhraseKind::AnonymityMarker),
            (&lists.anonymity_reasons, PhraseKind::AnonymityReason),
            (&lists.knowledge_clauses, PhraseKind::KnowledgeClause),
            (&lists.secondhand_markers, PhraseKind::Secondhand),
            (&lists.evaluative, PhraseKind::Evaluative),
            (&lists.contentious_labels, PhraseKind::ContentiousLabel),
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
        let word_lists: [&[String]; 38] = [
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
            &lists.answer_verbs,
            &lists.quantity_words,
            &lists.decision_verbs,
            &lists.pronouns_first_person,
            &lists.evidence_documents,
            &lists.institutional_voices,
            &lists.linking_verbs,
            &lists.degree_words,
            &lists.party_words,
            &lists.actor_verbs,
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
            answer_verbs: set(28),
            quantity_words: set(29),
            decision_verbs: set(30),
            pronouns_first_person: set(31),
            evidence_documents: set(32),
            institutional_voices: set(33),
            linking_verbs: set(34),
            degree_words: set(35),
            party_words: set(36),
            actor_verbs: set(37),
            title_starts: set(38),
            pronouns: set(9).bit | set(10).bit | set(11).bit,
            words,
            structure: StructureWords::compile(lists),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn word_sets_ignore_case_without_allocating() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        assert!(lexicon.anonymous_heads.contains("Officials"));
        assert_eq!(lexicon.verb_class("Said"), Some(VerbClass::Neutral));
    }
}
