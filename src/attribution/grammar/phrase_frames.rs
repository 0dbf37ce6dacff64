//! Frames anchored at a lexicon phrase rather than a reporting verb: "according
//! to X", an agentless passive with its agent after "by" (`is viewed as … by
//! experts`), and a vague-source phrase that is its own speaker (`it is widely
//! believed`).
//!
//! Separate because each has its own anchor kind and its own content rule.

use super::helpers::{is_opening_mark, trim_clause, ws1};
use super::{Grammar, Np};
use crate::attribution::{Attribution, AttributionKind, Cue, SpeakerClass};
use crate::document::Document;
use crate::rules::lexicon::PhraseKind;
use crate::rules::VerbClass;
use crate::text::span::offset_in;
use crate::Span;
use nom::Parser;

/// "According to a translation by state media, Xi stated …": the according-to
/// phrase names a channel, not a second speaker; the secondhand-source check
/// reads the phrase itself.
pub(super) fn drop_secondhand_according_to(doc: &Document<'_>, found: &mut Vec<Attribution>) {
    let sentences_with_other: std::collections::HashSet<usize> = found
        .iter()
        .filter(|a| a.kind != AttributionKind::AccordingTo)
        .map(|a| a.sentence)
        .collect();
    found.retain(|a| {
        let is_channel = a.kind == AttributionKind::AccordingTo
            && a.speaker.class == SpeakerClass::Document
            && doc
                .hits_of(a.sentence, PhraseKind::Secondhand)
                .any(|h| h.span.overlaps(a.speaker.extent) || a.speaker.extent.start.saturating_sub(h.span.end) < 3);
        !(is_channel && sentences_with_other.contains(&a.sentence))
    });
}

impl<'l> Grammar<'l> {
    /// `According to X, …` and `…, according to X, a ROLE at ORG, …`.
    pub(super) fn according_to(&self, doc: &Document<'_>, s: usize, cue_span: Span, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let after = &text[cue_span.end..sentence.end];
        let parsed = (ws1, |j| self.speakers(j))
            .parse(after)
            .map(|(rest, (_, nps))| (rest, nps));
        let Some((rest, nps)) = parsed.ok().or_else(|| self.according_to_source(after)) else {
            return;
        };
        let rest_at = offset_in(text, rest);
        let at_start = text[sentence.start..cue_span.start]
            .trim_start_matches(|c: char| c.is_whitespace() || is_opening_mark(c))
            .is_empty();
        let content = if at_start {
            let clause = text[rest_at..sentence.end].trim_start_matches([',', ' ']);
            trim_clause(text, Span::new(offset_in(text, clause), sentence.end))
        } else {
            let tail = text[rest_at..sentence.end].trim_start_matches([',', ' ']);
            let ends_sentence = tail
                .trim_end_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '”' | '’' | ' '))
                .is_empty();
            if ends_sentence {
                trim_clause(text, Span::new(sentence.start, cue_span.start))
            } else {
                trim_clause(text, sentence)
            }
        };
        let content = (!content.is_empty()).then_some(content);
        let cue = Cue {
            span: cue_span,
            class: VerbClass::Neutral,
        };
        for np in &nps {
            found.push(self.attribution(doc, np, Some(cue), content, None, s, None, AttributionKind::AccordingTo));
        }
    }

    /// "according to the results", "according to a count by the Courier":
    /// whatever "according to" names is a source, though no speaker phrase
    /// reads it; it runs to the next comma or the end of the sentence and is
    /// taken as a document.
    fn according_to_source<'a>(&self, after: &'a str) -> Option<(&'a str, Vec<Np<'a>>)> {
        const MOST_WORDS: usize = 12;
        let phrase = after.trim_start();
        let end = phrase.find([',', ';', '(', '“', '"', ':']).unwrap_or(phrase.len());
        let source = phrase[..end]
            .trim_end()
            .trim_end_matches(['.', '!', '?', '”', '’'])
            .trim_end();
        let first = source.split_whitespace().next()?;
        if source.split_whitespace().nth(MOST_WORDS).is_some()
            || self.has(&self.lex.object_pronouns, first)
            || self.is_pronoun(first)
        {
            return None;
        }
        let np = Np {
            text: source,
            name: None,
            role: None,
            affiliation: None,
            class: SpeakerClass::Document,
            pronoun: false,
            extent: source,
        };
        Some((&phrase[source.len()..], vec![np]))
    }

    /// `is viewed as antiquated by Chinese experts`: an agentless-passive
    /// reporting participle whose agent comes after "by".
    pub(super) fn passive_by(&self, doc: &Document<'_>, s: usize, participle: Span, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let before = text[sentence.start..participle.start].trim_end();
        let be = before
            .rsplit(char::is_whitespace)
            .find(|w| !self.has(&self.lex.auxiliaries, w) && !w.ends_with("ly"));
        if !be.is_some_and(|w| self.has(&self.lex.be_verbs, w)) {
            return;
        }
        let after = &text[participle.end..sentence.end];
        let clause_end = after.find([',', ';', '.', '“', '"']).unwrap_or(after.len());
        let clause = &after[..clause_end];
        let Some(by) = clause.find(" by ") else { return };
        let Ok((_, nps)) = self.speakers(&clause[by + 4..]) else {
            return;
        };
        let content = trim_clause(text, Span::new(sentence.start, offset_in(text, &clause[by..])));
        let cue = Cue {
            span: participle,
            class: VerbClass::Neutral,
        };
        for np in nps.iter().filter(|np| {
            matches!(
                np.class,
                SpeakerClass::Vague | SpeakerClass::Anonymous | SpeakerClass::Person | SpeakerClass::Organization
            )
        }) {
            found.push(self.attribution(
                doc,
                np,
                Some(cue),
                Some(content),
                None,
                s,
                None,
                AttributionKind::Indirect,
            ));
        }
    }

    /// A vague-source phrase from the lexicon ("it is widely believed",
    /// "experts say") is itself the speaker.
    pub(super) fn vague_phrase(&self, doc: &Document<'_>, s: usize, phrase: Span, found: &mut Vec<Attribution>) {
        let text: &str = &doc.text;
        let sentence = doc.sentences[s].span;
        let after = &text[phrase.end..sentence.end];
        let after = after.trim_start();
        let after = after.strip_prefix("that").unwrap_or(after);
        let mut content = trim_clause(text, Span::new(offset_in(text, after), sentence.end));
        if content.slice(text).split_whitespace().take(3).count() < 3 {
            content = trim_clause(text, Span::new(sentence.start, phrase.start));
        }
        let np = Np {
            text: phrase.slice(text),
            name: None,
            role: None,
            affiliation: None,
            class: SpeakerClass::Vague,
            pronoun: false,
            extent: phrase.slice(text),
        };
        let content = (!content.is_empty()).then_some(content);
        found.push(self.attribution(doc, &np, None, content, None, s, None, AttributionKind::Indirect));
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn according_to_at_start_and_in_the_middle() {
        let a = extract("According to Ines Moreau, the fund is empty.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str(), a[0].3),
            ("Ines Moreau", "the fund is empty", "according-to")
        );
        let b = extract("The fund, according to Tomas Lindqvist, a councillor at Valley City Council, is empty.");
        assert_eq!(b[0].0, "Tomas Lindqvist");
    }

    #[test]
    fn whatever_according_to_names_is_a_source() {
        let a = extract("Ruiz received 37 percent and Holt 36 percent, according to the results.");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("the results", "Ruiz received 37 percent and Holt 36 percent")
        );
        let b = extract("According to a count by the Courier, Holt now has 723 votes.");
        assert_eq!(
            (b[0].0.as_str(), b[0].2.as_str()),
            ("a count by the Courier", "Holt now has 723 votes")
        );
    }

    #[test]
    fn it_is_widely_believed_is_a_vague_source() {
        let a = extract("It is widely believed that the mayor will resign.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].2, "the mayor will resign");
    }
}
