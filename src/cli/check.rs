//! `attrib check`: lint articles, report findings, exit 1 on findings at or
//! above `--fail-on`.

use super::progress::Progress;
use super::{input, Exit, Ui};
use attrib::report::github::GithubReporter;
use attrib::report::html::HtmlReporter;
use attrib::report::human::HumanReporter;
use attrib::report::json::{JsonLinesReporter, JsonReporter};
use attrib::report::sarif::SarifReporter;
use attrib::report::{Reporter, Summary};
use attrib::{Engine, Severity};
use clap::{Args, ValueEnum};
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
    /// Transcripts to verify quotes against, besides the registry's `sources`
    /// (files or folders of .txt/.md; repeatable). Their speaker labels say
    /// whose words each turn is.
    #[arg(long, value_name = "PATH")]
    pub sources: Vec<PathBuf>,
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
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// One self-contained HTML page: each article annotated, with its cast.
    Html,
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

/// The engines of a run: one for `--rules`, or one per attrib.yaml found
/// from each checked file's folder upwards (files in one project share it).
struct Engines {
    explicit: Option<Engine>,
    by_config: HashMap<Option<PathBuf>, Engine>,
    /// `--sources`, indexed with each engine's registry.
    sources: Vec<PathBuf>,
}

/// An engine for a rule set, with its sources indexed; source problems are reported.
fn engine_with_sources(rules: attrib::RuleSet, sources: &[PathBuf], ui: &mut Ui) -> Engine {
    let (engine, errors) = Engine::new(rules).with_sources(sources);
    for err in &errors {
        ui.error(err);
    }
    if let Some(index) = &engine.sources {
        for file in index.unused_files() {
            ui.warn(&format!(
                "source {file}: no turn in it is a known speaker's (no speaker label, and no registry \
                 speaker lists it), so no quote is checked against it"
            ));
        }
    }
    engine
}

impl Engines {
    fn new(ui: &mut Ui, sources: Vec<PathBuf>) -> Self {
        let explicit = (!ui.rules.is_empty()).then(|| {
            let rules = ui.load_rules();
            engine_with_sources(rules, &sources, ui)
        });
        Engines {
            explicit,
            by_config: HashMap::new(),
            sources,
        }
    }

    fn for_file(&mut self, name: &str, ui: &mut Ui) -> &Engine {
        if let Some(engine) = &self.explicit {
            return engine;
        }
        let path = Path::new(name);
        let dir = match path.parent() {
            Some(parent) if name != "<stdin>" && !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_default(),
        };
        let dir = dir.canonicalize().unwrap_or(dir);
        let config = super::find_config(&dir);
        let sources = &self.sources;
        self.by_config.entry(config.clone()).or_insert_with(|| {
            let (rules, errors) = attrib::rules::load::load_rule_set(&config.into_iter().collect::<Vec<_>>());
            for err in &errors {
                ui.error(err);
            }
            engine_with_sources(rules, sources, ui)
        })
    }
}

pub fn run(args: CheckArgs, ui: &mut Ui) -> Exit {
    let mut engines = Engines::new(ui, args.sources.clone());
    let mut reporter: Box<dyn Reporter> = match args.format {
        CheckFormat::Human => Box::new(HumanReporter::new(ui.stdout_color(), ui.quiet)),
        CheckFormat::Json => Box::new(JsonReporter::new()),
        CheckFormat::Jsonl => Box::new(JsonLinesReporter),
        CheckFormat::Github => Box::new(GithubReporter),
        CheckFormat::Sarif => Box::new(SarifReporter::new()),
        CheckFormat::Html => Box::new(HtmlReporter::new()),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let expanded = input::expand_all(&args.paths);
    let progress = Progress::new(expanded.len(), ui.quiet);
    let bar_shown = progress.is_shown();
    for loaded in expanded.into_iter().map(|i| i.and_then(|i| input::load(&i))) {
        let source = match loaded {
            Ok(source) => source,
            Err(err) => {
                // Keep stdout and stderr in order on a terminal.
                let _ = out.flush();
                progress.suspend(|| ui.error(&err));
                progress.file_done("");
                continue;
            }
        };
        let engine = engines.for_file(&source.name, ui);
        let analysis = engine.analyze(&source);
        let findings = engine.check_analysis(&analysis);
        summary.add(&findings);
        let reported = progress.suspend(|| {
            let written = reporter.analysed_file(&mut out, &source, &analysis, &findings);
            // With a bar on screen, output must reach the terminal before it redraws.
            written.and_then(|()| if bar_shown { out.flush() } else { Ok(()) })
        });
        progress.file_done(&source.name);
        if let Err(err) = reported {
            ui.output_error(err);
            return Exit::Error;
        }
    }
    progress.finish();
    if let Err(err) = reporter.finish(&mut out, &summary).and_then(|()| out.flush()) {
        ui.output_error(err);
        return Exit::Error;
    }
    match summary.worst() {
        Some(worst) if worst >= args.fail_on.severity() => Exit::Findings,
        _ => Exit::Clean,
    }
}
