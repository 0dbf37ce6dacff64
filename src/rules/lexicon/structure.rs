//! The compiled word lists of document structure (rules/structure.yaml):
//! bylines, captions, related-story labels and boilerplate. Separate from
//! the phrase scan because they are read once per short paragraph, at the
//! line's start, not over the whole text.

use crate::rules::LexiconLists;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use rustc_hash::FxHashSet as HashSet;

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
    pub opinion_labels: PhraseList,
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
    pub(super) fn compile(lists: &LexiconLists) -> Self {
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
            opinion_labels: PhraseList::new(&lists.opinion_labels),
        }
    }
}
