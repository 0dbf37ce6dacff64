//! Scoring against a standards editor's judgements of real-news findings
//! (`tests/judged/polnear-judgements.tsv`, format in `tests/judged/README.md`).
//!
//! A judgement names a PolNeAR document (`train/<file>.txt` or
//! `dev/<file>.txt`), a byte offset into it, a check code and a verdict:
//! `right` (an editor wants it flagged), `wrong` (an editor rejects it),
//! `debatable`, or `missed` (an editor flags it there and attrib did not).
//! The file holds no article text, so it is scored against a PolNeAR copy
//! kept outside the repository.
//!
//! Every judged document is checked again with the given rules, and each
//! reported finding is matched to the judgements of its document and code:
//!
//! - to a `right`, `wrong` or `debatable` judgement when its byte offset is the
//!   judged offset (the judged finding is still reported exactly there);
//! - else to a `missed` judgement when it starts inside the sentence that
//!   contains the judged offset, as this build segments the document (the
//!   paragraph when the offset is in no sentence). An editor underlines a
//!   phrase, a check may point at the verb, the source or the sentence start:
//!   the sentence is the unit where the evidence and any reasonable finding
//!   for it meet, and a neighbouring sentence's finding is not credited;
//! - else it is unjudged: an editor has to judge it before it counts.
//!
//! Each judgement matches at most one finding, and two findings of one code
//! at one offset count as one. Precision per code is
//! right / (right + wrong), where a finding matched to a `missed` judgement
//! counts as right (an editor asked for it) and `debatable` ones are shown
//! but not counted; recall is the share of `right` and `missed` judgements
//! reported now.

use super::{read_text, EvalError};
use crate::{Engine, InputFormat, SourceFile, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What the editor decided about a finding.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Right,
    Wrong,
    Debatable,
    Missed,
}

impl Verdict {
    fn parse(word: &str) -> Option<Verdict> {
        Some(match word {
            "right" => Verdict::Right,
            "wrong" => Verdict::Wrong,
            "debatable" => Verdict::Debatable,
            "missed" => Verdict::Missed,
            _ => return None,
        })
    }
}

/// One row of the judgement file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Judgement {
    /// `train/<file>.txt` or `dev/<file>.txt`.
    pub document: String,
    /// Byte offset into the document.
    pub offset: usize,
    pub code: String,
    pub verdict: Verdict,
    /// The editor's reason, in their own words (never article text).
    pub reason: String,
    /// The line of the judgement file, for error messages.
    #[serde(skip)]
    pub line: usize,
}

const HEADER: [&str; 5] = ["document", "offset", "code", "verdict", "reason"];

/// Parse a judgement file: tab-separated, the header line first. `name` is
/// used in error messages (`name:line: …`).
pub fn parse(name: &str, text: &str) -> Result<Vec<Judgement>, EvalError> {
    let fail = |line: usize, message: String| EvalError::Input {
        path: format!("{name}:{line}"),
        message,
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, header)) if header.split('\t').eq(HEADER) => {}
        _ => {
            return Err(fail(
                1,
                format!("the first line must be the header `{}`", HEADER.join("\\t")),
            ))
        }
    }
    let mut judgements = Vec::new();
    let mut seen = BTreeMap::new();
    for (line, row) in lines {
        if row.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = row.split('\t').collect();
        let [document, offset, code, verdict, reason] = fields[..] else {
            return Err(fail(
                line,
                format!("expected 5 tab-separated fields, found {}", fields.len()),
            ));
        };
        let split_ok = document.split_once('/').is_some_and(|(split, file)| {
            matches!(split, "train" | "dev") && file.ends_with(".txt") && !file.contains('/')
        });
        if !split_ok {
            return Err(fail(
                line,
                format!(
                    "document {document:?} must be train/<file>.txt or dev/<file>.txt (the test split is never judged)"
                ),
            ));
        }
        let offset = offset
            .parse()
            .map_err(|_| fail(line, format!("offset {offset:?} is not a byte offset")))?;
        let verdict = Verdict::parse(verdict).ok_or_else(|| {
            fail(
                line,
                format!("verdict {verdict:?} is not right, wrong, debatable or missed"),
            )
        })?;
        if code.is_empty() || reason.trim().is_empty() {
            return Err(fail(line, "the code and the reason must not be empty".into()));
        }
        if let Some(first) = seen.insert((document.to_string(), offset, code.to_string()), line) {
            return Err(fail(
                line,
                format!("{document} {offset} {code} is judged twice (first on line {first})"),
            ));
        }
        judgements.push(Judgement {
            document: document.to_string(),
            offset,
            code: code.to_string(),
            verdict,
            reason: reason.to_string(),
            line,
        });
    }
    Ok(judgements)
}

/// A finding as scoring sees it: its code and byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    pub code: String,
    pub offset: usize,
}

/// The counts of one check code (or of all codes).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CodeScore {
    /// Judged `right`, `wrong`, `debatable` findings reported again at their offset.
    pub judged_reported: usize,
    pub right: usize,
    pub wrong: usize,
    pub debatable: usize,
    /// `missed` judgements a reported finding now covers (counted as right).
    pub missed_caught: usize,
    /// Reported findings that match no judgement.
    pub unjudged: usize,
    /// Judgements of each verdict in the file.
    pub right_judged: usize,
    pub wrong_judged: usize,
    pub debatable_judged: usize,
    pub missed_judged: usize,
}

impl CodeScore {
    /// right / (right + wrong), a caught miss counting as right; `None` when
    /// nothing judged right or wrong is reported.
    pub fn precision(&self) -> Option<f64> {
        let good = self.right + self.missed_caught;
        let counted = good + self.wrong;
        (counted > 0).then(|| good as f64 / counted as f64)
    }

    /// Reported share of the `right` and `missed` judgements.
    pub fn recall(&self) -> Option<f64> {
        let wanted = self.right_judged + self.missed_judged;
        (wanted > 0).then(|| (self.right + self.missed_caught) as f64 / wanted as f64)
    }

    fn add(&mut self, other: &CodeScore) {
        self.judged_reported += other.judged_reported;
        self.right += other.right;
        self.wrong += other.wrong;
        self.debatable += other.debatable;
        self.missed_caught += other.missed_caught;
        self.unjudged += other.unjudged;
        self.right_judged += other.right_judged;
        self.wrong_judged += other.wrong_judged;
        self.debatable_judged += other.debatable_judged;
        self.missed_judged += other.missed_judged;
    }
}

/// A judgement the current build gets wrong: a `wrong` finding still
/// reported, a `missed` one still missed, a `right` one no longer reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JudgedError {
    /// `wrong-reported`, `still-missed` or `right-lost`.
    pub error: &'static str,
    pub document: String,
    pub offset: usize,
    pub code: String,
    pub reason: String,
}

/// A reported finding with no judgement, for an editor to judge next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unjudged {
    pub document: String,
    pub offset: usize,
    pub code: String,
}

/// The scores of one build against the judgement file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct JudgedReport {
    pub documents: usize,
    pub judgements: usize,
    pub by_code: BTreeMap<String, CodeScore>,
    pub total: CodeScore,
    pub errors: Vec<JudgedError>,
    pub unjudged: Vec<Unjudged>,
}

/// Match one document's reported findings to its judgements and add the
/// counts to `report`. `sentence_of(offset)` is the span that a `missed`
/// judgement at `offset` accepts findings in.
pub fn score_document(
    document: &str,
    judgements: &[&Judgement],
    reported: &[Reported],
    sentence_of: impl Fn(usize) -> Option<Span>,
    report: &mut JudgedReport,
) {
    // Two findings of one code at one offset are one finding to an editor
    // (and one row of the judgement file).
    let mut unique: Vec<&Reported> = reported.iter().collect();
    unique.sort_by(|a, b| (a.offset, &a.code).cmp(&(b.offset, &b.code)));
    unique.dedup_by(|a, b| a.offset == b.offset && a.code == b.code);
    let reported = unique;
    let mut used = vec![false; judgements.len()];
    for j in judgements {
        let score = report.by_code.entry(j.code.clone()).or_default();
        match j.verdict {
            Verdict::Right => score.right_judged += 1,
            Verdict::Wrong => score.wrong_judged += 1,
            Verdict::Debatable => score.debatable_judged += 1,
            Verdict::Missed => score.missed_judged += 1,
        }
    }
    let missed_spans: Vec<Option<Span>> = judgements
        .iter()
        .map(|j| (j.verdict == Verdict::Missed).then(|| sentence_of(j.offset)).flatten())
        .collect();
    // Exact matches first, so a finding at a judged offset is never taken by
    // a `missed` judgement of the same sentence.
    let mut matched: Vec<Option<usize>> = reported
        .iter()
        .map(|f| {
            let i = judgements.iter().enumerate().position(|(i, j)| {
                !used[i] && j.verdict != Verdict::Missed && j.code == f.code && j.offset == f.offset
            })?;
            used[i] = true;
            Some(i)
        })
        .collect();
    for (fi, f) in reported.iter().enumerate() {
        if matched[fi].is_some() {
            continue;
        }
        matched[fi] = (0..judgements.len()).find(|&i| {
            let hit = !used[i]
                && judgements[i].code == f.code
                && missed_spans[i].is_some_and(|s| s.start <= f.offset && f.offset < s.end);
            if hit {
                used[i] = true;
            }
            hit
        });
    }
    for (f, m) in reported.iter().zip(&matched) {
        let score = report.by_code.entry(f.code.clone()).or_default();
        match m.map(|i| judgements[i].verdict) {
            Some(Verdict::Right) => score.right += 1,
            Some(Verdict::Wrong) => score.wrong += 1,
            Some(Verdict::Debatable) => score.debatable += 1,
            Some(Verdict::Missed) => score.missed_caught += 1,
            None => {
                score.unjudged += 1;
                report.unjudged.push(Unjudged {
                    document: document.to_string(),
                    offset: f.offset,
                    code: f.code.clone(),
                });
            }
        }
        if m.is_some_and(|i| judgements[i].verdict != Verdict::Missed) {
            score.judged_reported += 1;
        }
    }
    for (j, &was_used) in judgements.iter().zip(&used) {
        let error = match (j.verdict, was_used) {
            (Verdict::Wrong, true) => "wrong-reported",
            (Verdict::Missed, false) => "still-missed",
            (Verdict::Right, false) => "right-lost",
            _ => continue,
        };
        report.errors.push(JudgedError {
            error,
            document: document.to_string(),
            offset: j.offset,
            code: j.code.clone(),
            reason: j.reason.clone(),
        });
    }
}

/// Check every judged document of the PolNeAR copy at `polnear` (its
/// `data/<split>/text/<file>` files) with `engine` and score the findings
/// against `judgements`.
pub fn score(polnear: &Path, judgements: &[Judgement], engine: &Engine) -> Result<JudgedReport, EvalError> {
    let mut by_document: BTreeMap<&str, Vec<&Judgement>> = BTreeMap::new();
    for j in judgements {
        by_document.entry(j.document.as_str()).or_default().push(j);
    }
    let mut report = JudgedReport {
        documents: by_document.len(),
        judgements: judgements.len(),
        ..JudgedReport::default()
    };
    for (document, judged) in &by_document {
        let (split, file) = document.split_once('/').unwrap_or(("", document));
        let path = polnear.join("data").join(split).join("text").join(file);
        let text = read_text(&path)?;
        let source = SourceFile::new(file.to_string(), text, InputFormat::from_path(&path));
        let analysis = engine.analyze(&source);
        let reported: Vec<Reported> = engine
            .check_analysis(&analysis)
            .iter()
            .map(|f| Reported {
                code: f.code.to_string(),
                offset: f.span.start,
            })
            .collect();
        let doc = &analysis.document;
        let sentence_of = |offset: usize| {
            // Spans of the analysis index the prose text; for plain text
            // (PolNeAR) that is the file itself.
            doc.sentence_at(offset)
                .map(|i| doc.source_span(doc.sentences[i].span))
                .or_else(|| {
                    doc.paragraph_at(offset)
                        .map(|i| doc.source_span(doc.paragraphs[i].span))
                })
        };
        score_document(document, judged, &reported, sentence_of, &mut report);
    }
    let mut total = CodeScore::default();
    for score in report.by_code.values() {
        total.add(score);
    }
    report.total = total;
    Ok(report)
}

/// Read and parse a judgement file.
pub fn load(path: &Path) -> Result<Vec<Judgement>, EvalError> {
    parse(&path.display().to_string(), &read_text(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    const HEAD: &str = "document\toffset\tcode\tverdict\treason\n";

    fn judgement(offset: usize, code: &str, verdict: Verdict) -> Judgement {
        Judgement {
            document: "dev/a.txt".into(),
            offset,
            code: code.into(),
            verdict,
            reason: "because".into(),
            line: 2,
        }
    }

    fn found(code: &str, offset: usize) -> Reported {
        Reported {
            code: code.into(),
            offset,
        }
    }

    #[test]
    fn parses_rows_and_rejects_bad_ones() {
        let ok = format!("{HEAD}dev/a.txt\t12\tvague-source\tright\tunnamed experts\n\ntrain/b.txt\t0\tloaded-verb\tmissed\t'claimed'\n");
        let rows = parse("j.tsv", &ok).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].offset, rows[0].verdict, rows[1].line), (12, Verdict::Right, 4));
        let bad = |body: &str| parse("j.tsv", &format!("{HEAD}{body}\n")).unwrap_err().to_string();
        assert!(bad("test/a.txt\t1\tvague-source\tright\tx").contains("j.tsv:2"));
        assert!(bad("dev/a.txt\t1.5\tvague-source\tright\tx").contains("not a byte offset"));
        assert!(bad("dev/a.txt\t1\tvague-source\tmaybe\tx").contains("verdict"));
        assert!(bad("dev/a.txt\t1\tvague-source\tright").contains("5 tab-separated"));
        assert!(bad("dev/a.txt\t1\tvague-source\tright\tx\ndev/a.txt\t1\tvague-source\twrong\ty").contains("twice"));
        assert!(parse("j.tsv", "doc\toffset\n").is_err());
    }

    #[test]
    fn matches_exact_offsets_then_misses_by_sentence() {
        let rows = [
            judgement(10, "vague-source", Verdict::Right),
            judgement(40, "vague-source", Verdict::Wrong),
            judgement(60, "loaded-verb", Verdict::Debatable),
            judgement(100, "loaded-verb", Verdict::Missed),
            judgement(200, "unsupported-claim", Verdict::Missed),
            judgement(300, "anonymous-source", Verdict::Right),
        ];
        let refs: Vec<&Judgement> = rows.iter().collect();
        let reported = [
            found("vague-source", 10),      // right
            found("vague-source", 40),      // wrong, still reported
            found("loaded-verb", 60),       // debatable
            found("loaded-verb", 104),      // inside the missed sentence: caught
            found("loaded-verb", 110),      // a second one there: unjudged
            found("unsupported-claim", 95), // before its sentence: not credited
            found("vague-source", 10),      // the same finding twice: counted once
        ];
        // Sentences are [0,50), [50,90), [90,150), [150,250), [250,400).
        let sentence = |o: usize| {
            [0, 50, 90, 150, 250, 400]
                .windows(2)
                .find(|w| w[0] <= o && o < w[1])
                .map(|w| Span::new(w[0], w[1]))
        };
        let mut report = JudgedReport::default();
        score_document("dev/a.txt", &refs, &reported, sentence, &mut report);
        let vague = report.by_code["vague-source"];
        assert_eq!((vague.right, vague.wrong, vague.judged_reported), (1, 1, 2));
        assert_eq!(vague.precision(), Some(0.5));
        let loaded = report.by_code["loaded-verb"];
        assert_eq!((loaded.debatable, loaded.missed_caught, loaded.unjudged), (1, 1, 1));
        assert_eq!((loaded.precision(), loaded.recall()), (Some(1.0), Some(1.0)));
        let claim = report.by_code["unsupported-claim"];
        assert_eq!((claim.unjudged, claim.recall()), (1, Some(0.0)));
        assert_eq!(report.by_code["anonymous-source"].recall(), Some(0.0));
        let errors: Vec<(&str, usize)> = report.errors.iter().map(|e| (e.error, e.offset)).collect();
        assert_eq!(
            errors,
            [("wrong-reported", 40), ("still-missed", 200), ("right-lost", 300)]
        );
        assert_eq!(report.unjudged.len(), 2);
    }

    #[test]
    fn scores_a_fictional_article_end_to_end() {
        let dir = tempfile::tempdir().unwrap();
        let text_dir = dir.path().join("data/dev/text");
        std::fs::create_dir_all(&text_dir).unwrap();
        let article = "Experts say the Kellsby bridge is unsafe.\n\nThe harbour master, Ines Moreau, claimed the repairs were finished.\n";
        std::fs::write(text_dir.join("bridge.txt"), article).unwrap();
        let claimed = article.find("claimed").unwrap();
        let sentence_two = article.find("The harbour").unwrap();
        let file = format!(
            "{HEAD}dev/bridge.txt\t0\tvague-source\tright\tunnamed experts\n\
             dev/bridge.txt\t{sentence_two}\tloaded-verb\tmissed\tdoubt cast on the repairs\n\
             dev/bridge.txt\t{claimed}\tunattributed-quote\twrong\tno quote at all\n"
        );
        let judgements = parse("judged.tsv", &file).unwrap();
        let report = score(dir.path(), &judgements, &Engine::new(RuleSet::defaults())).unwrap();
        assert_eq!((report.documents, report.judgements), (1, 3));
        let vague = report.by_code["vague-source"];
        assert_eq!((vague.right, vague.recall()), (1, Some(1.0)));
        assert_eq!(report.by_code["loaded-verb"].missed_caught, 1);
        let quote = report.by_code["unattributed-quote"];
        assert_eq!((quote.wrong, quote.judged_reported, quote.precision()), (0, 0, None));
        assert_eq!(report.total.recall(), Some(1.0));
        let missing = parse(
            "judged.tsv",
            &format!("{HEAD}dev/gone.txt\t0\tvague-source\tright\tx\n"),
        )
        .unwrap();
        assert!(score(dir.path(), &missing, &Engine::new(RuleSet::defaults())).is_err());
    }
}
