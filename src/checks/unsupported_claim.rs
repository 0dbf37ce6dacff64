use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::lexicon::{PhraseHit, PhraseKind};
use crate::rules::Lexicon;
use crate::rules::VerbClass;
use crate::text::{words_at, BlockKind};
use rustc_hash::FxHashSet;

declare_check! {
    /// ## What it does
    /// Flags a sentence in the article's own voice that asserts an evaluation
    /// ("poses great jeopardy", "extremely harmful"), a prediction ("will
    /// collapse"), a causal claim, a change or a statistic, when neither the
    /// sentence nor the sentences beside it carry an attribution.
    ///
    /// ## Why is this bad?
    /// AP attributes any disputable fact it did not witness; Reuters sources
    /// every statement that is not established fact; BBC 3.2.3 attributes what
    /// cannot be corroborated. An unsourced evaluation reads as the outlet's
    /// opinion.
    ///
    /// ## Example
    /// ```text
    /// The new tram line will be a disaster for local shops.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The new tram line will hurt local shops, said Mara Voss, who chairs the traders' association.
    /// ```
    ///
    /// ## Known limitations
    /// Claim triggers come from the `contentious_labels`, `evaluative`,
    /// `boosters`, `predictions`, `causal`, `change` and `comparison` lists
    /// plus numbers with a unit or a per cent sign, and sums of money of a
    /// thousand or more (prices such as "$2.10" are not statistics); a
    /// sentence needs a contentious label ("racist", "corrupt"), or two other
    /// triggers, to be flagged. An evaluative word alone ("a landmark deal")
    /// is style an editor weighs, not a fact to source, so it is one trigger. A comparison that qualifies a figure
    /// ("at least 10", "more than $3 million") is part of the figure, and a
    /// booster ("in fact") sharpens a claim but is not one. A claim is sourced
    /// when its sentence or the one beside it names the document it rests on
    /// (`evidence_documents`: "in the poll", "campaign filings"), and an
    /// article whose writer speaks as "I" in three or more body sentences (a
    /// column, a letter, an essay) is the writer's own view and is skipped. Headlines, quotations,
    /// sentences next to an attributed sentence, sentences with a saying or
    /// telling verb outside quotation marks (an attribution the grammar could
    /// not read is still an attribution) and labelled speech in a Q&A or
    /// transcript ("A: …") are skipped; so a claim next to an unrelated
    /// "said" in the same sentence is missed. An opinion piece (first person,
    /// an opinion label near the top such as "Op-Ed", or the writer's closing
    /// tagline "Ines Barrow is a historian at …") is the writer's signed
    /// argument and is not checked; a column with none of these is still
    /// flagged heavily: switch the check off for it.
    pub struct UnsupportedClaim {
        code: "unsupported-claim",
        severity: Warning,
        summary: "an evaluation, prediction, causal claim or statistic in the article's own voice with no source",
    }
}

/// Why a sentence reads as a claim, for the message: the kind that most
/// needs a source comes first.
fn describe(hits: &[&PhraseHit]) -> &'static str {
    let has = |k| hits.iter().any(|h| h.kinds.has(k));
    if has(PhraseKind::ContentiousLabel) {
        "a contentious label"
    } else if has(PhraseKind::Prediction) {
        "a prediction"
    } else if has(PhraseKind::Causal) {
        "a causal claim"
    } else if has(PhraseKind::Evaluative) || has(PhraseKind::Booster) {
        "an evaluation"
    } else {
        "a factual claim"
    }
}

/// Words after a number that make it a magnitude ("40 million", "$2.3bn").
const MAGNITUDES: &[&str] = &["million", "billion", "trillion", "bn", "m"];

/// A statistic: a percentage ("4%", "40 per cent"), a number of millions or
/// billions, or a sum of money of at least a thousand ("$310,000", "£3bn").
/// Prices and fees ("$2.10", "£25") are facts of the story, not statistics.
fn has_statistic(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !matches!(bytes[i - 1], b'0'..=b'9' | b'.' | b','));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        let mut whole_digits = 0;
        let mut fraction = false;
        while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b',') {
            match bytes[i] {
                b'.' if i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() => fraction = true,
                b'0'..=b'9' if !fraction => whole_digits += 1,
                _ => {}
            }
            i += 1;
        }
        let rest = &sentence[i..];
        let after = rest.trim_start_matches(' ');
        let next_word = after.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
        if rest.starts_with('%') || after.starts_with("per cent") || after.starts_with("percent") {
            return true;
        }
        let magnitude = MAGNITUDES.iter().any(|m| next_word.eq_ignore_ascii_case(m));
        if magnitude && next_word.len() > 1 {
            return true;
        }
        let money = sentence[..start].trim_end_matches(' ').ends_with(['$', '£', '€']);
        if money && (magnitude || whole_digits >= 4) {
            return true;
        }
    }
    false
}

/// Whether a number follows `end` (after spaces and a currency sign): the
/// comparison before it ("at least", "more than") qualifies a figure.
fn qualifies_a_figure(text: &str, end: usize) -> bool {
    text[end..]
        .trim_start_matches(' ')
        .trim_start_matches(['$', '£', '€'])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// How many sentences before and after a claim are read for the document
/// it rests on.
const EVIDENCE_REACH: usize = 1;

/// Whether the sentence, or one beside it, names the document a claim rests
/// on (a poll, a report, filings, records: `evidence_documents`), outside
/// quotation marks: "Christie tied for fifth at 5% in the poll", or the
/// figures after "according to campaign finance records". The previous
/// sentence may end the paragraph before; the next must be in the same one.
fn names_its_evidence(lexicon: &Lexicon, doc: &Document<'_>, sentence: usize) -> bool {
    let paragraph = doc.sentences[sentence].paragraph;
    let first = sentence.saturating_sub(EVIDENCE_REACH);
    let last = (sentence + EVIDENCE_REACH).min(doc.sentences.len() - 1);
    (first..=last)
        .filter(|&n| n <= sentence || doc.sentences[n].paragraph == paragraph)
        .any(|n| {
            let span = doc.sentences[n].span;
            words_at(doc.slice(span))
                .any(|(at, word)| lexicon.evidence_documents.contains(word) && !doc.in_quote(span.start + at))
        })
}

/// How many words may stand between a linking verb and the evaluation it
/// predicates: "would be a truly disastrous".
const PREDICATE_REACH: usize = 3;

/// Whether an evaluative word is predicated of its subject, judged from
/// `before` (the sentence up to the word): a form of "be" or a linking verb
/// (`linking_verbs`) comes first, with only determiners, degree words and
/// adverbs in -ly between ("is a disastrous waste", "would be extremely
/// harmful", "proved so costly"). Punctuation between them breaks the link:
/// "is a personal — and heartfelt — tribute" describes.
fn is_predicated(lexicon: &Lexicon, before: &str) -> bool {
    let mut rest = before;
    for _ in 0..=PREDICATE_REACH {
        let trimmed = rest.trim_end_matches(' ');
        let start = trimmed
            .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
            .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
        let word = &trimmed[start..];
        if word.is_empty() || (start > 0 && !trimmed[..start].ends_with(' ')) {
            return false;
        }
        if lexicon.be_verbs.contains(word) || lexicon.linking_verbs.contains(word) || is_contracted_be(lexicon, word) {
            return true;
        }
        let between = lexicon.determiners.contains(word) || lexicon.degree_words.contains(word) || word.ends_with("ly");
        if !between {
            return false;
        }
        rest = &trimmed[..start];
    }
    false
}

/// "it’s", "that's", "they’re": a pronoun or demonstrative with "be"
/// contracted. A name's "’s" ("Vance’s") is a possessive.
fn is_contracted_be(lexicon: &Lexicon, word: &str) -> bool {
    ["'s", "’s", "'re", "’re"].iter().any(|suffix| {
        word.strip_suffix(suffix).is_some_and(|head| {
            lexicon.pronouns_singular.contains(head)
                || lexicon.pronouns_plural.contains(head)
                || lexicon.pronouns_neuter.contains(head)
                || lexicon.determiners.contains(head)
        })
    })
}

/// Whether a paragraph is labelled speech, as in a Q&A or a transcript
/// ("Q: …", "A: …", "OYELARAN: …"): the words belong to the labelled
/// speaker, not to the article's own voice. The label is a single capital
/// letter or the name (or surname) of a speaker in `speakers` (lowercase),
/// so a dateline ("LONDON: …") is not a label.
fn is_labelled_speech(paragraph: &str, speakers: &FxHashSet<String>) -> bool {
    let text = paragraph.trim_start();
    let Some((label, _)) = text.split_once(':') else {
        return false;
    };
    let label = label.trim();
    let mut chars = label.chars();
    let letter = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    letter || (label.len() <= 40 && label.starts_with(char::is_uppercase) && speakers.contains(&label.to_lowercase()))
}

impl Check for UnsupportedClaim {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        // Sentences covered by an attribution or its content. Content may
        // run over several sentences (a long quote): each range is marked by
        // +1 at its first sentence and -1 after its last, then summed, so
        // overlapping ranges cost nothing extra.
        let n = doc.sentences.len();
        let mut delta = vec![0i32; n + 1];
        for a in &analysis.attributions {
            delta[a.sentence] += 1;
            delta[a.sentence + 1] -= 1;
            let Some(content) = a.content else { continue };
            if let Some(first) = doc.sentence_at(content.start) {
                let last = doc
                    .sentence_at(content.end.saturating_sub(1))
                    .unwrap_or(first)
                    .max(first);
                delta[first] += 1;
                delta[last + 1] -= 1;
            }
        }
        let mut depth = 0;
        let attributed: Vec<bool> = delta[..n]
            .iter()
            .map(|d| {
                depth += d;
                depth > 0
            })
            .collect();
        let speakers: FxHashSet<String> = analysis
            .cast
            .speakers
            .iter()
            .filter(|sp| sp.class == SpeakerClass::Person)
            .flat_map(|sp| [sp.name.as_str(), sp.name.rsplit(' ').next().unwrap_or("")])
            .map(str::to_lowercase)
            .collect();
        let labelled: Vec<bool> = doc
            .paragraphs
            .iter()
            .map(|p| is_labelled_speech(doc.slice(p.span), &speakers))
            .collect();
        let mut hits: Vec<&PhraseHit> = Vec::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let paragraph = &doc.paragraphs[sentence.paragraph];
            if paragraph.kind != BlockKind::Body || attributed[s] || labelled[sentence.paragraph] {
                continue;
            }
            // Attribution just before or after covers the sentence (a detached
            // "X said" or a quote's follow-up).
            let neighbours = [s.checked_sub(1), Some(s + 1)];
            if neighbours
                .into_iter()
                .flatten()
                .any(|n| paragraph.sentences.contains(&n) && attributed[n])
            {
                continue;
            }
            // A saying or telling verb in the sentence's own words reports
            // someone, even where the grammar could not read the frame
            // ("…, the companies said on Monday, in a deal that …").
            let reports_someone = doc
                .hits_of(s, PhraseKind::ReportingVerb)
                .any(|h| matches!(h.verb, Some(VerbClass::Neutral | VerbClass::Medium)) && !doc.in_quote(h.span.start));
            if reports_someone {
                continue;
            }
            hits.clear();
            hits.extend(
                doc.hits_in(s)
                    .iter()
                    .filter(|h| !doc.in_quote(h.span.start))
                    .filter(|h| {
                        [
                            PhraseKind::ContentiousLabel,
                            PhraseKind::Evaluative,
                            PhraseKind::Booster,
                            PhraseKind::Prediction,
                            PhraseKind::Causal,
                            PhraseKind::Change,
                            PhraseKind::Comparison,
                        ]
                        .iter()
                        .any(|&k| h.kinds.has(k))
                    }),
            );
            let text = doc.slice(sentence.span);
            if doc.in_quote(sentence.span.start)
                && doc
                    .quote_at(sentence.span.start)
                    .is_some_and(|q| q.span().covers(sentence.span))
            {
                continue;
            }
            // "at least 10", "more than $3 million": a comparison that
            // qualifies a figure is part of the figure, not a claim of its own.
            hits.retain(|h| !(h.kinds.has(PhraseKind::Comparison) && qualifies_a_figure(&doc.text, h.span.end)));
            // A contentious label ("racist", "corrupt") is a claim on its
            // own. An evaluative word ("landmark", "stunning") is the
            // writer's style more than a fact to source, and a booster ("in
            // fact") only sharpens a claim: each is one trigger of the two.
            let strong = hits.iter().any(|h| {
                h.kinds.has(PhraseKind::ContentiousLabel)
                    || (h.kinds.has(PhraseKind::Evaluative)
                        && is_predicated(ctx.lexicon, &doc.text[sentence.span.start..h.span.start]))
            });
            let statistic = has_statistic(text);
            let triggers = hits.len() + usize::from(statistic);
            if !(strong || triggers >= 2) {
                continue;
            }
            if names_its_evidence(ctx.lexicon, doc, s) || doc.is_opinion_piece(ctx.lexicon) {
                continue;
            }
            let mut finding = Finding::new(
                self.info().code,
                ctx.severity,
                sentence.span,
                format!("The article asserts {} with no source", describe(&hits)),
            )
            .with_label("in the article's own voice, unattributed")
            .with_help(
                "Attribute the claim to a named source (“…, said …”, “according to …”), cite the data, or cut it.",
            );
            // Overlapping phrases ("at least", "least") are one piece of evidence.
            let mut shown: Vec<crate::Span> = Vec::new();
            for hit in &hits {
                if shown.len() == 3 || shown.iter().any(|s| s.overlaps(hit.span)) {
                    continue;
                }
                shown.push(hit.span);
                finding = finding.with_evidence(hit.span, "claim word");
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{has_statistic, is_labelled_speech};
    use crate::checks::test_support::{assert_clean, findings_with, flagged};
    use rustc_hash::FxHashSet;

    #[test]
    fn statistics_and_prices() {
        assert!(has_statistic("Rents rose 12% in a year."));
        assert!(has_statistic("Rents rose 12 per cent in a year."));
        assert!(has_statistic("The scheme cost $14 million."));
        assert!(has_statistic("The deal is worth $2.3bn."));
        assert!(has_statistic("He moved £310,000 between accounts."));
        assert!(has_statistic("About 40 million people use it."));
        assert!(!has_statistic("A day pass costs £25 and a coffee $2.10."));
        assert!(!has_statistic("The bus leaves at 8.15 from stop 14."));
        assert!(!has_statistic("The 3m-wide path opens in May."));
    }

    #[test]
    fn a_price_is_not_a_statistic() {
        assert_clean(
            "unsupported-claim",
            "Dunmore Council voted 7-2 on Monday to keep the ferry fare at $3.40, rejecting a plan to raise it by 50 cents.",
        );
    }

    #[test]
    fn labelled_answers_are_the_speakers_words() {
        let speakers: FxHashSet<String> = ["mirela tosh".to_string(), "tosh".to_string()].into_iter().collect();
        assert!(is_labelled_speech("A: Forty, which is more than we hoped.", &speakers));
        assert!(is_labelled_speech("TOSH: It is the only pool in town.", &speakers));
        assert!(!is_labelled_speech(
            "DUNMORE: The pool is the only one in town.",
            &speakers
        ));
        assert!(!is_labelled_speech(
            "The pool, which opened in 1974, is the only one in town: it must stay.",
            &speakers
        ));
        assert_clean(
            "unsupported-claim",
            "Q: How many swimmers come on a Sunday?\nA: Forty, which is more than I ever expected. It is the only pool in town.",
        );
    }

    #[test]
    fn flags_unsourced_evaluations() {
        assert_eq!(
            flagged(
                "unsupported-claim",
                "The new tram line will be a disaster for local shops."
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_reporting_verb_the_grammar_cannot_read_still_attributes() {
        // The trailing "the two firms said on Monday" sits between commas
        // before a further clause; the sentence is reported, not asserted.
        assert_clean(
            "unsupported-claim",
            "Dunmore Ferries will buy the Tull Line for $40 million, the two firms said on Monday, in a deal that would create the largest operator on the coast.",
        );
    }

    #[test]
    fn a_qualified_figure_is_one_trigger() {
        // "at least" and "more than" qualify the figures; nothing else claims.
        assert_clean(
            "unsupported-claim",
            "The Tull Line carried at least 400 passengers on Sunday, more than $2,000 in fares.",
        );
    }

    #[test]
    fn a_claim_beside_its_poll_is_sourced() {
        assert_clean(
            "unsupported-claim",
            "The Harwick Ledger published its poll of 600 voters on Monday. Mara Voss leads with 41%, far more than any rival has had since 1998.",
        );
        assert_eq!(
            flagged(
                "unsupported-claim",
                "Mara Voss leads with 41%, far more than any rival has had since 1998."
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_label_is_a_claim_and_an_evaluation_alone_is_style() {
        let label = findings_with(
            "unsupported-claim",
            "The harbour board is corrupt and always has been.",
            "",
        );
        assert_eq!(label.len(), 1);
        assert!(label[0].1.contains("contentious label"), "{}", label[0].1);
        assert_clean(
            "unsupported-claim",
            "Divers reached the stunning wreck off Tull Point on Monday.",
        );
    }

    #[test]
    fn an_evaluation_is_a_claim_when_predicated() {
        for predicated in [
            "The new tram line would be a disaster for local shops.",
            "The harbour scheme is a disastrous waste of public money.",
            "The cuts would be extremely harmful to the island's schools.",
            "The ferry timetable proved so chaotic that traders gave up.",
            "It’s a shocking failure of planning.",
        ] {
            assert_eq!(flagged("unsupported-claim", predicated).len(), 1, "{predicated}");
        }
        for described in [
            "Delegates signed a landmark agreement in Dunmore on Monday.",
            "Her father built an enormous warehouse on the Tull estuary.",
            "Vance’s stunning comeback began in a church hall.",
            "The album is a personal — and heartfelt — tribute to her mother.",
        ] {
            assert_clean("unsupported-claim", described);
        }
    }

    #[test]
    fn a_booster_alone_is_not_a_claim() {
        assert_clean("unsupported-claim", "The ferry was, in fact, late again on Monday.");
    }

    #[test]
    fn a_column_in_the_first_person_is_the_writers_view() {
        assert_clean(
            "unsupported-claim",
            "Why I fight the tram\n\nI grew up on the Tull estuary.\n\nMy father fished it for forty years, and I fished beside him.\n\nThe new tram line will be a disaster for local shops, and I have never been surer of anything.",
        );
    }

    #[test]
    fn attributed_and_plain_sentences_pass() {
        assert_clean(
            "unsupported-claim",
            "The tram line will be a disaster for local shops, said Mara Voss, who chairs the traders' association.",
        );
        assert_clean("unsupported-claim", "The council met on Tuesday in the town hall.");
    }
}
