use super::{content_is_a_thing, Check, CheckInfo, Context};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::VerbClass;
use crate::text::BlockKind;

/// Whether a quotation follows `after` in the same sentence and paragraph
/// ("said at a news conference on Saturday: “…”").
fn quote_follows(doc: &Document<'_>, after: usize) -> bool {
    let next = doc.quotes.partition_point(|q| q.span().start < after);
    doc.quotes[next..].iter().find(|q| q.depth == 0).is_some_and(|q| {
        let start = q.span().start;
        doc.paragraph_at(after) == doc.paragraph_at(start) && !doc.text[after..start].contains(['.', '!', '?'])
    })
}

declare_check! {
    /// ## What it does
    /// Flags an attribution clause that carries no content of its own:
    /// "Andrey Denisov, the ambassador, announced to reporters last week.", or
    /// only the thing announced: "Olu Adeyemi announced a review of the
    /// ferry contracts to reporters on Monday."
    ///
    /// ## Why is this bad?
    /// AP: attribution belongs in the same sentence as the information. A
    /// detached "X said" leaves the reader to guess which of the nearby
    /// statements X made.
    ///
    /// ## Example
    /// ```text
    /// The ministers will meet in June. Olu Adeyemi announced to reporters last week.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The ministers will meet in June, Olu Adeyemi told reporters last week.
    /// ```
    ///
    /// ## Known limitations
    /// Flagged: attributions with no content at all (a content clause made
    /// only of a time phrase counts as none), and attributions whose object
    /// is a thing rather than a statement ("announced a review of mine
    /// inspections to reporters on Monday": the reader learns that a review
    /// was announced, not what was said about it). Saying and telling verbs
    /// always carry a statement, and a denial's object is the accusation it
    /// answers ("denied the charges"), so neither is flagged this way. A
    /// quotation that follows the verb in its sentence ("X said at a news
    /// conference: “…”") is content. A participle ("…, asking for funding")
    /// is part of its sentence's clause and is not checked. Headlines are
    /// not checked. The
    /// noun-phrase test is a heuristic without a parser (see
    /// `content_is_a_thing`): a clause whose only verb is in the present tense
    /// ("confirmed the plan cuts fares") reads as a noun phrase.
    pub struct DetachedAttribution {
        code: "detached-attribution",
        severity: Info,
        summary: "an attribution clause with no content of its own",
    }
}

impl Check for DetachedAttribution {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        for a in &ctx.analysis.attributions {
            let Some(cue) = a.cue else { continue };
            // A participle ("…, asking for …", "…, saying …") hangs on the
            // sentence's main verb: it is never an attribution clause alone.
            if doc.slice(cue.span).ends_with("ing") {
                continue;
            }
            let names_a_thing = content_is_a_thing(ctx.analysis, ctx.lexicon, a);
            // A denial's object is the accusation, and the denial itself is
            // the statement ("denied the charges": "I did not do it").
            if names_a_thing && cue.class == VerbClass::Culpability {
                continue;
            }
            let has_statement = a.content.is_some_and(|c| !doc.slice(c).trim().is_empty()) && !names_a_thing;
            if has_statement
                || a.quote.is_some()
                || doc.paragraphs[doc.sentences[a.sentence].paragraph].kind == BlockKind::Heading
            {
                continue;
            }
            if quote_follows(doc, cue.span.end) {
                continue;
            }
            let span = a.speaker.span.join(cue.span);
            let message = if names_a_thing {
                format!(
                    "“{}” reports an act, not a statement: nothing said is given",
                    doc.slice(span)
                )
            } else {
                format!("“{}” says nothing: the attribution has no content", doc.slice(span))
            };
            out.push(
                Finding::new(self.info().code, ctx.severity, span, message)
                    .with_label("attribution without a statement")
                    .with_help(
                        "Join the attribution to the statement it belongs to (“…, she told reporters last week.”).",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_an_empty_attribution() {
        assert_flags(
            "detached-attribution",
            "The ministers will meet in June. Olu Adeyemi announced to reporters last week.",
            &["Olu Adeyemi announced"],
        );
    }

    #[test]
    fn flags_an_announced_thing_without_a_statement() {
        assert_flags(
            "detached-attribution",
            "Transport Minister Olu Adeyemi announced a review of the ferry contracts to reporters on Monday.",
            &["Transport Minister Olu Adeyemi announced"],
        );
    }

    #[test]
    fn an_announced_statement_and_a_denial_pass() {
        assert_clean(
            "detached-attribution",
            "Transport Minister Olu Adeyemi announced on Monday that the ferry contracts would be reviewed.",
        );
        assert_clean(
            "detached-attribution",
            "Ossian Pell's lawyer, Ruth Amadi, said her client had signed the cheques but denied any wrongdoing.",
        );
        assert_clean(
            "detached-attribution",
            "Ossian Pell, the club's former treasurer, denied the charges.",
        );
    }

    #[test]
    fn participles_pass() {
        assert_clean(
            "detached-attribution",
            "Local MP Ines Corbo said she had written to the transport minister asking for a new bus route.",
        );
    }

    #[test]
    fn a_quote_after_the_verb_is_content() {
        assert_clean(
            "detached-attribution",
            "Mirela Tosh said at a news conference on Friday: “The pumps failed twice in one week.”",
        );
    }

    #[test]
    fn headlines_pass() {
        assert_clean(
            "detached-attribution",
            "Dunmore Ferries agrees to buy rival Tull Line in $40m deal\n\nDunmore Ferries will buy the Tull Line, its chief executive said on Monday.",
        );
    }

    #[test]
    fn attribution_with_content_passes() {
        assert_clean(
            "detached-attribution",
            "Olu Adeyemi told reporters last week that the ministers will meet in June.",
        );
    }
}
