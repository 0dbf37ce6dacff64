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
    /// A role is found in an appositive or relative clause ("Chidi Okonkwo,
    /// who has organised a petition"), a title before the name (a plural
    /// title covers names joined by "and": "Local historians Maud Fenwick and
    /// Ivo Salt"), post-nominal letters ("Elspeth Grange KC"), a possessive
    /// ("Natixis’ chief economist"), a partitive set off by commas ("One of
    /// them, Lise Armand, said" after a sentence about the teachers), or a
    /// definite description in a sentence that names the person ("the
    /// Chinese president"), or a place of residence after the name ("Mariam
    /// Osei, 71, of Mill Lane": how a resident speaking for themselves is
    /// identified; an age alone is not enough); roles given in other ways are
    /// missed. Names that
    /// are organisations are not people and are not flagged: a name whose
    /// fullest form ends in an organisation noun ("Kellsby General
    /// Hospital"), and a name the article uses as the owner of a role
    /// ("Valley Water's chief executive") when nothing says it is a person.
    /// Add well-known speakers to the registry with a role.
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
    fn a_plural_title_covers_every_name_it_introduces() {
        assert_clean(
            "missing-affiliation",
            "Local historians Maud Fenwick and Ivo Salt note that the fair began indoors.",
        );
    }

    #[test]
    fn post_nominal_letters_are_a_credential() {
        assert_clean(
            "missing-affiliation",
            "Opening the case, Ruth Amadi KC told the jury that the cheques were forged. “They were signed by one hand,” Amadi said.",
        );
    }

    #[test]
    fn a_partitive_before_the_name_says_who_they_are() {
        assert_clean(
            "missing-affiliation",
            "Drivers at the depot were told of the closure on Monday. One of them, Tomas Reyes, said nobody had asked them.",
        );
    }

    #[test]
    fn organisations_are_not_people() {
        // The short form is given in full elsewhere with an organisation noun.
        assert_clean(
            "missing-affiliation",
            "Dunmore said the ward would reopen in May. Dunmore General Hospital has 40 beds.",
        );
        // A name that employs someone is an organisation.
        assert_clean(
            "missing-affiliation",
            "Tull Water's chief engineer, Ana Ruiz, said the mains were old. Tull Water said repairs would start in June.",
        );
    }

    #[test]
    fn a_resident_identified_by_place_passes() {
        assert_clean(
            "missing-affiliation",
            "“We moved here for the air,” said Ines Corbo, 71, of Mill Lane.",
        );
        assert_clean(
            "missing-affiliation",
            "Tomas Reyes, from Hollins Edge, said the buses never came.",
        );
        // An age alone does not say who someone is.
        assert_flags(
            "missing-affiliation",
            "Tomas Reyes, 54, said the buses never came.",
            &["Tomas Reyes"],
        );
    }

    #[test]
    fn a_resident_named_with_nothing_else_is_flagged() {
        assert_flags(
            "missing-affiliation",
            "The square was full by noon. “We just want the bus back,” said Ines Corbo.",
            &["Ines Corbo"],
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
