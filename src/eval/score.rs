//! Scoring: precision/recall counts, the greedy one-to-one span matcher, and
//! the scoring of attributions and findings against gold.

use super::gold::{GoldFinding, ResolvedAttribution};
use crate::Span;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// Counts behind a precision, recall and F1.
///
/// Precision and recall may count different things (per-kind scores count
/// hits by the predicted kind and by the gold kind), so each side has its own
/// number of hits.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predictions that matched.
    pub predicted_hit: usize,
    pub predicted: usize,
    /// Gold items that were matched.
    pub gold_hit: usize,
    pub gold: usize,
}

impl Prf {
    /// `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        (self.predicted > 0).then(|| self.predicted_hit as f64 / self.predicted as f64)
    }

    /// `None` when there is no gold.
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.gold_hit as f64 / self.gold as f64)
    }

    /// The harmonic mean; `None` when precision or recall is undefined.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }

    pub fn add(&mut self, other: Prf) {
        self.predicted_hit += other.predicted_hit;
        self.predicted += other.predicted;
        self.gold_hit += other.gold_hit;
        self.gold += other.gold;
    }
}

impl Serialize for Prf {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let round = |x: Option<f64>| x.map(|x| (x * 10_000.0).round() / 10_000.0);
        let mut map = serializer.serialize_map(Some(7))?;
        map.serialize_entry("precision", &round(self.precision()))?;
        map.serialize_entry("recall", &round(self.recall()))?;
        map.serialize_entry("f1", &round(self.f1()))?;
        map.serialize_entry("predicted_hit", &self.predicted_hit)?;
        map.serialize_entry("predicted", &self.predicted)?;
        map.serialize_entry("gold_hit", &self.gold_hit)?;
        map.serialize_entry("gold", &self.gold)?;
        map.end()
    }
}

/// How many bytes two spans share.
pub fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Whether `pred` covers at least half of `gold` (and some of it).
pub fn half_overlap(gold: Span, pred: Span) -> bool {
    let shared = overlap(gold, pred);
    shared > 0 && 2 * shared >= gold.len()
}

/// A candidate pairing of gold item `gold` with prediction `pred`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub gold: usize,
    pub pred: usize,
    /// Bytes shared: larger is better.
    pub overlap: usize,
    /// The length difference of the two spans: smaller breaks ties.
    pub mismatch: usize,
}

impl Pair {
    pub fn new(gold: usize, pred: usize, g: Span, p: Span) -> Pair {
        Pair {
            gold,
            pred,
            overlap: overlap(g, p),
            mismatch: g.len().abs_diff(p.len()),
        }
    }
}

/// Greedy one-to-one matching, best overlap first (ties: closer length, then
/// earlier gold, then earlier prediction). Returns, for each gold item, the
/// prediction it was matched to.
pub fn greedy_match(mut pairs: Vec<Pair>, gold: usize, pred: usize) -> Vec<Option<usize>> {
    pairs.sort_by_key(|p| (Reverse(p.overlap), p.mismatch, p.gold, p.pred));
    let mut gold_to_pred = vec![None; gold];
    let mut pred_taken = vec![false; pred];
    for pair in pairs {
        if gold_to_pred[pair.gold].is_none() && !pred_taken[pair.pred] {
            gold_to_pred[pair.gold] = Some(pair.pred);
            pred_taken[pair.pred] = true;
        }
    }
    gold_to_pred
}

/// Candidate pairs where the prediction covers at least half of the gold span.
pub fn half_overlap_pairs(gold: &[Span], pred: &[Span]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (gi, &g) in gold.iter().enumerate() {
        for (pi, &p) in pred.iter().enumerate() {
            if half_overlap(g, p) {
                pairs.push(Pair::new(gi, pi, g, p));
            }
        }
    }
    pairs
}

/// Candidate pairs whose keys are equal (exact match after whatever
/// normalisation produced the keys).
pub fn exact_pairs<K: PartialEq>(gold: &[K], pred: &[K], len: impl Fn(&K) -> usize) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if g == p {
                pairs.push(Pair {
                    gold: gi,
                    pred: pi,
                    overlap: len(g),
                    mismatch: 0,
                });
            }
        }
    }
    pairs
}

/// The counts of a one-to-one matching.
pub fn prf_of(matching: &[Option<usize>], predicted: usize) -> Prf {
    let hits = matching.iter().flatten().count();
    Prf {
        predicted_hit: hits,
        predicted,
        gold_hit: hits,
        gold: matching.len(),
    }
}

/// One predicted attribution, reduced to what scoring needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Predicted {
    pub content: Option<Span>,
    pub cue: Option<Span>,
    pub speaker: Span,
    /// The resolved speaker's name in the cast.
    pub name: Option<String>,
    pub kind: &'static str,
}

/// How a file's (or a corpus's) attributions score.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttributionScore {
    /// Content overlapping at least half of the gold content.
    pub half: Prf,
    /// Half-overlap match whose speaker is also right.
    pub content_speaker: Prf,
    /// Content span identical to gold.
    pub exact: Prf,
    /// Recall by gold kind, precision by predicted kind (half overlap).
    pub by_kind: BTreeMap<String, Prf>,
    /// Matched pairs whose predicted kind equals the gold kind.
    pub kind_agrees: usize,
    /// Indices of gold attributions not matched.
    pub missed: Vec<usize>,
    /// Indices of predictions not matched.
    pub false_positives: Vec<usize>,
    /// (gold, prediction) pairs matched on content but not on speaker.
    pub wrong_speaker: Vec<(usize, usize)>,
}

impl AttributionScore {
    pub fn add(&mut self, other: &AttributionScore) {
        self.half.add(other.half);
        self.content_speaker.add(other.content_speaker);
        self.exact.add(other.exact);
        for (kind, prf) in &other.by_kind {
            self.by_kind.entry(kind.clone()).or_default().add(*prf);
        }
        self.kind_agrees += other.kind_agrees;
    }
}

/// The span a gold attribution is matched on: its content, or (robustness;
/// the corpus always gives a content) its cue, or its speaker.
fn gold_key(g: &ResolvedAttribution) -> (Span, KeyField) {
    match (g.content, g.cue) {
        (Some(c), _) => (c, KeyField::Content),
        (None, Some(c)) => (c, KeyField::Cue),
        (None, None) => (g.speaker, KeyField::Speaker),
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum KeyField {
    Content,
    Cue,
    Speaker,
}

fn pred_key(p: &Predicted, field: KeyField) -> Option<Span> {
    match field {
        KeyField::Content => p.content,
        KeyField::Cue => p.cue,
        KeyField::Speaker => Some(p.speaker),
    }
}

/// Whether two speaker names denote the same speaker: equal ignoring case,
/// or the words of one are a run of whole words of the other ("Okafor" in
/// "Ngozi Okafor").
pub fn names_agree(a: &str, b: &str) -> bool {
    let a: Vec<String> = a.split_whitespace().map(str::to_lowercase).collect();
    let b: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    long.windows(short.len()).any(|w| w == short.as_slice())
}

/// Score predicted attributions against gold ones in one file.
pub fn score_attributions(gold: &[ResolvedAttribution], pred: &[Predicted]) -> AttributionScore {
    let mut pairs = Vec::new();
    let mut exact = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let (key, field) = gold_key(g);
        for (pi, p) in pred.iter().enumerate() {
            let Some(pk) = pred_key(p, field) else { continue };
            if half_overlap(key, pk) {
                pairs.push(Pair::new(gi, pi, key, pk));
            }
            if key == pk {
                exact.push(Pair::new(gi, pi, key, pk));
            }
        }
    }
    let matching = greedy_match(pairs, gold.len(), pred.len());
    let exact_matching = greedy_match(exact, gold.len(), pred.len());

    let mut score = AttributionScore {
        half: prf_of(&matching, pred.len()),
        exact: prf_of(&exact_matching, pred.len()),
        ..AttributionScore::default()
    };
    let mut pred_matched = vec![false; pred.len()];
    let mut speaker_hits = 0;
    for (gi, m) in matching.iter().enumerate() {
        let g = &gold[gi];
        let entry = score.by_kind.entry(g.kind.clone()).or_default();
        entry.gold += 1;
        let Some(pi) = *m else {
            score.missed.push(gi);
            continue;
        };
        entry.gold_hit += 1;
        pred_matched[pi] = true;
        let p = &pred[pi];
        if p.kind == g.kind {
            score.kind_agrees += 1;
        }
        let speaker_ok = g.speaker.overlaps(p.speaker) || p.name.as_deref().is_some_and(|n| names_agree(n, &g.name));
        if speaker_ok {
            speaker_hits += 1;
        } else {
            score.wrong_speaker.push((gi, pi));
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        let entry = score.by_kind.entry(p.kind.to_string()).or_default();
        entry.predicted += 1;
        if pred_matched[pi] {
            entry.predicted_hit += 1;
        } else {
            score.false_positives.push(pi);
        }
    }
    score.content_speaker = Prf {
        predicted_hit: speaker_hits,
        predicted: pred.len(),
        gold_hit: speaker_hits,
        gold: gold.len(),
    };
    score
}

/// How a file's (or a corpus's) findings score, per check code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindingScore {
    pub by_code: BTreeMap<String, Prf>,
    /// Gold findings not reported.
    pub missed: Vec<GoldFinding>,
    /// Reported findings (code, line) matching neither gold nor optional entries.
    pub false_positives: Vec<GoldFinding>,
    /// Reported findings that hit an optional entry: not counted.
    pub optional_hits: usize,
}

impl FindingScore {
    pub fn add(&mut self, other: &FindingScore) {
        for (code, prf) in &other.by_code {
            self.by_code.entry(code.clone()).or_default().add(*prf);
        }
        self.optional_hits += other.optional_hits;
    }

    /// All codes together.
    pub fn total(&self) -> Prf {
        let mut total = Prf::default();
        for prf in self.by_code.values() {
            total.add(*prf);
        }
        total
    }
}

/// Score reported findings (code, line) against the gold findings of a file.
/// A reported finding matches an unmatched gold finding with the same code and
/// line; failing that, one that hits an `optional` entry is left out of
/// precision's denominator.
pub fn score_findings(gold: &[GoldFinding], optional: &[GoldFinding], predicted: &[GoldFinding]) -> FindingScore {
    let mut score = FindingScore::default();
    let mut gold_taken = vec![false; gold.len()];
    for g in gold {
        score.by_code.entry(g.code.clone()).or_default().gold += 1;
    }
    for p in predicted {
        let hit = gold.iter().enumerate().position(|(i, g)| !gold_taken[i] && g == p);
        if let Some(i) = hit {
            gold_taken[i] = true;
            let entry = score.by_code.entry(p.code.clone()).or_default();
            entry.predicted += 1;
            entry.predicted_hit += 1;
            entry.gold_hit += 1;
        } else if optional.contains(p) {
            score.optional_hits += 1;
        } else {
            score.by_code.entry(p.code.clone()).or_default().predicted += 1;
            score.false_positives.push(p.clone());
        }
    }
    score.missed = gold
        .iter()
        .zip(&gold_taken)
        .filter(|(_, taken)| !**taken)
        .map(|(g, _)| g.clone())
        .collect();
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: usize, end: usize) -> Span {
        Span::new(start, end)
    }

    #[test]
    fn half_overlap_is_measured_on_the_gold_span() {
        assert!(half_overlap(s(0, 10), s(5, 40)));
        assert!(!half_overlap(s(0, 10), s(6, 40)));
        assert!(half_overlap(s(0, 10), s(2, 8)));
        assert!(!half_overlap(s(0, 10), s(10, 20)));
    }

    #[test]
    fn greedy_takes_the_best_overlap_first() {
        // Gold 0 overlaps both predictions; prediction 1 fits it best. Gold 1
        // only fits prediction 0, which stays free for it.
        let gold = [s(0, 10), s(10, 20)];
        let pred = [s(4, 16), s(0, 10)];
        let pairs = half_overlap_pairs(&gold, &pred);
        assert_eq!(greedy_match(pairs, 2, 2), vec![Some(1), Some(0)]);
    }

    #[test]
    fn greedy_is_one_to_one() {
        let gold = [s(0, 10), s(2, 10)];
        let pred = [s(0, 10)];
        let matching = greedy_match(half_overlap_pairs(&gold, &pred), 2, 1);
        assert_eq!(matching, vec![Some(0), None]);
        let prf = prf_of(&matching, 1);
        assert_eq!((prf.precision(), prf.recall()), (Some(1.0), Some(0.5)));
        assert!((prf.f1().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn ties_prefer_the_closer_length() {
        let gold = [s(0, 10)];
        let pred = [s(0, 30), s(0, 12)];
        assert_eq!(greedy_match(half_overlap_pairs(&gold, &pred), 1, 2), vec![Some(1)]);
    }

    #[test]
    fn undefined_scores_are_none() {
        let prf = Prf::default();
        assert_eq!((prf.precision(), prf.recall(), prf.f1()), (None, None, None));
        let json = serde_json::to_string(&prf).unwrap();
        assert!(json.contains("\"precision\":null"), "{json}");
    }

    #[test]
    fn names_agree_on_whole_words() {
        assert!(names_agree("Ngozi Okafor", "okafor"));
        assert!(names_agree("the ministry", "The Ministry"));
        assert!(!names_agree("Heather Lund", "he"));
        assert!(!names_agree("", "Lund"));
    }

    fn gold(speaker: Span, name: &str, content: Span, kind: &str) -> ResolvedAttribution {
        ResolvedAttribution {
            speaker,
            name: name.into(),
            cue: None,
            content: Some(content),
            kind: kind.into(),
        }
    }

    fn pred(speaker: Span, name: &str, content: Span, kind: &'static str) -> Predicted {
        Predicted {
            content: Some(content),
            cue: None,
            speaker,
            name: Some(name.into()),
            kind,
        }
    }

    #[test]
    fn attributions_score_content_speaker_and_kind() {
        let g = [
            gold(s(0, 3), "Ada Quill", s(10, 30), "direct"),
            gold(s(40, 43), "Bo Reed", s(50, 60), "indirect"),
            gold(s(70, 73), "Cy Holt", s(80, 90), "indirect"),
        ];
        let p = [
            // Exact, speaker by span.
            pred(s(0, 3), "she", s(10, 30), "direct"),
            // Half overlap, speaker by name though the span differs.
            pred(s(90, 92), "Reed", s(50, 56), "mixed"),
            // Content right, speaker wrong.
            pred(s(95, 99), "Dee Moss", s(80, 90), "indirect"),
            // Nothing there.
            pred(s(100, 102), "Eli", s(100, 110), "direct"),
        ];
        let score = score_attributions(&g, &p);
        assert_eq!(
            (score.half.predicted_hit, score.half.predicted, score.half.gold),
            (3, 4, 3)
        );
        assert_eq!(score.exact.gold_hit, 2);
        assert_eq!(score.content_speaker.gold_hit, 2);
        assert_eq!(score.wrong_speaker, vec![(2, 2)]);
        assert_eq!(score.false_positives, vec![3]);
        assert_eq!(score.kind_agrees, 2);
        let direct = score.by_kind["direct"];
        assert_eq!(
            (direct.gold_hit, direct.gold, direct.predicted_hit, direct.predicted),
            (1, 1, 1, 2)
        );
        let mixed = score.by_kind["mixed"];
        assert_eq!((mixed.gold, mixed.predicted_hit, mixed.predicted), (0, 1, 1));
    }

    #[test]
    fn gold_without_content_matches_on_the_cue() {
        let g = [ResolvedAttribution {
            speaker: s(0, 2),
            name: "Bo".into(),
            cue: Some(s(3, 7)),
            content: None,
            kind: "indirect".into(),
        }];
        let p = [Predicted {
            content: None,
            cue: Some(s(3, 7)),
            speaker: s(0, 2),
            name: None,
            kind: "indirect",
        }];
        let score = score_attributions(&g, &p);
        assert_eq!(score.half.gold_hit, 1);
        assert_eq!(score.exact.gold_hit, 1);
    }

    fn f(code: &str, line: usize) -> GoldFinding {
        GoldFinding {
            code: code.into(),
            line,
        }
    }

    #[test]
    fn findings_match_code_and_line_and_skip_optional_ones() {
        let gold = [f("vague-source", 3), f("vague-source", 3), f("loaded-verb", 5)];
        let optional = [f("anonymous-source", 7)];
        let predicted = [
            f("vague-source", 3),
            f("anonymous-source", 7),
            f("loaded-verb", 6),
            f("vague-source", 9),
        ];
        let score = score_findings(&gold, &optional, &predicted);
        let vague = score.by_code["vague-source"];
        assert_eq!(
            (vague.predicted_hit, vague.predicted, vague.gold_hit, vague.gold),
            (1, 2, 1, 2)
        );
        let loaded = score.by_code["loaded-verb"];
        assert_eq!((loaded.predicted_hit, loaded.predicted, loaded.gold), (0, 1, 1));
        assert!(!score.by_code.contains_key("anonymous-source"));
        assert_eq!(score.optional_hits, 1);
        assert_eq!(score.missed, vec![f("vague-source", 3), f("loaded-verb", 5)]);
        assert_eq!(score.false_positives, vec![f("loaded-verb", 6), f("vague-source", 9)]);
        let total = score.total();
        assert_eq!((total.predicted_hit, total.predicted, total.gold), (1, 3, 3));
    }
}
