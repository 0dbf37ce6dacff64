//! `attrib rules check`: validate rule files; each error points into the YAML.

use super::{read_rule_file, Exit, Message, Ui};
use attrib::rules::parse_rule_file;
use clap::Subcommand;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate rule files (default: the --rules files, or the attrib.yaml found).
    Check {
        /// Rule files to validate.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub fn run(command: RulesCommand, ui: &mut Ui) -> Exit {
    match command {
        RulesCommand::Check { files } => check(files, ui),
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
        let result = read_rule_file(path).map(|text| parse_rule_file(&name, &text));
        match result {
            Ok(Ok(_)) => {
                good += 1;
                if !ui.quiet {
                    let _ = writeln!(io::stdout().lock(), "{name}: ok");
                }
            }
            Ok(Err(err)) => ui.error(&err),
            Err(err) => ui.error(&err),
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
