//! Linear time on the worst inputs of issue 8: each pathological text is
//! checked at 1×, 4× and 16× a base size; time per byte must stay flat
//! (a 16× input may take about 16× as long, never 256×).
//!
//! Run with `cargo bench --bench pathological` (pinned: `taskset -c 1`);
//! set `ATTRIB_BENCH_BASE_KB` to change the base size (default 128 KB, so the
//! largest input is 2 MB; 3200 makes it the 50 MB). Results are in
//! docs/robustness.md.

use attrib::{Engine, InputFormat, RuleSet, SourceFile};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

/// A worst case: its name and a function giving a text of about `n` bytes.
type Case = (&'static str, fn(usize) -> String);

/// The HTML worst cases (read as HTML; the others are plain text).
fn html_cases() -> Vec<Case> {
    vec![
        ("html-nested-skipped-elements", |n| {
            let depth = n / 15;
            format!(
                "<article><p>“Yes,” said Ola.</p>{}{}</article>",
                "<nav>".repeat(depth),
                "</p></div>".repeat(depth)
            )
        }),
        ("html-references-and-open-tags", |n| {
            repeat_to(
                "<p><b>&ldquo;We&rsquo;ll go,&rdquo; said &Aacute;da&nbsp;Quill &#x201C;x ",
                n,
            )
        }),
    ]
}

fn cases() -> Vec<Case> {
    vec![
        ("paragraph-without-full-stop", |n| {
            repeat_to(
                "Mayor Ilse Marten said that the council, critics argue, told the Valley Courier \
                 according to officials “the bridge” ",
                n,
            )
        }),
        ("quote-marks", |n| repeat_to("“”\"'‘’«„", n)),
        ("nested-quotes", |n| {
            let depth = n / 16;
            format!("{}{} said Ola Brenn.", "“a ‘b ".repeat(depth), "c’ d” ".repeat(depth))
        }),
        ("unclosed-quotes-in-sentences", |n| {
            repeat_to("“We will, said Ola Brenn. ‘Maybe. ", n)
        }),
        ("only-punctuation", |n| repeat_to(".,;:!?…—()[]“”‘’\"'«»*_#>` ", n)),
        ("short-sentences-and-abbreviations", |n| {
            repeat_to("“Yes.” No. Mr. A. B. said. Dr. ", n)
        }),
        ("names-and-verbs", |n| {
            repeat_to("Ola Brenn said. Brenn told Marten. Marten said, “Brenn.” ", n)
        }),
    ]
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()).max(1))
}

fn pathological(c: &mut Criterion) {
    let base_kb: usize = std::env::var("ATTRIB_BENCH_BASE_KB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128);
    let engine = Engine::new(RuleSet::defaults());
    let plain = cases().into_iter().map(|case| (case, InputFormat::Plain));
    let html = html_cases().into_iter().map(|case| (case, InputFormat::Html));
    for ((name, make), format) in plain.chain(html) {
        let mut group = c.benchmark_group(name);
        group.sample_size(10).warm_up_time(Duration::from_millis(500));
        for factor in [1, 4, 16] {
            let source = SourceFile::new("bench", make(base_kb * 1024 * factor), format);
            group.throughput(Throughput::Bytes(source.text.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{factor}x")),
                &source,
                |b, source| {
                    b.iter(|| black_box(engine.check(source)));
                },
            );
        }
        group.finish();
    }
}

criterion_group!(benches, pathological);
criterion_main!(benches);
