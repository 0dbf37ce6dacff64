//! Per-stage throughput of the attrib pipeline (issue 7).
//!
//! The input is the project's own articles (`examples/` and `tests/corpus/`,
//! `.txt` and `.md`, not the README), read once at start and concatenated,
//! separated by blank lines, until the text is about 100 KB. Each stage is measured on its own,
//! with its inputs prepared outside the timed loop, and reported in bytes of
//! input per second:
//!
//! - `load`: `SourceFile::new` (copy of the text and the line index);
//! - `document`: `Document::build` (prose extraction, segmentation, quote
//!   pairing and the one lexicon scan), for plain text and for Markdown;
//! - `grammar`: `Grammar::attributions`;
//! - `resolve`: `resolve::resolve` (the speaker cast);
//! - `checks`: `Engine::check_analysis` (every default check, sorted);
//! - `render_json` / `render_extract`: the version-1 JSON objects of
//!   `check` and `extract`, serialised into a sink;
//! - `full`: `Engine::check` on the 100 KB text, and on each article as its
//!   own file (the common case: many small articles).
//!
//! Run with `cargo bench --bench pipeline`; results are in docs/performance.md.

use attrib::attribution::grammar::Grammar;
use attrib::report::extract::ExtractFile;
use attrib::report::json::FileOutput;
use attrib::{resolve, Document, Engine, InputFormat, RuleSet, SourceFile};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::path::Path;
use std::time::Duration;

#[path = "support/articles.rs"]
mod articles;

use articles::{articles, concatenate};

/// Short runs: the whole bench takes about a minute on two cores.
fn configure() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

fn pipeline(c: &mut Criterion) {
    let engine = Engine::new(RuleSet::defaults());
    let articles = articles();

    let plain_text = concatenate(articles.iter().map(|(_, t)| t.as_str()));
    let markdown_text = concatenate(
        articles
            .iter()
            .filter(|(name, _)| name.ends_with(".md"))
            .map(|(_, t)| t.as_str()),
    );
    let plain = SourceFile::new("corpus.txt", plain_text.as_str(), InputFormat::Plain);
    let markdown = SourceFile::new("corpus.md", markdown_text.as_str(), InputFormat::Markdown);
    let bytes = plain.text.len() as u64;

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes));

    group.bench_function("load", |b| {
        b.iter(|| SourceFile::new("corpus.txt", black_box(plain_text.as_str()), InputFormat::Plain))
    });

    group.bench_function("document", |b| {
        b.iter(|| Document::build(black_box(&plain), &engine.lexicon))
    });

    let document = Document::build(&plain, &engine.lexicon);
    let grammar = Grammar::new(&engine.lexicon);
    group.bench_function("grammar", |b| b.iter(|| grammar.attributions(black_box(&document))));

    let attributions = grammar.attributions(&document);
    let names = grammar.name_mentions(&document);
    group.bench_function("resolve", |b| {
        b.iter_batched_ref(
            || attributions.clone(),
            |attributions| {
                resolve::resolve(
                    &document,
                    &grammar,
                    &engine.lexicon,
                    &engine.rules,
                    &names,
                    attributions,
                )
            },
            BatchSize::SmallInput,
        )
    });

    let analysis = engine.analyze(&plain);
    group.bench_function("checks", |b| b.iter(|| engine.check_analysis(black_box(&analysis))));

    let findings = engine.check_analysis(&analysis);
    group.bench_function("render_json", |b| {
        b.iter(|| {
            let file = FileOutput::new(&plain, black_box(&findings));
            serde_json::to_writer(std::io::sink(), &file).expect("write to sink")
        })
    });
    group.bench_function("render_extract", |b| {
        b.iter(|| {
            let file = ExtractFile::new(&plain, black_box(&analysis));
            serde_json::to_writer(std::io::sink(), &file).expect("write to sink")
        })
    });

    group.bench_function("full", |b| b.iter(|| engine.check(black_box(&plain))));
    group.finish();

    let mut group = c.benchmark_group("markdown");
    group.throughput(Throughput::Bytes(markdown.text.len() as u64));
    group.bench_function("document", |b| {
        b.iter(|| Document::build(black_box(&markdown), &engine.lexicon))
    });
    group.bench_function("full", |b| b.iter(|| engine.check(black_box(&markdown))));
    group.finish();

    // Each article as its own file, as `attrib check` sees a folder of stories.
    let sources: Vec<SourceFile> = articles
        .iter()
        .map(|(name, text)| SourceFile::new(name.as_str(), text.as_str(), InputFormat::from_path(Path::new(name))))
        .collect();
    let total: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut group = c.benchmark_group("articles");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("full", |b| {
        b.iter(|| sources.iter().map(|s| engine.check(black_box(s)).len()).sum::<usize>())
    });
    group.finish();

    let mut group = c.benchmark_group("setup");
    group.bench_function("engine_new", |b| b.iter(|| Engine::new(RuleSet::defaults())));
    group.finish();
}

criterion_group! {
    name = benches;
    config = configure();
    targets = pipeline
}
criterion_main!(benches);
