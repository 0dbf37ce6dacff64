//! Scale features of the binary: JSON Lines input (`--input jsonl`) and
//! checking on many threads (`--jobs`) with the output in input order.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// The binary, run in `dir`, never coloured.
fn attrib(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.current_dir(dir).env_remove("NO_COLOR").arg("--color").arg("never");
    cmd
}

/// Short articles of different lengths, so that threads finish out of order.
fn articles() -> Vec<String> {
    (0..40)
        .map(|i| {
            let mut text = format!(
                "“We will reopen the mill in {},” said Oskar Brenn, the mayor of Tallow.\n\n",
                2030 + i
            );
            for _ in 0..(i % 7) {
                text.push_str("Experts say the river is rising. A senior official said the dam would hold.\n\n");
            }
            text
        })
        .collect()
}

fn lines_of(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn jsonl_gives_one_line_per_record_in_order_and_reports_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for (i, text) in articles().iter().enumerate() {
        if i == 2 {
            input.push_str("{\"id\": \"broken\", \"text\": \n");
        }
        let format = if i % 2 == 0 { "md" } else { "txt" };
        input.push_str(&serde_json::json!({"id": i, "text": text, "format": format}).to_string());
        input.push('\n');
    }
    std::fs::write(dir.path().join("r.jsonl"), &input).unwrap();
    for command in ["check", "extract"] {
        let output = attrib(dir.path())
            .args([command, "--input", "jsonl", "--jobs", "3", "r.jsonl"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}: a bad record exits 2");
        let lines = lines_of(&output.stdout);
        assert_eq!(lines.len(), 41, "{command}: every record and the bad one");
        assert_eq!(lines[2]["line"], 3);
        assert_eq!(lines[2]["input"], "r.jsonl");
        assert!(lines[2]["error"].as_str().unwrap().contains("not a JSON record"));
        let ids: Vec<&Value> = lines
            .iter()
            .filter(|l| l.get("error").is_none())
            .map(|l| &l["id"])
            .collect();
        assert_eq!(
            ids,
            (0..40).map(Value::from).collect::<Vec<_>>().iter().collect::<Vec<_>>()
        );
        assert!(String::from_utf8_lossy(&output.stderr).contains("r.jsonl:3"));
    }
}

#[test]
fn a_record_gives_the_findings_of_the_same_text_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = &articles()[5];
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let record = serde_json::json!({"id": "a", "text": text, "format": "md"}).to_string();
    let from_record = attrib(dir.path())
        .args(["check", "--input", "jsonl", "-"])
        .write_stdin(record.clone())
        .output()
        .unwrap();
    let from_file = attrib(dir.path())
        .args(["check", "--format", "json", "a.md"])
        .output()
        .unwrap();
    let file: Value = serde_json::from_slice(&from_file.stdout).unwrap();
    let line = &lines_of(&from_record.stdout)[0];
    assert!(!file["files"][0]["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(line["diagnostics"], file["files"][0]["diagnostics"]);
    assert_eq!(from_record.status.code(), from_file.status.code());

    let from_record = attrib(dir.path())
        .args(["extract", "--input", "jsonl", "-"])
        .write_stdin(record)
        .output()
        .unwrap();
    let from_file = attrib(dir.path())
        .args(["extract", "--format", "json", "a.md"])
        .output()
        .unwrap();
    let file: Value = serde_json::from_slice(&from_file.stdout).unwrap();
    let line = &lines_of(&from_record.stdout)[0];
    assert_eq!(line["attributions"], file["files"][0]["attributions"]);
    assert_eq!(line["speakers"], file["files"][0]["speakers"]);
}

#[test]
fn many_threads_write_what_one_thread_writes() {
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in articles().iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
    }
    std::fs::write(dir.path().join("020.txt"), b"not \xff UTF-8").unwrap();
    for args in [
        &["check", "--format", "json", "."][..],
        &["check", "--format", "jsonl", "."],
        &["check", "."],
        &["extract", "--format", "json", "."],
        &["extract", "--format", "csv", "."],
    ] {
        let one = attrib(dir.path()).args(args).args(["--jobs", "1"]).output().unwrap();
        let four = attrib(dir.path()).args(args).args(["--jobs", "4"]).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&one.stdout),
            String::from_utf8_lossy(&four.stdout),
            "{args:?}"
        );
        assert_eq!(one.status.code(), Some(2), "{args:?}: the bad file exits 2");
        assert_eq!(four.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&four.stderr).contains("020.txt"));
    }
}
