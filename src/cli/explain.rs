//! `attrib explain CODE`: a check's documentation; without a code, the list.

use super::{Exit, Message, Ui};
use attrib::checks::{self, VERIFICATION_CODES};
use clap::Args;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A check code, e.g. vague-source. Without one, list every check.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

pub fn run(args: ExplainArgs, ui: &mut Ui) -> Exit {
    let text = match args.code.as_deref() {
        None => list(),
        Some(code) => match explain(code) {
            Some(text) => text,
            None => {
                let help = match checks::closest_code(code) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "`attrib explain` lists every check".to_string(),
                };
                ui.error(&Message::new(format!("unknown check code `{code}`")).with_help(help));
                return Exit::Error;
            }
        },
    };
    if let Err(err) = io::stdout().lock().write_all(text.as_bytes()) {
        ui.output_error(err);
        return Exit::Error;
    }
    Exit::Clean
}

/// The page for one code, or `None` when the code is unknown.
fn explain(code: &str) -> Option<String> {
    if let Some(info) = checks::info(code) {
        let docs = info.documentation();
        return Some(format!(
            "# {code}\n\n{summary}\n\nDefault severity: {severity}. Change it in attrib.yaml under `checks:` \
             (error, warning, info or off).\n\n{docs}\n",
            summary = info.summary,
            severity = info.default_severity.as_str(),
            docs = docs.trim_end(),
        ));
    }
    VERIFICATION_CODES.contains(&code).then(|| {
        format!(
            "# {code}\n\nReserved for quote verification (direct quotes checked against the speaker's source \
             transcripts).\n\nNote: quote verification is not built yet, so `{code}` is never reported.\n"
        )
    })
}

/// Every check: code, default severity, summary.
fn list() -> String {
    let width = checks::ALL.iter().map(|c| c.info().code.len()).max().unwrap_or(0);
    let mut text = String::new();
    for check in checks::ALL {
        let info = check.info();
        text.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            info.code,
            info.default_severity.as_str(),
            info.summary
        ));
    }
    for code in VERIFICATION_CODES {
        text.push_str(&format!(
            "{code:width$}  {:7}  quote verification (not built yet)\n",
            "-"
        ));
    }
    text
}
