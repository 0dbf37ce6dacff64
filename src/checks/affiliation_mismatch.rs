use super::{Check, CheckInfo, Context};
use crate::finding::Finding;

declare_check! {
    /// ## What it does
    /// Flags a speaker whose role or affiliation in the article contradicts the
    /// registry: the article says "Tomas Lindqvist, a spokesman for the port
    /// authority", the registry says he is a councillor at Valley City Council.
    ///
    /// ## Why is this bad?
    /// A wrong title or employer is a factual error about the source, and it
    /// changes how much weight the reader gives the quote.
    ///
    /// ## Example
    /// ```text
    /// Tomas Lindqvist, a spokesman for the port authority, said …
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Tomas Lindqvist, a councillor at Valley City Council, said …
    /// ```
    ///
    /// ## Known limitations
    /// Roles and affiliations are compared word by word, ignoring case and
    /// small words: the article's text must share a content word with the
    /// registry entry's role or affiliation to agree. Synonyms ("MP" and
    /// "member of parliament") are reported as mismatches.
    pub struct AffiliationMismatch {
        code: "affiliation-mismatch",
        severity: Error,
        summary: "a role or affiliation that the registry contradicts",
        in_headings: true,
    }
}

/// Whether two descriptions share a content word (longer than three letters).
fn agree(article: &str, registry: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3)
            .map(str::to_lowercase)
            .collect()
    };
    let registry_words = words(registry);
    words(article).iter().any(|w| registry_words.contains(w))
}

impl Check for AffiliationMismatch {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let rules = ctx.rules;
        for speaker in &ctx.analysis.cast.speakers {
            let (Some(index), Some(span)) = (speaker.registry, speaker.role_span) else {
                continue;
            };
            let entry = &rules.speakers[index];
            let article = ctx.analysis.document.slice(span).to_string()
                + " "
                + speaker.affiliation.as_deref().unwrap_or("")
                + " "
                + speaker.role.as_deref().unwrap_or("");
            let registry = format!(
                "{} {}",
                entry.role.as_deref().unwrap_or(""),
                entry.affiliation.as_deref().unwrap_or("")
            );
            if registry.trim().is_empty() || agree(&article, &registry) {
                continue;
            }
            out.push(
                Finding::new(
                    self.info().code,
                    ctx.severity,
                    span,
                    format!("The article describes {} differently from the registry", speaker.name),
                )
                .with_label("described here")
                .with_help(format!(
                    "The registry has {}: {}. Check which is right.",
                    speaker.name,
                    registry.trim()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::findings_with;

    const REGISTRY: &str =
        "speakers:\n  - name: Tomas Lindqvist\n    role: Councillor\n    affiliation: Valley City Council\n";

    #[test]
    fn flags_a_contradicting_role() {
        let text = "Tomas Lindqvist, a spokesman for the port authority, said fares would rise.";
        assert_eq!(findings_with("affiliation-mismatch", text, REGISTRY).len(), 1);
    }

    #[test]
    fn agreeing_role_passes() {
        let text = "Tomas Lindqvist, a councillor at Valley City Council, said fares would rise.";
        assert!(findings_with("affiliation-mismatch", text, REGISTRY).is_empty());
    }
}
