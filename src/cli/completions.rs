//! `attrib completions SHELL`: the shell's completion script, generated from
//! the clap definition of the command line (clap_complete), so it always
//! knows every subcommand and option of this build.

use super::{Cli, Exit, Ui};
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs, ui: &mut Ui) -> Exit {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "attrib", &mut script);
    if let Err(err) = io::stdout().lock().write_all(&script) {
        ui.output_error(err);
        return Exit::Error;
    }
    Exit::Clean
}
