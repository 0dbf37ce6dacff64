//! Scoring attrib against the gold attributions: attrib's attributions joined
//! into PolNeAR's one relation per cue, greedy matching under the half,
//! exact, strict and content-and-speaker criteria, per subset, and the errors
//! listed for reading.
//!
//! Separate from the reading of the corpus so that the matching can be tested
//! on a handmade document without files.

use super::super::score::{greedy_match, half_overlap, overlap, Pair, Prf};
use super::brat::Discontinuous;
use super::subsets::{is_quoted, is_speech_cue, normalized};
use super::Document;
use crate::{Engine, InputFormat, SourceFile, Span};
use serde::Serialize;
use std::time::Instant;

/// Scores of one subset of attributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SubsetScore {
    /// Content covering at least half of the gold content.
    pub half: Prf,
    /// Content equal after [`normalized`].
    pub exact: Prf,
    /// Byte-identical content spans.
    pub strict: Prf,
    /// Half-overlap match whose speaker span overlaps the gold source.
    pub content_speaker: Prf,
}

/// One error, for reading (never stored in the project).
#[derive(Debug, Clone, Serialize)]
pub struct ErrorItem {
    pub document: String,
    /// `missed`, `false-positive` or `wrong-speaker`.
    pub error: &'static str,
    pub content: String,
    pub speaker: String,
    pub cue: String,
    /// The predicted side of a wrong-speaker pair.
    pub predicted_speaker: String,
    /// The gold content was discontinuous.
    pub discontinuous: bool,
    /// The content holds a quote mark (the quoted subset).
    pub quoted: bool,
    /// For a miss, the largest share of the gold content one prediction
    /// covers; for a false positive, the largest share of the predicted
    /// content one gold content covers. 0 when nothing overlaps.
    pub best_overlap: f64,
}

/// attrib on one PolNeAR split.
#[derive(Debug, Clone, Serialize)]
pub struct PolnearReport {
    pub split: String,
    pub documents: usize,
    pub gold_attributions: usize,
    /// Gold relations without a content span (not scored).
    pub skipped_relations: usize,
    /// Gold contents that were discontinuous.
    pub discontinuous_contents: usize,
    /// How they were scored.
    pub discontinuous: Discontinuous,
    /// Predicted attributions without content (not scored).
    pub predictions_without_content: usize,
    pub whole: SubsetScore,
    /// Gold contents holding a quote mark; predictions whose content does.
    pub quoted: SubsetScore,
    /// Gold cues that are speech verbs; predictions whose cue is one.
    pub speech_verb: SubsetScore,
    /// Time spent analysing (segmentation, grammar, resolution), all documents.
    pub analysis_ms: f64,
    #[serde(skip)]
    pub errors: Vec<ErrorItem>,
}

impl PolnearReport {
    fn new(split: &str) -> Self {
        PolnearReport {
            split: split.to_string(),
            documents: 0,
            gold_attributions: 0,
            skipped_relations: 0,
            discontinuous_contents: 0,
            discontinuous: Discontinuous::Hull,
            predictions_without_content: 0,
            whole: SubsetScore::default(),
            quoted: SubsetScore::default(),
            speech_verb: SubsetScore::default(),
            analysis_ms: 0.0,
            errors: Vec::new(),
        }
    }
}

struct PredSpan {
    content: Span,
    speaker: Span,
    cue: Option<Span>,
}

/// attrib's attributions as PolNeAR relations.
///
/// PolNeAR annotates one relation per cue: an interrupted quote ("“A,” she
/// said, “B.”") and the quotes that run on after an attributed one in the
/// same paragraph ("“A,” she said. “B.”") are one discontinuous content.
/// attrib reports one attribution per quotation, so attributions that share
/// a cue, and continuation quotes (no cue) following their speaker's
/// attribution in the same paragraph, are joined into one relation whose
/// content is the hull, as PolNeAR scores it.
fn relations(analysis: &crate::Analysis<'_>, without_content: &mut usize) -> Vec<PredSpan> {
    let doc = &analysis.document;
    let mut pred: Vec<PredSpan> = Vec::new();
    // The paragraph and speaker of the relation last pushed, for joining continuations.
    let mut last: Option<(usize, Span)> = None;
    for a in &analysis.attributions {
        let Some(content) = a.content.filter(|c| !c.is_empty()) else {
            *without_content += 1;
            continue;
        };
        let speaker = a.speaker.span.join(a.speaker.extent);
        let paragraph = doc.sentences[a.sentence].paragraph;
        let same_cue = a
            .cue
            .and_then(|cue| pred.iter_mut().rev().take(4).find(|p| p.cue == Some(cue.span)));
        if let Some(relation) = same_cue {
            relation.content = relation.content.join(content);
            continue;
        }
        let continues = a.cue.is_none() && last.is_some_and(|(p, s)| p == paragraph && s == speaker);
        if let (true, Some(relation)) = (continues, pred.last_mut()) {
            relation.content = relation.content.join(content);
            continue;
        }
        pred.push(PredSpan {
            content,
            speaker,
            cue: a.cue.map(|c| c.span),
        });
        last = Some((paragraph, speaker));
    }
    pred
}

/// Analyse every document with `engine` and score the result.
pub fn score(docs: &[Document], engine: &Engine, split: &str, mode: Discontinuous) -> PolnearReport {
    let mut report = PolnearReport::new(split);
    report.documents = docs.len();
    report.discontinuous = mode;
    for doc in docs {
        let source = SourceFile::new(doc.name.clone(), doc.text.clone(), InputFormat::Plain);
        let started = Instant::now();
        let analysis = engine.analyze(&source);
        report.analysis_ms += started.elapsed().as_secs_f64() * 1000.0;
        let pred = relations(&analysis, &mut report.predictions_without_content);
        report.gold_attributions += doc.attributions.len();
        report.skipped_relations += doc.skipped;
        report.discontinuous_contents += doc.attributions.iter().filter(|g| g.discontinuous).count();
        score_document(doc, &pred, &mut report);
    }
    report
}

fn score_document(doc: &Document, pred: &[PredSpan], report: &mut PolnearReport) {
    let text = doc.text.as_str();
    let gold = &doc.attributions;
    let mut half = Vec::new();
    let mut exact = Vec::new();
    let mut strict = Vec::new();
    let gold_norm: Vec<Span> = gold.iter().map(|g| normalized(text, g.content)).collect();
    let pred_norm: Vec<Span> = pred.iter().map(|p| normalized(text, p.content)).collect();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if half_overlap(g.content, p.content) {
                half.push(Pair::new(gi, pi, g.content, p.content));
            }
            if !gold_norm[gi].is_empty() && gold_norm[gi] == pred_norm[pi] {
                exact.push(Pair::new(gi, pi, g.content, p.content));
            }
            if g.content == p.content {
                strict.push(Pair::new(gi, pi, g.content, p.content));
            }
        }
    }
    let half = greedy_match(half, gold.len(), pred.len());
    let exact = greedy_match(exact, gold.len(), pred.len());
    let strict = greedy_match(strict, gold.len(), pred.len());
    let speaker_ok = |gi: usize, pi: usize| match gold[gi].source {
        Some(source) => source.overlaps(pred[pi].speaker),
        None => pred[pi].speaker.is_empty(),
    };

    let gold_quoted: Vec<bool> = gold.iter().map(|g| is_quoted(text, g.content)).collect();
    let gold_speech: Vec<bool> = gold
        .iter()
        .map(|g| g.cue.is_some_and(|c| is_speech_cue(&text[c.range()])))
        .collect();
    let pred_quoted: Vec<bool> = pred.iter().map(|p| is_quoted(text, p.content)).collect();
    let pred_speech: Vec<bool> = pred
        .iter()
        .map(|p| p.cue.is_some_and(|c| is_speech_cue(&text[c.range()])))
        .collect();

    let (gold_all, pred_all) = (vec![true; gold.len()], vec![true; pred.len()]);
    let subsets = [
        (&mut report.whole, &gold_all, &pred_all),
        (&mut report.quoted, &gold_quoted, &pred_quoted),
        (&mut report.speech_verb, &gold_speech, &pred_speech),
    ];
    for (subset, gold_in, pred_in) in subsets {
        let in_gold = |gi: usize| gold_in[gi];
        let in_pred = |pi: usize| pred_in[pi];
        let count = |matching: &[Option<usize>], credit: &dyn Fn(usize, usize) -> bool| {
            let mut prf = Prf::default();
            let mut pred_of = vec![None; pred.len()];
            for (gi, m) in matching.iter().enumerate() {
                if let Some(pi) = *m {
                    pred_of[pi] = Some(gi);
                }
                if in_gold(gi) {
                    prf.gold += 1;
                    if m.is_some_and(|pi| credit(gi, pi)) {
                        prf.gold_hit += 1;
                    }
                }
            }
            for (pi, g) in pred_of.iter().enumerate() {
                if in_pred(pi) {
                    prf.predicted += 1;
                    if g.is_some_and(|gi| credit(gi, pi)) {
                        prf.predicted_hit += 1;
                    }
                }
            }
            prf
        };
        subset.half.add(count(&half, &|_, _| true));
        subset.exact.add(count(&exact, &|_, _| true));
        subset.strict.add(count(&strict, &|_, _| true));
        subset.content_speaker.add(count(&half, &speaker_ok));
    }

    let slice = |s: Option<Span>| s.map_or(String::new(), |s| text[s.range()].to_string());
    let mut matched_pred = vec![false; pred.len()];
    for (gi, m) in half.iter().enumerate() {
        let g = &gold[gi];
        let best = pred.iter().map(|p| overlap(g.content, p.content)).max().unwrap_or(0);
        let item = |error, predicted_speaker| ErrorItem {
            document: doc.name.clone(),
            error,
            content: slice(Some(g.content)),
            speaker: slice(g.source),
            cue: slice(g.cue),
            predicted_speaker,
            discontinuous: g.discontinuous,
            quoted: gold_quoted[gi],
            best_overlap: best as f64 / g.content.len() as f64,
        };
        match *m {
            None => report.errors.push(item("missed", String::new())),
            Some(pi) => {
                matched_pred[pi] = true;
                if !speaker_ok(gi, pi) {
                    report.errors.push(item("wrong-speaker", slice(Some(pred[pi].speaker))));
                }
            }
        }
    }
    for (pi, p) in pred.iter().enumerate().filter(|&(pi, _)| !matched_pred[pi]) {
        let best = gold.iter().map(|g| overlap(g.content, p.content)).max().unwrap_or(0);
        report.errors.push(ErrorItem {
            document: doc.name.clone(),
            error: "false-positive",
            content: slice(Some(p.content)),
            speaker: slice(Some(p.speaker)),
            cue: slice(p.cue),
            predicted_speaker: String::new(),
            discontinuous: false,
            quoted: pred_quoted[pi],
            best_overlap: best as f64 / p.content.len() as f64,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::brat::{parse_ann, CharIndex};
    use super::super::fixture::{ANN, TEXT};
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn interrupted_and_running_quotes_are_one_relation() {
        let engine = Engine::new(crate::rules::RuleSet::defaults());
        let text =
            "“We will stay,” Mira Holt said, “and we will rebuild.” “It is our town.”\n\n“Go home,” a guard said.";
        let source = SourceFile::new("t.txt", text, InputFormat::Plain);
        let analysis = engine.analyze(&source);
        let mut without_content = 0;
        let relations = relations(&analysis, &mut without_content);
        let contents: Vec<&str> = relations.iter().map(|r| &text[r.content.range()]).collect();
        assert_eq!(
            contents,
            [
                "We will stay,” Mira Holt said, “and we will rebuild.” “It is our town.",
                "Go home,"
            ]
        );
    }

    #[test]
    fn scores_a_document() {
        let (attributions, skipped) = parse_ann(ANN).attributions(&CharIndex::new(TEXT), Discontinuous::Hull);
        let doc = Document {
            name: "d".into(),
            annotation: PathBuf::new(),
            text: TEXT.into(),
            attributions,
            skipped,
        };
        let span = |s: &str| {
            let start = TEXT.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        // The quote without its marks, right speaker; and a wrong clause.
        let pred = [
            PredSpan {
                content: span("We’ll close,"),
                speaker: span("Mira Holt"),
                cue: Some(span("wrote")),
            },
            PredSpan {
                content: span("owners said"),
                speaker: span("Café"),
                cue: None,
            },
        ];
        let mut report = PolnearReport::new("dev");
        score_document(&doc, &pred, &mut report);
        let whole = report.whole;
        assert_eq!(
            (whole.half.predicted_hit, whole.half.predicted, whole.half.gold),
            (1, 2, 2)
        );
        assert_eq!(whole.exact.gold_hit, 1);
        assert_eq!(whole.strict.gold_hit, 0);
        assert_eq!(whole.content_speaker.gold_hit, 1);
        let quoted = report.quoted;
        assert_eq!(
            (quoted.half.gold_hit, quoted.half.gold, quoted.half.predicted),
            (1, 1, 1)
        );
        let speech = report.speech_verb;
        assert_eq!(
            (speech.half.gold_hit, speech.half.gold, speech.half.predicted),
            (1, 2, 1)
        );
        assert_eq!(report.errors.iter().filter(|e| e.error == "missed").count(), 1);
        assert_eq!(report.errors.iter().filter(|e| e.error == "false-positive").count(), 1);
    }
}
