use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;
use crate::Span;

declare_check! {
    /// ## What it does
    /// Flags weasel attribution: a claim credited to an unnamed crowd ("experts
    /// say", "critics argue", "it is widely believed", "is viewed as … by
    /// Chinese experts").
    ///
    /// ## Why is this bad?
    /// Wikipedia's MOS:WEASEL and NPR's ethics handbook: "officials say" is not
    /// enough. The reader cannot weigh a source the article does not name,
    /// and a vague plural can hide a single voice or none.
    ///
    /// ## Example
    /// ```text
    /// Experts say the bridge is unsafe.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Two structural engineers who inspected the bridge for the council, Ana Ruiz and Tom Hale, said it is unsafe.
    /// ```
    ///
    /// ## Known limitations
    /// Phrases come from `vague_sources` and `vague_heads` in the rule set. A
    /// vague phrase that summarises sources named elsewhere in the paragraph
    /// is still flagged; switch the check off for that paragraph or rephrase.
    pub struct VagueSource {
        code: "vague-source",
        severity: Warning,
        summary: "weasel attribution: experts say, critics argue, it is widely believed",
    }
}

impl Check for VagueSource {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        let mut flagged: Vec<Span> = Vec::new();
        let mut push = |span: Span, out: &mut Vec<Finding>| {
            if flagged.iter().any(|f| f.overlaps(span)) {
                return;
            }
            flagged.push(span);
            out.push(
                Finding::new(self.info().code, ctx.severity, span, format!("Vague source: “{}”", doc.slice(span)))
                    .with_label("who, exactly?")
                    .with_help("Name the people or organisations, or describe them precisely enough to judge (“two engineers who inspected the bridge for the council”)."),
            );
        };
        for a in &analysis.attributions {
            if a.speaker.class == SpeakerClass::Vague && !doc.in_quote(a.speaker.span.start) {
                push(a.speaker.span, out);
            }
        }
        for (s, _) in doc.sentences.iter().enumerate() {
            for hit in doc.hits_of(s, PhraseKind::VagueSource) {
                // "is viewed as … by Ana Ruiz": the passive has a named agent.
                let has_agent = analysis
                    .attributions
                    .iter()
                    .any(|a| a.cue.is_some_and(|c| c.span.overlaps(hit.span)));
                if !doc.in_quote(hit.span.start) && !has_agent {
                    push(hit.span, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_weasel_attribution() {
        assert_flags("vague-source", "Experts say the bridge is unsafe.", &["Experts"]);
        assert_flags(
            "vague-source",
            "It is widely believed that the mayor will resign.",
            &["It is widely believed"],
        );
        assert_flags(
            "vague-source",
            "The bridge is viewed as unsafe by local engineers.",
            &["local engineers"],
        );
    }

    #[test]
    fn named_sources_and_quoted_speech_pass() {
        assert_clean(
            "vague-source",
            "Ana Ruiz, an engineer at the council, said the bridge is unsafe.",
        );
        assert_clean("vague-source", "“Experts say all sorts of things,” Ruiz said.");
    }
}
