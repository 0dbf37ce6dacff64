//! `attrib lsp`: a Language Server Protocol server on stdin and stdout, for
//! the editor where the story is written (docs/editors.md).
//!
//! Articles (plain text, Markdown, HTML) get `attrib check`'s diagnostics as
//! they are typed; rule files get `attrib rules check`'s. The pieces, one per
//! concern:
//!
//! - [`transport`]: `Content-Length` framing, malformed input turned into errors;
//! - [`server`]: the lifecycle, the message loop, debouncing, engines per attrib.yaml;
//! - [`documents`]: the open documents and the edits applied to them;
//! - [`positions`]: byte offsets to LSP positions (UTF-8 or UTF-16) and back;
//! - [`diagnostics`]: an article checked and its findings as diagnostics;
//! - [`rule_files`]: a rule file validated;
//! - [`hover`], [`actions`]: explanations and speakers; quick fixes;
//! - [`explain_pages`]: the check pages diagnostics link to.
//!
//! The protocol's types come from lsp-types and its JSON-RPC messages from
//! lsp-server (rust-analyzer's scaffold): synchronous, no async runtime, as
//! fits a tool whose work is one CPU-bound check per edit.

mod actions;
mod diagnostics;
mod documents;
mod explain_pages;
mod hover;
mod positions;
mod rule_files;
mod server;
mod transport;

use super::{Exit, Ui};
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Transcripts to verify quotes against, besides the registry's `sources`
    /// (as for `attrib check`).
    #[arg(long, value_name = "PATH")]
    pub sources: Vec<PathBuf>,
    /// Milliseconds of quiet after an edit before the document is checked again.
    #[arg(long, value_name = "MS", default_value_t = 150)]
    pub debounce_ms: u64,
    /// Talk over stdin and stdout (the only transport; accepted because
    /// editor clients often pass it).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(args: LspArgs, ui: &mut Ui) -> Exit {
    let config = server::Config {
        rule_files: ui.rules.clone(),
        sources: args.sources,
        debounce: Duration::from_millis(args.debounce_ms),
    };
    let incoming = transport::spawn_reader(std::io::BufReader::new(std::io::stdin()));
    let stdout = std::io::stdout();
    let code = server::Server::new(stdout.lock(), config).run(incoming);
    // The protocol's exit codes: 0 after `shutdown`, 1 without it.
    if code == 0 {
        Exit::Clean
    } else {
        Exit::Findings
    }
}
