//! `attrib extract`: every attribution and the cast of speakers.

use super::{input, Exit, Ui};
use attrib::report::extract::{self, ExtractFile};
use attrib::Engine;
use clap::{Args, ValueEnum};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read; - reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to print the attributions.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Aligned columns for people, then the cast.
    Table,
    /// One JSON object (version 1).
    Json,
    /// One row per attribution, with a header.
    Csv,
}

pub fn run(args: ExtractArgs, ui: &mut Ui) -> Exit {
    let engine = Engine::new(ui.load_rules());
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut files = Vec::new();
    let result = (|| -> io::Result<()> {
        if args.format == ExtractFormat::Csv {
            extract::write_csv_header(&mut out)?;
        }
        for loaded in input::inputs(&args.paths) {
            let source = match loaded {
                Ok(source) => source,
                Err(err) => {
                    out.flush()?;
                    ui.error(&err);
                    continue;
                }
            };
            let file = ExtractFile::new(&source, &engine.analyze(&source));
            match args.format {
                ExtractFormat::Table => extract::write_table(&mut out, &file)?,
                ExtractFormat::Csv => extract::write_csv_rows(&mut out, &file)?,
                ExtractFormat::Json => files.push(file),
            }
        }
        if args.format == ExtractFormat::Json {
            extract::write_json(&mut out, std::mem::take(&mut files))?;
        }
        out.flush()
    })();
    if let Err(err) = result {
        ui.output_error(err);
        return Exit::Error;
    }
    Exit::Clean
}
