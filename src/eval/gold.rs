//! The gold files of `tests/corpus/` (format in `tests/corpus/README.md`):
//! serde types, and the resolution of each "text + occurrence" to a byte span.

use super::EvalError;
use crate::Span;
use serde::Deserialize;
use std::path::Path;

/// One `<slug>.gold.yaml` file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldFile {
    /// The article's file name, relative to the gold file's folder.
    pub article: String,
    /// The outlet the article is written for: the rule set's `publication`.
    #[serde(default)]
    pub publication: Option<String>,
    #[serde(default)]
    pub attributions: Vec<GoldAttribution>,
    #[serde(default)]
    pub findings: Vec<GoldFinding>,
    /// Findings that are defensible either way: neither rewarded nor penalised.
    #[serde(default)]
    pub optional_findings: Vec<GoldFinding>,
}

/// One gold attribution: every part as its exact text and 1-based occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldAttribution {
    pub speaker: String,
    #[serde(default = "first")]
    pub speaker_at: usize,
    /// Who the speaker resolves to.
    pub name: String,
    pub class: String,
    #[serde(default)]
    pub cue: Option<String>,
    #[serde(default = "first")]
    pub cue_at: usize,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default = "first")]
    pub content_at: usize,
    pub kind: String,
    #[serde(default)]
    pub recipient: Option<String>,
}

/// A finding a careful standards editor expects: check code and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldFinding {
    pub code: String,
    pub line: usize,
}

fn first() -> usize {
    1
}

/// A gold attribution with its parts resolved to byte spans in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedAttribution {
    pub speaker: Span,
    pub name: String,
    pub cue: Option<Span>,
    pub content: Option<Span>,
    pub kind: String,
}

impl GoldFile {
    /// Read and parse a gold file.
    pub fn load(path: &Path) -> Result<GoldFile, EvalError> {
        let text = super::read_text(path)?;
        GoldFile::parse(&path.display().to_string(), &text)
    }

    /// Parse a gold file's text; `name` is used in errors.
    pub fn parse(name: &str, text: &str) -> Result<GoldFile, EvalError> {
        serde_yaml::from_str(text).map_err(|e| EvalError::Gold {
            file: name.to_string(),
            message: e.to_string(),
        })
    }

    /// Resolve every attribution's texts to spans in `article`.
    pub fn resolve(&self, file: &str, article: &str) -> Result<Vec<ResolvedAttribution>, EvalError> {
        self.attributions
            .iter()
            .map(|a| {
                let find = |field: &str, text: &str, at: usize| {
                    nth_occurrence(article, text, at).ok_or_else(|| EvalError::Gold {
                        file: file.to_string(),
                        message: format!("{field} {text:?} (occurrence {at}) is not in {}", self.article),
                    })
                };
                Ok(ResolvedAttribution {
                    speaker: find("speaker", &a.speaker, a.speaker_at)?,
                    name: a.name.clone(),
                    cue: a.cue.as_deref().map(|c| find("cue", c, a.cue_at)).transpose()?,
                    content: a
                        .content
                        .as_deref()
                        .map(|c| find("content", c, a.content_at))
                        .transpose()?,
                    kind: a.kind.clone(),
                })
            })
            .collect()
    }
}

/// The byte span of the `n`-th (1-based) occurrence of `needle` in `haystack`:
/// a plain, case-sensitive, non-overlapping substring count.
pub fn nth_occurrence(haystack: &str, needle: &str, n: usize) -> Option<Span> {
    if needle.is_empty() || n == 0 {
        return None;
    }
    haystack
        .match_indices(needle)
        .nth(n - 1)
        .map(|(start, m)| Span::new(start, start + m.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_count_inside_words() {
        let text = "The heron said he would go.";
        assert_eq!(nth_occurrence(text, "he", 1), Some(Span::new(1, 3)));
        assert_eq!(nth_occurrence(text, "he", 2), Some(Span::new(4, 6)));
        assert_eq!(nth_occurrence(text, "he", 3), Some(Span::new(15, 17)));
        assert_eq!(nth_occurrence(text, "he", 4), None);
        assert_eq!(nth_occurrence(text, "he", 0), None);
    }

    #[test]
    fn parses_and_resolves_a_gold_file() {
        let yaml = "article: a.txt\npublication: The Daily Lantern\nattributions:\n  - speaker: she\n    speaker_at: 2\n    name: Ada Quill\n    class: person\n    cue: said\n    content: the lamps stay lit\n    kind: indirect\nfindings:\n  - {code: vague-source, line: 2}\n";
        let gold = GoldFile::parse("a.gold.yaml", yaml).unwrap();
        assert_eq!(gold.publication.as_deref(), Some("The Daily Lantern"));
        assert!(gold.optional_findings.is_empty());
        let article = "Ada Quill, she said, said she would see. The lamps? she said the lamps stay lit.";
        let resolved = gold.resolve("a.gold.yaml", article).unwrap();
        assert_eq!(resolved[0].speaker.slice(article), "she");
        assert_eq!(resolved[0].speaker.start, article.find("she would").unwrap());
        assert_eq!(resolved[0].cue.unwrap().start, article.find("said").unwrap());
        assert_eq!(resolved[0].content.unwrap().slice(article), "the lamps stay lit");
    }

    #[test]
    fn unknown_fields_and_missing_texts_are_errors() {
        let bad = "article: a.txt\nattributions: []\nextra: 1\n";
        assert!(GoldFile::parse("x", bad).is_err());
        let yaml =
            "article: a.txt\nattributions:\n  - {speaker: Bo, name: Bo, class: person, content: gone, kind: direct}\n";
        let gold = GoldFile::parse("x", yaml).unwrap();
        let err = gold.resolve("x", "Bo said nothing.").unwrap_err();
        assert!(err.to_string().contains("\"gone\""), "{err}");
    }
}
