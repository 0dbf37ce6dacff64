use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;

declare_check! {
    /// ## What it does
    /// When the registry is marked `strict: true`, flags a named speaker who
    /// is not in it.
    ///
    /// ## Why is this bad?
    /// A desk that keeps a registry of verified sources wants to know when a
    /// story quotes someone nobody has checked yet.
    ///
    /// ## Example
    /// ```text
    /// # attrib.yaml: strict: true, speakers: [Tomas Lindqvist]
    /// Ines Moreau, a councillor, said the vote was rigged.
    /// ```
    ///
    /// ## Use instead
    /// Verify the speaker and add them to the registry (`speakers:` with name,
    /// role and affiliation).
    ///
    /// ## Known limitations
    /// Only named people and organisations are checked, matched by name or
    /// alias; anonymous and vague sources are other checks' business.
    pub struct UnknownSpeaker {
        code: "unknown-speaker",
        severity: Info,
        summary: "a named speaker absent from a strict registry",
        in_headings: true,
    }
}

impl Check for UnknownSpeaker {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        if !ctx.rules.strict {
            return;
        }
        for speaker in &ctx.analysis.cast.speakers {
            if speaker.class != SpeakerClass::Person || speaker.registry.is_some() {
                continue;
            }
            let Some(&first) = speaker.mentions.first() else {
                continue;
            };
            out.push(
                Finding::new(
                    self.info().code,
                    ctx.severity,
                    first,
                    format!("{} is not in the speaker registry", speaker.name),
                )
                .with_label("unregistered speaker")
                .with_help(format!(
                    "Verify {} and add them to `speakers:` in the registry.",
                    speaker.name
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::findings_with;

    #[test]
    fn strict_registry_flags_strangers_only() {
        let rules = "strict: true\nspeakers:\n  - name: Tomas Lindqvist\n    role: Councillor\n";
        let text = "Tomas Lindqvist said fares would rise. Ines Moreau, a councillor, said they would not.";
        let found = findings_with("unknown-speaker", text, rules);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Ines Moreau");
        assert!(findings_with("unknown-speaker", text, "").is_empty());
    }
}
