use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;

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
    /// `anonymity_markers`; a reason given in other words is missed. Unnamed
    /// spokespeople of a named organisation are treated like other anonymous
    /// sources.
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
        let mut seen = Vec::new();
        for a in &analysis.attributions {
            if a.speaker.class != SpeakerClass::Anonymous
                || seen.contains(&a.speaker.span)
                || doc.in_quote(a.speaker.span.start)
            {
                continue;
            }
            seen.push(a.speaker.span);
            let nearby = a.sentence..(a.sentence + 2).min(doc.sentences.len());
            let reason_given = nearby.into_iter().any(|s| {
                doc.hits_of(s, PhraseKind::AnonymityReason).next().is_some()
                    || doc
                        .hits_of(s, PhraseKind::AnonymityMarker)
                        .any(|h| doc.slice(h.span).split_whitespace().count() > 2)
            });
            if reason_given {
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
    use crate::checks::test_support::{assert_clean, assert_flags};

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
}
