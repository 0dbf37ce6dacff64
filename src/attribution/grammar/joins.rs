//! Frames whose speaker is not written right before the verb: a second verb
//! sharing an earlier subject (`He admitted … and said …`), a participle after
//! a comma or a message (`…, saying …`), and a participle right after a name
//! (`footage of Dora Vance saying, “…”`).
//!
//! Separate from `subject` because each joins a verb to a speaker found
//! elsewhere in the sentence: an earlier attribution or the opening subject.

use super::helpers::{trim_clause, RECENT_IN_SENTENCE};
use super::Grammar;
use crate::attribution::{Attribution, AttributionKind, Cue, SpeakerClass, SpeakerPhrase};
use crate::document::Document;
use crate::rules::lexicon::PhraseKind;
use crate::text::span::offset_in;
use crate::Span;

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

impl<'l> Grammar<'l> {
    /// `He admitted that … and said he would stay.`: a second verb sharing the
    /// subject of an attribution earlier in the sentence. The earlier content
    /// ends where the second verb's conjunction starts.
    pub(super) fn shared_subject(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
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
        let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), sentence.start, cue.class);
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
                SpeakerClass::Person
                    | SpeakerClass::Organization
                    | SpeakerClass::PronounUnresolved
                    | SpeakerClass::Anonymous
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
    pub(super) fn participle_clause(
        &self,
        doc: &Document<'_>,
        s: usize,
        cue: Cue,
        found: &mut Vec<Attribution>,
    ) -> bool {
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
        // "pointing out", "referring to": the participle is the cue's first word.
        let participle = cue_text.split_whitespace().next().unwrap_or_default();
        // ", falsely suggesting": an adverb may stand between comma and participle.
        let before = match before.rsplit_once(' ') {
            Some((head, adverb)) if head.ends_with(',') && adverb.len() > 4 && adverb.ends_with("ly") => head,
            _ => before,
        };
        if !participle.ends_with("ing") || !(before.ends_with(',') || after_message()) {
            return false;
        }
        let comma_at = sentence.start + before.len() - 1;
        let earlier_index = latest_cue_before(found, s, cue);
        // "said the figures were dramatic, showing a lead": what the figures
        // show is part of what was said, not a second statement.
        let nested = earlier_index.is_some_and(|i| found[i].content.is_some_and(|c| c.covers(cue.span)));
        if nested && self.has(&self.lex.evidence_verbs, participle) {
            return false;
        }
        let earlier = earlier_index.map(|i| found[i].speaker.clone());
        let speaker = match earlier {
            Some(speaker) => speaker,
            None => match self.opening_subject(doc, s, cue.span.start) {
                Some(speaker) => speaker,
                None => return false,
            },
        };
        let (after, recipient) = self.recipient(cue_text, &text[cue.span.end..sentence.end]);
        let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), cue.span.start, cue.class);
        if content.is_none() {
            return false;
        }
        let recipient = recipient.map(|r| Span::new(offset_in(text, r), offset_in(text, r) + r.len()));
        // "wrote to the council, saying …", "posted messages, saying …": the
        // participle carries what was said; the first verb's own content, if
        // any, is only its object.
        // "said the pier was old, adding that …": a reported clause before
        // the comma stays the earlier verb's, and ends there.
        if let Some(i) = earlier_index.filter(|&i| found[i].content.is_none_or(|c| c.covers(cue.span))) {
            let own_clause = found[i]
                .content
                .map(|c| trim_clause(text, Span::new(c.start, comma_at.max(c.start))))
                .filter(|c| c.start >= found[i].cue.map_or(0, |k| k.span.end))
                .filter(|c| self.reads_as_clause(c.slice(text)))
                // "announcing the pick, the guild called …, citing": a verb
                // between the two reports on its own; the first has no clause.
                .filter(|c| {
                    !doc.hits_in(s).iter().any(|h| {
                        c.covers(h.span)
                            && (h.kinds.has(PhraseKind::ReportingVerb) || h.kinds.has(PhraseKind::NamingVerb))
                    })
                });
            match own_clause {
                Some(clause) => found[i].content = Some(clause),
                None => {
                    found.remove(i);
                }
            }
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

    /// Whether `words` hold a verb of their own ("the pier was old", "he
    /// would stay", "the ferry stopped"): a reported clause, not an object
    /// ("to the council on Friday", "a series of messages").
    fn reads_as_clause(&self, words: &str) -> bool {
        let mut words = words
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        words.next().is_some()
            && words.clone().nth(1).is_some()
            && words.any(|w| {
                self.has(&self.lex.be_verbs, w)
                    || self.has(&self.lex.auxiliaries, w)
                    || (w.len() > 4 && w.ends_with("ed") && w.starts_with(char::is_lowercase))
            })
    }

    /// `The ad shows footage of Dora Vance saying, “…”`: a participle right
    /// after a name (no comma between) reports what that person said, not
    /// what the sentence's subject did.
    pub(super) fn named_participle(
        &self,
        doc: &Document<'_>,
        s: usize,
        cue: Cue,
        found: &mut Vec<Attribution>,
    ) -> bool {
        const NAME_WORDS: usize = 6;
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let participle = cue.span.slice(text).split_whitespace().next().unwrap_or_default();
        if !participle.ends_with("ing") {
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
            let (kind, content, quote) = self.content_after(doc, s, offset_in(text, after), sentence.start, cue.class);
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
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

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
    fn a_participle_after_a_reported_clause_reports_apart() {
        let a = extract("Tomas Reed said the harbour was changing, referring to the new ferry families.");
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!((a[0].1.as_str(), a[0].2.as_str()), ("said", "the harbour was changing"));
        assert_eq!(
            (a[1].0.as_str(), a[1].1.as_str(), a[1].2.as_str()),
            ("Tomas Reed", "referring to", "the new ferry families")
        );
        let b = extract("Oskar Lind went with the odds, pointing out that Vell would win the cup.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Oskar Lind", "Vell would win the cup")
        );
        let c = extract("Lena Morrow raised questions about the mayor, falsely suggesting that he lived abroad.");
        assert_eq!(
            (c[0].1.as_str(), c[0].2.as_str()),
            ("suggesting", "he lived abroad"),
            "{c:?}"
        );
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
    fn a_subject_shared_with_a_verb_that_reports_nothing() {
        let a = extract("Ines Arce, the harbour master, toured the pier and said the ferry would run in May.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ines Arce", "said"));
        assert_eq!(a[0].2, "the ferry would run in May");
    }

    #[test]
    fn an_opening_adverbial_before_the_subject_of_a_participle() {
        let a = extract("During a speech on Monday, Ines Arce attacked the plan, saying, “It sinks the ferry.”");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ines Arce", "saying"), "{a:?}");
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
    fn a_relative_clause_running_past_a_participle_is_no_name() {
        // Once panicked: the speaker phrase ended after the participle.
        let a = extract("A delay would expose the board to anger from Harbourites, who were demanding a hearing.");
        assert!(a.iter().all(|a| a.1 != "demanding"), "{a:?}");
    }

    #[test]
    fn a_described_subject_or_one_with_an_appositive_shares_the_second_verb() {
        let a = extract("The spokesman refused to answer questions but said there was no call planned.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("The spokesman", "there was no call planned"),
            "{a:?}"
        );
        let b =
            extract("Gary Emmet, a former state party chairman, became a delegate and said he is leaning toward Holt.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("Gary Emmet", "he is leaning toward Holt"),
            "{b:?}"
        );
    }
}
