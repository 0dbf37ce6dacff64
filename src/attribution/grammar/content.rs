//! The content of an attribution: what follows a cue (a quotation, a
//! that-clause, other words) or, when nothing does, the clause before the
//! speaker; and whether that content is indirect or mixed.
//!
//! Separate because every verb-anchored frame ends by asking it, and its rules
//! (times after the cue, parentheticals, clauses cut by the sentence splitter)
//! are about the content, not about the speaker.

use super::helpers::{floor_char_boundary, trim_clause};
use super::Grammar;
use crate::attribution::AttributionKind;
use crate::document::Document;
use crate::rules::VerbClass;
use crate::text::span::offset_in;
use crate::Span;

/// Indirect content, or mixed when it holds a quotation.
pub(super) fn content_kind(doc: &Document<'_>, content: Span) -> AttributionKind {
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

/// A reported clause up to a coordinated clause of the writer's own: "said …;
/// the council …", "said …, and Vance vowed …". A comma then "and" joins a new
/// clause when a name or a pronoun follows it; ", but" is left alone, since a
/// speaker's own contrast ("…, but she knows that …") runs on more often than
/// the writer's (PolNeAR train and dev). Marks inside a quotation do not cut it.
fn cut_at_coordination(doc: &Document<'_>, clause: Span, is_pronoun: impl Fn(&str) -> bool) -> Span {
    // Only the start of a long clause is read: a run-on sentence costs the same.
    const MOST_BYTES: usize = 600;
    let text: &str = &doc.text;
    let body = clause.slice(text);
    let mut end = body.len().min(MOST_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    for (at, _) in head.match_indices([',', ';']) {
        let rest = &body[at + 1..];
        let cut = if body[at..].starts_with(';') {
            true
        } else if let Some(r) = rest.strip_prefix(" and ") {
            let next = r.split_whitespace().next().unwrap_or_default();
            next.starts_with(|c: char| c.is_uppercase()) || is_pronoun(next)
        } else {
            false
        };
        // "said, “We won; they lost”": a mark inside a quotation is its own.
        if cut && at > 0 && !doc.in_quote(clause.start + at) {
            return Span::new(clause.start, clause.start + at);
        }
    }
    clause
}

impl<'l> Grammar<'l> {
    /// What follows a cue: a quote (`said: “…”`), a that-clause, other words,
    /// or nothing, in which case the clause before the speaker is the content
    /// (`The deal is off, two ministers said.`).
    pub(super) fn content_after(
        &self,
        doc: &Document<'_>,
        s: usize,
        from: usize,
        speaker_start: usize,
        class: VerbClass,
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
            // "says “the wind is at our backs” despite the loss": any lower-case
            // word that neither opens a clause of its own nor reports another
            // statement goes on with the same clause.
            let goes_on_word = next_word.starts_with(|c: char| c.is_lowercase())
                && !self.has(&self.lex.clause_openers, next_word)
                && !self.is_pronoun(next_word)
                && self.verb_class(next_word).is_none();
            let clause_goes_on = (matches!(next_word, "and" | "or" | "would" | "will" | "could")
                || self.has(&self.lex.be_verbs, next_word)
                || goes_on_word)
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
        // "says, however, that …": an adverb set off by commas after the cue.
        if let Some(rest) = after.strip_prefix(", ") {
            if let Some((adverb, _)) = rest.split_once(", ") {
                let adverb_word = |w: &str| self.has(&self.lex.auxiliaries, w) || (w.len() > 4 && w.ends_with("ly"));
                if !adverb.is_empty()
                    && adverb.split_whitespace().take(3).count() <= 2
                    && adverb.split_whitespace().all(adverb_word)
                {
                    from += 2 + adverb.len() + 1;
                }
            }
        }
        let after = &text[from..sentence.end];
        let cue_end = from;
        // "said on Monday the fund …", "has said for weeks he …", "said in
        // 2019 the pier …": a preposition and a time say when, not what.
        let time_noun = |w: &str| {
            let bare = w.strip_suffix('s').unwrap_or(w).to_ascii_lowercase();
            (self.has(&self.lex.time_words, &bare) && !self.has(&self.lex.prepositions, &bare))
                || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        };
        let mut words = after.split_whitespace();
        if let (Some(preposition), Some(time)) = (words.next(), words.next()) {
            let timed = matches!(preposition, "on" | "in" | "for" | "during" | "since" | "at") && time_noun(time);
            let next_word = words.next().unwrap_or_default();
            // "said on Monday that …" is left to the "that" below.
            if timed && !time.ends_with(',') && next_word != "that" && next_word.starts_with(char::is_lowercase) {
                from = offset_in(text, time) + time.len();
            }
        }
        let after = &text[from..sentence.end];
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
            // "said on “Harbour Hour” that …": a programme's name in quotation
            // marks is part of the phrase.
            let stops = if opens_with_preposition {
                [',', ':', ';'].as_slice()
            } else {
                [',', '“', '"', ':', ';'].as_slice()
            };
            if word.contains(stops) || seen > 15 {
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
        // "endorsed Ruiz", "rejected the levy": a short object that ends the
        // sentence is what the source took a position on. An object pronoun
        // ("asked him") or an adverb ("responded quickly") is not.
        let short_object = (1..3).contains(&meaningful)
            && from == cue_end
            && matches!(class, VerbClass::Neutral | VerbClass::Mental)
            && !opens_with_preposition
            && clause.slice(text).split_whitespace().take(3).count() == meaningful
            && clause.slice(text).split_whitespace().enumerate().all(|(n, w)| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                // "announced her resignation": before a noun "her" is a determiner.
                let object_pronoun = n + 1 == meaningful && self.has(&self.lex.object_pronouns, w);
                !w.is_empty()
                    && !object_pronoun
                    && !self.has(&self.lex.auxiliaries, w)
                    && !self.has(&self.lex.conjunctions, w)
                    && !self.has(&self.lex.be_verbs, w)
                    && !self.is_pronoun(w)
                    && !(w.len() > 4 && w.ends_with("ly"))
            });
        if !clause.is_empty()
            && (meaningful >= 3 || short_object)
            && !only_medium
            && !clause.slice(text).starts_with(',')
        {
            let clause = if clause.slice(text).starts_with(", ") {
                Span::new(clause.start + 2, clause.end)
            } else {
                clause
            };
            let clause = through_open_quote(doc, s, cut_at_coordination(doc, clause, |w| self.is_pronoun(w)));
            return (content_kind(doc, clause), Some(clause), None);
        }
        // Nothing after the cue: the content is the clause before the speaker,
        // which the speaker must start after a break ("The deal is off, two
        // ministers said"); "cutting off a reporter who asked" reports nothing.
        // "Hawaii, as one adviser pointed out, rarely gets …", "As the Courier
        // reported, the pier …": "as" before the speaker makes the attribution
        // a parenthetical of the clause around it.
        // The speaker may start a few words after "as" ("as one of the
        // mayor's advisers", "as The Times").
        const MOST_WORDS_AFTER_AS: usize = 5;
        let lead = &text[sentence.start..speaker_start];
        let window = &lead[floor_char_boundary(lead, lead.len().saturating_sub(60))..];
        let as_at = window
            .rfind(" as ")
            .map(|i| i + 1)
            .or_else(|| (window.len() == lead.len() && (lead.starts_with("As ") || lead == "As")).then_some(0))
            .map(|i| lead.len() - window.len() + i)
            .filter(|&i| {
                let between = lead[i + 2..].trim();
                !between.contains([',', ';', ':', '“', '"'])
                    && between.split_whitespace().nth(MOST_WORDS_AFTER_AS).is_none()
            });
        let (lead, as_clause) = match as_at {
            Some(i) => (lead[..i].trim_end(), true),
            None => (lead.trim_end(), false),
        };
        if as_clause && lead.is_empty() {
            let tail = clause.slice(text).trim_start_matches([',', ' ']);
            if clause.slice(text).starts_with(',') && tail.split_whitespace().take(3).count() >= 3 {
                let span = Span::new(clause.end - tail.len(), clause.end);
                return (content_kind(doc, span), Some(span), None);
            }
            return (AttributionKind::Indirect, None, None);
        }
        // "…, the Courier said, …": an article before a name that the speaker
        // phrase left out.
        let lead = lead
            .strip_suffix("the")
            .or_else(|| lead.strip_suffix("The"))
            .filter(|l| l.is_empty() || l.ends_with(char::is_whitespace))
            .map_or(lead, str::trim_end);
        let set_off = lead.ends_with([',', ';', ':', '—', '–', '”', '"', '’', ')']);
        if !set_off {
            return (AttributionKind::Indirect, None, None);
        }
        let speaker_start = sentence.start + lead.len();
        let before = trim_clause(text, Span::new(sentence.start, speaker_start));
        let before_text = before.slice(text).trim_end_matches([',', ' ']);
        // "To prevent problems, he said, officials should be vigilant",
        // "Tourism, she said, is the island's only industry": a parenthetical
        // attribution; the content is the whole sentence, and the part before
        // it may be as short as a subject.
        // "This campaign, he says, is different": together the two parts make
        // a clause of three words or more.
        let tail = clause.slice(text).trim_start_matches([',', ' ']);
        let tail_words = tail.split_whitespace().take(3).count();
        let before_words = before_text.split_whitespace().take(3).count();
        if !before_text.is_empty()
            && clause.slice(text).starts_with(',')
            && (tail_words >= 3 || (tail_words == 2 && before_words >= 2))
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
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn a_preposition_and_a_time_after_the_cue_say_when() {
        let a = extract("Oskar Lind said on Monday the ferry fund was empty.");
        assert_eq!(a[0].2, "the ferry fund was empty", "{a:?}");
        let b = extract("Ines Arce has said for weeks she is the only candidate who can win.");
        assert_eq!(b[0].2, "she is the only candidate who can win", "{b:?}");
    }

    #[test]
    fn a_time_after_the_cue_is_not_content() {
        let a = extract("The harbour board said Friday that the ferry will stop in May.");
        assert_eq!(a[0].2, "the ferry will stop in May");
        let b = extract("Dora Vance said Wednesday night the ferry will stop in May.");
        assert_eq!(b[0].2, "the ferry will stop in May");
    }

    #[test]
    fn parenthetical_attribution_takes_the_sentence() {
        let a = extract("To prevent problems, he said, officials should be vigilant.");
        assert_eq!(a[0].2, "To prevent problems, he said, officials should be vigilant");
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
    fn a_reported_clause_runs_to_the_end_of_its_quotation() {
        let a = extract("Ines Arce told the Courier that “the crew did well. … What they need now is rest.”");
        assert_eq!(
            a[0].2,
            "that “the crew did well. … What they need now is rest.”".trim_start_matches("that ")
        );
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
    fn a_trailing_attribution_starts_after_a_break() {
        // The object of another verb, with a relative clause, reports nothing.
        let a = extract("“We were ready,” he said, cutting off a reporter who asked about money.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, "he");
        // Auxiliaries inside a post-modifier start a clause of their own.
        assert!(extract("The tram will be over budget by 2028 and the council will have nobody to blame.").is_empty());
    }

    #[test]
    fn an_as_parenthetical_takes_the_clause_around_it() {
        let a = extract("Vell, as one harbour engineer pointed out, rarely floods in May.");
        assert_eq!(
            a[0].2,
            "Vell, as one harbour engineer pointed out, rarely floods in May"
        );
        let b = extract("Oskar Lind met the crew that day, as the Courier reported on Tuesday, and he will sail.");
        assert_eq!(b[0].2, "Oskar Lind met the crew that day");
        let c = extract("As the Courier reported, the pier will close for the winter.");
        assert_eq!(c[0].2, "the pier will close for the winter");
    }

    #[test]
    fn a_short_object_is_the_position_taken() {
        let a = extract("Ines Arce endorsed Tomas Vidal.");
        assert_eq!((a[0].1.as_str(), a[0].2.as_str()), ("endorsed", "Tomas Vidal"));
        // An adverb or an object pronoun is no content; nor is a time.
        assert_eq!(extract("Tomas Vidal responded quickly.")[0].2, "");
        assert_eq!(extract("Piet Albers told reporters after the vote.")[0].2, "");
    }

    #[test]
    fn a_coordinated_clause_of_the_writer_ends_the_content() {
        let a = extract("Tomas Vidal said the levy was fair; the council disagreed.");
        assert_eq!(a[0].2, "the levy was fair");
        let b = extract("Vidal said the levy was fair, and Arce vowed to fight it.");
        assert_eq!(b[0].2, "the levy was fair");
        let c = extract("Ines Arce now says, however, that the pier will stay shut.");
        assert_eq!(c[0].2, "the pier will stay shut");
    }

    #[test]
    fn a_quotation_the_clause_goes_on_after() {
        let a = extract("Tomas Vidal says “the tide is with us” despite the loss in Vell.");
        assert_eq!(a[0].2, "“the tide is with us” despite the loss in Vell");
        let b = extract("Dora Vance said on “Harbour Hour” that the ferry would run.");
        assert_eq!(b[0].2, "the ferry would run");
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
    fn a_parenthetical_after_an_article_or_between_short_parts() {
        let a = extract("The letters were on many topics, the Courier said, including fares and piers.");
        assert_eq!(
            a[0].2, "The letters were on many topics, the Courier said, including fares and piers",
            "{a:?}"
        );
        let b = extract("This campaign, he says, is different.");
        assert_eq!(b[0].2, "This campaign, he says, is different", "{b:?}");
    }
}
