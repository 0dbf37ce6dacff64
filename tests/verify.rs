//! Quote verification end to end: the articles in tests/verify/articles
//! checked against the transcripts in tests/verify/transcripts (listed in
//! tests/verify/attrib.yaml), `--sources`, and bad sources. People and places
//! are fictional.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const VERIFICATION: &[&str] = &["misquote", "unverified-quote", "wrong-speaker"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verify")
}

fn attrib(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.current_dir(dir).arg("--color").arg("never");
    cmd
}

/// The verification findings of one run: (code, line, message).
fn verification_findings(output: &std::process::Output) -> Vec<(String, u64, String)> {
    let json: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .filter(|d| VERIFICATION.contains(&d["code"].as_str().unwrap()))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Output text with miette's line wrapping undone: box characters dropped,
/// whitespace runs made one space.
fn unwrapped(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace(['│', '·'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn check(args: &[&str]) -> Vec<(String, u64, String)> {
    let output = attrib(&fixtures())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    verification_findings(&output)
}

fn codes(article: &str) -> Vec<String> {
    check(&[&format!("articles/{article}")])
        .into_iter()
        .map(|(code, _, _)| code)
        .collect()
}

#[test]
fn each_article_gets_the_verdict_it_deserves() {
    let cases: &[(&str, &[&str])] = &[
        // Word for word, a sentence inside a long turn.
        ("exact.txt", &[]),
        // "…" for the words between two sentences.
        ("ellipsis.txt", &[]),
        // "[The Mill Lane depot]" for "The depot".
        ("bracket.txt", &[]),
        // "in public," left out with no ellipsis.
        ("omission.txt", &["misquote"]),
        // "October" for "September".
        ("changed.txt", &["misquote"]),
        // Dagny Holm's words given to the mayor.
        ("wrong-speaker.txt", &["wrong-speaker"]),
        // A partial quote, exact and changed.
        ("partial.txt", &[]),
        ("partial-changed.txt", &["misquote"]),
        // A quote running over two paragraphs of the article.
        ("two-paragraphs.txt", &[]),
        // A quote across two sentences (and a line break) of the transcript.
        ("two-sentences.txt", &[]),
        // Two answers joined with no ellipsis, across another speaker's turn.
        ("two-turns.txt", &["misquote"]),
        // A Markdown Q/A transcript: answers are the speaker's, questions are not.
        ("answer.txt", &[]),
        ("question.txt", &["wrong-speaker"]),
        // Not in the mayor's sources.
        ("unverified.txt", &["unverified-quote"]),
        // A transcript with no labels is all its speaker's words.
        ("unlabelled-source.txt", &[]),
        // Dagny Holm lists no sources, but speaks in the mayor's briefing: that is her record.
        ("speaker-elsewhere.txt", &["unverified-quote"]),
        // A speaker nobody recorded: nothing to verify.
        ("no-sources.txt", &[]),
    ];
    for (article, expected) in cases {
        assert_eq!(codes(article), *expected, "{article}");
    }
}

#[test]
fn a_misquote_names_the_differences_and_the_source_line() {
    let output = attrib(&fixtures())
        .args(["check", "articles/omission.txt"])
        .output()
        .unwrap();
    let human = unwrapped(&output.stdout);
    assert!(
        human.contains("transcripts/budget-briefing.txt, line 11, Selin Aydemir"),
        "{human}"
    );
    assert!(human.contains("left out here: “in public”"), "{human}");
    assert!(
        human.contains("“The depot was sold at auction, in public, to the highest bidder"),
        "{human}"
    );
    let findings = check(&["articles/changed.txt"]);
    assert_eq!(
        findings[0].2,
        "Quote differs from Selin Aydemir's words in transcripts/budget-briefing.txt:16 (1 difference)"
    );
}

#[test]
fn wrong_speaker_names_who_said_it() {
    let findings = check(&["articles/wrong-speaker.txt"]);
    assert_eq!(
        findings[0].2,
        "Quote attributed to Selin Aydemir was said by Dagny Holm (transcripts/budget-briefing.txt:8)"
    );
}

#[test]
fn sources_from_the_command_line_are_split_by_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fleet.txt"),
        "“The fishing fleet cannot wait another winter for a new wall,” said Dagny Holm, the opposition leader.\n\
         “The fishing fleet cannot wait another winter for a new wall,” said Pietro Amato, a trawler owner.\n",
    )
    .unwrap();
    let article = dir.path().join("fleet.txt");
    let article = article.to_str().unwrap();
    let rules = fixtures().join("attrib.yaml");
    let rules = rules.to_str().unwrap();
    // Without the forum transcript, Dagny Holm's only recorded words are in
    // the budget briefing, and Pietro Amato was never recorded.
    let findings = check(&["--rules", rules, article]);
    assert_eq!(
        findings,
        [(
            "unverified-quote".to_string(),
            1,
            "Quote not found in Dagny Holm's sources".to_string()
        )]
    );
    // With it, the words are Pietro Amato's (a label outside the registry), not Dagny Holm's.
    let findings = check(&["--rules", rules, "--sources", "extra", article]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].0, "wrong-speaker");
    assert_eq!(findings[0].1, 1);
    assert!(
        findings[0]
            .2
            .contains("was said by PIETRO AMATO (extra/harbour-forum.txt:5)"),
        "{}",
        findings[0].2
    );
}

#[test]
fn an_unlabelled_command_line_source_is_reported_not_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "The wall will be rebuilt next year.\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "The council met.\n").unwrap();
    attrib(dir.path())
        .args(["check", "--sources", "notes.txt", "a.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "source notes.txt: no turn in it is a known speaker's",
        ));
}

#[test]
fn a_missing_source_file_points_at_the_rule_file_line_and_the_articles_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("attrib.yaml"),
        "speakers:\n  - name: Selin Aydemir\n    sources:\n      - transcripts/missing.txt\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "Experts say the bridge is unsafe.\n").unwrap();
    let output = attrib(dir.path()).args(["check", "a.txt"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("attrib::vague-source"));
    let stderr = unwrapped(&output.stderr);
    assert!(
        stderr.contains("source file `transcripts/missing.txt` does not exist (a source of Selin Aydemir)"),
        "{stderr}"
    );
    assert!(stderr.contains("attrib.yaml:4:9"), "{stderr}");
    // `attrib rules check` reports it too, at the same line.
    attrib(dir.path())
        .args(["rules", "check", "attrib.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("attrib.yaml:4:9"));
}

#[test]
fn a_source_in_another_encoding_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("attrib.yaml"),
        "speakers:\n  - name: Selin Aydemir\n    sources: [latin1.txt]\n",
    )
    .unwrap();
    // "café" in Latin-1: the é is one byte, 0xE9.
    std::fs::write(dir.path().join("latin1.txt"), b"AYDEMIR: The caf\xe9 stays open.\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "The council met.\n").unwrap();
    let output = attrib(dir.path()).args(["check", "a.txt"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = unwrapped(&output.stderr);
    assert!(
        stderr.contains(
            "source file `latin1.txt` of Selin Aydemir: it is not UTF-8 (probably Latin-1 or Windows-1252): \
             invalid byte at line 1, column 17"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("attrib.yaml:3:15"), "{stderr}");
}

#[test]
fn a_glob_that_matches_nothing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("attrib.yaml"),
        "speakers:\n  - name: Selin Aydemir\n    sources: [\"transcripts/*.txt\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "The council met.\n").unwrap();
    attrib(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "source glob `transcripts/*.txt` matches no file",
        ));
}

#[test]
fn the_example_article_shows_all_three_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = attrib(root)
        .args(["check", "--format", "json", "examples/ferry-fares.md"])
        .output()
        .unwrap();
    let found: Vec<(String, u64)> = verification_findings(&output)
        .into_iter()
        .map(|(code, line, _)| (code, line))
        .collect();
    let expected = [
        ("misquote", 13),
        ("misquote", 15),
        ("wrong-speaker", 23),
        ("unverified-quote", 25),
    ];
    assert_eq!(
        found,
        expected.map(|(c, l)| (c.to_string(), l)).to_vec(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
