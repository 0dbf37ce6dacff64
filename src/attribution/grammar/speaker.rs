//! One speaker phrase: a pronoun, a possessive ("Natixis’ chief economist,
//! Alicia Garcia Herrero,"), a titled name ("Finance Minister Olu Adeyemi"), a
//! description ("a senior official", "the ministry") or a bare proper name,
//! with the class of source it makes.
//!
//! Separate from the appositive and the "and" joins, which extend a phrase
//! this file has parsed, and from the frames, which decide where to try it.

use super::helpers::{comma, fail, possessive_base, ws1, Res};
use super::{Grammar, Head, Np};
use crate::attribution::SpeakerClass;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;
use nom::Parser;

impl<'l> Grammar<'l> {
    fn pronoun_np<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        let (rest, word) = self.token(i)?;
        // "He’s claiming": the pronoun, then a contracted "is" or "has" for
        // the gap before the verb.
        let (rest, word) = match word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")) {
            Some(stem) if self.is_pronoun(stem) => (&i[stem.len()..], stem),
            _ => (rest, word),
        };
        if !self.is_pronoun(word) {
            return fail(i);
        }
        Ok((
            rest,
            Np {
                text: word,
                name: None,
                role: None,
                affiliation: None,
                class: SpeakerClass::PronounUnresolved,
                pronoun: true,
                extent: word,
            },
        ))
    }

    /// "Natixis’ chief economist, Alicia Garcia Herrero," / "Russia’s
    /// state-run energy giant Gazprom" / "the ministry’s spokesman".
    fn possessive_np<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        let (after_det, _) = opt((|j| self.word_in(j, &self.lex.determiners), ws1)).parse(i)?;
        let (rest, owner) = self.token(after_det)?;
        let Some(owner_name) = possessive_base(owner) else {
            return fail(i);
        };
        let (rest, (_, (description, head))) = (ws1, |j| self.descriptor(j)).parse(rest)?;
        let named = alt((
            (comma, |j| self.proper_name(j), opt(comma)).map(|(_, n, _)| n),
            (ws1, |j| self.proper_name(j)).map(|(_, n)| n),
        ))
        .parse(rest);
        let (rest, name) = match named {
            Ok((r, n)) => (r, Some(n)),
            Err(_) => (rest, None),
        };
        let class = match (name, head) {
            (_, Head::Organization | Head::Outlet) => SpeakerClass::Organization,
            (Some(_), _) => SpeakerClass::Person,
            (None, Head::Document) => SpeakerClass::Document,
            (None, Head::Vague) => SpeakerClass::Vague,
            (None, _) => SpeakerClass::Anonymous,
        };
        let extent = &i[..i.len() - rest.len()];
        let text = name.unwrap_or(extent.trim_end_matches([',', ' ']));
        let is_person = class == SpeakerClass::Person;
        Ok((
            rest,
            Np {
                text,
                name,
                role: is_person.then_some(description),
                affiliation: Some(owner_name),
                class,
                pronoun: false,
                extent,
            },
        ))
    }

    /// "Finance Minister Olu Adeyemi", "Dr. Ines Moreau", "Mr. Xu".
    fn titled_name<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        // "the Rev. Ada Quill": some titles take an article.
        let (titled, _) = opt((alt((tag("the"), tag("The"))), ws1)).parse(i)?;
        let (rest, (title, _, name)) = (|j| self.title(j), ws1, |j| self.proper_name(j)).parse(titled)?;
        let extent = &i[..i.len() - rest.len()];
        let courtesy = self.has(&self.lex.courtesy_titles, title);
        Ok((
            rest,
            Np {
                text: extent,
                name: Some(name),
                role: (!courtesy).then_some(title),
                affiliation: None,
                class: SpeakerClass::Person,
                pronoun: false,
                extent,
            },
        ))
    }

    /// "a senior official", "the ministry", "two people", "critics",
    /// "chief economist Jane Doe", "the Finance Ministry".
    fn described_np<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        let (rest, det) = opt((|j| self.word_in(j, &self.lex.determiners), ws1)).parse(i)?;
        let (rest, (description, head)) = self.descriptor(rest)?;
        // "chief economist Jane Doe" / "Its operations director, Declan Shaw,"
        let named = alt((
            (ws1, |j| self.proper_name(j)).map(|(_, n)| n),
            (comma, |j| self.proper_name(j), opt(comma)).map(|(_, n, _)| n),
        ))
        .parse(rest);
        let (rest, name) = match named {
            Ok((r, n)) if head != Head::Document => (r, Some(n)),
            _ => (rest, None),
        };
        let class = match (name, head) {
            (Some(_), Head::Organization | Head::Outlet) => SpeakerClass::Organization,
            (Some(_), _) => SpeakerClass::Person,
            (None, Head::Anonymous) => SpeakerClass::Anonymous,
            (None, Head::Vague) => SpeakerClass::Vague,
            (None, Head::Document) => SpeakerClass::Document,
            (None, Head::Organization | Head::Outlet) => SpeakerClass::Organization,
            // "a spokeswoman", "the lawyer": a role without a name.
            (None, Head::Role) => SpeakerClass::Anonymous,
        };
        // A bare plural role with no determiner ("economists say") is vague.
        // "Officials say" is vague; "Sources close to the club say" tells
        // how the sources know and stays anonymous.
        let next_word = rest.split_whitespace().next().unwrap_or_default();
        let post_modified =
            self.has(&self.lex.prepositions, next_word) || self.has(&self.lex.post_modifier_openers, next_word);
        let class = if det.is_none()
            && name.is_none()
            && class == SpeakerClass::Anonymous
            && description.ends_with('s')
            && !post_modified
        {
            SpeakerClass::Vague
        } else {
            class
        };
        let extent = &i[..i.len() - rest.len()];
        Ok((
            rest,
            Np {
                text: name.unwrap_or(extent),
                name,
                role: (name.is_some() && class == SpeakerClass::Person).then_some(description),
                affiliation: None,
                class,
                pronoun: false,
                extent,
            },
        ))
    }

    /// A bare proper name: a person, or an organisation when its last word is
    /// an organisation noun ("Pangoal Institution") or it is an acronym.
    fn named_np<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        let (rest, written) = self.proper_name(i)?;
        let (role, name) = self.split_leading_role(written);
        let last = name.rsplit(' ').next().unwrap_or(name);
        let acronym = name.len() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '&');
        let class = if acronym
            || name.contains(" & ")
            || self.has(&self.lex.organization_heads, last)
            || self.has(&self.lex.outlet_heads, last)
        {
            SpeakerClass::Organization
        } else {
            SpeakerClass::Person
        };
        Ok((
            rest,
            Np {
                text: name,
                name: Some(name),
                role,
                affiliation: None,
                class,
                pronoun: false,
                extent: written,
            },
        ))
    }

    /// "Coxswain Freya Haldane" at the start of a sentence: a role noun
    /// capitalised before a name is its title, not part of it.
    pub(super) fn split_leading_role<'a>(&self, name: &'a str) -> (Option<&'a str>, &'a str) {
        match name.split_once(' ') {
            Some((first, rest)) if self.has(&self.lex.role_nouns, first) && rest.contains(' ') => (Some(first), rest),
            _ => (None, name),
        }
    }

    /// "26 percent of voters", "six in 10", "half of respondents", "a
    /// majority of those polled": a share of a group, the speaker a poll
    /// reports. A number is digits or a determiner ("six", "many").
    fn share_np<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) || self.has(&self.lex.determiners, w);
        let share = |w: &str| self.has(&self.lex.quantity_words, w);
        let (after_article, _) = opt((alt((tag("a"), tag("A"))), ws1)).parse(i)?;
        let (rest, first) = self.token(after_article)?;
        // "half of voters", "a third said": a share noun, with its group or
        // alone; the frame checks that the verb follows.
        let rest = if share(first) {
            rest
        } else if number(first) && after_article.len() == i.len() {
            if let Some(r) = rest.strip_prefix('%') {
                r
            } else if let Ok((r, (_, w))) = (ws1, |j| self.token(j)).parse(rest) {
                if share(w) {
                    // "26 per cent"
                    match (ws1, |j| self.token(j)).parse(r) {
                        Ok((r2, (_, w2))) if w.eq_ignore_ascii_case("per") && share(w2) => r2,
                        _ => r,
                    }
                } else if w == "in" {
                    // "six in 10", "one in five"; not "120 in that state": the
                    // second number is digits or a numeral word, not any determiner.
                    let numeral = |n: &str| {
                        n.starts_with(|c: char| c.is_ascii_digit())
                            || matches!(
                                n,
                                "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
                            )
                    };
                    match (ws1, |j| self.token(j)).parse(r) {
                        Ok((r2, (_, n))) if numeral(n) => r2,
                        _ => return fail(i),
                    }
                } else {
                    return fail(i);
                }
            } else {
                return fail(i);
            }
        } else {
            return fail(i);
        };
        // "of voters", "of those surveyed", "of Republican voters": the group,
        // up to a word that starts the clause or a modifier.
        let mut end = rest;
        if let Some(r) = rest.strip_prefix(" of ") {
            let mut group = &rest[rest.len() - r.len() - 1..];
            let mut words = 0;
            while words < 5 {
                let Ok((r2, (_, w))) = (ws1, |j| self.token(j)).parse(group) else {
                    break;
                };
                let stops = self.has(&self.lex.auxiliaries, w)
                    || self.has(&self.lex.be_verbs, w)
                    || self.has(&self.lex.prepositions, w)
                    || self.has(&self.lex.post_modifier_openers, w)
                    || self.has(&self.lex.conjunctions, w)
                    || self.verb_class(w).is_some();
                if stops {
                    break;
                }
                group = r2;
                words += 1;
            }
            if words == 0 {
                return fail(i);
            }
            end = group;
        }
        let extent = &i[..i.len() - end.len()];
        Ok((
            end,
            Np {
                text: extent,
                name: None,
                role: None,
                affiliation: None,
                class: SpeakerClass::Document,
                pronoun: false,
                extent,
            },
        ))
    }

    /// Whether a phrase is a share of a group ("six in 10", "26 percent of voters").
    pub(super) fn is_share(&self, text: &str) -> bool {
        text.contains('%')
            || text
                .split_whitespace()
                .take(3)
                .any(|w| w == "in" || self.has(&self.lex.quantity_words, w))
    }

    /// One speaker phrase.
    pub(super) fn speaker<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        alt((
            // "one in five" before the pronoun "one".
            |j| self.share_np(j),
            |j| self.pronoun_np(j),
            |j| self.possessive_np(j),
            |j| self.titled_name(j),
            |j| self.described_np(j),
            |j| self.named_np(j),
        ))
        .parse(i)
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::{extract, speakers};

    #[test]
    fn appositive_title_and_possessive_roles() {
        let text = "Olu Adeyemi, the finance minister of Averland, said the deficit had narrowed. Finance Minister Olu Adeyemi said it again. Natixis’ chief economist, Alicia Garcia Herrero, stated that growth would slow.";
        let a = extract(text);
        assert_eq!(
            speakers(text),
            ["Olu Adeyemi", "Finance Minister Olu Adeyemi", "Alicia Garcia Herrero"]
        );
        assert_eq!(a[0].2, "the deficit had narrowed");
    }

    #[test]
    fn organisations_documents_and_statements() {
        assert_eq!(
            speakers("Russia’s state-run energy giant Gazprom has recently announced that it had signed a deal."),
            ["Gazprom"]
        );
        assert_eq!(
            speakers("The ministry said in a statement that the road would reopen."),
            ["The ministry"]
        );
        assert_eq!(
            speakers("The statement said the road would reopen on Monday."),
            ["The statement"]
        );
    }

    #[test]
    fn anonymous_and_vague_speakers() {
        assert_eq!(
            speakers("A senior official said the talks had stalled."),
            ["A senior official"]
        );
        assert_eq!(speakers("Critics say the plan will fail."), ["Critics"]);
        assert_eq!(
            speakers("People familiar with the matter said the deal was close."),
            ["People"]
        );
        let v = extract("The bridge is viewed as unsafe by local engineers.");
        assert_eq!(v[0].0, "local engineers");
    }

    #[test]
    fn a_share_of_a_group_speaks_as_a_poll_reports_it() {
        assert_eq!(
            speakers("Some 40 percent of voters say the levy is fair."),
            ["40 percent of voters"]
        );
        assert_eq!(speakers("Six in 10 say the pier should stay open."), ["Six in 10"]);
        assert_eq!(
            speakers("Almost half of those surveyed said the fares were too high."),
            ["half of those surveyed"]
        );
        assert_eq!(speakers("A third said the pier should close."), ["A third"]);
        assert!(speakers("There are 120 in that state alone.").is_empty());
        // A number alone before "of" is no share.
        assert_eq!(
            speakers("One of them, Lise Armand, said the staff had not been consulted."),
            ["Lise Armand"]
        );
    }

    #[test]
    fn a_pronoun_with_a_contracted_be_before_a_progressive_cue() {
        let a = extract("She’s claiming that the ferry “never ran on time.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("She", "claiming"), "{a:?}");
    }

    #[test]
    fn titles_with_an_article_relative_clauses_and_named_participles() {
        let a = extract("“The pier will never be the same,” said the Rev. Ada Quill.");
        assert_eq!(a[0].0, "the Rev. Ada Quill", "{a:?}");
        let b = extract("The plan was drafted by Mara Voss, who said the goal was a “fairer” fare.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Mara Voss", "the goal was a “fairer” fare"),
            "{b:?}"
        );
        let c = extract("The advert shows footage of Dora Vance saying, “We cannot wait.”");
        assert_eq!(
            (c[0].0.as_str(), c[0].2.as_str()),
            ("Dora Vance", "We cannot wait."),
            "{c:?}"
        );
        let d = extract("Protesters chanted “Open the pier!” as they marched.");
        assert_eq!((d[0].0.as_str(), d[0].1.as_str()), ("Protesters", "chanted"), "{d:?}");
        let e = extract("The ministry reports that the pier is safe.");
        assert_eq!((e[0].0.as_str(), e[0].1.as_str()), ("The ministry", "reports"), "{e:?}");
    }
}
