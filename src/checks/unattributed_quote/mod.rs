use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::document::Document;
use crate::finding::Finding;
use neighbours::{
    continues_a_quote_in_its_paragraph, has_reporting_verb, in_an_exchange, introduces_a_run_of_quotes,
    names_a_speaker, names_a_speaker_just_before, reports_through_an_unnamed_channel, speaker_follows,
    speaker_precedes,
};

mod neighbours;

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
    /// Only a quotation that opens its sentence is checked: one the writer's
    /// own words lead into ("the plan is funded by “…”", a show's title) is
    /// framed by its sentence, and a quote after a colon by the clause that
    /// introduces it. Short quoted terms of four words or fewer are not
    /// quotations, nor is a word or two in quotation marks opening a sentence
    /// (a term the writer points at). Headlines are not checked. A quote is
    /// taken as attributed when any speaker is given in its paragraph, a
    /// person is quoted or reported on the record in the paragraph before, it is one of a run of quoted paragraphs that such a
    /// paragraph introduces, the sentence before or
    /// after it in the paragraph has a reporting verb, its sentence goes on
    /// after a comma inside the closing mark ("“…,” remembered Roy Vale"), a
    /// credit follows it ("[Harwick Courier]", "— Ada Brandt", a short
    /// "Name, Organisation" line), it opens with a transcript label ("Ada
    /// Brandt: …"), a speaker was quoted up to five paragraphs before
    /// with only short paragraphs between (an exchange), an earlier quote in
    /// its paragraph opens the same voice, or the sentence just before names
    /// someone the article quotes. A quoted paragraph of four words or fewer
    /// is a crosshead or a slogan. Each of these can
    /// hide a quote given to the wrong person. A closing mark with no opening
    /// one is left to `unbalanced-quote`.
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
        let mut person_paragraphs = vec![false; doc.paragraphs.len()];
        for a in &analysis.attributions {
            if a.quote.is_some() {
                quoted_paragraphs[doc.sentences[a.sentence].paragraph] = true;
            }
            if let Some(q) = a.quote.filter(|&q| q < attributed_quotes.len()) {
                attributed_quotes[q] = true;
            }
            attributed_paragraphs[doc.sentences[a.sentence].paragraph] = true;
            // A person reported on the record: a quotation in the next
            // paragraph may go on in their voice. An organisation's line
            // ("according to the coastguard") or a person reported through
            // an unnamed channel ("is understood to") does not speak on.
            let person = matches!(a.speaker.class, SpeakerClass::Person | SpeakerClass::PronounUnresolved);
            let hedged = reports_through_an_unnamed_channel(ctx.lexicon, doc, a.sentence);
            if person && !hedged {
                person_paragraphs[doc.sentences[a.sentence].paragraph] = true;
            }
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
                // A speaker was quoted or a person reported in the
                // paragraph before and goes on ("“…,” she said.\n\n“And then
                // …”"; "Tosh told the board the pumps had failed.\n\n“Twice …”").
                || (quote.first_paragraph > 0
                    && (quoted_paragraphs[quote.first_paragraph - 1] || person_paragraphs[quote.first_paragraph - 1]))
                || introduces_a_run_of_quotes(analysis, doc, &attributed_paragraphs, quote.first_paragraph)
                || {
                    let upto = contents.partition_point(|c| c.start < quote.content.end);
                    contents[..upto]
                        .iter()
                        .rev()
                        .take(16)
                        .any(|c| c.overlaps(quote.content))
                }
                || opens_mid_sentence(doc, open.start)
                || introduced_by_colon(doc, open.start)
                || attribution_continues(doc, quote)
                || credited_after(doc, quote)
                || in_an_exchange(doc, &quoted_paragraphs, quote.first_paragraph)
                || opens_with_a_speaker_label(doc.slice(quote.content))
                || speaker_precedes(doc, open.start)
                || has_reporting_verb(doc, open.start)
                || speaker_follows(analysis, doc, quote.content.end)
                || names_a_speaker(analysis, doc, open.start)
                || continues_a_quote_in_its_paragraph(doc, q)
                || names_a_speaker_just_before(analysis, ctx.lexicon, doc, open.start)
                || is_a_crosshead(doc, quote)
                || is_a_term(doc, quote);
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

/// Whether words of the writer's come before the quote in its sentence:
/// the quote is part of a sentence that frames it ("He now hosts “The Late
/// Hour.”", "The plan is funded by “closing loopholes.”", "marchers
/// chanting “We are Orlando”"), and its source is the sentence's subject or
/// its context. Only a quotation that opens its sentence stands alone
/// without a speaker.
fn opens_mid_sentence(doc: &Document<'_>, open: usize) -> bool {
    let Some(s) = doc.sentence_at(open) else {
        return false;
    };
    let before = &doc.text[doc.sentences[s].span.start..open];
    before.chars().any(char::is_alphanumeric)
}

/// Whether the quote follows a colon, across white space and a paragraph
/// break: the clause before the colon introduces it ("Frank quotes a former
/// adviser:", "— Ada Brandt:", "its headline read:").
fn introduced_by_colon(doc: &Document<'_>, open: usize) -> bool {
    doc.text[..open].trim_end().ends_with(':')
}

/// Whether the quote's sentence goes on after the closing mark from a comma
/// or a question or exclamation mark inside it ("“…,” remembered Roy Vale,
/// a former aide"; "“…?” asked the mayor"): the attribution the punctuation
/// announces is there, with a verb attrib may not know.
fn attribution_continues(doc: &Document<'_>, quote: &crate::document::Quote) -> bool {
    let Some(close) = quote.close else {
        return false;
    };
    let announces = doc.slice(quote.content).trim_end().ends_with([',', '?', '!', '—']);
    let after = &doc.text[close.end..];
    let line = after.split('\n').next().unwrap_or("");
    announces
        && line
            .split_whitespace()
            .take_while(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .count()
            >= 2
}

/// Whether a credit follows the quote: in brackets or after a dash on its
/// line ("[Harwick Courier]", "(Party leaflet)", "— Ada Brandt"), or as a
/// short next line naming someone with a comma and no full stop ("Ada
/// Brandt, Institute of Ports"): newsletter, digest and pull-quote formats.
fn credited_after(doc: &Document<'_>, quote: &crate::document::Quote) -> bool {
    let end = quote.span().end;
    let after = &doc.text[end..];
    let same_line = after
        .split('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches([' ', '.', ',']);
    if same_line.starts_with(['[', '(', '—', '―', '–']) || same_line.starts_with("- ") {
        return true;
    }
    let next_line = after
        .trim_start_matches(|c: char| c != '\n')
        .trim_start()
        .split('\n')
        .next()
        .unwrap_or("");
    // "- Ada Brandt." under the quote, as fact checks print their quotes.
    let dash_credit = next_line.starts_with(['—', '―', '–']) || next_line.starts_with("- ");
    if dash_credit && next_line.split_whitespace().count() <= 8 {
        return true;
    }
    let words: Vec<&str> = next_line.split_whitespace().take(4).collect();
    // A credit line is a label, not a sentence: short, no full stop.
    next_line.len() < 100
        && next_line.split_whitespace().count() <= 8
        && !next_line.trim_end().ends_with(['.', '!', '?', '"', '”'])
        && words.len() >= 2
        && words
            .iter()
            .take(2)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words[..].iter().take(3).any(|w| w.ends_with(','))
}

/// Most words of a quoted crosshead or slogan standing as its own paragraph.
const CROSSHEAD_MAX_WORDS: usize = 4;

/// Whether the quote is a paragraph of a few words alone ("‘Chief trade
/// prosecutor.’"): a crosshead or a slogan the next paragraph explains, not
/// a statement waiting for its speaker.
fn is_a_crosshead(doc: &Document<'_>, quote: &crate::document::Quote) -> bool {
    let paragraph = doc.paragraphs[quote.first_paragraph].span;
    let words = doc
        .slice(quote.content)
        .split_whitespace()
        .take(CROSSHEAD_MAX_WORDS + 1)
        .count();
    words <= CROSSHEAD_MAX_WORDS && doc.slice(paragraph).trim() == doc.slice(quote.span()).trim()
}

/// Whether the quoted passage opens with a transcript's speaker label
/// ("“Ada Brandt: We will not …”"): the label is the attribution.
fn opens_with_a_speaker_label(content: &str) -> bool {
    let content = content.trim_start();
    content.split_once(':').is_some_and(|(label, _)| {
        let words: Vec<&str> = label.split_whitespace().collect();
        (1..=4).contains(&words.len()) && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Most words of a quoted term ("“She”", "“containment”").
const TERM_MAX_WORDS: usize = 2;

/// Whether the quotation is a word or two the writer points at (a term, a
/// pronoun, a name for a policy) rather than a statement someone made.
fn is_a_term(doc: &Document<'_>, quote: &crate::document::Quote) -> bool {
    doc.slice(quote.content)
        .split_whitespace()
        .take(TERM_MAX_WORDS + 1)
        .count()
        <= TERM_MAX_WORDS
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

    #[test]
    fn a_quote_framed_by_its_sentence_or_introduced_by_a_colon_passes() {
        assert_clean(
            "unattributed-quote",
            "She now hosts “The Late Hour with Ida Brandt,” a talk show on Kessel Radio.",
        );
        assert_clean(
            "unattributed-quote",
            "The harbour board's plan would be paid for by “closing loopholes for the few.”",
        );
        assert_clean(
            "unattributed-quote",
            "Ivo Marsh quotes a former port manager:\n\n“I would love the dockers to be worse off, and I say so.”",
        );
    }

    #[test]
    fn a_speaker_after_the_quote_with_any_verb_passes() {
        assert_clean(
            "unattributed-quote",
            "The mill shut in 1998.\n\n“A lot of people told us not to do this,” remembered Roy Vale, the mill's last foreman.",
        );
    }

    #[test]
    fn credits_labels_and_exchanges_pass() {
        // A newsletter item credited in brackets, and a pull quote's credit line.
        assert_clean(
            "unattributed-quote",
            "FERRY FARES RISE AGAIN\n\n“Fares on the Kessel crossing will rise by a tenth in May.” [Harwick Courier]",
        );
        assert_clean(
            "unattributed-quote",
            "“We will enter the next slump with no plan at all for it.”\nAda Brandt, Institute of Ports",
        );
        // A transcript's speaker label inside the quote.
        assert_clean(
            "unattributed-quote",
            "The panel went on.\n\n“Ada Brandt: Seriously, who pays for the ferries in the end?”",
        );
        // A phone call: the caller was quoted two short paragraphs before.
        assert_clean(
            "unattributed-quote",
            "“We are calling supporters like you,” Mira Sand said into the phone.\n\nShe pauses.\n\n“Well, thank you so much for your time.”",
        );
        // The speaker of the sentence before, in the same paragraph.
        assert_clean(
            "unattributed-quote",
            "“It is a sound plan,” said Ada Brandt, a tax scholar, of the council's budget. “It does not make the deficit worse.”",
        );
    }

    #[test]
    fn a_sentence_naming_someone_after_the_quote_is_not_a_credit() {
        let found = flagged(
            "unattributed-quote",
            "“We have waited long enough for this pier to open again.”\n\nZoë Ångström, the harbour master, said the repairs would cost more.",
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_quote_goes_on_in_the_voice_of_the_quote_before_it_in_its_paragraph() {
        assert_clean(
            "unattributed-quote",
            "“The pumps failed twice,” remembered Bram Oduya, the old harbour master. “And the second time nobody came.”",
        );
    }

    #[test]
    fn a_speaker_named_just_before_the_quote_attributes_it() {
        assert_clean(
            "unattributed-quote",
            "“We will keep the ferries,” Mirela Tosh said in March.\n\nBy June, Tosh was less sure the council would back her.\n\n“I can count the votes, and they are not there.”",
        );
    }

    #[test]
    fn crossheads_and_dash_credits_pass() {
        assert_clean(
            "unattributed-quote",
            "The council met on Monday.\n\n‘A harbour for all.’\n\nThe plan would open the quay to small boats.",
        );
        assert_clean(
            "unattributed-quote",
            "The council met on Monday.\n\n“We will look into the ferry contracts, and we will publish what we find.”\n\n- Mirela Tosh.",
        );
    }

    #[test]
    fn a_quote_opening_a_paragraph_after_a_description_is_still_flagged() {
        let found = flagged(
            "unattributed-quote",
            "The council debated the budget for four hours on Monday night.\n\n“If any ferry cannot be run well, it should be sold off.”",
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_speaker_reported_in_the_paragraph_before_goes_on() {
        assert_clean(
            "unattributed-quote",
            "Harbourmaster Ines Tosh told the board the pumps had failed twice in a week.\n\n“Twice in a week, and nobody came to look at them.”",
        );
    }

    #[test]
    fn a_run_of_quoted_lines_after_their_introduction() {
        assert_clean(
            "unattributed-quote",
            "Ines Tosh said the board would act. What that means was left unclear, since Tosh spoke only in slogans.\n\n“We have to be tougher.”\n\n“We are playing by other rules.”\n\n“We are not fighting hard enough.”",
        );
    }

    #[test]
    fn a_quoted_word_is_a_term() {
        assert_clean(
            "unattributed-quote",
            "The board met on Monday.\n\n“Containment” is the word the board uses for its plan.",
        );
    }
}
