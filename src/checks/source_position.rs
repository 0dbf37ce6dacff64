//! Where a speaker phrase stands in its sentence, for the checks of unnamed
//! sources (anonymous-source, vague-source): a phrase is a source only
//! where a source can stand, and a group with a proper-noun qualifier is an
//! identifiable body, not a vague one.

use crate::attribution::Attribution;
use crate::rules::Lexicon;
use crate::Document;

/// Whether the phrase stands where a source stands: after its cue ("…,
/// said one aide"), or before it at the start of a clause (the sentence's
/// start, a comma or a conjunction before it), or as the agent of a passive
/// ("is seen as the favourite by analysts"). A phrase after another word
/// is that word's object or complement, not someone whose words are
/// reported ("help people understand", "requiring candidates to disclose",
/// "angered leaders", "whether someone made the image"). A phrase right
/// after a named person and a comma is an appositive describing them
/// ("Ivo Marsh, a tech staffer at the ministry, told …"): they are named.
pub(super) fn in_a_source_position(doc: &Document<'_>, lexicon: &Lexicon, a: &Attribution) -> bool {
    let speaker = a.speaker.span;
    // Inverted, with what it reports starting before the cue ("“…,” said one
    // aide", "X is seen as … by analysts"); a verb before the phrase with
    // nothing reported before it governs the phrase instead ("angered leaders").
    if let Some(cue) = a.cue.filter(|cue| cue.span.end <= speaker.start) {
        return a.content.is_some_and(|content| content.start < cue.span.start);
    }
    let sentence_start = doc.sentences[a.sentence].span.start;
    let before = doc.text[sentence_start..speaker.start.max(sentence_start)].trim_end();
    let mut words = before.rsplit(|c: char| c.is_whitespace());
    let Some(last) = words.next().filter(|w| !w.is_empty()) else {
        return true;
    };
    if let Some(previous) = last.strip_suffix(',') {
        // An appositive of a name: two capitalised words before the comma.
        let named = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !lexicon.not_names.contains(w);
        let appositive = !previous.is_empty() && named(previous) && words.next().is_some_and(named);
        return !appositive;
    }
    if last.ends_with(|c: char| !c.is_alphanumeric()) {
        return true;
    }
    lexicon.clause_openers.contains(last)
        || lexicon.conjunctions.contains(last)
        || crate::rules::lexicon::with_ascii_lowercase(last, |last| {
            matches!(
                last,
                "that"
                    | "because"
                    | "though"
                    | "although"
                    | "even"
                    | "so"
                    | "yet"
                    | "however"
                    | "also"
                    | "now"
                    | "still"
                    | "since"
                    | "if"
            )
        })
}

/// Whether a group phrase names an identifiable body by a proper-noun
/// qualifier among the words before its head ("Senate Republican leaders",
/// "some Harwick council staff"): the reader knows whose position it is.
/// The phrase's first word does not count, because a sentence capitalises
/// it ("Political observers", "Federal investigators" stay vague), nor do
/// words after a preposition ("observers in Virginia" are not a body).
pub(super) fn names_a_body(phrase: &str, lexicon: &Lexicon) -> bool {
    phrase
        .split_whitespace()
        .take_while(|w| !lexicon.prepositions.contains(w))
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::names_a_body;
    use crate::rules::RuleSet;
    use crate::Engine;

    #[test]
    fn a_proper_noun_qualifier_names_a_body() {
        let engine = Engine::new(RuleSet::defaults());
        assert!(names_a_body("Senate Republican leaders", &engine.lexicon));
        assert!(names_a_body("some Harwick council staff", &engine.lexicon));
        assert!(!names_a_body("Some experts", &engine.lexicon));
        assert!(!names_a_body("Critics", &engine.lexicon));
        assert!(!names_a_body("Political observers in Virginia", &engine.lexicon));
    }
}
