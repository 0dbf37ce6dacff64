//! PolNeAR (Political News Attribution Relations, github.com/networkdynamics/PolNeAR):
//! reading its brat stand-off annotations and scoring attrib against them.
//!
//! The corpus has no licence and its texts are copyrighted news: it is read
//! from a copy outside the project and nothing of it is ever stored here.
//!
//! Reading:
//! - `data/<split>/text/<doc>.txt` is the article; `data/<split>/attributions/<doc>_<annotator>.ann`
//!   its annotations. Where several annotators did a document, the first `.ann`
//!   in sort order is used.
//! - Offsets count Unicode code points; they are converted to byte offsets.
//! - A discontinuous span (`s e;s e`) is taken as its **hull**, from the
//!   smallest start to the largest end (fragments may be listed out of order);
//!   [`load_with`] can take the first fragment listed instead. An interrupted
//!   quote ("“A,” she said, “B.”") is one discontinuous content in PolNeAR and
//!   two attributions in attrib, so the choice moves the scores: the hull is
//!   the stricter.
//! - Each `E` relation with a `Content` role is one gold attribution, with its
//!   `Source` and `Cue` when given (`Attribution-no-source` relations have
//!   none). Relations without a content cannot be scored and are counted as
//!   skipped; a second content (`Content2`, rare) is ignored.
//! - Lines that do not start with `T`, `E`, `A`, `R` or `#` continue the text
//!   of the previous span and are skipped: only offsets matter.
//!
//! This file holds the loaded documents and [`load`]; `brat` parses the `.ann`
//! files and converts offsets, `subsets` defines the quoted and speech-verb
//! subsets and the exact score's normalisation, and `scoring` runs attrib on
//! the documents and scores it ([`score`], [`PolnearReport`]).

mod brat;
mod scoring;
mod subsets;

pub use brat::{parse_ann, Annotations, CharIndex, Discontinuous, TextBound};
pub use scoring::{score, ErrorItem, PolnearReport, SubsetScore};
pub use subsets::{is_quoted, is_speech_cue, normalized, SPEECH_VERBS};

use super::EvalError;
use crate::Span;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One annotated document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text file's stem.
    pub name: String,
    /// The `.ann` file used.
    pub annotation: PathBuf,
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
    /// Relations without a content span.
    pub skipped: usize,
}

/// One gold attribution, spans in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoldAttribution {
    pub content: Span,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    /// The content span was discontinuous (and is scored as its hull).
    pub discontinuous: bool,
}

/// Read a split: every `data/<split>/text/*.txt` with its first `.ann` file.
/// Texts without annotations are skipped. Discontinuous spans become their hull.
pub fn load(dir: &Path, split: &str) -> Result<Vec<Document>, EvalError> {
    load_with(dir, split, Discontinuous::Hull)
}

/// [`load`], choosing how discontinuous spans are scored.
pub fn load_with(dir: &Path, split: &str, mode: Discontinuous) -> Result<Vec<Document>, EvalError> {
    let base = dir.join("data").join(split);
    let text_dir = base.join("text");
    let ann_dir = base.join("attributions");
    let mut annotations: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in super::sorted_files(&ann_dir, ".ann")? {
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = file_name.trim_end_matches(".ann");
        let doc = stem.rsplit_once('_').map_or(stem, |(doc, _annotator)| doc);
        annotations.entry(doc.to_string()).or_insert(path);
    }
    let mut docs = Vec::new();
    for path in super::sorted_files(&text_dir, ".txt")? {
        let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let Some(ann_path) = annotations.get(&name) else {
            continue;
        };
        let text = super::read_text(&path)?;
        let ann = parse_ann(&super::read_text(ann_path)?);
        let (attributions, skipped) = ann.attributions(&CharIndex::new(&text), mode);
        docs.push(Document {
            name,
            annotation: ann_path.clone(),
            text,
            attributions,
            skipped,
        });
    }
    if docs.is_empty() {
        return Err(EvalError::Input {
            path: base.display().to_string(),
            message: "no annotated documents (expected text/*.txt and attributions/*.ann)".into(),
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod fixture;

#[cfg(test)]
mod tests {
    use super::fixture::{ANN, TEXT};
    use super::*;

    #[test]
    fn loads_a_split_with_the_first_annotator() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("data/dev");
        std::fs::create_dir_all(base.join("text")).unwrap();
        std::fs::create_dir_all(base.join("attributions")).unwrap();
        std::fs::write(base.join("text/paper_day_story.txt"), TEXT).unwrap();
        std::fs::write(base.join("attributions/paper_day_story_b2.ann"), "").unwrap();
        std::fs::write(base.join("attributions/paper_day_story_a1.ann"), ANN).unwrap();
        let docs = load(dir.path(), "dev").unwrap();
        assert_eq!(docs.len(), 1);
        assert!(docs[0].annotation.ends_with("paper_day_story_a1.ann"));
        assert_eq!(docs[0].attributions.len(), 2);
        assert!(load(dir.path(), "test").is_err());
    }
}
