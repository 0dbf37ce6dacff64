//! `attrib extract`: every attribution and the cast of speakers.

use super::{input, Exit, Ui};
use attrib::report::audit::{self, Audit};
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
    /// Print the sourcing audit instead: per article and in total, sources by
    /// class (named, organisation, document, anonymous, vague), direct quotes
    /// and paraphrases, and the share of each.
    #[arg(long)]
    pub summary: bool,
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
    let mut audits: Vec<(String, Audit)> = Vec::new();
    let result = (|| -> io::Result<()> {
        if args.format == ExtractFormat::Csv && !args.summary {
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
            let analysis = engine.analyze(&source);
            if args.summary {
                audits.push((source.name.clone(), Audit::of(&analysis)));
                continue;
            }
            let file = ExtractFile::new(&source, &analysis);
            match args.format {
                ExtractFormat::Table => extract::write_table(&mut out, &file)?,
                ExtractFormat::Csv => extract::write_csv_rows(&mut out, &file)?,
                ExtractFormat::Json => files.push(file),
            }
        }
        if args.summary {
            match args.format {
                ExtractFormat::Table => audit::write_table(&mut out, &audits)?,
                ExtractFormat::Csv => audit::write_csv(&mut out, &audits)?,
                ExtractFormat::Json => audit::write_json(&mut out, &audits)?,
            }
        } else if args.format == ExtractFormat::Json {
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
