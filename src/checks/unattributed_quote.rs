use super::{Check, CheckInfo, Context};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;

declare_check! {
    /// ## What it does
    /// Flags a direct quotation with no speaker: none in its sentence, none in
    /// its paragraph, and no earlier quote whose speaker it continues.
    ///
    /// ## Why is this bad?
    /// Reuters and the Guardian ask that the speaker of a quote be identified
    /// at once, at the latest after its first sentence; the Centre for
    /// Journalism: never use a quote without identifying the speaker. A quote
    /// nobody said cannot be checked.
    ///
    /// ## Example
    /// ```text
    /// The plan was approved on Monday. “It will cost more than anyone admits.”
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “It will cost more than anyone admits,” said Ines Moreau, who leads the opposition group.
    /// ```
    ///
    /// ## Known limitations
    /// Short quoted terms of four words or fewer inside a sentence ("zero
    /// COVID", scare quotes) are not treated as quotations. Headlines are not
    /// checked. A quote is taken as attributed when any speaker is given in
    /// its paragraph, or its sentence has a reporting verb outside the quote
    /// ("a man told me, “…”"), which can hide a quote given to the wrong
    /// person. A closing mark with no opening one is left to
    /// `unbalanced-quote`.
    pub struct UnattributedQuote {
        code: "unattributed-quote",
        severity: Error,
        summary: "a direct quote with no speaker in its sentence, paragraph or by continuation",
    }
}

impl Check for UnattributedQuote {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        // Indexes built once, so each quote is checked in logarithmic time.
        let mut attributed_quotes = vec![false; doc.quotes.len()];
        let mut attributed_paragraphs = vec![false; doc.paragraphs.len()];
        let mut quoted_paragraphs = vec![false; doc.paragraphs.len()];
        for a in &analysis.attributions {
            if a.quote.is_some() {
                quoted_paragraphs[doc.sentences[a.sentence].paragraph] = true;
            }
            if let Some(q) = a.quote.filter(|&q| q < attributed_quotes.len()) {
                attributed_quotes[q] = true;
            }
            attributed_paragraphs[doc.sentences[a.sentence].paragraph] = true;
        }
        let mut contents: Vec<crate::Span> = analysis.attributions.iter().filter_map(|a| a.content).collect();
        contents.sort_unstable();
        for (q, quote) in doc.quotes.iter().enumerate() {
            if quote.depth != 0 {
                continue;
            }
            // A closing mark with no opening one: where the quote begins is
            // unknown, and unbalanced-quote reports the mark.
            let Some(open) = quote.open else { continue };
            let attributed = attributed_quotes[q]
                || attributed_paragraphs[quote.first_paragraph]
                // A speaker was quoted in the paragraph before and goes on
                // ("“…,” she said.\n\n“And then …”").
                || (quote.first_paragraph > 0 && quoted_paragraphs[quote.first_paragraph - 1])
                || {
                    let upto = contents.partition_point(|c| c.start < quote.content.end);
                    contents[..upto]
                        .iter()
                        .rev()
                        .take(16)
                        .any(|c| c.overlaps(quote.content))
                }
                || has_reporting_verb(doc, open.start)
                || speaker_follows(doc, quote.content.end)
                || names_a_speaker(analysis, doc, open.start);
            // The look-ups above are cheaper than reading the quote's words.
            if attributed || crate::attribution::grammar::is_fragment(doc, quote) {
                continue;
            }
            let content = doc.slice(quote.content).trim();
            let span = open.join(quote.content);
            let preview: String = content.chars().take(48).collect();
            out.push(
                Finding::new(self.info().code, ctx.severity, span, format!("Quotation “{preview}…” has no speaker"))
                    .with_label("nobody in the article is said to have said this")
                    .with_help("Name the speaker in the same sentence (“…,” Moreau said) or at the latest after the first sentence of the quote."),
            );
        }
    }
}

/// Whether the sentence after the one where the quote ends, in the same
/// paragraph, gives it a speaker ("“…” He said it twice."; "“…”\u{20}Corbo tweeted on Friday.").
fn speaker_follows(doc: &Document<'_>, quote_end: usize) -> bool {
    let Some(s) = doc.sentence_at(quote_end.saturating_sub(1)) else {
        return false;
    };
    let Some(next) = doc
        .sentences
        .get(s + 1)
        .filter(|n| n.paragraph == doc.sentences[s].paragraph)
    else {
        return false;
    };
    // A sentence with a quotation of its own attributes that one.
    let first = doc.quotes.partition_point(|q| q.span().start < next.span.start);
    let opens_a_quote = doc.quotes[first..]
        .iter()
        .take_while(|q| q.span().start < next.span.end)
        .any(|q| q.open.is_some());
    !opens_a_quote && has_reporting_verb(doc, next.span.start)
}

/// Whether the quote's sentence names, outside quotation marks, someone the
/// article quotes elsewhere ("remembered Ines Corbo, “…”", "In a speech,
/// Corbo attacked “…”"): the writer says whose words these are.
fn names_a_speaker(analysis: &crate::Analysis<'_>, doc: &Document<'_>, offset: usize) -> bool {
    let Some(s) = doc.sentence_at(offset) else {
        return false;
    };
    let sentence = doc.sentences[s].span;
    let text: &str = &doc.text;
    analysis
        .cast
        .speakers
        .iter()
        .filter(|sp| sp.class == crate::attribution::SpeakerClass::Person)
        .any(|sp| {
            let surname = sp.name.rsplit(' ').next().unwrap_or(&sp.name);
            surname.len() > 1
                && sentence
                    .slice(text)
                    .match_indices(surname)
                    .any(|(at, _)| !doc.in_quote(sentence.start + at))
        })
}

/// Whether the sentence at `offset` has a reporting verb outside quotation
/// marks: the writer gives the quote a speaker in its sentence ("a man told
/// me, “…”"), even where the speaker phrase is one attrib cannot read.
fn has_reporting_verb(doc: &Document<'_>, offset: usize) -> bool {
    doc.sentence_at(offset).is_some_and(|s| {
        doc.hits_of(s, PhraseKind::ReportingVerb)
            .any(|h| !doc.in_quote(h.span.start))
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, flagged};

    #[test]
    fn a_stray_closing_mark_is_not_a_quote() {
        assert_clean(
            "unattributed-quote",
            "The depot closed in March.\n\nThe new depot cost about 3,000 pounds more than planned, and it opened late\" in the spring.",
        );
    }

    #[test]
    fn a_reporting_verb_in_the_sentence_attributes_the_quote() {
        assert_clean(
            "unattributed-quote",
            "The ferry was late again. Last week a man on the quay told me, “We have not had a spare engine part since June.”",
        );
    }

    #[test]
    fn the_speaker_in_the_next_sentence_of_the_paragraph_attributes_the_quote() {
        assert_clean(
            "unattributed-quote",
            "The depot reopened on Monday. “We waited nine months for this.” Depot manager Ines Corbo said it twice.",
        );
        // The next paragraph's attribution is another statement's.
        let found = flagged(
            "unattributed-quote",
            "The depot reopened on Monday.\n\n“We waited nine months for this.”\n\nDepot manager Ines Corbo told staff the buses would run at six.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_quoted_speaker_goes_on_in_the_next_paragraph() {
        assert_clean(
            "unattributed-quote",
            "“The buses will run at six,” depot manager Ines Corbo said.\n\n“And the night route comes back in May.”",
        );
    }

    #[test]
    fn a_speaker_named_in_the_sentence_attributes_the_quote() {
        assert_clean(
            "unattributed-quote",
            "“The buses will run at six,” depot manager Ines Corbo said.\n\nIn her speech on Friday Corbo promised “a bus every ten minutes by May.”",
        );
    }

    #[test]
    fn flags_a_quote_nobody_said() {
        let found = flagged(
            "unattributed-quote",
            "The plan passed on Monday. “It will cost more than anyone admits.”",
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn attributed_continued_and_short_quotes_pass() {
        assert_clean(
            "unattributed-quote",
            "“It will cost more,” Moreau said. “Much more than we think.”",
        );
        assert_clean("unattributed-quote", "A tight “zero COVID” policy remains.");
        assert_clean(
            "unattributed-quote",
            "Moreau said the plan was “a reckless gamble with public money.”",
        );
    }
}
