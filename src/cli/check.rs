//! `attrib check`: lint articles, report findings, exit 1 on findings at or
//! above `--fail-on`.

use super::{input, Exit, Ui};
use attrib::report::github::GithubReporter;
use attrib::report::human::HumanReporter;
use attrib::report::json::{JsonLinesReporter, JsonReporter};
use attrib::report::{Reporter, Summary};
use attrib::{Engine, Severity};
use clap::{Args, ValueEnum};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; - reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics for people, with the text underlined.
    Human,
    /// One JSON object (version 1).
    Json,
    /// One JSON object per finding, one per line.
    Jsonl,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

pub fn run(args: CheckArgs, ui: &mut Ui) -> Exit {
    let engine = Engine::new(ui.load_rules());
    let mut reporter: Box<dyn Reporter> = match args.format {
        CheckFormat::Human => Box::new(HumanReporter::new(ui.stdout_color(), ui.quiet)),
        CheckFormat::Json => Box::new(JsonReporter::new()),
        CheckFormat::Jsonl => Box::new(JsonLinesReporter),
        CheckFormat::Github => Box::new(GithubReporter),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    for loaded in input::inputs(&args.paths) {
        let source = match loaded {
            Ok(source) => source,
            Err(err) => {
                // Keep stdout and stderr in order on a terminal.
                let _ = out.flush();
                ui.error(&err);
                continue;
            }
        };
        let findings = engine.check(&source);
        summary.add(&findings);
        if let Err(err) = reporter.file(&mut out, &source, &findings) {
            ui.output_error(err);
            return Exit::Error;
        }
    }
    if let Err(err) = reporter.finish(&mut out, &summary).and_then(|()| out.flush()) {
        ui.output_error(err);
        return Exit::Error;
    }
    match summary.worst() {
        Some(worst) if worst >= args.fail_on.severity() => Exit::Findings,
        _ => Exit::Clean,
    }
}
