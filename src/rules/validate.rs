//! Validation of a rule file that reports every problem at once, each at its
//! line and column: YAML syntax, unknown keys (with "did you mean"), wrong
//! types, bad severities, unknown check codes, duplicate speakers and aliases,
//! empty or duplicate lexicon entries, invalid patterns, malformed custom rules.
//!
//! serde stops at the first error and gives positions only for syntax errors,
//! so the file is deserialised piece by piece (each top-level key, each list
//! item, each field of a failing item) from a `serde_yaml::Value`, and every
//! problem is placed with the positioned tree of [`super::yaml`].

use super::schema::{CheckSetting, CustomRule, LexiconLists, OutletEntry, RuleFile, RuleKind, SpeakerEntry, VerbGroup};
use super::yaml::{self, Node, Seg};
use super::RuleError;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
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

/// Deserialise each section on its own, so one bad section hides nothing else.
/// The items of the list sections that were read, with their index in the YAML.
#[derive(Default)]
struct Items {
    speakers: Vec<usize>,
    rules: Vec<usize>,
}

fn unzip<T>(items: Vec<(usize, T)>) -> (Vec<usize>, Vec<T>) {
    items.into_iter().unzip()
}

fn read_file<'a>(map: &'a Mapping, items: &mut Items, problems: &mut Vec<Problem<'a>>) -> RuleFile {
    let mut file = RuleFile::default();
    for (key, value) in map {
        let Some(k) = key.as_str() else {
            problems.push(Problem::at(
                Vec::new(),
                format!("a section name must be text, not {}", kind_of(key)),
            ));
            continue;
        };
        let path = vec![Seg::Key(k)];
        match k {
            "checks" => read_checks(value, &mut file, problems),
            "lexicon" => read_lexicon(value, &mut file, problems),
            "speakers" => (items.speakers, file.speakers) = unzip(read_list::<SpeakerEntry>(path, value, problems)),
            "outlets" => file.outlets = unzip(read_list::<OutletEntry>(path, value, problems)).1,
            "rules" => (items.rules, file.rules) = unzip(read_list::<CustomRule>(path, value, problems)),
            _ => {
                let mut single = Mapping::new();
                single.insert(key.clone(), value.clone());
                match serde_yaml::from_value::<RuleFile>(Value::Mapping(single)) {
                    Ok(piece) => match k {
                        "publication" => file.publication = piece.publication,
                        "strict" => file.strict = piece.strict,
                        "extends" => file.extends = piece.extends,
                        _ => {}
                    },
                    Err(e) => {
                        let message = e.to_string();
                        let help = did_you_mean(&message);
                        problems.push(if message.contains("unknown field") {
                            Problem::key(path, format!("unknown key `{k}`")).help(help)
                        } else {
                            Problem::at(path, format!("`{k}`: {}", clean(&message))).help(help)
                        });
                    }
                }
            }
        }
    }
    file
}

fn read_checks<'a>(value: &'a Value, file: &mut RuleFile, problems: &mut Vec<Problem<'a>>) {
    let Some(map) = as_map(
        value,
        vec![Seg::Key("checks")],
        "`checks` must be a mapping of check codes",
        problems,
    ) else {
        return;
    };
    for (key, setting) in map {
        let Some(code) = key.as_str() else { continue };
        let path = vec![Seg::Key("checks"), Seg::Key(code)];
        if crate::checks::info(code).is_none() {
            let help = crate::checks::closest_code(code)
                .map(|c| format!("did you mean `{c}`?"))
                .or_else(|| Some("`attrib explain` lists every check".to_string()));
            problems.push(Problem::key(path.clone(), format!("unknown check code `{code}`")).help(help));
        }
        match serde_yaml::from_value::<CheckSetting>(setting.clone()) {
            Ok(s) => {
                file.checks.insert(code.to_string(), s);
            }
            Err(e) => {
                let message = e.to_string();
                match backticked_after(&message, "unknown variant `") {
                    Some(bad) if setting.is_string() => problems.push(
                        Problem::at(path, format!("bad severity `{bad}` for `{code}`")).help(Some(format!(
                            "{}use error, warning, info or off",
                            did_you_mean(&message).map(|d| format!("{d} ")).unwrap_or_default()
                        ))),
                    ),
                    _ => problems.push(entry_problem::<CheckSetting>(path, setting, e)),
                }
            }
        }
    }
}

fn read_lexicon<'a>(value: &'a Value, file: &mut RuleFile, problems: &mut Vec<Problem<'a>>) {
    let Some(map) = as_map(
        value,
        vec![Seg::Key("lexicon")],
        "`lexicon` must be a mapping of word lists",
        problems,
    ) else {
        return;
    };
    let mut good = Mapping::new();
    for (key, list) in map {
        let Some(k) = key.as_str() else { continue };
        let path = vec![Seg::Key("lexicon"), Seg::Key(k)];
        let mut single = Mapping::new();
        single.insert(key.clone(), Value::Sequence(Vec::new()));
        if let Err(e) = serde_yaml::from_value::<LexiconLists>(Value::Mapping(single)) {
            problems.push(serde_problem(vec![Seg::Key("lexicon")], value, k, e));
            continue;
        }
        let Some(items) = list.as_sequence() else {
            problems.push(Problem::at(
                path,
                format!("`{k}` must be a list, not {}", kind_of(list)),
            ));
            continue;
        };
        let mut kept = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let mut item_path = path.clone();
            item_path.push(Seg::Index(i));
            let result = if k == "reporting_verbs" {
                serde_yaml::from_value::<VerbGroup>(item.clone())
                    .map(|_| ())
                    .map_err(|e| entry_problem::<VerbGroup>(item_path, item, e))
            } else if item.is_string() {
                Ok(())
            } else {
                Err(Problem::at(
                    item_path,
                    format!("a `{k}` entry must be text, not {}", kind_of(item)),
                ))
            };
            match result {
                Ok(_) => kept.push(item.clone()),
                Err(p) => problems.push(p),
            }
        }
        good.insert(key.clone(), Value::Sequence(kept));
    }
    if let Ok(lists) = serde_yaml::from_value::<LexiconLists>(Value::Mapping(good)) {
        file.lexicon = lists;
    }
}

/// Each item of a list section, deserialised on its own.
fn read_list<'a, T: DeserializeOwned>(
    path: Vec<Seg<'a>>,
    value: &'a Value,
    problems: &mut Vec<Problem<'a>>,
) -> Vec<(usize, T)> {
    let Some(items) = value.as_sequence() else {
        if !value.is_null() {
            problems.push(Problem::at(
                path,
                format!("this section must be a list, not {}", kind_of(value)),
            ));
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut item_path = path.clone();
        item_path.push(Seg::Index(i));
        match serde_yaml::from_value::<T>(item.clone()) {
            Ok(t) => out.push((i, t)),
            Err(e) => problems.push(entry_problem::<T>(item_path, item, e)),
        }
    }
    out
}

/// A problem for a value that failed to deserialise as `T`: an unknown key is
/// pointed at; otherwise each field is tried alone to find the bad one.
fn entry_problem<'a, T: DeserializeOwned>(path: Vec<Seg<'a>>, value: &'a Value, err: serde_yaml::Error) -> Problem<'a> {
    let message = err.to_string();
    if let Some(field) = backticked_after(&message, "unknown field `") {
        return serde_problem(path, value, field, err);
    }
    if let Value::Mapping(map) = value {
        for (key, field_value) in map {
            let Some(k) = key.as_str() else { continue };
            let mut single = Mapping::new();
            single.insert(key.clone(), field_value.clone());
            if let Err(e) = serde_yaml::from_value::<T>(Value::Mapping(single)) {
                let m = e.to_string();
                if !m.contains("missing field") {
                    let mut field_path = path.clone();
                    field_path.push(Seg::Key(k));
                    let help = did_you_mean(&m);
                    return Problem::at(field_path, format!("`{k}`: {}", clean(&m))).help(help);
                }
            }
        }
    }
    let help = did_you_mean(&message);
    Problem::at(path, clean(&message)).help(help)
}

/// A problem from a serde error about field `field` of the mapping at `path`.
fn serde_problem<'a>(path: Vec<Seg<'a>>, value: &'a Value, field: &str, err: serde_yaml::Error) -> Problem<'a> {
    let message = err.to_string();
    let help = did_you_mean(&message);
    // Borrow the key from the value so the path lives as long as it.
    let key: Option<&'a str> = match value {
        Value::Mapping(map) => map.keys().filter_map(Value::as_str).find(|k| *k == field),
        _ => None,
    };
    let mut key_path = path.clone();
    match key {
        Some(k) => key_path.push(Seg::Key(k)),
        None => return Problem::at(path, clean(&message)).help(help),
    }
    let problem = if message.contains("unknown field") {
        Problem::key(key_path, format!("unknown key `{field}`"))
    } else {
        Problem::at(key_path, format!("`{field}`: {}", clean(&message)))
    };
    problem.help(help)
}

fn as_map<'a>(
    value: &'a Value,
    path: Vec<Seg<'a>>,
    message: &str,
    problems: &mut Vec<Problem<'a>>,
) -> Option<&'a Mapping> {
    match value {
        Value::Mapping(map) => Some(map),
        Value::Null => None,
        _ => {
            problems.push(Problem::at(path, format!("{message}, not {}", kind_of(value))));
            None
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// serde's message without serde_yaml's position suffix.
fn clean(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn backticked_after<'m>(message: &'m str, marker: &str) -> Option<&'m str> {
    let start = message.find(marker)? + marker.len();
    let end = message[start..].find('`')? + start;
    Some(&message[start..end])
}

/// "did you mean `x`?" from serde's "unknown field/variant `y`, expected one of `a`, `b`".
fn did_you_mean(message: &str) -> Option<String> {
    let wrong =
        backticked_after(message, "unknown field `").or_else(|| backticked_after(message, "unknown variant `"))?;
    let expected = &message[message.find("expected")?..];
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = names
        .iter()
        .map(|n| (strsim::levenshtein(wrong, n), *n))
        .filter(|&(d, n)| d <= 3.max(n.len() / 3))
        .min()?;
    Some(format!("did you mean `{}`?", best.1))
}

/// Problems serde cannot see: duplicates, bad patterns, unknown codes,
/// malformed custom rules, missing source files.
fn check_meaning<'a>(
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
                    let super::SourceRef::Path(source) = source else {
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
                if let Err(e) = super::custom::compile_pattern(pattern) {
                    problems
                        .push(Problem::at(path(&[Seg::Key("pattern")]), "invalid pattern").help(Some(e.to_string())));
                }
            }
        }
    }
}

/// The first problem of a rule file, for loading: the full validation minus
/// the checks that need the file system.
pub fn first_problem(name: &str, text: &str) -> Option<RuleError> {
    validate(name, text, None).1.into_iter().next()
}
