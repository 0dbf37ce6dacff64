//! What extends a speaker phrase: an appositive (", the Russian ambassador to
//! China,"), a party tag or an age, an affiliation after the name ("of the
//! Harbour Party"), and further speakers joined by "and".
//!
//! Separate from `speaker` because these rules decide where a phrase ends and
//! which role and affiliation it carries, not what kind of phrase it is.

use super::helpers::{comma, fail, floor_char_boundary, party_tag, ws, ws1, Res};
use super::{Grammar, Np};
use crate::attribution::SpeakerClass;
use crate::text::span::offset_in;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::char;
use nom::combinator::opt;
use nom::Parser;

impl<'l> Grammar<'l> {
    /// ", the Russian ambassador to China," / ", a senior scholar at the
    /// Pangoal Institution in Beijing,": role, then affiliation after the
    /// first preposition. Must mention a role, title or organisation.
    fn appositive<'a>(&self, i: &'a str) -> Res<'a, (&'a str, Option<&'a str>)> {
        let (body_start, _) = comma(i)?;
        self.appositive_body(body_start)
    }

    /// Where an appositive's body ends: at the first comma, other clause
    /// punctuation or quote mark, or a full stop that is not part of an
    /// abbreviation (", a former U.S. ambassador,", ", Mr. Lind's deputy,").
    fn appositive_end(&self, body_start: &str) -> usize {
        // An appositive is at most 28 words; looking further is wasted.
        const MOST_BYTES: usize = 384;
        let limit = floor_char_boundary(body_start, MOST_BYTES);
        let mut from = 0;
        while let Some(k) = body_start[from..limit].find([',', '.', ';', ':', '“', '"', '”', '(', ')']) {
            let at = from + k;
            if !body_start[at..].starts_with('.') {
                return at;
            }
            // After the space's own bytes: a no-break space is two.
            let word_start = body_start[..at]
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace())
                .map_or(0, |(w, c)| w + c.len_utf8());
            let word_end = body_start[at..]
                .find(|c: char| c.is_whitespace() || c == ',')
                .map_or(body_start.len(), |e| at + e);
            // "the No. 2 official": a full stop before a number in the phrase.
            let inside_word = body_start[at + 1..].starts_with(char::is_alphanumeric)
                || body_start[at + 1..]
                    .strip_prefix(' ')
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            if !inside_word && !self.lex.abbreviations.contains(&body_start[word_start..word_end]) {
                return at;
            }
            from = at + 1;
        }
        if limit < body_start.len() {
            limit
        } else {
            body_start.len()
        }
    }

    /// The appositive after its opening comma, up to and including its closing comma.
    fn appositive_body<'a>(&self, body_start: &'a str) -> Res<'a, (&'a str, Option<&'a str>)> {
        let i = body_start;
        let end = self.appositive_end(body_start);
        let body = &body_start[..end];
        // Closed by a comma, or by the full stop ending the sentence
        // ("…,” said Tomas Lindqvist, a councillor.").
        let tail = &body_start[end..];
        let ends_sentence =
            tail.starts_with('.') && tail[1..].trim_start().chars().next().is_none_or(|c| !c.is_lowercase());
        let closed = tail.starts_with(',') || ends_sentence;
        // ", a Navy veteran who now works for the council,": a relative
        // clause after the role may make the appositive longer.
        let has_relative = body
            .split_whitespace()
            .skip(1)
            .any(|w| matches!(w, "who" | "whose" | "that"));
        let most_words = if has_relative { 28 } else { 16 };
        if !closed || body.trim().is_empty() || body.split_whitespace().count() > most_words || body.contains('\n') {
            return fail(i);
        }
        // ", who runs the Harbour Light café on Promenade Row,": a relative
        // clause describing the speaker is their role.
        let relative = ["who ", "whose ", "which "]
            .iter()
            .any(|r| body.trim_start().starts_with(r));
        if relative {
            let after = if ends_sentence { tail } else { comma(tail)?.0 };
            return Ok((after, (body.trim(), None)));
        }
        // ", a Kentucky Republican,", ", an Averley native,": an indefinite
        // noun phrase after a name describes the person.
        let indefinite = matches!(body.split_whitespace().next(), Some("a" | "an" | "one" | "another"))
            && (has_relative || body.split_whitespace().count() <= 12);
        let mut role_end = body.len();
        let mut affiliation = None;
        let mut has_role = false;
        let mut rest = body;
        let mut previous = "";
        while let Ok((r, word)) = (ws, |j| self.token(j)).parse(rest).map(|(r, (_, w))| (r, w)) {
            // After a determiner or preposition a verb form is a noun: ", one
            // of the states in the case," names no statement.
            // "a Navy veteran who now is a clerk": what the relative clause
            // says describes the role; its verbs are not the sentence's.
            if matches!(word, "who" | "whose" | "that") && !previous.is_empty() && (has_role || indefinite) {
                break;
            }
            let nominal = self.has(&self.lex.determiners, previous) || self.has(&self.lex.prepositions, previous);
            // ", a talk show host,": a verb form before a role noun modifies it.
            // ", a former state party chairman,": in an indefinite phrase, a
            // bare verb form between two lower-case words is a noun.
            let compound = || {
                let next = (ws1, |j| self.token(j)).parse(r).map_or("", |(_, (_, n))| n);
                let modifier = indefinite
                    && next.starts_with(char::is_lowercase)
                    && !word.ends_with('s')
                    && !word.ends_with("ing")
                    && !self.has(&self.lex.prepositions, next)
                    && !self.has(&self.lex.determiners, next)
                    && !self.is_pronoun(next)
                    && !matches!(next, "that" | "who" | "and" | "or");
                !previous.is_empty()
                    && !word.ends_with("ed")
                    && (self.head_of(next) == Some(super::Head::Role) || modifier)
            };
            if (self.verb_class(word).is_some() && !nominal && !compound()) || self.has(&self.lex.be_verbs, word) {
                return fail(i); // a clause, not an appositive
            }
            previous = word;
            if affiliation.is_none() && self.has(&self.lex.prepositions, word) {
                role_end = offset_in(body, word);
                affiliation = Some(r.trim());
            } else if affiliation.is_none() && (self.head_of(word).is_some() || self.lex.titles.contains(word)) {
                has_role = true;
            }
            rest = r;
        }
        if !has_role && !indefinite {
            return fail(i);
        }
        let role = body[..role_end].trim();
        let after = if ends_sentence { tail } else { comma(tail)?.0 };
        Ok((after, (role, affiliation.filter(|a| !a.is_empty()))))
    }

    /// A speaker with an optional appositive.
    fn speaker_with_appositive<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        let (rest, mut np) = self.speaker(i)?;
        // A short parenthetical after a name: a party tag "(D-Ore.)", an age "(51)".
        let rest = match (ws, char('('), take_while(|c: char| c != ')' && c != '\n'), char(')')).parse(rest) {
            Ok((after, (_, _, inner, _))) if np.name.is_some() && inner.len() <= 24 => after,
            _ => rest,
        };
        // A party and state tag or an age between commas: "Tom Verran,
        // R-Ky., said", "Aled Morgan, 67, said".
        let age = nom::combinator::verify(take_while1(|c: char| c.is_ascii_digit()), |d: &str| d.len() <= 3);
        let mut tagged = false;
        let rest = match (comma, alt((party_tag, age)), comma).parse(rest) {
            Ok((after, _)) if np.name.is_some() => {
                np.extent = &i[..i.len() - after.len()];
                tagged = true;
                after
            }
            _ => rest,
        };
        // "Tobias Ferreira-Lund of the Harbour Party": an affiliation after the name.
        let rest = match (ws1, tag("of"), ws1, opt(tag("the ")), |j| self.proper_name(j)).parse(rest) {
            Ok((after, (_, _, _, _, organisation))) if np.name.is_some() && np.affiliation.is_none() => {
                np.affiliation = Some(organisation);
                np.extent = &i[..i.len() - after.len()];
                after
            }
            _ => rest,
        };
        // "Councillor Amira Sayegh, one of the four who voted against,": a
        // titled name keeps its title as its role but takes the appositive.
        // "Senator Ada Brill of Tarn, the No. 2 Liberal in the Senate,": so
        // does a titled name with its affiliation.
        let titled = np.role.is_some() && np.name.is_some();
        if np.pronoun
            || (np.role.is_some() && !titled)
            || !matches!(np.class, SpeakerClass::Person | SpeakerClass::Organization)
        {
            return Ok((rest, np));
        }
        // "Marla Quint, 21, a junior from Dunmore,": after an age or a party
        // tag the comma that opens the appositive has been read.
        let appositive = if tagged {
            self.appositive_body(rest)
        } else {
            self.appositive(rest)
        };
        match appositive {
            Ok((after, (role, affiliation))) => {
                np.role = np.role.or(Some(role));
                np.affiliation = affiliation.or(np.affiliation);
                // A second appositive adds to the description: "Ana Pruitt,
                // the attorney general of Kessel, one of the states suing,".
                let after = self.appositive_body(after).map_or(after, |(r, _)| r);
                np.extent = &i[..i.len() - after.len()];
                // The phrase ends with the appositive's comma; the cue follows.
                Ok((after, np))
            }
            Err(_) => Ok((rest, np)),
        }
    }

    /// One or more speakers joined by "and": "Kamila T.N. Sorenson and Ekaterina Klimenko".
    pub(super) fn speakers<'a>(&self, i: &'a str) -> Res<'a, Vec<Np<'a>>> {
        // "the Kellsby and Averley Health Trust": "the" before a name opens
        // an organisation's name, never a person's.
        if let Ok((named, _)) = (alt((tag("the"), tag("The"))), ws1).parse(i) {
            if let Ok((rest, nps)) = self.speakers(named) {
                if let [np] = nps.as_slice() {
                    if np.class == SpeakerClass::Organization && np.name.is_some() {
                        let extent = &i[..i.len() - rest.len()];
                        return Ok((rest, vec![Np { extent, ..np.clone() }]));
                    }
                }
            }
        }
        let (mut rest, first) = self.speaker_with_appositive(i)?;
        let mut all = vec![first];
        while let Ok((r, (_, _, _, np))) = (ws1, tag("and"), ws1, |j| self.speaker_with_appositive(j)).parse(rest) {
            all.push(np);
            rest = r;
        }
        // "Kellsby and Averley Health Trust": bare single names joined to an
        // organisation's name are part of it, not people of their own.
        let bare_word = |np: &Np<'_>| np.role.is_none() && np.extent == np.text && !np.text.contains(' ');
        if all.len() > 1
            && all
                .last()
                .is_some_and(|np| np.class == SpeakerClass::Organization && np.extent == np.text)
            && all[..all.len() - 1]
                .iter()
                .all(|np| np.class == SpeakerClass::Person && bare_word(np))
        {
            let whole = &i[..i.len() - rest.len()];
            let np = Np {
                text: whole,
                name: Some(whole),
                role: None,
                affiliation: None,
                class: SpeakerClass::Organization,
                pronoun: false,
                extent: whole,
            };
            return Ok((rest, vec![np]));
        }
        Ok((rest, all))
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::{extract, speakers};
    use crate::attribution::grammar::Grammar;
    use crate::document::Document;
    use crate::rules::{Lexicon, RuleSet};
    use crate::text::{InputFormat, SourceFile};

    #[test]
    fn an_indefinite_appositive_describes_the_speaker() {
        let a = extract("Tom Verran, a Kessel Valley Republican, said “Our assumption is that the bill will pass.”");
        assert_eq!(a[0].0, "Tom Verran");
        assert_eq!(a[0].2, "Our assumption is that the bill will pass.");
    }

    #[test]
    fn a_second_appositive_may_hold_a_verb_form_used_as_a_noun() {
        let a = extract(
            "“It is overreach,” Dora Vance, the attorney general of Kessel, one of the states in the case, said.",
        );
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Dora Vance", "said"), "{a:?}");
    }

    #[test]
    fn an_organisation_name_may_join_names_with_and() {
        let a = extract("The ward will close at night, the Kellsby and Averley Health Trust said on Tuesday.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Kellsby and Averley Health Trust", "The ward will close at night")
        );
        assert_eq!(extract("Ines Arce and Tomas Vidal said the ward would close.").len(), 2);
    }

    #[test]
    fn party_tags_double_appositives_and_set_off_phrases() {
        let a = extract("“The bill will pass,” Senate Majority Leader Tom Verran, R-Ky., said Tuesday.");
        assert_eq!(a[0].0, "Tom Verran");
        let b =
            extract("“It is an overreach,” Ana Pruitt, the attorney general of Kessel, one of the plaintiffs, said.");
        assert_eq!(b[0].0, "Ana Pruitt");
        let c = extract("Clara Benn, at a later press briefing, said, “We need to support our first responders.”");
        assert_eq!(
            (c[0].0.as_str(), c[0].2.as_str()),
            ("Clara Benn", "We need to support our first responders.")
        );
        let d = extract("“They are wrong,” said 9/11 widow Dora Strand.");
        assert_eq!(d[0].0, "Dora Strand");
    }

    #[test]
    fn appositive_at_the_end_of_the_sentence() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let text = "“Fares will rise,” said Tomas Lindqvist, a councillor.";
        let source = SourceFile::new("t.txt", text, InputFormat::Plain);
        let doc = Document::build(&source, &lexicon);
        let found = Grammar::new(&lexicon).attributions(&doc);
        assert_eq!(found[0].speaker.role.map(|r| r.slice(text)), Some("a councillor"));
    }

    #[test]
    fn party_tag_after_a_name() {
        assert_eq!(
            speakers("“We will vote no,” Rep. Ana Ruiz (D-Ore.) said."),
            ["Rep. Ana Ruiz"]
        );
    }

    #[test]
    fn two_speakers_joined_by_and() {
        assert_eq!(
            speakers("Kamila T.N. Sorenson and Ekaterina Klimenko note that the pact is unlikely."),
            ["Kamila T.N. Sorenson", "Ekaterina Klimenko"]
        );
    }

    #[test]
    fn an_abbreviation_inside_an_appositive() {
        let a = extract("Teodor Mirren, a former U.S. ambassador to Averland, said the talks had stalled.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Teodor Mirren", "the talks had stalled"),
            "{a:?}"
        );
    }

    #[test]
    fn a_no_break_space_before_a_full_stop_in_an_appositive() {
        // Once panicked: the word before the full stop was taken to start one
        // byte after the (two-byte) no-break space.
        let a = extract("Ines Arce, editor of the Valley\u{a0}Courier. reports, said the ferry would run.");
        assert!(a.iter().all(|a| !a.0.is_empty()), "{a:?}");
        let a = extract("Ines Arce, a writer at Valley\u{a0}Courier reports.");
        assert!(a.iter().all(|a| !a.0.is_empty()), "{a:?}");
    }

    #[test]
    fn an_appositive_after_an_age_or_a_titled_name_with_its_affiliation() {
        let a = extract("Marla Quint, 21, a junior from Dunmore, said she came to hear Holt.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Marla Quint", "she came to hear Holt"),
            "{a:?}"
        );
        let b = extract("Senator Ada Brill of Tarn, the leader of the Senate, said the chamber will vote on Monday.");
        assert_eq!(b[0].0, "Senator Ada Brill", "{b:?}");
        let c = extract("Ada Brill, the No. 2 senator, said the chamber will vote.");
        assert_eq!(c[0].0, "Ada Brill", "{c:?}");
    }

    #[test]
    fn a_verb_form_before_a_role_noun_is_part_of_the_appositive() {
        let a = extract("Rudy Pell, a talk show host at the Tarn station, said that he noticed the shift.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Rudy Pell", "he noticed the shift"),
            "{a:?}"
        );
        // The cue after an appositive is not a modifier of the noun after it.
        let b = extract("Ada Brill, who serves as a top official, said contractors built it.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Ada Brill", "contractors built it"),
            "{b:?}"
        );
    }

    #[test]
    fn a_relative_clause_inside_an_appositive_describes_the_role() {
        let a = extract("Lena Beck, 49, a Navy veteran who now is a clerk for the council, said Holt should be ready.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Lena Beck", "Holt should be ready"),
            "{a:?}"
        );
        let b = extract(
            "Rolf Sand, a top Tarn operative who played a major role in the 2008 race and is now running the \
             early vote, said the program is critical.",
        );
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Rolf Sand", "the program is critical"),
            "{b:?}"
        );
    }
}
