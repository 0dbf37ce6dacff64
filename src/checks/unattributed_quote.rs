use super::{Check, CheckInfo, Context};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;
use crate::text::BlockKind;

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
        severity: Warning,
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
        for a in &analysis.attributions {
            if let Some(q) = a.quote.filter(|&q| q < attributed_quotes.len()) {
                attributed_quotes[q] = true;
            }
            attributed_paragraphs[doc.sentences[a.sentence].paragraph] = true;
        }
        let mut contents: Vec<crate::Span> = analysis.attributions.iter().filter_map(|a| a.content).collect();
        contents.sort_unstable();
        for (q, quote) in doc.quotes.iter().enumerate() {
            if quote.depth != 0 || doc.paragraphs[quote.first_paragraph].kind == BlockKind::Heading {
                continue;
            }
            // A closing mark with no opening one: where the quote begins is
            // unknown, and unbalanced-quote reports the mark.
            let Some(open) = quote.open else { continue };
            let attributed = attributed_quotes[q]
                || attributed_paragraphs[quote.first_paragraph]
                || {
                    let upto = contents.partition_point(|c| c.start < quote.content.end);
                    contents[..upto]
                        .iter()
                        .rev()
                        .take(16)
                        .any(|c| c.overlaps(quote.content))
                }
                || has_reporting_verb(doc, open.start);
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
