//! The content of an attribution: what follows a cue (a quotation, a
//! that-clause, other words) or, when nothing does, the clause before the
//! speaker; and whether that content is indirect or mixed.
//!
//! Separate because every verb-anchored frame ends by asking it, and its rules
//! (times after the cue, parentheticals, clauses cut by the sentence splitter)
//! are about the content, not about the speaker.

use super::helpers::trim_clause;
use super::Grammar;
use crate::attribution::AttributionKind;
use crate::document::Document;
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
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

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
    fn speaker_then_quote() {
        let a = extract("Moreau said, “The budget is balanced.”");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str(), a[0].3),
            ("Moreau", "The budget is balanced.", "direct")
        );
    }
}
