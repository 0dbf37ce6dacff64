//! `attrib rules check` validates rule files (each error points into the YAML);
//! `attrib rules test` runs the examples embedded in them.

use super::{read_rule_file, Exit, Message, Ui};
use attrib::report::human;
use attrib::rules::examples::{self, ExampleReport};
use attrib::rules::load;
use attrib::rules::validate::validate;
use attrib::rules::RuleError;
use attrib::RuleSet;
use clap::Subcommand;
use miette::Diagnostic;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate rule files (default: the --rules files, or the attrib.yaml found).
    Check {
        /// Rule files to validate.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run the examples in rule files: each `flag` text must be flagged by its
    /// rule, each `pass` text not (default: the --rules files, or the
    /// attrib.yaml found, or else the built-in rules). Exit 1 when one fails.
    Test {
        /// Rule files whose examples to run.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub fn run(command: RulesCommand, ui: &mut Ui) -> Exit {
    match command {
        RulesCommand::Check { files } => check(files, ui),
        RulesCommand::Test { files } => test(files, ui),
    }
}

fn check(files: Vec<PathBuf>, ui: &mut Ui) -> Exit {
    let files = if files.is_empty() { ui.rule_files() } else { files };
    if files.is_empty() {
        ui.error(
            &Message::new("no rule file to check: none given and no attrib.yaml found")
                .with_help("name the files (`attrib rules check FILE...`) or create one with `attrib init`"),
        );
        return Exit::Error;
    }
    let mut good = 0;
    for path in &files {
        let name = path.display().to_string();
        let text = match read_rule_file(path) {
            Ok(text) => text,
            Err(err) => {
                ui.error(&err);
                continue;
            }
        };
        let errors = problems(&name, &text, Some(path));
        for err in &errors {
            ui.error(err);
        }
        if errors.is_empty() {
            good += 1;
            if !ui.quiet {
                let _ = writeln!(io::stdout().lock(), "{name}: ok");
            }
        } else if !ui.quiet {
            let n = errors.len();
            let _ = writeln!(
                io::stdout().lock(),
                "{name}: {n} problem{}",
                if n == 1 { "" } else { "s" }
            );
        }
    }
    if !ui.quiet && files.len() > 1 {
        let _ = writeln!(io::stdout().lock(), "{good} of {} rule files ok", files.len());
    }
    if good == files.len() {
        Exit::Clean
    } else {
        Exit::Error
    }
}

/// Every problem in a rule file's text, each at its place: the validation of
/// the text, then, when that finds nothing and the file is on disk at `path`,
/// what it extends (missing files, cycles, problems in them). `attrib lsp`
/// publishes the same problems for an open rule file.
pub fn problems(name: &str, text: &str, path: Option<&Path>) -> Vec<RuleError> {
    let dir = path
        .and_then(Path::parent)
        .map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d });
    let (_, mut errors) = validate(name, text, dir);
    if let (true, Some(path)) = (errors.is_empty(), path.filter(|p| p.is_file())) {
        if let Err(err) = load::load_chain(path) {
            errors.push(err);
        }
    }
    errors
}

fn test(files: Vec<PathBuf>, ui: &mut Ui) -> Exit {
    let files = if files.is_empty() { ui.rule_files() } else { files };
    let mut reports: Vec<(String, ExampleReport)> = Vec::new();
    if files.is_empty() {
        reports.extend(
            examples::test_defaults()
                .into_iter()
                .map(|(name, report)| (name.to_string(), report)),
        );
    }
    for path in &files {
        let mut chain = match load::load_chain(path) {
            Ok(chain) => chain,
            Err(err) => {
                ui.error(&err);
                continue;
            }
        };
        // The file's examples run with the defaults and what it extends.
        let Some(last) = chain.pop() else { continue };
        let mut rules = RuleSet::defaults();
        for loaded in chain {
            rules.merge(&loaded.name, loaded.file);
        }
        rules.merge(&last.name, last.file.clone());
        let report = examples::run_examples(&last.name, &last.text, &last.file, &rules);
        reports.push((last.name, report));
    }
    let (mut run, mut failed) = (0, 0);
    for (_, report) in &reports {
        run += report.run;
        failed += report.failures.len();
        for failure in &report.failures {
            show(ui, failure);
        }
    }
    if !ui.quiet {
        let _ = writeln!(
            io::stdout().lock(),
            "{run} example{} in {} rule file{}: {} passed, {failed} failed",
            if run == 1 { "" } else { "s" },
            reports.len(),
            if reports.len() == 1 { "" } else { "s" },
            run - failed,
        );
    }
    if failed > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// Show a failing example on stderr; unlike [`Ui::error`] it does not make
/// the run exit 2.
fn show(ui: &Ui, diagnostic: &dyn Diagnostic) {
    let handler = human::handler(ui.use_color(io::stderr().is_terminal()));
    let text = human::render(&handler, diagnostic);
    let _ = writeln!(io::stderr().lock(), "{}\n", text.trim_end());
}
