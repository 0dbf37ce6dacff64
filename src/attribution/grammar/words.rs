//! Words as the grammar reads them: tokens, capitalised name words, proper
//! names, titles from the lexicon and descriptions ending in a head noun
//! ("senior official", "state-run energy giant"), each memoised per document.
//!
//! Separate from the speaker phrases because these parsers answer questions
//! about single words and runs of words; every speaker phrase, recipient and
//! name mention is built from them.

use super::helpers::{char_at, fail, is_capitalised, is_initials, ws1, Res};
use super::{Grammar, Head};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;
use nom::Parser;

impl<'l> Grammar<'l> {
    /// A word: letters and digits with inner hyphens, apostrophes, dots and
    /// ampersands ("state-run", "Russia’s", "U.S", "AT&T"); a possessive
    /// apostrophe after s ("Natixis’"); the dot of an initial or a listed
    /// abbreviation ("T.N.", "Dr.").
    pub(super) fn token<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        match self.memo.get_or(&self.tokens, i, |i| self.read_token(i)) {
            0 => fail(i),
            end => Ok((&i[end..], &i[..end])),
        }
    }

    /// The length of the token at the start of `i`, 0 when there is none.
    fn read_token(&self, i: &str) -> usize {
        // A leading run of ASCII letters and digits (most of most words) is
        // taken without decoding; the loop below goes on from where it ends.
        let mut index = i.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(i.len());
        let mut end = index;
        let mut prev = index.checked_sub(1).map(|last| char::from(i.as_bytes()[last]));
        while let Some(c) = char_at(i, index) {
            let after = index + c.len_utf8();
            if c.is_alphanumeric() {
                end = after;
            } else if end > 0
                && matches!(c, '-' | '\'' | '’' | '.' | '&' | '/')
                && char_at(i, after).is_some_and(char::is_alphanumeric)
            {
                // inner punctuation: keep going
            } else if end > 0 && matches!(c, '\'' | '’') && matches!(prev, Some('s' | 'S')) {
                end = after;
                break;
            } else {
                break;
            }
            prev = Some(c);
            index = after;
        }
        if end == 0 {
            return 0;
        }
        let word = &i[..end];
        if i[end..].starts_with('.') && (is_initials(word) || self.lex.abbreviations.contains(&i[..=end])) {
            end += 1;
        }
        end
    }

    /// A token that is one of the words of `set`.
    pub(super) fn word_in<'a>(&self, i: &'a str, set: &crate::rules::lexicon::WordSet) -> Res<'a, &'a str> {
        let (rest, word) = self.token(i)?;
        if set.contains(word) {
            Ok((rest, word))
        } else {
            fail(i)
        }
    }

    /// A capitalised word that can be part of a name.
    fn name_word<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let (rest, word) = self.token(i)?;
        // "I've", "We'll", "Don't": contractions are not names.
        let contraction = ["ve", "ll", "re", "d", "m", "t"]
            .iter()
            .any(|ending| word.strip_suffix(ending).is_some_and(|w| w.ends_with(['\'', '’'])));
        let info = self.word(word);
        let usable = is_capitalised(word)
            && !contraction
            && !info.is_in(&self.lex.not_names)
            && !info.is_pronoun()
            && !info.is_in(&self.lex.determiners)
            && info.verb_class().is_none();
        if usable {
            Ok((rest, word))
        } else {
            fail(i)
        }
    }

    /// A proper name: capitalised words, with initials and particles
    /// ("Kamila T.N. Sorenson", "Ursula von der Leyen", "Garcia Herrero").
    pub(super) fn proper_name<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let read = |i: &str| self.read_proper_name(i).ok().map(|(rest, _)| i.len() - rest.len());
        match self.memo.get_or(&self.proper_names, i, read) {
            Some(end) => Ok((&i[end..], &i[..end])),
            None => fail(i),
        }
    }

    fn read_proper_name<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let (mut rest, _) = self.name_word(i)?;
        for _ in 0..5 {
            // "Ursula von der Leyen", "Halvard & Moss".
            let joiner = alt(((|j| self.word_in(j, &self.lex.name_particles)), tag("&")));
            let next = (ws1, opt((joiner, ws1)), |j| self.name_word(j)).parse(rest);
            match next {
                Ok((r, _)) if !rest.starts_with(['\n', '\r']) => rest = r,
                _ => break,
            }
        }
        Ok((rest, &i[..i.len() - rest.len()]))
    }

    /// The longest title from the lexicon at the start of `i` ("Finance Minister", "Dr.").
    pub(super) fn title<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        // Most words start no title: give up before collecting candidates.
        let (_, first) = self.token(i)?;
        if !self.has(&self.lex.title_starts, first) {
            return fail(i);
        }
        let mut ends = Vec::with_capacity(self.lex.longest_title_words);
        let mut rest = i;
        for n in 0..self.lex.longest_title_words {
            let step = if n == 0 {
                self.token(rest)
            } else {
                (ws1, |j| self.token(j)).parse(rest).map(|(r, (_, t))| (r, t))
            };
            match step {
                Ok((r, _)) => {
                    rest = r;
                    ends.push(i.len() - r.len());
                }
                Err(_) => break,
            }
        }
        for &end in ends.iter().rev() {
            let candidate = &i[..end];
            if self.lex.titles.contains(candidate) || self.has(&self.lex.courtesy_titles, candidate) {
                return Ok((&i[end..], candidate));
            }
        }
        fail(i)
    }

    pub(super) fn head_of(&self, word: &str) -> Option<Head> {
        self.head_of_form(word).or_else(|| {
            // Plurals of listed nouns: "engineers", "spokespeople" is listed itself.
            let singular = word
                .strip_suffix("es")
                .filter(|w| w.ends_with(['s', 'x', 'h']))
                .or_else(|| word.strip_suffix('s'))?;
            self.head_of_form(singular)
        })
    }

    fn head_of_form(&self, word: &str) -> Option<Head> {
        let lex = self.lex;
        let info = self.word(word);
        if info.is_in(&lex.anonymous_heads) {
            Some(Head::Anonymous)
        } else if info.is_in(&lex.vague_heads) {
            Some(Head::Vague)
        } else if info.is_in(&lex.document_heads) {
            Some(Head::Document)
        } else if info.is_in(&lex.organization_heads) {
            Some(Head::Organization)
        } else if info.is_in(&lex.outlet_heads) {
            Some(Head::Outlet)
        } else if info.is_in(&lex.role_nouns) {
            Some(Head::Role)
        } else {
            None
        }
    }

    /// Whether a word can modify a head noun inside a description.
    fn is_modifier(&self, word: &str) -> bool {
        let lex = self.lex;
        let info = self.word(word);
        // "report", "statement", "post": nouns that are also verb forms.
        if self.head_of(word).is_some() && !info.is_in(&lex.auxiliaries) && !info.is_in(&lex.be_verbs) {
            return true;
        }
        // "exhorted members to “…”": a naming verb after the subject is its
        // verb, not a modifier of its object.
        !(info.verb_class().is_some()
            || info.is_in(&lex.naming_verbs)
            || info.is_in(&lex.auxiliaries)
            || info.is_in(&lex.be_verbs)
            || info.is_in(&lex.determiners)
            || info.is_in(&lex.prepositions)
            || info.is_pronoun()
            || matches!(word, "and" | "or" | "but" | "that" | "who" | "which" | "whom" | "whose"))
    }

    /// Modifiers ending in a head noun: "senior official", "chief Asia-Pacific
    /// economist", "state-run energy giant", "Chinese experts". The longest
    /// run ending in a head wins.
    pub(super) fn descriptor<'a>(&self, i: &'a str) -> Res<'a, (&'a str, Head)> {
        let read = |i: &str| {
            self.read_descriptor(i)
                .ok()
                .map(|(rest, (_, head))| (i.len() - rest.len(), head))
        };
        match self.memo.get_or(&self.descriptors, i, read) {
            Some((end, head)) => Ok((&i[end..], (&i[..end], head))),
            None => fail(i),
        }
    }

    fn read_descriptor<'a>(&self, i: &'a str) -> Res<'a, (&'a str, Head)> {
        let mut rest = i;
        let mut best: Option<(usize, Head)> = None;
        for n in 0..7 {
            let step = if n == 0 {
                self.token(rest)
            } else {
                (ws1, |j| self.token(j)).parse(rest).map(|(r, (_, t))| (r, t))
            };
            let Ok((r, word)) = step else { break };
            if !self.is_modifier(word) || (n > 0 && rest.starts_with(['\n', '\r'])) {
                break;
            }
            // "The ministry reports that …", "Hilda Marsh reports that …": after
            // another word, a noun that is also a verb form, followed by "that"
            // or a quotation, is the verb.
            let introduces_content = || {
                let next = r.trim_start();
                next.starts_with("that ") || next.starts_with(['“', '"', ':'])
            };
            if n > 0 && self.verb_class(word).is_some() && introduces_content() {
                break;
            }
            rest = r;
            if let Some(head) = self.head_of(word) {
                best = Some((i.len() - rest.len(), head));
            }
        }
        match best {
            Some((end, head)) => Ok((&i[end..], (&i[..end], head))),
            None => fail(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn a_noun_like_verb_after_a_name_is_the_cue() {
        let a = extract("Hilda Marsh reports that the ferry will stop in May.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Hilda Marsh", "reports"), "{a:?}");
        assert_eq!(a[0].2, "the ferry will stop in May");
    }
}
