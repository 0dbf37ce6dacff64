use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::verify::Outcome;

declare_check! {
    /// ## What it does
    /// Flags a direct or partial quote of a speaker who has source transcripts
    /// (`speakers[].sources`, or turns labelled with their name in a file given
    /// with `attrib check --sources`) when no passage of those sources is close
    /// to it: the quote cannot be checked against them.
    ///
    /// ## Why is this bad?
    /// A quote the fact-checker cannot find in the recording may come from
    /// another interview — or may never have been said. Either the source list
    /// is incomplete or the quote needs checking by hand before publication.
    ///
    /// ## Example
    /// The speaker's only transcript is a press conference on fares:
    /// ```text
    /// “The tunnel will open in May,” Adeyemi said.
    /// ```
    ///
    /// ## Use instead
    /// Add the transcript the quote comes from to the speaker's `sources`, or
    /// check the quote and paraphrase what cannot be confirmed:
    /// ```text
    /// Adeyemi said last month that the tunnel would open in May.
    /// ```
    ///
    /// ## Known limitations
    /// A quote that shares too few words with the nearest passage (under 60%)
    /// counts as not found rather than misquoted. Quotes of one word are not
    /// verified, nor quotes of speakers without sources.
    pub struct UnverifiedQuote {
        code: "unverified-quote",
        severity: Warning,
        summary: "a quote of a speaker with sources, found in none of them",
        in_headings: true,
    }
}

impl Check for UnverifiedQuote {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        for check in analysis.quote_checks(ctx.rules, ctx.sources) {
            let Outcome::Unverified { files } = &check.outcome else {
                continue;
            };
            let name = &analysis.cast.speakers[check.speaker].name;
            let shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
            let more = files.len().saturating_sub(shown.len());
            out.push(
                Finding::new(
                    Self::INFO.code,
                    ctx.severity,
                    check.quote,
                    format!("Quote not found in {name}'s sources"),
                )
                .with_label("not in the sources")
                .with_help(format!(
                    "Searched {}{}. Check the quote against the recording, or add the transcript it comes \
                     from to `sources:` in the registry.",
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::findings_with;

    const SETUP: &str = "speakers:\n  - name: Olu Adeyemi\n    aliases: [Adeyemi]\n    sources:\n      - text: \
                         \"We will not raise ferry fares this year.\"\n  - name: Mara Voss\n";

    #[test]
    fn a_quote_in_none_of_the_sources_is_flagged() {
        let found = findings_with(
            "unverified-quote",
            "“The tunnel will open in May,” Olu Adeyemi said.",
            SETUP,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "The tunnel will open in May,");
    }

    #[test]
    fn found_quotes_and_speakers_without_sources_pass() {
        for article in [
            "“We will not raise ferry fares this year,” Olu Adeyemi said.",
            "“The tunnel will open in May,” Mara Voss said.",
            "Olu Adeyemi called it “daring” and left.",
        ] {
            assert_eq!(
                findings_with("unverified-quote", article, SETUP),
                Vec::new(),
                "{article}"
            );
        }
    }
}
