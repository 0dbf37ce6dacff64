//! Reading rule files from disk with their `extends:` chains.
//!
//! `extends: [default, ../newsroom.yaml]` merges the named files before this
//! one (paths relative to the file). `default`, the built-in rule set, is
//! always the base of a run; naming it only documents that.

use super::yaml::{self, Seg};
use super::{parse_rule_file, RuleError, RuleFile, RuleSet};
use std::path::{Path, PathBuf};

/// The name of the rule file attrib looks for next to an article and in its parent folders.
pub const CONFIG_FILE: &str = "attrib.yaml";

/// The name that stands for the built-in rule set in `extends`.
pub const DEFAULT: &str = "default";

/// One rule file read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    pub file: RuleFile,
}

/// A rule file and everything it extends, in merge order (the file last).
/// A file reached twice is read once.
pub fn load_chain(path: &Path) -> Result<Vec<Loaded>, RuleError> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    visit(path, &mut stack, &mut out)?;
    Ok(out)
}

/// The defaults with each file (and what it extends) merged over them, in order.
pub fn load_rule_set(paths: &[PathBuf]) -> (RuleSet, Vec<RuleError>) {
    let mut set = RuleSet::defaults();
    let mut errors = Vec::new();
    let mut merged: Vec<PathBuf> = Vec::new();
    for path in paths {
        match load_chain(path) {
            Ok(chain) => {
                for loaded in chain {
                    let key = canonical(&loaded.path);
                    if !merged.contains(&key) {
                        merged.push(key);
                        let first_speaker = set.speakers.len();
                        set.merge(&loaded.name, loaded.file);
                        // Relative `sources` are read from the rule file's folder.
                        let text: std::sync::Arc<str> = loaded.text.into();
                        let dir = loaded.path.parent().map(Path::to_path_buf).unwrap_or_default();
                        for origin in &mut set.speaker_origins[first_speaker..] {
                            origin.dir = Some(dir.clone());
                            origin.text = Some(text.clone());
                        }
                    }
                }
            }
            Err(err) => errors.push(err),
        }
    }
    (set, errors)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Read a rule file's text as UTF-8; the error does not repeat the path. A
/// file over [`MAX_RULE_FILE_BYTES`](super::MAX_RULE_FILE_BYTES) is refused
/// before it is read.
pub fn read_text(path: &Path) -> Result<String, String> {
    let cannot_read = |e: std::io::Error| format!("cannot read the rule file: {e}");
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > super::MAX_RULE_FILE_BYTES {
        let (message, help) = super::too_large_message(size);
        return Err(format!("{message} ({help})"));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the rule file is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn visit(path: &Path, stack: &mut Vec<PathBuf>, out: &mut Vec<Loaded>) -> Result<(), RuleError> {
    let name = path.display().to_string();
    let text = read_text(path).map_err(|message| RuleError::at(&name, "", None, message, None))?;
    let file = parse_rule_file(&name, &text)?;
    let key = canonical(path);
    stack.push(key.clone());
    let dir = path.parent().unwrap_or(Path::new("."));
    for (i, entry) in file.extends.iter().enumerate() {
        if entry == DEFAULT {
            continue;
        }
        let at = |message: String, help: Option<String>| {
            let offset = yaml::parse(&text)
                .ok()
                .map(|t| t.offset_of(&[Seg::Key("extends"), Seg::Index(i)]));
            RuleError::at(&name, &text, offset, message, help)
        };
        let child = dir.join(entry);
        if !child.is_file() {
            return Err(at(
                format!("extended rule file `{entry}` does not exist"),
                Some(format!(
                    "paths are relative to {}; `default` is the built-in set",
                    dir.display()
                )),
            ));
        }
        let child_key = canonical(&child);
        if stack.contains(&child_key) {
            let cycle: Vec<String> = stack
                .iter()
                .skip_while(|p| **p != child_key)
                .map(|p| p.display().to_string())
                .chain([child_key.display().to_string()])
                .collect();
            return Err(at(
                format!("`extends` cycle: `{entry}` extends this file again"),
                Some(format!("the cycle: {}", cycle.join(" → "))),
            ));
        }
        if out.iter().any(|l: &Loaded| canonical(&l.path) == child_key) {
            continue;
        }
        visit(&child, stack, out)?;
    }
    stack.pop();
    out.push(Loaded {
        name,
        path: path.to_path_buf(),
        text,
        file,
    });
    Ok(())
}
