use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::rules::lexicon::{PhraseHit, PhraseKind};
use crate::text::BlockKind;

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
    /// Claim triggers come from the `evaluative`, `boosters`, `predictions`,
    /// `causal`, `change` and `comparison` lists plus numbers with a unit or
    /// a per cent sign; a sentence needs an evaluation or booster, or two
    /// other triggers, to be flagged. Headlines, quotations and sentences next
    /// to an attributed sentence are skipped. Opinion columns will be flagged
    /// heavily: switch the check off for them.
    pub struct UnsupportedClaim {
        code: "unsupported-claim",
        severity: Warning,
        summary: "an evaluation, prediction, causal claim or statistic in the article's own voice with no source",
    }
}

/// Why a sentence reads as a claim, for the message.
fn describe(hits: &[&PhraseHit]) -> &'static str {
    let has = |k| hits.iter().any(|h| h.kinds.has(k));
    if has(PhraseKind::Evaluative) || has(PhraseKind::Booster) {
        "an evaluation"
    } else if has(PhraseKind::Prediction) {
        "a prediction"
    } else if has(PhraseKind::Causal) {
        "a causal claim"
    } else {
        "a factual claim"
    }
}

/// A number with a unit or per cent sign ("4%", "40 per cent", "$3bn").
fn has_statistic(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        b.is_ascii_digit() && {
            let rest = &sentence[i + 1..];
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
            rest.starts_with('%')
                || rest.starts_with(" per cent")
                || rest.starts_with(" percent")
                || rest.starts_with(" million")
                || rest.starts_with(" billion")
        }
    }) || sentence.contains(['$', '£', '€'])
}

impl Check for UnsupportedClaim {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        let mut attributed = vec![false; doc.sentences.len()];
        for a in &analysis.attributions {
            attributed[a.sentence] = true;
            if let Some(content) = a.content {
                // Content may run over several sentences (a long quote).
                if let Some(first) = doc.sentence_at(content.start) {
                    let last = doc.sentence_at(content.end.saturating_sub(1)).unwrap_or(first);
                    attributed[first..=last].iter_mut().for_each(|s| *s = true);
                }
            }
        }
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let paragraph = &doc.paragraphs[sentence.paragraph];
            if paragraph.kind == BlockKind::Heading || attributed[s] {
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
            let hits: Vec<&PhraseHit> = doc
                .hits_in(s)
                .iter()
                .filter(|h| !doc.in_quote(h.span.start))
                .filter(|h| {
                    [
                        PhraseKind::Evaluative,
                        PhraseKind::Booster,
                        PhraseKind::Prediction,
                        PhraseKind::Causal,
                        PhraseKind::Change,
                        PhraseKind::Comparison,
                    ]
                    .iter()
                    .any(|&k| h.kinds.has(k))
                })
                .collect();
            let text = doc.slice(sentence.span);
            if doc.in_quote(sentence.span.start)
                && doc
                    .quote_at(sentence.span.start)
                    .is_some_and(|q| q.span().covers(sentence.span))
            {
                continue;
            }
            let strong = hits
                .iter()
                .any(|h| h.kinds.has(PhraseKind::Evaluative) || h.kinds.has(PhraseKind::Booster));
            let statistic = has_statistic(text);
            let triggers = hits.len() + usize::from(statistic);
            if !(strong || triggers >= 2) {
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
    use crate::checks::test_support::{assert_clean, flagged};

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
    fn attributed_and_plain_sentences_pass() {
        assert_clean(
            "unsupported-claim",
            "The tram line will be a disaster for local shops, said Mara Voss, who chairs the traders' association.",
        );
        assert_clean("unsupported-claim", "The council met on Tuesday in the town hall.");
    }
}
