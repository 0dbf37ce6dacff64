//! Building an [`Engine`] for a document: which attrib.yaml applies to it,
//! and the engine of that rule set with its sources indexed. `attrib check`
//! and `attrib lsp` share this, so an article gets the same rules in the
//! editor as on the command line.

use attrib::rules::RuleError;
use attrib::verify::SourceError;
use attrib::Engine;
use miette::Diagnostic;
use std::path::{Path, PathBuf};

/// Something in a rule set's files that could not be used: the engine is
/// built from the rest.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum EngineProblem {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Rules(RuleError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(SourceError),
}

impl EngineProblem {
    /// The file's name, and the 1-based line and column of the problem when known.
    pub fn location(&self) -> (&str, Option<(usize, usize)>) {
        match self {
            EngineProblem::Rules(err) => (&err.file, err.position()),
            EngineProblem::Source(err) => err.location(),
        }
    }
}

/// An engine and what went wrong building it.
pub struct Built {
    pub engine: Engine,
    pub problems: Vec<EngineProblem>,
    /// Source transcripts in which no turn is a known speaker's: not errors,
    /// but no quote is checked against them.
    pub unused_sources: Vec<String>,
}

/// The defaults with `rule_files` (and what they extend) merged over them,
/// compiled, with the registry's `sources` and `extra_sources` indexed.
pub fn build(rule_files: &[PathBuf], extra_sources: &[PathBuf]) -> Built {
    let (rules, rule_errors) = attrib::rules::load::load_rule_set(rule_files);
    let (engine, source_errors) = Engine::new(rules).with_sources(extra_sources);
    let unused_sources = engine
        .sources
        .as_ref()
        .map(|index| index.unused_files().into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let problems = rule_errors
        .into_iter()
        .map(EngineProblem::Rules)
        .chain(source_errors.into_iter().map(EngineProblem::Source))
        .collect();
    Built {
        engine,
        problems,
        unused_sources,
    }
}

/// The attrib.yaml that applies to the files of folder `dir`: in it or the
/// nearest parent that has one (the folder's real path, so that a symbolic
/// link finds the configuration of where the file really is).
pub fn config_for_folder(dir: &Path) -> Option<PathBuf> {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    super::find_config(&canonical)
}

/// The message for a source file no speaker's turn is found in.
pub fn unused_source_message(file: &str) -> String {
    format!(
        "source {file}: no turn in it is a known speaker's (no speaker label, and no registry \
         speaker lists it), so no quote is checked against it"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_applies_and_a_broken_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("desk/politics");
        std::fs::create_dir_all(&nested).unwrap();
        let root = dir.path().canonicalize().unwrap();
        assert!(config_for_folder(&nested).is_none_or(|c| !c.starts_with(&root)));
        std::fs::write(dir.path().join("desk/attrib.yaml"), "checks:\n  vague-source: erorr\n").unwrap();
        let config = config_for_folder(&nested).expect("the desk's attrib.yaml");
        assert!(config.ends_with("desk/attrib.yaml"));
        let built = build(&[config], &[]);
        assert_eq!(built.problems.len(), 1);
        let (file, position) = built.problems[0].location();
        assert!(file.ends_with("attrib.yaml"));
        assert_eq!(position.map(|p| p.0), Some(2));
    }
}
