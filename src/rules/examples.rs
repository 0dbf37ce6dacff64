//! Tests inside rule files: each rule (custom, or a built-in check's setting)
//! may carry `examples: {flag: [...], pass: [...]}`. A `flag` text must
//! produce at least one finding of the rule's code, a `pass` text none.
//! `attrib rules test` runs them; failures point at the example in the YAML.

use super::yaml::{self, Seg};
use super::{RuleError, RuleFile, RuleSet};
use crate::{Engine, InputFormat, SourceFile};

/// The outcome of running one file's examples.
#[derive(Debug, Default)]
pub struct ExampleReport {
    /// How many example texts were checked.
    pub run: usize,
    /// One diagnostic per failing example.
    pub failures: Vec<RuleError>,
}

/// One rule's examples, found in a rule file.
struct Case<'f> {
    code: &'f str,
    setup: Option<&'f RuleFile>,
    /// Path to the rule's `examples` in the YAML tree.
    path: Vec<Seg<'f>>,
    flag: &'f [String],
    pass: &'f [String],
}

/// Run the examples of every rule in `file` (parsed from `text`, named
/// `name`), each text checked with `rules`: the merged set the file is part of.
pub fn run_examples(name: &str, text: &str, file: &RuleFile, rules: &RuleSet) -> ExampleReport {
    let mut cases = Vec::new();
    for (code, setting) in &file.checks {
        if let Some(examples) = setting.examples() {
            cases.push(Case {
                code,
                setup: examples.setup.as_deref(),
                path: vec![Seg::Key("checks"), Seg::Key(code), Seg::Key("examples")],
                flag: &examples.flag,
                pass: &examples.pass,
            });
        }
    }
    for (i, rule) in file.rules.iter().enumerate() {
        cases.push(Case {
            code: &rule.id,
            setup: rule.examples.setup.as_deref(),
            path: vec![Seg::Key("rules"), Seg::Index(i), Seg::Key("examples")],
            flag: &rule.examples.flag,
            pass: &rule.examples.pass,
        });
    }
    let mut report = ExampleReport::default();
    if cases.iter().all(|c| c.flag.is_empty() && c.pass.is_empty()) {
        return report;
    }
    let tree = yaml::parse(text).ok();
    let offset_of = |path: &[Seg<'_>]| tree.as_ref().map_or(0, |t| t.offset_of(path));
    // Inline transcripts (`sources: [{text: …}]`) let verification examples run.
    let shared = Engine::new(rules.clone()).with_sources(&[]).0;
    let off = |rules: &RuleSet, code: &str| match super::builtin_default(code) {
        Some(default) => rules.severity_of(code, default).is_none(),
        None => rules
            .rules
            .iter()
            .any(|r| r.id == code && r.severity.severity().is_none()),
    };
    for case in &cases {
        let own;
        let engine = match case.setup {
            Some(setup) => {
                let mut set = rules.clone();
                set.merge(&format!("{name} (examples setup)"), setup.clone());
                own = Engine::new(set).with_sources(&[]).0;
                &own
            }
            None => &shared,
        };
        let is_off = off(&engine.rules, case.code);
        for (which, list, must_flag) in [("flag", case.flag, true), ("pass", case.pass, false)] {
            for (i, example) in list.iter().enumerate() {
                report.run += 1;
                let source = SourceFile::new("example", example.as_str(), InputFormat::Plain);
                let findings: Vec<_> = engine
                    .check(&source)
                    .into_iter()
                    .filter(|f| f.code == case.code)
                    .collect();
                let mut path = case.path.clone();
                path.extend([Seg::Key(which), Seg::Index(i)]);
                let failure = match (must_flag, findings.first()) {
                    (true, None) => Some((
                        format!("`{}` does not flag this example", case.code),
                        if is_off {
                            format!("`{}` is off in this rule set", case.code)
                        } else {
                            "a `flag` example must produce at least one finding of the rule's code".to_string()
                        },
                    )),
                    (false, Some(f)) => Some((
                        format!(
                            "`{}` flags this `pass` example at “{}”",
                            case.code,
                            f.span.slice(example)
                        ),
                        format!("the finding: {}", f.message),
                    )),
                    _ => None,
                };
                if let Some((message, help)) = failure {
                    report
                        .failures
                        .push(RuleError::at(name, text, Some(offset_of(&path)), message, Some(help)));
                }
            }
        }
    }
    report
}

/// Parse a rule file, merge it over `base` and run its examples.
pub fn test_rule_file(name: &str, text: &str, mut base: RuleSet) -> Result<ExampleReport, RuleError> {
    let file = super::parse_rule_file(name, text)?;
    base.merge(name, file.clone());
    Ok(run_examples(name, text, &file, &base))
}

/// Run the examples of every embedded default rule file.
pub fn test_defaults() -> Vec<(&'static str, ExampleReport)> {
    let defaults = RuleSet::defaults();
    super::DEFAULT_RULE_FILES
        .iter()
        .map(|(name, text)| {
            let file = super::parse_rule_file(name, text).expect("default rules parse");
            (*name, run_examples(name, text, &file, &defaults))
        })
        .collect()
}
