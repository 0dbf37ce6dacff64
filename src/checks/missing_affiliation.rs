use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;

declare_check! {
    /// ## What it does
    /// Flags a named person quoted or paraphrased whose role or affiliation
    /// the article never gives (and the registry does not know).
    ///
    /// ## Why is this bad?
    /// Reuters: identify sources by name and position. BBC: give contributors'
    /// credentials so the audience can judge their status. A name alone does
    /// not tell the reader why this person's word counts.
    ///
    /// ## Example
    /// ```text
    /// Kamila Sorenson and Ekaterina Klimenko note that the pact is unlikely.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Kamila Sorenson, a researcher at the Arctic Institute, and Ekaterina Klimenko … note that …
    /// ```
    ///
    /// ## Known limitations
    /// A role is found in an appositive, a title before the name, a possessive
    /// ("Natixis’ chief economist"), or a definite description in a sentence
    /// that names the person ("the Chinese president"); roles given in other
    /// ways are missed. Add well-known speakers to the registry with a role.
    pub struct MissingAffiliation {
        code: "missing-affiliation",
        severity: Warning,
        summary: "a named speaker whose role or affiliation is never given",
    }
}

impl Check for MissingAffiliation {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for speaker in &ctx.analysis.cast.speakers {
            if speaker.class != SpeakerClass::Person || speaker.role.is_some() || speaker.affiliation.is_some() {
                continue;
            }
            let Some(&first) = speaker.mentions.first() else {
                continue;
            };
            out.push(
                Finding::new(self.info().code, ctx.severity, first, format!("{} is quoted without a role or affiliation", speaker.name))
                    .with_label("who is this, and why should the reader trust them?")
                    .with_help(format!(
                        "Say who {} is at the first mention: “{}, a researcher at …” or a title before the name; or add the speaker to the registry with a role.",
                        speaker.name, speaker.name
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_a_name_without_credentials() {
        assert_flags(
            "missing-affiliation",
            "Kamila Sorenson said the pact was unlikely.",
            &["Kamila Sorenson"],
        );
    }

    #[test]
    fn appositives_titles_and_possessives_count() {
        assert_clean(
            "missing-affiliation",
            "Kamila Sorenson, a researcher at the Arctic Institute, said the pact was unlikely.",
        );
        assert_clean(
            "missing-affiliation",
            "Finance Minister Olu Adeyemi said the deficit had narrowed.",
        );
        assert_clean(
            "missing-affiliation",
            "Natixis’ chief economist, Alicia Garcia Herrero, said growth would slow.",
        );
    }
}
