//! The command line: arguments (clap derive), the options every subcommand
//! shares, rule loading, and the error channel (stderr). One file per
//! subcommand; inputs are loaded in [`input`].

mod check;
mod completions;
mod engine;
mod eval;
mod explain;
mod extract;
mod init;
mod input;
mod jsonl_input;
mod lsp;
mod man;
mod output;
mod parallel;
mod progress;
mod rules;
mod selection;

use attrib::report::human;
use attrib::RuleSet;
use clap::{Args, Parser, Subcommand, ValueEnum};
use miette::Diagnostic;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The name of the rule file attrib looks for.
pub const CONFIG_FILE: &str = attrib::rules::load::CONFIG_FILE;

/// Source-attribution checker for news text.
#[derive(Debug, Parser)]
#[command(name = "attrib", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// A rule file to merge over the defaults, in order (repeatable). Without
    /// one, attrib.yaml is looked for in each checked file's folder and its parents (for `check`),
    /// or in the current folder and its parents.
    #[arg(long = "rules", value_name = "FILE", global = true)]
    pub rules: Vec<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only findings and errors: no summary line, no progress notes.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles (files, folders of .txt/.md/.markdown/.html/.htm/.docx, or - for stdin).
    Check(check::CheckArgs),
    /// List every attribution and the cast of speakers.
    Extract(extract::ExtractArgs),
    /// Work with rule files.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Explain a check: what it flags, why, examples. Without CODE, list the checks.
    Explain(explain::ExplainArgs),
    /// Write a starter attrib.yaml in the current folder.
    Init(init::InitArgs),
    /// Score attrib against gold data: the gold corpus, or PolNeAR with --polnear.
    Eval(eval::EvalArgs),
    /// Run a Language Server Protocol server on stdin/stdout: diagnostics, hover
    /// and quick fixes in the editor (docs/editors.md).
    Lsp(lsp::LspArgs),
    /// Print the shell completion script for bash, zsh, fish, powershell or elvish.
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), or write one per subcommand with --dir.
    Man(man::ManArgs),
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// The exit codes of DESIGN.md.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Exit {
    /// Nothing at or above --fail-on.
    Clean = 0,
    /// Findings at or above --fail-on.
    Findings = 1,
    /// A usage, configuration or input error.
    Error = 2,
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Exit {
    let mut ui = Ui::new(&cli.global);
    let exit = match cli.command {
        Command::Check(args) => check::run(args, &mut ui),
        Command::Extract(args) => extract::run(args, &mut ui),
        Command::Rules(command) => rules::run(command, &mut ui),
        Command::Explain(args) => explain::run(args, &mut ui),
        Command::Init(args) => init::run(args, &mut ui),
        Command::Eval(args) => eval::run(args, &mut ui),
        Command::Lsp(args) => lsp::run(args, &mut ui),
        Command::Completions(args) => completions::run(args, &mut ui),
        Command::Man(args) => man::run(args, &mut ui),
    };
    if ui.failed {
        Exit::Error
    } else {
        exit
    }
}

/// Where errors go, and how things look: the shared state of one run.
pub struct Ui {
    pub color: ColorChoice,
    pub quiet: bool,
    pub rules: Vec<PathBuf>,
    /// Whether an error was reported: the run then exits 2.
    pub failed: bool,
    /// Errors about files (articles, rule files, sources) not yet passed to
    /// a report: `attrib check` puts them in its machine-readable formats too.
    pub problems: Vec<attrib::report::Problem>,
}

impl Ui {
    fn new(global: &GlobalArgs) -> Self {
        Ui {
            color: global.color,
            quiet: global.quiet,
            rules: global.rules.clone(),
            failed: false,
            problems: Vec::new(),
        }
    }

    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn use_color(&self, is_terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn stdout_color(&self) -> bool {
        self.use_color(io::stdout().is_terminal())
    }

    /// Report an error on stderr; the run will exit 2.
    pub fn error(&mut self, diagnostic: &dyn Diagnostic) {
        self.failed = true;
        let handler = human::handler(self.use_color(io::stderr().is_terminal()));
        let text = human::render(&handler, diagnostic);
        let _ = writeln!(io::stderr().lock(), "{}\n", text.trim_end());
    }

    /// Report an error in a file on stderr, and keep it for the report; the
    /// run will exit 2. `position` is a 1-based line and column.
    pub fn file_error(&mut self, diagnostic: &dyn Diagnostic, path: &str, position: Option<(usize, usize)>) {
        self.error(diagnostic);
        self.problems.push(attrib::report::Problem {
            path: Some(relative_to_current_dir(path)),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            message: diagnostic.to_string(),
        });
    }

    /// A note on stderr that does not fail the run (unless --quiet hides it).
    pub fn warn(&mut self, message: &str) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "warning: {message}\n");
        }
    }

    /// Report an error writing stdout. A closed pipe (`attrib … | head`) is
    /// not an error worth a message.
    pub fn output_error(&mut self, err: io::Error) {
        if err.kind() == io::ErrorKind::BrokenPipe {
            return;
        }
        self.error(&Message::new(format!("cannot write the output: {err}")));
    }

    /// The rule files this run uses: `--rules`, or the attrib.yaml found.
    pub fn rule_files(&self) -> Vec<PathBuf> {
        if !self.rules.is_empty() {
            return self.rules.clone();
        }
        std::env::current_dir()
            .ok()
            .and_then(|dir| find_config(&dir))
            .into_iter()
            .collect()
    }

    /// The defaults with every rule file merged over them, in order. A broken
    /// file is reported (the run will exit 2) and the others still apply.
    pub fn load_rules(&mut self) -> RuleSet {
        // Each file with what it `extends:` (attrib::rules::load).
        let (rules, errors) = attrib::rules::load::load_rule_set(&self.rule_files());
        for err in &errors {
            self.file_error(err, &err.file, err.position());
        }
        rules
    }
}

/// Read a rule file's text (UTF-8, within the size limit).
pub fn read_rule_file(path: &Path) -> Result<String, Message> {
    attrib::rules::load::read_text(path).map_err(|e| Message::new(format!("{}: {e}", path.display())))
}

/// attrib.yaml in `dir` or the nearest parent that has one.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// `path` relative to the current folder when it lies inside it: rule files
/// found by walking up from an article are named by their absolute path, and
/// GitHub and SARIF want paths from the repository root.
fn relative_to_current_dir(path: &str) -> String {
    let absolute = Path::new(path);
    if !absolute.is_absolute() {
        return path.to_string();
    }
    std::env::current_dir()
        .ok()
        .and_then(|dir| dir.canonicalize().ok())
        .and_then(|dir| absolute.strip_prefix(dir).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.to_string())
}

/// A plain error: a message and, maybe, a hint.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(attrib::error))]
pub struct Message {
    pub message: String,
    #[help]
    pub help: Option<String>,
}

impl Message {
    pub fn new(message: impl Into<String>) -> Self {
        Message {
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
