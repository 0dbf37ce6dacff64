//! The frame anchored at a closing quote mark (`“…,” X said`, `“…,” said X`,
//! an interrupted `“…,” she said, “…”`, a signed `“…” — X`) and the
//! continuation that gives a quotation with no frame of its own the speaker of
//! the nearest attributed quotation.
//!
//! Separate because these frames start from the quotes rather than from a
//! reporting verb.

use super::helpers::{comma, overlaps_any, trim_clause, ws, ws1, NEAR_BYTES};
use super::quotes::{is_fragment, quote_opening_at};
use super::Grammar;
use crate::attribution::{Attribution, AttributionKind, Cue, SpeakerClass};
use crate::document::Document;
use crate::rules::lexicon::PhraseKind;
use crate::rules::VerbClass;
use crate::text::span::offset_in;
use crate::Span;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::combinator::{opt, recognize};
use nom::Parser;

/// A quotation with no speaker of its own takes the speaker of the nearest
/// direct attribution in its paragraph, or of the previous paragraph when it
/// opens this one (a speaker's quotes run on; Reuters: one speaker at a time).
pub(super) fn attribute_by_continuation(doc: &Document<'_>, found: &mut Vec<Attribution>) {
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

impl<'l> Grammar<'l> {
    /// `“…,” X said` and `“…,” said X`, plus the second half of an interrupted
    /// quote: `“…,” X said, “…”`.
    pub(super) fn quote_then_speaker(
        &self,
        doc: &Document<'_>,
        s: usize,
        found: &mut Vec<Attribution>,
        used: &mut Vec<Span>,
    ) {
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
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

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
    fn a_lead_in_with_its_own_verb_is_no_lead_in() {
        let a = extract("Ines Arce said she felt the ferry mattered because “nobody else runs at night,” she said.");
        assert!(a.iter().all(|a| !a.2.starts_with("Ines Arce")), "{a:?}");
        let b = extract("Ines Arce scolded him: “The crew deserves better,” she said.");
        assert!(b.iter().all(|a| !a.2.starts_with("Ines Arce")), "{b:?}");
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
    fn interrupted_quote_gives_two_attributions() {
        let a = extract("“The first half,” she said, “and the second half.”");
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].2, "and the second half.");
        assert_eq!(a[1].0, "she");
    }

    #[test]
    fn quotes_continue_the_paragraph_speaker() {
        let a = extract("“We are ready,” Moreau told reporters. “The money is there.”");
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].0, "Moreau");
        assert_eq!(a[1].1, "");
    }

    #[test]
    fn a_programme_named_after_a_possessive_is_not_the_content() {
        let a = extract("On KVR’s “Harbour Hour,” Mayor Ines Arce said the ferry will stop in May.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2, "the ferry will stop in May");
    }
}
