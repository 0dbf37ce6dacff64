//! `attrib extract`: every attribution and the cast of speakers.

use super::jsonl_input::{self, InputKind};
use super::parallel::{ordered_map, JobsArgs};
use super::{input, Exit, Ui};
use attrib::report::audit::{self, Audit};
use attrib::report::extract::{self, ExtractFile, JsonStream, RecordOutput};
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
    /// What the paths hold: article files, or JSON Lines records (one JSON line out per record).
    #[arg(long, value_enum, value_name = "KIND", default_value_t = InputKind::Files)]
    pub input: InputKind,
    #[command(flatten)]
    pub jobs: JobsArgs,
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
    let result = if args.input == InputKind::Jsonl {
        extract_records(&args, &engine, ui, &mut out)
    } else {
        extract_files(&args, &engine, ui, &mut out)
    };
    if let Err(err) = result.and_then(|()| out.flush()) {
        ui.output_error(err);
        return Exit::Error;
    }
    Exit::Clean
}

/// What one article gives: its attributions, or its audit for `--summary`.
enum Extracted {
    File(ExtractFile),
    Audit(String, Audit),
}

/// Files and folders, on every core, written in input order as they are done.
fn extract_files(args: &ExtractArgs, engine: &Engine, ui: &mut Ui, out: &mut dyn Write) -> io::Result<()> {
    if args.format == ExtractFormat::Csv && !args.summary {
        extract::write_csv_header(out)?;
    }
    let mut json = JsonStream::default();
    let mut audits: Vec<(String, Audit)> = Vec::new();
    let mut write_error = None;
    ordered_map(
        args.jobs.threads(),
        args.paths.iter().flat_map(|arg| input::expand(arg)),
        |input| -> Result<Extracted, input::InputError> {
            let source = input::load(&input?)?;
            let analysis = input::guarded(&source.name, || engine.analyze(&source))?;
            Ok(if args.summary {
                Extracted::Audit(source.name.clone(), Audit::of(&analysis))
            } else {
                Extracted::File(ExtractFile::new(&source, &analysis))
            })
        },
        |extracted| {
            let file = match extracted {
                Ok(Extracted::File(file)) => file,
                Ok(Extracted::Audit(name, audit)) => {
                    audits.push((name, audit));
                    return true;
                }
                Err(err) => {
                    let _ = out.flush();
                    ui.error(&err);
                    return true;
                }
            };
            let written = match args.format {
                ExtractFormat::Table => extract::write_table(out, &file),
                ExtractFormat::Csv => extract::write_csv_rows(out, &file),
                ExtractFormat::Json => json.file(out, &file),
            };
            written.map_err(|err| write_error = Some(err)).is_ok()
        },
    );
    if let Some(err) = write_error {
        return Err(err);
    }
    if args.summary {
        match args.format {
            ExtractFormat::Table => audit::write_table(out, &audits)?,
            ExtractFormat::Csv => audit::write_csv(out, &audits)?,
            ExtractFormat::Json => audit::write_json(out, &audits)?,
        }
    } else if args.format == ExtractFormat::Json {
        json.finish(out)?;
    }
    Ok(())
}

/// `--input jsonl`: one JSON line per record, `{"id": …, "attributions": […], "speakers": […]}`.
fn extract_records(args: &ExtractArgs, engine: &Engine, ui: &mut Ui, out: &mut dyn Write) -> io::Result<()> {
    jsonl_input::for_each_record(
        &args.paths,
        args.jobs.threads(),
        ui,
        out,
        |record| {
            let file = ExtractFile::new(&record.source, &engine.analyze(&record.source));
            let line = serde_json::to_string(&RecordOutput::new(&record.id, &file)).expect("attributions serialise");
            (line, ())
        },
        |()| {},
    )
}
