//! Finding a speaker already in the cast: by name, alias, shortened form,
//! class and name, or the ending of an organisation's name; and the antecedent
//! of a pronoun. A short cast is scanned; past [`CAST_SCAN_LIMIT`] speakers it
//! is indexed, so that long documents stay linear.
//!
//! Separate because it changes with the cast while it is built, and its two
//! ways of answering (scan or index) must give the same speaker.

use super::names::{name_key, part_keys, same_name, shortens};
use super::{Cast, Speaker};
use crate::attribution::SpeakerClass;
use crate::rules::Lexicon;

/// Look-ups over the cast while it is built. A short article's cast is
/// scanned; past [`CAST_SCAN_LIMIT`] speakers (a long document has
/// thousands) the cast is indexed, so resolving one speaker does not scan
/// every speaker before it. Either way the first speaker (lowest id) that
/// fits is found.
#[derive(Default)]
pub(super) struct CastIndex {
    /// Whether the maps below are in use (the cast has grown past the limit).
    indexed: bool,
    /// People and organisations by every form that finds them by name: the
    /// name itself, the runs of words it [`shortens`] to, and each alias.
    named: rustc_hash::FxHashMap<String, usize>,
    /// Speakers by class and ASCII-lowercased name.
    by_name: rustc_hash::FxHashMap<(SpeakerClass, String), usize>,
    /// Organisations and documents by class and every ending of their lowercased name.
    by_ending: rustc_hash::FxHashMap<(SpeakerClass, String), usize>,
    /// Mentions (and full-name mentions) not yet before the pronoun being
    /// resolved: (offset, speaker), nearest first.
    pending: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>>,
    /// Per class, the latest (offset, speaker) mention before the pronoun being resolved.
    latest: Vec<(SpeakerClass, (usize, usize))>,
}

/// Casts up to this many speakers are scanned, larger ones indexed.
const CAST_SCAN_LIMIT: usize = 64;

/// Keep the lower speaker id under `key`: the one a scan would find first.
fn keep_first<K: std::hash::Hash + Eq>(map: &mut rustc_hash::FxHashMap<K, usize>, key: K, id: usize) {
    map.entry(key)
        .and_modify(|first| *first = (*first).min(id))
        .or_insert(id);
}

impl CastIndex {
    /// Add a speaker to the cast (and to the index); returns its id.
    pub(super) fn add(&mut self, cast: &mut Cast, speaker: Speaker) -> usize {
        let id = cast.speakers.len();
        cast.speakers.push(speaker);
        if self.indexed {
            self.register(id, &cast.speakers[id]);
        } else if cast.speakers.len() > CAST_SCAN_LIMIT {
            self.indexed = true;
            for (id, speaker) in cast.speakers.iter().enumerate() {
                self.register(id, speaker);
                for alias in &speaker.aliases {
                    self.add_alias(id, speaker.class, alias);
                }
                for mention in &speaker.mentions {
                    self.mentioned(id, mention.start);
                }
            }
        }
        id
    }

    fn register(&mut self, id: usize, speaker: &Speaker) {
        let class = speaker.class;
        if matches!(class, SpeakerClass::Person | SpeakerClass::Organization) {
            keep_first(&mut self.named, name_key(&speaker.name), id);
            for part in part_keys(&speaker.name) {
                keep_first(&mut self.named, part, id);
            }
        }
        if matches!(class, SpeakerClass::Organization | SpeakerClass::Document) {
            let lower = speaker.name.to_lowercase();
            let ends = lower
                .char_indices()
                .map(|(at, _)| at)
                .chain(std::iter::once(lower.len()));
            for at in ends {
                keep_first(&mut self.by_ending, (class, lower[at..].to_string()), id);
            }
        }
        keep_first(&mut self.by_name, (class, speaker.name.to_ascii_lowercase()), id);
        if let Some(full) = speaker.full_name_mention {
            self.pending.push(std::cmp::Reverse((full.start, id)));
        }
    }

    pub(super) fn add_alias(&mut self, id: usize, class: SpeakerClass, alias: &str) {
        if self.indexed && matches!(class, SpeakerClass::Person | SpeakerClass::Organization) {
            keep_first(&mut self.named, name_key(alias), id);
        }
    }

    /// A mention of speaker `id` as a speaker at `offset`.
    pub(super) fn mentioned(&mut self, id: usize, offset: usize) {
        if self.indexed {
            self.pending.push(std::cmp::Reverse((offset, id)));
        }
    }

    /// The first person or organisation that `name` names, shortens or is an alias of.
    pub(super) fn with_name_or_alias(&self, cast: &Cast, name: &str) -> Option<usize> {
        if self.indexed {
            return self.named.get(&name_key(name)).copied();
        }
        cast.speakers.iter().position(|s| {
            matches!(s.class, SpeakerClass::Person | SpeakerClass::Organization)
                && (same_name(&s.name, name) || shortens(name, &s.name) || s.aliases.iter().any(|a| same_name(a, name)))
        })
    }

    /// The first speaker of `class` named `name`, ignoring ASCII case.
    pub(super) fn with_name(&self, cast: &Cast, class: SpeakerClass, name: &str) -> Option<usize> {
        if self.indexed {
            return self.by_name.get(&(class, name.to_ascii_lowercase())).copied();
        }
        cast.speakers
            .iter()
            .position(|s| s.class == class && s.name.eq_ignore_ascii_case(name))
    }

    /// The first speaker of `class` whose lowercased name ends with `ending`.
    pub(super) fn with_ending(&self, cast: &Cast, class: SpeakerClass, ending: &str) -> Option<usize> {
        if self.indexed {
            return self.by_ending.get(&(class, ending.to_string())).copied();
        }
        cast.speakers
            .iter()
            .position(|s| s.class == class && s.name.to_lowercase().ends_with(ending))
    }

    /// He and she stand for the last person mentioned before them; they for the
    /// last group, organisation or unnamed plural source; it for an organisation
    /// or document. Pronouns are resolved in text order, so in an indexed cast
    /// each mention is folded once into the latest mention of its speaker's class.
    pub(super) fn resolve_pronoun(
        &mut self,
        cast: &Cast,
        lexicon: &Lexicon,
        pronoun: &str,
        at: usize,
    ) -> Option<usize> {
        let singular = lexicon.pronouns_singular.contains(pronoun);
        let neuter = lexicon.pronouns_neuter.contains(pronoun);
        let wanted = |class: SpeakerClass| {
            if singular {
                class == SpeakerClass::Person
            } else if neuter {
                matches!(class, SpeakerClass::Organization | SpeakerClass::Document)
            } else {
                matches!(
                    class,
                    SpeakerClass::Organization | SpeakerClass::Anonymous | SpeakerClass::Vague | SpeakerClass::Person
                )
            }
        };
        if !self.indexed {
            return cast
                .speakers
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
                .map(|(_, id)| id);
        }
        while let Some(&std::cmp::Reverse((offset, id))) = self.pending.peek() {
            if offset >= at {
                break;
            }
            self.pending.pop();
            let class = cast.speakers[id].class;
            match self.latest.iter_mut().find(|(c, _)| *c == class) {
                Some((_, latest)) => *latest = (*latest).max((offset, id)),
                None => self.latest.push((class, (offset, id))),
            }
        }
        self.latest
            .iter()
            .filter(|(class, _)| wanted(*class))
            .map(|&(_, latest)| latest)
            .max()
            .map(|(_, id)| id)
    }
}
