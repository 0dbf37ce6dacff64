//! The output formats on the example articles: their shape (asserted) and
//! their text (snapshots in tests/snapshots/formats__*.snap). Snapshots
//! change when checks or the grammar improve: review the diff with
//! `cargo insta review` and accept it when it is right.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const EXAMPLES: &[&str] = &[
    "examples/city-council.md",
    "examples/ferry-fares.html",
    "examples/port-strike.txt",
];

/// The binary, run at the repository root with the example rule file.
fn attrib() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(["--color", "never", "--rules", "examples/attrib.yaml"]);
    cmd
}

fn run(args: &[&str]) -> String {
    let output = attrib().args(args).output().unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "attrib {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `args` followed by every example article.
fn on_examples(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend_from_slice(EXAMPLES);
    run(&all)
}

fn check(format: &str, paths: &[&str]) -> String {
    let mut args = vec!["check", "--format", format];
    args.extend_from_slice(paths);
    run(&args)
}

/// The findings of the JSON format, per file: (path, diagnostics).
fn json_findings(paths: &[&str]) -> Vec<(String, Vec<Value>)> {
    let json: Value = serde_json::from_str(&check("json", paths)).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["diagnostics"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

#[test]
fn sarif_has_the_structure_github_code_scanning_requires() {
    let text = check("sarif", EXAMPLES);
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "attrib");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 14, "every built-in check is a rule");
    for rule in rules {
        assert!(rule["id"].as_str().is_some_and(|id| !id.is_empty()));
        assert!(rule["shortDescription"]["text"].as_str().is_some());
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
    }
    let vague = rules.iter().find(|r| r["id"] == "vague-source").unwrap();
    assert!(vague["help"]["text"].as_str().unwrap().contains("## Why is this bad?"));

    let results = runs[0]["results"].as_array().unwrap();
    let expected: usize = json_findings(EXAMPLES).iter().map(|(_, d)| d.len()).sum();
    assert_eq!(results.len(), expected, "one result per finding");
    for result in results {
        let rule_id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], rule_id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(EXAMPLES.contains(&uri), "{uri} is relative to the repository root");
        let region = &location["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key}");
        }
        // The byte region holds what the message is about.
        let source = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(uri)).unwrap();
        let start = region["byteOffset"].as_u64().unwrap() as usize;
        let length = region["byteLength"].as_u64().unwrap() as usize;
        assert!(start + length <= source.len());
        assert!(
            std::str::from_utf8(&source[start..start + length]).is_ok(),
            "a region ends on characters"
        );
    }
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!("ferry_fares_sarif", check("sarif", &["examples/ferry-fares.html"]));
}

#[test]
fn github_annotations_one_per_finding() {
    let text = check("github", EXAMPLES);
    let findings = json_findings(EXAMPLES);
    let total: usize = findings.iter().map(|(_, d)| d.len()).sum();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), total);
    let pattern = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::.+$",
    )
    .unwrap();
    for line in &lines {
        assert!(pattern.is_match(line), "{line}");
    }
    insta::assert_snapshot!("examples_github", text);
}

#[test]
fn jsonl_one_finding_per_line() {
    let text = check("jsonl", EXAMPLES);
    let findings = json_findings(EXAMPLES);
    let expected: Vec<(String, String, u64)> = findings
        .iter()
        .flat_map(|(path, d)| {
            d.iter().map(move |f| {
                (
                    path.clone(),
                    f["code"].as_str().unwrap().to_string(),
                    f["offset"].as_u64().unwrap(),
                )
            })
        })
        .collect();
    let got: Vec<(String, String, u64)> = text
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            for key in [
                "path", "code", "severity", "message", "line", "column", "offset", "length", "labels",
            ] {
                assert!(v.get(key).is_some(), "{key} in {line}");
            }
            (
                v["path"].as_str().unwrap().to_string(),
                v["code"].as_str().unwrap().to_string(),
                v["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected, "the same findings as the JSON object, in order");
    insta::assert_snapshot!("examples_jsonl", text);
}

#[test]
fn html_input_positions_are_offsets_into_the_original_file() {
    let path = "examples/ferry-fares.html";
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let findings = json_findings(&[path]);
    let diagnostics = &findings[0].1;
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let offset = d["offset"].as_u64().unwrap() as usize;
        let length = d["length"].as_u64().unwrap() as usize;
        let text = &source[offset..offset + length];
        // The line and column agree with the offset.
        let line = source[..offset].matches('\n').count() + 1;
        let column = source[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(
            (
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize
            ),
            (line, column)
        );
        assert!(!text.starts_with('<'), "a finding starts in text, not in a tag: {text}");
    }
    let vague = diagnostics.iter().find(|d| d["code"] == "vague-source").unwrap();
    let offset = vague["offset"].as_u64().unwrap() as usize;
    assert_eq!(
        &source[offset..offset + vague["length"].as_u64().unwrap() as usize],
        "Experts"
    );
    // Nothing in the script, the navigation, the figure or the comment is read.
    let extract: Value = serde_json::from_str(&run(&["extract", "--format", "json", path])).unwrap();
    let speakers: Vec<&str> = extract["files"][0]["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(speakers.contains(&"Elena García"), "references decoded: {speakers:?}");
    for attribution in extract["files"][0]["attributions"].as_array().unwrap() {
        let offset = attribution["speaker"]["offset"].as_u64().unwrap() as usize;
        let line = source[..offset].matches('\n').count() + 1;
        let text = source.lines().nth(line - 1).unwrap();
        assert!(text.starts_with("<p>"), "speaker on an article paragraph: {text}");
    }
}

#[test]
fn html_report_snapshot() {
    let page = check("html", &["examples/ferry-fares.html"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    for forbidden in ["<script", "http://", "https://", "<link", "@import", "url("] {
        assert!(!page.contains(forbidden), "self-contained: no {forbidden}");
    }
    insta::assert_snapshot!("ferry_fares_html", page);
}

#[test]
fn extract_summary_formats_agree() {
    let json: Value = serde_json::from_str(&on_examples(&["extract", "--summary", "--format", "json"])).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), EXAMPLES.len());
    let total = &json["total"];
    for key in [
        "total",
        "named",
        "organisations",
        "documents",
        "anonymous",
        "vague",
        "unresolved",
    ] {
        let sum: u64 = files.iter().map(|f| f["sources"][key].as_u64().unwrap()).sum();
        assert_eq!(total["sources"][key].as_u64().unwrap(), sum, "{key}");
    }
    let classes: u64 = [
        "named",
        "organisations",
        "documents",
        "anonymous",
        "vague",
        "unresolved",
    ]
    .iter()
    .map(|k| total["sources"][k].as_u64().unwrap())
    .sum();
    assert_eq!(classes, total["sources"]["total"].as_u64().unwrap());
    let statements = &total["statements"];
    assert_eq!(
        statements["quotes"].as_u64().unwrap() + statements["paraphrases"].as_u64().unwrap(),
        statements["total"].as_u64().unwrap()
    );

    let csv = on_examples(&["extract", "--summary", "--format", "csv"]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), EXAMPLES.len() + 2, "header, one row per article, total");
    assert!(rows.last().unwrap().starts_with("total,"));
    let columns = rows[0].split(',').count();
    assert!(rows.iter().all(|r| r.split(',').count() == columns));

    let table = on_examples(&["extract", "--summary"]);
    insta::assert_snapshot!("examples_audit_table", table);
}

/// The .docx fixtures (scripts/make-docx-fixtures.py writes them): one story
/// as story.docx and as story.txt, and one file per error.
const DOCX_DIR: &str = "tests/docx";

/// (code, message, line, column, length) of every diagnostic and label.
fn positions(diagnostics: &[Value]) -> Vec<(String, String, u64, u64, u64)> {
    let at = |v: &Value, code: &str, text: &str| {
        (
            code.to_string(),
            text.to_string(),
            v["line"].as_u64().unwrap(),
            v["column"].as_u64().unwrap(),
            v["length"].as_u64().unwrap(),
        )
    };
    let mut all = Vec::new();
    for d in diagnostics {
        let code = d["code"].as_str().unwrap();
        all.push(at(d, code, d["message"].as_str().unwrap()));
        for label in d["labels"].as_array().unwrap() {
            all.push(at(label, code, label["text"].as_str().unwrap_or("")));
        }
    }
    all
}

#[test]
fn docx_gives_the_findings_of_the_same_story_in_text_at_paragraph_and_character() {
    // The generated file, and the same saved again by LibreOffice Writer.
    for name in ["story.docx", "story-libreoffice.docx"] {
        docx_matches_the_text(&format!("{DOCX_DIR}/{name}"));
    }
}

fn docx_matches_the_text(docx: &str) {
    let docx = docx.to_string();
    let txt = format!("{DOCX_DIR}/story.txt");
    let files = json_findings(&[&docx, &txt]);
    assert_eq!(files[0].0, docx);
    let (from_docx, from_txt) = (positions(&files[0].1), positions(&files[1].1));
    let codes: Vec<&str> = files[0].1.iter().map(|d| d["code"].as_str().unwrap()).collect();
    // The surname before the full name, the loaded verb, and the vague source in the footnote.
    for code in ["late-full-name", "loaded-verb", "vague-source"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    // story.txt has a blank line between paragraphs: its line 2N-1 is paragraph N.
    let as_txt: Vec<_> = from_docx
        .iter()
        .map(|(code, text, paragraph, character, length)| {
            (code.clone(), text.clone(), 2 * paragraph - 1, *character, *length)
        })
        .collect();
    assert_eq!(as_txt, from_txt);

    // Paragraph and character: the headline is paragraph 1, the story's
    // second paragraph names Brandvik 94 characters in; the footnote is the
    // last paragraph, after the body's nine.
    let late = &files[0].1.iter().find(|d| d["code"] == "late-full-name").unwrap();
    assert_eq!((late["line"].as_u64(), late["column"].as_u64()), (Some(2), Some(95)));
    let vague = &files[0].1.iter().find(|d| d["code"] == "vague-source").unwrap();
    assert_eq!((vague["line"].as_u64(), vague["column"].as_u64()), (Some(10), Some(1)));

    // SARIF and the human format give the same paragraph and character.
    let sarif: Value = serde_json::from_str(&check("sarif", &[&docx])).unwrap();
    let result = &sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "late-full-name")
        .unwrap()["locations"][0]["physicalLocation"];
    assert_eq!(result["artifactLocation"]["uri"], docx);
    assert_eq!(result["region"]["startLine"], 2);
    assert_eq!(result["region"]["startColumn"], 95);
    let human = check("human", &[&docx]);
    assert!(human.contains(&format!("[{docx}:2:95]")), "{human}");
    // The tracked deletion is not read, the insertion is.
    assert!(!human.contains("almost certainly"), "{human}");
    assert!(human.contains("who represents the island wards, claimed"), "{human}");
}

#[test]
fn docx_attributions_match_the_text() {
    let speakers = |path: &str| -> Vec<(String, u64, u64)> {
        let json: Value = serde_json::from_str(&run(&["extract", "--format", "json", path])).unwrap();
        json["files"][0]["attributions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let speaker = &a["speaker"];
                (
                    speaker["name"].as_str().unwrap_or("").to_string(),
                    speaker["line"].as_u64().unwrap(),
                    speaker["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let from_docx = speakers(&format!("{DOCX_DIR}/story.docx"));
    assert!(
        from_docx.iter().any(|(name, ..)| name == "Tomasz Reyes"),
        "{from_docx:?}"
    );
    let as_txt: Vec<_> = from_docx
        .into_iter()
        .map(|(n, line, col)| (n, 2 * line - 1, col))
        .collect();
    assert_eq!(as_txt, speakers(&format!("{DOCX_DIR}/story.txt")));
}

#[test]
fn docx_from_stdin_is_recognised_by_its_zip_signature() {
    let bytes = std::fs::read(format!("{}/{DOCX_DIR}/story.docx", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let output = attrib()
        .args(["check", "--format", "json", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"late-full-name"), "{codes:?}");
}

/// The human format's error text with miette's line wrapping undone.
fn unwrapped(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
}

#[test]
fn broken_docx_files_are_errors_naming_the_file_and_the_rest_is_checked() {
    let expected = [
        ("corrupt.docx", "the zip archive is damaged"),
        ("encrypted.docx", "password-protected"),
        ("malformed.docx", "word/document.xml is not well-formed XML"),
        ("no-document.docx", "its main part, word/document.xml, is missing"),
        ("not-word.docx", "is a zip archive, not a Word document"),
    ];
    // Each alone: exit 2, the file and the reason on stderr.
    for (file, reason) in expected {
        let path = format!("{DOCX_DIR}/{file}");
        let output = attrib().args(["check", &path]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{file}");
        let stderr = unwrapped(&output.stderr);
        assert!(stderr.contains(&path) && stderr.contains(reason), "{file}: {stderr}");
    }
    // A legacy .doc is the same kind of file as an encrypted .docx.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("old-story.doc");
    std::fs::copy(
        format!("{}/{DOCX_DIR}/encrypted.docx", env!("CARGO_MANIFEST_DIR")),
        &doc,
    )
    .unwrap();
    let output = attrib().arg("check").arg(&doc).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = unwrapped(&output.stderr);
    assert!(
        stderr.contains("old-story.doc is password-protected or a legacy Word .doc file"),
        "{stderr}"
    );
    // The folder: every error in the report's problems, both good files checked.
    let output = attrib().args(["check", "--format", "json", DOCX_DIR]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let checked: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let stories = ["story-libreoffice.docx", "story.docx", "story.txt"];
    assert_eq!(checked, stories.map(|f| format!("{DOCX_DIR}/{f}")));
    let problems: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    let broken: Vec<String> = expected.iter().map(|(f, _)| format!("{DOCX_DIR}/{f}")).collect();
    assert_eq!(problems, broken);
}
