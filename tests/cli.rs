//! The `attrib` binary end to end: exit codes, the JSON contracts, errors on
//! stderr, the subcommands, and one snapshot of the human output.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

const CLEAN: &str = "The council met on Monday.\n";
const VAGUE: &str = "Experts say the bridge is unsafe.\n";
const UNBALANCED: &str = "She said \"we will win.\n";

/// The binary, run in `dir`, never coloured.
fn attrib(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.current_dir(dir).env_remove("NO_COLOR").arg("--color").arg("never");
    cmd
}

fn temp_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn clean_text_exits_0() {
    let dir = temp_with(&[("clean.txt", CLEAN.as_bytes())]);
    attrib(dir.path())
        .args(["check", "clean.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 file checked: 0 errors, 0 warnings, 0 infos",
        ));
}

#[test]
fn an_error_finding_exits_1() {
    let dir = temp_with(&[("q.txt", UNBALANCED.as_bytes())]);
    attrib(dir.path())
        .args(["check", "q.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("attrib::unbalanced-quote"));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = temp_with(&[("v.txt", VAGUE.as_bytes())]);
    attrib(dir.path()).args(["check", "v.txt"]).assert().code(0);
    attrib(dir.path())
        .args(["check", "--fail-on", "warning", "v.txt"])
        .assert()
        .code(1);
    attrib(dir.path())
        .args(["check", "--fail-on", "nonsense", "v.txt"])
        .assert()
        .code(2);
}

#[test]
fn select_and_ignore_choose_the_codes_reported() {
    let both = "Experts say the bridge is unsafe. She said \"we will win.\n";
    let dir = temp_with(&[("b.txt", both.as_bytes())]);
    let codes = |args: &[&str]| -> Vec<String> {
        let output = attrib(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .arg("b.txt")
            .output()
            .unwrap();
        json_of(&output)["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(&[]).contains(&"vague-source".to_string()));
    assert_eq!(codes(&["--select", "vague-source"]), ["vague-source"]);
    assert!(!codes(&["--ignore", "vague-source"]).contains(&"vague-source".to_string()));
    // Ignoring the only error makes the run clean.
    attrib(dir.path()).args(["check", "b.txt"]).assert().code(1);
    attrib(dir.path())
        .args(["check", "--ignore", "unbalanced-quote,unattributed-quote", "b.txt"])
        .assert()
        .code(0);
    attrib(dir.path())
        .args(["check", "--select", "vage-source", "b.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `vague-source`"));
}

#[test]
fn a_missing_file_exits_2_and_the_others_are_still_reported() {
    let dir = temp_with(&[("v.txt", VAGUE.as_bytes())]);
    let output = attrib(dir.path())
        .args(["check", "--format", "json", "missing.txt", "v.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"))
        .get_output()
        .clone();
    let json = json_of(&output);
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][0]["path"], "v.txt");
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "vague-source");
}

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let dir = temp_with(&[("bad.txt", b"ok\nab\xffcd\n"), ("clean.txt", CLEAN.as_bytes())]);
    attrib(dir.path())
        .args(["check", "bad.txt", "clean.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad.txt is not valid UTF-8").and(predicate::str::contains("line 2, column 3")),
        )
        .stdout(predicate::str::contains("1 file checked"));
}

#[test]
fn a_bad_rule_file_exits_2_pointing_into_the_yaml() {
    let dir = temp_with(&[
        ("bad.yaml", b"publication: X\nspeakerz: []\n"),
        ("clean.txt", CLEAN.as_bytes()),
    ]);
    attrib(dir.path())
        .args(["check", "--rules", "bad.yaml", "clean.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml:2:1").and(predicate::str::contains("speakerz")));
    attrib(dir.path())
        .args(["rules", "check", "bad.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml:2:1"));
}

#[test]
fn attrib_yaml_is_found_in_a_parent_folder() {
    let dir = temp_with(&[("attrib.yaml", b"checks:\n  vague-source: error\n")]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/v.txt"), VAGUE).unwrap();
    attrib(&dir.path().join("sub"))
        .args(["check", "v.txt"])
        .assert()
        .code(1);
}

#[test]
fn json_has_the_contract_shape() {
    let text = "The council met. Experts say the bridge is unsafe.\n";
    let dir = temp_with(&[("v.md", text.as_bytes())]);
    let output = attrib(dir.path())
        .args(["check", "--format", "json", "v.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json = json_of(&output);
    assert_eq!(json["version"], 1);
    let summary = &json["summary"];
    for key in ["files", "errors", "warnings", "infos"] {
        assert!(summary[key].is_u64(), "summary.{key}");
    }
    assert_eq!(summary["files"], 1);
    let diagnostic = &json["files"][0]["diagnostics"][0];
    for key in ["code", "severity", "message"] {
        assert!(diagnostic[key].is_string(), "{key}");
    }
    assert!(diagnostic["help"].is_string() || diagnostic["help"].is_null());
    for key in ["line", "column", "offset", "length"] {
        assert!(diagnostic[key].is_u64(), "{key}");
    }
    assert_eq!(diagnostic["code"], "vague-source");
    assert_eq!(diagnostic["severity"], "warning");
    let (offset, length) = (
        diagnostic["offset"].as_u64().unwrap() as usize,
        diagnostic["length"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[offset..offset + length], "Experts");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(1), Some(18))
    );
    let labels = diagnostic["labels"].as_array().unwrap();
    assert!(!labels.is_empty());
    assert_eq!(labels[0]["offset"], diagnostic["offset"]);
    for label in labels {
        assert!(label["text"].is_string());
        for key in ["line", "column", "offset", "length"] {
            assert!(label[key].is_u64(), "label {key}");
        }
    }
}

#[test]
fn jsonl_and_github_formats() {
    let dir = temp_with(&[("v.txt", VAGUE.as_bytes())]);
    let output = attrib(dir.path())
        .args(["check", "--format", "jsonl", "v.txt"])
        .output()
        .unwrap();
    let line: Value = serde_json::from_str(String::from_utf8(output.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(
        (line["path"].as_str(), line["code"].as_str()),
        (Some("v.txt"), Some("vague-source"))
    );
    attrib(dir.path())
        .args(["check", "--format", "github", "v.txt"])
        .assert()
        .stdout(predicate::str::starts_with(
            "::warning file=v.txt,line=1,col=1,endLine=1,endColumn=8,title=vague-source::",
        ));
}

#[test]
fn extract_json_has_the_contract_shape() {
    let text = "\"We will not raise fares this year,\" said Tomas Lindqvist.\n";
    let dir = temp_with(&[("a.txt", text.as_bytes())]);
    let output = attrib(dir.path())
        .args(["extract", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json = json_of(&output);
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    assert_eq!(file["path"], "a.txt");
    let a = &file["attributions"][0];
    assert_eq!(a["kind"], "direct");
    assert_eq!(a["speaker"]["text"], "Tomas Lindqvist");
    assert_eq!(a["speaker"]["name"], "Tomas Lindqvist");
    assert_eq!(a["speaker"]["class"], "person");
    assert!(a["speaker"]["role"].is_null() || a["speaker"]["role"].is_string());
    assert!(a["speaker"]["affiliation"].is_null() || a["speaker"]["affiliation"].is_string());
    assert_eq!(a["cue"]["text"], "said");
    assert_eq!(a["content"]["text"], "We will not raise fares this year,");
    assert!(a["recipient"].is_null());
    for part in ["speaker", "cue", "content"] {
        let offset = a[part]["offset"].as_u64().unwrap() as usize;
        let length = a[part]["length"].as_u64().unwrap() as usize;
        assert_eq!(
            &text[offset..offset + length],
            a[part]["text"].as_str().unwrap(),
            "{part}"
        );
        assert_eq!(a[part]["line"], 1);
    }
    let speaker = &file["speakers"][0];
    assert_eq!(speaker["name"], "Tomas Lindqvist");
    assert!(speaker["aliases"].is_array());
    assert_eq!(speaker["class"], "person");
    assert_eq!(
        (speaker["first_line"].as_u64(), speaker["mentions"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(speaker["attributions"], 1);
}

#[test]
fn extract_table_and_csv() {
    let text = "\"We will not raise fares this year,\" said Tomas Lindqvist.\n";
    let dir = temp_with(&[("a.txt", text.as_bytes())]);
    attrib(dir.path())
        .args(["extract", "a.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Tomas Lindqvist").and(predicate::str::contains("SPEAKER")));
    attrib(dir.path())
        .args(["extract", "--format", "csv", "a.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("path,line,column,kind,").and(predicate::str::contains(
            "a.txt,1,43,direct,Tomas Lindqvist,Tomas Lindqvist,person,,,said,\"We will not raise fares this year,\",",
        )));
}

#[test]
fn explain_prints_the_documentation() {
    attrib(repo())
        .args(["explain", "vague-source"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## What it does").and(predicate::str::contains("Default severity: warning")));
    attrib(repo())
        .args(["explain", "vague-sources"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `vague-source`?"));
    attrib(repo())
        .args(["explain", "misquote"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## What it does").and(predicate::str::contains("Default severity: error")));
    attrib(repo())
        .arg("explain")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("unbalanced-quote"));
}

#[test]
fn init_writes_a_rule_file_that_rules_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    attrib(dir.path()).arg("init").assert().code(0);
    assert!(dir.path().join("attrib.yaml").is_file());
    attrib(dir.path())
        .args(["rules", "check"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("attrib.yaml: ok"));
    attrib(dir.path())
        .args(["rules", "check", "attrib.yaml"])
        .assert()
        .code(0);
    attrib(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn stdin_is_read_for_a_dash() {
    let output = attrib(repo())
        .args(["check", "--format", "json", "-"])
        .write_stdin(VAGUE)
        .output()
        .unwrap();
    let json = json_of(&output);
    assert_eq!(json["files"][0]["path"], "<stdin>");
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "vague-source");
}

#[test]
fn folders_are_walked_in_order() {
    let dir = temp_with(&[
        ("b.md", VAGUE.as_bytes()),
        ("a.txt", CLEAN.as_bytes()),
        ("notes.yaml", b"x: 1\n"),
    ]);
    let output = attrib(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let json = json_of(&output);
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./a.txt", "./b.md"]);
}

#[test]
fn crlf_and_bom_give_the_same_positions_as_lf() {
    let lf = "Officials met. Experts say the bridge is unsafe.\n\nThe mayor agreed. Critics argue the plan is late.\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let dir = temp_with(&[("lf.txt", lf.as_bytes()), ("crlf.txt", crlf.as_bytes())]);
    let positions = |name: &str| -> Vec<(String, u64, u64)> {
        let output = attrib(dir.path())
            .args(["check", "--format", "json", name])
            .output()
            .unwrap();
        let json = json_of(&output);
        json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let expected = positions("lf.txt");
    assert!(
        expected.iter().any(|(_, line, column)| (*line, *column) == (1, 16)),
        "{expected:?}"
    );
    assert_eq!(positions("crlf.txt"), expected);
}

/// The human output for an example article. It changes as the grammar and the
/// checks improve: review the diff and accept it with `cargo insta accept`.
#[test]
fn human_output_snapshot() {
    let output = attrib(repo())
        .args(["check", "--rules", "examples/attrib.yaml", "examples/port-strike.txt"])
        .output()
        .unwrap();
    insta::assert_snapshot!("port_strike_human", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn each_file_uses_the_attrib_yaml_of_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("newsroom/attrib.yaml", "checks:\n  vague-source: off\n"),
        ("newsroom/story.txt", "Experts say the bridge is unsafe.\n"),
        ("elsewhere/story.txt", "Experts say the bridge is unsafe.\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let run = |file: &str| {
        let output = attrib(dir.path())
            .args(["check", "--format", "json", file])
            .output()
            .unwrap();
        json_of(&output)["summary"]["warnings"].as_u64().unwrap()
    };
    assert_eq!(
        run("newsroom/story.txt"),
        0,
        "the newsroom's attrib.yaml switches vague-source off"
    );
    assert_eq!(run("elsewhere/story.txt"), 1, "no attrib.yaml: the defaults apply");
}

/// The subcommands every generated completion script and man page must name.
const SUBCOMMANDS: &[&str] = &["check", "extract", "rules", "explain", "init", "completions", "man"];

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = attrib(repo()).args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for subcommand in SUBCOMMANDS {
            assert!(script.contains(subcommand), "{shell} completions lack {subcommand}");
        }
        // Options of a subcommand are completed too.
        assert!(script.contains("fail-on"), "{shell} completions lack --fail-on");
    }
    attrib(repo())
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn man_page_on_stdout_and_a_page_per_subcommand_with_dir() {
    let output = attrib(repo()).arg("man").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH attrib 1"), "{page}");
    for subcommand in SUBCOMMANDS {
        assert!(
            page.contains(&format!("attrib\\-{subcommand}(1)")),
            "the page lacks {subcommand}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    attrib(repo())
        .args(["man", "--quiet", "--dir"])
        .arg(&pages)
        .assert()
        .code(0)
        .stderr("");
    for subcommand in SUBCOMMANDS {
        let page = std::fs::read_to_string(pages.join(format!("attrib-{subcommand}.1"))).unwrap();
        assert!(page.contains(&format!(".TH attrib-{subcommand} 1")), "{page}");
    }
    let check = std::fs::read_to_string(pages.join("attrib-check.1")).unwrap();
    assert!(check.contains("fail\\-on"), "{check}");
    // A folder that cannot be made is an error, exit 2.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    attrib(repo())
        .args(["man", "--dir"])
        .arg(file.join("sub"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write the manual pages"));
}
