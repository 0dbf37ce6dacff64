//! The attribution grammar: nom parsers for speaker phrases and cues, and
//! the frames that assemble them into [`Attribution`]s.
//!
//! Frames start from anchors the document already holds, so most sentences
//! cost nothing: the end of a quotation (`“…,” X said`), a reporting verb from
//! the lexicon scan (`X, the ROLE of ORG, said that …`), the phrase
//! "according to", an agentless-passive participle (`is viewed as … by
//! experts`) and a vague-source phrase (`it is widely believed`). Every parser
//! works on `&str` slices of the document text, so a slice's position is its
//! byte offset. A parse that fails means "no attribution here", never an error.
//!
//! This file holds the [`Grammar`] type and its memoised word lookups, the entry
//! point [`Grammar::attributions`] that runs the frames on each sentence's
//! anchors, and the builder that turns a parsed phrase into an [`Attribution`].
//! The rest is one file per concern, each a block of `impl Grammar` (lowest
//! first; a file imports only files above it in this list):
//!
//! - `helpers`: whitespace and comma parsers, string helpers, bounds;
//! - `words`: tokens, proper names, titles, descriptions;
//! - `speaker`: one speaker phrase; `appositive`: appositives and "and" joins;
//! - `cues`: the reporting verb and what may stand between subject and verb;
//! - `recipient`: who was told; `quotes`: facts about quotations;
//! - `content`: what a cue reports;
//! - the frames: `quote_frames`, `subject`, `joins`, `phrase_frames`, `labels`;
//! - `names`: name mentions and role descriptions for `resolve`.

mod appositive;
mod content;
mod cues;
mod helpers;
mod joins;
mod labels;
mod names;
mod phrase_frames;
mod quote_frames;
mod quotes;
mod recipient;
mod speaker;
mod subject;
mod words;

pub use quotes::is_fragment;

use super::memo::{Memo, Table};
use crate::attribution::{Attribution, AttributionKind, Cue, SpeakerClass, SpeakerPhrase};
use crate::document::Document;
use crate::rules::lexicon::{PhraseKind, WordInfo, WordSet};
use crate::rules::{Lexicon, VerbClass};
use crate::text::span::offset_in;
use crate::Span;
use helpers::{insert_sorted, overlaps_any, RECENT_IN_SENTENCE};
use phrase_frames::drop_secondhand_according_to;
use quote_frames::attribute_by_continuation;
use quotes::has_quote_close;

/// A proper name in the text, with the title written before it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct NameMention {
    pub span: Span,
    pub title: Option<Span>,
}

/// What the head noun of a description makes a speaker.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Head {
    Anonymous,
    Vague,
    Document,
    Organization,
    Outlet,
    Role,
}

/// A speaker phrase as parsed, as slices of the sentence.
#[derive(Clone, Debug)]
struct Np<'a> {
    text: &'a str,
    name: Option<&'a str>,
    role: Option<&'a str>,
    affiliation: Option<&'a str>,
    class: SpeakerClass,
    pronoun: bool,
    extent: &'a str,
}

/// The attribution grammar over one rule set's lexicon.
pub struct Grammar<'l> {
    lex: &'l Lexicon,
    /// The document being read, for the tables below.
    memo: Memo,
    /// The length of the token at an offset (0: none).
    tokens: Table<usize>,
    /// What the lexicon says about a word.
    words: Table<WordInfo>,
    /// The proper name and the description read at an offset (their length,
    /// and the description's head): every candidate subject starts with them.
    proper_names: Table<Option<usize>>,
    descriptors: Table<Option<(usize, Head)>>,
}

impl<'l> Grammar<'l> {
    pub fn new(lex: &'l Lexicon) -> Self {
        Grammar {
            lex,
            memo: Memo::default(),
            tokens: Table::default(),
            words: Table::default(),
            proper_names: Table::default(),
            descriptors: Table::default(),
        }
    }

    /// What the lexicon says about `word` (memoised for words of the document).
    #[inline]
    fn word(&self, word: &str) -> WordInfo {
        self.memo.get_or(&self.words, word, |w| self.lex.word(w))
    }

    /// Whether `word` is in `set`, ignoring ASCII case.
    #[inline]
    fn has(&self, set: &WordSet, word: &str) -> bool {
        self.word(word).is_in(set)
    }

    /// The reporting-verb class of `word`, ignoring ASCII case.
    #[inline]
    fn verb_class(&self, word: &str) -> Option<VerbClass> {
        self.word(word).verb_class()
    }

    #[inline]
    fn is_pronoun(&self, word: &str) -> bool {
        self.word(word).is_pronoun()
    }

    /// Find every attribution in a document.
    pub fn attributions(&self, doc: &Document<'_>) -> Vec<Attribution> {
        let _bound = self.memo.bind(&doc.text);
        let mut found: Vec<Attribution> = Vec::new();
        // Cues taken by a frame in the current sentence.
        let mut used_cues: Vec<Span> = Vec::new();
        let text: &str = &doc.text;
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if sentence.hits.is_empty() && !has_quote_close(doc, sentence.span) {
                continue;
            }
            used_cues.clear();
            self.quote_then_speaker(doc, s, &mut found, &mut used_cues);
            // Kept sorted so that a run-on sentence with thousands of cues
            // costs a binary search per hit, not a scan.
            used_cues.sort_unstable();
            for hit in doc.hits_in(s) {
                if hit.kinds.has(PhraseKind::ReportingVerb) && !overlaps_any(&used_cues, hit.span) {
                    let cue_text = hit.span.slice(text);
                    if cue_text.eq_ignore_ascii_case("according to") {
                        self.according_to(doc, s, hit.span, &mut found);
                    } else if !doc.in_quote(hit.span.start) {
                        let lower = cue_text.starts_with(|c: char| c.is_lowercase());
                        // "she said he expected …": a belief inside reported
                        // speech is part of that content, not a new source.
                        let nested_belief = hit.verb == Some(VerbClass::Mental)
                            && found
                                .iter()
                                .rev()
                                .take(8)
                                .any(|a| a.content.is_some_and(|c| c.covers(hit.span)));
                        if nested_belief {
                            continue;
                        }
                        if let Some(class) = hit.verb.filter(|_| lower) {
                            if self.subject_then_cue(doc, s, Cue { span: hit.span, class }, &mut found) {
                                insert_sorted(&mut used_cues, hit.span);
                            }
                        }
                    }
                }
            }
            for hit in doc.hits_in(s) {
                let quote_only = hit.kinds.has(PhraseKind::QuoteVerb) || hit.kinds.has(PhraseKind::NamingVerb);
                if !quote_only || hit.kinds.has(PhraseKind::ReportingVerb) || overlaps_any(&used_cues, hit.span) {
                    continue;
                }
                let cue_text = hit.span.slice(text);
                // "so-called": a hyphen joins the verb to a word before it.
                let hyphenated = text[..hit.span.start].ends_with('-');
                if doc.in_quote(hit.span.start) || hyphenated || !cue_text.starts_with(|c: char| c.is_lowercase()) {
                    continue;
                }
                // "Arce says she admired what she calls a “war of words”": a
                // label used by a pronoun inside reported speech is part of that
                // speech, as a belief is.
                let pronoun_before = text[sentence.span.start..hit.span.start]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| self.is_pronoun(w));
                let nested = found
                    .iter()
                    .rev()
                    .take_while(|a| a.sentence == s)
                    .take(RECENT_IN_SENTENCE)
                    .any(|a| a.content.is_some_and(|c| c.covers(hit.span)));
                if pronoun_before && nested {
                    continue;
                }
                let cue = Cue {
                    span: hit.span,
                    class: VerbClass::Neutral,
                };
                let quotation_follows = if hit.kinds.has(PhraseKind::QuoteVerb) {
                    self.quote_follows(doc, hit.span.end, sentence.span.end)
                } else {
                    self.labels_with_quote(doc, hit.span.end, sentence.span.end)
                };
                if quotation_follows && self.subject_then_cue(doc, s, cue, &mut found) {
                    insert_sorted(&mut used_cues, hit.span);
                }
            }
            for hit in doc.hits_of(s, PhraseKind::PassiveVague) {
                self.passive_by(doc, s, hit.span, &mut found);
            }
            for hit in doc.hits_of(s, PhraseKind::VagueSource) {
                let covered = found
                    .iter()
                    .rev()
                    .take_while(|a| a.sentence == s)
                    .take(RECENT_IN_SENTENCE)
                    .any(|a| {
                        a.sentence == s
                            && (a.speaker.extent.overlaps(hit.span) || a.cue.is_some_and(|c| c.span.overlaps(hit.span)))
                    });
                if !covered && !doc.in_quote(hit.span.start) {
                    self.vague_phrase(doc, s, hit.span, &mut found);
                }
            }
        }
        self.speaker_labels(doc, &mut found);
        drop_secondhand_according_to(doc, &mut found);
        attribute_by_continuation(doc, &mut found);
        found.sort_by_key(|a| {
            (
                a.speaker.span.start.min(a.content.map_or(usize::MAX, |c| c.start)),
                a.sentence,
            )
        });
        found
    }

    #[allow(clippy::too_many_arguments)]
    fn attribution(
        &self,
        doc: &Document<'_>,
        np: &Np<'_>,
        cue: Option<Cue>,
        content: Option<Span>,
        recipient: Option<&str>,
        sentence: usize,
        quote: Option<usize>,
        kind: AttributionKind,
    ) -> Attribution {
        let text: &str = &doc.text;
        let span_of = |s: &str| Span::new(offset_in(text, s), offset_in(text, s) + s.len());
        let kind = match (kind, quote) {
            (AttributionKind::Direct, Some(q)) if is_fragment(doc, &doc.quotes[q]) => AttributionKind::Partial,
            _ => kind,
        };
        Attribution {
            kind,
            speaker: SpeakerPhrase {
                span: span_of(np.text),
                name: np.name.map(span_of),
                role: np.role.map(span_of),
                affiliation: np.affiliation.map(span_of),
                class: np.class,
                pronoun: np.pronoun,
                extent: span_of(np.extent),
            },
            cue,
            content,
            recipient: recipient.map(span_of),
            sentence,
            quote,
            speaker_id: None,
        }
    }
}

#[cfg(test)]
mod test_support;

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn a_label_inside_reported_speech_is_part_of_it() {
        let a = extract("Ines Arce says she admired the crew through what she calls a “war of words.”");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].1, "says");
        let b = extract("“We are ready,” the narrator says.");
        assert_eq!(b[0].0, "the narrator");
    }
}
