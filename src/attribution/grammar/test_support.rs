//! Helpers for the grammar's tests: run the grammar on a text and read its
//! attributions back as strings.
//!
//! Separate so that the test modules beside each file share one way to call the
//! grammar.

use super::Grammar;
use crate::document::Document;
use crate::rules::{Lexicon, RuleSet};
use crate::text::{InputFormat, SourceFile};

/// (speaker, cue, content, kind, recipient) of each attribution in `text`.
pub(super) fn extract(text: &str) -> Vec<(String, String, String, &'static str, String)> {
    let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
    let source = SourceFile::new("t.txt", text, InputFormat::Plain);
    let doc = Document::build(&source, &lexicon);
    Grammar::new(&lexicon)
        .attributions(&doc)
        .iter()
        .map(|a| {
            (
                a.speaker.span.slice(text).to_string(),
                a.cue.map_or(String::new(), |c| c.span.slice(text).to_string()),
                a.content.map_or(String::new(), |c| c.slice(text).to_string()),
                a.kind.as_str(),
                a.recipient.map_or(String::new(), |r| r.slice(text).to_string()),
            )
        })
        .collect()
}

pub(super) fn speakers(text: &str) -> Vec<String> {
    extract(text).into_iter().map(|a| a.0).collect()
}
