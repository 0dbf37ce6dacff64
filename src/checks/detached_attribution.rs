use super::{Check, CheckInfo, Context};
use crate::finding::Finding;

declare_check! {
    /// ## What it does
    /// Flags an attribution clause that carries no content of its own:
    /// "Andrey Denisov, the ambassador, announced to reporters last week."
    ///
    /// ## Why is this bad?
    /// AP: attribution belongs in the same sentence as the information. A
    /// detached "X said" leaves the reader to guess which of the nearby
    /// statements X made.
    ///
    /// ## Example
    /// ```text
    /// The ministers will meet in June. Olu Adeyemi announced to reporters last week.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The ministers will meet in June, Olu Adeyemi told reporters last week.
    /// ```
    ///
    /// ## Known limitations
    /// Only attributions with no content at all are flagged; a content clause
    /// made only of a time phrase counts as no content.
    pub struct DetachedAttribution {
        code: "detached-attribution",
        severity: Info,
        summary: "an attribution clause with no content of its own",
    }
}

impl Check for DetachedAttribution {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        for a in &ctx.analysis.attributions {
            if a.content.is_some() || a.quote.is_some() {
                continue;
            }
            let Some(cue) = a.cue else { continue };
            let span = a.speaker.span.join(cue.span);
            out.push(
                Finding::new(
                    self.info().code,
                    ctx.severity,
                    span,
                    format!("“{}” says nothing: the attribution has no content", doc.slice(span)),
                )
                .with_label("attribution without a statement")
                .with_help("Join the attribution to the statement it belongs to (“…, she told reporters last week.”)."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_an_empty_attribution() {
        assert_flags(
            "detached-attribution",
            "The ministers will meet in June. Olu Adeyemi announced to reporters last week.",
            &["Olu Adeyemi announced"],
        );
    }

    #[test]
    fn attribution_with_content_passes() {
        assert_clean(
            "detached-attribution",
            "Olu Adeyemi told reporters last week that the ministers will meet in June.",
        );
    }
}
