//! Helpers for the index's tests: a two-speaker registry, an index over one
//! transcript, and a search that returns the alignment costs.

use super::{SourceIndex, Who};
use crate::rules::SpeakerEntry;
use crate::verify::transcript::Transcript;
use crate::verify::words;

pub(super) fn speaker(name: &str, aliases: &[&str]) -> SpeakerEntry {
    SpeakerEntry {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        role: None,
        affiliation: None,
        sources: Vec::new(),
        allow: Vec::new(),
    }
}

pub(super) fn index_of(text: &str, owners: Vec<usize>) -> SourceIndex {
    index(text, owners)
}

pub(super) fn index(text: &str, owners: Vec<usize>) -> SourceIndex {
    let registry = [speaker("Olu Adeyemi", &["Adeyemi"]), speaker("Mara Voss", &[])];
    SourceIndex::build(
        vec![Transcript {
            name: "t.txt".to_string(),
            text: text.to_string(),
            owners,
        }],
        &registry,
    )
}

pub(super) fn search(index: &SourceIndex, quote: &str, who: Who<'_>) -> (Option<u32>, Option<u32>) {
    let pieces = words::pattern(quote, (0, quote.len()));
    let items = index.items(quote, &pieces);
    let (own, other) = index.search(&items, quote.len(), who);
    (own.map(|f| f.alignment.cost), other.map(|f| f.alignment.cost))
}

pub(super) const ADEYEMI: Who = Who {
    registry: Some(0),
    name: "Olu Adeyemi",
};
