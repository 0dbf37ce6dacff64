//! The main verb-anchored frames: `X said (that) …`, where the speaker is the
//! earliest phrase that runs up to the verb, and the inverted `…, said X`.
//!
//! Separate because this is the frame most reporting verbs go through; the
//! frames whose subject is not written before the verb are in `joins`.

use super::content::content_kind;
use super::cues::without_relative_clause;
use super::helpers::{
    ceil_char_boundary, ends_with_ignoring_ascii_case, is_any_ignoring_ascii_case, is_opening_mark, trim_clause, ws1,
    NEAR_BYTES, RECENT_IN_SENTENCE,
};
use super::recipient::interview_recipient;
use super::{Grammar, Np};
use crate::attribution::{Attribution, Cue, SpeakerClass};
use crate::document::Document;
use crate::rules::lexicon::PhraseKind;
use crate::text::span::offset_in;
use crate::Span;
use nom::Parser;

impl<'l> Grammar<'l> {
    /// `X said (that) …`, `X told OUTLET …`, `X, the ROLE of ORG, said: “…”`,
    /// `…, two ministers said.` Anchored at a reporting verb; the speaker is
    /// the earliest phrase that runs up to the verb.
    pub(super) fn subject_then_cue(
        &self,
        doc: &Document<'_>,
        s: usize,
        cue: Cue,
        found: &mut Vec<Attribution>,
    ) -> bool {
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
            // "pledged to reopen the pier", "agreed to abstain": a commitment
            // or a wish is the position the source states, and the infinitive
            // is its content (PolNeAR annotates these as attributions).
            if self.is_infinitive_complement(after, 0) {
                // A decision says nothing; a loaded verb before an infinitive
                // is the usual word for the act ("vowed to rebuild") and is
                // left out, so that loaded-verb does not flag it.
                if self.has(&self.lex.decision_verbs, cue_text) || cue.class.is_loaded() {
                    return false;
                }
                let to = offset_in(text, after.trim_start());
                let content = trim_clause(text, Span::new(to, sentence.end));
                for np in &nps {
                    let kind = content_kind(doc, content);
                    found.push(self.attribution(doc, np, Some(cue), Some(content), recipient, s, None, kind));
                }
                return true;
            }
            if recipient.is_none() {
                // "In an interview with OUTLET, X said": the phrase sits just
                // before the speaker; looking only there keeps long sentences linear.
                let near = &before[ceil_char_boundary(before, before.len().saturating_sub(4 * NEAR_BYTES))..];
                recipient = interview_recipient(near);
            }
            let (kind, content, quote) =
                self.content_after(doc, s, offset_in(text, after), sentence.start + start, cue.class);
            for np in &nps {
                found.push(self.attribution(doc, np, Some(cue), content, recipient, s, quote, kind));
            }
            return true;
        }
        self.relative_subject(doc, s, cue, found) || self.cue_then_subject(doc, s, cue, found)
    }

    /// `Mara Voss, who says the fund is empty, …`, `voters who said the
    /// levy was fair`: the subject of a relative clause is the phrase the
    /// pronoun stands for, and the speaker reaches from that phrase to the
    /// pronoun. A clause set off by commas ends at its next comma.
    fn relative_subject(&self, doc: &Document<'_>, s: usize, cue: Cue, found: &mut Vec<Attribution>) -> bool {
        const MOST_ANTECEDENT_WORDS: usize = 8;
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        // "who asked not to be named": the reason for anonymity reports nothing.
        let anonymity = doc.hits_in(s).iter().any(|h| {
            h.span.overlaps(cue.span)
                && (h.kinds.has(PhraseKind::AnonymityMarker) || h.kinds.has(PhraseKind::AnonymityReason))
        });
        if anonymity {
            return false;
        }
        let before = text[sentence.start..cue.span.start].trim_end();
        let mut rest = before;
        while let Some((head, last)) = rest.rsplit_once(char::is_whitespace) {
            if !self.has(&self.lex.auxiliaries, last) {
                break;
            }
            // "who did not respond": nothing was said.
            if matches!(last, "not" | "never") || last.contains("n't") || last.contains("n’t") {
                return false;
            }
            rest = head.trim_end();
        }
        let Some((head, relative)) = rest.rsplit_once(char::is_whitespace) else {
            return false;
        };
        let head = head.trim_end();
        let set_off = head.ends_with(',');
        // Only "who": an organisation or a state after "which" or "that" acts
        // more often than it speaks ("Russia, which has vowed to …").
        if relative != "who" {
            return false;
        }
        let antecedent = head.trim_end_matches(',').trim_end();
        let end = sentence.start + antecedent.len();
        let relative_end = sentence.start + rest.len();
        let starts = antecedent
            .char_indices()
            .rev()
            .filter(|&(i, c)| {
                i > 0 && c.is_whitespace() && !antecedent[i + c.len_utf8()..].starts_with(char::is_whitespace)
            })
            .map(|(i, c)| i + c.len_utf8())
            .take(MOST_ANTECEDENT_WORDS)
            .chain(std::iter::once(0))
            .collect::<Vec<_>>();
        for &start in starts.iter().rev() {
            let from = sentence.start + start;
            let Ok((r, np)) = self.speaker(&text[from..end]) else {
                continue;
            };
            if !r.is_empty() || np.pronoun {
                continue;
            }
            let np = Np {
                extent: &text[from..relative_end],
                ..np
            };
            let after = &text[cue.span.end..sentence.end];
            let (after, recipient) = self.recipient(cue.span.slice(text), after);
            let infinitive = self.is_infinitive_complement(after, 0);
            if infinitive && (self.has(&self.lex.decision_verbs, cue.span.slice(text)) || cue.class.is_loaded()) {
                return false;
            }
            let (kind, content, quote) = if infinitive {
                let to = offset_in(text, after.trim_start());
                let content = trim_clause(text, Span::new(to, sentence.end));
                (content_kind(doc, content), Some(content), None)
            } else {
                self.content_after(doc, s, offset_in(text, after), from, cue.class)
            };
            let content = match content {
                Some(c) if set_off && quote.is_none() => {
                    let cut = c.slice(text).find(',').map_or(c, |at| Span::new(c.start, c.start + at));
                    Some(cut).filter(|c| !c.is_empty())
                }
                other => other,
            };
            let kind = match (quote, content) {
                (None, Some(c)) => content_kind(doc, c),
                _ => kind,
            };
            // "a reporter who asked about money": a relative clause with
            // nothing reported describes the phrase.
            if content.is_none() {
                return false;
            }
            found.push(self.attribution(doc, &np, Some(cue), content, recipient, s, quote, kind));
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
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn the_object_of_a_preposition_is_no_subject() {
        let a = extract("The fact-checkers rated half of Harbour claims as “false” last year.");
        assert!(a.iter().all(|a| a.0 != "Harbour"), "{a:?}");
    }

    #[test]
    fn a_person_shows_nothing_a_poll_shows_a_finding() {
        assert!(extract("Ines Arce had shown poor judgment in the ferry talks.").is_empty());
        let a = extract("The harbour records show that the ferry was late 40 times.");
        assert_eq!(a[0].2, "the ferry was late 40 times");
    }

    #[test]
    fn negated_subjects_made_no_statement() {
        assert!(extract("Critics noted that neither candidate had explained the plan.")
            .iter()
            .all(|a| a.1 != "explained"));
    }

    #[test]
    fn a_relative_clause_reports_for_its_antecedent() {
        let a = extract("Mara Voss, who says the ferry is late, asked the board for a refund.");
        assert!(
            a.iter()
                .any(|a| (a.0.as_str(), a.1.as_str(), a.2.as_str()) == ("Mara Voss", "says", "the ferry is late")),
            "{a:?}"
        );
        let b = extract("Voters who said the levy was fair stayed at home.");
        assert_eq!((b[0].0.as_str(), b[0].1.as_str()), ("Voters", "said"), "{b:?}");
        // A relative clause that reports nothing describes its phrase.
        assert!(extract("The clerk cut off a reporter who asked about money.").is_empty());
    }

    #[test]
    fn an_infinitive_states_a_commitment_but_not_a_decision() {
        let a = extract("Ines Arce pledged to reopen the pier by May.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Ines Arce", "to reopen the pier by May")
        );
        let b = extract("The harbour board wants to close the pier.");
        assert_eq!(b[0].2, "to close the pier");
        assert!(extract("The crew agreed to sail on Friday.").is_empty());
    }

    #[test]
    fn an_aim_or_a_topic_is_a_position_taken() {
        // "sought to" is an attempt (seek is a decision verb), not a position.
        assert!(extract("Mira Holt sought to reassure the ferry crews about their pensions.").is_empty());
        let b = extract("Oskar Lind talked about the harbour levy for an hour.");
        assert_eq!(
            (b[0].0.as_str(), b[0].1.as_str()),
            ("Oskar Lind", "talked about"),
            "{b:?}"
        );
        let c = extract("The mayor has railed against the dredging contract since May.");
        assert_eq!(c[0].1, "railed against", "{c:?}");
    }

    #[test]
    fn passive_forecast_is_not_an_attribution() {
        assert!(extract("Putin and Xi Jinping are expected to meet in June.").is_empty());
    }
}
