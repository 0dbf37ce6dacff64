//! Throughput of the token layer and the part-of-speech tagger (issue 16).
//!
//! The input is the project's own news articles (`examples/` and
//! `tests/corpus/`, `.txt` and `.md`, written for this project), concatenated
//! until the text is about 100 KB and segmented once outside the timed loop.
//! Reported in bytes of input per second, on one thread:
//!
//! - `tokenize`: `tokens::tokenize` over every sentence;
//! - `tokenize_and_tag`: the same, then every sentence tagged
//!   (`Tagger::word_info` and `Tagger::tag_indexes`), as `Document::tags` does;
//! - `document_tags`: `Document::build` followed by `Document::tags`, against
//!   `document` (`Document::build` alone): what tagging adds to a document.
//!
//! Run with `cargo bench --bench tagger`; results are in docs/performance.md.

use attrib::rules::Lexicon;
use attrib::tokens::{self, Tagger};
use attrib::{Document, InputFormat, RuleSet, SourceFile};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

#[path = "support/articles.rs"]
mod articles;

/// The articles repeated to about 100 KB, separated by blank lines.
fn corpus() -> String {
    let articles = articles::articles();
    articles::concatenate(articles.iter().map(|(_, text)| text.as_str()))
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let rules = RuleSet::defaults();
    let lexicon = Lexicon::compile(&rules.lists);
    let source = SourceFile::new("corpus.txt", text.clone(), InputFormat::Plain);
    let doc = Document::build(&source, &lexicon);
    let spans: Vec<_> = doc.sentences.iter().map(|s| s.span).collect();
    let is_abbreviation = |w: &str| lexicon.abbreviations.contains(w);
    let tagger = Tagger::embedded().expect("the embedded model loads");

    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("tokenize", |b| {
        let mut out = Vec::with_capacity(text.len() / 5);
        b.iter(|| {
            out.clear();
            for &span in &spans {
                tokens::tokenize(&text, span, &is_abbreviation, &mut out);
            }
            black_box(out.len())
        })
    });
    group.bench_function("tokenize_and_tag", |b| {
        let mut out = Vec::with_capacity(text.len() / 5);
        let (mut info, mut tags) = (Vec::new(), Vec::new());
        b.iter(|| {
            tags.clear();
            for &span in &spans {
                out.clear();
                tokens::tokenize(&text, span, &is_abbreviation, &mut out);
                info.clear();
                info.extend(out.iter().map(|t| tagger.word_info(t.span.slice(&text))));
                tagger.tag_indexes(&info, &mut tags);
            }
            black_box(tags.len())
        })
    });
    group.bench_function("document", |b| {
        b.iter(|| {
            let doc = Document::build(&source, &lexicon);
            black_box(doc.tokens(&lexicon).all().len())
        })
    });
    group.bench_function("document_tags", |b| {
        b.iter(|| {
            let doc = Document::build(&source, &lexicon);
            black_box(doc.tokens(&lexicon).tags(&doc.text).expect("tagged").len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
