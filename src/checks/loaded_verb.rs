use super::{Check, CheckInfo, Context};
use crate::finding::Finding;

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
    /// "Alleged" in a court report and "denied" answering a specific
    /// accusation are legitimate; switch the check off or reword.
    pub struct LoadedVerb {
        code: "loaded-verb",
        severity: Info,
        summary: "a reporting verb that judges the statement: claimed, admitted, insisted, revealed",
    }
}

impl Check for LoadedVerb {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        let mut seen = Vec::new();
        for a in &ctx.analysis.attributions {
            let Some(cue) = a.cue else { continue };
            if !cue.class.is_loaded() || seen.contains(&cue.span) {
                continue;
            }
            seen.push(cue.span);
            let verb = doc.slice(cue.span);
            let why = match cue.class {
                crate::rules::VerbClass::Doubting => "casts doubt on what was said",
                crate::rules::VerbClass::Culpability => "implies a confession or concession",
                crate::rules::VerbClass::Endorsing => "vouches that what was said is true",
                crate::rules::VerbClass::NonSpeech => "is not a way of speaking",
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
    fn neutral_verbs_pass() {
        assert_clean(
            "loaded-verb",
            "The mayor said the budget was balanced. She told reporters it was final.",
        );
    }
}
