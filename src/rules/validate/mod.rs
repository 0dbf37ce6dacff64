//! Validation of a rule file that reports every problem at once, each at its
//! line and column: YAML syntax, unknown keys (with "did you mean"), wrong
//! types, bad severities, unknown check codes, duplicate speakers and aliases,
//! empty or duplicate lexicon entries, invalid patterns, malformed custom rules.
//!
//! serde stops at the first error and gives positions only for syntax errors,
//! so the file is deserialised piece by piece (each top-level key, each list
//! item, each field of a failing item) from a `serde_yaml::Value`, and every
//! problem is placed with the positioned tree of [`super::yaml`].
//!
//! This file holds the entry points ([`validate`], [`parse_rule_file`]) and the
//! placing of each problem at its line and column; `read` deserialises the file
//! piece by piece and turns serde's errors into problems, `meaning` finds the
//! problems serde cannot see.

mod meaning;
mod read;

use super::schema::RuleFile;
use super::yaml::{self, Node, Seg};
use super::RuleError;
use meaning::check_meaning;
use read::{read_file, Items};
use serde_yaml::Value;
use std::path::Path;

/// The default severity of a built-in check, `None` for an unknown code.
pub fn builtin_default(code: &str) -> Option<super::Severity> {
    crate::checks::info(code).map(|i| i.default_severity)
}

/// Parse one rule file. Errors point at the line and column in the YAML; the
/// first problem is returned ([`validate`] reports every one).
pub fn parse_rule_file(file: &str, text: &str) -> Result<RuleFile, RuleError> {
    if text.len() as u64 > super::MAX_RULE_FILE_BYTES {
        let (message, help) = super::too_large_message(text.len() as u64);
        return Err(RuleError::at(file, "", None, message, Some(help)));
    }
    if let Err(err) = super::yaml::check_depth(text) {
        return Err(RuleError::at(file, text, Some(err.offset), err.message, None));
    }
    if text.trim().is_empty() {
        return Ok(RuleFile::default());
    }
    match serde_yaml::from_str::<RuleFile>(text) {
        // The common case, and the large default files: nothing that needs
        // the full validation.
        Ok(parsed)
            if parsed.rules.is_empty()
                && parsed.speakers.is_empty()
                && parsed.checks.keys().all(|code| crate::checks::info(code).is_some()) =>
        {
            Ok(parsed)
        }
        Ok(parsed) => match first_problem(file, text) {
            Some(err) => Err(err),
            None => Ok(parsed),
        },
        Err(e) => Err(first_problem(file, text).unwrap_or_else(|| {
            let offset = e.location().map(|l| l.index());
            RuleError::at(file, text, offset, e.to_string(), None)
        })),
    }
}

/// One problem, located by its path in the YAML tree.
struct Problem<'a> {
    path: Vec<Seg<'a>>,
    /// Point at the last key itself rather than its value.
    at_key: bool,
    message: String,
    help: Option<String>,
}

impl<'a> Problem<'a> {
    fn at(path: Vec<Seg<'a>>, message: impl Into<String>) -> Self {
        Problem {
            path,
            at_key: false,
            message: message.into(),
            help: None,
        }
    }

    fn key(path: Vec<Seg<'a>>, message: impl Into<String>) -> Self {
        Problem {
            at_key: true,
            ..Problem::at(path, message)
        }
    }

    fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Validate a rule file. `dir` is the folder relative paths in it are read
/// from (speaker sources); `None` skips the checks that need the file system.
/// Returns the file when it could be read, and every problem found.
pub fn validate(name: &str, text: &str, dir: Option<&Path>) -> (Option<RuleFile>, Vec<RuleError>) {
    let error =
        |offset: usize, message: String, help: Option<String>| RuleError::at(name, text, Some(offset), message, help);
    if text.trim().is_empty() {
        return (Some(RuleFile::default()), Vec::new());
    }
    if let Err(err) = yaml::check_depth(text) {
        return (None, vec![error(err.offset, err.message, None)]);
    }
    let value: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            return (None, vec![error(offset, format!("invalid YAML: {e}"), None)]);
        }
    };
    let tree = yaml::parse(text).unwrap_or(Node {
        offset: 0,
        kind: yaml::NodeKind::Other,
    });
    let mut problems = Vec::new();
    let mut items = Items::default();
    let file = match &value {
        Value::Mapping(map) => Some(read_file(map, &mut items, &mut problems)),
        Value::Null => Some(RuleFile::default()),
        _ => {
            problems.push(Problem::at(
                Vec::new(),
                "a rule file must be a mapping of sections (`checks:`, `lexicon:`, `speakers:`, …)",
            ));
            None
        }
    };
    if let (Some(file), Value::Mapping(map)) = (&file, &value) {
        check_meaning(file, &items, map, dir, &mut problems);
    }
    let mut errors: Vec<RuleError> = problems
        .into_iter()
        .map(|p| {
            let offset = if p.at_key {
                let (last, parent) = p.path.split_last().expect("a key problem has a path");
                match last {
                    Seg::Key(k) => tree.at(parent).and_then(|n| n.key(k)).map(|n| n.offset),
                    Seg::Index(_) => None,
                }
                .unwrap_or_else(|| tree.offset_of(parent))
            } else {
                tree.offset_of(&p.path)
            };
            error(offset, p.message, p.help)
        })
        .collect();
    errors.sort_by_key(|e| e.span.map(|s| s.offset()));
    (file, errors)
}

/// The first problem of a rule file, for loading: the full validation minus
/// the checks that need the file system.
pub fn first_problem(name: &str, text: &str) -> Option<RuleError> {
    validate(name, text, None).1.into_iter().next()
}
