use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;

declare_check! {
    /// ## What it does
    /// Flags attribution through another party: "reportedly", "according to a
    /// translation by …", "quoted by …", and quotes given to another outlet
    /// ("told Al Jazeera") when that outlet is not the rule set's
    /// `publication`.
    ///
    /// ## Why is this bad?
    /// AP's crediting guidelines and the Guardian ask that material from other
    /// organisations always be credited, and NPR that "reportedly" is never
    /// enough: the article did not hear it first-hand, and the reader should
    /// know whose reporting or translation it rests on.
    ///
    /// ## Example
    /// ```text
    /// According to a translation by state media, the minister said trade would grow.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The minister said trade would grow, according to a transcript of the speech published by the ministry.
    /// ```
    ///
    /// ## Known limitations
    /// Set `publication:` in attrib.yaml so quotes given to your own outlet are
    /// not flagged. Any recipient that is not a person known to the article is
    /// taken for an outlet, so "told the committee" is flagged too.
    pub struct SecondhandSource {
        code: "secondhand-source",
        severity: Warning,
        summary: "attribution through another party: reportedly, a translation by, told another outlet",
    }
}

impl Check for SecondhandSource {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        let rules = &ctx.engine.rules;
        for (s, _) in doc.sentences.iter().enumerate() {
            for hit in doc.hits_of(s, PhraseKind::Secondhand) {
                if doc.in_quote(hit.span.start) {
                    continue;
                }
                out.push(
                    Finding::new(self.info().code, ctx.severity, hit.span, format!("Second-hand attribution: “{}”", doc.slice(hit.span)))
                        .with_label("the article relays someone else's reporting")
                        .with_help("Check the original source and cite it directly, or name whose report, translation or transcript this is."),
                );
            }
        }
        let own = rules.publication.as_deref().map(str::to_lowercase);
        for a in &analysis.attributions {
            let Some(recipient) = a.recipient else { continue };
            let name = doc.slice(recipient);
            let bare = name.trim_start_matches("the ").trim_start_matches("The ");
            let first = bare.chars().next();
            // Audiences ("reporters", "a news conference") are not outlets.
            if !first.is_some_and(char::is_uppercase) {
                continue;
            }
            let is_own = own
                .as_deref()
                .is_some_and(|own| own.trim_start_matches("the ") == bare.to_lowercase());
            let is_person = analysis
                .cast
                .speakers
                .iter()
                .any(|sp| sp.name == bare || sp.aliases.iter().any(|al| al == bare));
            if is_own || is_person {
                continue;
            }
            let tags = rules
                .outlets
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(bare) || o.aliases.iter().any(|al| al.eq_ignore_ascii_case(bare)))
                .map(|o| o.tags.join(", "));
            let speaker = analysis
                .cast
                .get(a.speaker_id)
                .map_or_else(|| doc.slice(a.speaker.span).to_string(), |sp| sp.name.clone());
            let mut message = format!("{speaker} spoke to {name}, not to this publication");
            if let Some(tags) = tags.filter(|t| !t.is_empty()) {
                message.push_str(&format!(" ({tags})"));
            }
            out.push(
                Finding::new(self.info().code, ctx.severity, recipient, message)
                    .with_label("quote given to another outlet")
                    .with_help(format!(
                        "Credit {name} clearly and, where you can, confirm the quote with {speaker} directly."
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags, findings_with};

    #[test]
    fn flags_markers_and_other_outlets() {
        assert_flags(
            "secondhand-source",
            "According to a translation by state media, the minister said trade would grow.",
            &["According to a translation by"],
        );
        assert_flags(
            "secondhand-source",
            "Lindqvist told Harbour Radio that fares would rise.",
            &["Harbour Radio"],
        );
    }

    #[test]
    fn own_publication_and_reporters_pass() {
        let own = findings_with(
            "secondhand-source",
            "Lindqvist told the Valley Courier that fares would rise.",
            "publication: The Valley Courier\n",
        );
        assert!(own.is_empty());
        assert_clean("secondhand-source", "Lindqvist told reporters that fares would rise.");
    }
}
