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

/// Words that open an indefinite description of an unnamed source: the
/// article introduces someone ("a senior official", "one aide", "several
/// people"). A singular head with none of them is a title ("former
/// secretary of state", "Clinton supporter Ana Ruiz") or a bare surname.
const INDEFINITE: &[&str] = &[
    "a", "an", "one", "another", "some", "any", "several", "many", "few", "two", "three", "four", "five", "multiple",
    "numerous", "various", "certain", "other", "more", "most", "no", "each", "every", "someone",
];

/// Collective heads that are plural without an "s" ("people familiar with").
const PLURAL_WITHOUT_S: &[&str] = &["people", "staff", "police", "personnel", "folks", "men", "women"];

/// Whether the phrase names or titles someone rather than introducing an
/// unnamed source: a capitalised head ("Brian Baker", "Republican
/// Secretary" of State …, "Director"), or a singular head with no
/// indefinite word before it ("former secretary", "Democratic presidential
/// candidate"). A sentence-initial capitalised single word ("Officials") is
/// a name only when the article also writes it after a first name.
fn names_or_titles(doc: &crate::Document<'_>, phrase: &str, sentence_start: bool) -> bool {
    let words: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(&first), Some(&head)) = (words.first(), words.last()) else {
        return false;
    };
    let head = head.trim_end_matches(|c: char| !c.is_alphanumeric());
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let lower = |w: &str| w.to_ascii_lowercase();
    if capitalised(head) {
        if words.len() > 1 || !sentence_start {
            return true;
        }
        if INDEFINITE.contains(&lower(head).as_str()) {
            return false;
        }
        // "Baker wrote …": the surname of someone named in full before.
        let text: &str = &doc.text;
        return text.match_indices(head).any(|(at, _)| {
            let before = text[..at].trim_end_matches(' ');
            before.len() + 1 == at
                && before
                    .rsplit(|c: char| !c.is_alphabetic() && c != '.')
                    .next()
                    .is_some_and(|w| w.len() > 1 && capitalised(w))
        });
    }
    let plural = (head.ends_with('s') && !head.ends_with("ss")) || PLURAL_WITHOUT_S.contains(&lower(head).as_str());
    let indefinite = words
        .iter()
        .any(|w| INDEFINITE.contains(&lower(w).as_str()) || w.chars().all(|c| c.is_ascii_digit()));
    !plural && !indefinite && !is_definite(first)
}

/// Whether the words before the phrase make it a predicate or an
/// appositive of someone named, not a new source: a copula ("who is now a
/// senior fellow"), a definite word cut off from the phrase ("That
/// person"), or a name and an age ("Ana Ruiz, 32, a former staff member").
fn described_by_what_precedes(
    doc: &crate::Document<'_>,
    lexicon: &crate::rules::Lexicon,
    sentence: usize,
    start: usize,
    phrase: &str,
) -> bool {
    let from = doc.sentences[sentence].span.start;
    let before = &doc.text[from..start.max(from)];
    let mut words = before.split_whitespace().rev();
    let Some(last) = words.next().filter(|w| w.ends_with(char::is_alphabetic)) else {
        return age_between(before);
    };
    let last_lower = last.to_ascii_lowercase();
    // "That person": a determiner the phrase does not include.
    let bare = phrase
        .split_whitespace()
        .next()
        .is_none_or(|w| !INDEFINITE.contains(&w.to_ascii_lowercase().as_str()));
    if bare && DEFINITE.contains(&last_lower.as_str()) {
        return true;
    }
    let copula =
        |w: &str| lexicon.be_verbs.contains(w) || matches!(w, "become" | "became" | "becomes" | "remains" | "remained");
    if copula(last)
        || (matches!(last_lower.as_str(), "now" | "also" | "still") && words.clone().next().is_some_and(copula))
    {
        return true;
    }
    false
}

/// "Ana Ruiz, 32, a former staff member": an age between a name and the phrase.
fn age_between(before: &str) -> bool {
    let Some(rest) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let mut back = rest.rsplit(char::is_whitespace);
    back.next()
        .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        && back
            .next()
            .is_some_and(|w| w.ends_with(',') && w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether the phrase is the subject of a verb by which someone acts in the
/// story rather than informs ("a judge ordered", "a young man asked"): an
/// actor, not a source.
fn acts_rather_than_informs(
    doc: &crate::Document<'_>,
    lexicon: &crate::rules::Lexicon,
    a: &crate::attribution::Attribution,
) -> bool {
    a.cue.is_some_and(|cue| {
        doc.slice(cue.span)
            .split_whitespace()
            .next()
            .is_some_and(|verb| lexicon.actor_verbs.contains(verb))
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
    /// named where possible. A capitalised head ("Brian Baker", "Republican
    /// Secretary" of State …) or a singular head with no indefinite word
    /// ("former secretary of state") names or titles someone; a predicate
    /// ("who is now a senior fellow") or an appositive after a name and an
    /// age describes them; a determiner the phrase leaves out ("That
    /// person") marks a second mention; and the subject of an actor verb
    /// (`actor_verbs`: "a judge ordered", "a young man asked") acts in the
    /// story rather than informs.
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
                || names_or_titles(
                    doc,
                    doc.slice(a.speaker.span),
                    doc.text[doc.sentences[a.sentence].span.start
                        ..a.speaker.span.start.max(doc.sentences[a.sentence].span.start)]
                        .trim()
                        .is_empty(),
                )
                || described_by_what_precedes(
                    doc,
                    ctx.lexicon,
                    a.sentence,
                    a.speaker.span.start,
                    doc.slice(a.speaker.span),
                )
                || acts_rather_than_informs(doc, ctx.lexicon, a)
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

    #[test]
    fn names_and_titles_are_not_anonymous() {
        // A capitalised head names or titles someone.
        assert_clean(
            "anonymous-source",
            "Harbour board treasurer Ivo Marsh said on Monday that fares would rise. Marsh wrote to the minister on Friday.",
        );
        assert_clean(
            "anonymous-source",
            "Coastal Party Secretary of State Ada Brandt applauded the ruling.",
        );
        // A singular head with no article is a title of the person named.
        assert_clean(
            "anonymous-source",
            "The Tull mayor and former harbour master said the quay would reopen.",
        );
    }

    #[test]
    fn a_predicate_or_an_aged_appositive_describes_someone_named() {
        assert_clean(
            "anonymous-source",
            "Ossian Pell, who is now a senior fellow at the Harwick Institute, said the plan was sound.",
        );
        assert_clean(
            "anonymous-source",
            "“We will march,” said Ada Brandt, 32, a former staff member for the Tull campaign.",
        );
    }

    #[test]
    fn a_second_mention_of_one_source_is_one_finding() {
        assert_flags(
            "anonymous-source",
            "The talks have stalled, a source close to the minister said. That person said a vote was unlikely.",
            &["a source"],
        );
        assert_flags(
            "anonymous-source",
            "The quay closed before the vote, a deadline that several harbour insiders said went unnoticed.",
            &["several harbour insiders"],
        );
    }

    #[test]
    fn actors_in_the_story_are_not_sources() {
        assert_clean(
            "anonymous-source",
            "After the Tull Ferries lawsuit, a judge ordered the company to publish its accounts.",
        );
        assert_clean(
            "anonymous-source",
            "At the town hall, a young man asked the mayor why the ferry was late.",
        );
    }

    #[test]
    fn a_contracted_not_authorised_is_a_reason() {
        assert_clean(
            "anonymous-source",
            "Tull Ferries will cut sailings, according to a company official who wasn't authorized to speak publicly.",
        );
    }
}
