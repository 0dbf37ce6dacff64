//! The brat stand-off format as PolNeAR uses it: `T` text-bounds with
//! code-point fragments, `E` relations with their roles, and the conversion of
//! code points to byte offsets that turns them into gold attributions.
//!
//! Separate because it is the corpus's file format, independent of how attrib
//! is scored against it.

use super::GoldAttribution;
use crate::Span;
use serde::Serialize;
use std::collections::BTreeMap;

/// Byte offsets of every code point of a text, for converting offsets.
#[derive(Debug, Clone)]
pub struct CharIndex {
    bytes: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    /// The byte offset of code point `chars` (the end of the text counts).
    pub fn byte(&self, chars: usize) -> Option<usize> {
        self.bytes.get(chars).copied()
    }

    /// A code-point span as a byte span.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        Some(Span::new(self.byte(start)?, self.byte(end)?))
    }
}

/// A text-bound annotation (`T` line): its type and code-point fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub label: String,
    pub fragments: Vec<(usize, usize)>,
}

impl TextBound {
    /// The hull of the fragments, in code points.
    pub fn hull(&self) -> (usize, usize) {
        let start = self.fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let end = self.fragments.iter().map(|f| f.1).max().unwrap_or(0);
        (start, end)
    }

    /// The span scored for this annotation, in code points.
    pub fn extent(&self, mode: Discontinuous) -> (usize, usize) {
        match mode {
            Discontinuous::Hull => self.hull(),
            Discontinuous::First => self.fragments[0],
        }
    }
}

/// How a discontinuous span (`s e;s e`) is scored.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Discontinuous {
    /// From the smallest start to the largest end.
    #[default]
    Hull,
    /// The first fragment listed.
    First,
}

/// A parsed `.ann` file: text-bounds by id, and relations as (role, id) lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub spans: BTreeMap<String, TextBound>,
    pub relations: Vec<Vec<(String, String)>>,
}

/// Parse the text of a brat `.ann` file. Malformed lines are skipped: a
/// corpus quirk should cost one attribution, not the run.
pub fn parse_ann(text: &str) -> Annotations {
    let mut ann = Annotations::default();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("");
        match id.as_bytes().first() {
            Some(b'T') => {
                let Some(body) = fields.next().filter(|_| numbered(id)) else {
                    continue;
                };
                let Some((label, offsets)) = body.split_once(' ') else {
                    continue;
                };
                let fragments: Option<Vec<(usize, usize)>> = offsets
                    .split(';')
                    .map(|frag| {
                        let (s, e) = frag.trim().split_once(' ')?;
                        Some((s.parse().ok()?, e.parse().ok()?))
                    })
                    .collect();
                if let Some(fragments) = fragments.filter(|f| !f.is_empty()) {
                    ann.spans.insert(
                        id.to_string(),
                        TextBound {
                            label: label.to_string(),
                            fragments,
                        },
                    );
                }
            }
            Some(b'E') => {
                let Some(body) = fields.next().filter(|_| numbered(id)) else {
                    continue;
                };
                let roles = body
                    .split_whitespace()
                    .filter_map(|arg| arg.split_once(':'))
                    .map(|(role, target)| (role.to_string(), target.to_string()))
                    .collect();
                ann.relations.push(roles);
            }
            _ => {}
        }
    }
    ann
}

/// Whether an id is a letter and digits ("T12"): a continuation line of span
/// text is not.
fn numbered(id: &str) -> bool {
    id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit())
}

impl Annotations {
    /// The gold attributions of a document, in byte spans of `index`'s text;
    /// and how many relations had no usable content.
    pub fn attributions(&self, index: &CharIndex, mode: Discontinuous) -> (Vec<GoldAttribution>, usize) {
        let mut gold = Vec::new();
        let mut skipped = 0;
        for relation in &self.relations {
            let role = |name: &str| {
                relation
                    .iter()
                    .find(|(r, _)| r == name)
                    .and_then(|(_, id)| self.spans.get(id))
            };
            let to_span = |tb: &TextBound| {
                let (s, e) = tb.extent(mode);
                index.span(s, e)
            };
            let content = role("Content").and_then(|tb| Some((to_span(tb)?, tb.fragments.len() > 1)));
            let Some((content, discontinuous)) = content.filter(|(c, _)| !c.is_empty()) else {
                skipped += 1;
                continue;
            };
            gold.push(GoldAttribution {
                content,
                source: role("Source").and_then(to_span),
                cue: role("Cue").and_then(to_span),
                discontinuous,
            });
        }
        gold.sort_by_key(|g| (g.content.start, g.content.end));
        (gold, skipped)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{ANN, TEXT};
    use super::*;

    #[test]
    fn code_points_become_bytes() {
        let index = CharIndex::new("aé’b");
        assert_eq!(index.byte(0), Some(0));
        assert_eq!(index.byte(1), Some(1));
        assert_eq!(index.byte(2), Some(3));
        assert_eq!(index.byte(3), Some(6));
        assert_eq!(index.byte(4), Some(7));
        assert_eq!(index.byte(5), None);
        assert_eq!(index.span(1, 3), Some(Span::new(1, 6)));
    }

    #[test]
    fn parses_spans_relations_and_skips_continuations() {
        let ann = parse_ann(ANN);
        assert_eq!(ann.spans.len(), 8);
        assert_eq!(ann.spans["T5"].fragments, vec![(40, 54), (40, 47)]);
        assert_eq!(ann.spans["T5"].hull(), (40, 54));
        assert_eq!(ann.relations.len(), 3);
        assert_eq!(
            ann.relations[2],
            vec![
                ("Attribution-no-source".into(), "T8".into()),
                ("Cue".into(), "T7".into())
            ]
        );
    }

    #[test]
    fn relations_become_byte_spans() {
        let (gold, skipped) = parse_ann(ANN).attributions(&CharIndex::new(TEXT), Discontinuous::Hull);
        assert_eq!(skipped, 1, "the relation without content");
        assert_eq!(gold.len(), 2);
        assert_eq!(&TEXT[gold[0].source.unwrap().range()], "Café owners");
        assert_eq!(&TEXT[gold[0].content.range()], "the rent was too high");
        assert_eq!(&TEXT[gold[1].content.range()], "“We’ll close,”");
        assert_eq!(&TEXT[gold[1].cue.unwrap().range()], "wrote");
        assert!(gold[1].discontinuous);
        assert!(!gold[0].discontinuous);
        let (first, _) = parse_ann(ANN).attributions(&CharIndex::new(TEXT), Discontinuous::First);
        assert_eq!(&TEXT[first[1].content.range()], "“We’ll close,”");
        let two = parse_ann("T1\tContent 9 15;0 4\tx\nE1\tAttribution:T1 Content:T1\n");
        let index = CharIndex::new("one two three four");
        assert_eq!(
            two.attributions(&index, Discontinuous::Hull).0[0].content,
            Span::new(0, 15)
        );
        assert_eq!(
            two.attributions(&index, Discontinuous::First).0[0].content,
            Span::new(9, 15)
        );
    }

    #[test]
    fn out_of_range_offsets_are_skipped() {
        let ann = parse_ann("T1\tContent 0 900\tx\nE1\tAttribution:T1 Content:T1\nT2\tContent x y\tbad\n");
        let (gold, skipped) = ann.attributions(&CharIndex::new("short"), Discontinuous::Hull);
        assert!(gold.is_empty());
        assert_eq!(skipped, 1);
    }
}
