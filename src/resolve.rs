//! Speaker resolution: the cast of a document.
//!
//! Each attribution's speaker is linked to one [`Speaker`]: surname mentions
//! ("Xu", "Garcia Herrero") to the full name they shorten, wherever in the
//! article the full name appears; pronouns to the nearest person (he, she) or
//! group (they, it) before them; repeated descriptions ("the ministry") to
//! one organisation. Roles the speaker phrase does not carry are looked for
//! elsewhere (a title before the full name, a plural title over names joined
//! by "and", a partitive, post-nominal letters, a place of residence), names
//! that are organisations are told from people, and each person's earliest
//! mention in any form is kept for late-full-name. The registry then fills in
//! roles and affiliations the article leaves out.

use crate::attribution::grammar::{Grammar, NameMention};
use crate::attribution::{Attribution, SpeakerClass};
use crate::document::Document;
use crate::rules::{Lexicon, RuleSet};
use crate::Span;

/// One source in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The full name, or the description for unnamed sources.
    pub name: String,
    pub class: SpeakerClass,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// Where the article gives the role or affiliation, if it does.
    pub role_span: Option<Span>,
    /// Every form the article uses for this speaker as a speaker ("Xu", "he").
    pub aliases: Vec<String>,
    /// Speaker mentions in attributions, in order.
    pub mentions: Vec<Span>,
    /// The first mention of the speaker's name in any form, speaker or not.
    pub first_mention: Span,
    /// The first mention with the full name, when the article has one.
    pub full_name_mention: Option<Span>,
    /// How many attributions this speaker has.
    pub attributions: usize,
    /// How many of them are direct or partial quotes.
    pub quotes: usize,
    /// The registry entry this speaker was linked to.
    pub registry: Option<usize>,
}

/// The speakers of one document.
#[derive(Clone, Debug, Default)]
pub struct Cast {
    pub speakers: Vec<Speaker>,
}

impl Cast {
    pub fn get(&self, id: Option<usize>) -> Option<&Speaker> {
        id.and_then(|i| self.speakers.get(i))
    }
}

fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split_whitespace()
}

/// Whether a word is post-nominal letters: two to four capitals after a
/// personal name that give a rank, office or qualification ("KC", "MP",
/// "OBE", "PhD" is mixed case and not covered), not a generational numeral
/// ("III").
fn is_post_nominal(word: &str) -> bool {
    (2..=4).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && !word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// The name without trailing post-nominal letters ("Elspeth Grange KC" →
/// "Elspeth Grange"), and the letters, when the name has two words before them.
fn split_post_nominal(name: &str) -> (&str, Option<&str>) {
    let trimmed = name.trim_end();
    if let Some((core, last)) = trimmed.rsplit_once(' ') {
        if is_post_nominal(last) && words(core).count() >= 2 {
            return (core.trim_end(), Some(last));
        }
    }
    (name, None)
}

/// Whether `short` is a run of whole words at the start or end of `full`
/// ("Xu" in "Qingdao Xu", "Xi" in "Xi Jinping", "Garcia Herrero" in "Alicia Garcia Herrero").
/// Post-nominal letters after the full name are not part of it ("Grange" in
/// "Elspeth Grange KC").
fn shortens(short: &str, full: &str) -> bool {
    let full = split_post_nominal(full).0;
    // Names are compared word by word without allocating: `short` must be a
    // proper prefix or suffix of `full` ending on a word boundary.
    let (short_count, full_count) = (words(short).count(), words(full).count());
    if short_count == 0 || short_count >= full_count {
        return false;
    }
    words(full).take(short_count).eq(words(short)) || words(full).skip(full_count - short_count).eq(words(short))
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (split_post_nominal(a).0, split_post_nominal(b).0);
    a.split_whitespace().eq(b.split_whitespace())
}

/// Build the cast of `doc` and link each attribution to its speaker.
pub fn resolve(
    doc: &Document<'_>,
    grammar: &Grammar<'_>,
    lexicon: &Lexicon,
    rules: &RuleSet,
    titled: &[NameMention],
    attributions: &mut [Attribution],
) -> Cast {
    let text: &str = &doc.text;
    let mentions = MentionIndex::new(text, titled);
    let mut cast = Cast::default();
    let mut order: Vec<usize> = (0..attributions.len()).collect();
    order.sort_by_key(|&i| attributions[i].speaker.span.start);

    for &i in &order {
        let a = &attributions[i];
        let phrase = &a.speaker;
        let id = if phrase.pronoun {
            resolve_pronoun(&cast, lexicon, phrase.span.slice(text), phrase.span.start)
        } else if let (Some(name_span), SpeakerClass::Person | SpeakerClass::Organization) = (phrase.name, phrase.class)
        {
            Some(person_or_named(
                &mut cast,
                &mentions,
                text,
                rules,
                lexicon,
                name_span,
                phrase.class,
            ))
        } else {
            // "Prosecutors allege …": a bare plural naming a party to a court
            // case is that party (the prosecution), not a vague crowd.
            let words_of_phrase = phrase.span.slice(text).split_whitespace().count();
            let class = if phrase.class == SpeakerClass::Vague
                && words_of_phrase == 1
                && lexicon.legal_context.contains(phrase.span.slice(text))
            {
                SpeakerClass::Organization
            } else {
                phrase.class
            };
            Some(described(&mut cast, text, phrase.span, class))
        };
        // One entry per unresolved pronoun form ("they" with nobody before it),
        // so the cast stays as small as the set of sources.
        let unresolved = |cast: &Cast| {
            let pronoun = phrase.span.slice(text);
            cast.speakers
                .iter()
                .position(|s| s.class == SpeakerClass::PronounUnresolved && s.name.eq_ignore_ascii_case(pronoun))
        };
        let id = id.or_else(|| unresolved(&cast)).unwrap_or_else(|| {
            cast.speakers.push(Speaker {
                name: phrase.span.slice(text).to_string(),
                class: SpeakerClass::PronounUnresolved,
                role: None,
                affiliation: None,
                role_span: None,
                aliases: Vec::new(),
                mentions: Vec::new(),
                first_mention: phrase.span,
                full_name_mention: None,
                attributions: 0,
                quotes: 0,
                registry: None,
            });
            cast.speakers.len() - 1
        });
        let speaker = &mut cast.speakers[id];
        let alias = phrase.span.slice(text).to_string();
        if !speaker.aliases.contains(&alias) && alias != speaker.name {
            speaker.aliases.push(alias);
        }
        speaker.mentions.push(phrase.span);
        speaker.attributions += 1;
        if a.quote.is_some() {
            speaker.quotes += 1;
        }
        if speaker.role.is_none() && speaker.affiliation.is_none() {
            if let Some(role) = phrase.role.or(phrase.affiliation) {
                speaker.role = phrase.role.map(|r| r.slice(text).to_string());
                speaker.affiliation = phrase.affiliation.map(|r| r.slice(text).to_string());
                speaker.role_span = Some(role);
            }
        }
        attributions[i].speaker_id = Some(id);
    }

    shared_plural_titles(&mut cast, text, attributions);
    earliest_name_mentions(&mut cast, doc, &mentions);
    owners_are_organisations(&mut cast, text, lexicon, &mentions);
    partitive_roles(&mut cast, doc, &mentions);
    places_of_residence(&mut cast, text, &mentions);

    // Named people the article never qualifies may still be described in a
    // sentence that names them ("… as the Chinese president prepares").
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && s.role.is_none())
    {
        let name_words: Vec<&str> = words(&speaker.name).filter(|w| w.chars().count() > 1).collect();
        let mut candidates: Vec<usize> = name_words.iter().flat_map(|w| mentions.with_word(w)).copied().collect();
        candidates.sort_unstable();
        let role = candidates
            .into_iter()
            .map(|i| mentions.spans[i])
            .filter_map(|m| doc.sentence_at(m.start))
            .find_map(|s| grammar.role_description(doc, s));
        if let Some(span) = role {
            speaker.role = Some(span.slice(text).to_string());
            speaker.role_span = Some(span);
        }
    }

    // A title written before the full name elsewhere ("Councillor Amira Sayegh").
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && s.role.is_none())
    {
        let first_word = words(&speaker.name).next().unwrap_or_default();
        let title = mentions
            .with_word(first_word)
            .iter()
            .map(|&i| &titled[i])
            .filter(|m: &&NameMention| same_name(m.span.slice(text), &speaker.name))
            .find_map(|m| m.title);
        if let Some(span) = title.filter(|t| !lexicon.courtesy_titles.contains(t.slice(text))) {
            speaker.role = Some(span.slice(text).to_string());
            speaker.role_span = Some(span);
        }
    }

    link_registry(&mut cast, rules);
    cast
}

/// A plural title before names joined by "and" belongs to each of them:
/// "Local historians Maud Fenwick and Ivo Salt note …" gives Ivo Salt the
/// role too. The names must share one cue and stand one "and" (or comma)
/// apart, and the title must come before the first name.
fn shared_plural_titles(cast: &mut Cast, text: &str, attributions: &[Attribution]) {
    for pair in attributions.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        let same_cue = matches!((first.cue, second.cue), (Some(a), Some(b)) if a.span == b.span);
        let (Some(first_id), Some(second_id), Some(first_name), Some(second_name)) = (
            first.speaker_id,
            second.speaker_id,
            first.speaker.name,
            second.speaker.name,
        ) else {
            continue;
        };
        if !same_cue || first_id == second_id || first_name.end > second_name.start {
            continue;
        }
        let between = text[first_name.end..second_name.start].trim();
        if !matches!(between, "and" | "," | ", and") {
            continue;
        }
        let Some(title) = first.speaker.role.filter(|r| r.end <= first_name.start) else {
            continue;
        };
        let plural = title
            .slice(text)
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.len() > 3 && w.ends_with('s'));
        let target = &mut cast.speakers[second_id];
        if plural && target.class == SpeakerClass::Person && target.role.is_none() && target.affiliation.is_none() {
            target.role = Some(title.slice(text).to_string());
            target.role_span = Some(title);
        }
    }
}

/// The first mention of each named person in any form the article uses for
/// them: the full name, the surname, the first name or title and surname,
/// whether or not that mention is a speaker ("Haldane steered the crew …"
/// before "Coxswain Freya Haldane said …"). Mentions inside quotations are
/// the speaker's words, not the article's references, and are skipped.
fn earliest_name_mentions(cast: &mut Cast, doc: &Document<'_>, mentions: &MentionIndex<'_>) {
    let text: &str = &doc.text;
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && words(&s.name).count() > 1)
    {
        let earliest = words(&speaker.name)
            .flat_map(|w| mentions.with_word(w))
            .map(|&i| mentions.spans[i])
            .filter(|m| !doc.in_quote(m.start))
            .filter(|m| {
                let written = m.slice(text);
                let written = possessive_owner(written).unwrap_or(written);
                same_name(written, &speaker.name) || shortens(written, &speaker.name)
            })
            .min();
        if let Some(m) = earliest.filter(|m| m.start < speaker.first_mention.start) {
            speaker.first_mention = m;
        }
    }
}

/// A name the article uses as the owner of a role ("Valley Water's chief
/// executive, Margit Solheim") employs people: it is an organisation, not a
/// person, when nothing else says it is a person (no role of its own, never
/// "he" or "she").
fn owners_are_organisations(cast: &mut Cast, text: &str, lexicon: &Lexicon, mentions: &MentionIndex<'_>) {
    for speaker in cast.speakers.iter_mut().filter(|s| {
        s.class == SpeakerClass::Person
            && s.role.is_none()
            && s.affiliation.is_none()
            && !s.aliases.iter().any(|a| lexicon.pronouns_singular.contains(a))
    }) {
        let first_word = words(&speaker.name).next().unwrap_or_default();
        let owns_a_role = mentions
            .with_word(first_word)
            .iter()
            .map(|&i| mentions.spans[i])
            .filter_map(|m| possessive_owner(m.slice(text)).map(|owner| (owner, m)))
            .filter(|(owner, _)| same_name(owner, &speaker.name))
            .any(|(_, m)| {
                let rest = &text[m.end..];
                // The role noun may follow a modifier or two ("chief executive").
                rest.split_whitespace()
                    .take(3)
                    .map(|w| w.trim_end_matches([',', '.', ';', ':']))
                    .any(|w| lexicon.role_nouns.contains(w))
            });
        if owns_a_role {
            speaker.class = SpeakerClass::Organization;
        }
    }
}

/// A partitive set off by commas before the name says what the person is:
/// "Teachers were told on Thursday. One of them, Lise Armand, said …" — she
/// is one of the teachers; "One of the drivers, Ana Ruiz, said …".
fn partitive_roles(cast: &mut Cast, doc: &Document<'_>, mentions: &MentionIndex<'_>) {
    const MOST_WORDS: usize = 8;
    let text: &str = &doc.text;
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && s.role.is_none() && s.affiliation.is_none())
    {
        let first_word = words(&speaker.name).next().unwrap_or_default();
        let partitive = mentions
            .with_word(first_word)
            .iter()
            .map(|&i| mentions.spans[i])
            .filter(|m| same_name(m.slice(text), &speaker.name))
            .find_map(|m| {
                let sentence = doc.sentences[doc.sentence_at(m.start)?].span;
                let before = text[sentence.start..m.start].trim_end().strip_suffix(',')?;
                let phrase_start = before.rfind([',', ';', ':']).map_or(0, |i| i + 1);
                let phrase = before[phrase_start..].trim();
                let mut phrase_words = phrase.split_whitespace();
                let partitive = phrase_words.next().is_some_and(|w| w.eq_ignore_ascii_case("one"))
                    && phrase_words.next() == Some("of")
                    && phrase_words.next().is_some()
                    && phrase.split_whitespace().count() <= MOST_WORDS;
                let start = sentence.start + offset_of(&text[sentence.start..], phrase);
                partitive.then(|| Span::new(start, start + phrase.len()))
            });
        if let Some(span) = partitive {
            speaker.role = Some(span.slice(text).to_string());
            speaker.role_span = Some(span);
        }
    }
}

/// A place written after the name says who an ordinary person is: "said
/// Mariam Osei, 71, of Mill Lane", "Tom Hale, from Kellsby, said". That is how
/// a resident speaking for themselves is identified, and it tells the reader
/// why they speak; an age alone ("Ewan Grady, 54,") does not.
fn places_of_residence(cast: &mut Cast, text: &str, mentions: &MentionIndex<'_>) {
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && s.role.is_none() && s.affiliation.is_none())
    {
        let first_word = words(&speaker.name).next().unwrap_or_default();
        let place = mentions
            .with_word(first_word)
            .iter()
            .map(|&i| mentions.spans[i])
            .filter(|m| same_name(m.slice(text), &speaker.name))
            .find_map(|m| {
                let after = &text[m.end..];
                let mut rest = after.strip_prefix(',').unwrap_or(after).trim_start_matches(' ');
                // An age between commas: "Mariam Osei, 71, of Mill Lane".
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0 {
                    rest = rest[digits..].strip_prefix(',')?.trim_start_matches(' ');
                }
                let place_start = rest.strip_prefix("of ").or_else(|| rest.strip_prefix("from "))?;
                if !place_start.starts_with(char::is_uppercase) {
                    return None;
                }
                let place_len = place_start
                    .find([',', '.', ';', ':', '"', '“', '”', '\n'])
                    .unwrap_or(place_start.len());
                let start = m.end + (after.len() - rest.len());
                let end = m.end + (after.len() - place_start.len()) + place_len;
                Some(Span::new(start, end))
            });
        if let Some(span) = place {
            speaker.role = Some(span.slice(text).to_string());
            speaker.role_span = Some(span);
        }
    }
}

/// The owner in a possessive name mention ("Valley Water's" → "Valley Water").
fn possessive_owner(mention: &str) -> Option<&str> {
    mention.strip_suffix("'s").or_else(|| mention.strip_suffix("’s"))
}

/// The byte offset of `part` inside `whole` (a sub-slice of it).
fn offset_of(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// The document's name mentions, indexed by each word they contain (split at
/// spaces and hyphens: "Xi-Putin" is found under "Xi"; a possessive also
/// under its owner: "Pell's" under "Pell"), so resolving a name
/// looks only at the mentions that can match it.
struct MentionIndex<'t> {
    spans: Vec<Span>,
    by_word: rustc_hash::FxHashMap<&'t str, Vec<usize>>,
}

impl<'t> MentionIndex<'t> {
    fn new(text: &'t str, mentions: &[NameMention]) -> Self {
        let mut by_word: rustc_hash::FxHashMap<&'t str, Vec<usize>> = Default::default();
        for (i, m) in mentions.iter().enumerate() {
            for word in m.span.slice(text).split(|c: char| c.is_whitespace() || c == '-') {
                // A possessive is found under its owner too: "Pell's" under "Pell".
                let owner = possessive_owner(word).filter(|o| !o.is_empty());
                for word in std::iter::once(word).chain(owner) {
                    if !word.is_empty() {
                        let list = by_word.entry(word).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        MentionIndex {
            spans: mentions.iter().map(|m| m.span).collect(),
            by_word,
        }
    }

    /// Indexes of the mentions containing `word`, in text order.
    fn with_word(&self, word: &str) -> &[usize] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }
}

/// A named speaker: find the person (or organisation) this name belongs to,
/// creating it with the fullest form of the name the article uses.
fn person_or_named(
    cast: &mut Cast,
    mentions: &MentionIndex<'_>,
    text: &str,
    rules: &RuleSet,
    lexicon: &Lexicon,
    name_span: Span,
    class: SpeakerClass,
) -> usize {
    let name = name_span.slice(text);
    let existing = cast.speakers.iter().position(|s| {
        matches!(s.class, SpeakerClass::Person | SpeakerClass::Organization)
            && (same_name(&s.name, name) || shortens(name, &s.name) || s.aliases.iter().any(|a| same_name(a, name)))
    });
    if let Some(id) = existing {
        return id;
    }
    // The fullest mention of this name anywhere in the article.
    let with = |word: &str| mentions.with_word(word).iter().map(|&i| mentions.spans[i]);
    let first_word = words(name).next().unwrap_or_default();
    let full_span = with(first_word)
        .filter(|m| shortens(name, m.slice(text)))
        .max_by_key(|m| (words(m.slice(text)).count(), std::cmp::Reverse(m.start)));
    let full = full_span.map(|m| m.slice(text));
    let registry_full = rules
        .speakers
        .iter()
        .find(|e| e.aliases.iter().any(|a| same_name(a, name)) || shortens(name, &e.name))
        .map(|e| e.name.as_str());
    let written = full.or(registry_full).unwrap_or(name);
    // Post-nominal letters are a credential, not part of the name: "Elspeth
    // Grange KC" is Elspeth Grange, a King's Counsel.
    let (core, letters) = split_post_nominal(written);
    let letters_span = letters.and_then(|l| {
        let mention = full_span.filter(|m| m.slice(text) == written).unwrap_or(name_span);
        let slice = mention.slice(text);
        slice
            .ends_with(l)
            .then(|| Span::new(mention.end - l.len(), mention.end))
    });
    let full_name = core.to_string();
    let is_full = words(&full_name).count() > 1;
    let full_first_word = words(&full_name).next().unwrap_or_default();
    let full_name_mention = with(full_first_word).find(|m| same_name(m.slice(text), &full_name));
    // The first mention in any form: the full name, or the short form alone.
    let first_mention = with(first_word)
        .find(|m| same_name(m.slice(text), name))
        .into_iter()
        .chain(full_name_mention)
        .chain(std::iter::once(name_span))
        .min()
        .unwrap_or(name_span);
    // A single word never given in full and not in the registry is more
    // likely an organisation ("Gazprom") than a person; so is a name whose
    // fullest form ends in an organisation noun ("Kellsby" given in full as
    // "Kellsby General Hospital"), as the grammar reads a bare name.
    let last_word = words(&full_name).last().unwrap_or_default().trim_end_matches('.');
    let organisation_noun = lexicon.organization_heads.contains(last_word);
    let class = if class == SpeakerClass::Person && (!is_full && registry_full.is_none() || organisation_noun) {
        SpeakerClass::Organization
    } else {
        class
    };
    let credential = letters_span.filter(|_| class == SpeakerClass::Person);
    cast.speakers.push(Speaker {
        name: full_name,
        class,
        role: credential.map(|span| span.slice(text).to_string()),
        affiliation: None,
        role_span: credential,
        aliases: Vec::new(),
        mentions: Vec::new(),
        first_mention,
        full_name_mention,
        attributions: 0,
        quotes: 0,
        registry: None,
    });
    cast.speakers.len() - 1
}

/// An unnamed speaker: one entry per distinct description ("the ministry").
fn described(cast: &mut Cast, text: &str, span: Span, class: SpeakerClass) -> usize {
    let phrase = span.slice(text);
    let key = phrase.trim_start_matches(|c: char| !c.is_alphanumeric());
    let key = ["the ", "The "]
        .iter()
        .find_map(|d| key.strip_prefix(d))
        .unwrap_or(key)
        .to_lowercase();
    // "The ministry" and "the ministry" are one organisation; an unnamed or
    // vague source is one entry per distinct wording ("critics" twice).
    let same = |s: &Speaker| {
        s.class == class
            && match class {
                SpeakerClass::Organization | SpeakerClass::Document => s.name.to_lowercase().ends_with(&key),
                _ => s.name.eq_ignore_ascii_case(phrase),
            }
    };
    if let Some(id) = cast.speakers.iter().position(same) {
        return id;
    }
    cast.speakers.push(Speaker {
        name: phrase.to_string(),
        class,
        role: None,
        affiliation: None,
        role_span: None,
        aliases: Vec::new(),
        mentions: Vec::new(),
        first_mention: span,
        full_name_mention: None,
        attributions: 0,
        quotes: 0,
        registry: None,
    });
    cast.speakers.len() - 1
}

/// He and she stand for the last person mentioned before them; they for the
/// last group, organisation or unnamed plural source; it for an organisation
/// or document.
fn resolve_pronoun(cast: &Cast, lexicon: &Lexicon, pronoun: &str, at: usize) -> Option<usize> {
    let wanted = |class: SpeakerClass| {
        if lexicon.pronouns_singular.contains(pronoun) {
            class == SpeakerClass::Person
        } else if lexicon.pronouns_neuter.contains(pronoun) {
            matches!(class, SpeakerClass::Organization | SpeakerClass::Document)
        } else {
            matches!(
                class,
                SpeakerClass::Organization | SpeakerClass::Anonymous | SpeakerClass::Vague | SpeakerClass::Person
            )
        }
    };
    cast.speakers
        .iter()
        .enumerate()
        .filter(|(_, s)| wanted(s.class))
        .filter_map(|(id, s)| {
            // Mentions are pushed in text order: bisect for the last one before `at`.
            let before = s.mentions.partition_point(|m| m.start < at);
            let last_mention = before.checked_sub(1).map(|i| s.mentions[i].start);
            let full = s.full_name_mention.filter(|m| m.start < at).map(|m| m.start);
            let last = last_mention.max(full)?;
            Some((last, id))
        })
        .max()
        .map(|(_, id)| id)
}

/// Link speakers to registry entries by name or alias, and take the
/// registry's role and affiliation where the article gives none.
fn link_registry(cast: &mut Cast, rules: &RuleSet) {
    for speaker in &mut cast.speakers {
        let entry = rules.speakers.iter().position(|e| {
            same_name(&e.name, &speaker.name)
                || e.aliases.iter().any(|a| same_name(a, &speaker.name))
                || speaker.aliases.iter().any(|alias| same_name(&e.name, alias))
        });
        if let Some(index) = entry {
            speaker.registry = Some(index);
            let e = &rules.speakers[index];
            if speaker.class == SpeakerClass::Organization && words(&e.name).count() > 1 {
                speaker.class = SpeakerClass::Person;
            }
            if speaker.role.is_none() {
                speaker.role = e.role.clone();
            }
            if speaker.affiliation.is_none() {
                speaker.affiliation = e.affiliation.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_shorten_full_names() {
        assert!(shortens("Xu", "Qingdao Xu"));
        assert!(shortens("Xi", "Xi Jinping"));
        assert!(shortens("Garcia Herrero", "Alicia Garcia Herrero"));
        assert!(!shortens("Herr", "Alicia Garcia Herrero"));
        assert!(!shortens("Qingdao Xu", "Qingdao Xu"));
        assert!(shortens("Grange", "Elspeth Grange KC"));
    }

    #[test]
    fn post_nominal_letters_are_not_the_name() {
        assert_eq!(split_post_nominal("Elspeth Grange KC"), ("Elspeth Grange", Some("KC")));
        assert_eq!(split_post_nominal("Harriet Osei MP"), ("Harriet Osei", Some("MP")));
        // A generational numeral and a one-word name keep their last word.
        assert_eq!(split_post_nominal("Tomas Reyes III"), ("Tomas Reyes III", None));
        assert_eq!(split_post_nominal("Grange KC"), ("Grange KC", None));
        assert!(same_name("Elspeth Grange KC", "Elspeth Grange"));
    }

    #[test]
    fn possessive_owners() {
        assert_eq!(possessive_owner("Valley Water's"), Some("Valley Water"));
        assert_eq!(possessive_owner("Pell’s"), Some("Pell"));
        assert_eq!(possessive_owner("Pell"), None);
    }
}
