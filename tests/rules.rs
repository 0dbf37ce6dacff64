//! Rule authoring: the examples in the default rules, `attrib rules test`,
//! `attrib rules check`, custom rules and suppression.

use assert_cmd::Command;
use attrib::rules::{examples, parse_rule_file, RuleSet, DEFAULT_RULE_FILES};
use attrib::{Engine, InputFormat, SourceFile};
use predicates::prelude::*;
use std::path::Path;

/// The binary, run in `dir`, never coloured.
fn attrib(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.current_dir(dir).env_remove("NO_COLOR").arg("--color").arg("never");
    cmd
}

fn temp_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Codes of the findings on `text` with the defaults plus `yaml`.
fn codes(yaml: &str, text: &str, format: InputFormat) -> Vec<String> {
    let mut rules = RuleSet::defaults();
    rules.merge("test.yaml", parse_rule_file("test.yaml", yaml).expect("rules parse"));
    let engine = Engine::new(rules);
    engine
        .check(&SourceFile::new("t", text, format))
        .into_iter()
        .map(|f| f.code.into_owned())
        .collect()
}

#[test]
fn the_default_examples_pass() {
    let mut run = 0;
    for (name, report) in examples::test_defaults() {
        run += report.run;
        let failures: Vec<String> = report
            .failures
            .iter()
            .map(|f| format!("{}:{:?}: {}", name, f.position(), f.message))
            .collect();
        assert!(failures.is_empty(), "{failures:#?}");
    }
    assert!(run > 0);
}

#[test]
fn every_check_has_flag_and_pass_examples() {
    let mut files = Vec::new();
    for (name, text) in DEFAULT_RULE_FILES {
        files.push(parse_rule_file(name, text).unwrap());
    }
    for check in attrib::checks::ALL {
        let code = check.info().code;
        let examples: Vec<_> = files
            .iter()
            .filter_map(|f| f.checks.get(code))
            .filter_map(|s| s.examples())
            .collect();
        assert!(
            examples.iter().any(|e| !e.flag.is_empty()),
            "{code} has no flag example"
        );
        assert!(
            examples.iter().any(|e| !e.pass.is_empty()),
            "{code} has no pass example"
        );
    }
}

#[test]
fn the_short_and_long_check_forms_both_set_severity() {
    let file = parse_rule_file(
        "a.yaml",
        "checks:\n  vague-source: error\n  loaded-verb: {severity: off, examples: {pass: [x]}}\n  late-full-name: {}\n",
    )
    .unwrap();
    let mut rules = RuleSet::defaults();
    rules.merge("a.yaml", file);
    assert_eq!(
        rules.severity_of("vague-source", attrib::Severity::Warning),
        Some(attrib::Severity::Error)
    );
    assert_eq!(rules.severity_of("loaded-verb", attrib::Severity::Info), None);
    assert_eq!(
        rules.severity_of("late-full-name", attrib::Severity::Warning),
        Some(attrib::Severity::Warning)
    );
}

#[test]
fn rules_test_passes_good_examples() {
    let dir = temp_with(&[(
        "attrib.yaml",
        "checks:\n  vague-source:\n    severity: error\n    examples:\n      flag: [\"Experts say the pier is unsafe.\"]\n      pass: [\"Ola Berg, an engineer at the port, said the pier is unsafe.\"]\n",
    )]);
    attrib(dir.path())
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 examples in 1 rule file: 2 passed, 0 failed",
        ));
}

#[test]
fn rules_test_points_at_a_failing_example_and_exits_1() {
    let yaml = "checks:\n  vague-source:\n    examples:\n      flag:\n        - \"Ola Berg said the pier is unsafe.\"\n      pass:\n        - \"Experts say the pier is unsafe.\"\n";
    let dir = temp_with(&[("house.yaml", yaml)]);
    attrib(dir.path())
        .args(["rules", "test", "house.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2 examples in 1 rule file: 0 passed, 2 failed",
        ))
        .stderr(predicate::str::contains("`vague-source` does not flag this example"))
        .stderr(predicate::str::contains("[house.yaml:5:11]"))
        .stderr(predicate::str::contains("flags this `pass` example at “Experts”"))
        .stderr(predicate::str::contains("[house.yaml:7:11]"));
}

#[test]
fn rules_test_without_files_runs_the_defaults() {
    let dir = temp_with(&[]);
    attrib(dir.path())
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 0 failed"));
}

/// The rule file of issue 5, as written there.
const ISSUE_YAML: &str = r#"checks:
  vague-source: warning        # or error, info, off
rules:
  - id: no-sources-say
    kind: phrase
    phrases: [sources say]
    message: Name the sources.
    severity: warning
    examples:
      flag: ["Sources say the deal is off."]
      pass: ["Two ministers said the deal is off."]
"#;

#[test]
fn the_issue_rule_file_works_as_written() {
    let found = codes(ISSUE_YAML, "Sources say the deal is off.", InputFormat::Plain);
    assert!(found.contains(&"no-sources-say".to_string()), "{found:?}");
    let dir = temp_with(&[("attrib.yaml", ISSUE_YAML)]);
    attrib(dir.path())
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 examples in 1 rule file: 2 passed, 0 failed",
        ));
    std::fs::write(dir.path().join("a.txt"), "Sources say the deal is off.\n").unwrap();
    attrib(dir.path())
        .args(["check", "--format", "json", "a.txt"])
        .assert()
        .stdout(predicate::str::contains(r#""code": "no-sources-say""#))
        .stdout(predicate::str::contains("Name the sources."));
}

#[test]
fn phrase_rules_match_whole_words_outside_quotes_with_exceptions() {
    let yaml = "rules:\n  - id: no-slammed\n    kind: phrase\n    phrases: [slam, sources say]\n    exceptions: [sources say so]\n";
    let run = |text: &str| codes(yaml, text, InputFormat::Plain).contains(&"no-slammed".to_string());
    assert!(run("Critics slam the budget."));
    assert!(run("SOURCES SAY it is over."));
    assert!(!run("The slammed door shut."), "not inside a word");
    assert!(!run("Sources say so, but nobody else does."), "an exception");
    assert!(!run("“Sources say it is over,” Nils Berg said."), "inside a quote");
    let with_quotes = yaml.replace("kind: phrase", "kind: phrase\n    quotes: true");
    assert!(codes(
        &with_quotes,
        "“Sources say it is over,” Nils Berg said.",
        InputFormat::Plain
    )
    .contains(&"no-slammed".to_string()));
}

#[test]
fn substitution_rules_suggest_the_replacement() {
    let yaml = "rules:\n  - id: house-style\n    kind: substitution\n    swap: {utilise: use, in order to: to}\n    severity: info\n    link: https://example.org/style#use\n";
    let mut rules = RuleSet::defaults();
    rules.merge("h.yaml", parse_rule_file("h.yaml", yaml).unwrap());
    let engine = Engine::new(rules);
    let text = "The port will utilise new cranes in order to cut queues.";
    let findings: Vec<_> = engine
        .check(&SourceFile::new("t", text, InputFormat::Plain))
        .into_iter()
        .filter(|f| f.code == "house-style")
        .collect();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].span.slice(text), "utilise");
    assert_eq!(findings[0].message, "Use “use” rather than “utilise”");
    assert_eq!(findings[0].severity, attrib::Severity::Info);
    assert_eq!(
        findings[0].help.as_deref(),
        Some("write “use”\nsee https://example.org/style#use")
    );
    assert_eq!(findings[1].span.slice(text), "in order to");
}

#[test]
fn require_attribution_needs_a_source_in_the_sentence_or_paragraph() {
    let yaml = r#"rules:
  - id: casualties-need-a-source
    kind: require-attribution
    phrases: [were killed]
    pattern: '\b\d[\d,]* (?:people|residents) (?:died|were injured)\b'
    message: Say who gives the figure.
"#;
    let run = |text: &str| codes(yaml, text, InputFormat::Plain).contains(&"casualties-need-a-source".to_string());
    assert!(run("Twelve people were killed in the flood."));
    assert!(run("At least 1,200 people died in the storm."));
    assert!(!run("Twelve people were killed in the flood, the fire service said."));
    assert!(!run(
        "At least 1,200 people died in the storm. The coroner, Ada Lind, said more may be found."
    ));
    assert!(!run("The storm passed at noon."));
}

/// `attrib rules check` on one file: exit 2, and each (position, message) on stderr.
#[track_caller]
fn assert_rules_check_reports(yaml: &str, expected: &[(&str, &str)]) {
    let dir = temp_with(&[("r.yaml", yaml)]);
    let output = attrib(dir.path()).args(["rules", "check", "r.yaml"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for (position, message) in expected {
        let at = format!("[r.yaml:{position}]");
        assert!(stderr.contains(&at), "no {at} in:\n{stderr}");
        assert!(stderr.contains(message), "no {message:?} in:\n{stderr}");
    }
}

#[test]
fn rules_check_reports_a_syntax_error() {
    assert_rules_check_reports("a: [1, 2\nb: c\n", &[("2:2", "invalid YAML")]);
}

#[test]
fn rules_check_reports_unknown_keys_with_did_you_mean() {
    assert_rules_check_reports(
        "publication: X\nspeakerz: []\nspeakers:\n  - nmae: Ada Lind\n",
        &[
            ("2:1", "unknown key `speakerz`"),
            ("2:1", "did you mean `speakers`?"),
            ("4:5", "unknown key `nmae`"),
            ("4:5", "did you mean `name`?"),
        ],
    );
}

#[test]
fn rules_check_reports_wrong_types() {
    assert_rules_check_reports(
        "strict: maybe\nspeakers:\n  - name: Ada Lind\n    aliases: 3\nlexicon:\n  hedges: [1]\n",
        &[
            ("1:9", "`strict`: invalid type"),
            ("4:14", "`aliases`: invalid type"),
            ("6:12", "a `hedges` entry must be text"),
        ],
    );
}

#[test]
fn rules_check_reports_unknown_codes_and_bad_severities() {
    assert_rules_check_reports(
        "checks:\n  vague-sources: off\n  loaded-verb: warn\n",
        &[
            ("2:3", "unknown check code `vague-sources`"),
            ("2:3", "did you mean `vague-source`?"),
            ("3:16", "bad severity `warn` for `loaded-verb`"),
            ("3:16", "did you mean `warning`?"),
        ],
    );
}

#[test]
fn rules_check_reports_registry_problems() {
    assert_rules_check_reports(
        "speakers:\n  - name: Ada Lind\n    aliases: [AL]\n  - name: Ada Lind\n  - name: Ari Lund\n    aliases: [AL]\n    sources: [gone.txt]\n",
        &[
            ("4:11", "duplicate speaker `Ada Lind`"),
            ("6:15", "alias `AL` is claimed by two speakers"),
            ("7:15", "source file `gone.txt` does not exist"),
        ],
    );
}

#[test]
fn rules_check_reports_empty_and_duplicate_lexicon_entries() {
    assert_rules_check_reports(
        "lexicon:\n  vague_sources:\n    - pundits reckon\n    - \"\"\n    - pundits reckon\n",
        &[
            ("4:7", "empty entry in `vague_sources`"),
            ("5:7", "duplicate entry `pundits reckon` in `vague_sources`"),
        ],
    );
}

#[test]
fn rules_check_reports_bad_custom_rules() {
    assert_rules_check_reports(
        "rules:\n  - id: figures\n    kind: require-attribution\n    pattern: '(\\d+'\n  - id: Bad Id\n    kind: phrase\n  - id: x\n    kind: phrasee\n",
        &[
            ("4:14", "invalid pattern"),
            ("5:9", "rule id `Bad Id` is not kebab-case"),
            ("6:11", "a `phrase` rule needs `phrases`"),
            ("8:11", "did you mean `phrase`?"),
        ],
    );
}

#[test]
fn rules_check_accepts_the_starter_and_the_defaults() {
    let dir = temp_with(&[]);
    attrib(dir.path()).arg("init").assert().code(0);
    attrib(dir.path())
        .args(["rules", "check"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("attrib.yaml: ok"));
    for (name, text) in DEFAULT_RULE_FILES {
        let (file, errors) = attrib::rules::validate::validate(name, text, None);
        assert!(file.is_some());
        let problems: Vec<_> = errors.iter().map(|e| (e.position(), e.message.clone())).collect();
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
}

#[test]
fn extends_merges_the_named_files_first() {
    let dir = temp_with(&[
        (
            "newsroom.yaml",
            "extends: [default]\nchecks:\n  vague-source: off\n  loaded-verb: error\n",
        ),
        (
            "attrib.yaml",
            "extends: [default, newsroom.yaml]\nchecks:\n  loaded-verb: warning\n",
        ),
        ("a.txt", "Experts say the mayor admitted that the budget was wrong.\n"),
    ]);
    let output = attrib(dir.path())
        .args(["check", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("\"vague-source\""), "{stdout}");
    assert!(stdout.contains("\"loaded-verb\""), "{stdout}");
    assert!(stdout.contains("\"severity\": \"warning\""), "{stdout}");
    attrib(dir.path()).args(["rules", "check"]).assert().code(0);
}

#[test]
fn rules_check_reports_an_extends_cycle_and_a_missing_file() {
    let dir = temp_with(&[
        ("a.yaml", "extends:\n  - b.yaml\n"),
        ("b.yaml", "extends: [default, a.yaml]\n"),
        ("c.yaml", "extends: [nowhere.yaml]\n"),
    ]);
    attrib(dir.path())
        .args(["rules", "check", "a.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`extends` cycle"))
        .stderr(predicate::str::contains("[b.yaml:1:20]"));
    attrib(dir.path())
        .args(["rules", "check", "c.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "extended rule file `nowhere.yaml` does not exist",
        ))
        .stderr(predicate::str::contains("[c.yaml:1:11]"));
    attrib(dir.path())
        .args(["--rules", "a.yaml", "check", "-"])
        .write_stdin("Hello.\n")
        .assert()
        .code(2);
}

#[test]
fn markdown_comments_suppress_findings() {
    let md = "Experts say the pier is unsafe.\n\n<!-- attrib-disable vague-source -->\n\nAnalysts say the tolls will rise.\n\n<!-- attrib-enable vague-source -->\n\nCritics say the ferry is late.\n\n<!-- attrib-disable-next-line -->\nPundits say the bridge will close.\n\nObservers say the port is full.\n";
    let engine = Engine::new(RuleSet::defaults());
    let flagged: Vec<String> = engine
        .check(&SourceFile::new("a.md", md, InputFormat::Markdown))
        .into_iter()
        .filter(|f| f.code == "vague-source")
        .map(|f| f.span.slice(md).to_string())
        .collect();
    assert_eq!(flagged, ["Experts", "Critics", "Observers"]);
}

#[test]
fn a_registry_allow_silences_codes_for_that_speaker() {
    let text = "Kamila Sorenson said the pact was unlikely. Petra Lindahl said it was certain.";
    let yaml = "speakers:\n  - name: Kamila Sorenson\n    allow: [missing-affiliation]\n";
    let found = codes(yaml, text, InputFormat::Plain);
    assert_eq!(
        found.iter().filter(|c| *c == "missing-affiliation").count(),
        1,
        "{found:?}"
    );
    let without = codes("", text, InputFormat::Plain);
    assert_eq!(
        without.iter().filter(|c| *c == "missing-affiliation").count(),
        2,
        "{without:?}"
    );
}

/// The committed JSON Schema matches the serde types. Regenerate with
/// `UPDATE_SCHEMA=1 cargo test --test rules the_json_schema_is_current`.
#[test]
fn the_json_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/attrib.schema.json");
    let fresh = attrib::rules::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "schema/attrib.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test --test rules the_json_schema_is_current`"
    );
}

#[test]
fn an_allow_on_an_unnamed_source_matches_its_description() {
    let yaml = "speakers:\n  - name: a harbour official\n    allow: [anonymous-source]\n";
    let text = "A harbour official said the quay was closed.";
    assert!(!codes(yaml, text, InputFormat::Plain).contains(&"anonymous-source".to_string()));
    assert!(codes("", text, InputFormat::Plain).contains(&"anonymous-source".to_string()));
}

#[test]
fn speaker_policy_requires_a_reason_for_anonymity() {
    let yaml = r#"
rules:
  - id: anonymous-needs-reason
    kind: speaker-policy
    classes: [anonymous]
    require: reason
    message: Say why the source is anonymous.
"#;
    let flagged = codes(
        yaml,
        "A senior official said the talks had stalled.",
        InputFormat::Plain,
    );
    assert!(flagged.iter().any(|c| c == "anonymous-needs-reason"));
    let explained = codes(
        yaml,
        "A senior official, who spoke on condition of anonymity because the talks are confidential, said they had stalled.",
        InputFormat::Plain,
    );
    assert!(!explained.iter().any(|c| c == "anonymous-needs-reason"));
}

#[test]
fn speaker_policy_requires_a_state_media_label() {
    let yaml = r#"
outlets:
  - name: Harbour Radio
    tags: [state-media]
rules:
  - id: label-state-media
    kind: speaker-policy
    outlet-tags: [state-media]
    require: label
"#;
    let unlabelled = codes(
        yaml,
        "Lindqvist told Harbour Radio that fares would rise.",
        InputFormat::Plain,
    );
    assert!(unlabelled.iter().any(|c| c == "label-state-media"));
    let labelled = codes(
        yaml,
        "Lindqvist told Harbour Radio, a state media broadcaster, that fares would rise.",
        InputFormat::Plain,
    );
    assert!(!labelled.iter().any(|c| c == "label-state-media"));
}

#[test]
fn speaker_policy_requires_courtesy_titles_on_later_references() {
    let yaml = r#"
rules:
  - id: courtesy-title
    kind: speaker-policy
    classes: [person]
    require: courtesy-title
"#;
    let text = "Tomas Lindqvist, a councillor, said fares would rise. Lindqvist said buses would run.";
    assert!(codes(yaml, text, InputFormat::Plain)
        .iter()
        .any(|c| c == "courtesy-title"));
    let titled = "Tomas Lindqvist, a councillor, said fares would rise. Mr. Lindqvist said buses would run.";
    assert!(!codes(yaml, titled, InputFormat::Plain)
        .iter()
        .any(|c| c == "courtesy-title"));
}
