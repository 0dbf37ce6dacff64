//! Transcript turns: a paragraph opening with a label in capitals and a colon
//! (`MAYOR VANCE: We will reopen the pier.`) is an attribution of the rest of
//! the paragraph to the label.
//!
//! Separate because it reads paragraphs, not sentences, and needs no cue.

use super::content::content_kind;
use super::helpers::{is_opening_mark, trim_clause};
use super::{Grammar, Np};
use crate::attribution::{Attribution, Cue, SpeakerClass};
use crate::document::Document;
use crate::rules::VerbClass;
use crate::text::prose::BlockKind;
use crate::text::span::offset_in;
use crate::Span;

impl<'l> Grammar<'l> {
    /// `MAYOR VANCE: We will reopen the pier.`: a paragraph opening with a
    /// label in capitals and a colon is a transcript turn; the label is the
    /// speaker, the colon the cue and the rest of the paragraph the content.
    /// "Q:"/"A:" and headings ("UPDATE:") are not speakers.
    pub(super) fn speaker_labels(&self, doc: &Document<'_>, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        for paragraph in &doc.paragraphs {
            // A turn quoted whole ("“PENCE: Well, …”") is still a turn.
            let opening = text[paragraph.span.start..]
                .chars()
                .next()
                .filter(|&c| is_opening_mark(c));
            let start = paragraph.span.start + opening.map_or(0, char::len_utf8);
            let line = text[start..paragraph.span.end]
                .split_inclusive('\n')
                .next()
                .unwrap_or_default();
            if !line.contains(':') {
                if paragraph.kind == BlockKind::Heading {
                    self.headline_verb(doc, paragraph, start, line, found);
                }
                continue;
            }
            let Some(((label_start, label_end), body)) = crate::text::label::label_of(line, &|_| false) else {
                if paragraph.kind == BlockKind::Heading {
                    self.headline_speaker(doc, paragraph, start, line, found);
                }
                continue;
            };
            let label = &line[label_start..label_end];
            let first_word = label
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_end_matches('.');
            let letters = label.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 2 || self.has(&self.lex.not_speaker_labels, first_word) {
                continue;
            }
            let content = trim_clause(text, Span::new(start + body, paragraph.span.end));
            let Some(s) = paragraph
                .sentences
                .clone()
                .find(|&s| doc.sentences[s].span.contains(start + label_start))
            else {
                continue;
            };
            if content.slice(text).split_whitespace().take(2).count() < 2 {
                continue;
            }
            let label = &text[start + label_start..start + label_end];
            let np = Np {
                text: label,
                name: Some(label),
                role: None,
                affiliation: None,
                class: SpeakerClass::Person,
                pronoun: false,
                extent: label,
            };
            let colon = start + label_end + line[label_end..].find(':').unwrap_or(0);
            let cue = Cue {
                span: Span::new(colon, colon + 1),
                class: VerbClass::Neutral,
            };
            let kind = content_kind(doc, content);
            found.push(self.attribution(doc, &np, Some(cue), Some(content), None, s, None, kind));
        }
    }
}

impl<'l> Grammar<'l> {
    /// `Vance: Pier Will Reopen in May`: a headline that opens with a
    /// speaker and a colon attributes the rest of the headline to them.
    fn headline_speaker(
        &self,
        doc: &Document<'_>,
        paragraph: &crate::document::Paragraph,
        start: usize,
        line: &str,
        found: &mut Vec<Attribution>,
    ) {
        const MOST_SPEAKER_WORDS: usize = 8;
        let Some(colon) = line.find(':') else { return };
        let before = &line[..colon];
        let first_word = before.split_whitespace().next().unwrap_or_default();
        if before.trim().is_empty()
            || before.split_whitespace().nth(MOST_SPEAKER_WORDS).is_some()
            || self.has(&self.lex.not_speaker_labels, first_word)
        {
            return;
        }
        let Ok((rest, nps)) = self.speakers(before) else { return };
        if !rest.trim().is_empty() || nps.iter().any(|np| np.pronoun) {
            return;
        }
        let cue = Cue {
            span: Span::new(start + colon, start + colon + 1),
            class: VerbClass::Neutral,
        };
        self.headline_attributions(doc, paragraph, &nps, cue, start + colon + 1, found);
    }

    /// What the two headline frames share: the rest of the headline after
    /// the cue, from `content_start`, is the content (two words at least),
    /// said by each of `nps`.
    fn headline_attributions(
        &self,
        doc: &Document<'_>,
        paragraph: &crate::document::Paragraph,
        nps: &[Np],
        cue: Cue,
        content_start: usize,
        found: &mut Vec<Attribution>,
    ) {
        let text: &str = &doc.text;
        let content = trim_clause(text, Span::new(content_start, paragraph.span.end));
        if content.slice(text).split_whitespace().take(2).count() < 2 {
            return;
        }
        let Some(s) = paragraph
            .sentences
            .clone()
            .find(|&s| doc.sentences[s].span.contains(cue.span.start))
        else {
            return;
        };
        let kind = content_kind(doc, content);
        for np in nps {
            found.push(self.attribution(doc, np, Some(cue), Some(content), None, s, None, kind));
        }
    }
}

impl<'l> Grammar<'l> {
    /// `Vance Says Pier Will Reopen in May`: a headline in title case whose
    /// verb is a capitalised reporting verb attributes the words after it
    /// to the name before it.
    fn headline_verb(
        &self,
        doc: &Document<'_>,
        paragraph: &crate::document::Paragraph,
        start: usize,
        line: &str,
        found: &mut Vec<Attribution>,
    ) {
        const MOST_SPEAKER_WORDS: usize = 6;
        const MOST_WORDS: usize = 24;
        let words: Vec<(usize, &str)> = line
            .split_whitespace()
            .take(MOST_WORDS + 1)
            .map(|w| (offset_in(line, w), w))
            .collect();
        if words.len() > MOST_WORDS || words.len() < 3 {
            return;
        }
        // Title case: the verb, the word before it and the word after it all
        // start with a capital ("Vance Says Pier …"); sentence-case headlines
        // ("Vance says pier …") go through the sentence frames.
        let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
        let Some(v) = (1..MOST_SPEAKER_WORDS.min(words.len() - 1)).find(|&v| {
            let (_, verb) = words[v];
            capital(verb)
                && capital(words[v + 1].1)
                && capital(words[v - 1].1)
                && (verb.ends_with('s') || matches!(verb, "Said" | "Told"))
                && self.verb_class(verb).is_some()
                && !self.has(&self.lex.evidence_verbs, verb)
        }) else {
            return;
        };
        let (verb_at, verb) = words[v];
        let before = line[..verb_at].trim_end();
        let Ok((rest, nps)) = self.speakers(before) else { return };
        if !rest.trim().is_empty() || nps.iter().any(|np| np.pronoun || np.class == SpeakerClass::Document) {
            return;
        }
        let class = self.verb_class(verb).unwrap_or(VerbClass::Neutral);
        let cue = Cue {
            span: Span::new(start + verb_at, start + verb_at + verb.len()),
            class,
        };
        self.headline_attributions(doc, paragraph, &nps, cue, start + words[v + 1].0, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn transcript_labels_are_speakers_but_headings_are_not() {
        let a = extract("MAYOR VANCE: We will reopen the pier in May.\n\nUPDATE: The pier reopened.\n\nQ: Will it?\n");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("MAYOR VANCE", ":"));
        assert_eq!(a[0].2, "We will reopen the pier in May");
    }

    #[test]
    fn a_headline_speaker_before_a_colon() {
        let a = extract("Ines Arce: Ferry Levy Will Fall in May\n\nThe ferry levy is due for a vote on Friday.\n");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Ines Arce", "Ferry Levy Will Fall in May"),
            "{a:?}"
        );
    }

    #[test]
    fn a_title_case_headline_with_a_reporting_verb() {
        let a = extract("Vance Says Pier Will Reopen In May\n\nThe pier has been shut since March.\n");
        assert_eq!(
            (a[0].0.as_str(), a[0].1.as_str(), a[0].2.as_str()),
            ("Vance", "Says", "Pier Will Reopen In May"),
            "{a:?}"
        );
        // In sentence case the ordinary frames read it; a record that shows is evidence.
        assert!(extract("Harbour Records Show Fares Rose In May\n\nThe fares rose.\n").is_empty());
    }
}
