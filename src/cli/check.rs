//! `attrib check`: lint articles, report findings, exit 1 on findings at or
//! above `--fail-on`.

use super::jsonl_input::{self, InputKind};
use super::output::Output;
use super::parallel::{ordered_map, JobsArgs};
use super::progress::Progress;
use super::selection::{Selection, SelectionArgs};
use super::{engine, input, Exit, Ui};
use attrib::report::github::GithubReporter;
use attrib::report::html::HtmlReporter;
use attrib::report::human::HumanReporter;
use attrib::report::json::{JsonLinesReporter, JsonReporter, RecordOutput};
use attrib::report::sarif::SarifReporter;
use attrib::report::{Reporter, Summary};
use attrib::{Engine, Finding, Severity, SourceFile};
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
    /// What the paths hold: article files, or JSON Lines records (one JSON line out per record).
    #[arg(long, value_enum, value_name = "KIND", default_value_t = InputKind::Files)]
    pub input: InputKind,
    #[command(flatten)]
    pub jobs: JobsArgs,
    /// Write the report to FILE instead of stdout; FILE appears only when the run completes.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub selection: SelectionArgs,
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
    engines: Vec<Engine>,
    /// `--rules` was given: every file uses `engines[0]`.
    explicit: bool,
    by_config: HashMap<Option<PathBuf>, usize>,
    /// The engine of each folder already looked up (many files share a folder).
    by_folder: HashMap<PathBuf, usize>,
    /// `--sources`, indexed with each engine's registry.
    sources: Vec<PathBuf>,
}

/// The engine of some rule files, with its sources indexed; problems are reported.
fn engine_for(rule_files: &[PathBuf], sources: &[PathBuf], ui: &mut Ui) -> Engine {
    let built = engine::build(rule_files, sources);
    for problem in &built.problems {
        let (path, position) = problem.location();
        ui.file_error(problem, path, position);
    }
    for file in &built.unused_sources {
        ui.warn(&engine::unused_source_message(file));
    }
    built.engine
}

impl Engines {
    fn new(ui: &mut Ui, sources: Vec<PathBuf>) -> Self {
        let explicit = !ui.rules.is_empty();
        let engines = if explicit {
            let rule_files = ui.rule_files();
            vec![engine_for(&rule_files, &sources, ui)]
        } else {
            Vec::new()
        };
        Engines {
            engines,
            explicit,
            by_config: HashMap::new(),
            by_folder: HashMap::new(),
            sources,
        }
    }

    /// The engine for the file `name`, its rules loaded the first time they are needed.
    fn index_for(&mut self, name: &str, ui: &mut Ui) -> usize {
        if self.explicit {
            return 0;
        }
        let path = Path::new(name);
        let dir = match path.parent() {
            Some(parent) if name != input::STDIN_NAME && !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_default(),
        };
        if let Some(&index) = self.by_folder.get(&dir) {
            return index;
        }
        let config = engine::config_for_folder(&dir);
        let index = match self.by_config.get(&config) {
            Some(&index) => index,
            None => {
                let rule_files: Vec<PathBuf> = config.iter().cloned().collect();
                let engine = engine_for(&rule_files, &self.sources, ui);
                self.engines.push(engine);
                self.by_config.insert(config, self.engines.len() - 1);
                self.engines.len() - 1
            }
        };
        self.by_folder.insert(dir, index);
        index
    }

    /// The run's `--select`/`--ignore`, applied to every engine; `None`
    /// (reported) when a code is unknown. Called once every engine is built.
    fn select(&mut self, args: &SelectionArgs, ui: &mut Ui) -> Option<Selection> {
        match Selection::new(args, &self.engines) {
            Ok(selection) => {
                self.engines.iter_mut().for_each(|engine| selection.apply(engine));
                Some(selection)
            }
            Err(message) => {
                ui.error(&message);
                None
            }
        }
    }
}

pub fn run(args: CheckArgs, ui: &mut Ui) -> Exit {
    let mut engines = Engines::new(ui, args.sources.clone());
    if args.input == InputKind::Jsonl {
        let index = engines.index_for(input::STDIN_NAME, ui);
        let Some(selection) = engines.select(&args.selection, ui) else {
            return Exit::Error;
        };
        return check_records(&args, &engines.engines[index], &selection, ui);
    }
    let mut reporter: Box<dyn Reporter> = match args.format {
        CheckFormat::Human => Box::new(HumanReporter::new(ui.stdout_color(), ui.quiet)),
        CheckFormat::Json => Box::new(JsonReporter::new()),
        CheckFormat::Jsonl => Box::new(JsonLinesReporter),
        CheckFormat::Github => Box::new(GithubReporter),
        CheckFormat::Sarif => Box::new(SarifReporter::new()),
        CheckFormat::Html => Box::new(HtmlReporter::new()),
    };
    // The HTML page shows the analysis too. An analysis borrows its source, so
    // it cannot come back from a worker: the writer analyses again for HTML,
    // a format meant for a few articles, not a corpus.
    let needs_analysis = args.format == CheckFormat::Html;
    // Every input and its engine are known before checking starts, so that
    // the workers share the engines read-only.
    let inputs: Vec<_> = input::expand_all(&args.paths)
        .into_iter()
        .map(|input| {
            let engine = input.as_ref().ok().map(|i| engines.index_for(&i.name(), ui));
            (input, engine)
        })
        .collect();
    let Some(selection) = engines.select(&args.selection, ui) else {
        return Exit::Error;
    };
    let engines = &engines.engines;
    let mut out = match Output::open(args.output.as_deref()) {
        Ok(out) => out,
        Err(err) => {
            ui.error(&err);
            return Exit::Error;
        }
    };
    // Rule and source files that could not be used, reported before the articles.
    let mut write_error = None;
    for problem in std::mem::take(&mut ui.problems) {
        if let Err(err) = reporter.problem(&mut out, &problem) {
            write_error.get_or_insert(err);
        }
    }
    let mut summary = Summary::default();
    let progress = Progress::new(inputs.len(), ui.quiet);
    let bar_shown = progress.is_shown();
    ordered_map(
        args.jobs.threads(),
        inputs.into_iter(),
        |(input, engine)| -> Result<(SourceFile, Vec<Finding>, usize), input::InputError> {
            let source = input::load(&input?)?;
            let engine = engine.unwrap_or_default();
            let mut findings = input::guarded(&source.name, || engines[engine].check(&source))?;
            selection.filter(&mut findings);
            Ok((source, findings, engine))
        },
        |checked| {
            let (source, findings, engine) = match checked {
                Ok(checked) => checked,
                Err(err) => {
                    // Keep stdout and stderr in order on a terminal.
                    let _ = out.flush();
                    let (path, position) = err.location();
                    progress.suspend(|| ui.file_error(&err, path, position));
                    progress.file_done("");
                    let reported = std::mem::take(&mut ui.problems)
                        .iter()
                        .try_for_each(|problem| reporter.problem(&mut out, problem));
                    return match reported {
                        Ok(()) => true,
                        Err(err) => {
                            write_error = Some(err);
                            false
                        }
                    };
                }
            };
            summary.add(&findings);
            let reported = progress.suspend(|| {
                let written = if needs_analysis {
                    let analysis = engines[engine].analyze(&source);
                    reporter.analysed_file(&mut out, &source, &analysis, &findings)
                } else {
                    reporter.file(&mut out, &source, &findings)
                };
                // With a bar on screen, output must reach the terminal before it redraws.
                written.and_then(|()| if bar_shown { out.flush() } else { Ok(()) })
            });
            progress.file_done(&source.name);
            match reported {
                Ok(()) => true,
                Err(err) => {
                    write_error = Some(err);
                    false
                }
            }
        },
    );
    progress.finish();
    if let Some(err) = write_error {
        ui.output_error(err);
        return Exit::Error;
    }
    if let Err(err) = reporter.finish(&mut out, &summary).and_then(|()| out.finish()) {
        ui.output_error(err);
        return Exit::Error;
    }
    exit_for(summary.worst(), args.fail_on)
}

fn exit_for(worst: Option<Severity>, fail_on: FailOn) -> Exit {
    match worst {
        Some(worst) if worst >= fail_on.severity() => Exit::Findings,
        _ => Exit::Clean,
    }
}

/// `--input jsonl`: one JSON line per record, `{"id": …, "diagnostics": […]}`.
fn check_records(args: &CheckArgs, engine: &Engine, selection: &Selection, ui: &mut Ui) -> Exit {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut worst: Option<Severity> = None;
    let written = jsonl_input::for_each_record(
        &args.paths,
        args.jobs.threads(),
        ui,
        &mut out,
        |record| {
            let mut findings = engine.check(&record.source);
            selection.filter(&mut findings);
            let line = serde_json::to_string(&RecordOutput::new(&record.id, &record.source, &findings))
                .expect("findings serialise to JSON");
            (line, findings.iter().map(|f| f.severity).max())
        },
        |severity| worst = worst.max(severity),
    )
    .and_then(|()| out.flush());
    if let Err(err) = written {
        ui.output_error(err);
        return Exit::Error;
    }
    exit_for(worst, args.fail_on)
}
