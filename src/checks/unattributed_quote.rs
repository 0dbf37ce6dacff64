use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
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
    /// its paragraph, which can hide a quote given to the wrong person.
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
        let attributed_quotes: std::collections::HashSet<usize> =
            analysis.attributions.iter().filter_map(|a| a.quote).collect();
        let attributed_paragraphs: std::collections::HashSet<usize> = analysis
            .attributions
            .iter()
            .map(|a| doc.sentences[a.sentence].paragraph)
            .collect();
        let mut contents: Vec<crate::Span> = analysis.attributions.iter().filter_map(|a| a.content).collect();
        contents.sort();
        for (q, quote) in doc.quotes.iter().enumerate() {
            if quote.depth != 0 || doc.paragraphs[quote.first_paragraph].kind == BlockKind::Heading {
                continue;
            }
            let content = doc.slice(quote.content).trim();
            if crate::attribution::grammar::is_fragment(doc, quote) {
                continue;
            }
            let attributed =
                attributed_quotes.contains(&q) || attributed_paragraphs.contains(&quote.first_paragraph) || {
                    let upto = contents.partition_point(|c| c.start < quote.content.end);
                    contents[..upto]
                        .iter()
                        .rev()
                        .take(16)
                        .any(|c| c.overlaps(quote.content))
                };
            if attributed {
                continue;
            }
            let span = quote.open.unwrap_or(quote.content).join(quote.content);
            let preview: String = content.chars().take(48).collect();
            out.push(
                Finding::new(self.info().code, ctx.severity, span, format!("Quotation “{preview}…” has no speaker"))
                    .with_label("nobody in the article is said to have said this")
                    .with_help("Name the speaker in the same sentence (“…,” Moreau said) or at the latest after the first sentence of the quote."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, flagged};

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
