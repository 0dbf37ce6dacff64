//! Quote verification: direct and partial quotes checked against the
//! transcripts of what the speaker said.
//!
//! [`load_sources`] reads the transcripts a rule set lists (`speakers[].sources`)
//! and any given on the command line; [`SourceIndex::build`] indexes them once
//! per run; [`verify`] aligns each quotation of an analysed article with them
//! and says which quotes are misquoted, not found, or someone else's words.
//! The checks `misquote`, `unverified-quote` and `wrong-speaker` report the
//! outcomes.

pub mod align;
pub mod index;
pub mod transcript;
pub mod words;

pub use index::{SourceIndex, Who};
pub use transcript::Transcript;

use crate::attribution::{Attribution, AttributionKind, SpeakerClass};
use crate::document::Document;
use crate::resolve::Cast;
use crate::rules::{RuleError, RuleSet, SourceRef};
use crate::Span;
use align::Step;
use miette::Diagnostic;
use std::path::{Path, PathBuf};

/// Quotes of fewer words are not verified ("a “daring” move").
pub const MIN_QUOTE_WORDS: usize = 2;
/// A passage of the speaker's sources is the one a quote misquotes when at
/// least this share of the quote's words are in it as they are (and two or more).
const SAME_PASSAGE_SHARE: f64 = 0.6;
/// Another speaker's passage makes a quote `wrong-speaker` when it has at
/// least this many of the quote's words and at most one difference per ten words.
const WRONG_SPEAKER_MIN_WORDS: u32 = 4;
/// File extensions a folder of sources is read for.
pub const SOURCE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];
/// The longest source passage quoted in a finding, in characters.
const PASSAGE_MAX_CHARS: usize = 400;

/// A source that could not be used.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum SourceError {
    /// A problem with a file a rule file lists: points at the listing line.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Listed(RuleError),
    /// A problem with a file or folder given with `--sources`.
    #[error("source {path}: {reason}")]
    #[diagnostic(code(attrib::sources))]
    File {
        path: String,
        reason: String,
        #[help]
        help: Option<String>,
    },
}

impl SourceError {
    /// The file the problem is in (the rule file for a listed source, the
    /// source itself for `--sources`), and the line and column when known.
    pub fn location(&self) -> (&str, Option<(usize, usize)>) {
        match self {
            SourceError::Listed(err) => (&err.file, err.position()),
            SourceError::File { path, .. } => (path, None),
        }
    }
}

/// The files one `sources` entry names, relative to `dir`: a file, the
/// transcripts in a folder, or the files a glob matches (sorted).
pub fn expand_listing(dir: &Path, listed: &str) -> Result<Vec<PathBuf>, String> {
    let path = dir.join(listed);
    if listed.contains(['*', '?', '[']) {
        let pattern = path.to_string_lossy().into_owned();
        let matches = glob::glob(&pattern).map_err(|e| format!("source glob `{listed}` is not valid: {e}"))?;
        let mut files: Vec<PathBuf> = matches.filter_map(Result::ok).filter(|p| p.is_file()).collect();
        files.sort();
        if files.is_empty() {
            return Err(format!("source glob `{listed}` matches no file"));
        }
        return Ok(files);
    }
    if path.is_dir() {
        let files = transcripts_in(&path);
        if files.is_empty() {
            return Err(format!("source folder `{listed}` holds no .txt or .md file"));
        }
        return Ok(files);
    }
    if path.is_file() {
        Ok(vec![path])
    } else {
        Err(format!("source file `{listed}` does not exist"))
    }
}

/// The transcript files under a folder, sorted; hidden entries skipped.
fn transcripts_in(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| SOURCE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
        })
        .collect()
}

/// Read every transcript a rule set lists and every file or folder in
/// `extra` (`--sources`). A file listed twice is read once, its owners merged.
/// Problems are returned; the sources that could be read are still used.
pub fn load_sources(rules: &RuleSet, extra: &[PathBuf]) -> (Vec<Transcript>, Vec<SourceError>) {
    let mut transcripts: Vec<Transcript> = Vec::new();
    let mut by_path: Vec<(PathBuf, usize)> = Vec::new();
    let mut errors = Vec::new();
    let mut add_file = |path: &Path, owner: Option<usize>, transcripts: &mut Vec<Transcript>| -> Result<(), String> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(&(_, t)) = by_path.iter().find(|(p, _)| *p == key) {
            let owners = &mut transcripts[t].owners;
            if let Some(o) = owner.filter(|o| !owners.contains(o)) {
                owners.push(o);
            }
            return Ok(());
        }
        let text = transcript::read(path).map_err(|e| e.to_string())?;
        by_path.push((key, transcripts.len()));
        transcripts.push(Transcript {
            name: shown_path(path),
            text,
            owners: owner.into_iter().collect(),
        });
        Ok(())
    };
    for (speaker, entry) in rules.speakers.iter().enumerate() {
        let origin = rules.speaker_origins.get(speaker).cloned().unwrap_or_default();
        let dir = origin.dir.clone().unwrap_or_else(|| PathBuf::from("."));
        for (j, source) in entry.sources.iter().enumerate() {
            let listing_error = |message: String, help: String| {
                let text = origin.text.as_deref().unwrap_or("");
                let offset = crate::rules::yaml::parse(text).ok().map(|tree| {
                    use crate::rules::yaml::Seg;
                    tree.offset_of(&[
                        Seg::Key("speakers"),
                        Seg::Index(origin.index),
                        Seg::Key("sources"),
                        Seg::Index(j),
                    ])
                });
                SourceError::Listed(RuleError::at(&origin.rule_file, text, offset, message, Some(help)))
            };
            match source {
                SourceRef::Inline(inline) => transcripts.push(Transcript {
                    name: format!("{} (speaker {}, inline source {})", origin.rule_file, entry.name, j + 1),
                    text: inline.text.clone(),
                    owners: vec![speaker],
                }),
                SourceRef::Path(listed) => match expand_listing(&dir, listed) {
                    Err(reason) => errors.push(listing_error(
                        format!("{reason} (a source of {})", entry.name),
                        format!("paths are relative to the rule file's folder, {}", shown(&dir)),
                    )),
                    Ok(files) => {
                        for file in files {
                            if let Err(reason) = add_file(&file, Some(speaker), &mut transcripts) {
                                errors.push(listing_error(
                                    format!("source file `{}` of {}: {reason}", shown_path(&file), entry.name),
                                    "save the transcript as UTF-8 text".to_string(),
                                ));
                            }
                        }
                    }
                },
            }
        }
    }
    for path in extra {
        let files = if path.is_dir() {
            transcripts_in(path)
        } else {
            vec![path.clone()]
        };
        for file in files {
            if let Err(reason) = add_file(&file, None, &mut transcripts) {
                let help = reason
                    .contains("UTF-8")
                    .then(|| "save the transcript as UTF-8 text".to_string());
                errors.push(SourceError::File {
                    path: file.display().to_string(),
                    reason,
                    help,
                });
            }
        }
    }
    (transcripts, errors)
}

/// A path as reports show it: relative to the working folder when it is inside it.
fn shown_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf));
    relative.as_deref().unwrap_or(path).display().to_string()
}

fn shown(dir: &Path) -> String {
    match shown_path(dir) {
        empty if empty.is_empty() => ".".to_string(),
        dir => dir,
    }
}

/// Read and index the sources of a rule set plus `extra`: once per run.
pub fn index_sources(rules: &RuleSet, extra: &[PathBuf]) -> (SourceIndex, Vec<SourceError>) {
    let (transcripts, errors) = load_sources(rules, extra);
    (SourceIndex::build(transcripts, &rules.speakers), errors)
}

/// What verification found wrong with one quote. Verified quotes have none.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteCheck {
    /// The quote's words in the article (inside the marks).
    pub quote: Span,
    /// The speaker in the document's cast.
    pub speaker: usize,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The speaker's sources have the passage, with differences.
    Misquote(Evidence),
    /// The speaker has sources and none has the quote.
    Unverified {
        /// The files searched.
        files: Vec<String>,
    },
    /// Another speaker's words have the quote.
    WrongSpeaker {
        found: Evidence,
        /// The speaker's own closest passage, when it is a near match.
        own: Option<Evidence>,
    },
}

/// A source passage and how the quote differs from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub file: String,
    /// 1-based line of the passage's first word.
    pub line: usize,
    /// The passage, whitespace collapsed.
    pub passage: String,
    /// Who says it in the source: the registry name or the label.
    pub said_by: String,
    pub differences: Vec<Difference>,
}

/// One difference the standards do not allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// A quote word where the source has another.
    Changed { quote: Span, source: String },
    /// A quote word the source does not have here.
    Added { quote: Span },
    /// Source words left out, with no ellipsis, at offset `at` of the article.
    Omitted { at: usize, source: String },
}

impl Difference {
    /// Where in the article the difference is.
    pub fn span(&self) -> Span {
        match self {
            Difference::Changed { quote, .. } | Difference::Added { quote } => *quote,
            Difference::Omitted { at, .. } => Span::empty(*at),
        }
    }

    /// A short description: `“raise” → source “lower”`.
    pub fn describe(&self, text: &str) -> String {
        match self {
            Difference::Changed { quote, source } => {
                format!("“{}” where the source has “{source}”", quote.slice(text))
            }
            Difference::Added { quote } => format!("“{}” is not in the source", quote.slice(text)),
            Difference::Omitted { source, .. } => format!("“{source}” left out with no ellipsis"),
        }
    }
}

/// Verify every direct, partial and mixed quote of an analysed article whose
/// speaker is named, against `index`.
pub fn verify(
    doc: &Document<'_>,
    attributions: &[Attribution],
    cast: &Cast,
    rules: &RuleSet,
    index: &SourceIndex,
) -> Vec<QuoteCheck> {
    let mut out = Vec::new();
    if index.is_empty() {
        return out;
    }
    let text: &str = &doc.text;
    let mut seen: Vec<usize> = Vec::new();
    for a in attributions {
        let Some(speaker_id) = a.speaker_id else { continue };
        let Some(speaker) = cast.speakers.get(speaker_id) else {
            continue;
        };
        if !matches!(speaker.class, SpeakerClass::Person | SpeakerClass::Organization) {
            continue;
        }
        let quotes: Vec<usize> = match (a.kind, a.quote, a.content) {
            (AttributionKind::Direct | AttributionKind::Partial, Some(q), _) => vec![q],
            (AttributionKind::Mixed, _, Some(content)) => (0..doc.quotes.len())
                .filter(|&q| doc.quotes[q].depth == 0 && content.covers(doc.quotes[q].content))
                .collect(),
            _ => Vec::new(),
        };
        let who = Who {
            registry: speaker.registry,
            name: &speaker.name,
        };
        for q in quotes {
            if seen.contains(&q) {
                continue;
            }
            seen.push(q);
            let content = doc.quotes[q].content;
            if let Some(outcome) = check_quote(index, rules, text, content, who) {
                out.push(QuoteCheck {
                    quote: content,
                    speaker: speaker_id,
                    outcome,
                });
            }
        }
    }
    out
}

/// The outcome for one quotation, `None` when it is verified (or too short to say).
pub fn check_quote(index: &SourceIndex, rules: &RuleSet, text: &str, content: Span, who: Who<'_>) -> Option<Outcome> {
    let pieces = words::pattern(text, (content.start, content.end));
    let word_count = pieces.iter().filter(|p| matches!(p, words::Piece::Word { .. })).count();
    if word_count < MIN_QUOTE_WORDS {
        return None;
    }
    let items = index.items(text, &pieces);
    // The index finds passages by pairs of neighbouring words: a quote with
    // no two words side by side ("gamble … reckless") cannot be looked up.
    if !items
        .windows(2)
        .any(|pair| matches!(pair, [align::Item::Word(_), align::Item::Word(_)]))
    {
        return None;
    }
    let (own, other) = index.search(&items, content.len(), who);
    let words = word_count as u32;
    let exact = |f: &index::Found| f.alignment.cost == 0;
    if own.as_ref().is_some_and(exact) {
        return None;
    }
    let same_passage = |f: &index::Found| {
        f.alignment.same >= 2 && f64::from(f.alignment.same) >= SAME_PASSAGE_SHARE * f64::from(words)
    };
    let evidence = |f: &index::Found| evidence(index, rules, &pieces, f);
    if let Some(found) = other.as_ref().filter(|f| {
        f.alignment.same >= WRONG_SPEAKER_MIN_WORDS
            && f.alignment.cost * 10 <= words
            && own.as_ref().is_none_or(|o| o.alignment.cost > f.alignment.cost)
    }) {
        return Some(Outcome::WrongSpeaker {
            found: evidence(found),
            own: own.as_ref().filter(|o| same_passage(o)).map(evidence),
        });
    }
    let files = index.files_of(who);
    if files.is_empty() {
        return None;
    }
    match own.as_ref().filter(|o| same_passage(o)) {
        Some(found) => Some(Outcome::Misquote(evidence(found))),
        None => Some(Outcome::Unverified {
            files: files.iter().map(|&f| index.file_name(f).to_string()).collect(),
        }),
    }
}

/// The passage an alignment found and the differences, placed in the article.
fn evidence(index: &SourceIndex, rules: &RuleSet, pieces: &[words::Piece], found: &index::Found) -> Evidence {
    let words = &found.source_words;
    let a = &found.alignment;
    let source_text = |from: usize, to: usize| -> String {
        if from >= to {
            return String::new();
        }
        let place = index.place(words[from].0, words[to - 1].1);
        collapse(place.text)
    };
    let mut differences = Vec::new();
    for step in &a.steps {
        match *step {
            Step::Changed { item, source } => {
                let (s, e) = pieces[item].span();
                differences.push(Difference::Changed {
                    quote: Span::new(s, e),
                    source: source_text(source, source + 1),
                });
            }
            Step::Added { item } => {
                let (s, e) = pieces[item].span();
                differences.push(Difference::Added { quote: Span::new(s, e) });
            }
            Step::Omitted { after, from, to } => {
                let at = after.map_or_else(|| pieces[0].span().0, |i| pieces[i].span().1);
                differences.push(Difference::Omitted {
                    at,
                    source: source_text(from, to),
                });
            }
            Step::Same { .. } | Step::Elided { .. } | Step::Bracketed { .. } => {}
        }
    }
    let (first, end) = (a.first.min(words.len()), a.end.min(words.len()));
    let (start, stop) = if first < end {
        (words[first].0, words[end - 1].1)
    } else {
        let at = words.get(first).map_or(0, |w| w.0);
        (at, at)
    };
    let place = index.place(start, stop);
    let speaker = index.turn_speaker(found.turn);
    let said_by = if speaker.registry.is_empty() {
        match speaker.label {
            Some(label) if label.eq_ignore_ascii_case("q") => "the questioner (Q:)".to_string(),
            Some(label) => label.to_string(),
            None => "an unnamed speaker".to_string(),
        }
    } else {
        speaker
            .registry
            .iter()
            .map(|&r| rules.speakers[r].name.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    Evidence {
        file: place.file.to_string(),
        line: place.line,
        passage: shorten(&collapse(place.text)),
        said_by,
        differences,
    }
}

/// Whitespace runs (line breaks too) as one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A long passage cut in the middle.
fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count <= PASSAGE_MAX_CHARS {
        return text.to_string();
    }
    let half = PASSAGE_MAX_CHARS / 2;
    let head: String = text.chars().take(half).collect();
    let tail: String = text.chars().skip(count - half).collect();
    format!("{} … {}", head.trim_end(), tail.trim_start())
}
