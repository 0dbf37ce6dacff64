use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;
use crate::Span;

declare_check! {
    /// ## What it does
    /// Flags weasel attribution: a claim credited to an unnamed crowd ("experts
    /// say", "critics argue", "it is widely believed", "is viewed as … by
    /// Chinese experts").
    ///
    /// ## Why is this bad?
    /// Wikipedia's MOS:WEASEL and NPR's ethics handbook: "officials say" is not
    /// enough. The reader cannot weigh a source the article does not name,
    /// and a vague plural can hide a single voice or none.
    ///
    /// ## Example
    /// ```text
    /// Experts say the bridge is unsafe.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Two structural engineers who inspected the bridge for the council, Ana Ruiz and Tom Hale, said it is unsafe.
    /// ```
    ///
    /// ## Known limitations
    /// Phrases come from `vague_sources` and `vague_heads` in the rule set. A
    /// vague phrase that summarises sources named elsewhere in the paragraph
    /// is still flagged; switch the check off for that paragraph or rephrase.
    /// A bare plural that names a party to a court case ("Prosecutors allege
    /// …", "Detectives said …": a plural in the `legal_context` list) is one
    /// side of the case, not a crowd, and is not flagged, even outside a
    /// court story.
    pub struct VagueSource {
        code: "vague-source",
        severity: Warning,
        summary: "weasel attribution: experts say, critics argue, it is widely believed",
    }
}

impl Check for VagueSource {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let analysis = ctx.analysis;
        let doc = &analysis.document;
        // Cue spans sorted once: a vague phrase that is an attribution's cue
        // ("is viewed as … by Ana Ruiz") has an agent.
        let mut cues: Vec<Span> = analysis
            .attributions
            .iter()
            .filter_map(|a| a.cue.map(|c| c.span))
            .collect();
        cues.sort_unstable();
        let longest_cue = cues.iter().map(|c| c.len()).max().unwrap_or(0);
        let has_agent = |hit: Span| {
            let upto = cues.partition_point(|c| c.start < hit.end);
            cues[..upto]
                .iter()
                .rev()
                .take_while(|c| c.start + longest_cue >= hit.start)
                .any(|c| c.overlaps(hit))
        };
        // Candidates: vague speakers first, then vague phrases; one finding
        // per stretch of overlapping candidates, a speaker preferred.
        let mut candidates: Vec<(Span, u8)> = Vec::new();
        for a in &analysis.attributions {
            // The cast has the last word: "Prosecutors" is a party to the case.
            let class = analysis.cast.get(a.speaker_id).map_or(a.speaker.class, |s| s.class);
            if a.speaker.class == SpeakerClass::Vague
                && class == SpeakerClass::Vague
                && !doc.in_quote(a.speaker.span.start)
                && super::source_position::in_a_source_position(doc, ctx.lexicon, a)
                && !super::source_position::names_a_body(doc.slice(a.speaker.span), ctx.lexicon)
            {
                candidates.push((a.speaker.span, 0));
            }
        }
        for hit in doc.hits.iter().filter(|h| h.kinds.has(PhraseKind::VagueSource)) {
            if !doc.in_quote(hit.span.start) && !has_agent(hit.span) {
                candidates.push((hit.span, 1));
            }
        }
        candidates.sort_unstable_by_key(|&(span, rank)| (span.start, rank, span.end));
        let mut kept: Vec<(Span, u8)> = Vec::with_capacity(candidates.len());
        // The end of the stretch of overlapping candidates so far.
        let mut reach = 0;
        for (span, rank) in candidates {
            match kept.last_mut() {
                Some(last) if span.start < reach => {
                    if rank < last.1 {
                        *last = (span, rank);
                    }
                    reach = reach.max(span.end);
                }
                _ => {
                    kept.push((span, rank));
                    reach = span.end;
                }
            }
        }
        for (span, _) in kept {
            out.push(
                Finding::new(self.info().code, ctx.severity, span, format!("Vague source: “{}”", doc.slice(span)))
                    .with_label("who, exactly?")
                    .with_help("Name the people or organisations, or describe them precisely enough to judge (“two engineers who inspected the bridge for the council”)."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_weasel_attribution() {
        assert_flags("vague-source", "Experts say the bridge is unsafe.", &["Experts"]);
        assert_flags(
            "vague-source",
            "It is widely believed that the mayor will resign.",
            &["It is widely believed"],
        );
        assert_flags(
            "vague-source",
            "The bridge is viewed as unsafe by local engineers.",
            &["local engineers"],
        );
    }

    #[test]
    fn parties_to_a_court_case_are_not_vague() {
        assert_clean(
            "vague-source",
            "Prosecutors allege that Ossian Pell moved $4,000 from the club's account.",
        );
        assert_flags(
            "vague-source",
            "Lawyers say the case against Ossian Pell is weak.",
            &["Lawyers"],
        );
    }

    #[test]
    fn named_sources_and_quoted_speech_pass() {
        assert_clean(
            "vague-source",
            "Ana Ruiz, an engineer at the council, said the bridge is unsafe.",
        );
        assert_clean("vague-source", "“Experts say all sorts of things,” Ruiz said.");
        assert_clean(
            "vague-source",
            "The bridge is viewed as unsafe by Ana Ruiz, an engineer at the council.",
        );
    }

    #[test]
    fn an_identifiable_body_is_not_vague() {
        assert_clean(
            "vague-source",
            "Harwick Labour councillors said they would vote against the levy.",
        );
        assert_clean(
            "vague-source",
            "The rule was attacked by members, and Senate Republican leaders said they would not consider it.",
        );
    }

    #[test]
    fn a_group_acted_upon_is_not_a_source() {
        assert_clean(
            "vague-source",
            "The new timetable should make his supporters feel heard, the organiser said.",
        );
    }

    #[test]
    fn vague_groups_in_a_source_position_are_still_flagged() {
        assert_flags(
            "vague-source",
            "Political observers in Kessel say the mayor will win.",
            &["Political observers"],
        );
    }
}
