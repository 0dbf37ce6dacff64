//! The checks: one file per check, each a unit struct declared with
//! [`declare_check!`] whose doc comment is its documentation (`attrib explain`).
//!
//! A check reads the analysed document through [`Context`] and pushes
//! [`Finding`]s; it never rescans the text.

use crate::finding::Finding;
use crate::rules::Severity;
use crate::rules::{Lexicon, RuleSet};
use crate::text::BlockKinds;
use crate::verify::SourceIndex;
use crate::Analysis;

/// What every check declares about itself.
#[derive(Debug)]
pub struct CheckInfo {
    /// The stable kebab-case code.
    pub code: &'static str,
    pub default_severity: Severity,
    /// One line: what it flags.
    pub summary: &'static str,
    /// The block kinds its findings stand in ([`BlockKinds`]); a finding whose
    /// span starts in any other kind is dropped (`run_all`). Most checks are
    /// for body copy ([`BlockKinds::BODY`], the default): a headline or
    /// standfirst names people by surname, compresses attribution ("Mayor
    /// Calls for …") and states its story without a source, all by
    /// convention; a dateline, byline, caption, link list or boilerplate
    /// line is no claim and has no speaker. A check that holds wherever the
    /// outlet's text quotes someone (an unbalanced quote, a misquote)
    /// declares `in_headings: true`, read as [`BlockKinds::QUOTED`], or
    /// names its kinds with `blocks: BlockKinds::…`.
    pub blocks: BlockKinds,
    /// Markdown: What it does / Why is this bad? / Example / Use instead / Known limitations.
    pub docs: &'static str,
}

impl CheckInfo {
    /// The documentation with the one leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// What a check can read.
pub struct Context<'a, 's> {
    pub analysis: &'a Analysis<'s>,
    pub rules: &'a RuleSet,
    pub lexicon: &'a Lexicon,
    /// The speakers' source transcripts, when the run has any (quote verification).
    pub sources: Option<&'a SourceIndex>,
    /// The severity this run uses for the check (defaults overridden by rules).
    pub severity: Severity,
}

/// A check over an analysed document.
pub trait Check: Sync {
    fn info(&self) -> &'static CheckInfo;
    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>);
}

/// Declare a check: a unit struct whose doc comment becomes its [`CheckInfo`].
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal
            $(, in_headings: $in_headings:literal)?
            $(, blocks: $blocks:expr)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const INFO: $crate::checks::CheckInfo = $crate::checks::CheckInfo {
                code: $code,
                default_severity: $crate::rules::Severity::$severity,
                summary: $summary,
                blocks: {
                    #[allow(unused_mut, unused_assignments)]
                    let mut kinds = $crate::text::BlockKinds::BODY;
                    $(if $in_headings {
                        kinds = $crate::text::BlockKinds::QUOTED;
                    })?
                    $(kinds = $blocks;)?
                    kinds
                },
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub mod affiliation_mismatch;
pub mod anonymous_source;
pub mod detached_attribution;
pub mod duplicate_passage;
pub mod late_full_name;
pub mod loaded_verb;
pub mod misquote;
pub mod missing_affiliation;
pub mod name_inconsistent;
pub mod secondhand_source;
mod source_position;
pub mod unattributed_quote;
pub mod unbalanced_quote;
pub mod unknown_speaker;
pub mod unsupported_claim;
pub mod unverified_quote;
pub mod vague_source;
pub mod wrong_speaker;

/// Every built-in check, sorted by code.
pub static ALL: &[&dyn Check] = &[
    &affiliation_mismatch::AffiliationMismatch,
    &anonymous_source::AnonymousSource,
    &detached_attribution::DetachedAttribution,
    &duplicate_passage::DuplicatePassage,
    &late_full_name::LateFullName,
    &loaded_verb::LoadedVerb,
    &misquote::Misquote,
    &missing_affiliation::MissingAffiliation,
    &name_inconsistent::NameInconsistent,
    &secondhand_source::SecondhandSource,
    &unattributed_quote::UnattributedQuote,
    &unbalanced_quote::UnbalancedQuote,
    &unknown_speaker::UnknownSpeaker,
    &unsupported_claim::UnsupportedClaim,
    &unverified_quote::UnverifiedQuote,
    &vague_source::VagueSource,
    &wrong_speaker::WrongSpeaker,
];

/// The info of a built-in check by code.
pub fn info(code: &str) -> Option<&'static CheckInfo> {
    ALL.iter().map(|c| c.info()).find(|i| i.code == code)
}

/// The known code closest to a misspelt one, for "did you mean".
pub fn closest_code(code: &str) -> Option<&'static str> {
    ALL.iter()
        .map(|c| c.info().code)
        .map(|known| (strsim::levenshtein(code, known), known))
        .filter(|&(distance, _)| distance <= 3)
        .min()
        .map(|(_, known)| known)
}

/// Whether an attribution's content is a noun phrase, the thing the verb acts
/// on ("announced a review of mine inspections", "denied any dishonesty"),
/// rather than a statement (a clause or a quotation). Saying and telling
/// verbs always report a statement. Without a parser, a clause is recognised
/// by what it needs and a noun phrase lacks: a form of "be", an auxiliary or
/// modal, a subject pronoun, or a reporting verb or past-tense "-ed" word not
/// straight after a determiner ("the combined company", "the charges" are
/// noun phrases). A noun phrase of more than three words must open with a
/// determiner, and none opens with a preposition ("admitted to reporters").
pub(crate) fn content_is_a_thing(
    analysis: &Analysis<'_>,
    lexicon: &Lexicon,
    a: &crate::attribution::Attribution,
) -> bool {
    const BARE_NOUN_PHRASE_WORDS: usize = 3;
    let doc = &analysis.document;
    let (Some(cue), None) = (a.cue, a.quote) else {
        return false;
    };
    if a.kind != crate::attribution::AttributionKind::Indirect || cue.class == crate::rules::VerbClass::Neutral {
        return false;
    }
    // The object follows the verb. A content found before the verb ("said
    // the cheques were signed but denied any wrongdoing") belongs to another
    // verb, and no content at all means the grammar kept none ("denied the
    // charges"); the object is then what follows, up to the end of the sentence.
    let given = a
        .content
        .filter(|c| c.start >= cue.span.end && !doc.slice(*c).trim().is_empty());
    let object = if let Some(content) = given {
        doc.slice(content)
    } else {
        let sentence_end = doc.sentences[a.sentence].span.end;
        let after = doc.text[cue.span.end..sentence_end]
            .trim()
            .trim_end_matches(['.', '!', '?']);
        // "…, the club announced on Monday": a time phrase is no object.
        let only_time = after.split_whitespace().all(|w| {
            lexicon
                .time_words
                .contains(w.trim_matches(|c: char| !c.is_alphanumeric()))
        });
        if only_time {
            return false;
        }
        after
    };
    let words: Vec<&str> = object
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if lexicon.prepositions.contains(first)
        || words.len() > BARE_NOUN_PHRASE_WORDS && !lexicon.determiners.contains(first)
    {
        return false;
    }
    let clause_word = |i: usize, w: &str| {
        let info = lexicon.word(w);
        // After a determiner a verb-like word is a noun or an adjective:
        // "the charges", "the combined company".
        let after_determiner = i > 0 && lexicon.determiners.contains(words[i - 1]);
        let past_tense = w.len() > 4 && w.ends_with("ed") && !after_determiner;
        let reporting_verb = info.verb_class().is_some() && !after_determiner;
        info.is_in(&lexicon.be_verbs)
            || info.is_in(&lexicon.auxiliaries)
            || info.is_in(&lexicon.pronouns_singular)
            || info.is_in(&lexicon.pronouns_plural)
            || info.is_in(&lexicon.pronouns_neuter)
            || matches!(w, "I" | "we" | "We")
            || reporting_verb
            || past_tense
    };
    !words.iter().enumerate().any(|(i, w)| clause_word(i, w))
}

/// Run every enabled check over an analysis.
pub fn run_all(
    analysis: &Analysis<'_>,
    rules: &RuleSet,
    lexicon: &Lexicon,
    sources: Option<&SourceIndex>,
    out: &mut Vec<Finding>,
) {
    for check in ALL {
        let info = check.info();
        let Some(severity) = rules.severity_of(info.code, info.default_severity) else {
            continue;
        };
        let ctx = Context {
            analysis,
            rules,
            lexicon,
            sources,
            severity,
        };
        let first = out.len();
        check.run(&ctx, out);
        drop_findings_outside(&analysis.document, info.blocks, out, first);
    }
}

/// Remove the findings from `first` on whose span starts in a block kind
/// not in `kinds` (the check's declaration), keeping the order of the rest.
/// A finding between paragraphs is kept, and one that runs on from the
/// dateline into the copy (a sentence opening the story) is the copy's.
fn drop_findings_outside(doc: &crate::Document<'_>, kinds: BlockKinds, out: &mut Vec<Finding>, first: usize) {
    let outside = |f: &Finding| doc.kind_of(f.span).is_some_and(|k| !kinds.contains(k));
    let mut kept = first;
    for i in first..out.len() {
        if !outside(&out[i]) {
            out.swap(kept, i);
            kept += 1;
        }
    }
    out.truncate(kept);
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the tests beside each check.
    use crate::finding::Finding;
    use crate::rules::RuleSet;
    use crate::Engine;

    /// Findings of one code on a text, with the default rules plus `extra_yaml`.
    #[track_caller]
    pub fn findings_with(code: &str, text: &str, extra_yaml: &str) -> Vec<(String, String)> {
        let mut rules = RuleSet::defaults();
        if !extra_yaml.is_empty() {
            let file = crate::rules::parse_rule_file("test.yaml", extra_yaml).expect("test rules parse");
            rules.merge("test.yaml", file);
        }
        // Inline sources (`sources: [{text: …}]`) are indexed; paths would be read from the working folder.
        let (engine, errors) = Engine::new(rules).with_sources(&[]);
        assert!(errors.is_empty(), "test sources: {errors:?}");
        let source = crate::SourceFile::new("test.txt", text, crate::InputFormat::Plain);
        engine
            .check(&source)
            .into_iter()
            .filter(|f: &Finding| f.code == code)
            .map(|f| (f.span.slice(text).to_string(), f.message))
            .collect()
    }

    /// The flagged texts of one code.
    #[track_caller]
    pub fn flagged(code: &str, text: &str) -> Vec<String> {
        findings_with(code, text, "").into_iter().map(|(t, _)| t).collect()
    }

    #[track_caller]
    pub fn assert_flags(code: &str, text: &str, expected: &[&str]) {
        assert_eq!(flagged(code, text), expected, "{code} on: {text}");
    }

    #[track_caller]
    pub fn assert_clean(code: &str, text: &str) {
        assert_eq!(flagged(code, text), Vec::<String>::new(), "{code} on: {text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_documented() {
        let codes: Vec<&str> = ALL.iter().map(|c| c.info().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
        for check in ALL {
            let docs = check.info().documentation();
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## Known limitations",
            ] {
                assert!(docs.contains(heading), "{} lacks {heading}", check.info().code);
            }
        }
    }

    #[test]
    fn checks_run_in_the_block_kinds_they_declare() {
        use test_support::flagged;
        let lede = "TULL, Kestrel Isles — The ferry to Tull will run all winter, Mayor Ines Corbo said on Friday.";
        let body = "Experts say the boats are safe in a storm.";
        // In body copy, the vague source is flagged.
        let text = format!("Tull Ferry Will Run All Winter\n\n{lede}\n\n{body}\n\nThe board meets in May.");
        assert_eq!(flagged("vague-source", &text), ["Experts"]);
        // The same words in the standfirst, a caption's line or a reader
        // call-out are not claims of the story.
        for (place, line) in [
            (
                "standfirst",
                "Tull ferry to run all winter; \nExperts say the boats are safe in a storm.",
            ),
            (
                "caption",
                "Tull Ferry Will Run All Winter\n\nExperts say the boats are safe. (Photo: Ada Quill)",
            ),
            (
                "boilerplate",
                "Tull Ferry Will Run All Winter\n\nExperts say you should sign up. Follow us on Twitter @tullnews.",
            ),
        ] {
            let text = format!("{line}\n\n{lede}\n\nThe board meets in May.\n\nFares stay as they are.");
            assert_eq!(flagged("vague-source", &text), Vec::<String>::new(), "{place}");
        }
        // A finding on a sentence that opens with the dateline is the copy's.
        let text = "Tull Parking Rules Change\n\nTULL, Kestrel Isles — The new parking rules will be a disaster for the old town.\n\nThe board meets in May.";
        assert_eq!(
            flagged("unsupported-claim", text),
            ["TULL, Kestrel Isles — The new parking rules will be a disaster for the old town."]
        );
        // An unbalanced quote stands wherever the outlet's text quotes: the
        // standfirst too, but not a dateline's words.
        let text = format!("Tull ferry to run all winter; \nCorbo calls the service “a lifeline.\n\n{lede}\n\n{body}");
        assert_eq!(flagged("unbalanced-quote", &text).len(), 1);
        assert_eq!(misquote::Misquote::INFO.blocks, BlockKinds::QUOTED);
        assert_eq!(vague_source::VagueSource::INFO.blocks, BlockKinds::BODY);
    }

    #[test]
    fn misspelt_codes_find_their_neighbour() {
        assert_eq!(closest_code("vague-sources"), Some("vague-source"));
        assert_eq!(closest_code("zzz"), None);
    }
}
