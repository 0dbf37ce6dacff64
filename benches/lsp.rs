//! The work one `didChange` costs `attrib lsp` (issue 18): apply the edit to
//! the open document, analyse and check the whole article, and turn the
//! findings into LSP diagnostics. Target: under 20 ms for a 5,000-word
//! article on one core.
//!
//! The article is the project's own fictional gold articles
//! (`tests/corpus/*.txt` and `*.md`, in name order) joined paragraph by
//! paragraph until it has 5,000 words, checked as one plain-text file. The
//! edit replaces one word in the middle ("said." by "claimed.", a loaded-verb
//! finding more), given as an incremental change in UTF-16 positions, as VS
//! Code sends it.
//!
//! The server's modules are the binary's, not the library's; the bench
//! compiles the three it needs from their files. Run with
//! `cargo bench --bench lsp`; the figure is in docs/performance.md.

#[allow(dead_code, unused_imports)]
#[path = "../src/cli/lsp/diagnostics.rs"]
mod diagnostics;
#[allow(dead_code, unused_imports)]
#[path = "../src/cli/lsp/documents.rs"]
mod documents;
#[allow(dead_code, unused_imports)]
#[path = "../src/cli/lsp/positions.rs"]
mod positions;

use attrib::{Engine, InputFormat, RuleSet};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use diagnostics::{check_article, DocLinks};
use documents::{Kind, OpenDocument};
use lsp_types::TextDocumentContentChangeEvent;
use positions::Encoding;
use std::path::Path;
use std::time::Duration;

const WORDS: usize = 5_000;

/// Whole paragraphs of the gold articles until the text has `WORDS` words.
fn article() -> String {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("tests/corpus is readable")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    paths.sort();
    let mut text = String::new();
    let mut words = 0;
    'articles: for path in paths {
        let article = std::fs::read_to_string(&path).expect("article is UTF-8");
        for paragraph in article.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            text.push_str(paragraph);
            text.push_str("\n\n");
            words += paragraph.split_whitespace().count();
            if words >= WORDS {
                break 'articles;
            }
        }
    }
    assert!(words >= WORDS, "the corpus has only {words} words");
    text
}

fn did_change(c: &mut Criterion) {
    let engine = Engine::new(RuleSet::defaults());
    let text = article();
    let uri = "file:///desk/long-read.txt".parse().expect("a URI");
    let format = InputFormat::Plain;
    let doc = OpenDocument::new(uri, Kind::Article(format), 1, text.clone(), Encoding::Utf16);
    let links = DocLinks::with_pattern("file:///cache/attrib/checks/{code}.md".into());
    // The first " said." after the middle (the end of "“…,” X said."), as an LSP range.
    let middle = text.len() / 2;
    let at = text[middle..]
        .find(" said.")
        .map(|i| middle + i + 1)
        .expect("a “said.”");
    let range = doc.lines.range(&text, attrib::Span::new(at, at + "said".len()));
    let change = TextDocumentContentChangeEvent {
        range: Some(range),
        range_length: None,
        text: "claimed".into(),
    };
    let before = check_article(&engine, &doc, format, &links).diagnostics.len();
    let mut edited = doc.clone();
    edited.apply_changes(2, vec![change.clone()], Encoding::Utf16);
    let after = check_article(&engine, &edited, format, &links).diagnostics.len();
    assert!(
        after > before,
        "the edit adds a loaded-verb finding ({before} → {after})"
    );

    let mut group = c.benchmark_group("lsp");
    group.bench_function("did_change_5000_words", |b| {
        b.iter_batched_ref(
            || doc.clone(),
            |doc| {
                doc.apply_changes(2, vec![change.clone()], Encoding::Utf16);
                black_box(check_article(&engine, doc, format, &links))
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    targets = did_change
}
criterion_main!(benches);
