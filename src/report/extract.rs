//! `attrib extract`: every attribution and the cast of speakers, as the
//! version-1 JSON object of DESIGN.md, an aligned table or CSV.

use super::json::VERSION;
use super::Position;
use crate::{Analysis, Attribution, Document, SourceFile, Span};
use serde::Serialize;
use std::io;

/// `{"version": 1, "files": [...]}`.
#[derive(Debug, Serialize)]
pub struct ExtractOutput {
    pub version: u32,
    pub files: Vec<ExtractFile>,
}

impl ExtractOutput {
    pub fn new(files: Vec<ExtractFile>) -> Self {
        ExtractOutput {
            version: VERSION,
            files,
        }
    }
}

/// The attributions and the speakers of one file.
#[derive(Debug, Serialize)]
pub struct ExtractFile {
    pub path: String,
    pub attributions: Vec<AttributionOutput>,
    pub speakers: Vec<SpeakerOutput>,
}

#[derive(Debug, Serialize)]
pub struct AttributionOutput {
    pub kind: &'static str,
    pub speaker: SpeakerMention,
    pub cue: Option<Excerpt>,
    pub content: Option<Excerpt>,
    pub recipient: Option<String>,
}

/// The speaker as written, with who the cast says it is.
#[derive(Debug, Serialize)]
pub struct SpeakerMention {
    pub text: String,
    pub name: String,
    pub class: &'static str,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
}

/// A piece of the text and where it is.
#[derive(Debug, Serialize)]
pub struct Excerpt {
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
}

impl Excerpt {
    /// The excerpt of an analysis span: its words, and its place in the original.
    fn new(source: &SourceFile, document: &Document<'_>, span: Span) -> Self {
        let at = Position::of(source, document.source_span(span));
        Excerpt {
            text: document.display(span).to_string(),
            line: at.line,
            column: at.column,
            offset: at.offset,
            length: at.length,
        }
    }
}

/// One speaker of the cast.
#[derive(Debug, Serialize)]
pub struct SpeakerOutput {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub class: &'static str,
    pub first_line: usize,
    pub mentions: usize,
    pub attributions: usize,
}

impl AttributionOutput {
    pub fn new(source: &SourceFile, analysis: &Analysis<'_>, a: &Attribution) -> Self {
        let document = &analysis.document;
        let phrase = &a.speaker;
        let speaker = analysis.cast.get(a.speaker_id);
        let slice = |span: Option<Span>| span.map(|s| document.display(s).to_string());
        let at = Position::of(source, document.source_span(phrase.span));
        let mention = SpeakerMention {
            text: document.display(phrase.span).to_string(),
            name: speaker
                .map(|s| s.name.clone())
                .or_else(|| slice(phrase.name))
                .unwrap_or_else(|| document.display(phrase.span).to_string()),
            class: speaker.map_or(phrase.class, |s| s.class).as_str(),
            role: speaker.and_then(|s| s.role.clone()).or_else(|| slice(phrase.role)),
            affiliation: speaker
                .and_then(|s| s.affiliation.clone())
                .or_else(|| slice(phrase.affiliation)),
            line: at.line,
            column: at.column,
            offset: at.offset,
            length: at.length,
        };
        AttributionOutput {
            kind: a.kind.as_str(),
            speaker: mention,
            cue: a.cue.map(|c| Excerpt::new(source, document, c.span)),
            content: a.content.map(|c| Excerpt::new(source, document, c)),
            recipient: slice(a.recipient),
        }
    }
}

impl ExtractFile {
    pub fn new(source: &SourceFile, analysis: &Analysis<'_>) -> Self {
        let attributions = analysis
            .attributions
            .iter()
            .map(|a| AttributionOutput::new(source, analysis, a))
            .collect();
        let speakers = analysis
            .cast
            .speakers
            .iter()
            .map(|s| SpeakerOutput {
                name: s.name.clone(),
                aliases: s.aliases.clone(),
                role: s.role.clone(),
                affiliation: s.affiliation.clone(),
                class: s.class.as_str(),
                first_line: source
                    .line_column(analysis.document.source_span(s.first_mention).start)
                    .line,
                mentions: s.mentions.len(),
                attributions: s.attributions,
            })
            .collect();
        ExtractFile {
            path: source.name.clone(),
            attributions,
            speakers,
        }
    }
}

/// One line of `attrib extract --input jsonl`: a record's id, attributions and cast.
#[derive(Debug, Serialize)]
pub struct RecordOutput<'a> {
    pub id: &'a serde_json::Value,
    pub attributions: &'a [AttributionOutput],
    pub speakers: &'a [SpeakerOutput],
}

impl<'a> RecordOutput<'a> {
    pub fn new(id: &'a serde_json::Value, file: &'a ExtractFile) -> Self {
        RecordOutput {
            id,
            attributions: &file.attributions,
            speakers: &file.speakers,
        }
    }
}

/// Write the JSON object.
pub fn write_json(out: &mut dyn io::Write, files: Vec<ExtractFile>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &ExtractOutput::new(files))?;
    writeln!(out)
}

/// The JSON object of [`ExtractOutput`] written file by file, so memory does
/// not grow with the number of files; the bytes are those of [`write_json`].
#[derive(Debug, Default)]
pub struct JsonStream {
    files_written: usize,
}

impl JsonStream {
    pub fn file(&mut self, out: &mut dyn io::Write, file: &ExtractFile) -> io::Result<()> {
        if self.files_written == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [\n    ")?;
        } else {
            out.write_all(b",\n    ")?;
        }
        super::json::write_pretty_nested(out, file, 2)?;
        self.files_written += 1;
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        if self.files_written == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": []\n}}\n")
        } else {
            out.write_all(b"\n  ]\n}\n")
        }
    }
}

/// How much of a content the table shows.
const CONTENT_WIDTH: usize = 60;

/// One line of table text: whitespace runs (line breaks included) become one
/// space, and text longer than `width` characters ends in an ellipsis.
fn cell(text: &str, width: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let mut cut: String = flat.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// Rows as columns padded to their widest cell; the last column is not padded.
pub(crate) fn write_columns(out: &mut dyn io::Write, rows: &[Vec<String>]) -> io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, value) in row.iter().enumerate() {
            if c + 1 < columns {
                line.push_str(value);
                line.push_str(&" ".repeat(widths[c] - value.chars().count() + 2));
            } else {
                line.push_str(value);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "-".to_string(), |v| cell(v, 40))
}

/// Write one file as a table of attributions, then its cast.
pub fn write_table(out: &mut dyn io::Write, file: &ExtractFile) -> io::Result<()> {
    writeln!(out, "{}", file.path)?;
    writeln!(out)?;
    if file.attributions.is_empty() {
        writeln!(out, "no attributions")?;
    } else {
        let mut rows = vec![["LINE", "KIND", "SPEAKER", "AS WRITTEN", "CUE", "CONTENT"]
            .map(String::from)
            .to_vec()];
        for a in &file.attributions {
            rows.push(vec![
                format!("{}:{}", a.speaker.line, a.speaker.column),
                a.kind.to_string(),
                cell(&a.speaker.name, 40),
                cell(&a.speaker.text, 30),
                or_dash(a.cue.as_ref().map(|c| c.text.as_str())),
                a.content
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |c| cell(&c.text, CONTENT_WIDTH)),
            ]);
        }
        write_columns(out, &rows)?;
    }
    writeln!(out)?;
    if !file.speakers.is_empty() {
        let mut rows = vec![[
            "SPEAKER",
            "CLASS",
            "ROLE",
            "AFFILIATION",
            "FIRST LINE",
            "MENTIONS",
            "ATTRIBUTIONS",
        ]
        .map(String::from)
        .to_vec()];
        for s in &file.speakers {
            rows.push(vec![
                cell(&s.name, 40),
                s.class.to_string(),
                or_dash(s.role.as_deref()),
                or_dash(s.affiliation.as_deref()),
                s.first_line.to_string(),
                s.mentions.to_string(),
                s.attributions.to_string(),
            ]);
        }
        write_columns(out, &rows)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The CSV header; one row per attribution follows.
pub const CSV_HEADER: &[&str] = &[
    "path",
    "line",
    "column",
    "kind",
    "speaker",
    "speaker_name",
    "class",
    "role",
    "affiliation",
    "cue",
    "content",
    "recipient",
];

/// Quote a CSV field when it needs it (RFC 4180).
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Write the CSV header.
pub fn write_csv_header(out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "{}", CSV_HEADER.join(","))
}

/// Write one file's attributions as CSV rows.
pub fn write_csv_rows(out: &mut dyn io::Write, file: &ExtractFile) -> io::Result<()> {
    for a in &file.attributions {
        let fields = [
            file.path.clone(),
            a.speaker.line.to_string(),
            a.speaker.column.to_string(),
            a.kind.to_string(),
            a.speaker.text.clone(),
            a.speaker.name.clone(),
            a.speaker.class.to_string(),
            a.speaker.role.clone().unwrap_or_default(),
            a.speaker.affiliation.clone().unwrap_or_default(),
            a.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
            a.content.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
            a.recipient.clone().unwrap_or_default(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_writes_the_bytes_of_one_object() {
        let engine = crate::Engine::new(crate::RuleSet::defaults());
        let texts = [
            "“We will build it,” Mara Voss said.",
            "Nothing.",
            "Experts say it fell.",
        ];
        for count in 0..=texts.len() {
            let files = || {
                texts[..count].iter().enumerate().map(|(i, t)| {
                    let source = SourceFile::new(format!("{i}.txt"), *t, crate::InputFormat::Plain);
                    ExtractFile::new(&source, &engine.analyze(&source))
                })
            };
            let mut streamed = Vec::new();
            let mut stream = JsonStream::default();
            for file in files() {
                stream.file(&mut streamed, &file).unwrap();
            }
            stream.finish(&mut streamed).unwrap();
            let mut whole = Vec::new();
            write_json(&mut whole, files().collect()).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap());
        }
    }

    #[test]
    fn cells_are_flattened_and_cut() {
        assert_eq!(cell("one\n two", 60), "one two");
        assert_eq!(cell("abcdef", 4), "abc…");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}
