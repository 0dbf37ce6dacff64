use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::verify::Outcome;

declare_check! {
    /// ## What it does
    /// Flags a quote attributed to one speaker that the sources show another
    /// speaker saying: a turn of a transcript labelled with someone else's
    /// name (or `Q:`, the questioner), or a transcript listed under another
    /// speaker in the registry. The quote must match that passage word for
    /// word (or with at most one difference in ten words) and be four words or
    /// longer; the speaker's own sources must not have it as closely.
    ///
    /// ## Why is this bad?
    /// Putting one person's words in another's mouth is among the worst errors
    /// a story can make: it misinforms about both people.
    ///
    /// ## Example
    /// The transcript: `MARA VOSS: The harbour fund is empty.`
    /// ```text
    /// “The harbour fund is empty,” Finance Minister Olu Adeyemi said.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// “The harbour fund is empty,” said Mara Voss, the opposition's finance spokeswoman.
    /// ```
    ///
    /// ## Known limitations
    /// A speaker who repeats another's words, and whose own transcript is not
    /// among the sources, is reported. Speaker labels are matched to registry
    /// entries by full name, alias or surname (a label naming nobody in the
    /// registry is matched to the article's speakers by name the same way).
    pub struct WrongSpeaker {
        code: "wrong-speaker",
        severity: Error,
        summary: "a quote found in another speaker's words",
        in_headings: true,
    }
}

impl Check for WrongSpeaker {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        for check in analysis.quote_checks(ctx.rules, ctx.sources) {
            let Outcome::WrongSpeaker { found, own } = &check.outcome else {
                continue;
            };
            let name = &analysis.cast.speakers[check.speaker].name;
            let mut help = format!(
                "{file}, line {line}, {said_by}: “{passage}”\n",
                file = found.file,
                line = found.line,
                said_by = found.said_by,
                passage = found.passage,
            );
            if let Some(own) = own {
                help.push_str(&format!(
                    "{name}'s closest words ({}, line {}): “{}”\n",
                    own.file, own.line, own.passage
                ));
            }
            help.push_str(&format!(
                "Attribute the quote to {}, or check who said it.",
                found.said_by
            ));
            out.push(
                Finding::new(
                    Self::INFO.code,
                    ctx.severity,
                    check.quote,
                    format!(
                        "Quote attributed to {name} was said by {} ({}:{})",
                        found.said_by, found.file, found.line
                    ),
                )
                .with_label(format!("said by {}", found.said_by))
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::findings_with;

    const SETUP: &str = "speakers:\n  - name: Olu Adeyemi\n    aliases: [Adeyemi]\n    sources:\n      - text: \
                         \"Q: Is the harbour fund empty tonight?\\nADEYEMI: We will not raise ferry fares this \
                         year.\\nMARA VOSS: The harbour fund is empty and everyone knows it.\\n\"\n  - name: Mara \
                         Voss\n    aliases: [Voss]\n";

    #[test]
    fn another_speakers_words_are_flagged() {
        let found = findings_with(
            "wrong-speaker",
            "“The harbour fund is empty and everyone knows it,” Olu Adeyemi said.",
            SETUP,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("was said by Mara Voss"), "{}", found[0].1);
    }

    #[test]
    fn the_questioners_words_are_not_the_answer() {
        let found = findings_with(
            "wrong-speaker",
            "“Is the harbour fund empty tonight?” Olu Adeyemi said.",
            SETUP,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("the questioner"), "{}", found[0].1);
    }

    #[test]
    fn own_words_and_short_quotes_pass() {
        for article in [
            "“We will not raise ferry fares this year,” Olu Adeyemi said.",
            "“The harbour fund is empty and everyone knows it,” Mara Voss said.",
            "Olu Adeyemi said the fund was “empty tonight” and left.",
        ] {
            assert_eq!(findings_with("wrong-speaker", article, SETUP), Vec::new(), "{article}");
        }
    }
}
