//! The reporting verb (the cue) and what may stand between a subject and it:
//! auxiliaries, adverbs, a post-modifier or a relative clause; subject-verb
//! agreement for bare verbs; the progressive, and infinitive or "for"
//! complements that make a verb report an action rather than a statement.
//!
//! Separate because these are the tests a frame applies to a candidate subject
//! and its verb, independent of where the content of the attribution lies.

use super::helpers::{fail, is_any_ignoring_ascii_case, ws1, Res};
use super::{Grammar, Np};
use crate::attribution::SpeakerClass;
use crate::rules::VerbClass;
use nom::Parser;

/// A gap between a speaker and the verb without a relative clause set off
/// by commas at its end: "of the board, who asked not to be named," → "of
/// the board". The clause describes the speaker; its words ("not", "asked")
/// say nothing about whether the speaker spoke.
pub(super) fn without_relative_clause(gap: &str) -> &str {
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

impl<'l> Grammar<'l> {
    /// A reporting verb, or a verb that reports speech only beside a
    /// quotation ("“…,” she continued"), at the start of `i`.
    pub(super) fn quote_cue<'a>(&self, i: &'a str) -> Res<'a, (&'a str, VerbClass)> {
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
    pub(super) fn is_bare_form(&self, cue: &str) -> bool {
        !cue.contains(' ') && self.verb_class(&format!("{cue}s")).is_some()
    }

    /// A singular third-person subject: a name, "the ministry", "he".
    pub(super) fn is_singular(&self, np: &Np<'_>) -> bool {
        if np.pronoun {
            return self.has(&self.lex.pronouns_singular, np.text) || self.has(&self.lex.pronouns_neuter, np.text);
        }
        let head = np.text.split_whitespace().next_back().unwrap_or_default();
        // "six in 10 say", "half of them say": a share of a group is plural.
        if self.has(&self.lex.plural_collectives, head) || np.class == SpeakerClass::Document && self.is_share(np.text)
        {
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
    pub(super) fn gap_allows(&self, np: &Np<'_>, gap: &str) -> bool {
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
            // ", in a statement released by the club on Thursday,": a
            // participle after a noun describes it.
            let mut previous = "";
            let no_verb = |w: &str, previous: &str| {
                (self.verb_class(w).is_none()
                    || (w.ends_with("ed") && !previous.is_empty() && !self.is_pronoun(previous)))
                    && !self.has(&self.lex.be_verbs, w)
            };
            if opens_with_preposition
                && inner_words.clone().nth(10).is_none()
                && !inner.contains([',', '“', '"', '”'])
                && inner_words.all(|w| {
                    let ok = no_verb(w, previous);
                    previous = w;
                    ok
                })
            {
                return true;
            }
        }
        // "has recently", "cynically": auxiliaries and adverbs in -ly.
        let adverb = |w: &str| w.len() > 4 && w.ends_with("ly") && w.starts_with(char::is_lowercase);
        if let Some(inner) = gap.strip_prefix(',').and_then(|g| g.strip_suffix(',')) {
            let inner = inner.trim();
            let mut inner_words = inner.split_whitespace();
            let first = inner_words.clone().next().unwrap_or_default();
            // ", however,", ", 70,": an adverb or an age set off by commas.
            let adverbs = inner_words.clone().nth(2).is_none()
                && !inner.is_empty()
                && inner_words
                    .clone()
                    .all(|w| self.has(&self.lex.auxiliaries, w) || adverb(w));
            let age = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit());
            // ", speaking at a rally in Vell,": a participle phrase set off by
            // commas describes the subject, unless the participle is a cue.
            let participle = first.len() > 4
                && first.ends_with("ing")
                && first.starts_with(char::is_lowercase)
                && self.verb_class(first).is_none()
                && !self.has(&self.lex.quote_verbs, first)
                && inner_words.clone().nth(12).is_none()
                && !inner.contains([',', '“', '"', '”', ';', '(']);
            if adverbs || age || (participle && inner_words.all(|w| !self.has(&self.lex.be_verbs, w))) {
                return true;
            }
        }
        if !gap.contains(',')
            && gap
                .split_whitespace()
                .all(|w| self.has(&self.lex.auxiliaries, w.trim_end_matches(',')) || adverb(w))
        {
            return true;
        }
        // "Holt on Tuesday said", "Brill last week said": a short phrase of
        // time between subject and verb, with or without auxiliaries.
        if !gap.contains([',', '“', '"', '”', ';', ':', '(']) && count <= 5 {
            let timely = |w: &str| self.has(&self.lex.time_words, w) || w.chars().all(|c| c.is_ascii_digit());
            let time = words.iter().rposition(|w| !self.has(&self.lex.auxiliaries, w));
            if let Some(last) = time {
                let phrase = &words[..=last];
                if phrase.iter().all(|w| timely(w))
                    && phrase
                        .iter()
                        .any(|w| !self.has(&self.lex.prepositions, w) && !self.has(&self.lex.auxiliaries, w))
                {
                    return true;
                }
            }
        }
        // "went on to say", "has repeatedly tried to explain": a verb that
        // takes the cue as its infinitive. Not after an object ("asked Vance
        // to say", "told them to"), a form of "be" ("was forced to admit") or
        // a decision ("declined to say": no statement).
        if let [lead @ .., "to"] = words {
            let plain = |w: &&str| {
                w.starts_with(char::is_lowercase)
                    && !w.contains([',', '“', '"', '”', ';', ':'])
                    && !self.has(&self.lex.be_verbs, w)
                    && !self.has(&self.lex.object_pronouns, w)
                    && !self.has(&self.lex.determiners, w)
                    && !self.has(&self.lex.decision_verbs, w)
                    && !matches!(*w, "not" | "never")
            };
            // The verb before "to" goes on with speech or wants it ("went on",
            // "continued", "wanted"): after another verb "to" may say why
            // ("spoke only to confirm his name").
            let catenative = match lead {
                [.., first, last] if self.has(&self.lex.quote_verbs, &format!("{first} {last}")) => true,
                [.., last] => self.has(&self.lex.quote_verbs, last) || self.verb_class(last) == Some(VerbClass::Mental),
                [] => false,
            };
            if catenative && lead.len() <= 4 && lead.iter().all(plain) {
                return true;
            }
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

    pub(super) fn auxiliaries<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let mut rest = i;
        while let Ok((r, (_, _))) = (|j| self.word_in(j, &self.lex.auxiliaries), ws1).parse(rest) {
            rest = r;
        }
        Ok((rest, &i[..i.len() - rest.len()]))
    }

    /// The gap before an -ing cue without its closing form of "be" and the
    /// auxiliaries around it: "is now calling", "has been telling" make the
    /// progressive of the cue ("Vance is calling the plan “a farce”"), not the
    /// passive that "be" makes of a participle ("is expected to").
    pub(super) fn without_progressive_be<'a>(&self, gap: &'a str, cue: &str) -> &'a str {
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
    pub(super) fn is_infinitive_complement(&self, after: &str, most_object_words: usize) -> bool {
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
    pub(super) fn is_request_for(&self, after: &str) -> bool {
        const MOST_OBJECT_WORDS: usize = 4;
        after
            .split_whitespace()
            .take(MOST_OBJECT_WORDS + 1)
            .skip(1)
            .take_while(|w| !w.contains([',', ';', ':', '“', '"', '.']) && *w != "that")
            .any(|w| w == "for")
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn a_collective_noun_takes_a_bare_verb() {
        let a = extract("Police say they have “enough officers” for the match.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Police", "say"), "{a:?}");
    }

    #[test]
    fn a_capitalised_plural_takes_a_bare_verb() {
        let a = extract("Harbourites say they have several questions for the board.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Harbourites", "say"), "{a:?}");
    }

    #[test]
    fn an_adverb_between_subject_and_verb() {
        let a = extract("Oskar Lind cynically dismissed the audit as “theatre for the council.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Oskar Lind", "dismissed"), "{a:?}");
    }

    #[test]
    fn a_post_modifier_and_an_appositive_between_subject_and_verb() {
        let a = extract("Officials at Harbour Investigations, a division of the ministry, said the fund was empty.");
        assert_eq!((a[0].0.as_str(), a[0].2.as_str()), ("Officials", "the fund was empty"));
    }

    #[test]
    fn a_verb_that_takes_the_cue_as_its_infinitive() {
        let a = extract("Oskar Lind went on to say the pier was unsafe.");
        assert_eq!(
            (a[0].0.as_str(), a[0].1.as_str(), a[0].2.as_str()),
            ("Oskar Lind", "say", "the pier was unsafe")
        );
        let b = extract("The mayor wanted to stress that the levy is temporary.");
        assert!(
            b.iter()
                .any(|a| (a.1.as_str(), a.2.as_str()) == ("stress", "the levy is temporary")),
            "{b:?}"
        );
        // A decision says nothing, and after another verb "to" says why.
        assert!(extract("Oskar Lind declined to say whether the pier was unsafe.").is_empty());
        assert!(extract("Oskar Lind, who wore a coat, spoke only to confirm his name.").is_empty());
    }

    #[test]
    fn adverbs_ages_and_participle_phrases_set_off_by_commas() {
        let a = extract("Ines Arce, speaking at the harbour on Friday, said the ferry would run.");
        assert_eq!((a[0].0.as_str(), a[0].2.as_str()), ("Ines Arce", "the ferry would run"));
        let b = extract("The two councillors, however, argue that the levy is old.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("two councillors", "the levy is old")
        );
        let c = extract("Oskar Lind, 70, said the pier was older than him.");
        assert_eq!(c[0].0, "Oskar Lind");
        let d = extract("Harbour officials now say they have chosen a new route.");
        assert_eq!(d[0].2, "they have chosen a new route");
    }

    #[test]
    fn a_participle_phrase_describes_the_subject() {
        let a = extract("Protesters marching through the square chanted “Open the pier!”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Protesters", "chanted"), "{a:?}");
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
    fn a_request_inside_reported_speech_is_part_of_it() {
        let a = extract("Tomas Vidal said he would ask the umpires for the footage.");
        assert_eq!(a.len(), 1, "{a:?}");
        let b = extract("They said the ministry had asked the treasury to hire more inspectors.");
        assert_eq!(b.len(), 1, "{b:?}");
        // At the top level a request is still reported.
        assert_eq!(extract("Farmers asked the ministry to suspend the fees.").len(), 1);
    }

    #[test]
    fn a_relative_clause_with_a_time_phrase_reports() {
        let a = extract("The vote went to Oskar Lind, the party chair, who in 2019 said the ferry was doomed.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].1.as_str(), a[0].2.as_str()), ("said", "the ferry was doomed"));
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
        // "sought to" is an attempt, not a statement.
        assert!(extract("Amid the dispute, Tull sought to strengthen its ties with Harwick.").is_empty());
    }

    #[test]
    fn a_phrase_of_time_between_subject_and_verb() {
        let a = extract("Holt on Tuesday said that the pier would close.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Holt", "the pier would close"),
            "{a:?}"
        );
        let b = extract("Ada Brill (D-Tarn) last week said the fund was empty.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Ada Brill", "the fund was empty"),
            "{b:?}"
        );
        let c = extract("Carlo Brun, in a statement released by the club on Thursday, said he welcomed the ruling.");
        assert_eq!(
            (c[0].0.as_str(), c[0].2.as_str()),
            ("Carlo Brun", "he welcomed the ruling"),
            "{c:?}"
        );
        // A preposition alone says no time: "Holt in said" is no phrase.
        assert!(extract("The pier in Tarn said nothing.").iter().all(|a| a.0 != "pier"));
    }
}
