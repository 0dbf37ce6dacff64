//! Reading a rule file piece by piece: each top-level section, each list item
//! and each field of a failing item deserialised on its own from the YAML
//! value, so that one bad entry hides nothing else; serde's messages cleaned of
//! their positions, with "did you mean" for unknown keys and variants.
//!
//! Separate because it is about the file's shape (keys and types), while
//! `meaning` is about what a well-formed file says.

use super::Problem;
use crate::rules::schema::{CheckSetting, CustomRule, LexiconLists, OutletEntry, RuleFile, SpeakerEntry, VerbGroup};
use crate::rules::yaml::Seg;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

/// The items of the list sections that were read, with their index in the YAML.
#[derive(Default)]
pub(super) struct Items {
    pub(super) speakers: Vec<usize>,
    pub(super) rules: Vec<usize>,
}

fn unzip<T>(items: Vec<(usize, T)>) -> (Vec<usize>, Vec<T>) {
    items.into_iter().unzip()
}

/// Deserialise each section on its own, so one bad section hides nothing else.
pub(super) fn read_file<'a>(map: &'a Mapping, items: &mut Items, problems: &mut Vec<Problem<'a>>) -> RuleFile {
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
