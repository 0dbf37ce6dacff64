//! Quote verification at archive scale (issue 4): how many quotes per second
//! are verified against a large archive of transcripts, indexed once.
//!
//! The archive and the quotes come from `scripts/make-transcripts.py`: set
//! `ATTRIB_VERIFY_DIR` to its output folder (100 MB for the figures in
//! docs/verification.md), or leave it unset to generate 10 MB into a
//! temporary folder first. The bench
//!
//! 1. reads and indexes `transcripts/` as `attrib check --sources` does (with
//!    the default rule set: speakers are known by their labels), and prints
//!    the time and the index size;
//! 2. verifies every quote of `quotes.tsv` once and prints how each kind of
//!    quote came out (exact, changed word, ellipsis, never said), so a fast
//!    but wrong index cannot pass unnoticed;
//! 3. times the verification of all the quotes with criterion
//!    (throughput in quotes per second; one core).
//!
//! `cargo bench --bench verify`; pin it with `taskset -c 1`.

use attrib::verify::{self, Outcome, SourceIndex, Who};
use attrib::{RuleSet, Span};
use criterion::{black_box, criterion_group, Criterion, Throughput};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A quote of the generated articles: speaker, kind, text.
struct Quote {
    speaker: String,
    kind: String,
    text: String,
}

fn archive() -> PathBuf {
    if let Some(dir) = std::env::var_os("ATTRIB_VERIFY_DIR") {
        return PathBuf::from(dir);
    }
    let dir = std::env::temp_dir().join("attrib-verify-bench");
    if !dir.join("quotes.tsv").is_file() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/make-transcripts.py");
        let status = std::process::Command::new("python3")
            .arg(script)
            .arg(&dir)
            .args(["--mb", "10", "--quotes", "2000"])
            .status()
            .expect("python3 runs scripts/make-transcripts.py");
        assert!(status.success(), "make-transcripts.py failed");
    }
    dir
}

fn quotes(dir: &Path) -> Vec<Quote> {
    let text = std::fs::read_to_string(dir.join("quotes.tsv")).expect("quotes.tsv");
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Quote {
                speaker: parts.next()?.to_string(),
                kind: parts.next()?.to_string(),
                text: parts.next()?.to_string(),
            })
        })
        .collect()
}

fn outcome_name(outcome: Option<&Outcome>) -> &'static str {
    match outcome {
        None => "verified",
        Some(Outcome::Misquote(_)) => "misquote",
        Some(Outcome::Unverified { .. }) => "unverified-quote",
        Some(Outcome::WrongSpeaker { .. }) => "wrong-speaker",
    }
}

fn check(index: &SourceIndex, rules: &RuleSet, quote: &Quote) -> Option<Outcome> {
    let who = Who {
        registry: None,
        name: &quote.speaker,
    };
    verify::check_quote(index, rules, &quote.text, Span::new(0, quote.text.len()), who)
}

fn bench(c: &mut Criterion) {
    let dir = archive();
    let rules = RuleSet::defaults();
    let started = Instant::now();
    let (index, errors) = verify::index_sources(&rules, &[dir.join("transcripts")]);
    let took = started.elapsed();
    assert!(errors.is_empty(), "{errors:?}");
    eprintln!(
        "index: {:.1} MB of transcripts in {} files, {} words, built in {:.2} s",
        index.text_len() as f64 / 1e6,
        index.files().len(),
        index.word_count(),
        took.as_secs_f64()
    );
    let quotes = quotes(&dir);
    let mut table: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for quote in &quotes {
        *table
            .entry((quote.kind.as_str(), outcome_name(check(&index, &rules, quote).as_ref())))
            .or_default() += 1;
    }
    for ((kind, outcome), n) in &table {
        eprintln!("{kind:>9} → {outcome:<16} {n}");
    }

    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(quotes.len() as u64));
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("all_quotes", |b| {
        b.iter(|| {
            for quote in &quotes {
                black_box(check(&index, &rules, quote));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
