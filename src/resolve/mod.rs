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
//!
//! This file holds the cast's types, [`resolve`] itself (one pass over the
//! attributions in text order, then the passes that find roles elsewhere),
//! the creation of named and described speakers, and the registry link. The
//! rest, lowest first: `names` (comparing names word by word), `mentions` (the
//! document's name mentions indexed by word), `cast_index` (finding a speaker
//! already in the cast, and pronoun antecedents) and `roles` (roles and first
//! mentions the article gives away from the attribution).

mod cast_index;
mod mentions;
mod names;
mod roles;

use crate::attribution::grammar::{Grammar, NameMention};
use crate::attribution::{Attribution, SpeakerClass};
use crate::document::Document;
use crate::rules::{Lexicon, RuleSet};
use crate::Span;
use cast_index::CastIndex;
use mentions::MentionIndex;
use names::{same_name, shortens, split_post_nominal, words};
use roles::{
    earliest_name_mentions, owners_are_organisations, partitive_roles, places_of_residence, shared_plural_titles,
};

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
    let mut index = CastIndex::default();
    let mut order: Vec<usize> = (0..attributions.len()).collect();
    order.sort_by_key(|&i| attributions[i].speaker.span.start);

    for &i in &order {
        let a = &attributions[i];
        let phrase = &a.speaker;
        let id = if phrase.pronoun {
            index.resolve_pronoun(&cast, lexicon, phrase.span.slice(text), phrase.span.start)
        } else if let (Some(name_span), SpeakerClass::Person | SpeakerClass::Organization) = (phrase.name, phrase.class)
        {
            Some(person_or_named(
                &mut cast,
                &mut index,
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
            Some(described(&mut cast, &mut index, text, phrase.span, class))
        };
        // One entry per unresolved pronoun form ("they" with nobody before it),
        // so the cast stays as small as the set of sources.
        let pronoun = phrase.span.slice(text);
        let unresolved = || index.with_name(&cast, SpeakerClass::PronounUnresolved, pronoun);
        let id = id.or_else(unresolved).unwrap_or_else(|| {
            index.add(
                &mut cast,
                Speaker {
                    name: pronoun.to_string(),
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
                },
            )
        });
        let speaker = &mut cast.speakers[id];
        let alias = phrase.span.slice(text).to_string();
        if !speaker.aliases.contains(&alias) && alias != speaker.name {
            index.add_alias(id, speaker.class, &alias);
            speaker.aliases.push(alias);
        }
        speaker.mentions.push(phrase.span);
        index.mentioned(id, phrase.span.start);
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
    // The first mention (in text order) holding any word of the name whose
    // sentence gives a role: found once per word and once per sentence, so
    // names sharing a word ("Anna") do not rescan that word's mentions.
    let mut role_of_sentence: rustc_hash::FxHashMap<usize, Option<Span>> = Default::default();
    let mut first_with_role: rustc_hash::FxHashMap<&str, Option<(usize, Span)>> = Default::default();
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && s.role.is_none())
    {
        let role = words(&speaker.name)
            .filter(|w| w.chars().count() > 1)
            .filter_map(|w| {
                let (&word, list) = mentions.by_word.get_key_value(w)?;
                *first_with_role.entry(word).or_insert_with(|| {
                    list.iter().find_map(|&i| {
                        let s = doc.sentence_at(mentions.spans[i].start)?;
                        let role = *role_of_sentence
                            .entry(s)
                            .or_insert_with(|| grammar.role_description(doc, s));
                        role.map(|span| (i, span))
                    })
                })
            })
            .min_by_key(|&(i, _)| i)
            .map(|(_, span)| span);
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
        let title = mentions
            .first_titled(&speaker.name, titled)
            .and_then(|i| titled[i].title);
        if let Some(span) = title.filter(|t| !lexicon.courtesy_titles.contains(t.slice(text))) {
            speaker.role = Some(span.slice(text).to_string());
            speaker.role_span = Some(span);
        }
    }

    link_registry(&mut cast, rules);
    cast
}

/// A named speaker: find the person (or organisation) this name belongs to,
/// creating it with the fullest form of the name the article uses.
// The cast and its index change together; the rest is the document's
// read-only context. Bundling them is left for when resolve gets a context struct.
#[allow(clippy::too_many_arguments)]
fn person_or_named(
    cast: &mut Cast,
    index: &mut CastIndex,
    mentions: &MentionIndex<'_>,
    text: &str,
    rules: &RuleSet,
    lexicon: &Lexicon,
    name_span: Span,
    class: SpeakerClass,
) -> usize {
    let name = name_span.slice(text);
    if let Some(id) = index.with_name_or_alias(cast, name) {
        return id;
    }
    // The fullest mention of this name anywhere in the article.
    let full_span = mentions.fullest(name);
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
    let full_name_mention = mentions.first_named(&full_name);
    // The first mention in any form: the full name, or the short form alone.
    let first_mention = mentions
        .first_named(name)
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
    // "Senate Republicans", "Kentucky Republican": a party word ends a
    // group or a description, not a person's name.
    let organisation_noun = lexicon.organization_heads.contains(last_word) || lexicon.party_words.contains(last_word);
    let class = if class == SpeakerClass::Person && (!is_full && registry_full.is_none() || organisation_noun) {
        SpeakerClass::Organization
    } else {
        class
    };
    let credential = letters_span.filter(|_| class == SpeakerClass::Person);
    index.add(
        cast,
        Speaker {
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
        },
    )
}

/// An unnamed speaker: one entry per distinct description ("the ministry").
fn described(cast: &mut Cast, index: &mut CastIndex, text: &str, span: Span, class: SpeakerClass) -> usize {
    let phrase = span.slice(text);
    let key = phrase.trim_start_matches(|c: char| !c.is_alphanumeric());
    let key = ["the ", "The "]
        .iter()
        .find_map(|d| key.strip_prefix(d))
        .unwrap_or(key)
        .to_lowercase();
    // "The ministry" and "the ministry" are one organisation; an unnamed or
    // vague source is one entry per distinct wording ("critics" twice).
    let same = match class {
        SpeakerClass::Organization | SpeakerClass::Document => index.with_ending(cast, class, &key),
        _ => index.with_name(cast, class, phrase),
    };
    if let Some(id) = same {
        return id;
    }
    index.add(
        cast,
        Speaker {
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
        },
    )
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
