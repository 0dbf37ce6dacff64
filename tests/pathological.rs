//! Pathological inputs (issue 8): each is generated here, checked through
//! the library with every span invariant of tests/support/invariants.rs, and
//! must finish without a panic. The large inputs run at a reduced size in
//! `cargo test` (a debug build checks about 0.1–0.3 MB/s); set
//! `ATTRIB_FULL_SIZE=1` (best with `--release`) for the sizes the issue names
//! (50 MB, a million marks). Time per size is measured by
//! `cargo bench --bench pathological` (docs/robustness.md), never here.
//! Folder-level cases (symlink loops, unreadable and binary files) run the
//! binary: tests/robustness.rs.

#[path = "support/invariants.rs"]
mod invariants;

use attrib::{InputFormat, SourceFile};
use invariants::{assert_check, assert_check_once, default_engine};

/// `full` when ATTRIB_FULL_SIZE is set, else `reduced`.
fn size(full: usize, reduced: usize) -> usize {
    if std::env::var_os("ATTRIB_FULL_SIZE").is_some() {
        full
    } else {
        reduced
    }
}

fn plain(text: impl Into<String>) -> SourceFile {
    SourceFile::new("pathological.txt", text, InputFormat::Plain)
}

fn markdown(text: impl Into<String>) -> SourceFile {
    SourceFile::new("pathological.md", text, InputFormat::Markdown)
}

fn html(text: impl Into<String>) -> SourceFile {
    SourceFile::new("pathological.html", text, InputFormat::Html)
}

/// Repeat `unit` until the text is at least `bytes` long.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

#[test]
fn empty_file() {
    for source in [
        plain(""),
        markdown(""),
        plain("\u{feff}"),
        plain("\n\n\n"),
        plain("   \t "),
    ] {
        assert!(assert_check(default_engine(), &source).is_empty());
    }
}

/// One paragraph, no full stop, full of reporting verbs, names and commas:
/// every frame has anchors and the sentence never ends.
#[test]
fn one_huge_paragraph_without_a_full_stop() {
    let unit = "Mayor Ilse Marten said that the council, critics argue, told the Valley Courier \
                according to officials “the bridge” ";
    let source = plain(repeat_to(unit, size(50 << 20, 32 << 10)));
    assert_check_once(default_engine(), &source);
}

#[test]
fn one_huge_paragraph_of_plain_words() {
    let source = plain(repeat_to("lorem ipsum dolor sit amet ", size(50 << 20, 512 << 10)));
    assert_check_once(default_engine(), &source);
}

#[test]
fn a_million_quote_marks() {
    let count = size(1_000_000, 50_000);
    for mark in ["“", "”", "\"", "'", "‘", "«", "„"] {
        assert_check_once(default_engine(), &plain(mark.repeat(count)));
    }
    // Marks with words between them, in sentences, in one paragraph.
    let unit = "“Yes,” said Ola Brenn. \"No\" 'maybe' ‘so’ «oui» ";
    let source = plain(repeat_to(unit, size(count * 8, count)));
    assert_check_once(default_engine(), &source);
}

#[test]
fn deeply_nested_quotes() {
    let depth = size(200_000, 10_000);
    let open = "“a ‘b ".repeat(depth);
    let close = "c’ d” ".repeat(depth);
    assert_check_once(default_engine(), &plain(format!("{open}{close} said Ola Brenn.")));
    // Openings never closed, and closings never opened.
    assert_check_once(default_engine(), &plain("“‘«„\"'".repeat(depth)));
    assert_check_once(default_engine(), &plain("”’»\"'".repeat(depth)));
}

#[test]
fn alternating_quotes() {
    let count = size(500_000, 20_000);
    for unit in ["“a” ", "”a“ ", "“‘”’", "\"'\"'", "« “ » ” ", "“x,” she said. "] {
        assert_check_once(default_engine(), &plain(unit.repeat(count)));
    }
    // Running quotations: every paragraph opens a quote and never closes it.
    assert_check_once(
        default_engine(),
        &plain("“Still talking, said Ola Brenn\n\n".repeat(count / 4)),
    );
}

#[test]
fn only_punctuation() {
    let marks = ".,;:!?…—–-()[]{}“”‘’\"'«»„*_#>`~/\\|@&%$";
    let chars: Vec<char> = marks.chars().collect();
    // A deterministic mix: a linear congruential walk over the marks.
    let mut state = 12_345u32;
    let mut text = String::new();
    while text.len() < size(8 << 20, 64 << 10) {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let c = chars[(state >> 16) as usize % chars.len()];
        text.push(c);
        if state % 7 == 0 {
            text.push(if state % 3 == 0 { '\n' } else { ' ' });
        }
    }
    assert_check_once(default_engine(), &plain(text.clone()));
    assert_check_once(default_engine(), &markdown(text));
}

#[test]
fn nul_bytes() {
    let text = "“We\0 will,” said Ola\0Brenn.\0\0\0 Experts\0say \0it is.\n\n\0\0\0\n";
    assert_check(default_engine(), &plain(text));
    assert_check(default_engine(), &markdown(text));
    assert_check_once(default_engine(), &plain("\0".repeat(size(1 << 20, 64 << 10))));
}

#[test]
fn invalid_utf8_in_the_middle_is_an_error_with_its_position() {
    let mut bytes = b"First line.\n\xe2\x80\x9cHalf a mark".to_vec();
    bytes.extend_from_slice(b"\xe2\x80 and then\n\xff\xfe more.\n");
    let err = SourceFile::from_bytes("bad.txt", bytes, InputFormat::Plain).unwrap_err();
    assert_eq!((err.line, err.column), (2, 13));
}

#[test]
fn carriage_return_line_ends() {
    let text = "Harbour plan\r\r“We will dredge,” said Ola Brenn, the harbour master.\r\r\
                Experts say the channel is silting.\rCritics argue otherwise.\r";
    let source = plain(text);
    let findings = assert_check(default_engine(), &source);
    // Lines are counted at lone CRs as well, so findings point at the right line.
    let vague = findings
        .iter()
        .find(|f| f.code == "vague-source")
        .expect("vague-source found");
    assert_eq!(source.line_column(vague.span.start).line, 5);
    let document = default_engine().analyze(&source).document;
    assert!(document.paragraphs.len() >= 3, "blank CR lines separate paragraphs");
    assert_check(default_engine(), &markdown(text));
    assert_check_once(default_engine(), &plain("Line one.\r".repeat(size(1 << 20, 20_000))));
}

#[test]
fn right_to_left_and_mixed_scripts() {
    let texts = [
        "«نحن مستعدون»، قال المتحدث. Experts say the plan, according to Lina Haddad, is sound.",
        "\u{202e}“Tsedek,” said Noa Levi-Barak\u{202c} of the Arava Council. \u{200f}שלום עולם.",
        "„Wir sind bereit“, sagte Ilse Märten. «Ça suffit», a dit Zoé Ruel. 「はい」と田中さんは言った。",
        "Мэр Ольга Петрова заявила: «Мост откроют». \u{5d0}\u{5b8}\u{5d1} said Ṭāhā ʿAlī.",
        "ﷺ﷽ 𝕏 said 👩🏽‍⚖️ Judge Ama Owusu, “🙂”.",
    ];
    for text in texts {
        assert_check(default_engine(), &plain(text));
        assert_check(default_engine(), &markdown(text));
    }
}

#[test]
fn zero_width_characters_inside_names() {
    let texts = [
        "“We will,” said Ola\u{200b}Brenn. Ola\u{200b} Brenn added that Brenn\u{200d} was ready.",
        "Mayor Il\u{200c}se Mar\u{feff}ten told the Courier the plan “works”, Marten\u{2060} said.",
        "\u{200b}\u{200b}“\u{200b}”\u{200b} said \u{200b}.\u{200b}",
    ];
    for text in texts {
        assert_check(default_engine(), &plain(text));
        assert_check(default_engine(), &markdown(text));
    }
}

#[test]
fn many_short_paragraphs_and_sentences() {
    let unit = "“Yes.” No. Mr. A. B. said. Dr.\n\n";
    assert_check_once(default_engine(), &plain(repeat_to(unit, size(8 << 20, 128 << 10))));
}

/// HTML at its worst: skipped elements (`<nav>`) nested thousands deep with
/// stray end tags inside them (each end tag used to search the whole stack of
/// open elements), tags never closed, character references everywhere, a
/// comment never closed, and a tag with thousands of attributes.
#[test]
fn html_nesting_references_and_broken_markup() {
    let depth = size(1_000_000, 20_000);
    let nested = format!(
        "<article><p>“Yes,” said Ola Brenn.</p>{}{}</article>",
        "<nav>".repeat(depth),
        "</p></div>".repeat(depth)
    );
    assert_check_once(default_engine(), &html(nested));
    assert_check_once(default_engine(), &html("<p><b><i>“a ".repeat(depth)));
    let references = repeat_to(
        "<p>&ldquo;We&rsquo;ll go,&rdquo; said &Aacute;da&nbsp;Quill &amp; co&#8217;s &#x201C;x",
        size(50 << 20, 256 << 10),
    );
    assert_check_once(default_engine(), &html(references));
    assert_check_once(
        default_engine(),
        &html(format!("<p>Before.</p><!-- {}", "“x” said Ola. ".repeat(depth))),
    );
    let attributes: String = (0..depth).map(|i| format!(" a{i}=\"{i}\"")).collect();
    assert_check_once(
        default_engine(),
        &html(format!("<p{attributes}>“Yes,” said Ola Brenn.</p>")),
    );
}
