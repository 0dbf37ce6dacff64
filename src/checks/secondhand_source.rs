use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;
use crate::rules::{Lexicon, RuleSet};
use crate::text::words_at;
use crate::Span;
use rustc_hash::FxHashSet;

declare_check! {
    /// ## What it does
    /// Flags attribution through another party: "reportedly", "according to a
    /// translation by …", "quoted by …"; and, once the rule set names its own
    /// `publication`, quotes given to another outlet ("told Al Jazeera").
    ///
    /// ## Why is this bad?
    /// AP's crediting guidelines and the Guardian ask that material from other
    /// organisations always be credited, and NPR that "reportedly" is never
    /// enough: the article did not hear it first-hand, and the reader should
    /// know whose reporting or translation it rests on.
    ///
    /// ## Example
    /// ```text
    /// According to a translation by state media, the minister said trade would grow.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// The minister said trade would grow, according to a transcript of the speech published by the ministry.
    /// ```
    ///
    /// ## Known limitations
    /// "Allegedly" in a sentence about a court or criminal case (another
    /// `legal_context` word: "charged", "police") is the legal hedge for a
    /// suspect and is not flagged, even where the police could be named.
    /// A marker followed by the name of whom it relays ("first reported by
    /// the Harwick Ledger", "in an interview with radio host Ana Ruiz") is
    /// the credit AP asks for and is not flagged, except a translation, whose
    /// words are the translator's; "citing" and "quoting" count only with
    /// an outlet, a document or sources for object ("citing his results"
    /// gives a reason). Without `publication:` in attrib.yaml, quotes given to a named outlet are
    /// not flagged: the outlet is credited by name, which is what AP's crediting
    /// rule asks, and attrib cannot tell the article's own outlet from another
    /// (editors judged 25 of 30 such findings on real news wrong for these two
    /// reasons, tests/judged/README.md). With it, any recipient that is not a person known to the article is
    /// taken for an outlet, so "told the committee" is flagged too. "Said in a
    /// report" is flagged only when the speaker is an outlet (listed in
    /// `outlets:` or named with an outlet noun such as "agency" or "radio"):
    /// an office citing its own report is first-hand. A marker in a
    /// sentence that credits a named outlet, or right after one ("…, Harbour
    /// Radio reported"), is credited; "allegedly" beside the word
    /// "allegations" is the hedge for the accused. "Quoted by name", a
    /// translator's credit line and a transcript of something (a primary
    /// record) are not relays, and "supposedly" is not a marker: it is the
    /// writer's own scepticism (editorialising, which this check does not
    /// cover).
    pub struct SecondhandSource {
        code: "secondhand-source",
        severity: Info,
        summary: "attribution through another party: reportedly, a translation by, told another outlet",
    }
}

/// Case-insensitive equality without allocating.
fn eq_ci(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A name without a leading "the".
fn bare(name: &str) -> &str {
    ["the ", "The "]
        .iter()
        .find_map(|d| name.strip_prefix(d))
        .unwrap_or(name)
}

/// Whether a speaker phrase names a news outlet: one of the rule set's
/// `outlets`, or a phrase with an outlet noun ("the state news agency",
/// "Radio Averley").
fn names_outlet(rules: &RuleSet, lexicon: &Lexicon, phrase: &str) -> bool {
    let name = bare(phrase);
    rules
        .outlets
        .iter()
        .any(|o| eq_ci(&o.name, name) || o.aliases.iter().any(|al| eq_ci(al, name)))
        || name
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| !w.is_empty() && lexicon.outlet_heads.contains(w))
}

/// Lowercase words allowed between a credit's preposition and the name it
/// credits ("with radio host Hugh Hewitt", "from the SITE Intelligence Group").
const CREDIT_LEAD_WORDS: usize = 3;

/// The words after a marker, up to the end of its clause; a quotation
/// mark right after it opens a name ("with “Morning Harbour”").
fn words_after(text: &str, end: usize) -> impl Iterator<Item = &str> {
    text[end..]
        .trim_start_matches([' ', '“', '"'])
        .split(['.', ',', ';', ':', '\n', '(', '“', '"'])
        .next()
        .unwrap_or("")
        .split_whitespace()
}

/// Whether the party a marker relays is named right after it ("first
/// reported by the Miami Ledger", "in an interview with radio host Ana
/// Ruiz", "quoting Tosh's statement"): the article credits whose reporting
/// it rests on, as AP's crediting rule asks. "According to a translation by
/// state media" names nobody.
fn names_the_party(lexicon: &Lexicon, text: &str, end: usize) -> bool {
    // A preposition ends the phrase: "by state media in Harwick" names nobody.
    words_after(text, end)
        .take(CREDIT_LEAD_WORDS + 1)
        .take_while(|w| !lexicon.prepositions.contains(w))
        .find(|w| !lexicon.determiners.contains(w) && !w.starts_with(char::is_lowercase))
        .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// Whether the marker is the legal hedge for an accusation not yet proved
/// (an adverb of a `legal_context` word: "allegedly") in a sentence about a court or
/// criminal case (another word of that list: "charged", "court", "police"):
/// AP's neutral wording for a suspect, not a relay of someone's reporting.
fn is_a_legal_hedge(lexicon: &Lexicon, doc: &crate::Document<'_>, marker: Span) -> bool {
    let hedge = doc.slice(marker).trim();
    let adjective = hedge.strip_suffix("ly").unwrap_or(hedge);
    if adjective.len() == hedge.len() || !lexicon.legal_context.contains(adjective) {
        return false;
    }
    doc.sentence_at(marker.start).is_some_and(|s| {
        let sentence = doc.sentences[s].span;
        words_at(doc.slice(sentence))
            .any(|(at, w)| sentence.start + at != marker.start && lexicon.legal_context.contains(w))
    })
}

/// Whether what "citing" or "quoting" takes is reporting: an outlet, a
/// document, or the reports or sources of someone ("citing a local
/// newspaper", "citing unnamed sources"). "Citing his results", "citing
/// trust as a factor" give a reason, not a source.
fn cites_reporting(lexicon: &Lexicon, text: &str, end: usize) -> bool {
    words_after(text, end).take(CREDIT_LEAD_WORDS + 1).any(|w| {
        let w = w.trim_end_matches(['\'', '’', 's']);
        lexicon.outlet_heads.contains(w)
            || lexicon.document_heads.contains(w)
            || ["source", "report", "media"].iter().any(|r| w.eq_ignore_ascii_case(r))
    })
}

/// Whether the marker is not a relay at all: "quoted by name" (why a
/// speaker is unnamed), a translator's credit line ("Translated by Ana
/// Ruiz." alone on its line), or a transcript of something (a primary
/// record of the words, "according to a transcript of the show").
fn not_a_relay(text: &str, marker: Span) -> bool {
    let next = words_after(text, marker.end).next().unwrap_or("");
    let said = &text[marker.start..marker.end];
    let line_start = text[..marker.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[marker.end..].find('\n').map_or(text.len(), |i| marker.end + i);
    let credit_line = text[line_start..marker.start].trim().is_empty()
        && text[marker.start..line_end].split_whitespace().count() <= 6;
    (said.ends_with("quoted by") && next.eq_ignore_ascii_case("name"))
        || (said.to_ascii_lowercase().starts_with("translated") && credit_line)
        || (said.ends_with("transcript") && next == "of")
}

/// Whether the sentence of the marker or the one before names an outlet
/// as a speaker ("…, the Harwick Ledger reported"): the reporting relayed
/// is credited, as AP's crediting rule asks.
fn outlet_credited_nearby(analysis: &crate::Analysis<'_>, rules: &RuleSet, lexicon: &Lexicon, marker: Span) -> bool {
    let doc = &analysis.document;
    let Some(s) = doc.sentence_at(marker.start) else {
        return false;
    };
    analysis.attributions.iter().any(|a| {
        let speaker = doc.slice(a.speaker.span);
        (a.sentence == s || a.sentence + 1 == s)
            && !a.speaker.span.overlaps(marker)
            && a.cue.is_none_or(|c| !c.span.overlaps(marker))
            && speaker.contains(char::is_uppercase)
            && names_outlet(rules, lexicon, speaker)
    })
}

/// Whether an adverb hedge ("allegedly") stands in a sentence that names
/// the allegation ("weighed in on allegations against …, who allegedly
/// …"): the accusation is the story's subject, and the adverb is the
/// hedge for the accused.
fn source_of_the_hedge_given(doc: &crate::Document<'_>, marker: Span) -> bool {
    let hedge = doc.slice(marker).trim();
    if hedge.contains(' ') || !hedge.ends_with("ly") {
        return false;
    }
    doc.sentence_at(marker.start).is_some_and(|s| {
        words_at(doc.slice(doc.sentences[s].span)).any(|(_, w)| {
            let w = w.to_ascii_lowercase();
            w == "allegation" || w == "allegations"
        })
    })
}

impl Check for SecondhandSource {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        let text: &str = &doc.text;
        let rules = ctx.rules;
        let lexicon = ctx.lexicon;

        // Indexes built once: cues and recipients by position.
        let mut cues: Vec<(Span, usize)> = analysis
            .attributions
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.cue.map(|c| (c.span, i)))
            .collect();
        cues.sort_unstable();
        let mut recipients: Vec<usize> = analysis
            .attributions
            .iter()
            .filter_map(|a| a.recipient.map(|r| r.start))
            .collect();
        recipients.sort_unstable();

        for hit in doc.hits.iter().filter(|h| h.kinds.has(PhraseKind::Secondhand)) {
            if doc.in_quote(hit.span.start) {
                continue;
            }
            // "In an interview with OUTLET": the recipient decides below
            // (the article's own publication is first-hand).
            let next = recipients.partition_point(|&r| r < hit.span.end);
            if recipients
                .get(next)
                .is_some_and(|&r| text[hit.span.end..r].trim().is_empty())
            {
                continue;
            }
            let marker = doc.slice(hit.span);
            if is_a_legal_hedge(lexicon, doc, hit.span)
                || not_a_relay(text, hit.span)
                || outlet_credited_nearby(analysis, rules, lexicon, hit.span)
                || source_of_the_hedge_given(doc, hit.span)
            {
                continue;
            }
            let last_word = marker.rsplit(' ').next().unwrap_or(marker);
            let relays = ["citing", "quoting"].iter().any(|v| last_word.eq_ignore_ascii_case(v));
            if relays && !cites_reporting(lexicon, text, hit.span.end) {
                continue;
            }
            // A translation stays a finding when its translator is named:
            // the words are the translator's, to be checked against the
            // original.
            let translated = marker
                .as_bytes()
                .windows(8)
                .any(|w| w.eq_ignore_ascii_case(b"translat"));
            let credits = !translated && (relays || lexicon.prepositions.contains(last_word));
            if credits && names_the_party(lexicon, text, hit.span.end) {
                continue;
            }
            // "X said in a report": second-hand only when X is an outlet; an
            // office or a person citing its own report is first-hand.
            let upto = cues.partition_point(|(c, _)| c.start < hit.span.end);
            let cue = cues[..upto].iter().rev().take(4).find(|(c, _)| c.overlaps(hit.span));
            if let Some(&(_, i)) = cue {
                if !names_outlet(rules, lexicon, doc.slice(analysis.attributions[i].speaker.span)) {
                    continue;
                }
            }
            out.push(
                Finding::new(self.info().code, ctx.severity, hit.span, format!("Second-hand attribution: “{}”", doc.slice(hit.span)))
                    .with_label("the article relays someone else's reporting")
                    .with_help("Check the original source and cite it directly, or name whose report, translation or transcript this is."),
            );
        }

        // Which outlet is "another" is known only once the rules name ours.
        let Some(own) = rules.publication.as_deref().map(bare) else {
            return;
        };
        let people: FxHashSet<&str> = analysis
            .cast
            .speakers
            .iter()
            .flat_map(|sp| std::iter::once(sp.name.as_str()).chain(sp.aliases.iter().map(String::as_str)))
            .collect();
        for a in &analysis.attributions {
            let Some(recipient) = a.recipient else { continue };
            let name = doc.slice(recipient);
            let bare = bare(name);
            // Audiences ("reporters", "a news conference") are not outlets.
            if !bare.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if eq_ci(own, bare) || people.contains(bare) {
                continue;
            }
            let tags = rules
                .outlets
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(bare) || o.aliases.iter().any(|al| al.eq_ignore_ascii_case(bare)))
                .map(|o| o.tags.join(", "));
            let speaker = analysis
                .cast
                .get(a.speaker_id)
                .map_or_else(|| doc.slice(a.speaker.span).to_string(), |sp| sp.name.clone());
            let mut message = format!("{speaker} spoke to {name}, not to this publication");
            if let Some(tags) = tags.filter(|t| !t.is_empty()) {
                message.push_str(&format!(" ({tags})"));
            }
            out.push(
                Finding::new(self.info().code, ctx.severity, recipient, message)
                    .with_label("quote given to another outlet")
                    .with_help(format!(
                        "Credit {name} clearly and, where you can, confirm the quote with {speaker} directly."
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags, findings_with};

    #[test]
    fn flags_markers_and_other_outlets() {
        assert_flags(
            "secondhand-source",
            "According to a translation by state media, the minister said trade would grow.",
            &["According to a translation by"],
        );
        assert_flags(
            "secondhand-source",
            "The harbour board met on Monday.\n\nAccording to a translation by state media in Harwick, the minister will resign.",
            &["According to a translation by"],
        );
        let other = findings_with(
            "secondhand-source",
            "Lindqvist told Harbour Radio that fares would rise.",
            "publication: The Valley Courier\n",
        );
        assert_eq!(other.len(), 1, "{other:?}");
    }

    #[test]
    fn an_outlet_credited_by_name_passes_until_the_rules_name_ours() {
        assert_clean(
            "secondhand-source",
            "Lindqvist told Harbour Radio that fares would rise.",
        );
        assert_clean(
            "secondhand-source",
            "In an interview with Harbour Radio, Lindqvist said fares would rise.",
        );
    }

    #[test]
    fn a_party_named_after_the_marker_is_credited() {
        assert_clean(
            "secondhand-source",
            "The ferry sale was first reported by the Harwick Ledger.",
        );
        assert_clean(
            "secondhand-source",
            "“We will not sell,” Tosh said in an interview with radio host Ana Ruiz.",
        );
        assert_clean(
            "secondhand-source",
            "The board wrote to the minister, quoting Tosh's statement of March.",
        );
    }

    #[test]
    fn a_named_translator_is_still_a_finding() {
        assert_flags(
            "secondhand-source",
            "The harbour board met on Monday.\n\n“We will rebuild,” the governor said, according to a translation by the Coastal Press Agency.",
            &["according to a translation by"],
        );
    }

    #[test]
    fn citing_a_reason_is_not_relaying_a_source() {
        assert_clean(
            "secondhand-source",
            "Many crews oppose the sale, often citing pay as the main reason.",
        );
    }

    #[test]
    fn own_reports_are_first_hand() {
        assert_clean(
            "secondhand-source",
            "Bus fares rose 9% last year, the state transport office said in a report published on Monday.",
        );
        assert_flags(
            "secondhand-source",
            "Bus fares rose 9% last year, the state news agency said in a report on Monday.",
            &["said in a report"],
        );
    }

    #[test]
    fn an_interview_is_one_finding_and_own_interviews_pass() {
        let other = findings_with(
            "secondhand-source",
            "In an interview with Harbour Radio, Lindqvist said fares would rise.",
            "publication: The Valley Courier\n",
        );
        assert_eq!(other.len(), 1, "{other:?}");
        let own = findings_with(
            "secondhand-source",
            "In an interview with the Valley Courier, Lindqvist said fares would rise.",
            "publication: The Valley Courier\n",
        );
        assert!(own.is_empty(), "{own:?}");
    }

    #[test]
    fn own_publication_and_reporters_pass() {
        let own = findings_with(
            "secondhand-source",
            "Lindqvist told the Valley Courier that fares would rise.",
            "publication: The Valley Courier\n",
        );
        assert!(own.is_empty());
        assert_clean("secondhand-source", "Lindqvist told reporters that fares would rise.");
    }

    #[test]
    fn allegedly_in_a_criminal_case_is_the_legal_hedge() {
        assert_clean(
            "secondhand-source",
            "Ossian Pell, who was charged on Monday, allegedly moved $4,000 from the club's account.",
        );
        assert_flags(
            "secondhand-source",
            "Ossian Pell allegedly moved $4,000 from the club's account.",
            &["allegedly"],
        );
    }

    #[test]
    fn supposedly_is_the_writers_scepticism() {
        assert_clean(
            "secondhand-source",
            "Marsh calls the treasurer, who is supposedly his oldest friend, “Mr. Pell.”",
        );
    }

    #[test]
    fn credit_lines_transcripts_and_quoted_by_name_are_not_relays() {
        assert_clean(
            "secondhand-source",
            "The harbour board met on Monday.\n\nTranslated by Ana Ruiz.",
        );
        assert_clean(
            "secondhand-source",
            "“The quay is safe,” Tosh said, according to a transcript of the show.",
        );
        assert_clean(
            "secondhand-source",
            "“It was frightening,” said the cashier, who did not want to be quoted by name.",
        );
        assert_clean(
            "secondhand-source",
            "In an interview with “Morning Harbour,” Tosh said the quay was safe.",
        );
    }

    #[test]
    fn an_outlet_credited_in_the_sentence_passes() {
        assert_clean(
            "secondhand-source",
            "Ossian Pell allegedly moved $4,000 from the club's account, Harbour Radio reported.",
        );
        assert_flags(
            "secondhand-source",
            "Ossian Pell reportedly moved $4,000 from the club's account.",
            &["reportedly"],
        );
    }

    #[test]
    fn allegedly_beside_the_allegation_is_the_hedge() {
        assert_clean(
            "secondhand-source",
            "Marsh spoke about allegations against the club's treasurer, who allegedly hit a steward last week.",
        );
    }
}
