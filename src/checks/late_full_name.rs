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
    /// marks are the speaker's words and do not count, either as the early
    /// surname or as the full name (a quoted "Ossian R. Pell" after the
    /// article's own "Ossian Pell"). The end of a longer name ("Dana Wolfe
    /// Marsh", "Workers of America") is not a surname. Someone else with the
    /// same surname mentioned earlier is taken for the speaker. Only a mention
    /// that is the surname alone (optionally after a title: "Sen. Xu") counts:
    /// a full name with a possessive ("Qingdao Xu’s") is already the full name,
    /// and a word that is not the speaker's surname ("Michigan" before
    /// "Michigan Attorney General Ana Ruiz", "House" before "House Speaker
    /// Ana Ruiz") is a place or an organisation, not a late surname. Not
    /// flagged either: display type above the story (before the dateline,
    /// or a first line of one sentence of 16 words at most), a surname after an article or
    /// before an organisation noun ("a Tosh", "the Tosh campaign"), a
    /// surname two people in the article share ("Ana Tosh" and "Mirela
    /// Tosh"), and an organisation's possessive taken for a first name.
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
            // "Media Research Center's Bozell" is an organisation and a
            // surname, not a full name; nor is a name with a title inside it
            // ("Harbourstrong Mr. Pell", a hashtag glued to a title).
            let words: Vec<&str> = speaker.name.split_whitespace().collect();
            let (_, inner) = words.split_last().unwrap_or((&"", &[]));
            if words.iter().any(|w| w.ends_with("'s") || w.ends_with("’s"))
                || inner
                    .iter()
                    .skip(1)
                    .any(|&w| ctx.lexicon.courtesy_titles.contains(w) || ctx.lexicon.titles.contains(w))
            {
                continue;
            }
            // A mention inside a quotation is a quoted speaker's wording,
            // and a full name given only there is the quoted speaker's
            // variant ("Donald J. Trump" in a quoted statement after the
            // article's own "Donald Trump"): the article's references are
            // the ones outside the marks.
            if doc.in_quote(speaker.first_mention.start)
                || doc.in_quote(full.start)
                || in_display_type(doc, speaker.first_mention.start)
                || names_no_one(doc, ctx.lexicon, speaker.first_mention)
                || continues_a_name(doc, ctx.lexicon, speaker.first_mention)
                || two_people_share(doc, ctx.lexicon, short)
            {
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

/// Most words of a first line read as a headline.
const HEADLINE_MAX_WORDS: usize = 16;

/// Whether `offset` lies in the display type above the story, where
/// headlines and decks use surnames by convention ("Trump, Sanders lead"):
/// before the dateline, or in a first line of one short sentence.
fn in_display_type(doc: &crate::document::Document<'_>, offset: usize) -> bool {
    if doc.dateline.is_some_and(|d| offset < d.start) {
        return true;
    }
    let Some(first) = doc.paragraphs.first() else {
        return false;
    };
    let one_short_sentence = first.sentences.len() == 1
        && doc
            .slice(first.span)
            .split_whitespace()
            .nth(HEADLINE_MAX_WORDS)
            .is_none();
    first.span.contains(offset) && one_short_sentence && doc.paragraphs.len() > 2
}

/// Whether the mention is not a reference to the person: the surname after
/// an article ("send a Cheney to Washington", "the Clinton campaign", "the
/// Republic of Ruritania") or modifying an organisation noun ("Clinton
/// campaign officials").
fn names_no_one(doc: &crate::document::Document<'_>, lexicon: &Lexicon, mention: crate::Span) -> bool {
    let before = doc.text[..mention.start].trim_end();
    let previous = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let next = doc.text[mention.end..].split_whitespace().next().unwrap_or("");
    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    ["a", "an", "the"].iter().any(|a| previous.eq_ignore_ascii_case(a))
        || next.starts_with(char::is_lowercase) && lexicon.organization_heads.contains(next)
}

/// Whether the mention is the end of a longer name written at this very
/// place: a capitalised word other than a title before it ("Dana Wolfe
/// Marsh", the given name glued to a time stamp: "10:35PMDana Marsh") or
/// "of" after a capitalised word ("Workers of America").
fn continues_a_name(doc: &crate::document::Document<'_>, lexicon: &Lexicon, mention: crate::Span) -> bool {
    let before = &doc.text[..mention.start];
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    if word == "of" {
        let earlier = before[..before.len() - word.len()].trim_end();
        return earlier
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
    }
    // The capitalised word at the end of the previous token: "Wolfe", or
    // "Dana" glued to what precedes it.
    let Some(capital) = word.rfind(char::is_uppercase) else {
        return false;
    };
    let given = &word[capital..];
    given.len() > 1
        && given.chars().all(char::is_alphabetic)
        && !lexicon.titles.contains(given)
        && !lexicon.courtesy_titles.contains(given)
        && !lexicon.not_names.contains(given)
}

/// Whether the document names two people with this surname ("Chelsea
/// Clinton" and "Hillary Clinton"): a bare surname could be either, and
/// the later full name may be the other one.
fn two_people_share(doc: &crate::document::Document<'_>, lexicon: &Lexicon, mention: &str) -> bool {
    let Some(surname) = mention.split_whitespace().last().map(without_possessive) else {
        return false;
    };
    let text: &str = &doc.text;
    let mut given: Option<&str> = None;
    for (at, _) in text.match_indices(surname) {
        let follows_word = text[at + surname.len()..].starts_with(char::is_alphanumeric);
        let before = text[..at].strip_suffix(' ').unwrap_or("");
        let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        let is_given = word.len() > 1
            && word.starts_with(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
            && !lexicon.titles.contains(word)
            && !lexicon.courtesy_titles.contains(word)
            && !lexicon.not_names.contains(word);
        if follows_word || !is_given {
            continue;
        }
        match given {
            Some(first) if first != word => return true,
            _ => given = Some(word),
        }
    }
    false
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
    fn display_type_above_the_story_may_use_surnames() {
        assert_clean(
            "late-full-name",
            "Harbour vote looms.\n\nTosh, Oduya lead; count unlikely to settle it.\n\nHARWICK, Monday — Mirela Tosh and Bram Oduya went into the last day of the harbour board race on Monday with the count too close to call, and both said they expected a recount.",
        );
    }

    #[test]
    fn a_surname_two_people_share_is_not_late() {
        assert_clean(
            "late-full-name",
            "Ana Tosh, the mayor's daughter, opened the fair on Saturday. Tosh, 35, said the harbour had never looked better.\n\n“We will keep the ferries,” said Mirela Tosh, the mayor.",
        );
    }

    #[test]
    fn a_surname_that_names_no_one_is_not_late() {
        assert_clean(
            "late-full-name",
            "The harbour board voted on Monday to send a Tosh to the regional council.\n\n“I will serve the whole coast,” said Mirela Tosh, the mayor's sister.",
        );
        assert_clean(
            "late-full-name",
            "Officials said the Tosh campaign had paid for the leaflets.\n\n“We paid for every one,” said Mirela Tosh, the candidate.",
        );
    }

    #[test]
    fn the_end_of_a_longer_name_is_not_a_surname() {
        assert_clean(
            "late-full-name",
            "Councillor Dana Wolfe Marsh opened the depot on Friday.\n\n“It is ours now,” said Wolfe Marsh, the councillor.",
        );
        assert_clean(
            "late-full-name",
            "Live: 10:35PMDana Marsh opens the depot\n\nThe depot opened on Friday after a year of delays, and the council paid for it.\n\n“It is ours now,” said Dana Marsh, the councillor.",
        );
    }

    #[test]
    fn a_name_with_a_title_inside_is_not_a_full_name() {
        assert_clean(
            "late-full-name",
            "Pell opened the depot on Friday.\n\n“It is ours,” Harbourstrong Mr. Pell said at the gate.",
        );
    }

    #[test]
    fn a_full_name_given_only_inside_a_quotation_is_not_the_introduction() {
        assert_clean(
            "late-full-name",
            "Pell arrived at the harbour on Friday to open the new depot.\n\nHer office said in a statement: “Councillor Ossian R. Pell thanks the crews.” Pell said the depot would open all winter.",
        );
    }

    #[test]
    fn a_party_is_not_a_surname() {
        assert_clean(
            "late-full-name",
            "The levy split Republicans on the harbour board for a month.\n\nHarbour Republicans said on Monday that they would back it.",
        );
    }

    #[test]
    fn a_speakers_headline_over_one_paragraph_may_use_the_surname() {
        assert_clean(
            "late-full-name",
            "Tosh: Ferry Has ‘To Run All Winter’ Because ‘The Island Needs It, Whatever the Storms Bring.’\n\nMirela Tosh, the mayor, said on Monday that the Tull ferry would run all winter, and that the harbour board would pay for it.",
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
