//! The benchmarks' input: the project's own articles (`examples/` and
//! `tests/corpus/`, `.txt` and `.md`, not the README), read once and
//! concatenated. Shared by the benches with `#[path]` (a file here is not a
//! bench target of its own).

use std::path::Path;

/// About how large the concatenated input is.
pub const TARGET_BYTES: usize = 100 * 1024;

/// The project's articles: (file name, text), sorted by path.
pub fn articles() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["examples", "tests/corpus"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("article folder is readable");
        for entry in entries {
            let path = entry.expect("folder entry").path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let readme = path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
            if (ext == "txt" || ext == "md") && !readme {
                paths.push(path);
            }
        }
    }
    paths.sort();
    assert!(!paths.is_empty(), "no articles found under examples/ or tests/corpus/");
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("article is UTF-8");
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

/// Repeat `texts`, separated by blank lines, until the result reaches `TARGET_BYTES`.
pub fn concatenate<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut out = String::with_capacity(TARGET_BYTES + 16 * 1024);
    while out.len() < TARGET_BYTES {
        for text in texts.clone() {
            out.push_str(text.trim_end());
            out.push_str("\n\n");
        }
    }
    out
}
