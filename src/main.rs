//! The `attrib` command: parse the command line, run, map to an exit code.
//! Everything else lives in [`cli`] and the library.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(cli::run(args) as u8)
}
