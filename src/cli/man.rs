//! `attrib man`: the manual page in roff, generated from the clap definition
//! of the command line (clap_mangen): the page of `attrib` on stdout, or with
//! `--dir` one page per command and subcommand (attrib.1, attrib-check.1, …).

use super::{Cli, Exit, Message, Ui};
use clap::{Args, CommandFactory};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write a page per command and subcommand into this folder (created if
    /// needed) instead of the main page to stdout.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: ManArgs, ui: &mut Ui) -> Exit {
    let Some(dir) = args.dir else {
        let mut page = Vec::new();
        // Rendering into memory cannot fail; writing stdout can.
        let rendered = clap_mangen::Man::new(Cli::command()).render(&mut page);
        if let Err(err) = rendered.and_then(|()| io::stdout().lock().write_all(&page)) {
            ui.output_error(err);
            return Exit::Error;
        }
        return Exit::Clean;
    };
    let written = std::fs::create_dir_all(&dir).and_then(|()| clap_mangen::generate_to(Cli::command(), &dir));
    if let Err(err) = written {
        ui.error(&Message::new(format!(
            "cannot write the manual pages to {}: {err}",
            dir.display()
        )));
        return Exit::Error;
    }
    if !ui.quiet {
        let _ = writeln!(
            io::stderr().lock(),
            "wrote the manual pages to {} (read one with `man {}/attrib.1`)",
            dir.display(),
            dir.display()
        );
    }
    Exit::Clean
}
