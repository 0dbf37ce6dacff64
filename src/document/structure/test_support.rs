//! Helpers for the structure tests: a plain-text article's blocks with the
//! kinds [`classify`] gives them, and its dateline.

use super::classify;
use crate::rules::Lexicon;
use crate::text::{BlockKind, Prose, SourceFile};
use crate::InputFormat;

pub(super) fn kinds(text: &str) -> (Vec<(BlockKind, String)>, Option<String>) {
    let lexicon = Lexicon::compile(&crate::rules::RuleSet::defaults().lists);
    let file = SourceFile::new("t.txt", text, InputFormat::Plain);
    let mut prose = Prose::of(&file);
    let dateline = classify(&prose.text, &mut prose.blocks, &lexicon);
    let blocks = prose
        .blocks
        .iter()
        .map(|b| (b.kind, b.span.slice(text).to_string()))
        .collect();
    (blocks, dateline.map(|d| d.slice(text).to_string()))
}

pub(super) fn kind_of(text: &str, line: &str) -> BlockKind {
    let (blocks, _) = kinds(text);
    blocks
        .iter()
        .find(|(_, t)| t == line)
        .unwrap_or_else(|| panic!("no block {line:?} in {blocks:?}"))
        .0
}

pub(super) const LEDE: &str =
    "The ferry to Tull will run all winter, Mayor Ines Corbo told the harbour board on Friday after a long vote.";
pub(super) const BODY: &str =
    "Ferry staff said the boats had been refitted over the summer and that fares would stay as they are until spring.";

pub(super) fn article(lines: &[&str]) -> String {
    let mut text = String::from("Tull Ferry Will Run All Winter\n\n");
    text.push_str(&lines.join("\n\n"));
    text
}
