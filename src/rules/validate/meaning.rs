//! The problems serde cannot see in a file that has the right shape:
//! duplicate speakers and aliases, unknown check codes, empty or duplicate
//! lexicon entries, invalid patterns, malformed custom rules and missing
//! source files.
//!
//! Separate because these checks need the whole file read (and, for sources,
//! the file system), after `read` has deserialised it.

use super::read::Items;
use super::Problem;
use crate::rules::schema::{RuleFile, RuleKind};
use crate::rules::yaml::Seg;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::path::Path;

/// Problems serde cannot see: duplicates, bad patterns, unknown codes,
/// malformed custom rules, missing source files.
pub(super) fn check_meaning<'a>(
    file: &'a RuleFile,
    items: &Items,
    map: &'a Mapping,
    dir: Option<&Path>,
    problems: &mut Vec<Problem<'a>>,
) {
    // Speakers: duplicate names, an alias claimed twice, codes in `allow`, sources.
    {
        let mut names: HashMap<String, usize> = HashMap::new();
        for (&i, speaker) in items.speakers.iter().zip(&file.speakers) {
            let path = |rest: &[Seg<'a>]| {
                let mut p = vec![Seg::Key("speakers"), Seg::Index(i)];
                p.extend_from_slice(rest);
                p
            };
            if let Some(&first) = names.get(&speaker.name.to_lowercase()) {
                problems.push(
                    Problem::at(
                        path(&[Seg::Key("name")]),
                        format!("duplicate speaker `{}`", speaker.name),
                    )
                    .help(Some(format!(
                        "speaker {} has the same name; merge the two entries",
                        first + 1
                    ))),
                );
            } else {
                names.insert(speaker.name.to_lowercase(), i);
            }
            for code in &speaker.allow {
                if crate::checks::info(code).is_none() {
                    let at = speaker.allow.iter().position(|c| c == code).unwrap_or(0);
                    problems.push(
                        Problem::at(
                            path(&[Seg::Key("allow"), Seg::Index(at)]),
                            format!("unknown check code `{code}`"),
                        )
                        .help(crate::checks::closest_code(code).map(|c| format!("did you mean `{c}`?"))),
                    );
                }
            }
            if let Some(dir) = dir {
                for (j, source) in speaker.sources.iter().enumerate() {
                    let crate::rules::SourceRef::Path(source) = source else {
                        continue;
                    };
                    if let Err(reason) = crate::verify::expand_listing(dir, source) {
                        problems.push(
                            Problem::at(path(&[Seg::Key("sources"), Seg::Index(j)]), reason).help(Some(format!(
                                "paths are relative to the rule file's folder, {}",
                                dir.display()
                            ))),
                        );
                    }
                }
            }
        }
        let mut claimed: HashMap<String, usize> = HashMap::new();
        for (n, (&i, speaker)) in items.speakers.iter().zip(&file.speakers).enumerate() {
            for (j, alias) in speaker.aliases.iter().enumerate() {
                let key = alias.to_lowercase();
                match claimed.get(&key) {
                    Some(&owner) if owner != n => problems.push(
                        Problem::at(
                            vec![Seg::Key("speakers"), Seg::Index(i), Seg::Key("aliases"), Seg::Index(j)],
                            format!("alias `{alias}` is claimed by two speakers"),
                        )
                        .help(Some(format!(
                            "`{}` already has it; an alias must point to one speaker",
                            file.speakers[owner].name
                        ))),
                    ),
                    _ => {
                        claimed.insert(key, n);
                    }
                }
            }
        }
    }
    // Lexicon lists: empty and duplicate entries.
    if let Some(Value::Mapping(lists)) = map.get("lexicon") {
        for (key, list) in lists {
            let (Some(k), Some(items)) = (key.as_str(), list.as_sequence()) else {
                continue;
            };
            let mut seen: HashMap<&str, usize> = HashMap::new();
            let mut forms_seen: HashMap<String, usize> = HashMap::new();
            for (i, item) in items.iter().enumerate() {
                let path = vec![Seg::Key("lexicon"), Seg::Key(k), Seg::Index(i)];
                if let Some(entry) = item.as_str() {
                    let entry = entry.trim();
                    if entry.is_empty() {
                        problems.push(Problem::at(path, format!("empty entry in `{k}`")));
                    } else if let Some(&first) = seen.get(entry) {
                        problems.push(
                            Problem::at(path, format!("duplicate entry `{entry}` in `{k}`"))
                                .help(Some(format!("it is already entry {} of the list", first + 1))),
                        );
                    } else {
                        seen.insert(entry, i);
                    }
                } else if let Some(forms) = item.get("forms").and_then(Value::as_sequence) {
                    for (j, form) in forms.iter().enumerate() {
                        let Some(form) = form.as_str() else { continue };
                        let mut p = path.clone();
                        p.extend([Seg::Key("forms"), Seg::Index(j)]);
                        let form = form.trim();
                        if form.is_empty() {
                            problems.push(Problem::at(p, "empty verb form"));
                        } else if forms_seen.insert(form.to_string(), i).is_some() {
                            problems.push(
                                Problem::at(p, format!("duplicate verb form `{form}`"))
                                    .help(Some("a form belongs to one class only".to_string())),
                            );
                        }
                    }
                }
            }
        }
    }
    // Custom rules.
    {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (&i, rule) in items.rules.iter().zip(&file.rules) {
            let path = |rest: &[Seg<'a>]| {
                let mut p = vec![Seg::Key("rules"), Seg::Index(i)];
                p.extend_from_slice(rest);
                p
            };
            let id = rule.id.as_str();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                problems.push(
                    Problem::at(path(&[Seg::Key("id")]), format!("rule id `{id}` is not kebab-case")).help(Some(
                        "use lower-case letters, digits and hyphens: `no-sources-say`".to_string(),
                    )),
                );
            }
            if crate::checks::info(id).is_some() {
                problems.push(
                    Problem::at(path(&[Seg::Key("id")]), format!("`{id}` is a built-in check's code")).help(Some(
                        format!("give the rule its own id; tune the built-in check under `checks: {{{id}: …}}`"),
                    )),
                );
            }
            if let Some(&first) = ids.get(id) {
                problems.push(
                    Problem::at(path(&[Seg::Key("id")]), format!("duplicate rule id `{id}`"))
                        .help(Some(format!("rule {} has the same id", first + 1))),
                );
            } else {
                ids.insert(id, i);
            }
            let needs = match rule.kind {
                RuleKind::Phrase if rule.phrases.is_empty() => Some("a `phrase` rule needs `phrases`"),
                RuleKind::Substitution if rule.swap.is_empty() => {
                    Some("a `substitution` rule needs `swap` (phrase to avoid: phrase to use)")
                }
                RuleKind::RequireAttribution if rule.phrases.is_empty() && rule.pattern.is_none() => {
                    Some("a `require-attribution` rule needs `phrases` or `pattern`")
                }
                RuleKind::SpeakerPolicy if rule.require.is_none() => {
                    Some("a `speaker-policy` rule needs `require` (reason, role, label or courtesy-title)")
                }
                _ => None,
            };
            if let Some(needs) = needs {
                problems.push(Problem::at(path(&[Seg::Key("kind")]), needs));
            }
            for (j, phrase) in rule.phrases.iter().enumerate() {
                if phrase.trim().is_empty() {
                    problems.push(Problem::at(path(&[Seg::Key("phrases"), Seg::Index(j)]), "empty phrase"));
                }
            }
            if let Some(pattern) = &rule.pattern {
                if let Err(e) = crate::rules::custom::compile_pattern(pattern) {
                    problems
                        .push(Problem::at(path(&[Seg::Key("pattern")]), "invalid pattern").help(Some(e.to_string())));
                }
            }
        }
    }
}
