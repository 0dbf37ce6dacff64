use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::verify::{Difference, Outcome};

declare_check! {
    /// ## What it does
    /// Flags a direct or partial quote that differs from the speaker's own
    /// words in their source transcripts (`speakers[].sources`, or
    /// `attrib check --sources`) beyond the edits newsroom standards allow.
    /// The finding underlines each changed or added word and marks where words
    /// were left out, and its help quotes the source passage with its file and
    /// line.
    ///
    /// Allowed, and not reported: a different case (a capital at the start),
    /// different quote marks, dashes, punctuation or spacing; dropped or
    /// changed end punctuation; an ellipsis (`…`, `...`, `[…]`) standing for
    /// left-out words; `[bracketed]` words inserted, or standing for a few of
    /// the speaker's words. Everything else is a misquote: words left out with
    /// no ellipsis, words added, words changed, words in another order.
    ///
    /// ## Why is this bad?
    /// Quotation marks promise the reader the speaker's exact words. A changed
    /// word, or a cut that is not marked, can change what the speaker said,
    /// and it is the most common correction newsrooms print.
    ///
    /// ## Example
    /// The transcript: `ADEYEMI: We will not raise ferry fares this year.`
    /// ```text
    /// “We will not raise fares this year,” Adeyemi said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “We will not raise … fares this year,” Adeyemi said.
    /// “We will not raise ferry fares this year,” Adeyemi said.
    /// ```
    ///
    /// ## Known limitations
    /// Words are compared, not punctuation: a moved comma inside a quote is not
    /// reported. Spelling variants ("labour"/"labor"), numbers written
    /// differently ("ten"/"10") and accents count as changed words. An
    /// ellipsis may stand for up to about 300 words, a bracket for up to four.
    /// A quote is compared with one turn of the transcript at a time: a quote
    /// joining two turns (across a question) is reported. Quotes of one word
    /// are not verified. The quote must be attributed to a named speaker
    /// (pronouns are resolved first).
    pub struct Misquote {
        code: "misquote",
        severity: Error,
        summary: "a quote that differs from the speaker's source transcript",
        in_headings: true,
    }
}

impl Check for Misquote {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let text: &str = &analysis.document.text;
        for check in analysis.quote_checks(ctx.rules, ctx.sources) {
            let Outcome::Misquote(found) = &check.outcome else {
                continue;
            };
            let name = &analysis.cast.speakers[check.speaker].name;
            let count = found.differences.len();
            let mut finding = Finding::new(
                Self::INFO.code,
                ctx.severity,
                check.quote,
                format!(
                    "Quote differs from {name}'s words in {}:{} ({count} {})",
                    found.file,
                    found.line,
                    if count == 1 { "difference" } else { "differences" }
                ),
            )
            .with_label("not what the source says");
            for difference in &found.differences {
                let label = match difference {
                    Difference::Changed { source, .. } => format!("source: “{source}”"),
                    Difference::Added { .. } => "not in the source".to_string(),
                    Difference::Omitted { source, .. } => format!("left out here: “{source}”"),
                };
                finding = finding.with_evidence(difference.span(), label);
            }
            let list: Vec<String> = found.differences.iter().map(|d| d.describe(text)).collect();
            finding = finding.with_help(format!(
                "{file}, line {line}, {said_by}: “{passage}”\nDifferences: {list}.\nQuote the words as they \
                 are; mark words left out with an ellipsis (…) and your own words with [brackets].",
                file = found.file,
                line = found.line,
                said_by = found.said_by,
                passage = found.passage,
                list = list.join("; "),
            ));
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::findings_with;

    /// A registry entry for Olu Adeyemi with one inline transcript.
    fn setup(transcript: &str) -> String {
        format!(
            "speakers:\n  - name: Olu Adeyemi\n    aliases: [Adeyemi]\n    role: Finance Minister\n    \
             sources:\n      - text: {transcript:?}\n"
        )
    }

    const TRANSCRIPT: &str = "Q: Will fares rise?\nMINISTER OLU ADEYEMI: We will not raise ferry fares this \
                              year. The harbour fund will pay for the new pier, and the fund is sound.\n";

    fn flagged(article: &str) -> Vec<(String, String)> {
        findings_with("misquote", article, &setup(TRANSCRIPT))
    }

    #[test]
    fn exact_and_legally_edited_quotes_pass() {
        for article in [
            "Finance Minister Olu Adeyemi said: “We will not raise ferry fares this year.”",
            "“we will not raise ferry fares this year,” Finance Minister Olu Adeyemi said.",
            "“We will not raise … fares this year,” Finance Minister Olu Adeyemi said.",
            "“[The government] will not raise ferry fares this year,” Finance Minister Olu Adeyemi said.",
            "“We will not raise ferry fares this year. The harbour fund will pay for the new pier,” \
             Finance Minister Olu Adeyemi said.",
        ] {
            assert_eq!(flagged(article), Vec::new(), "{article}");
        }
    }

    #[test]
    fn an_omission_without_an_ellipsis_is_flagged() {
        let found = flagged("“We will not raise fares this year,” Finance Minister Olu Adeyemi said.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "We will not raise fares this year,");
        assert!(found[0].1.contains("Olu Adeyemi's words"), "{}", found[0].1);
    }

    #[test]
    fn a_changed_word_is_flagged() {
        let found = flagged("“We will not raise bus fares this year,” Finance Minister Olu Adeyemi said.");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn other_speakers_and_unknown_quotes_are_not_misquotes() {
        assert_eq!(
            flagged("“Will fares rise?” Finance Minister Olu Adeyemi asked the room at length."),
            Vec::new()
        );
        assert_eq!(
            flagged("“The tunnel will open in May,” Finance Minister Olu Adeyemi said."),
            Vec::new()
        );
    }
}
