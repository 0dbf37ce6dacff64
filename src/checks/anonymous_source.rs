use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;
use crate::text::words_at;
use rustc_hash::FxHashSet;

/// Words that open a definite description: the source is someone the reader
/// can already place, not a new anonymous source.
const DEFINITE: &[&str] = &[
    "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your",
];

/// Whether a source description is definite or possessive ("the official",
/// "its organisers", "Brennock's lawyers") rather than an indefinite
/// introduction ("a senior official", "two people", "officials").
fn is_definite(phrase: &str) -> bool {
    let first = phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let possessive = ["'s", "’s", "s'", "s’"].iter().any(|p| first.ends_with(p)) && first.len() > 2;
    possessive || DEFINITE.iter().any(|d| first.eq_ignore_ascii_case(d))
}

/// Whether a group's stance ("some protest leaders said …") is followed,
/// in the next two sentences, by a named person speaking: the group is
/// public, and the article names one of them; nobody was granted anonymity.
fn illustrated_by_a_named_member(analysis: &crate::Analysis<'_>, a: &crate::attribution::Attribution) -> bool {
    let doc = &analysis.document;
    let phrase = doc.slice(a.speaker.span).trim_end();
    let plural = phrase.ends_with('s') && !phrase.ends_with("ss");
    plural
        && analysis.attributions.iter().any(|other| {
            other.sentence > a.sentence
                && other.sentence <= a.sentence + 2
                && other.speaker.class == SpeakerClass::Person
        })
}

declare_check! {
    /// ## What it does
    /// Flags an unnamed source ("a senior official", "people familiar with the
    /// matter") when the article gives no reason for the anonymity in the
    /// same or the next sentence.
    ///
    /// ## Why is this bad?
    /// AP, the New York Times and NPR require the story to explain why a source
    /// was granted anonymity; Reuters calls anonymous sources the weakest
    /// sources. Without a reason the reader cannot judge the trade.
    ///
    /// ## Example
    /// ```text
    /// A senior official said the talks had stalled.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// A senior official, who spoke on condition of anonymity because the talks are confidential, said they had stalled.
    /// ```
    ///
    /// ## Known limitations
    /// A reason is recognised by the phrases in `anonymity_reasons` and
    /// `anonymity_markers`; a reason given in other words is missed. Only a
    /// source introduced with an indefinite description ("a senior official",
    /// "two people", "officials") is checked: a definite or possessive one ("the
    /// official", "the health minister", "its organisers", "the club's
    /// spokesman") refers back to a source already introduced, to a unique
    /// office-holder or to a named organisation's voice. Headlines are not
    /// checked; the story below them names or describes the source. A
    /// source stands after its cue with what it said before ("“…,” said one
    /// aide") or opens a clause; a phrase after another word is that word's
    /// object ("angered some officials"), and one right after a named person
    /// and a comma describes them. A plural group followed within two
    /// sentences by a named person speaking is taken as public. A
    /// spokesperson (`institutional_voices`: "a Treasury spokesman", "a
    /// spokeswoman for the campaign") speaks for the organisation on the
    /// record and is not flagged, though AP would still have the spokesperson
    /// named where possible.
    pub struct AnonymousSource {
        code: "anonymous-source",
        severity: Warning,
        summary: "an unnamed source with no reason given for anonymity",
    }
}

impl Check for AnonymousSource {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        let mut seen = FxHashSet::default();
        for a in &analysis.attributions {
            if a.speaker.class != SpeakerClass::Anonymous
                || doc.in_quote(a.speaker.span.start)
                || !seen.insert(a.speaker.span)
                || is_definite(doc.slice(a.speaker.span))
                || !super::source_position::in_a_source_position(doc, ctx.lexicon, a)
            {
                continue;
            }
            let nearby = a.sentence..(a.sentence + 2).min(doc.sentences.len());
            let reason_given = nearby.into_iter().any(|s| {
                doc.hits_of(s, PhraseKind::AnonymityReason).next().is_some()
                    || doc
                        .hits_of(s, PhraseKind::AnonymityMarker)
                        .any(|h| doc.slice(h.span).split_whitespace().count() > 2)
            });
            // "A spokesman said": the organisation speaks on the record.
            let institutional = words_at(doc.slice(a.speaker.span))
                .last()
                .is_some_and(|(_, head)| ctx.lexicon.institutional_voices.contains(head));
            if reason_given || institutional || illustrated_by_a_named_member(analysis, a) {
                continue;
            }
            out.push(
                Finding::new(
                    self.info().code,
                    ctx.severity,
                    a.speaker.span,
                    format!("Anonymous source “{}” with no reason for anonymity", doc.slice(a.speaker.span)),
                )
                .with_label("unnamed, and the article does not say why")
                .with_help("Name the source, or say why anonymity was granted and how the source knows (“who was in the meeting and spoke on condition of anonymity because …”)."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_definite;
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn definite_and_possessive_descriptions() {
        assert!(is_definite("the official"));
        assert!(is_definite("its organisers"));
        assert!(is_definite("Brennock's lawyers"));
        assert!(is_definite("That spokesman"));
        assert!(!is_definite("a senior official"));
        assert!(!is_definite("two people familiar with the talks"));
        assert!(!is_definite("Officials"));
    }

    #[test]
    fn definite_and_possessive_sources_pass() {
        // The speaker speaks for a named body, or is a unique office-holder.
        assert_clean(
            "anonymous-source",
            "The Dunmore Jazz Week will move indoors, its organisers said on Friday.",
        );
        assert_clean(
            "anonymous-source",
            "The transport minister said the Tull line would reopen in May.",
        );
    }

    #[test]
    fn headlines_pass() {
        assert_clean(
            "anonymous-source",
            "Former club treasurer denies taking $4,000 from members\n\nA former treasurer of the Tull Rowing Club pleaded not guilty on Friday.",
        );
    }

    #[test]
    fn flags_an_unexplained_anonymous_source() {
        assert_flags(
            "anonymous-source",
            "A senior official said the talks had stalled.",
            &["A senior official"],
        );
    }

    #[test]
    fn a_stated_reason_passes() {
        assert_clean(
            "anonymous-source",
            "A senior official, who spoke on condition of anonymity because the talks are confidential, said they had stalled.",
        );
    }

    #[test]
    fn people_acted_upon_are_not_sources() {
        assert_clean(
            "anonymous-source",
            "The new rules angered some harbour officials, and the board said it would review them.",
        );
        assert_clean(
            "anonymous-source",
            "There is no law requiring candidates to disclose their accounts, the clerk said.",
        );
    }

    #[test]
    fn an_appositive_of_a_named_person_is_not_anonymous() {
        assert_clean(
            "anonymous-source",
            "Ivo Marsh, a clerk at the port authority who told staff never to discuss the files, said little.",
        );
    }

    #[test]
    fn a_group_with_a_named_member_speaking_next_is_public() {
        assert_clean(
            "anonymous-source",
            "Some protest leaders said they would march anyway. Ada Brandt, who leads the Tull Workers' Forum, said the route was agreed.",
        );
    }

    #[test]
    fn an_inverted_anonymous_source_is_still_flagged() {
        assert_flags(
            "anonymous-source",
            "“It was a mistake,” said one senior aide.",
            &["one senior aide"],
        );
    }

    #[test]
    fn a_spokesperson_speaks_for_the_organisation_on_the_record() {
        assert_clean(
            "anonymous-source",
            "Tull Ferries will cut two sailings. A spokesman said the company would not comment on staffing.",
        );
        assert_flags(
            "anonymous-source",
            "Tull Ferries will cut two sailings, a senior official said.",
            &["a senior official"],
        );
    }
}
