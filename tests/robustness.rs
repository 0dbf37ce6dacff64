//! Hostile input end to end (issue 8): bad files among good ones, folders
//! with symlink loops and binary files, bad rule files, a pipe that closes
//! early, Ctrl-C during `--output FILE`. An input a fuzz target (fuzz/)
//! finds to crash goes here as a test, so it stays fixed
//! (`inputs_the_fuzzers_crashed_on`; docs/robustness.md lists the runs).

#[path = "support/invariants.rs"]
mod invariants;

use assert_cmd::Command;
use attrib::rules::{parse_rule_file, yaml, MAX_RULE_FILE_BYTES};
use attrib::{Engine, InputFormat, RuleSet, SourceFile};
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const VAGUE: &str = "Experts say the bridge is unsafe.\n";

fn attrib(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.current_dir(dir).arg("--color").arg("never");
    cmd
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn paths_in(json: &Value) -> Vec<&str> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

/// Files left in `dir` whose names start with `prefix`.
fn leftovers(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

#[test]
fn bad_files_are_reported_and_every_other_file_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "articles/a-good.txt", VAGUE);
    write(root, "articles/b-not-utf8.txt", b"Fine line.\nBroken \xff here.\n");
    write(root, "articles/c-binary.txt", b"PK\x03\x04\0\0\x14\0binary");
    write(
        root,
        "articles/d-utf16.txt",
        "Experts say so."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    write(root, "articles/e-sub/f-good.md", VAGUE);
    write(
        root,
        "articles/g-late-nul.txt",
        format!("{}Experts say\0 it.\n", "Filler words here. ".repeat(600)),
    );
    std::os::unix::fs::symlink(root.join("articles"), root.join("articles/e-sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("articles/nowhere.txt"), root.join("articles/h-dangling.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("articles/a-good.txt"), root.join("articles/i-linked.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("articles/j-fifo.txt"))
        .status();
    assert!(fifo.unwrap().success(), "mkfifo");

    let output = attrib(root)
        .args(["check", "--format", "json", "articles"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a bad file makes the run exit 2");
    let json: Value = serde_json::from_slice(&output.stdout).expect("the report is still complete JSON");
    assert_eq!(
        paths_in(&json),
        [
            "articles/a-good.txt",
            "articles/e-sub/f-good.md",
            "articles/g-late-nul.txt",
            "articles/i-linked.txt"
        ],
        "every readable article is checked, a linked one too; the FIFO is skipped, not read"
    );
    for file in json["files"].as_array().unwrap() {
        assert!(!file["diagnostics"].as_array().unwrap().is_empty(), "{file}");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "b-not-utf8.txt is not valid UTF-8: invalid byte at line 2, column 8",
        "c-binary.txt looks like a binary file (a NUL byte at offset 4)",
        "d-utf16.txt looks like a binary file",
        "symbolic link loop",
        "h-dangling.txt",
    ] {
        assert!(stderr.contains(expected), "stderr lacks {expected:?}:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A command that runs attrib as the unprivileged user `nobody` (uid 65534)
/// when this test runs as root, so that a mode-000 file really cannot be read;
/// `None` (the test is skipped, with a message) when that is not possible.
fn attrib_unprivileged(dir: &Path) -> Option<Command> {
    let probe = dir.join(".probe");
    std::fs::write(&probe, "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    if !privileged {
        return Some(attrib(dir));
    }
    // As root: drop to nobody with setpriv (util-linux), if it is there and
    // nobody may run the binary and enter the folder.
    let setpriv = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let can_run = std::process::Command::new("setpriv")
        .args(setpriv)
        .arg(env!("CARGO_BIN_EXE_attrib"))
        .arg("--version")
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    if !can_run {
        eprintln!(
            "skipped: running as root, and `setpriv --reuid=65534` cannot run {} in {} \
             (setpriv missing, or the binary or folder not open to other users)",
            env!("CARGO_BIN_EXE_attrib"),
            dir.display()
        );
        return None;
    }
    let mut cmd = Command::new("setpriv");
    cmd.args(setpriv)
        .arg(env!("CARGO_BIN_EXE_attrib"))
        .current_dir(dir)
        .arg("--color")
        .arg("never");
    Some(cmd)
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Other users may enter the folder and read its files (for `nobody` below).
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    write(dir.path(), "a.txt", VAGUE);
    write(dir.path(), "b.txt", VAGUE);
    write(dir.path(), "locked/c.txt", VAGUE);
    std::fs::set_permissions(dir.path().join("a.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(mut cmd) = attrib_unprivileged(dir.path()) else {
        return;
    };
    let output = cmd.args(["check", "--format", "json", "."]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(paths_in(&json), ["./b.txt"]);
    assert!(stderr.contains("cannot read ./a.txt: Permission denied"), "{stderr}");
    assert!(stderr.contains("./locked"), "the unreadable folder is named:\n{stderr}");
    let problems: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(problems.contains(&"./a.txt"), "{problems:?}");
    // Named on the command line, it is an error too; the other file is checked.
    let mut cmd = attrib_unprivileged(dir.path()).unwrap();
    let output = cmd
        .args(["check", "--format", "json", "a.txt", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(paths_in(&json), ["b.txt"]);
    assert_eq!(json["problems"][0]["path"], "a.txt");
    // Let the temporary folder be removed.
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A run with a missing file, a file that is not UTF-8 and a folder whose
/// attrib.yaml is broken, among good articles.
fn run_with_bad_files(format: &str) -> (std::process::Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a-good.txt", VAGUE);
    write(root, "b-not-utf8.txt", b"Fine line.\nBroken \xff here.\n");
    write(
        root,
        "desk/attrib.yaml",
        "publication: Desk\nlexicon:\n  vague_sources: 5\n",
    );
    write(root, "desk/d-good.md", VAGUE);
    let output = attrib(root)
        .args(["check", "--format", format])
        .args(["a-good.txt", "missing.txt", "b-not-utf8.txt", "desk/d-good.md"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
    for expected in [
        "cannot read missing.txt",
        "b-not-utf8.txt is not valid UTF-8: invalid byte at line 2, column 8",
        "desk/attrib.yaml",
        "desk/attrib.yaml:3:",
    ] {
        assert!(
            stderr.contains(expected),
            "{format}: stderr lacks {expected:?}:\n{stderr}"
        );
    }
    (output, stderr)
}

#[test]
fn bad_files_are_reported_in_every_format_and_the_good_ones_checked() {
    // JSON: the articles, and the problems with their places.
    let (output, _) = run_with_bad_files("json");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(paths_in(&json), ["a-good.txt", "desk/d-good.md"]);
    assert_eq!(json["summary"]["files"], 2);
    let problems: Vec<(String, Value, Value)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["line"].clone(),
                p["column"].clone(),
            )
        })
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.contains(&("missing.txt".into(), Value::Null, Value::Null)));
    assert!(problems.contains(&("b-not-utf8.txt".into(), 2.into(), 8.into())));
    assert!(
        problems
            .iter()
            .any(|(path, line, _)| path == "desk/attrib.yaml" && *line == 3),
        "{problems:?}"
    );

    // JSON Lines: a finding per line, and a line per problem.
    let (output, _) = run_with_bad_files("jsonl");
    let lines: Vec<Value> = output
        .stdout
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    let finding_paths: Vec<&str> = lines
        .iter()
        .filter(|l| l.get("code").is_some())
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert!(finding_paths.contains(&"a-good.txt") && finding_paths.contains(&"desk/d-good.md"));
    let problem = |path: &str| {
        lines
            .iter()
            .find(|l| l["problem"].is_string() && l["path"] == path)
            .cloned()
    };
    assert_eq!(problem("b-not-utf8.txt").unwrap()["line"], 2);
    assert!(problem("missing.txt").is_some() && problem("desk/attrib.yaml").is_some());

    // GitHub: annotations for the findings and an error annotation per problem.
    let (output, _) = run_with_bad_files("github");
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "::warning file=a-good.txt,",
        "::warning file=desk/d-good.md,",
        "::error file=b-not-utf8.txt,line=2,col=8,title=attrib::",
        "::error file=missing.txt,title=attrib::cannot read missing.txt",
        "::error file=desk/attrib.yaml,line=3,",
    ] {
        assert!(text.contains(expected), "github lacks {expected:?}:\n{text}");
    }

    // SARIF: results for both articles; the run marked unsuccessful, with a
    // notification per problem.
    let (output, _) = run_with_bad_files("sarif");
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"a-good.txt") && uris.contains(&"desk/d-good.md"),
        "{uris:?}"
    );
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 3);
    let utf8 = notifications
        .iter()
        .find(|n| n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b-not-utf8.txt")
        .expect("a notification for the file that is not UTF-8");
    assert_eq!(utf8["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(utf8["level"], "error");

    // HTML: both articles, and the problems listed at the top.
    let (output, _) = run_with_bad_files("html");
    let page = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "data-path=\"a-good.txt\"",
        "data-path=\"desk/d-good.md\"",
        "<section class=\"problems\" role=\"alert\">",
        "b-not-utf8.txt:2:8: ",
        "cannot read missing.txt",
        "desk/attrib.yaml:3:",
    ] {
        assert!(page.contains(expected), "html lacks {expected:?}");
    }
}

/// A folder of articles with findings, big enough that the report overflows a pipe.
fn folder_of_articles(root: &Path, files: usize, bytes_each: usize) {
    let paragraph = "Experts say the ferry is unsafe. “We will not sail,” a senior official said. \
                     Critics argue the harbour was neglected, according to sources.\n\n";
    let text = paragraph.repeat(bytes_each.div_ceil(paragraph.len()));
    for i in 0..files {
        write(root, &format!("articles/{i:05}.txt"), &text);
    }
}

#[test]
fn a_pipe_that_closes_early_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    folder_of_articles(dir.path(), 200, 2_000);
    for format in ["human", "jsonl", "github"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_attrib"))
            .current_dir(dir.path())
            .args(["--color", "never", "check", "--format", format, "articles"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `attrib check … | head -1`
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.is_empty(),
            "{format}: nothing on stderr after a closed pipe, got:\n{stderr}"
        );
        assert_ne!(output.status.code(), Some(101), "{format}: no panic");
    }
}

#[test]
fn output_file_is_written_whole_and_no_temporary_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", VAGUE);
    attrib(dir.path())
        .args(["check", "--format", "json", "--output", "report.json", "a.txt"])
        .assert()
        .code(0)
        .stdout("");
    let json: Value = serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(json["summary"]["warnings"], 1);
    assert!(leftovers(dir.path(), ".report.json").is_empty());
    // A folder that does not exist: a clear error, exit 2.
    attrib(dir.path())
        .args(["check", "--output", "missing/report.txt", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot write missing/report.txt"));
}

#[test]
fn ctrl_c_leaves_no_partial_output_file() {
    let dir = tempfile::tempdir().unwrap();
    folder_of_articles(dir.path(), 2_000, 4_000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_attrib"))
        .current_dir(dir.path())
        .args(["--color", "never", "check", "--output", "report.txt", "articles"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the report is being written (its temporary file has content).
    let started = Instant::now();
    let temp = loop {
        let found = leftovers(dir.path(), ".report.txt")
            .into_iter()
            .find(|name| std::fs::metadata(dir.path().join(name)).is_ok_and(|m| m.len() > 0));
        if let Some(name) = found {
            break name;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be interrupted"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no temporary report appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!dir.path().join("report.txt").exists(), "no report after Ctrl-C");
    assert!(
        !dir.path().join(&temp).exists(),
        "the temporary report {temp} is removed"
    );
    assert!(leftovers(dir.path(), ".report.txt").is_empty());
}

// Bad rule files: a clear error, in bounded time and memory.

/// Run `attrib check --rules bad.yaml` and `attrib rules check bad.yaml`:
/// both exit 2 with `expected` in the error, within `limit`.
fn assert_rule_file_refused(rule_file: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.yaml", rule_file);
    write(dir.path(), "a.txt", VAGUE);
    for args in [
        &["check", "--rules", "bad.yaml", "a.txt"][..],
        &["rules", "check", "bad.yaml"],
    ] {
        let started = Instant::now();
        let output = attrib(dir.path())
            .args(args)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{args:?}: stderr lacks {expected:?}:\n{stderr}"
        );
        assert!(
            stderr.contains("bad.yaml"),
            "{args:?}: the error names the file:\n{stderr}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let depth = 100_000;
    let flow = format!(
        "lexicon:\n  vague_sources: {}x{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    // Refused before parsing: libyaml takes time quadratic in the flow depth.
    assert_rule_file_refused(flow.as_bytes(), "nested more than 128 levels deep");
    let block = format!("lexicon:\n  vague_sources:\n{}x\n", "  - ".repeat(depth));
    assert_rule_file_refused(block.as_bytes(), "nested more than 128 levels deep");
    // The position tree stops at the same depth.
    assert!(yaml::parse(&block).is_err());
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    // Nine levels of ten aliases each: 10^9 strings if expanded.
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let prev = format!("*a{}", level - 1);
        bomb += &format!("a{level}: &a{level} [{}]\n", [prev.as_str(); 10].join(", "));
    }
    let in_a_list = format!("lexicon:\n  vague_sources: &top [x]\n  hedges: *top\n{bomb}");
    assert_rule_file_refused(in_a_list.as_bytes(), "repetition limit exceeded");
    let started = Instant::now();
    let err = parse_rule_file("bomb.yaml", &bomb).unwrap_err();
    assert!(err.message.contains("repetition limit exceeded"), "{}", err.message);
    assert!(started.elapsed() < Duration::from_secs(10));
    // yaml-rust2 (positions) does not expand aliases at all.
    assert!(yaml::parse(&bomb).is_ok());
}

#[test]
fn a_rule_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", VAGUE);
    // 100 MB, sparse: refused on its size alone.
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    file.set_len(100 << 20).unwrap();
    for args in [
        &["check", "--rules", "huge.yaml", "a.txt"][..],
        &["rules", "check", "huge.yaml"],
    ] {
        attrib(dir.path())
            .args(args)
            .timeout(Duration::from_secs(30))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("huge.yaml").and(predicates::str::contains(
                "the rule file is 100.0 MB; attrib reads rule files up to 16 MB",
            )));
    }
    // Through the library, on text.
    let text = format!("publication: x\n#{}\n", "x".repeat(MAX_RULE_FILE_BYTES as usize));
    let err = parse_rule_file("big.yaml", &text).unwrap_err();
    assert!(err.message.contains("up to 16 MB"), "{}", err.message);
}

#[test]
fn a_backtracking_pattern_runs_in_linear_time() {
    let rules = "rules:\n  - id: nested-plus\n    kind: require-attribution\n    pattern: '(a+)+$'\n    message: m\n";
    let mut set = RuleSet::defaults();
    set.merge("r.yaml", parse_rule_file("r.yaml", rules).unwrap());
    let engine = Engine::new(set);
    // Exponential for a backtracking engine; linear for the regex crate.
    let text = format!("{}b.", "a".repeat(200_000));
    let started = Instant::now();
    engine.check(&SourceFile::new("a.txt", text, InputFormat::Plain));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_huge_pattern_is_a_clear_error() {
    let rules =
        "rules:\n  - id: huge\n    kind: require-attribution\n    pattern: '(\\w{1000}){1000}'\n    message: m\n";
    let err = parse_rule_file("r.yaml", rules).unwrap_err();
    assert_eq!(err.message, "invalid pattern");
    assert_eq!(err.position().map(|p| p.0), Some(4));
    assert!(
        err.help.as_deref().unwrap_or("").contains("size limit"),
        "{:?}",
        err.help
    );
}

/// Each input a fuzz target crashed on (docs/robustness.md, "Runs"), cut
/// down to what made it crash, checked as plain text, Markdown and HTML with
/// every invariant of tests/support/invariants.rs. All came from the HTML
/// input added in the second round of fuzzing.
#[test]
fn inputs_the_fuzzers_crashed_on() {
    let crashes: &[(&str, &str)] = &[
        // check: `<!-->` is a whole empty comment; its `-->` overlaps `<!--`,
        // and the comment scanner sliced its body backwards.
        (
            "check",
            "<p>Experts say the harbour plan is late.<!--></p>\n<!-- attrib-disable unnamed-source -->\n",
        ),
        // segment, quotes, attribution: html5gum reported a position inside a
        // multi-byte character after an `&` (or a `<`) it looked past.
        (
            "segment",
            "<p>&ldquo;We need more time,&rdqu\u{fffd} said Councillor Marta Vellin.</p>",
        ),
        (
            "quotes",
            "<p>The engineer&\u{2019}s plan &\u{2014} first tabled in March.</p>",
        ),
        (
            "attribution",
            "<title>Harbour board</title><\u{fffd}>&ldquo;We need more time,&rdquo; said Tomas Arnel",
        ),
        ("property test", "Ola Brenn Ola Brenn &ldquo;\u{201c} "),
        ("property test", "&\u{c55}"),
    ];
    for (found_by, text) in crashes {
        for format in [InputFormat::Plain, InputFormat::Markdown, InputFormat::Html] {
            let source = SourceFile::new("crash.html", *text, format);
            let result = std::panic::catch_unwind(|| invariants::assert_check(invariants::default_engine(), &source));
            assert!(result.is_ok(), "found by {found_by}, {format:?}: {text:?}");
        }
    }
}
