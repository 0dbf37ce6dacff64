//! Roles and first mentions that the article gives away from the attribution:
//! a plural title over names joined by "and", the earliest mention of a person
//! in any form (for late-full-name), names that own a role and so are
//! organisations, partitives ("One of them, Lise Armand,") and places of
//! residence ("Mariam Osei, 71, of Mill Lane").
//!
//! Separate because each is a pass over the finished cast, after every
//! attribution has its speaker.

use super::mentions::MentionIndex;
use super::names::{offset_of, possessive_owner, same_name, shortens, words};
use super::Cast;
use crate::attribution::{Attribution, SpeakerClass};
use crate::document::Document;
use crate::rules::Lexicon;
use crate::Span;

/// A plural title before names joined by "and" belongs to each of them:
/// "Local historians Maud Fenwick and Ivo Salt note …" gives Ivo Salt the
/// role too. The names must share one cue and stand one "and" (or comma)
/// apart, and the title must come before the first name.
pub(super) fn shared_plural_titles(cast: &mut Cast, text: &str, attributions: &[Attribution]) {
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
pub(super) fn earliest_name_mentions(cast: &mut Cast, doc: &Document<'_>, mentions: &MentionIndex<'_>) {
    let text: &str = &doc.text;
    for speaker in cast
        .speakers
        .iter_mut()
        .filter(|s| s.class == SpeakerClass::Person && words(&s.name).count() > 1)
    {
        // Only a mention before the first one known can change it. With the
        // mentions in text order (as the grammar gives them), each word's list
        // is read only up to there, or up to its first match: later mentions
        // cannot be earlier. Otherwise every mention is looked at.
        let mut earliest: Option<Span> = None;
        for word in words(&speaker.name) {
            for m in mentions.with_word(word).iter().map(|&i| mentions.spans[i]) {
                if mentions.in_text_order
                    && (m.start >= speaker.first_mention.start || earliest.is_some_and(|e| m.start > e.start))
                {
                    break;
                }
                if doc.in_quote(m.start) {
                    continue;
                }
                let written = m.slice(text);
                let written = possessive_owner(written).unwrap_or(written);
                if same_name(written, &speaker.name) || shortens(written, &speaker.name) {
                    earliest = Some(earliest.map_or(m, |e| e.min(m)));
                }
            }
        }
        if let Some(m) = earliest.filter(|m| m.start < speaker.first_mention.start) {
            speaker.first_mention = m;
        }
    }
}

/// A name the article uses as the owner of a role ("Valley Water's chief
/// executive, Margit Solheim") employs people: it is an organisation, not a
/// person, when nothing else says it is a person (no role of its own, never
/// "he" or "she").
pub(super) fn owners_are_organisations(cast: &mut Cast, text: &str, lexicon: &Lexicon, mentions: &MentionIndex<'_>) {
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
pub(super) fn partitive_roles(cast: &mut Cast, doc: &Document<'_>, mentions: &MentionIndex<'_>) {
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
pub(super) fn places_of_residence(cast: &mut Cast, text: &str, mentions: &MentionIndex<'_>) {
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
