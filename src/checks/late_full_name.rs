use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::rules::Lexicon;

declare_check! {
    /// ## What it does
    /// Flags a speaker referred to by surname (or title and surname) before
    /// the mention that gives the full name.
    ///
    /// ## Why is this bad?
    /// AP: full name on first reference, surname alone after that. A reader
    /// who meets "Xu" first does not know who Xu is until paragraphs later.
    ///
    /// ## Example
    /// ```text
    /// “Fares will rise,” Xu told reporters. … Qingdao Xu, a transport analyst, added …
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “Fares will rise,” said Qingdao Xu, a transport analyst. … Xu added …
    /// ```
    ///
    /// ## Known limitations
    /// Only speakers (people quoted or paraphrased) are checked, not every
    /// person named, but any earlier mention of a speaker counts, whether or
    /// not it is itself an attribution ("Haldane steered the crew to the
    /// title" before "Coxswain Freya Haldane said"); mentions inside quotation
    /// marks are the speaker's words and do not count. Someone else with the
    /// same surname mentioned earlier is taken for the speaker. Only a mention
    /// that is the surname alone (optionally after a title: "Sen. Xu") counts:
    /// a full name with a possessive ("Qingdao Xu’s") is already the full name,
    /// and a word that is not the speaker's surname ("Michigan" before
    /// "Michigan Attorney General Ana Ruiz", "House" before "House Speaker
    /// Ana Ruiz") is a place or an organisation, not a late surname.
    pub struct LateFullName {
        code: "late-full-name",
        severity: Info,
        summary: "a speaker referred to by surname before the full-name mention",
    }
}

impl Check for LateFullName {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        for speaker in &ctx.analysis.cast.speakers {
            if speaker.class != SpeakerClass::Person {
                continue;
            }
            let Some(full) = speaker.full_name_mention else {
                continue;
            };
            if speaker.first_mention.start >= full.start {
                continue;
            }
            let short = doc.slice(speaker.first_mention);
            if !is_bare_surname(short, &speaker.name, ctx.lexicon) {
                continue;
            }
            out.push(
                Finding::new(
                    self.info().code,
                    ctx.severity,
                    speaker.first_mention,
                    format!("“{short}” appears before the full name, {}", speaker.name),
                )
                .with_label("surname used first")
                .with_evidence(full, "the full name is given only here")
                .with_help(format!(
                    "Give the full name, {}, at the first mention and the surname after that.",
                    speaker.name
                )),
            );
        }
    }
}

/// Strips a trailing possessive ("Xu’s", "Xu's", "Reyes’") from a name.
fn without_possessive(word: &str) -> &str {
    ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word)
}

/// Whether `mention` is the surname of `full_name` alone, or a title and the
/// surname; not the full name itself, and not another word (a place, an
/// organisation, a party) that happens to open a title phrase.
fn is_bare_surname(mention: &str, full_name: &str, lexicon: &Lexicon) -> bool {
    let Some(surname) = full_name.split_whitespace().last().map(without_possessive) else {
        return false;
    };
    let mut words = mention.split_whitespace();
    let Some(last) = words.next_back().map(without_possessive) else {
        return false;
    };
    if last != surname {
        return false;
    }
    let before: Vec<&str> = words.collect();
    if before.is_empty() {
        return true;
    }
    let prefix = before.join(" ");
    lexicon.titles.contains(&prefix)
        || lexicon.courtesy_titles.contains(&prefix)
        || before.iter().all(|word| word.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_a_surname_before_the_full_name() {
        assert_flags(
            "late-full-name",
            "“Fares will rise,” Xu told reporters.\nThe plan, according to Qingdao Xu, a scholar at the Pangoal Institution, is sound.",
            &["Xu"],
        );
    }

    #[test]
    fn flags_a_surname_mention_that_is_not_an_attribution() {
        assert_flags(
            "late-full-name",
            "Reyes drove the last bus out of the depot on Friday.\nDriver Tomas Reyes, 54, said he had worked there for 30 years. “It was my route,” Reyes said.",
            &["Reyes"],
        );
        assert_flags(
            "late-full-name",
            "Pell's accounts were audited in May.\nOssian Pell, the club's treasurer, said the audit was routine.",
            &["Pell's"],
        );
    }

    #[test]
    fn surnames_inside_quotes_and_organisations_pass() {
        assert_clean(
            "late-full-name",
            "“Ask Reyes, he knows every stop,” a passenger said.\nDriver Tomas Reyes, 54, said he had worked there for 30 years.",
        );
        assert_clean(
            "late-full-name",
            "Tull drivers will strike on Monday.\nTull Ferries Ltd said in a statement that talks would continue.",
        );
    }

    #[test]
    fn full_name_first_passes() {
        assert_clean(
            "late-full-name",
            "Qingdao Xu, a scholar at the Pangoal Institution, said the plan was sound.\n“Fares will rise,” Xu said.",
        );
    }

    #[test]
    fn a_full_name_with_a_possessive_passes() {
        assert_clean(
            "late-full-name",
            "Critics attacked Marta Olvido’s budget on Monday.\n“We will not cut the clinics,” Mayor Marta Olvido said.\nOlvido added that taxes would stay flat.",
        );
    }

    #[test]
    fn a_place_or_office_before_a_titled_full_name_passes() {
        assert_clean(
            "late-full-name",
            "Corvale is appealing the ruling.\n“We will win,” Corvale Attorney General Ines Barrow said.",
        );
        assert_clean(
            "late-full-name",
            "The Ministry has not answered.\n“We are reviewing it,” Ministry Inspector General Paulo Anders said.",
        );
    }
}
