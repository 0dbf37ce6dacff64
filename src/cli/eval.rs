//! `attrib eval`: score attrib against the gold corpus and, optionally, PolNeAR.

use super::{read_rule_file, Exit, Ui};
use attrib::eval::judged::{self, CodeScore, JudgedReport};
use attrib::eval::polnear::{self, Discontinuous, PolnearReport, SubsetScore};
use attrib::eval::score::Prf;
use attrib::eval::{self, CorpusReport};
use attrib::rules::parse_rule_file;
use attrib::{Engine, RuleSet};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of gold files (*.gold.yaml) and their articles [default: tests/corpus, unless --polnear is given].
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// A copy of the PolNeAR repository, kept outside the project, to score against.
    #[arg(long, value_name = "DIR")]
    pub polnear: Option<PathBuf>,
    /// The PolNeAR split to read (tune on dev only).
    #[arg(long, value_name = "SPLIT", default_value = "dev", value_parser = ["train", "dev", "test"])]
    pub split: String,
    /// How to score a discontinuous PolNeAR span: its hull, or its first fragment.
    #[arg(long, value_enum, value_name = "HOW", default_value_t = DiscontinuousArg::Hull)]
    pub discontinuous: DiscontinuousArg,
    /// How to print the scores.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    /// Also list every error: missed and false attributions, wrong speakers, missed and false findings.
    #[arg(long)]
    pub errors: bool,
    /// A standards editor's judgements of findings on PolNeAR train/dev articles
    /// (tests/judged/polnear-judgements.tsv): score those instead of the split's attributions. Needs --polnear.
    #[arg(long, value_name = "FILE", requires = "polnear")]
    pub judgements: Option<PathBuf>,
    /// With --judgements: list the wrong findings still reported, the misses still missed
    /// and the right findings lost (document, offset, code, reason), and the unjudged findings.
    #[arg(long, requires = "judgements")]
    pub judged_errors: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Aligned tables.
    Table,
    /// One JSON object.
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiscontinuousArg {
    /// From the first start to the last end.
    Hull,
    /// The first fragment listed.
    First,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    corpus: Option<&'a CorpusReport>,
    polnear: Option<&'a PolnearReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    polnear_errors: Option<&'a [polnear::ErrorItem]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    judged: Option<&'a JudgedReport>,
}

/// The defaults and the `--rules` files; an attrib.yaml found nearby is not
/// used, so that the scores do not depend on the folder eval runs in.
fn load_rules(ui: &mut Ui) -> RuleSet {
    let mut rules = RuleSet::defaults();
    for path in ui.rules.clone() {
        let name = path.display().to_string();
        match read_rule_file(&path) {
            Ok(text) => match parse_rule_file(&name, &text) {
                Ok(file) => rules.merge(&name, file),
                Err(err) => ui.error(&err),
            },
            Err(err) => ui.error(&err),
        }
    }
    rules
}

pub fn run(args: EvalArgs, ui: &mut Ui) -> Exit {
    let rules = load_rules(ui);
    if ui.failed {
        return Exit::Error;
    }
    let corpus_dir = args
        .corpus
        .clone()
        .or_else(|| args.polnear.is_none().then(|| PathBuf::from("tests/corpus")));
    let corpus = match corpus_dir
        .as_deref()
        .map(|dir| eval::score_corpus(dir, &rules))
        .transpose()
    {
        Ok(report) => report,
        Err(err) => {
            ui.error(&err);
            return Exit::Error;
        }
    };
    let mode = match args.discontinuous {
        DiscontinuousArg::Hull => Discontinuous::Hull,
        DiscontinuousArg::First => Discontinuous::First,
    };
    let judged = match (&args.polnear, &args.judgements) {
        (Some(dir), Some(file)) => {
            match judged::load(file).and_then(|j| judged::score(dir, &j, &Engine::new(rules.clone()))) {
                Ok(report) => Some(report),
                Err(err) => {
                    ui.error(&err);
                    return Exit::Error;
                }
            }
        }
        _ => None,
    };
    let polnear = match args.polnear.as_ref().filter(|_| judged.is_none()) {
        Some(dir) => match polnear::load_with(dir, &args.split, mode) {
            Ok(docs) => Some(polnear::score(&docs, &Engine::new(rules), &args.split, mode)),
            Err(err) => {
                ui.error(&err);
                return Exit::Error;
            }
        },
        None => None,
    };

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = (|| -> io::Result<()> {
        match args.format {
            EvalFormat::Json => {
                let report = JsonReport {
                    version: 1,
                    corpus: corpus.as_ref(),
                    polnear: polnear.as_ref(),
                    polnear_errors: polnear.as_ref().filter(|_| args.errors).map(|p| p.errors.as_slice()),
                    judged: judged.as_ref(),
                };
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            }
            EvalFormat::Table => {
                if let (Some(report), Some(dir)) = (&corpus, &corpus_dir) {
                    write_corpus(&mut out, report, &dir.display().to_string(), args.errors)?;
                }
                if let (Some(report), Some(dir)) = (&polnear, &args.polnear) {
                    if corpus.is_some() {
                        writeln!(out)?;
                    }
                    write_polnear(&mut out, report, &dir.display().to_string(), args.errors)?;
                }
                if let (Some(report), Some(file)) = (&judged, &args.judgements) {
                    if corpus.is_some() {
                        writeln!(out)?;
                    }
                    write_judged(&mut out, report, &file.display().to_string(), args.judged_errors)?;
                }
            }
        }
        out.flush()
    })();
    if let Err(err) = result {
        ui.output_error(err);
        return Exit::Error;
    }
    Exit::Clean
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"))
}

const HEADER: &str = "precision  recall      F1  matched/predicted  matched/gold";

fn row(out: &mut impl Write, label: &str, prf: &Prf) -> io::Result<()> {
    writeln!(
        out,
        "  {label:<30} {:>9} {:>7} {:>7} {:>9}/{:<8} {:>6}/{:<6}",
        num(prf.precision()),
        num(prf.recall()),
        num(prf.f1()),
        prf.predicted_hit,
        prf.predicted,
        prf.gold_hit,
        prf.gold
    )
}

fn header(out: &mut impl Write, title: &str) -> io::Result<()> {
    writeln!(out, "{title:<32} {HEADER}")
}

fn write_corpus(out: &mut impl Write, report: &CorpusReport, dir: &str, errors: bool) -> io::Result<()> {
    writeln!(out, "Gold corpus {dir}: {} articles\n", report.files)?;
    header(out, "attributions")?;
    row(out, "content, half overlap", &report.attributions)?;
    row(out, "content + speaker", &report.content_speaker)?;
    row(out, "content, exact", &report.exact)?;
    writeln!(
        out,
        "  kind agrees on {} of {} matched attributions",
        report.kind_agrees, report.attributions.gold_hit
    )?;
    writeln!(out)?;
    header(out, "by kind (half overlap)")?;
    for (kind, prf) in &report.by_kind {
        row(out, kind, prf)?;
    }
    writeln!(
        out,
        "  recall counts gold of the kind, precision predictions of the kind"
    )?;
    writeln!(out)?;
    header(out, "findings")?;
    for (code, prf) in &report.findings {
        row(out, code, prf)?;
    }
    row(out, "all codes", &report.findings_total)?;
    writeln!(
        out,
        "  {} reported findings hit optional gold entries and are not counted",
        report.optional_findings_reported
    )?;
    if errors {
        writeln!(out, "\nerrors")?;
        for e in &report.errors {
            writeln!(out, "  {}:{}: {}: {}", e.file, e.line, e.error, e.detail)?;
        }
    }
    Ok(())
}

fn write_subset(out: &mut impl Write, title: &str, subset: &SubsetScore) -> io::Result<()> {
    header(out, title)?;
    row(out, "content, half overlap", &subset.half)?;
    row(out, "content + speaker, half", &subset.content_speaker)?;
    row(out, "content, exact (normalised)", &subset.exact)?;
    row(out, "content, exact (strict)", &subset.strict)
}

fn clip(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max).collect::<String>())
    }
}

fn write_polnear(out: &mut impl Write, report: &PolnearReport, dir: &str, errors: bool) -> io::Result<()> {
    writeln!(
        out,
        "PolNeAR {dir}, split {}: {} documents, {} gold attributions ({} relations without content skipped, {} discontinuous contents scored by their {})",
        report.split,
        report.documents,
        report.gold_attributions,
        report.skipped_relations,
        report.discontinuous_contents,
        match report.discontinuous {
            Discontinuous::Hull => "hull",
            Discontinuous::First => "first fragment",
        }
    )?;
    writeln!(
        out,
        "analysis {:.1} ms in all, {:.0} µs per document; {} predictions without content not scored\n",
        report.analysis_ms,
        1000.0 * report.analysis_ms / report.documents.max(1) as f64,
        report.predictions_without_content
    )?;
    write_subset(out, "all attributions", &report.whole)?;
    writeln!(out)?;
    write_subset(out, "contents with quote marks", &report.quoted)?;
    writeln!(out)?;
    write_subset(out, "speech-verb cues", &report.speech_verb)?;
    if errors {
        writeln!(
            out,
            "\nerrors (PolNeAR text: for reading only, never copy it into the project)"
        )?;
        for e in &report.errors {
            let extra = if e.error == "wrong-speaker" {
                format!(" → predicted {:?}", clip(&e.predicted_speaker, 40))
            } else {
                String::new()
            };
            writeln!(
                out,
                "  {}: {}: [{}] [{}] {:?}{extra}",
                e.document,
                e.error,
                clip(&e.speaker, 40),
                clip(&e.cue, 30),
                clip(&e.content, 120)
            )?;
        }
    }
    Ok(())
}

fn judged_row(out: &mut impl Write, label: &str, s: &CodeScore) -> io::Result<()> {
    writeln!(
        out,
        "  {label:<22} {:>9} {:>6} {:>6} {:>6} {:>6} {:>10} {:>9} {:>7} {:>9}",
        format!(
            "{}/{}",
            s.judged_reported,
            s.right_judged + s.wrong_judged + s.debatable_judged
        ),
        s.right,
        s.wrong,
        s.debatable,
        format!("{}/{}", s.missed_caught, s.missed_judged),
        num(s.precision()),
        num(s.recall()),
        s.unjudged,
        format!("{}/{}", s.right + s.missed_caught, s.right_judged + s.missed_judged),
    )
}

fn write_judged(out: &mut impl Write, report: &JudgedReport, file: &str, errors: bool) -> io::Result<()> {
    writeln!(
        out,
        "Judged real-news findings {file}: {} judgements on {} documents\n",
        report.judgements, report.documents
    )?;
    writeln!(
        out,
        "  {:<22} {:>9} {:>6} {:>6} {:>6} {:>6} {:>10} {:>9} {:>7} {:>9}",
        "code", "reported", "right", "wrong", "debat.", "missed", "precision", "recall", "unjudg.", "wanted"
    )?;
    for (code, score) in &report.by_code {
        judged_row(out, code, score)?;
    }
    judged_row(out, "all codes", &report.total)?;
    writeln!(
        out,
        "  reported: judged right/wrong/debatable findings reported again at their offset; missed: caught/judged \
         (a finding of the code in the judged sentence);\n  precision = (right + caught) / (right + caught + wrong), \
         debatable not counted; recall = reported share of the right and missed judgements (wanted);\n  \
         unjudged: reported findings no judgement matches, for an editor to judge"
    )?;
    if errors {
        writeln!(out, "\nerrors (offsets and reasons only)")?;
        for e in &report.errors {
            writeln!(
                out,
                "  {}\t{}\t{}\t{}\t{}",
                e.error, e.document, e.offset, e.code, e.reason
            )?;
        }
        writeln!(out, "\nunjudged findings")?;
        for u in &report.unjudged {
            writeln!(out, "  unjudged\t{}\t{}\t{}", u.document, u.offset, u.code)?;
        }
    }
    Ok(())
}
