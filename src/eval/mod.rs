//! Measuring attrib: scores against the project's gold corpus
//! (`tests/corpus/`, format in its README) and against PolNeAR ([`polnear`]).
//!
//! Own corpus, per gold file: the article is analysed with the given rules
//! plus the gold file's `publication`; each gold text + occurrence is resolved
//! to a byte span; gold and predicted attributions are matched one-to-one,
//! best overlap first, when the predicted content covers at least half of the
//! gold content ([`score::score_attributions`]); findings match on check code
//! and line ([`score::score_findings`]).
//!
//! Judged real news ([`judged`]): a standards editor's verdicts on findings
//! in PolNeAR train and dev articles, matched by document, code and byte offset.

pub mod gold;
pub mod judged;
pub mod polnear;
pub mod score;

use crate::{Engine, InputFormat, RuleSet, SourceFile};
use gold::GoldFile;
use miette::Diagnostic;
use score::{AttributionScore, FindingScore, Predicted, Prf};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why an evaluation could not run: unreadable inputs or a broken gold file.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum EvalError {
    #[error("cannot read {path}")]
    #[diagnostic(code(attrib::eval))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    #[diagnostic(code(attrib::eval))]
    Input { path: String, message: String },
    #[error("gold file {file}: {message}")]
    #[diagnostic(code(attrib::eval), help("the gold format is described in tests/corpus/README.md"))]
    Gold { file: String, message: String },
}

/// Read a UTF-8 file.
pub(crate) fn read_text(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| EvalError::Input {
        path: path.display().to_string(),
        message: format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// The files in `dir` whose names end with `suffix`, sorted by name.
pub(crate) fn sorted_files(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(suffix))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// One error on the own corpus, for a maintainer to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusError {
    /// The article.
    pub file: String,
    pub line: usize,
    /// `missed-attribution`, `false-attribution`, `wrong-speaker`, `missed-finding`, `false-finding`.
    pub error: &'static str,
    pub detail: String,
}

/// attrib on the own gold corpus.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    pub files: usize,
    /// Content covering at least half of the gold content.
    pub attributions: Prf,
    /// Half-overlap match with the right speaker.
    pub content_speaker: Prf,
    /// Content byte-identical to gold.
    pub exact: Prf,
    /// Recall by gold kind, precision by predicted kind.
    pub by_kind: BTreeMap<String, Prf>,
    /// Matched attributions whose predicted kind is the gold kind.
    pub kind_agrees: usize,
    /// Per check code.
    pub findings: BTreeMap<String, Prf>,
    /// All check codes together.
    pub findings_total: Prf,
    /// Reported findings that hit an optional gold entry (not counted).
    pub optional_findings_reported: usize,
    pub errors: Vec<CorpusError>,
}

/// Score attrib on every `*.gold.yaml` in `dir`, analysing each article with
/// `rules` plus the gold file's publication.
pub fn score_corpus(dir: &Path, rules: &RuleSet) -> Result<CorpusReport, EvalError> {
    let gold_files = sorted_files(dir, ".gold.yaml")?;
    if gold_files.is_empty() {
        return Err(EvalError::Input {
            path: dir.display().to_string(),
            message: "no *.gold.yaml files".into(),
        });
    }
    let mut engines: BTreeMap<Option<String>, Engine> = BTreeMap::new();
    let mut attributions = AttributionScore::default();
    let mut findings = FindingScore::default();
    let mut errors = Vec::new();
    for gold_path in &gold_files {
        let gold_name = gold_path.display().to_string();
        let gold = GoldFile::load(gold_path)?;
        let article_path = dir.join(&gold.article);
        let text = read_text(&article_path)?;
        let source = SourceFile::new(gold.article.clone(), text, InputFormat::from_path(&article_path));
        let resolved = gold.resolve(&gold_name, &source.text)?;
        let engine = engines.entry(gold.publication.clone()).or_insert_with(|| {
            let mut rules = rules.clone();
            if let Some(publication) = &gold.publication {
                rules.publication = Some(publication.clone());
            }
            Engine::new(rules)
        });
        let analysis = engine.analyze(&source);
        // The gold convention (tests/corpus/README.md): attributions with no
        // content ("announced a review to reporters") and agentless phrases
        // ("it is understood") are findings, not gold attributions; like
        // PolNeAR's contentless predictions, they are not scored.
        let predicted: Vec<Predicted> = analysis
            .attributions
            .iter()
            .filter(|a| {
                let agentless = a.cue.is_none() && a.speaker.class == crate::attribution::SpeakerClass::Vague;
                a.content.is_some_and(|c| !c.is_empty()) && !agentless
            })
            // Gold spans are byte offsets into the file as written; analysis
            // spans of markup (HTML) are into its decoded text, so map them back.
            .map(|a| Predicted {
                content: a.content.map(|c| analysis.document.source_span(c)),
                cue: a.cue.map(|c| analysis.document.source_span(c.span)),
                speaker: analysis.document.source_span(a.speaker.span),
                name: analysis.cast.get(a.speaker_id).map(|s| s.name.clone()),
                kind: a.kind.as_str(),
            })
            .collect();
        let file_score = score::score_attributions(&resolved, &predicted);
        attributions.add(&file_score);

        let text = source.text.as_str();
        let at = |span: crate::Span| source.line_of(span.start);
        let slice = |span: Option<crate::Span>| span.map_or("", |s| s.slice(text));
        let mut push = |line: usize, error: &'static str, detail: String| {
            errors.push(CorpusError {
                file: gold.article.clone(),
                line,
                error,
                detail,
            })
        };
        for &gi in &file_score.missed {
            let g = &resolved[gi];
            let detail = format!("{} {:?} — {} ({})", g.kind, slice(g.content), g.name, slice(g.cue));
            push(
                at(g.content.or(g.cue).unwrap_or(g.speaker)),
                "missed-attribution",
                detail,
            );
        }
        for &pi in &file_score.false_positives {
            let p = &predicted[pi];
            let detail = format!(
                "{} {:?} — {} ({})",
                p.kind,
                slice(p.content),
                p.speaker.slice(text),
                slice(p.cue)
            );
            push(
                at(p.content.or(p.cue).unwrap_or(p.speaker)),
                "false-attribution",
                detail,
            );
        }
        for &(gi, pi) in &file_score.wrong_speaker {
            let (g, p) = (&resolved[gi], &predicted[pi]);
            let detail = format!(
                "{:?}: gold {} ({:?}), predicted {:?} → {}",
                slice(g.content),
                g.name,
                g.speaker.slice(text),
                p.speaker.slice(text),
                p.name.as_deref().unwrap_or("?")
            );
            push(at(p.speaker), "wrong-speaker", detail);
        }

        let reported: Vec<gold::GoldFinding> = engine
            .check_analysis(&analysis)
            .iter()
            .map(|f| gold::GoldFinding {
                code: f.code.to_string(),
                line: at(f.span),
            })
            .collect();
        let file_findings = score::score_findings(&gold.findings, &gold.optional_findings, &reported);
        findings.add(&file_findings);
        for f in &file_findings.missed {
            push(f.line, "missed-finding", f.code.clone());
        }
        for f in &file_findings.false_positives {
            push(f.line, "false-finding", f.code.clone());
        }
    }
    Ok(CorpusReport {
        files: gold_files.len(),
        attributions: attributions.half,
        content_speaker: attributions.content_speaker,
        exact: attributions.exact,
        by_kind: attributions.by_kind,
        kind_agrees: attributions.kind_agrees,
        findings_total: findings.total(),
        findings: findings.by_code,
        optional_findings_reported: findings.optional_hits,
        errors,
    })
}

/// The committed baseline of the own-corpus scores (`tests/corpus/baseline.json`):
/// the regression gate fails when a current score falls below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub attributions: BaselineScore,
    pub content_speaker_f1: Option<f64>,
    /// Precision and recall per check code.
    pub findings: BTreeMap<String, BaselineScore>,
}

/// Scores rounded to four decimals; `None` where undefined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineScore {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub f1: Option<f64>,
}

fn round4(x: Option<f64>) -> Option<f64> {
    x.map(|x| (x * 10_000.0).round() / 10_000.0)
}

impl Baseline {
    /// The baseline numbers of a report.
    pub fn of(report: &CorpusReport) -> Baseline {
        let a = &report.attributions;
        Baseline {
            attributions: BaselineScore {
                precision: round4(a.precision()),
                recall: round4(a.recall()),
                f1: round4(a.f1()),
            },
            content_speaker_f1: round4(report.content_speaker.f1()),
            findings: report
                .findings
                .iter()
                .map(|(code, prf)| {
                    let score = BaselineScore {
                        precision: round4(prf.precision()),
                        recall: round4(prf.recall()),
                        f1: None,
                    };
                    (code.clone(), score)
                })
                .collect(),
        }
    }

    /// Every number of `current` that falls below this baseline by more than
    /// `tolerance`, described. A number that has become undefined (a check
    /// that no longer reports anything has no precision) is not a regression
    /// by itself: its recall shows the loss.
    pub fn regressions(&self, current: &Baseline, tolerance: f64) -> Vec<String> {
        let mut out = Vec::new();
        let mut compare = |what: String, base: Option<f64>, now: Option<f64>| {
            if let (Some(base), Some(now)) = (base, now) {
                if now < base - tolerance {
                    out.push(format!("{what}: {now:.4} < baseline {base:.4}"));
                }
            }
        };
        let (b, c) = (&self.attributions, &current.attributions);
        compare("attribution precision".into(), b.precision, c.precision);
        compare("attribution recall".into(), b.recall, c.recall);
        compare("attribution F1".into(), b.f1, c.f1);
        compare(
            "content+speaker F1".into(),
            self.content_speaker_f1,
            current.content_speaker_f1,
        );
        for (code, b) in &self.findings {
            let c = current.findings.get(code);
            compare(format!("{code} precision"), b.precision, c.and_then(|c| c.precision));
            compare(format!("{code} recall"), b.recall, c.and_then(|c| c.recall));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline(p: f64, code_recall: Option<f64>) -> Baseline {
        let score = |x| BaselineScore {
            precision: Some(x),
            recall: Some(x),
            f1: Some(x),
        };
        Baseline {
            attributions: score(p),
            content_speaker_f1: Some(p),
            findings: [(
                "vague-source".to_string(),
                BaselineScore {
                    precision: None,
                    recall: code_recall,
                    f1: None,
                },
            )]
            .into(),
        }
    }

    #[test]
    fn regressions_allow_the_tolerance() {
        let base = baseline(0.9, Some(0.8));
        assert!(base.regressions(&baseline(0.8995, Some(0.8)), 0.001).is_empty());
        let worse = base.regressions(&baseline(0.85, Some(0.7)), 0.001);
        assert_eq!(worse.len(), 5, "{worse:?}");
        assert!(worse[4].starts_with("vague-source recall"));
        assert!(base.regressions(&baseline(0.95, None), 0.001).is_empty());
    }

    #[test]
    fn baseline_round_trips_through_json() {
        let base = baseline(0.91234, Some(1.0));
        let json = serde_json::to_string(&base).unwrap();
        assert_eq!(serde_json::from_str::<Baseline>(&json).unwrap(), base);
    }

    #[test]
    fn scores_a_small_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let article = "Experts say the bridge is unsafe.\n“We will close it,” Mayor Ada Quill said.\n";
        std::fs::write(dir.path().join("bridge.txt"), article).unwrap();
        let gold = "article: bridge.txt\nattributions:\n  - {speaker: Ada Quill, name: Ada Quill, class: person, cue: said, content: \"We will close it,\", kind: direct}\nfindings:\n  - {code: vague-source, line: 1}\n";
        std::fs::write(dir.path().join("bridge.gold.yaml"), gold).unwrap();
        let report = score_corpus(dir.path(), &RuleSet::defaults()).unwrap();
        assert_eq!(report.files, 1);
        assert_eq!(report.attributions.gold, 1);
        assert_eq!(report.findings["vague-source"].gold, 1);
        assert!(score_corpus(&dir.path().join("missing"), &RuleSet::defaults()).is_err());
    }

    #[test]
    fn html_attributions_are_scored_at_their_place_in_the_file() {
        // Gold spans count in the file as written; the analysis of HTML works
        // on its decoded text, where every offset after the markup differs.
        let dir = tempfile::tempdir().unwrap();
        let article = "<html><head><title>Bridge</title></head><body>\n<p class=\"byline\">By Lu Renn</p>\n<p>“We will close it,” said Ada Quill, the mayor.</p>\n</body></html>\n";
        std::fs::write(dir.path().join("bridge.html"), article).unwrap();
        let gold = "article: bridge.html\nattributions:\n  - {speaker: Ada Quill, name: Ada Quill, class: person, cue: said, content: \"We will close it,\", kind: direct}\n";
        std::fs::write(dir.path().join("bridge.gold.yaml"), gold).unwrap();
        let report = score_corpus(dir.path(), &RuleSet::defaults()).unwrap();
        assert_eq!(report.content_speaker.gold_hit, 1, "{:?}", report.errors);
        assert_eq!(report.exact.gold_hit, 1, "{:?}", report.errors);
    }
}
