//! The attribution grammar: nom parsers for speaker phrases and cues, and
//! the frames that assemble them into [`Attribution`]s.
//!
//! Frames start from anchors the document already holds, so most sentences
//! cost nothing: the end of a quotation (`“…,” X said`), a reporting verb from
//! the lexicon scan (`X, the ROLE of ORG, said that …`), the phrase
//! "according to", an agentless-passive participle (`is viewed as … by
//! experts`) and a vague-source phrase (`it is widely believed`). Every parser
//! works on `&str` slices of the document text, so a slice's position is its
//! byte offset. A parse that fails means "no attribution here", never an error.

use super::memo::{Memo, Table};
use super::{Attribution, AttributionKind, Cue, SpeakerClass, SpeakerPhrase};
use crate::document::{Document, Quote};
use crate::rules::lexicon::{PhraseKind, WordInfo, WordSet};
use crate::rules::{Lexicon, VerbClass};
use crate::text::span::offset_in;
use crate::Span;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

type Res<'a, T> = IResult<&'a str, T>;

fn fail<T>(input: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(input, ErrorKind::Verify)))
}

/// Whitespace, possibly none.
fn ws(i: &str) -> Res<'_, &str> {
    take_while(char::is_whitespace).parse(i)
}

/// At least one whitespace character.
fn ws1(i: &str) -> Res<'_, &str> {
    take_while1(char::is_whitespace).parse(i)
}

/// A comma with the spaces around it.
fn comma(i: &str) -> Res<'_, &str> {
    recognize((ws, char(','), ws)).parse(i)
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '„' | '`')
}

/// "T", "T.N", "J.R.R": capitals joined by dots.
/// Whether `word` is one of `words`, ignoring ASCII case (without lowercasing a copy).
fn is_any_ignoring_ascii_case(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `text` ends with `suffix`, ignoring ASCII case (without lowercasing a copy).
fn ends_with_ignoring_ascii_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The character at byte `index` (a character boundary), decoding only non-ASCII.
#[inline]
fn char_at(s: &str, index: usize) -> Option<char> {
    match s.as_bytes().get(index) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s[index..].chars().next(),
        None => None,
    }
}

fn is_initials(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    })
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The name inside a possessive: "Russia’s" → "Russia", "Natixis’" → "Natixis".
fn possessive_base(word: &str) -> Option<&str> {
    ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|base| !base.is_empty())
}

/// A party and state tag written after a name: "R-Ky.", "D-N.Y.", "I-Vt".
fn party_tag(i: &str) -> Res<'_, &str> {
    recognize((
        nom::character::complete::one_of("RDI"),
        char('-'),
        nom::combinator::verify(take_while1(|c: char| c.is_ascii_alphabetic() || c == '.'), |s: &str| {
            s.len() <= 6 && s.starts_with(|c: char| c.is_ascii_uppercase())
        }),
    ))
    .parse(i)
}

/// A proper name in the text, with the title written before it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct NameMention {
    pub span: Span,
    pub title: Option<Span>,
}

/// What the head noun of a description makes a speaker.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Head {
    Anonymous,
    Vague,
    Document,
    Organization,
    Outlet,
    Role,
}

/// A speaker phrase as parsed, as slices of the sentence.
#[derive(Clone, Debug)]
struct Np<'a> {
    text: &'a str,
    name: Option<&'a str>,
    role: Option<&'a str>,
    affiliation: Option<&'a str>,
    class: SpeakerClass,
    pronoun: bool,
    extent: &'a str,
}

/// The attribution grammar over one rule set's lexicon.
pub struct Grammar<'l> {
    lex: &'l Lexicon,
    /// The document being read, for the tables below.
    memo: Memo,
    /// The length of the token at an offset (0: none).
    tokens: Table<usize>,
    /// What the lexicon says about a word.
    words: Table<WordInfo>,
    /// The proper name and the description read at an offset (their length,
    /// and the description's head): every candidate subject starts with them.
    proper_names: Table<Option<usize>>,
    descriptors: Table<Option<(usize, Head)>>,
}

impl<'l> Grammar<'l> {
    pub fn new(lex: &'l Lexicon) -> Self {
        Grammar {
            lex,
            memo: Memo::default(),
            tokens: Table::default(),
            words: Table::default(),
            proper_names: Table::default(),
            descriptors: Table::default(),
        }
    }

    /// What the lexicon says about `word` (memoised for words of the document).
    #[inline]
    fn word(&self, word: &str) -> WordInfo {
        self.memo.get_or(&self.words, word, |w| self.lex.word(w))
    }

    /// Whether `word` is in `set`, ignoring ASCII case.
    #[inline]
    fn has(&self, set: &WordSet, word: &str) -> bool {
        self.word(word).is_in(set)
    }

    /// The reporting-verb class of `word`, ignoring ASCII case.
    #[inline]
    fn verb_class(&self, word: &str) -> Option<VerbClass> {
        self.word(word).verb_class()
    }

    #[inline]
    fn is_pronoun(&self, word: &str) -> bool {
        self.word(word).is_pronoun()
    }

    // ----- words ---------------------------------------------------------

    /// A word: letters and digits with inner hyphens, apostrophes, dots and
    /// ampersands ("state-run", "Russia’s", "U.S", "AT&T"); a possessive
    /// apostrophe after s ("Natixis’"); the dot of an initial or a listed
    /// abbreviation ("T.N.", "Dr.").
    fn token<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
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
    fn word_in<'a>(&self, i: &'a str, set: &crate::rules::lexicon::WordSet) -> Res<'a, &'a str> {
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
    fn proper_name<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
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
    fn title<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
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

    fn head_of(&self, word: &str) -> Option<Head> {
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
    fn descriptor<'a>(&self, i: &'a str) -> Res<'a, (&'a str, Head)> {
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

    // ----- speaker phrases -------------------------------------------------

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
    fn split_leading_role<'a>(&self, name: &'a str) -> (Option<&'a str>, &'a str) {
        match name.split_once(' ') {
            Some((first, rest)) if self.has(&self.lex.role_nouns, first) && rest.contains(' ') => (Some(first), rest),
            _ => (None, name),
        }
    }

    /// One speaker phrase.
    fn speaker<'a>(&self, i: &'a str) -> Res<'a, Np<'a>> {
        alt((
            |j| self.pronoun_np(j),
            |j| self.possessive_np(j),
            |j| self.titled_name(j),
            |j| self.described_np(j),
            |j| self.named_np(j),
        ))
        .parse(i)
    }

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
        // An appositive is at most 16 words; looking further is wasted.
        const MOST_BYTES: usize = 256;
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
            let inside_word = body_start[at + 1..].starts_with(char::is_alphanumeric);
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
        if !closed || body.trim().is_empty() || body.split_whitespace().count() > 16 || body.contains('\n') {
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
        let mut role_end = body.len();
        let mut affiliation = None;
        let mut has_role = false;
        let mut rest = body;
        let mut previous = "";
        while let Ok((r, word)) = (ws, |j| self.token(j)).parse(rest).map(|(r, (_, w))| (r, w)) {
            // After a determiner or preposition a verb form is a noun: ", one
            // of the states in the case," names no statement.
            let nominal = self.has(&self.lex.determiners, previous) || self.has(&self.lex.prepositions, previous);
            if (self.verb_class(word).is_some() && !nominal) || self.has(&self.lex.be_verbs, word) {
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
        // ", a Kentucky Republican,", ", an Averley native,": an indefinite
        // noun phrase after a name describes the person.
        let indefinite = matches!(body.split_whitespace().next(), Some("a" | "an" | "one" | "another"))
            && body.split_whitespace().count() <= 12;
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
        let rest = match (comma, alt((party_tag, age)), comma).parse(rest) {
            Ok((after, _)) if np.name.is_some() => {
                np.extent = &i[..i.len() - after.len()];
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
        let titled = np.role.is_some() && np.name.is_some() && np.affiliation.is_none();
        if np.pronoun
            || (np.role.is_some() && !titled)
            || !matches!(np.class, SpeakerClass::Person | SpeakerClass::Organization)
        {
            return Ok((rest, np));
        }
        match self.appositive(rest) {
            Ok((after, (role, affiliation))) => {
                np.role = np.role.or(Some(role));
                np.affiliation = affiliation;
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
    fn speakers<'a>(&self, i: &'a str) -> Res<'a, Vec<Np<'a>>> {
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

    /// A reporting verb, or a verb that reports speech only beside a
    /// quotation ("“…,” she continued"), at the start of `i`.
    fn quote_cue<'a>(&self, i: &'a str) -> Res<'a, (&'a str, VerbClass)> {
        self.cue(i).or_else(|_| {
            let (rest, word) = self.token(i)?;
            let two_words = (ws1, |j| self.token(j))
                .parse(rest)
                .ok()
                .map(|(r, _)| (r, &i[..i.len() - r.len()]));
            match two_words {
                Some((r, phrase)) if self.has(&self.lex.quote_verbs, phrase) => Ok((r, (phrase, VerbClass::Neutral))),
                _ if word.starts_with(char::is_lowercase) && self.has(&self.lex.quote_verbs, word) => {
                    Ok((rest, (word, VerbClass::Neutral)))
                }
                _ => fail(i),
            }
        })
    }

    /// A reporting verb (one to three words) at the start of `i`.
    fn cue<'a>(&self, i: &'a str) -> Res<'a, (&'a str, VerbClass)> {
        let mut ends = [0usize; 3];
        let mut count = 0;
        let mut rest = i;
        while count < 3 {
            let step = if count == 0 {
                self.token(rest)
            } else {
                (ws1, |j| self.token(j)).parse(rest).map(|(r, (_, t))| (r, t))
            };
            let Ok((r, _)) = step else { break };
            rest = r;
            ends[count] = i.len() - r.len();
            count += 1;
        }
        // Reporting verbs are lower case in running text: "the United States"
        // holds no verb.
        if !i.starts_with(|c: char| c.is_lowercase()) {
            return fail(i);
        }
        for &end in ends[..count].iter().rev() {
            if let Some(class) = self.verb_class(&i[..end]) {
                return Ok((&i[end..], (&i[..end], class)));
            }
        }
        fail(i)
    }

    /// A verb's base form ("say", "state"), which has an -s form in the lexicon.
    fn is_bare_form(&self, cue: &str) -> bool {
        !cue.contains(' ') && self.verb_class(&format!("{cue}s")).is_some()
    }

    /// A singular third-person subject: a name, "the ministry", "he".
    fn is_singular(&self, np: &Np<'_>) -> bool {
        if np.pronoun {
            return self.has(&self.lex.pronouns_singular, np.text) || self.has(&self.lex.pronouns_neuter, np.text);
        }
        let head = np.text.split_whitespace().next_back().unwrap_or_default();
        if self.has(&self.lex.plural_collectives, head) {
            return false;
        }
        // "Harbourites say", "Greens say": one capitalised word in -s
        // before a bare verb names a group (a singular "Jones" takes "says").
        if !np.text.contains(' ') && np.text.ends_with('s') && !np.text.ends_with("ss") {
            return false;
        }
        match np.class {
            SpeakerClass::Person | SpeakerClass::Organization => true,
            SpeakerClass::Vague => false,
            _ => !np.text.ends_with('s'),
        }
    }

    /// Words allowed between a speaker and the cue: auxiliaries and adverbs
    /// ("has recently", "later"), or a short post-modifier of a description
    /// ("familiar with the talks", "for the ministry").
    fn gap_allows(&self, np: &Np<'_>, gap: &str) -> bool {
        let gap = gap.trim();
        if gap.is_empty() {
            return true;
        }
        // Every gap is tried for every candidate subject before a verb, most
        // of them long and rejected: the words are read into a buffer only as
        // far as any test below counts them (`words` is the first
        // `MOST_WORDS + 1`), and the tests that need them all read them lazily.
        const MOST_WORDS: usize = 16;
        let mut buffer = [""; MOST_WORDS + 1];
        let mut count = 0;
        for (slot, word) in buffer.iter_mut().zip(gap.split_whitespace()) {
            *slot = word;
            count += 1;
        }
        let words = &buffer[..count];
        let all_read = count <= MOST_WORDS;
        // ", at a later press briefing,": a prepositional phrase set off by
        // commas, between any subject and its verb.
        if let Some(inner) = gap.strip_prefix(',').and_then(|g| g.strip_suffix(',')) {
            let mut inner_words = inner.split_whitespace();
            let opens_with_preposition = inner_words
                .clone()
                .next()
                .is_some_and(|w| self.has(&self.lex.prepositions, w));
            if opens_with_preposition
                && inner_words.clone().nth(8).is_none()
                && !inner.contains([',', '“', '"', '”'])
                && inner_words.all(|w| self.verb_class(w).is_none() && !self.has(&self.lex.be_verbs, w))
            {
                return true;
            }
        }
        // "has recently", "cynically": auxiliaries and adverbs in -ly.
        let adverb = |w: &str| w.len() > 4 && w.ends_with("ly") && w.starts_with(char::is_lowercase);
        if !gap.contains(',')
            && gap
                .split_whitespace()
                .all(|w| self.has(&self.lex.auxiliaries, w.trim_end_matches(',')) || adverb(w))
        {
            return true;
        }
        // "a reporter who asked about money": the verb is the relative
        // clause's, describing the phrase; the sentence's verb comes later.
        if matches!(words, ["who" | "which" | "that"]) {
            return false;
        }
        // "drafted by Mara Voss, who said …": a relative clause set off by a
        // comma reports what the phrase before it said.
        if let [",", "who", rest @ ..] | [",who", rest @ ..] = words {
            // ", who in 2010 said": auxiliaries, or one short phrase of time
            // or place with no verb in it.
            let short_phrase = rest.len() <= 4
                && rest.first().is_some_and(|w| self.has(&self.lex.prepositions, w))
                && rest.iter().all(|w| {
                    self.verb_class(w).is_none() && !self.has(&self.lex.be_verbs, w) && !w.contains([',', '“', '"'])
                });
            let auxiliary = |w: &str| self.has(&self.lex.auxiliaries, w);
            return short_phrase
                || (rest.iter().all(|w| auxiliary(w))
                    && (all_read || gap.split_whitespace().skip(words.len()).all(auxiliary)));
        }
        let described = !np.pronoun && np.name.is_none();
        // "Officials at Harbour Investigations, a division of the ministry,
        // said": a post-modifier, then an appositive of its last noun.
        if let Some((modifier, appositive)) = gap.split_once(',').filter(|_| described) {
            let appositive = appositive.trim();
            let inner = appositive.strip_suffix(',').unwrap_or(appositive);
            let no_verbs = |part: &str| {
                part.split_whitespace()
                    .all(|w| self.verb_class(w).is_none() && !self.has(&self.lex.be_verbs, w))
            };
            let modifier_words = modifier.split_whitespace().take(9).count();
            if appositive.ends_with(',')
                && !inner.contains([',', '“', '"', '”'])
                && modifier
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| self.has(&self.lex.prepositions, w))
                && inner
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| is_any_ignoring_ascii_case(w, &["a", "an", "the"]))
                && modifier_words <= 8
                && inner.split_whitespace().nth(12).is_none()
                && no_verbs(modifier)
                && no_verbs(inner)
            {
                return true;
            }
        }
        if described && words.len() <= 10 && !gap.contains([',', '“', '"', '”']) {
            let first = words[0];
            // "protesters marching through the streets": a participle phrase
            // describes the subject, unless the participle is itself a cue.
            let participle = first.ends_with("ing")
                && first.starts_with(char::is_lowercase)
                && self.verb_class(first).is_none()
                && !self.has(&self.lex.quote_verbs, first);
            let starts_modifier = participle
                || self.has(&self.lex.prepositions, first)
                || self.has(&self.lex.post_modifier_openers, first);
            let no_verbs = words[..words.len() - 1]
                .iter()
                .all(|w| !self.has(&self.lex.be_verbs, w));
            // Auxiliaries and adverbs may close the gap ("for the ministry has
            // since said"); inside it they start a clause of their own ("over
            // budget by 2028 and the council will have nobody to blame").
            let modifier_words = words
                .iter()
                .rposition(|w| !self.has(&self.lex.auxiliaries, w))
                .map_or(&words[..0], |last| &words[..=last]);
            let no_clause = modifier_words.iter().all(|w| !self.has(&self.lex.auxiliaries, w));
            return starts_modifier && no_verbs && no_clause;
        }
        false
    }

    // ----- frames ------------------------------------------------------------

    /// Find every attribution in a document.
    pub fn attributions(&self, doc: &Document<'_>) -> Vec<Attribution> {
        let _bound = self.memo.bind(&doc.text);
        let mut found: Vec<Attribution> = Vec::new();
        // Cues taken by a frame in the current sentence.
        let mut used_cues: Vec<Span> = Vec::new();
        let text: &str = &doc.text;
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if sentence.hits.is_empty() && !has_quote_close(doc, sentence.span) {
                continue;
            }
            used_cues.clear();
            self.quote_then_speaker(doc, s, &mut found, &mut used_cues);
            // Kept sorted so that a run-on sentence with thousands of cues
            // costs a binary search per hit, not a scan.
            used_cues.sort_unstable();
            for hit in doc.hits_in(s) {
                if hit.kinds.has(PhraseKind::ReportingVerb) && !overlaps_any(&used_cues, hit.span) {
                    let cue_text = hit.span.slice(text);
                    if cue_text.eq_ignore_ascii_case("according to") {
                        self.according_to(doc, s, hit.span, &mut found);
                    } else if !doc.in_quote(hit.span.start) {
                        let lower = cue_text.starts_with(|c: char| c.is_lowercase());
                        // "she said he expected …": a belief inside reported
                        // speech is part of that content, not a new source.
                        let nested_belief = hit.verb == Some(VerbClass::Mental)
                            && found
                                .iter()
                                .rev()
                                .take(8)
                                .any(|a| a.content.is_some_and(|c| c.covers(hit.span)));
                        if nested_belief {
                            continue;
                        }
                        if let Some(class) = hit.verb.filter(|_| lower) {
                            if self.subject_then_cue(doc, s, Cue { span: hit.span, class }, &mut found) {
                                insert_sorted(&mut used_cues, hit.span);
                            }
                        }
                    }
                }
            }
            for hit in doc.hits_in(s) {
                let quote_only = hit.kinds.has(PhraseKind::QuoteVerb) || hit.kinds.has(PhraseKind::NamingVerb);
                if !quote_only || hit.kinds.has(PhraseKind::ReportingVerb) || overlaps_any(&used_cues, hit.span) {
                    continue;
                }
                let cue_text = hit.span.slice(text);
                // "so-called": a hyphen joins the verb to a word before it.
                let hyphenated = text[..hit.span.start].ends_with('-');
                if doc.in_quote(hit.span.start) || hyphenated || !cue_text.starts_with(|c: char| c.is_lowercase()) {
                    continue;
                }
                // "Arce says she admired what she calls a “war of words”": a
                // label used by a pronoun inside reported speech is part of that
                // speech, as a belief is.
                let pronoun_before = text[sentence.span.start..hit.span.start]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| self.is_pronoun(w));
                let nested = found
                    .iter()
                    .rev()
                    .take_while(|a| a.sentence == s)
                    .take(RECENT_IN_SENTENCE)
                    .any(|a| a.content.is_some_and(|c| c.covers(hit.span)));
                if pronoun_before && nested {
                    continue;
                }
                let cue = Cue {
                    span: hit.span,
                    class: VerbClass::Neutral,
                };
                let quotation_follows = if hit.kinds.has(PhraseKind::QuoteVerb) {
                    self.quote_follows(doc, hit.span.end, sentence.span.end)
                } else {
                    self.labels_with_quote(doc, hit.span.end, sentence.span.end)
                };
                if quotation_follows && self.subject_then_cue(doc, s, cue, &mut found) {
                    insert_sorted(&mut used_cues, hit.span);
                }
            }
            for hit in doc.hits_of(s, PhraseKind::PassiveVague) {
                self.passive_by(doc, s, hit.span, &mut found);
            }
            for hit in doc.hits_of(s, PhraseKind::VagueSource) {
                let covered = found
                    .iter()
                    .rev()
                    .take_while(|a| a.sentence == s)
                    .take(RECENT_IN_SENTENCE)
                    .any(|a| {
                        a.sentence == s
                            && (a.speaker.extent.overlaps(hit.span) || a.cue.is_some_and(|c| c.span.overlaps(hit.span)))
                    });
                if !covered && !doc.in_quote(hit.span.start) {
                    self.vague_phrase(doc, s, hit.span, &mut found);
                }
            }
        }
        self.speaker_labels(doc, &mut found);
        drop_secondhand_according_to(doc, &mut found);
        attribute_by_continuation(doc, &mut found);
        found.sort_by_key(|a| {
            (
                a.speaker.span.start.min(a.content.map_or(usize::MAX, |c| c.start)),
                a.sentence,
            )
        });
        found
    }

    /// `“…,” X said` and `“…,” said X`, plus the second half of an interrupted
    /// quote: `“…,” X said, “…”`.
    fn quote_then_speaker(&self, doc: &Document<'_>, s: usize, found: &mut Vec<Attribution>, used: &mut Vec<Span>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        // Only quotes starting in this paragraph or the few before it (a
        // running quotation) can close in this sentence.
        let paragraph = doc.sentences[s].paragraph;
        let from = doc.paragraphs[paragraph.saturating_sub(4)].span.start;
        let first = doc.quotes.partition_point(|q| q.span().start < from);
        let last = doc.quotes.partition_point(|q| q.span().start < sentence.end);
        // The quotes closing in this sentence, in quote order (a long
        // paragraph holds thousands that close elsewhere).
        let mut closing: Vec<usize> = doc
            .quotes_closing_in(sentence)
            .filter(|q| (first..last).contains(q))
            .collect();
        closing.sort_unstable();
        for q in closing {
            let quote = &doc.quotes[q];
            let Some(close) = quote.close else { continue };
            if quote.depth != 0 || !sentence.contains(close.start) {
                continue;
            }
            let after = &text[close.end..sentence.end];
            let Ok((after, _)) = opt(comma).parse(after) else {
                continue;
            };
            let Ok((after, _)) = ws.parse(after) else { continue };
            let subject_first = (|j| self.speakers(j), ws, |j| self.auxiliaries(j), |j| self.quote_cue(j))
                .parse(after)
                .map(|(r, (nps, _, _, (cue, class)))| (r, nps, cue, class));
            let inverted = (|j| self.quote_cue(j), ws1, |j| self.speakers(j))
                .parse(after)
                .map(|(r, ((cue, class), _, nps))| (r, nps, cue, class));
            // "“…” ― Mira Holt": a quotation signed with a dash, as in
            // readers' responses and epigraphs; the line ends with the name.
            let signed = (
                recognize(alt((tag("―"), tag("—"), tag("–"), tag("--")))),
                ws,
                |j| self.speakers(j),
                take_while(|c: char| matches!(c, '.' | ' ' | '\t')),
            )
                .parse(after)
                .ok()
                .filter(|(r, (_, _, nps, _))| {
                    // The name may be followed by a place or role: "— Kasia Brandt, Averley".
                    let line_rest = r.split(['\n', '\r']).next().unwrap_or_default();
                    line_rest.is_empty()
                        || (line_rest.starts_with(',') && nps.len() == 1 && line_rest.split_whitespace().count() <= 6)
                })
                .map(|(r, (dash, _, nps, _))| (r, nps, dash, VerbClass::Neutral));
            let Some((rest, nps, cue_text, class)) = subject_first.ok().or(inverted.ok()).or(signed) else {
                continue;
            };
            let cue = Cue {
                span: Span::new(offset_in(text, cue_text), offset_in(text, cue_text) + cue_text.len()),
                class,
            };
            let (rest, recipient) = self.recipient(cue_text, rest);
            // "On the broadcast of “Sunday Live,” Dora Vance said her rival
            // was joking", "In an interview on KVR's “Morning Line,” …": a
            // quotation that is the object of a preposition or a possessive
            // is a name, and a verb with a clause of its own reports that.
            let object_of_preposition = quote
                .open
                .filter(|open| sentence.contains(open.start))
                .is_some_and(|open| {
                    let previous = text[sentence.start..open.start].split_whitespace().next_back();
                    previous
                        .is_some_and(|w| self.has(&self.lex.prepositions, w) || w.ends_with("'s") || w.ends_with("’s"))
                });
            let next_word = rest.split_whitespace().next().unwrap_or_default();
            let own_clause = next_word.starts_with(char::is_lowercase)
                && !next_word.ends_with(',')
                && !self.has(&self.lex.prepositions, next_word)
                && !self.has(&self.lex.time_words, next_word)
                && !self.has(&self.lex.auxiliaries, next_word)
                && !self.has(&self.lex.clause_openers, next_word);
            if object_of_preposition && own_clause {
                continue;
            }
            used.push(cue.span);
            // "With thousands of counting systems, “there is no single point
            // of failure,” he said": the writer's lead-in to the quotation,
            // in the same sentence, is part of what the speaker is reported
            // to have said.
            let lead_in = quote
                .open
                // A lead-in is a phrase, not a page: bounding it keeps a run-on
                // sentence full of quotations linear.
                .filter(|open| {
                    sentence.start < open.start
                        && sentence.contains(open.start)
                        && open.start - sentence.start <= 2 * NEAR_BYTES
                })
                // "X scolded him: “…,” she said": a colon hands the quotation to
                // the clause before it, which is then no lead-in.
                .filter(|open| !text[sentence.start..open.start].trim_end().ends_with(':'))
                .map(|open| trim_clause(text, Span::new(sentence.start, open.start)))
                .filter(|lead| {
                    let words = lead.slice(text).split_whitespace().take(3).count();
                    // "Vance said she felt … because “…,” she said": a lead-in
                    // with a reporting verb of its own is another attribution.
                    let own_cue = doc
                        .hits_of(s, PhraseKind::ReportingVerb)
                        .any(|h| lead.covers(h.span) && h.span.slice(text).starts_with(char::is_lowercase));
                    words >= 3
                        && !own_cue
                        && !lead.slice(text).contains([':', '“', '"', '”'])
                        && !overlaps_any(used, *lead)
                });
            let (content, kind) = match lead_in {
                Some(lead) => (Span::new(lead.start, quote.content.end), AttributionKind::Mixed),
                None => (quote.content, AttributionKind::Direct),
            };
            for np in &nps {
                found.push(self.attribution(doc, np, Some(cue), Some(content), recipient, s, Some(q), kind));
            }
            // An interrupted quote continues after the attribution.
            if let Some((next_index, next)) = quote_opening_at(doc, text, rest) {
                for np in &nps {
                    found.push(self.attribution(
                        doc,
                        np,
                        Some(cue),
                        Some(next.content),
                        recipient,
                        s,
                        Some(next_index),
                        AttributionKind::Direct,
                    ));
                }
            }
        }
    }

    fn auxiliaries<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let mut rest = i;
        while let Ok((r, (_, _))) = (|j| self.word_in(j, &self.lex.auxiliaries), ws1).parse(rest) {
            rest = r;
        }
        Ok((rest, &i[..i.len() - rest.len()]))
    }

    /// Whether a quotation opens right after a verb, after a comma or colon
    /// and at most a short adverbial: "continued, “…”", "went on Monday: “…”".
    fn quote_follows(&self, doc: &Document<'_>, from: usize, sentence_end: usize) -> bool {
        self.quote_after_adverbial(doc, from, sentence_end).is_some()
    }

    /// The quotation that opens after a cue and a short adverbial or
    /// audience ("told his audience on Monday, “…”", "said Thursday on Fox
    /// News: “…”"), with its index. The words between hold no verb and no
    /// "that", and end with a comma or colon.
    fn quote_after_adverbial<'d>(
        &self,
        doc: &'d Document<'_>,
        from: usize,
        sentence_end: usize,
    ) -> Option<(usize, &'d Quote)> {
        const MOST_WORDS: usize = 10;
        let text: &str = &doc.text;
        let after = &text[from..sentence_end];
        let lead = after.trim_start().trim_start_matches([',', ':']).trim_start();
        if let Some(found) = quote_opening_at(doc, text, lead) {
            return Some(found);
        }
        // "He said:" or "She continued:" closing its paragraph, the quotation
        // opening the next one.
        if after.trim() == ":" {
            let next = doc.quotes.partition_point(|q| q.span().start < from);
            let paragraph = doc.sentence_at(from).map(|s| doc.sentences[s].paragraph)?;
            return doc
                .quotes
                .get(next)
                .filter(|q| {
                    q.depth == 0
                        && doc
                            .paragraphs
                            .get(paragraph + 1)
                            .is_some_and(|p| p.span.start == q.span().start)
                })
                .map(|q| (next, q));
        }
        // Only a short stretch after the cue can hold the adverbial: looking
        // further would cost the whole sentence for every cue in it.
        let opening = after[..floor_char_boundary(after, NEAR_BYTES)].find(is_opening_mark)?;
        let between = after[..opening].trim_end();
        if !between.ends_with([',', ':']) {
            return None;
        }
        let words: Vec<&str> = between.split_whitespace().collect();
        let clause_like = words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.eq_ignore_ascii_case("that")
                || self.verb_class(w).is_some()
                || self.has(&self.lex.be_verbs, w)
                || self.has(&self.lex.auxiliaries, w)
        });
        if words.len() > MOST_WORDS || clause_like || between.contains([';', '.', '(', ')']) {
            return None;
        }
        quote_opening_at(doc, text, &after[opening..])
    }

    /// Whether a naming verb labels its object with a quotation: "called
    /// the plan “a farce”", "dubbed him “the Fixer”". The quotation opens
    /// within a few words, with no clause punctuation before it.
    fn labels_with_quote(&self, doc: &Document<'_>, from: usize, sentence_end: usize) -> bool {
        const MOST_WORDS: usize = 8;
        let text: &str = &doc.text;
        let after = &text[from..sentence_end];
        let Some(opening) = after[..floor_char_boundary(after, NEAR_BYTES)].find(is_opening_mark) else {
            return false;
        };
        let object = &after[..opening];
        // "on a call with reporters": after a determiner the word is a noun.
        let previous_word = text[..from].split_whitespace().nth_back(1).unwrap_or_default();
        if self.has(&self.lex.determiners, previous_word) || object.trim_start().starts_with("that ") {
            return false;
        }
        // "called for": a different verb.
        let first = object.split_whitespace().next().unwrap_or_default();
        if first.eq_ignore_ascii_case("for") || first.eq_ignore_ascii_case("on") || first.eq_ignore_ascii_case("off") {
            return false;
        }
        // "Mr." and other abbreviations may sit in the object; a full stop may not.
        let full_stop = object
            .split_whitespace()
            .any(|w| w.contains('.') && !self.lex.abbreviations.contains(w));
        object.split_whitespace().count() <= MOST_WORDS
            && !full_stop
            && !object.contains([',', ';', ':', '(', ')'])
            && quote_opening_at(doc, text, &after[opening..]).is_some()
    }

    /// "told Al Jazeera", "said to reporters", "told the Valley Courier".
    fn recipient<'a>(&self, cue: &str, after: &'a str) -> (&'a str, Option<&'a str>) {
        let lower_tell = is_any_ignoring_ascii_case(cue, &["told", "tell", "tells", "telling"]);
        let parsed = if lower_tell {
            (ws1, |j| self.recipient_np(j)).parse(after).map(|(r, (_, n))| (r, n))
        } else {
            (ws1, tag_no_case("to"), ws1, |j| self.recipient_np(j))
                .parse(after)
                .map(|(r, (_, _, _, n))| (r, n))
        };
        match parsed {
            Ok((rest, np)) => (rest, Some(np)),
            Err(_) => (after, None),
        }
    }

    /// An outlet or audience: "Al Jazeera", "the Valley Courier", "reporters", "a local newspaper".
    fn recipient_np<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let (rest, det) = opt((|j| self.word_in(j, &self.lex.determiners), ws1)).parse(i)?;
        let named = self.proper_name(rest);
        let (rest, _) = match named {
            Ok(ok) => ok,
            Err(_) => {
                let (r, (_, head)) = self.descriptor(rest)?;
                if !matches!(head, Head::Outlet | Head::Organization | Head::Role | Head::Anonymous) {
                    return fail(i);
                }
                (r, "")
            }
        };
        let _ = det;
        // "told KVR's “Harbour Hour” that …": an outlet's programme, named in
        // quotation marks, is the audience, not what was said.
        let owner = &i[..i.len() - rest.len()];
        let rest = if owner.ends_with("'s") || owner.ends_with("’s") {
            programme_title(rest).map_or(rest, |title| &rest[title..])
        } else {
            rest
        };
        Ok((rest, &i[..i.len() - rest.len()]))
    }

    /// `X said (that) …`, `X told OUTLET …`, `X, the ROLE of ORG, said: “…”`,
    /// `…, two ministers said.` Anchored at a reporting verb; the speaker is
    /// the earliest phrase that runs up to the verb.
    fn subject_then_cue(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let before = &text[sentence.start..cue.span.start];
        // "the secretary of state", "a claim": after an article or a
        // preposition the word is a noun ("to say" is an infinitive). Other
        // determiners can stand alone as subjects ("others say", "two said").
        let previous_word = before.split_whitespace().next_back().unwrap_or_default();
        let article = matches!(previous_word.to_ascii_lowercase().as_str(), "a" | "an" | "the");
        if previous_word != "to" && (article || self.has(&self.lex.prepositions, previous_word)) {
            return false;
        }
        if self.shared_subject(doc, s, cue, found)
            || self.participle_clause(doc, s, cue, found)
            || self.named_participle(doc, s, cue, found)
        {
            return true;
        }
        // Candidate starts: every word start before the cue, earliest first.
        // A speaker phrase, appositive included, is never longer than this
        // many words: only word starts that close to the verb are tried.
        const SPEAKER_WINDOW_WORDS: usize = 32;
        let window_start = before
            .char_indices()
            .rev()
            .filter(|&(_, c)| c.is_whitespace())
            .nth(SPEAKER_WINDOW_WORDS)
            .map_or(0, |(i, _)| i);
        let mut starts = Vec::new();
        let mut at_boundary = true;
        for (index, c) in before[window_start..]
            .char_indices()
            .map(|(i, c)| (i + window_start, c))
        {
            let boundary = c.is_whitespace()
                || matches!(c, ',' | ';' | ':' | '(' | '—' | '–')
                || is_opening_mark(c)
                || matches!(c, '”' | '’');
            if at_boundary && !boundary {
                starts.push(index);
            }
            at_boundary = boundary;
        }
        for start in starts {
            // A word inside another frame's speaker ("according to Qingdao Xu,
            // a scholar, suggested") does not start this verb's subject.
            let absolute = sentence.start + start;
            if found
                .iter()
                .rev()
                .take_while(|a| a.sentence == s)
                .take(RECENT_IN_SENTENCE)
                .any(|a| a.speaker.extent.start < absolute && absolute < a.speaker.extent.end)
            {
                continue;
            }
            let input = &text[sentence.start + start..sentence.end];
            // "that neither candidate had explained": a complementizer is not
            // part of a speaker, and a negated subject made no statement.
            let first_word = input.split_whitespace().next().unwrap_or_default();
            let previous_word = text[sentence.start..sentence.start + start]
                .split_whitespace()
                .next_back()
                .unwrap_or_default();
            let negated = |w: &str| self.has(&self.lex.negators, w);
            if first_word.eq_ignore_ascii_case("that") || negated(first_word) || negated(previous_word) {
                continue;
            }
            // "rated half of Harbour claims as …": a phrase right after a
            // preposition is its object, the subject only of a relative
            // clause ("drafted by Mara Voss, who said …").
            let after_preposition = self.has(&self.lex.prepositions, previous_word);
            let Ok((rest, nps)) = self.speakers(input) else {
                continue;
            };
            let rest_at = offset_in(text, rest);
            if rest_at > cue.span.start {
                continue;
            }
            let gap = without_relative_clause(&text[rest_at..cue.span.start]);
            let gap = self.without_progressive_be(gap, cue.span.slice(text));
            // "Vance had shown bad judgment": what a person shows is not a report.
            let personal = |np: &Np<'_>| {
                np.class == SpeakerClass::Person
                    || (np.pronoun
                        && !self.has(&self.lex.pronouns_neuter, np.text)
                        && !self.has(&self.lex.pronouns_plural, np.text))
            };
            if self.has(&self.lex.evidence_verbs, cue.span.slice(text)) && nps.iter().any(personal) {
                continue;
            }
            // "Mr. Lind's remarks": a possessive right before a noun-like
            // verb form owns it; it does not say it.
            let possessive = |np: &Np<'_>| !np.pronoun && (np.extent.ends_with("'s") || np.extent.ends_with("’s"));
            if gap.trim().is_empty() && nps.last().is_some_and(possessive) {
                continue;
            }
            if after_preposition && !gap.trim_start().starts_with(", who") {
                continue;
            }
            // "One of them, Lise Armand, said": a name set off by commas.
            let set_off = gap.trim() == ","
                && (text[sentence.start..sentence.start + start].trim_end().ends_with(',')
                    || nps.iter().any(|np| np.extent.contains(',')));
            if !set_off && !nps.iter().all(|np| self.gap_allows(np, gap)) {
                continue;
            }
            // "did not respond", "declined to comment": nothing was said.
            if gap.split_whitespace().any(|w| matches!(w, "not" | "never"))
                || gap.contains("n't")
                || gap.contains("n’t")
            {
                return false;
            }
            // "X is expected to": a form of "be" before the verb makes it passive.
            if gap.split_whitespace().any(|w| self.has(&self.lex.be_verbs, w)) {
                continue;
            }
            // "… according to Qingdao Xu, a scholar, suggested": the phrase
            // after "according to" is that frame's speaker, not this verb's.
            if ends_with_ignoring_ascii_case(text[sentence.start..sentence.start + start].trim_end(), "according to") {
                continue;
            }
            // "Russian state media": a singular subject does not take a bare
            // verb ("Russian state"), a plural one does ("critics say").
            if gap.trim().is_empty()
                && self.is_bare_form(cue.span.slice(text))
                && nps.len() == 1
                && self.is_singular(&nps[0])
            {
                continue;
            }
            let cue_text = cue.span.slice(text);
            let after = &text[cue.span.end..sentence.end];
            let (after, mut recipient) = self.recipient(cue_text, after);
            if self.is_infinitive_complement(after, 0) {
                return false;
            }
            // "He said he would ask the umpires for the footage": a request
            // inside reported speech is part of that content, not a new source.
            let nested = found
                .iter()
                .rev()
                .take_while(|a| a.sentence == s)
                .take(RECENT_IN_SENTENCE)
                .any(|a| a.content.is_some_and(|c| c.covers(cue.span)));
            if nested && (self.is_infinitive_complement(after, 4) || self.is_request_for(after)) {
                return false;
            }
            if recipient.is_none() {
                // "In an interview with OUTLET, X said": the phrase sits just
                // before the speaker; looking only there keeps long sentences linear.
                let near = &before[ceil_char_boundary(before, before.len().saturating_sub(4 * NEAR_BYTES))..];
                recipient = interview_recipient(near);
            }
            let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), sentence.start + start);
            for np in &nps {
                found.push(self.attribution(doc, np, Some(cue), content, recipient, s, quote, kind));
            }
            return true;
        }
        self.cue_then_subject(doc, s, cue, found)
    }

    /// The gap before an -ing cue without its closing form of "be" and the
    /// auxiliaries around it: "is now calling", "has been telling" make the
    /// progressive of the cue ("Vance is calling the plan “a farce”"), not the
    /// passive that "be" makes of a participle ("is expected to").
    fn without_progressive_be<'a>(&self, gap: &'a str, cue: &str) -> &'a str {
        if !cue.ends_with("ing") {
            return gap;
        }
        let mut kept = gap.trim_end();
        let mut saw_be = false;
        while let Some(word) = kept.split_whitespace().next_back() {
            let be = self.has(&self.lex.be_verbs, word);
            if !be && !self.has(&self.lex.auxiliaries, word) {
                break;
            }
            saw_be |= be;
            kept = kept[..kept.len() - word.len()].trim_end();
        }
        if saw_be {
            &gap[..kept.len()]
        } else {
            gap
        }
    }

    /// "agreed to abstain", "asked the ministry to suspend the fees": a verb
    /// whose complement is an action (an infinitive, after at most a short
    /// object) reports a decision or a request, not a statement.
    fn is_infinitive_complement(&self, after: &str, most_object_words: usize) -> bool {
        let mut words = after.split_whitespace();
        for _ in 0..=most_object_words {
            let Some(word) = words.next() else { return false };
            if word == "to" {
                return words.next().is_some_and(|next| {
                    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
                    next.starts_with(char::is_lowercase)
                        && !self.has(&self.lex.determiners, next)
                        && !self.is_pronoun(next)
                        && !self.has(&self.lex.object_pronouns, next)
                        && self.head_of(next).is_none()
                });
            }
            let clause_word = word.contains([',', ';', ':', '“', '"', '.'])
                || word == "that"
                || self.has(&self.lex.auxiliaries, word)
                || self.has(&self.lex.be_verbs, word)
                || self.verb_class(word).is_some();
            if clause_word {
                return false;
            }
        }
        false
    }

    /// "asked the treasury for money": an object, then "for" and what is
    /// asked for.
    fn is_request_for(&self, after: &str) -> bool {
        const MOST_OBJECT_WORDS: usize = 4;
        after
            .split_whitespace()
            .take(MOST_OBJECT_WORDS + 1)
            .skip(1)
            .take_while(|w| !w.contains([',', ';', ':', '“', '"', '.']) && *w != "that")
            .any(|w| w == "for")
    }

    /// `He admitted that … and said he would stay.`: a second verb sharing the
    /// subject of an attribution earlier in the sentence. The earlier content
    /// ends where the second verb's conjunction starts.
    fn shared_subject(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        // Only this sentence's attributions, which are the last ones found.
        let previous = latest_cue_before(found, s, cue);
        // "said the review would cover the mines and report by May": a bare
        // verb after a past-tense cue belongs to the reported clause.
        if let Some(previous) = previous {
            let earlier_cue = found[previous].cue.map_or("", |c| c.span.slice(text));
            if self.is_bare_form(cue.span.slice(text)) != self.is_bare_form(earlier_cue) {
                return false;
            }
        }
        let before = text[sentence.start..cue.span.start].trim_end();
        let mut rest = before;
        while let Some((head, last)) = rest.rsplit_once(char::is_whitespace) {
            if self.has(&self.lex.auxiliaries, last) {
                rest = head.trim_end();
            } else {
                break;
            }
        }
        let Some(conjunction) = ["and", "but"]
            .iter()
            .find(|c| rest.ends_with(*c) && rest[..rest.len() - c.len()].ends_with([' ', ',']))
        else {
            return false;
        };
        let conjunction_start = sentence.start + rest.len() - conjunction.len();
        let (after, recipient) = self.recipient(cue.span.slice(text), &text[cue.span.end..sentence.end]);
        // Only what follows the second verb can be its content: the clause
        // before the conjunction is the earlier verb's. "said his client
        // accepted the transfers but denied any dishonesty": with nothing
        // reported after it, the verb belongs to the reported clause and
        // the earlier content stays whole.
        let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), sentence.start);
        let speaker = match previous {
            // "Vance toured the pier and said the ferry would run": with no
            // earlier cue, the subject opening the sentence did both.
            None => match content.and_then(|_| self.opening_subject(doc, s, conjunction_start)) {
                Some(speaker) => speaker,
                None => return false,
            },
            Some(_) if content.is_none() => return true,
            Some(previous) => {
                let earlier = &mut found[previous];
                if let Some(content) = earlier
                    .content
                    .filter(|c| c.start < conjunction_start && c.end > conjunction_start)
                {
                    earlier.content = Some(trim_clause(text, Span::new(content.start, conjunction_start)));
                }
                earlier.speaker.clone()
            }
        };
        found.push(Attribution {
            kind,
            speaker,
            cue: Some(cue),
            content,
            recipient: recipient.map(|r| Span::new(offset_in(text, r), offset_in(text, r) + r.len())),
            sentence: s,
            quote,
            speaker_id: None,
        });
        true
    }

    /// The speaker phrase opening sentence `s`, when it is the subject of a
    /// verb of its own before `until` ("Mira Holt wrote to the council", "The
    /// union met on Monday"): a name, an organisation or a pronoun.
    fn opening_subject(&self, doc: &Document<'_>, s: usize, until: usize) -> Option<SpeakerPhrase> {
        const MOST_ADVERBIAL_WORDS: usize = 12;
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let mut opening = &text[sentence.start..until];
        // "During a speech on Monday, Vance attacked …": an adverbial phrase
        // opening with a preposition and closed by a comma comes first.
        let first_word = opening.split_whitespace().next().unwrap_or_default();
        if self.has(&self.lex.prepositions, first_word) || self.has(&self.lex.time_words, first_word) {
            let adverbial = opening.split_inclusive(',').next().unwrap_or_default();
            let words = adverbial.split_whitespace().count();
            if adverbial.ends_with(',') && words <= MOST_ADVERBIAL_WORDS && !adverbial.contains(['“', '"']) {
                opening = opening[adverbial.len()..].trim_start();
            }
        }
        let (rest, nps) = self.speakers(opening).ok()?;
        // The subject must be followed by its own verb, not be the whole clause.
        let next_word = rest.split_whitespace().next().unwrap_or_default();
        let is_subject = nps.len() == 1
            && !next_word.is_empty()
            && next_word.starts_with(char::is_lowercase)
            && !self.has(&self.lex.prepositions, next_word)
            && matches!(
                nps[0].class,
                SpeakerClass::Person | SpeakerClass::Organization | SpeakerClass::PronounUnresolved
            );
        is_subject.then(|| {
            self.attribution(doc, &nps[0], None, None, None, s, None, AttributionKind::Indirect)
                .speaker
        })
    }

    /// `Mira Holt wrote to the council on Friday, saying the plan was “dead”.`:
    /// a participle after a comma reports what the sentence's subject said.
    /// The subject is the speaker of an earlier attribution in the sentence,
    /// or a speaker phrase opening the sentence.
    fn participle_clause(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let cue_text = cue.span.slice(text);
        let before = text[sentence.start..cue.span.start].trim_end();
        // "issued a statement Friday saying …": a participle right after a
        // message (and when it came) carries what the sender said.
        let after_message = || {
            let mut words = before
                .split_whitespace()
                .rev()
                .skip_while(|w| self.has(&self.lex.time_words, w));
            words.next().is_some_and(|w| {
                let singular = w.strip_suffix('s').unwrap_or(w);
                w.starts_with(char::is_lowercase)
                    && (self.has(&self.lex.document_heads, w) || self.has(&self.lex.document_heads, singular))
            })
        };
        if !cue_text.ends_with("ing") || !(before.ends_with(',') || after_message()) {
            return false;
        }
        let earlier_index = latest_cue_before(found, s, cue);
        let earlier = earlier_index.map(|i| found[i].speaker.clone());
        let speaker = match earlier {
            Some(speaker) => speaker,
            None => match self.opening_subject(doc, s, cue.span.start) {
                Some(speaker) => speaker,
                None => return false,
            },
        };
        let (after, recipient) = self.recipient(cue_text, &text[cue.span.end..sentence.end]);
        let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), cue.span.start);
        if content.is_none() {
            return false;
        }
        let recipient = recipient.map(|r| Span::new(offset_in(text, r), offset_in(text, r) + r.len()));
        // "wrote to the council, saying …", "posted messages, saying …": the
        // participle carries what was said; the first verb's own content, if
        // any, is only its object.
        if let Some(i) = earlier_index.filter(|&i| found[i].content.is_none_or(|c| c.covers(cue.span))) {
            found.remove(i);
        }
        found.push(Attribution {
            kind,
            speaker,
            cue: Some(cue),
            content,
            recipient,
            sentence: s,
            quote,
            speaker_id: None,
        });
        true
    }

    /// `The ad shows footage of Dora Vance saying, “…”`: a participle right
    /// after a name (no comma between) reports what that person said, not
    /// what the sentence's subject did.
    fn named_participle(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
        const NAME_WORDS: usize = 6;
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        if !cue.span.slice(text).ends_with("ing") {
            return false;
        }
        let before = &text[sentence.start..cue.span.start];
        if before.trim_end().ends_with(',') {
            return false;
        }
        // Word starts among the last few words before the participle, farthest first.
        let mut starts: Vec<usize> = before
            .char_indices()
            .rev()
            .map(|(i, c)| (i + c.len_utf8(), c))
            .filter(|&(next, c)| c.is_whitespace() && !before[next..].starts_with(char::is_whitespace))
            .map(|(next, _)| next)
            .take(NAME_WORDS)
            .collect();
        starts.reverse();
        for start in starts {
            let input = &text[sentence.start + start..sentence.end];
            let Ok((rest, nps)) = self.speakers(input) else {
                continue;
            };
            let named = nps.iter().all(|np| np.name.is_some() && !np.pronoun);
            // A name may run past the participle ("Saying Grace"): then it is no subject.
            let rest_at = offset_in(text, rest);
            if !named || rest_at > cue.span.start || !text[rest_at..cue.span.start].trim().is_empty() {
                continue;
            }
            let (after, recipient) = self.recipient(cue.span.slice(text), &text[cue.span.end..sentence.end]);
            let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), sentence.start);
            if content.is_none() {
                return false;
            }
            for np in &nps {
                found.push(self.attribution(doc, np, Some(cue), content, recipient, s, quote, kind));
            }
            return true;
        }
        false
    }

    /// `…, said Mara Voss, who chairs the traders' association.`: an inverted
    /// attribution after the content it reports.
    fn cue_then_subject(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let before = text[sentence.start..cue.span.start].trim_end();
        if !before.ends_with(',') {
            return false;
        }
        if is_any_ignoring_ascii_case(cue.span.slice(text), &["told", "tell", "tells", "telling"]) {
            return false; // "…, told the chamber": an object, not an inverted subject
        }
        let after = &text[cue.span.end..sentence.end];
        let Ok((rest, (_, nps))) = (ws1, |j| self.speakers(j)).parse(after) else {
            return false;
        };
        let ends_clause = rest.trim_start().is_empty() || rest.trim_start().starts_with(['.', ',', ';', '!', '?']);
        if !ends_clause {
            return false;
        }
        let content = trim_clause(text, Span::new(sentence.start, sentence.start + before.len() - 1));
        if content.slice(text).split_whitespace().take(3).count() < 3 {
            return false;
        }
        let kind = content_kind(doc, content);
        for np in &nps {
            found.push(self.attribution(doc, np, Some(cue), Some(content), None, s, None, kind));
        }
        true
    }

    /// What follows a cue: a quote (`said: “…”`), a that-clause, other words,
    /// or nothing, in which case the clause before the speaker is the content
    /// (`The deal is off, two ministers said.`).
    fn content_after(
        &self,
        doc: &Document<'_>,
        s: usize,
        from: usize,
        speaker_start: usize,
    ) -> (AttributionKind, Option<Span>, Option<usize>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let after = &text[from..sentence.end];
        // A quote right after the cue (with a comma or colon).
        if let Some((q, quote)) = self.quote_after_adverbial(doc, from, sentence.end) {
            // "said “budget reforms” and new taxes would pay for it": the
            // quotation opens a clause that goes on after it.
            let close = quote.close.map_or(quote.content.end, |c| c.end).min(sentence.end);
            let next_word = text[close..sentence.end].split_whitespace().next().unwrap_or_default();
            let clause_goes_on = (matches!(next_word, "and" | "or" | "would" | "will" | "could")
                || self.has(&self.lex.be_verbs, next_word))
                && quote.open.is_some_and(|o| o.start >= from);
            if clause_goes_on {
                let clause = trim_clause(text, Span::new(quote.span().start, sentence.end));
                return (AttributionKind::Mixed, Some(clause), None);
            }
            return (AttributionKind::Direct, Some(quote.content), Some(q));
        }
        // "said Friday that …", "said Wednesday night the fund …": a time
        // adverbial right after the cue says when, not what.
        let mut from = from;
        for word in after.split_whitespace().take(3) {
            // "Friday's decision" is a noun phrase, not a time.
            let bare = word.strip_suffix(',').unwrap_or(word);
            let is_time = self.has(&self.lex.time_words, bare)
                && !self.has(&self.lex.prepositions, bare)
                && !bare.contains(['\'', '’']);
            if !is_time {
                break;
            }
            // "a message posted Friday, Vance said …": a comma closes the
            // adverbial, and what follows it is another clause.
            from = offset_in(text, word) + bare.len();
            if bare.len() < word.len() {
                break;
            }
        }
        let after = &text[from..sentence.end];
        // "smiled and asked the crowd …": a conjunction right after the cue
        // joins another verb; the cue itself reports nothing.
        if after
            .split_whitespace()
            .next()
            .is_some_and(|w| self.has(&self.lex.conjunctions, w))
        {
            return (AttributionKind::Indirect, None, None);
        }
        // Skip prepositional material up to "that" ("stated via video at the
        // Forum in June that …"); only a phrase that opens with a preposition
        // is skipped, so "said the fund was empty and that …" keeps its clause.
        let mut clause_start = from;
        let mut words_after = after.split_whitespace();
        let first_word = words_after.next().unwrap_or_default();
        // "said at least three members …": "at least" quantifies the content.
        let quantifier = first_word == "at" && matches!(words_after.next(), Some("least" | "most"));
        let opens_with_preposition =
            !quantifier && (self.has(&self.lex.prepositions, first_word) || first_word.eq_ignore_ascii_case("via"));
        let words = after
            .split_whitespace()
            .take(if opens_with_preposition { 16 } else { 1 });
        let mut seen = 0;
        for word in words {
            seen += 1;
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            if w.eq_ignore_ascii_case("that") {
                clause_start = offset_in(text, word) + word.len();
                break;
            }
            if word.contains([',', '“', '"', ':', ';']) || seen > 15 {
                break;
            }
        }
        let clause = trim_clause(text, Span::new(clause_start, sentence.end));
        let meaningful = clause
            .slice(text)
            .split_whitespace()
            .filter(|w| {
                !self
                    .lex
                    .time_words
                    .contains(w.trim_matches(|c: char| !c.is_alphanumeric()))
            })
            // Three words decide; counting on would cost the whole sentence per cue.
            .take(3)
            .count();
        // "said in a notice published on Friday.": a medium, not a content.
        let only_medium = opens_with_preposition && clause_start == from;
        if !clause.is_empty() && meaningful >= 3 && !only_medium && !clause.slice(text).starts_with(',') {
            let clause = if clause.slice(text).starts_with(", ") {
                Span::new(clause.start + 2, clause.end)
            } else {
                clause
            };
            let clause = through_open_quote(doc, s, clause);
            return (content_kind(doc, clause), Some(clause), None);
        }
        // Nothing after the cue: the content is the clause before the speaker,
        // which the speaker must start after a break ("The deal is off, two
        // ministers said"); "cutting off a reporter who asked" reports nothing.
        let set_off = text[sentence.start..speaker_start]
            .trim_end()
            .ends_with([',', ';', ':', '—', '–', '”', '"', '’', ')']);
        if !set_off {
            return (AttributionKind::Indirect, None, None);
        }
        let before = trim_clause(text, Span::new(sentence.start, speaker_start));
        let before_text = before.slice(text).trim_end_matches([',', ' ']);
        // "To prevent problems, he said, officials should be vigilant",
        // "Tourism, she said, is the island's only industry": a parenthetical
        // attribution; the content is the whole sentence, and the part before
        // it may be as short as a subject.
        let tail = clause.slice(text).trim_start_matches([',', ' ']);
        if !before_text.is_empty()
            && clause.slice(text).starts_with(',')
            && tail.split_whitespace().take(3).count() >= 3
        {
            let sentence_content = trim_clause(text, sentence);
            return (content_kind(doc, sentence_content), Some(sentence_content), None);
        }
        if before_text.split_whitespace().take(3).count() >= 3 {
            let span = Span::new(before.start, before.start + before_text.len());
            return (content_kind(doc, span), Some(span), None);
        }
        (AttributionKind::Indirect, None, None)
    }

    /// `MAYOR VANCE: We will reopen the pier.`: a paragraph opening with a
    /// label in capitals and a colon is a transcript turn; the label is the
    /// speaker, the colon the cue and the rest of the paragraph the content.
    /// "Q:"/"A:" and headings ("UPDATE:") are not speakers.
    fn speaker_labels(&self, doc: &Document<'_>, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        for paragraph in &doc.paragraphs {
            // A turn quoted whole ("“PENCE: Well, …”") is still a turn.
            let opening = text[paragraph.span.start..]
                .chars()
                .next()
                .filter(|&c| is_opening_mark(c));
            let start = paragraph.span.start + opening.map_or(0, char::len_utf8);
            let line = text[start..paragraph.span.end]
                .split_inclusive('\n')
                .next()
                .unwrap_or_default();
            if !line.contains(':') {
                continue;
            }
            let Some(((label_start, label_end), body)) = crate::text::label::label_of(line, &|_| false) else {
                continue;
            };
            let label = &line[label_start..label_end];
            let first_word = label
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_end_matches('.');
            let letters = label.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 2 || self.has(&self.lex.not_speaker_labels, first_word) {
                continue;
            }
            let content = trim_clause(text, Span::new(start + body, paragraph.span.end));
            let Some(s) = paragraph
                .sentences
                .clone()
                .find(|&s| doc.sentences[s].span.contains(start + label_start))
            else {
                continue;
            };
            if content.slice(text).split_whitespace().take(2).count() < 2 {
                continue;
            }
            let label = &text[start + label_start..start + label_end];
            let np = Np {
                text: label,
                name: Some(label),
                role: None,
                affiliation: None,
                class: SpeakerClass::Person,
                pronoun: false,
                extent: label,
            };
            let colon = start + label_end + line[label_end..].find(':').unwrap_or(0);
            let cue = Cue {
                span: Span::new(colon, colon + 1),
                class: VerbClass::Neutral,
            };
            let kind = content_kind(doc, content);
            found.push(self.attribution(doc, &np, Some(cue), Some(content), None, s, None, kind));
        }
    }

    /// `According to X, …` and `…, according to X, a ROLE at ORG, …`.
    fn according_to(&self, doc: &Document<'_>, s: usize, cue_span: Span, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let after = &text[cue_span.end..sentence.end];
        let Ok((rest, (_, nps))) = (ws1, |j| self.speakers(j)).parse(after) else {
            return;
        };
        let rest_at = offset_in(text, rest);
        let at_start = text[sentence.start..cue_span.start]
            .trim_start_matches(|c: char| c.is_whitespace() || is_opening_mark(c))
            .is_empty();
        let content = if at_start {
            let clause = text[rest_at..sentence.end].trim_start_matches([',', ' ']);
            trim_clause(text, Span::new(offset_in(text, clause), sentence.end))
        } else {
            let tail = text[rest_at..sentence.end].trim_start_matches([',', ' ']);
            let ends_sentence = tail
                .trim_end_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '”' | '’' | ' '))
                .is_empty();
            if ends_sentence {
                trim_clause(text, Span::new(sentence.start, cue_span.start))
            } else {
                trim_clause(text, sentence)
            }
        };
        let content = (!content.is_empty()).then_some(content);
        let cue = Cue {
            span: cue_span,
            class: VerbClass::Neutral,
        };
        for np in &nps {
            found.push(self.attribution(doc, np, Some(cue), content, None, s, None, AttributionKind::AccordingTo));
        }
    }

    /// `is viewed as antiquated by Chinese experts`: an agentless-passive
    /// reporting participle whose agent comes after "by".
    fn passive_by(&self, doc: &Document<'_>, s: usize, participle: Span, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let before = text[sentence.start..participle.start].trim_end();
        let be = before
            .rsplit(char::is_whitespace)
            .find(|w| !self.has(&self.lex.auxiliaries, w) && !w.ends_with("ly"));
        if !be.is_some_and(|w| self.has(&self.lex.be_verbs, w)) {
            return;
        }
        let after = &text[participle.end..sentence.end];
        let clause_end = after.find([',', ';', '.', '“', '"']).unwrap_or(after.len());
        let clause = &after[..clause_end];
        let Some(by) = clause.find(" by ") else { return };
        let Ok((_, nps)) = self.speakers(&clause[by + 4..]) else {
            return;
        };
        let content = trim_clause(text, Span::new(sentence.start, offset_in(text, &clause[by..])));
        let cue = Cue {
            span: participle,
            class: VerbClass::Neutral,
        };
        for np in nps.iter().filter(|np| {
            matches!(
                np.class,
                SpeakerClass::Vague | SpeakerClass::Anonymous | SpeakerClass::Person | SpeakerClass::Organization
            )
        }) {
            found.push(self.attribution(
                doc,
                np,
                Some(cue),
                Some(content),
                None,
                s,
                None,
                AttributionKind::Indirect,
            ));
        }
    }

    /// A vague-source phrase from the lexicon ("it is widely believed",
    /// "experts say") is itself the speaker.
    fn vague_phrase(&self, doc: &Document<'_>, s: usize, phrase: Span, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let after = &text[phrase.end..sentence.end];
        let after = after.trim_start();
        let after = after.strip_prefix("that").unwrap_or(after);
        let mut content = trim_clause(text, Span::new(offset_in(text, after), sentence.end));
        if content.slice(text).split_whitespace().take(3).count() < 3 {
            content = trim_clause(text, Span::new(sentence.start, phrase.start));
        }
        let np = Np {
            text: phrase.slice(text),
            name: None,
            role: None,
            affiliation: None,
            class: SpeakerClass::Vague,
            pronoun: false,
            extent: phrase.slice(text),
        };
        let content = (!content.is_empty()).then_some(content);
        found.push(self.attribution(doc, &np, None, content, None, s, None, AttributionKind::Indirect));
    }

    /// Every proper-name mention in the body of the document, in order, with
    /// the title before it when there is one ("Councillor Amira Sayegh"):
    /// what `resolve` links surnames and pronouns to.
    pub fn name_mentions(&self, doc: &Document<'_>) -> Vec<NameMention> {
        let _bound = self.memo.bind(&doc.text);
        let text: &str = &doc.text;
        let mut mentions = Vec::new();
        for sentence in &doc.sentences {
            let slice = sentence.span.slice(text);
            let mut index = 0;
            while let Some(&byte) = slice.as_bytes().get(index) {
                // An ASCII byte other than a capital starts no name: step over it undecoded.
                if byte.is_ascii() && !byte.is_ascii_uppercase() {
                    index += 1;
                    continue;
                }
                let rest = &slice[index..];
                let at_word_start = rest.starts_with(char::is_uppercase)
                    && slice[..index]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '-');
                if at_word_start {
                    let titled = (|j| self.title(j), ws1, |j| self.proper_name(j)).parse(rest);
                    let found = match titled {
                        Ok((after, (title, _, name))) => Some((after, name, Some(title))),
                        Err(_) => self.proper_name(rest).ok().map(|(after, written)| {
                            if let (Some(role), name) = self.split_leading_role(written) {
                                return (after, name, Some(role));
                            }
                            let name = written;
                            // A role noun written just before the name is its title
                            // in lower case: "manager Viktor Brodsky".
                            let before = slice[..index].trim_end();
                            let word_start = before
                                .char_indices()
                                .rev()
                                .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
                                .map_or(0, |(i, c)| i + c.len_utf8());
                            let word = &before[word_start..];
                            let role = (!word.is_empty()
                                && word.starts_with(char::is_lowercase)
                                && self.has(&self.lex.role_nouns, word))
                            .then_some(word);
                            (after, name, role)
                        }),
                    };
                    if let Some((after, name, title)) = found {
                        let span_of = |s: &str| {
                            let start = offset_in(text, s);
                            Span::new(start, start + s.len())
                        };
                        mentions.push(NameMention {
                            span: span_of(name),
                            title: title.map(span_of),
                        });
                        index = slice.len() - after.len();
                        continue;
                    }
                }
                index += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        mentions
    }

    /// A role given by a definite description in a sentence ("the Chinese
    /// president"), for a person the sentence also names.
    pub fn role_description(&self, doc: &Document<'_>, sentence: usize) -> Option<Span> {
        let _bound = self.memo.bind(&doc.text);
        let text: &str = &doc.text;
        let span = doc.sentences[sentence].span;
        // A description and the name it describes stand close together; a
        // bounded look keeps a run-on sentence with many speakers linear.
        let slice = span.slice(text);
        let slice = &slice[..floor_char_boundary(slice, 8 * NEAR_BYTES)];
        let mut search = 0;
        while let Some(found) = slice[search..].find("the ") {
            let at = search + found;
            search = at + 4;
            if at > 0 && slice[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Ok((rest, (description, Head::Role))) = self.descriptor(&slice[at + 4..]) {
                if self.proper_name(rest.trim_start()).is_err() {
                    let start = offset_in(text, description);
                    return Some(Span::new(start, start + description.len()));
                }
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn attribution(
        &self,
        doc: &Document<'_>,
        np: &Np<'_>,
        cue: Option<Cue>,
        content: Option<Span>,
        recipient: Option<&str>,
        sentence: usize,
        quote: Option<usize>,
        kind: AttributionKind,
    ) -> Attribution {
        let text: &str = &doc.text;
        let span_of = |s: &str| Span::new(offset_in(text, s), offset_in(text, s) + s.len());
        let kind = match (kind, quote) {
            (AttributionKind::Direct, Some(q)) if is_fragment(doc, &doc.quotes[q]) => AttributionKind::Partial,
            _ => kind,
        };
        Attribution {
            kind,
            speaker: SpeakerPhrase {
                span: span_of(np.text),
                name: np.name.map(span_of),
                role: np.role.map(span_of),
                affiliation: np.affiliation.map(span_of),
                class: np.class,
                pronoun: np.pronoun,
                extent: span_of(np.extent),
            },
            cue,
            content,
            recipient: recipient.map(span_of),
            sentence,
            quote,
            speaker_id: None,
        }
    }
}

/// A quote of a few words inside the writer's sentence ("a “daring” move").
/// A short quoted fragment inside the writer's sentence ("a “daring” move",
/// "a “zero COVID” policy"): it starts in lower case, or is a word or two.
pub fn is_fragment(doc: &Document<'_>, quote: &Quote) -> bool {
    // Only counts up to seven matter: a long quotation is not read to its end.
    let words = doc.slice(quote.content).split_whitespace().take(7).count();
    let lowercase = doc
        .slice(quote.content)
        .trim_start()
        .starts_with(|c: char| c.is_lowercase());
    !opens_sentence(doc, quote) && (lowercase && words <= 6 || words <= 2) || is_title(doc, quote)
}

/// A quoted title of a work or programme ("“Women in Power”", "“The
/// Morning Show,”"): a few words, each content word capitalised, and no
/// sentence punctuation inside. A name, not something said.
fn is_title(doc: &Document<'_>, quote: &Quote) -> bool {
    const MOST_WORDS: usize = 6;
    let content = doc.slice(quote.content).trim().trim_end_matches([',', '.']);
    // One word more than a title may have is enough to rule it out.
    let words: Vec<&str> = content.split_whitespace().take(MOST_WORDS + 1).collect();
    let long_words_capitalised = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    !words.is_empty()
        && words.len() <= MOST_WORDS
        && long_words_capitalised
        && words
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            >= 2
        && !content.contains(['?', '!', ';', ':'])
        && !content.contains(". ")
        && !words.iter().any(|w| matches!(*w, "I" | "I'm" | "I’m" | "We" | "You"))
}

/// Whether a quote stands at the start of its sentence (a quotation of its
/// own) rather than inside the writer's words.
fn opens_sentence(doc: &Document<'_>, quote: &Quote) -> bool {
    let start = quote.span().start;
    doc.sentence_at(start).is_none_or(|s| {
        let sentence = doc.sentences[s].span;
        doc.text[sentence.start..start].trim().is_empty()
    })
}

fn has_quote_close(doc: &Document<'_>, sentence: Span) -> bool {
    let first = doc.quotes.partition_point(|q| q.span().end < sentence.start);
    let last = doc.quotes.partition_point(|q| q.span().start < sentence.end);
    doc.quotes_closing_in(sentence).any(|q| (first..last).contains(&q))
}

/// The quote whose opening mark is at the start of `slice`, if any.
fn quote_opening_at<'d>(doc: &'d Document<'_>, text: &str, slice: &str) -> Option<(usize, &'d Quote)> {
    let slice = slice.trim_start_matches([',', ':', ' ']);
    if !slice.starts_with(is_opening_mark) {
        return None;
    }
    let at = offset_in(text, slice);
    let index = doc.quotes.partition_point(|q| q.span().start < at);
    doc.quotes
        .get(index)
        .filter(|q| q.open.is_some_and(|o| o.start == at))
        .map(|q| (index, q))
}

/// The length of a short quoted title at the start of `rest` (after one
/// space): “Harbour Hour”, "Island Morning". Every word is capitalised.
fn programme_title(rest: &str) -> Option<usize> {
    const MOST_BYTES: usize = 48;
    let inner = rest.strip_prefix(' ')?;
    let open = inner.chars().next().filter(|&c| matches!(c, '“' | '"'))?;
    let body = &inner[open.len_utf8()..];
    let close = body[..floor_char_boundary(body, MOST_BYTES)].find(['”', '"'])?;
    let title = &body[..close];
    let capitalised = title
        .split_whitespace()
        .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || w.len() <= 3);
    let closing_len = body[close..].chars().next().map_or(1, char::len_utf8);
    (capitalised && !title.trim().is_empty()).then_some(1 + open.len_utf8() + close + closing_len)
}

/// A reported clause that opens a quotation the sentence splitter cut short
/// ("told KVR that “the crew did well. … What they need now is rest.”"),
/// extended to the quotation's close in the same paragraph.
fn through_open_quote(doc: &Document<'_>, s: usize, clause: Span) -> Span {
    let paragraph = doc.paragraphs[doc.sentences[s].paragraph].span;
    let last = clause.end.saturating_sub(1);
    doc.quote_at(last)
        .filter(|q| q.open.is_some_and(|o| o.start >= clause.start))
        .and_then(|q| q.close)
        .filter(|close| close.end > clause.end && paragraph.contains(close.start))
        .map_or(clause, |close| Span::new(clause.start, close.end))
}

/// A gap between a speaker and the verb without a relative clause set off
/// by commas at its end: "of the board, who asked not to be named," → "of
/// the board". The clause describes the speaker; its words ("not", "asked")
/// say nothing about whether the speaker spoke.
fn without_relative_clause(gap: &str) -> &str {
    const MOST_WORDS: usize = 24;
    if !gap.trim_end().ends_with(',') || gap.contains(['“', '"', '”']) {
        return gap;
    }
    let opening = [", who ", ", which ", ", whose "]
        .iter()
        .filter_map(|r| gap.find(r))
        .min();
    match opening {
        Some(at) if gap[at..].split_whitespace().count() <= MOST_WORDS => &gap[..at],
        _ => gap,
    }
}

/// The index of the latest attribution of sentence `s` (among its recent
/// ones, which are the last found) whose cue ends before `cue`.
fn latest_cue_before(found: &[Attribution], s: usize, cue: Cue) -> Option<usize> {
    let in_sentence = found
        .iter()
        .rev()
        .take_while(|a| a.sentence == s)
        .take(RECENT_IN_SENTENCE)
        .count();
    let first = found.len() - in_sentence;
    found[first..]
        .iter()
        .rposition(|a| a.cue.is_some_and(|c| c.span.end <= cue.span.start))
        .map(|i| i + first)
}

/// Whether `span` overlaps one of the sorted, short `spans`.
fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let after = spans.partition_point(|u| u.start < span.end);
    spans[..after].iter().rev().take(8).any(|u| u.overlaps(span))
}

fn insert_sorted(spans: &mut Vec<Span>, span: Span) {
    let at = spans.partition_point(|u| *u < span);
    spans.insert(at, span);
}

/// How many of a sentence's latest attributions a frame looks back at: a
/// subject or shared speaker is never further back than this, and the
/// bound keeps a run-on sentence with thousands of cues linear.
const RECENT_IN_SENTENCE: usize = 32;

/// How far after a cue a quotation may open and still belong to it, in
/// bytes: ten words of an adverbial or object, generously.
const NEAR_BYTES: usize = 160;

/// The smallest char boundary of `text` at or above `at`.
fn ceil_char_boundary(text: &str, at: usize) -> usize {
    (at..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Trim spaces and the final sentence punctuation from a clause.
fn trim_clause(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start_trimmed = slice.trim_start();
    let start = span.start + (slice.len() - start_trimmed.len());
    let body = start_trimmed.trim_end();
    let body = body
        .strip_suffix(['.', ';', ':'])
        .unwrap_or(body)
        .trim_end_matches([',', ' ']);
    Span::new(start, start + body.len())
}

/// Indirect content, or mixed when it holds a quotation.
fn content_kind(doc: &Document<'_>, content: Span) -> AttributionKind {
    // Quotes are sorted by start: look only at those starting inside the content.
    let first = doc.quotes.partition_point(|q| q.span().start < content.start);
    let has_quote = doc.quotes[first..]
        .iter()
        .take_while(|q| q.span().start < content.end)
        .any(|q| q.depth == 0 && content.covers(q.content) && !q.content.is_empty());
    if has_quote {
        AttributionKind::Mixed
    } else {
        AttributionKind::Indirect
    }
}

/// "In an interview with OUTLET, X said": the outlet before the speaker.
fn interview_recipient(before: &str) -> Option<&str> {
    let lower = before.to_ascii_lowercase();
    let at = lower.find("interview with ")? + "interview with ".len();
    let rest = &before[at..];
    let end = rest.find(',').unwrap_or(rest.len());
    let outlet = rest[..end].trim();
    (!outlet.is_empty() && outlet.split_whitespace().count() <= 5).then_some(outlet)
}

/// "According to a translation by state media, Xi stated …": the according-to
/// phrase names a channel, not a second speaker; the secondhand-source check
/// reads the phrase itself.
fn drop_secondhand_according_to(doc: &Document<'_>, found: &mut Vec<Attribution>) {
    let sentences_with_other: std::collections::HashSet<usize> = found
        .iter()
        .filter(|a| a.kind != AttributionKind::AccordingTo)
        .map(|a| a.sentence)
        .collect();
    found.retain(|a| {
        let is_channel = a.kind == AttributionKind::AccordingTo
            && a.speaker.class == SpeakerClass::Document
            && doc
                .hits_of(a.sentence, PhraseKind::Secondhand)
                .any(|h| h.span.overlaps(a.speaker.extent) || a.speaker.extent.start.saturating_sub(h.span.end) < 3);
        !(is_channel && sentences_with_other.contains(&a.sentence))
    });
}

/// A quotation with no speaker of its own takes the speaker of the nearest
/// direct attribution in its paragraph, or of the previous paragraph when it
/// opens this one (a speaker's quotes run on; Reuters: one speaker at a time).
fn attribute_by_continuation(doc: &Document<'_>, found: &mut Vec<Attribution>) {
    let attributed: std::collections::HashSet<usize> = found.iter().filter_map(|a| a.quote).collect();
    let mut covered: Vec<Span> = found.iter().filter_map(|a| a.content).collect();
    covered.sort();
    let mut by_paragraph: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
    for (i, a) in found.iter().enumerate() {
        by_paragraph
            .entry(doc.sentences[a.sentence].paragraph)
            .or_default()
            .push(i);
    }
    let none: Vec<usize> = Vec::new();
    // Non-vague attributions of each paragraph by (sentence start, index).
    let mut by_start: std::collections::HashMap<usize, Vec<(usize, usize)>> = std::collections::HashMap::new();
    for (paragraph, indices) in &by_paragraph {
        let mut list: Vec<(usize, usize)> = indices
            .iter()
            .filter(|&&i| found[i].speaker.class != SpeakerClass::Vague)
            .map(|&i| (doc.sentences[found[i].sentence].span.start, i))
            .collect();
        list.sort_unstable();
        by_start.insert(*paragraph, list);
    }
    let mut added = Vec::new();
    for (q, quote) in doc.quotes.iter().enumerate() {
        if quote.depth != 0 || attributed.contains(&q) || is_fragment(doc, quote) {
            continue;
        }
        // Contents are sorted by start; one starting after the quote cannot
        // overlap it (a transcript turn's content starts inside its quote).
        let upto = covered.partition_point(|c| c.start < quote.content.end);
        if covered[..upto].iter().rev().take(16).any(|c| c.overlaps(quote.content)) {
            continue;
        }
        let paragraph = quote.first_paragraph;
        // The latest attribution whose sentence starts at or before the
        // quote, else the first after it; among one sentence's attributions,
        // the first found. Candidates are sorted by (sentence start, index).
        let candidates = by_start.get(&paragraph).map_or(&[][..], Vec::as_slice);
        let upto = candidates.partition_point(|&(at, _)| at <= quote.content.start);
        let nearest_start = match upto {
            0 => candidates.first().map(|&(at, _)| at),
            n => Some(candidates[n - 1].0),
        };
        let previous_in_paragraph = nearest_start.map(|start| {
            let first = candidates.partition_point(|&(at, _)| at < start);
            &found[candidates[first].1]
        });
        let opens_paragraph = doc.paragraphs[paragraph].span.start == quote.span().start;
        let from_previous = || {
            by_paragraph
                .get(&paragraph.wrapping_sub(1))
                .unwrap_or(&none)
                .iter()
                .map(|&i| &found[i])
                .filter(|a| a.quote.is_some())
                .max_by_key(|a| a.sentence)
        };
        let source = previous_in_paragraph.or_else(|| if opens_paragraph { from_previous() } else { None });
        if let Some(source) = source {
            let sentence = doc.sentence_at(quote.content.start).unwrap_or(source.sentence);
            added.push(Attribution {
                kind: AttributionKind::Direct,
                cue: None,
                content: Some(quote.content),
                recipient: None,
                sentence,
                quote: Some(q),
                speaker_id: None,
                speaker: source.speaker.clone(),
            });
        }
    }
    found.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::text::{InputFormat, SourceFile};

    /// (speaker, cue, content, kind, recipient) of each attribution in `text`.
    fn extract(text: &str) -> Vec<(String, String, String, &'static str, String)> {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let source = SourceFile::new("t.txt", text, InputFormat::Plain);
        let doc = Document::build(&source, &lexicon);
        Grammar::new(&lexicon)
            .attributions(&doc)
            .iter()
            .map(|a| {
                (
                    a.speaker.span.slice(text).to_string(),
                    a.cue.map_or(String::new(), |c| c.span.slice(text).to_string()),
                    a.content.map_or(String::new(), |c| c.slice(text).to_string()),
                    a.kind.as_str(),
                    a.recipient.map_or(String::new(), |r| r.slice(text).to_string()),
                )
            })
            .collect()
    }

    fn speakers(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|a| a.0).collect()
    }

    #[test]
    fn quote_verbs_count_only_beside_a_quotation() {
        let a = extract("Odile Marchetti spoke first. She continued, “We rebuilt the mill ourselves.”");
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("She", "continued"));
        assert_eq!(a[0].2, "We rebuilt the mill ourselves.");
        let b = extract("“We rebuilt the mill ourselves,” she went on.");
        assert_eq!(b[0].1, "went on");
        assert!(
            extract("Prices continued to rise in the spring, the bakery owner noted sadly.")
                .iter()
                .all(|a| a.1 != "continued")
        );
    }

    #[test]
    fn naming_verbs_need_a_quoted_label() {
        let a = extract("Marta Klein called the plan “a ledger of broken promises.”");
        assert_eq!(a[0].0, "Marta Klein");
        assert_eq!(a[0].1, "called");
        assert_eq!(a[0].2, "the plan “a ledger of broken promises.”");
        assert_eq!(a[0].3, "mixed");
        assert!(extract("The union called a meeting for Friday to discuss the offer.").is_empty());
        // "called for" is a demand, whose object is not a label.
        let b = extract("Council members called for a vote on “the harbour plan” next week.");
        assert_eq!(
            (b[0].1.as_str(), b[0].2.as_str()),
            ("called for", "a vote on “the harbour plan” next week")
        );
        assert!(extract("The so-called “harbour plan” was shelved by the board last year.").is_empty());
    }

    #[test]
    fn a_dash_signs_a_quotation() {
        let a = extract("“Nothing he said was new to me.” — Kasia Brandt, Averley\n\n“We stayed.” ― Ravi Osterholm");
        assert_eq!(a.len(), 2);
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Kasia Brandt", "Nothing he said was new to me.")
        );
        assert_eq!((a[1].0.as_str(), a[1].2.as_str()), ("Ravi Osterholm", "We stayed."));
    }

    #[test]
    fn a_quotation_after_an_audience_and_time() {
        let a = extract("Leon Marsh told his listeners on Monday, “The campaign sent its orders.”");
        assert_eq!(a[0].2, "The campaign sent its orders.");
        assert_eq!(a[0].3, "direct");
        let b = extract("Leon Marsh said on Monday that the ferry, “as everyone knows,” was late again.");
        assert_eq!(b[0].2, "the ferry, “as everyone knows,” was late again");
    }

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
    fn a_second_verb_with_no_reported_clause_belongs_to_the_content() {
        let a = extract("Oren Hale said his client accepted that money had moved but denied any dishonesty.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            a[0].2,
            "his client accepted that money had moved but denied any dishonesty"
        );
    }

    #[test]
    fn a_trailing_attribution_starts_after_a_break() {
        // The object of another verb, with a relative clause, reports nothing.
        let a = extract("“We were ready,” he said, cutting off a reporter who asked about money.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, "he");
        // Auxiliaries inside a post-modifier start a clause of their own.
        assert!(extract("The tram will be over budget by 2028 and the council will have nobody to blame.").is_empty());
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
    fn transcript_labels_are_speakers_but_headings_are_not() {
        let a = extract("MAYOR VANCE: We will reopen the pier in May.\n\nUPDATE: The pier reopened.\n\nQ: Will it?\n");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("MAYOR VANCE", ":"));
        assert_eq!(a[0].2, "We will reopen the pier in May");
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

    #[test]
    fn a_request_inside_reported_speech_is_part_of_it() {
        let a = extract("Tomas Vidal said he would ask the umpires for the footage.");
        assert_eq!(a.len(), 1, "{a:?}");
        let b = extract("They said the ministry had asked the treasury to hire more inspectors.");
        assert_eq!(b.len(), 1, "{b:?}");
        // At the top level a request is still reported.
        assert_eq!(extract("Farmers asked the ministry to suspend the fees.").len(), 1);
    }

    #[test]
    fn a_lead_in_before_a_quotation_is_part_of_its_content() {
        let a = extract("With forty counting stations, “there is no single point of failure,” Ines Arce said.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            a[0].2,
            "With forty counting stations, “there is no single point of failure,"
        );
        assert_eq!(a[0].3, "mixed");
    }

    #[test]
    fn a_colon_closing_a_paragraph_introduces_the_next_quotation() {
        let a = extract("Ines Arce said:\n\n“The pier is unsafe. We will close it.”\n\nThe vote is on Friday.\n");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Ines Arce", "The pier is unsafe. We will close it.")
        );
    }

    #[test]
    fn a_participle_reports_for_the_sentence_subject() {
        let a = extract("Mira Holt wrote to the council on Friday, saying the plan was “dead on arrival.”");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Mira Holt", "saying"));
        assert_eq!(a[0].2, "the plan was “dead on arrival.”");
        let b = extract("Leon Marsh posted a series of messages early Friday, saying that his rival had lied.");
        assert_eq!((b[0].0.as_str(), b[0].2.as_str()), ("Leon Marsh", "his rival had lied"));
        assert!(extract("Voters gathered at the hall on Friday, hoping for news of the ferry.").is_empty());
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
    fn relative_clauses_set_off_names_and_affiliations_after_the_name() {
        let a =
            extract("A member of the board, who asked not to be named, said at least three members were undecided.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("A member", "at least three members were undecided")
        );
        let b = extract("One of them, Lise Armand, said the staff had not been consulted.");
        assert_eq!(b[0].0, "Lise Armand");
        let c = extract("Her rival, Councillor Tobias Lund of the Harbour Party, said the figure was wrong.");
        assert_eq!(c[0].2, "the figure was wrong");
        let d = extract(
            "Councillor Pia Drummond said to me last spring, \"Libraries are a nice-to-have.\" I've thought about it.",
        );
        assert_eq!(
            (d[0].0.as_str(), d[0].2.as_str()),
            ("Councillor Pia Drummond", "Libraries are a nice-to-have.")
        );
        assert!(d.iter().all(|a| a.0 != "I've"), "{d:?}");
        assert!(extract("The Green Harbour party agreed to abstain in the second vote on Friday.").is_empty());
    }

    #[test]
    fn quoted_titles_and_nouns_after_articles_are_not_speech() {
        let a = extract("“We will rebuild,” Mira Holt said. She spoke on “The Harbour Morning Show,” on Friday.");
        assert_eq!(a.len(), 1, "{a:?}");
        let b = extract("The former secretary of state and current nominee gave a speech in Averley on Friday.");
        assert!(b.is_empty(), "{b:?}");
        let c = extract("Others say the ferry will never run again.");
        assert!(c[0].0.starts_with("Others"), "{c:?}");
    }

    #[test]
    fn quote_then_subject_and_verb() {
        let a = extract("“We will not raise fares,” Moreau said.");
        assert_eq!(a[0].0, "Moreau");
        assert_eq!(a[0].1, "said");
        assert_eq!(a[0].2, "We will not raise fares,");
        assert_eq!(a[0].3, "direct");
    }

    #[test]
    fn quote_then_inverted_verb_with_appositive() {
        let a = extract("“It is a fair deal,” said Ines Moreau, the mayor of Port Averley.");
        assert_eq!(a[0].0, "Ines Moreau");
    }

    #[test]
    fn speaker_then_quote() {
        let a = extract("Moreau said, “The budget is balanced.”");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str(), a[0].3),
            ("Moreau", "The budget is balanced.", "direct")
        );
    }

    #[test]
    fn interrupted_quote_gives_two_attributions() {
        let a = extract("“The first half,” she said, “and the second half.”");
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].2, "and the second half.");
        assert_eq!(a[1].0, "she");
    }

    #[test]
    fn said_that_and_told_outlet() {
        let a = extract("Lindqvist told the Valley Courier that fares would stay the same this year.");
        assert_eq!(a[0].0, "Lindqvist");
        assert_eq!(a[0].4, "the Valley Courier");
        assert_eq!(a[0].2, "fares would stay the same this year");
        let b = extract("The mayor said to Harbour Radio, “We are ready.”");
        assert_eq!(b[0].4, "Harbour Radio");
        assert_eq!(b[0].2, "We are ready.");
    }

    #[test]
    fn according_to_at_start_and_in_the_middle() {
        let a = extract("According to Ines Moreau, the fund is empty.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str(), a[0].3),
            ("Ines Moreau", "the fund is empty", "according-to")
        );
        let b = extract("The fund, according to Tomas Lindqvist, a councillor at Valley City Council, is empty.");
        assert_eq!(b[0].0, "Tomas Lindqvist");
    }

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
    fn appositive_at_the_end_of_the_sentence() {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let text = "“Fares will rise,” said Tomas Lindqvist, a councillor.";
        let source = SourceFile::new("t.txt", text, InputFormat::Plain);
        let doc = Document::build(&source, &lexicon);
        let found = Grammar::new(&lexicon).attributions(&doc);
        assert_eq!(found[0].speaker.role.map(|r| r.slice(text)), Some("a councillor"));
    }

    #[test]
    fn a_second_verb_shares_the_subject() {
        let a = extract("He admitted that his side had been poor and said he did not know whether he would stay.");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].2, "his side had been poor");
        assert_eq!(
            (a[1].0.as_str(), a[1].2.as_str()),
            ("He", "he did not know whether he would stay")
        );
    }

    #[test]
    fn party_tag_after_a_name() {
        assert_eq!(
            speakers("“We will vote no,” Rep. Ana Ruiz (D-Ore.) said."),
            ["Rep. Ana Ruiz"]
        );
    }

    #[test]
    fn parenthetical_attribution_takes_the_sentence() {
        let a = extract("To prevent problems, he said, officials should be vigilant.");
        assert_eq!(a[0].2, "To prevent problems, he said, officials should be vigilant");
    }

    #[test]
    fn negated_subjects_made_no_statement() {
        assert!(extract("Critics noted that neither candidate had explained the plan.")
            .iter()
            .all(|a| a.1 != "explained"));
    }

    #[test]
    fn two_speakers_joined_by_and() {
        assert_eq!(
            speakers("Kamila T.N. Sorenson and Ekaterina Klimenko note that the pact is unlikely."),
            ["Kamila T.N. Sorenson", "Ekaterina Klimenko"]
        );
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
    fn it_is_widely_believed_is_a_vague_source() {
        let a = extract("It is widely believed that the mayor will resign.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].2, "the mayor will resign");
    }

    #[test]
    fn trailing_attribution_takes_the_clause_before() {
        let a = extract("The deal is off, two ministers said.");
        assert_eq!((a[0].0.as_str(), a[0].2.as_str()), ("two ministers", "The deal is off"));
    }

    #[test]
    fn detached_attribution_has_no_content() {
        let a = extract("Andrey Denisov, the ambassador to Averland, announced to reporters last week.");
        assert_eq!(a[0].0, "Andrey Denisov");
        assert_eq!(a[0].2, "");
    }

    #[test]
    fn passive_forecast_is_not_an_attribution() {
        assert!(extract("Putin and Xi Jinping are expected to meet in June.").is_empty());
    }

    #[test]
    fn quotes_continue_the_paragraph_speaker() {
        let a = extract("“We are ready,” Moreau told reporters. “The money is there.”");
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].0, "Moreau");
        assert_eq!(a[1].1, "");
    }
    #[test]
    fn a_noun_like_verb_after_a_name_is_the_cue() {
        let a = extract("Hilda Marsh reports that the ferry will stop in May.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Hilda Marsh", "reports"), "{a:?}");
        assert_eq!(a[0].2, "the ferry will stop in May");
    }

    #[test]
    fn a_time_after_the_cue_is_not_content() {
        let a = extract("The harbour board said Friday that the ferry will stop in May.");
        assert_eq!(a[0].2, "the ferry will stop in May");
        let b = extract("Dora Vance said Wednesday night the ferry will stop in May.");
        assert_eq!(b[0].2, "the ferry will stop in May");
    }

    #[test]
    fn a_progressive_cue_is_active() {
        let a = extract("Ilse Brandt is telling voters that the levy is “a tax on breathing.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ilse Brandt", "telling"), "{a:?}");
        let b = extract("Oskar Lind has been saying for weeks that the fund is empty.");
        assert_eq!(b[0].2, "the fund is empty");
        // The passive of a participle is still no attribution.
        assert!(extract("Oskar Lind is expected to resign in May.").is_empty());
    }

    #[test]
    fn a_quotation_after_a_likening_or_an_appeal() {
        let a = extract("Ilse Brandt likened the levy to “a tax on breathing” in her speech.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ilse Brandt", "likened"));
        let b = extract("Oskar Lind exhorted members to “stand firm” at the congress.");
        assert_eq!(b[0].2, "members to “stand firm” at the congress");
        assert!(extract("The judge dismissed the case against the ferry company.").is_empty());
    }
    #[test]
    fn a_collective_noun_takes_a_bare_verb() {
        let a = extract("Police say they have “enough officers” for the match.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Police", "say"), "{a:?}");
    }

    #[test]
    fn a_programme_named_after_a_possessive_is_not_the_content() {
        let a = extract("On KVR’s “Harbour Hour,” Mayor Ines Arce said the ferry will stop in May.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2, "the ferry will stop in May");
    }

    #[test]
    fn a_relative_clause_with_a_time_phrase_reports() {
        let a = extract("The vote went to Oskar Lind, the party chair, who in 2019 said the ferry was doomed.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].1.as_str(), a[0].2.as_str()), ("said", "the ferry was doomed"));
    }
    #[test]
    fn a_label_inside_reported_speech_is_part_of_it() {
        let a = extract("Ines Arce says she admired the crew through what she calls a “war of words.”");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].1, "says");
        let b = extract("“We are ready,” the narrator says.");
        assert_eq!(b[0].0, "the narrator");
    }
    #[test]
    fn a_lead_in_with_its_own_verb_is_no_lead_in() {
        let a = extract("Ines Arce said she felt the ferry mattered because “nobody else runs at night,” she said.");
        assert!(a.iter().all(|a| !a.2.starts_with("Ines Arce")), "{a:?}");
        let b = extract("Ines Arce scolded him: “The crew deserves better,” she said.");
        assert!(b.iter().all(|a| !a.2.starts_with("Ines Arce")), "{b:?}");
    }
    #[test]
    fn a_parenthetical_attribution_after_a_short_subject() {
        let a = extract("Tourism, Ines Arce said, is the only industry the island has left.");
        assert_eq!(
            a[0].2,
            "Tourism, Ines Arce said, is the only industry the island has left"
        );
    }
    #[test]
    fn a_subject_shared_with_a_verb_that_reports_nothing() {
        let a = extract("Ines Arce, the harbour master, toured the pier and said the ferry would run in May.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ines Arce", "said"));
        assert_eq!(a[0].2, "the ferry would run in May");
    }

    #[test]
    fn the_object_of_a_preposition_is_no_subject() {
        let a = extract("The fact-checkers rated half of Harbour claims as “false” last year.");
        assert!(a.iter().all(|a| a.0 != "Harbour"), "{a:?}");
    }
    #[test]
    fn a_reported_clause_runs_to_the_end_of_its_quotation() {
        let a = extract("Ines Arce told the Courier that “the crew did well. … What they need now is rest.”");
        assert_eq!(
            a[0].2,
            "that “the crew did well. … What they need now is rest.”".trim_start_matches("that ")
        );
    }

    #[test]
    fn a_post_modifier_and_an_appositive_between_subject_and_verb() {
        let a = extract("Officials at Harbour Investigations, a division of the ministry, said the fund was empty.");
        assert_eq!((a[0].0.as_str(), a[0].2.as_str()), ("Officials", "the fund was empty"));
    }
    #[test]
    fn a_programme_after_an_outlet_is_the_audience() {
        let a = extract("Ines Arce told KVR’s “Harbour Hour” on Friday that the ferry will stop in May.");
        assert_eq!(a[0].2, "the ferry will stop in May", "{a:?}");
    }
    #[test]
    fn a_participle_phrase_describes_the_subject() {
        let a = extract("Protesters marching through the square chanted “Open the pier!”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Protesters", "chanted"), "{a:?}");
    }

    #[test]
    fn an_opening_adverbial_before_the_subject_of_a_participle() {
        let a = extract("During a speech on Monday, Ines Arce attacked the plan, saying, “It sinks the ferry.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ines Arce", "saying"), "{a:?}");
    }

    #[test]
    fn a_quote_verb_and_a_colon_at_the_end_of_a_paragraph() {
        let a = extract("Ines Arce continued:\n\n“The ferry is the island.”\n");
        assert_eq!(
            (a[0].1.as_str(), a[0].2.as_str()),
            ("continued", "The ferry is the island.")
        );
    }
    #[test]
    fn a_possessive_day_and_a_titled_possessive_in_a_label() {
        let a = extract("Oskar Lind called Friday’s ruling a “huge win for the island.”");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2, "Friday’s ruling a “huge win for the island.”");
        let b = extract("Ines Arce called Mr. Lind’s remarks “a wake-up call” for the council.");
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!((b[0].0.as_str(), b[0].1.as_str()), ("Ines Arce", "called"));
    }

    #[test]
    fn an_adverb_between_subject_and_verb() {
        let a = extract("Oskar Lind cynically dismissed the audit as “theatre for the council.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Oskar Lind", "dismissed"), "{a:?}");
    }
    #[test]
    fn a_pronoun_with_a_contracted_be_before_a_progressive_cue() {
        let a = extract("She’s claiming that the ferry “never ran on time.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("She", "claiming"), "{a:?}");
    }
    #[test]
    fn a_participle_after_a_message_reports_its_sender() {
        let a = extract("The harbour board issued a statement on Friday calling the strike “a disgrace.”");
        assert_eq!(
            (a[0].0.as_str(), a[0].1.as_str()),
            ("The harbour board", "calling"),
            "{a:?}"
        );
        let b = extract("Oskar Lind posted a series of tweets early Friday saying that the ferry was late.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Oskar Lind", "the ferry was late"),
            "{b:?}"
        );
    }
    #[test]
    fn a_person_shows_nothing_a_poll_shows_a_finding() {
        assert!(extract("Ines Arce had shown poor judgment in the ferry talks.").is_empty());
        let a = extract("The harbour records show that the ferry was late 40 times.");
        assert_eq!(a[0].2, "the ferry was late 40 times");
    }
    #[test]
    fn a_quotation_that_opens_a_longer_clause() {
        let a = extract("Oskar Lind said “harbour reforms” and a new levy would pay for the ferry.");
        assert_eq!(a[0].2, "“harbour reforms” and a new levy would pay for the ferry");
        assert_eq!(a[0].3, "mixed");
    }

    #[test]
    fn a_message_posted_on_a_day_is_no_speaker() {
        let a = extract("In a message posted Friday, Ines Arce said the ferry would run in May.");
        assert!(a.iter().all(|a| !a.2.starts_with("Friday")), "{a:?}");
        assert!(
            a.iter()
                .any(|a| a.0 == "Ines Arce" && a.2 == "the ferry would run in May"),
            "{a:?}"
        );
    }
    #[test]
    fn a_relative_clause_running_past_a_participle_is_no_name() {
        // Once panicked: the speaker phrase ended after the participle.
        let a = extract("A delay would expose the board to anger from Harbourites, who were demanding a hearing.");
        assert!(a.iter().all(|a| a.1 != "demanding"), "{a:?}");
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
    fn a_capitalised_plural_takes_a_bare_verb() {
        let a = extract("Harbourites say they have several questions for the board.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Harbourites", "say"), "{a:?}");
    }
}
