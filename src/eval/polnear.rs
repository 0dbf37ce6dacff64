//! PolNeAR (Political News Attribution Relations, github.com/networkdynamics/PolNeAR):
//! reading its brat stand-off annotations and scoring attrib against them.
//!
//! The corpus has no licence and its texts are copyrighted news: it is read
//! from a copy outside the project and nothing of it is ever stored here.
//!
//! Reading:
//! - `data/<split>/text/<doc>.txt` is the article; `data/<split>/attributions/<doc>_<annotator>.ann`
//!   its annotations. Where several annotators did a document, the first `.ann`
//!   in sort order is used.
//! - Offsets count Unicode code points; they are converted to byte offsets.
//! - A discontinuous span (`s e;s e`) is taken as its **hull**, from the
//!   smallest start to the largest end (fragments may be listed out of order);
//!   [`load_with`] can take the first fragment listed instead. An interrupted
//!   quote ("“A,” she said, “B.”") is one discontinuous content in PolNeAR and
//!   two attributions in attrib, so the choice moves the scores: the hull is
//!   the stricter.
//! - Each `E` relation with a `Content` role is one gold attribution, with its
//!   `Source` and `Cue` when given (`Attribution-no-source` relations have
//!   none). Relations without a content cannot be scored and are counted as
//!   skipped; a second content (`Content2`, rare) is ignored.
//! - Lines that do not start with `T`, `E`, `A`, `R` or `#` continue the text
//!   of the previous span and are skipped: only offsets matter.

use super::score::{greedy_match, half_overlap, overlap, Pair, Prf};
use super::EvalError;
use crate::{Engine, InputFormat, SourceFile, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One annotated document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text file's stem.
    pub name: String,
    /// The `.ann` file used.
    pub annotation: PathBuf,
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
    /// Relations without a content span.
    pub skipped: usize,
}

/// One gold attribution, spans in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldAttribution {
    pub content: Span,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    /// The content span was discontinuous (and is scored as its hull).
    pub discontinuous: bool,
}

/// Byte offsets of every code point of a text, for converting offsets.
#[derive(Debug, Clone)]
pub struct CharIndex {
    bytes: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    /// The byte offset of code point `chars` (the end of the text counts).
    pub fn byte(&self, chars: usize) -> Option<usize> {
        self.bytes.get(chars).copied()
    }

    /// A code-point span as a byte span.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        Some(Span::new(self.byte(start)?, self.byte(end)?))
    }
}

/// A text-bound annotation (`T` line): its type and code-point fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub label: String,
    pub fragments: Vec<(usize, usize)>,
}

impl TextBound {
    /// The hull of the fragments, in code points.
    pub fn hull(&self) -> (usize, usize) {
        let start = self.fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let end = self.fragments.iter().map(|f| f.1).max().unwrap_or(0);
        (start, end)
    }

    /// The span scored for this annotation, in code points.
    pub fn extent(&self, mode: Discontinuous) -> (usize, usize) {
        match mode {
            Discontinuous::Hull => self.hull(),
            Discontinuous::First => self.fragments[0],
        }
    }
}

/// How a discontinuous span (`s e;s e`) is scored.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Discontinuous {
    /// From the smallest start to the largest end.
    #[default]
    Hull,
    /// The first fragment listed.
    First,
}

/// A parsed `.ann` file: text-bounds by id, and relations as (role, id) lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub spans: BTreeMap<String, TextBound>,
    pub relations: Vec<Vec<(String, String)>>,
}

/// Parse the text of a brat `.ann` file. Malformed lines are skipped: a
/// corpus quirk should cost one attribution, not the run.
pub fn parse_ann(text: &str) -> Annotations {
    let mut ann = Annotations::default();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("");
        match id.as_bytes().first() {
            Some(b'T') => {
                let Some(body) = fields.next().filter(|_| numbered(id)) else {
                    continue;
                };
                let Some((label, offsets)) = body.split_once(' ') else {
                    continue;
                };
                let fragments: Option<Vec<(usize, usize)>> = offsets
                    .split(';')
                    .map(|frag| {
                        let (s, e) = frag.trim().split_once(' ')?;
                        Some((s.parse().ok()?, e.parse().ok()?))
                    })
                    .collect();
                if let Some(fragments) = fragments.filter(|f| !f.is_empty()) {
                    ann.spans.insert(
                        id.to_string(),
                        TextBound {
                            label: label.to_string(),
                            fragments,
                        },
                    );
                }
            }
            Some(b'E') => {
                let Some(body) = fields.next().filter(|_| numbered(id)) else {
                    continue;
                };
                let roles = body
                    .split_whitespace()
                    .filter_map(|arg| arg.split_once(':'))
                    .map(|(role, target)| (role.to_string(), target.to_string()))
                    .collect();
                ann.relations.push(roles);
            }
            _ => {}
        }
    }
    ann
}

/// Whether an id is a letter and digits ("T12"): a continuation line of span
/// text is not.
fn numbered(id: &str) -> bool {
    id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit())
}

impl Annotations {
    /// The gold attributions of a document, in byte spans of `index`'s text;
    /// and how many relations had no usable content.
    pub fn attributions(&self, index: &CharIndex, mode: Discontinuous) -> (Vec<GoldAttribution>, usize) {
        let mut gold = Vec::new();
        let mut skipped = 0;
        for relation in &self.relations {
            let role = |name: &str| {
                relation
                    .iter()
                    .find(|(r, _)| r == name)
                    .and_then(|(_, id)| self.spans.get(id))
            };
            let to_span = |tb: &TextBound| {
                let (s, e) = tb.extent(mode);
                index.span(s, e)
            };
            let content = role("Content").and_then(|tb| Some((to_span(tb)?, tb.fragments.len() > 1)));
            let Some((content, discontinuous)) = content.filter(|(c, _)| !c.is_empty()) else {
                skipped += 1;
                continue;
            };
            gold.push(GoldAttribution {
                content,
                source: role("Source").and_then(to_span),
                cue: role("Cue").and_then(to_span),
                discontinuous,
            });
        }
        gold.sort_by_key(|g| (g.content.start, g.content.end));
        (gold, skipped)
    }
}

/// Read a split: every `data/<split>/text/*.txt` with its first `.ann` file.
/// Texts without annotations are skipped. Discontinuous spans become their hull.
pub fn load(dir: &Path, split: &str) -> Result<Vec<Document>, EvalError> {
    load_with(dir, split, Discontinuous::Hull)
}

/// [`load`], choosing how discontinuous spans are scored.
pub fn load_with(dir: &Path, split: &str, mode: Discontinuous) -> Result<Vec<Document>, EvalError> {
    let base = dir.join("data").join(split);
    let text_dir = base.join("text");
    let ann_dir = base.join("attributions");
    let mut annotations: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in super::sorted_files(&ann_dir, ".ann")? {
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = file_name.trim_end_matches(".ann");
        let doc = stem.rsplit_once('_').map_or(stem, |(doc, _annotator)| doc);
        annotations.entry(doc.to_string()).or_insert(path);
    }
    let mut docs = Vec::new();
    for path in super::sorted_files(&text_dir, ".txt")? {
        let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let Some(ann_path) = annotations.get(&name) else {
            continue;
        };
        let text = super::read_text(&path)?;
        let ann = parse_ann(&super::read_text(ann_path)?);
        let (attributions, skipped) = ann.attributions(&CharIndex::new(&text), mode);
        docs.push(Document {
            name,
            annotation: ann_path.clone(),
            text,
            attributions,
            skipped,
        });
    }
    if docs.is_empty() {
        return Err(EvalError::Input {
            path: base.display().to_string(),
            message: "no annotated documents (expected text/*.txt and attributions/*.ann)".into(),
        });
    }
    Ok(docs)
}

/// Cue words of the speech-verb subset: speech and writing verbs in all their
/// forms, plus "according to". This is the evaluation's definition of the
/// subset, not a lexicon the product uses.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "write",
    "writes",
    "wrote",
    "writing",
    "written",
    "ask",
    "asks",
    "asked",
    "asking",
    "state",
    "states",
    "stated",
    "stating",
    "announce",
    "announces",
    "announced",
    "announcing",
    "explain",
    "explains",
    "explained",
    "explaining",
    "note",
    "notes",
    "noted",
    "noting",
    "argue",
    "argues",
    "argued",
    "arguing",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "report",
    "reports",
    "reported",
    "reporting",
];

/// Whether a cue's text is a speech verb: one of its words is in
/// [`SPEECH_VERBS`], or it contains "according to".
pub fn is_speech_cue(cue: &str) -> bool {
    let lower = cue.to_lowercase();
    if lower
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w == ["according", "to"])
    {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| SPEECH_VERBS.contains(&w))
}

/// The quote marks of the quoted subset.
const QUOTE_MARKS: &[char] = &['“', '”', '"'];

/// Whether a span's text, widened over quote marks right next to it, holds a
/// quote mark. attrib's direct contents exclude their marks, PolNeAR's include
/// them; widening makes the test the same for both.
pub fn is_quoted(text: &str, span: Span) -> bool {
    let mut start = span.start;
    let mut end = span.end;
    if let Some(c) = text[..start].chars().next_back().filter(|c| QUOTE_MARKS.contains(c)) {
        start -= c.len_utf8();
    }
    if let Some(c) = text[end..].chars().next().filter(|c| QUOTE_MARKS.contains(c)) {
        end += c.len_utf8();
    }
    text[start..end].contains(QUOTE_MARKS)
}

/// The span with boundary differences of convention removed, for the exact
/// score: surrounding white space, quote marks and punctuation, and a leading
/// "that".
pub fn normalized(text: &str, span: Span) -> Span {
    const TRIM: &[char] = &[
        '“', '”', '"', '‘', '’', '\'', ',', '.', ';', ':', '!', '?', '—', '–', '-',
    ];
    let trim = |c: char| c.is_whitespace() || TRIM.contains(&c);
    let mut s = &text[span.start..span.end];
    loop {
        let before = s.len();
        s = s.trim_matches(trim);
        if s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("that")) && s[4..].starts_with(char::is_whitespace) {
            s = &s[4..];
        }
        if s.len() == before {
            break;
        }
    }
    span.of_subslice(&text[span.start..span.end], s)
}

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
    use super::*;

    // A made-up article and annotation, written for this test. "é" and "’"
    // make code points and bytes differ.
    const TEXT: &str = "Café owners said the rent was too high.\n“We’ll close,” Mira Holt wrote.\n";
    const ANN: &str = "T1\tSource 0 11\tCafé owners\n\
T2\tCue 12 16\tsaid\n\
T3\tContent 17 38\tthe rent was too high\n\
T4\tAttribution 12 16\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
#1\tAnnotatorNotes T3\ta note\n\
T5\tContent 40 54;40 47\t“We’ll close,”\n\
that continues on a second line\n\
T6\tSource 55 64\tMira Holt\n\
T7\tCue 65 70\twrote\n\
T8\tAttribution-no-source 0 4\tCafé\n\
E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n\
E3\tAttribution-no-source:T8 Cue:T7\n";

    #[test]
    fn code_points_become_bytes() {
        let index = CharIndex::new("aé’b");
        assert_eq!(index.byte(0), Some(0));
        assert_eq!(index.byte(1), Some(1));
        assert_eq!(index.byte(2), Some(3));
        assert_eq!(index.byte(3), Some(6));
        assert_eq!(index.byte(4), Some(7));
        assert_eq!(index.byte(5), None);
        assert_eq!(index.span(1, 3), Some(Span::new(1, 6)));
    }

    #[test]
    fn parses_spans_relations_and_skips_continuations() {
        let ann = parse_ann(ANN);
        assert_eq!(ann.spans.len(), 8);
        assert_eq!(ann.spans["T5"].fragments, vec![(40, 54), (40, 47)]);
        assert_eq!(ann.spans["T5"].hull(), (40, 54));
        assert_eq!(ann.relations.len(), 3);
        assert_eq!(
            ann.relations[2],
            vec![
                ("Attribution-no-source".into(), "T8".into()),
                ("Cue".into(), "T7".into())
            ]
        );
    }

    #[test]
    fn relations_become_byte_spans() {
        let (gold, skipped) = parse_ann(ANN).attributions(&CharIndex::new(TEXT), Discontinuous::Hull);
        assert_eq!(skipped, 1, "the relation without content");
        assert_eq!(gold.len(), 2);
        assert_eq!(&TEXT[gold[0].source.unwrap().range()], "Café owners");
        assert_eq!(&TEXT[gold[0].content.range()], "the rent was too high");
        assert_eq!(&TEXT[gold[1].content.range()], "“We’ll close,”");
        assert_eq!(&TEXT[gold[1].cue.unwrap().range()], "wrote");
        assert!(gold[1].discontinuous);
        assert!(!gold[0].discontinuous);
        let (first, _) = parse_ann(ANN).attributions(&CharIndex::new(TEXT), Discontinuous::First);
        assert_eq!(&TEXT[first[1].content.range()], "“We’ll close,”");
        let two = parse_ann("T1\tContent 9 15;0 4\tx\nE1\tAttribution:T1 Content:T1\n");
        let index = CharIndex::new("one two three four");
        assert_eq!(
            two.attributions(&index, Discontinuous::Hull).0[0].content,
            Span::new(0, 15)
        );
        assert_eq!(
            two.attributions(&index, Discontinuous::First).0[0].content,
            Span::new(9, 15)
        );
    }

    #[test]
    fn out_of_range_offsets_are_skipped() {
        let ann = parse_ann("T1\tContent 0 900\tx\nE1\tAttribution:T1 Content:T1\nT2\tContent x y\tbad\n");
        let (gold, skipped) = ann.attributions(&CharIndex::new("short"), Discontinuous::Hull);
        assert!(gold.is_empty());
        assert_eq!(skipped, 1);
    }

    #[test]
    fn speech_cues() {
        assert!(is_speech_cue("said"));
        assert!(is_speech_cue("Told reporters"));
        assert!(is_speech_cue("according to"));
        assert!(!is_speech_cue("believes"));
        assert!(!is_speech_cue("accorded"));
    }

    #[test]
    fn quotedness_looks_past_the_span_edges() {
        let text = "She said “go home” today and left.";
        let inner = text.find("go home").unwrap();
        assert!(is_quoted(text, Span::new(inner, inner + 7)));
        let plain = text.find("today").unwrap();
        assert!(!is_quoted(text, Span::new(plain, plain + 5)));
    }

    #[test]
    fn normalisation_drops_marks_punctuation_and_that() {
        let text = "He said that the dam will hold. “The dam will hold,” he said.";
        let that = text.find("that").unwrap();
        let span = normalized(text, Span::new(that, text.find(". ").unwrap() + 1));
        assert_eq!(&text[span.range()], "the dam will hold");
        let quote = text.find('“').unwrap();
        let end = text.find('”').unwrap() + '”'.len_utf8();
        assert_eq!(
            &text[normalized(text, Span::new(quote, end)).range()],
            "The dam will hold"
        );
    }

    #[test]
    fn loads_a_split_with_the_first_annotator() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("data/dev");
        std::fs::create_dir_all(base.join("text")).unwrap();
        std::fs::create_dir_all(base.join("attributions")).unwrap();
        std::fs::write(base.join("text/paper_day_story.txt"), TEXT).unwrap();
        std::fs::write(base.join("attributions/paper_day_story_b2.ann"), "").unwrap();
        std::fs::write(base.join("attributions/paper_day_story_a1.ann"), ANN).unwrap();
        let docs = load(dir.path(), "dev").unwrap();
        assert_eq!(docs.len(), 1);
        assert!(docs[0].annotation.ends_with("paper_day_story_a1.ann"));
        assert_eq!(docs[0].attributions.len(), 2);
        assert!(load(dir.path(), "test").is_err());
    }

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
