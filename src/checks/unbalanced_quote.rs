use super::{Check, CheckInfo, Context};
use crate::document::QuoteFamily;
use crate::finding::Finding;

declare_check! {
    /// ## What it does
    /// Flags an opening quote mark that is never closed in its paragraph, and a
    /// closing mark that was never opened.
    ///
    /// ## Why is this bad?
    /// Readers cannot tell where the speaker's words end and the writer's
    /// begin; a quote that swallows the next sentence puts words in a
    /// speaker's mouth.
    ///
    /// ## Example
    /// ```text
    /// “We will not raise fares this year, Lindqvist said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “We will not raise fares this year,” Lindqvist said.
    /// ```
    ///
    /// ## Known limitations
    /// A paragraph that ends inside a quote is not flagged when the next
    /// paragraph opens with a quote mark (a running quotation, AP style).
    /// Straight single marks are only taken as quotes when they pair up, so an
    /// unclosed straight `'` is read as an apostrophe and not reported.
    pub struct UnbalancedQuote {
        code: "unbalanced-quote",
        severity: Error,
        summary: "a quote mark that is never closed, or a closing mark never opened",
        in_headings: true,
    }
}

impl Check for UnbalancedQuote {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        for quote in &doc.quotes {
            let finding = match (quote.open, quote.close) {
                (Some(open), None) => Finding::new(self.info().code, ctx.severity, open, "Quotation is never closed")
                    .with_label("this quote mark opens a quotation that does not end in its paragraph")
                    .with_help("Close the quotation where the speaker's words end; if the quote runs on into the next paragraph, open that paragraph with a quote mark."),
                (None, Some(close)) => Finding::new(self.info().code, ctx.severity, close, "Closing quote mark without an opening one")
                    .with_label("closes a quotation that was never opened")
                    .with_help("Add the opening mark where the speaker's words begin, or remove this one."),
                _ => continue,
            };
            if quote.family == QuoteFamily::Single
                && quote.close.is_none()
                && doc.slice(quote.content).split_whitespace().take(2).count() < 2
            {
                continue;
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_unclosed_and_unopened_marks() {
        assert_flags("unbalanced-quote", "“We will not raise fares, Lindqvist said.", &["“"]);
        assert_flags("unbalanced-quote", "We will not raise fares,” Lindqvist said.", &["”"]);
    }

    #[test]
    fn running_quotation_and_apostrophes_pass() {
        assert_clean(
            "unbalanced-quote",
            "“The first paragraph of the quote.\n“The second,” she said.",
        );
        assert_clean(
            "unbalanced-quote",
            "The council's plan for the ’90s estate, Natixis’ view, and I'll go.",
        );
    }
}
