use super::{content_is_a_thing, Check, CheckInfo, Context};
use crate::attribution::{Attribution, Cue, SpeakerClass};
use crate::finding::Finding;
use crate::rules::{Lexicon, VerbClass};
use crate::{Analysis, Span};
use rustc_hash::FxHashSet;

declare_check! {
    /// ## What it does
    /// Flags a reporting verb that judges what it reports: "claimed" and
    /// "insisted" cast doubt, "admitted" and "conceded" imply guilt,
    /// "revealed" and "noted" vouch for the content, "slammed" and "quipped"
    /// colour the tone, "smiled" cannot carry speech.
    ///
    /// ## Why is this bad?
    /// Bender et al. (OUP), the Centre for Journalism and Wikipedia's MOS:SAID:
    /// "said" is neutral and almost always right; other verbs put the writer's
    /// view into the attribution.
    ///
    /// ## Example
    /// ```text
    /// The mayor claimed the budget was balanced.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The mayor said the budget was balanced.
    /// ```
    ///
    /// ## Known limitations
    /// Only verbs that carry an attribution the grammar found are checked.
    /// Five uses are not flagged:
    /// - a denial in any construction ("denied that the fund lost money"):
    ///   it answers an accusation, and "denied" is the neutral AP word for
    ///   that (editors judged it so on real news, tests/judged/README.md);
    /// - a verb of guilt followed by the act or the accusation itself
    ///   ("admitted stealing", "admitted the error"), which is how a plea is
    ///   reported and where "said" cannot stand in for the verb; an admission
    ///   of a whole statement ("admitted that the fund lost money") is still
    ///   flagged;
    /// - an endorsing verb for a document ("the audit confirmed"), which is
    ///   how a document's conclusions are given; the verbs of finding
    ///   ("found", "shows") are neutral in rules/verbs.yaml, as they give a
    ///   study's or an inquiry's result and mostly mean something else
    ///   ("found himself", "show up");
    /// - a doubting verb that is a legal term (the `legal_context` list:
    ///   "allege") in a sentence with another legal word ("Prosecutors allege
    ///   that …", "the lawsuit alleges …"), where it is the neutral word for
    ///   an accusation not yet proved.
    /// - any of these verbs with a thing for its object rather than a
    ///   statement ("claimed a loss", "exposed the files", "maintained his
    ///   lead"): the verb is not reporting speech there. This also passes a
    ///   speech act with a noun-phrase object ("stressed the need to …").
    ///
    /// A legal report that names no legal word in the sentence ("The
    /// treasurer, they allege, …") is still flagged. The noun-phrase test is
    /// a heuristic without a parser: a clause whose only verb is a present
    /// tense ("denied the plan cuts fares") reads as a noun phrase.
    pub struct LoadedVerb {
        code: "loaded-verb",
        severity: Info,
        summary: "a reporting verb that judges the statement: claimed, admitted, insisted, revealed",
    }
}

/// Whether the content opens with a gerund: the act itself, as in a plea
/// ("denies taking $4,000", "admitted stealing the boat").
fn opens_with_gerund(content: &str) -> bool {
    let first = content.split_whitespace().next().unwrap_or("");
    first.len() > 4 && first.ends_with("ing") && first.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether the sentence of a legal-term verb ("allege") is about a court or
/// criminal case: another word of the `legal_context` list is in it.
fn in_legal_context(analysis: &Analysis<'_>, lexicon: &Lexicon, a: &Attribution, cue: Span) -> bool {
    let doc = &analysis.document;
    let verb = doc.slice(cue);
    if !lexicon.legal_context.contains(verb) {
        return false;
    }
    let sentence = doc.sentences[a.sentence].span;
    doc.slice(sentence)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case(verb))
        .any(|w| lexicon.legal_context.contains(w))
}

/// "deny", "denies", "denied", "denying".
fn is_denial(verb: &str) -> bool {
    let verb = verb.trim();
    verb.len() >= 4
        && verb[..3].eq_ignore_ascii_case("den")
        && matches!(verb.as_bytes()[3].to_ascii_lowercase(), b'y' | b'i')
}

/// Whether a judging verb is the usual, neutral choice in its construction.
fn is_conventional(analysis: &Analysis<'_>, lexicon: &Lexicon, a: &Attribution, cue: Cue) -> bool {
    let doc = &analysis.document;
    let conventional = match cue.class {
        // A plea or an answer to a specific charge: the act itself ("denies
        // taking", "admitted stealing") or the accusation as a noun phrase
        // ("denied any dishonesty", "admitted the offence").
        // A denial answers an accusation, whatever its construction ("denied
        // that he had lied"): AP and Reuters use "denied" as the neutral verb
        // for it. An admission or a concession still takes a side.
        VerbClass::Culpability => {
            is_denial(doc.slice(cue.span))
                || a.content.is_some_and(|c| opens_with_gerund(doc.slice(c)))
                || content_is_a_thing(analysis, lexicon, a)
        }
        // "Prosecutors allege that …": the legal term for an unproved accusation.
        VerbClass::Doubting => in_legal_context(analysis, lexicon, a, cue.span),
        // A document's findings: "the audit found", "the report shows".
        VerbClass::Endorsing => {
            a.speaker.class == SpeakerClass::Document
                || analysis
                    .cast
                    .get(a.speaker_id)
                    .is_some_and(|s| s.class == SpeakerClass::Document)
        }
        _ => false,
    };
    // A verb whose object is a thing, not a statement, is not reporting
    // speech there ("claimed a loss", "exposed the files", "maintained his
    // lead", "an ad that highlights the footage").
    conventional || content_is_a_thing(analysis, lexicon, a)
}

impl Check for LoadedVerb {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        let mut seen = FxHashSet::default();
        for a in &ctx.analysis.attributions {
            let Some(cue) = a.cue else { continue };
            if !cue.class.is_loaded() || is_conventional(ctx.analysis, ctx.lexicon, a, cue) || !seen.insert(cue.span) {
                continue;
            }
            let verb = doc.slice(cue.span);
            let why = match cue.class {
                VerbClass::Doubting => "casts doubt on what was said",
                VerbClass::Culpability => "implies a confession or concession",
                VerbClass::Endorsing => "vouches that what was said is true",
                VerbClass::NonSpeech => "is not a way of speaking",
                _ => "colours the tone of what was said",
            };
            out.push(
                Finding::new(self.info().code, ctx.severity, cue.span, format!("“{verb}” {why}"))
                    .with_label(format!("{} verb", cue.class.as_str()))
                    .with_help("Use “said” (or “told”, “asked”, “wrote”) and let the quote speak for itself."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_judging_verbs() {
        assert_flags(
            "loaded-verb",
            "The mayor claimed the budget was balanced.",
            &["claimed"],
        );
        assert_flags("loaded-verb", "“We lost,” the coach admitted.", &["admitted"]);
    }

    #[test]
    fn pleas_to_a_charge_pass() {
        assert_clean(
            "loaded-verb",
            "Ossian Pell, the club's former treasurer, denies taking $4,000 from its members.",
        );
        // A denial answers an accusation in any construction; an admission
        // of a statement still takes a side.
        assert_clean(
            "loaded-verb",
            "Ossian Pell, the club's former treasurer, denied that the accounts were wrong.",
        );
        assert_flags(
            "loaded-verb",
            "Ossian Pell, the club's former treasurer, admitted that the accounts were wrong.",
            &["admitted"],
        );
    }

    #[test]
    fn a_denied_accusation_passes() {
        assert_clean(
            "loaded-verb",
            "Ossian Pell's lawyer, Ruth Amadi, said her client had signed the cheques but denied any wrongdoing.",
        );
    }

    #[test]
    fn an_admitted_or_denied_thing_passes() {
        assert_clean(
            "loaded-verb",
            "Ossian Pell, the club's former treasurer, denied the charges.",
        );
        // A prepositional phrase after the verb is not its object.
        assert_flags(
            "loaded-verb",
            "The figures were wrong, Ossian Pell admitted to reporters.",
            &["admitted"],
        );
        assert_clean(
            "loaded-verb",
            "Mayor concedes budget gap\n\nThe mayor said the harbour budget was short.",
        );
    }

    #[test]
    fn alleged_in_a_court_case_passes() {
        assert_clean(
            "loaded-verb",
            "Prosecutors allege that Ossian Pell moved $4,000 from the club's account in 2022.",
        );
        assert_clean(
            "loaded-verb",
            "The lawsuit alleges that the ferry company ignored three safety warnings.",
        );
        // Outside a case, "alleged" casts doubt; "claimed" does even in court.
        assert_flags(
            "loaded-verb",
            "The mayor alleged that the budget had been padded.",
            &["alleged"],
        );
        assert_flags(
            "loaded-verb",
            "Ossian Pell claimed in court that he had never seen the accounts.",
            &["claimed"],
        );
    }

    #[test]
    fn documents_find_and_show() {
        assert_clean(
            "loaded-verb",
            "The inspection report found that the bridge needed new bearings.",
        );
        assert_clean(
            "loaded-verb",
            "Ana Ruiz, an economist at Tull University, found that fares rose faster than wages.",
        );
        assert_flags(
            "loaded-verb",
            "The engineer, Ana Ruiz, revealed that the bridge needed new bearings.",
            &["revealed"],
        );
    }

    #[test]
    fn neutral_verbs_pass() {
        assert_clean(
            "loaded-verb",
            "The mayor said the budget was balanced. She told reporters it was final.",
        );
    }

    #[test]
    fn a_verb_with_a_thing_for_its_object_is_not_reporting_speech() {
        assert_clean(
            "loaded-verb",
            "The developer claimed a loss of $9 million on the tower in 1998.",
        );
        assert_flags(
            "loaded-verb",
            "The developer claimed that the tower had lost money.",
            &["claimed"],
        );
    }
}
