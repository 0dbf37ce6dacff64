//! The HTML report in a real browser: headless Chromium renders the page of
//! `attrib check --format html` on the example articles, the test reads back
//! the DOM the browser built and checks the highlights and the cast against
//! the JSON outputs, and a screenshot is saved beside it
//! (target/tmp/browser/report.png).
//!
//! Chromium is found as `$ATTRIB_CHROMIUM` or on PATH (`scripts/browser-test.sh`
//! installs it). Without it the test is skipped with a message on stderr,
//! except when `ATTRIB_BROWSER_TESTS=1` (set by .ci/run), where a missing
//! browser is a failure: CI always runs it.

use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: &[&str] = &[
    "examples/city-council.md",
    "examples/ferry-fares.html",
    "examples/port-strike.txt",
];

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ATTRIB_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn attrib(args: &[&str]) -> Vec<u8> {
    let mut all = vec!["--color", "never", "--rules", "examples/attrib.yaml"];
    all.extend_from_slice(args);
    all.extend_from_slice(EXAMPLES);
    let output = Command::new(env!("CARGO_BIN_EXE_attrib"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&all)
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c < 2), "attrib {args:?} failed");
    output.stdout
}

/// Run headless Chromium on `page` with one more flag; its stdout.
fn headless(browser: &Path, page: &Path, flags: &[&str]) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(flags)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", browser.display()));
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The distinct values of the first group of `pattern` in `text`.
fn distinct(pattern: &str, text: &str) -> BTreeSet<String> {
    Regex::new(pattern)
        .unwrap()
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

/// The article sections of a page, by path.
fn sections(page: &str) -> Vec<(String, String)> {
    let path = Regex::new(r#"data-path="([^"]+)""#).unwrap();
    page.split("<section class=\"article\"")
        .skip(1)
        .map(|s| (path.captures(s).unwrap()[1].to_string(), s.to_string()))
        .collect()
}

#[test]
fn the_report_renders_with_every_highlight_and_cast_row() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("ATTRIB_BROWSER_TESTS").as_deref() != Ok("1"),
            "ATTRIB_BROWSER_TESTS=1 but no chromium found (install it with scripts/browser-test.sh)"
        );
        eprintln!("SKIPPED: no chromium on PATH; run scripts/browser-test.sh to install it and run this test");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page_path = dir.join("report.html");
    let page = attrib(&["check", "--format", "html"]);
    std::fs::write(&page_path, &page).unwrap();
    let page = String::from_utf8(page).unwrap();

    let dom = String::from_utf8(headless(&browser, &page_path, &["--dump-dom"])).unwrap();
    let screenshot = dir.join("report.png");
    let _ = std::fs::remove_file(&screenshot);
    headless(
        &browser,
        &page_path,
        &[
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=1280,4000",
        ],
    );
    let png = std::fs::read(&screenshot).expect("a screenshot was saved");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real screenshot");

    let audit: Value = serde_json::from_slice(&attrib(&["extract", "--summary", "--format", "json"])).unwrap();
    let checked: Value = serde_json::from_slice(&attrib(&["check", "--format", "json"])).unwrap();
    let rendered = sections(&dom);
    let written = sections(&page);
    assert_eq!(rendered.len(), EXAMPLES.len(), "one section per article");
    let rows = Regex::new(r#"<tr data-speaker="\d+"[^>]*>(.*?)</tr>"#).unwrap();
    let cells = Regex::new(r#"<td class="num">(\d+)</td><td class="num">(\d+)</td>"#).unwrap();
    for (i, (path, section)) in rendered.iter().enumerate() {
        let file_audit = &audit["files"][i];
        assert_eq!(file_audit["path"], path.as_str());
        // Every direct quote is highlighted once (a highlight crossing another
        // is split into pieces that share their data-quote).
        let quotes = distinct(r#"<mark class="quote" data-quote="(\d+)""#, section);
        assert_eq!(
            quotes.len() as u64,
            file_audit["statements"]["quotes"].as_u64().unwrap(),
            "{path}: quotes"
        );
        // One cast row per source, and the rows' quote counts add up.
        let mut cast_rows = 0;
        let (mut row_quotes, mut row_paraphrases) = (0, 0);
        for row in rows.captures_iter(section) {
            cast_rows += 1;
            let counts = cells.captures(&row[1]).expect("quote and paraphrase cells");
            row_quotes += counts[1].parse::<u64>().unwrap();
            row_paraphrases += counts[2].parse::<u64>().unwrap();
        }
        assert_eq!(
            cast_rows,
            file_audit["sources"]["total"].as_u64().unwrap(),
            "{path}: cast rows"
        );
        assert_eq!(row_quotes, quotes.len() as u64, "{path}: cast quote counts");
        assert_eq!(
            row_paraphrases,
            file_audit["statements"]["paraphrases"].as_u64().unwrap(),
            "{path}: cast paraphrase counts"
        );
        // Every finding is marked in the text and explained once.
        let diagnostics = checked["files"][i]["diagnostics"].as_array().unwrap().len();
        assert_eq!(
            distinct(r#"<mark class="finding [a-z]+" data-finding="(\d+)""#, section).len(),
            diagnostics
        );
        assert_eq!(
            section.matches("<div class=\"note ").count(),
            diagnostics,
            "{path}: notes"
        );
        // Speakers and cues are marked.
        assert!(section.contains("<mark class=\"speaker\""), "{path}: speakers");
        assert!(section.contains("<mark class=\"cue\""), "{path}: cues");
        // The browser built the marks as written: nothing re-nested or dropped.
        assert_eq!(
            section.matches("<mark").count(),
            written[i].1.matches("<mark").count(),
            "{path}: marks as written"
        );
    }
    assert!(!dom.contains("<script"));
    eprintln!("screenshot: {}", screenshot.display());
}
