//! Suppression: findings a document or the registry asks not to report.
//!
//! In Markdown and HTML, HTML comments switch codes off and on:
//! `<!-- attrib-disable CODE... -->` … `<!-- attrib-enable CODE... -->`, and
//! `<!-- attrib-disable-next-line CODE... -->` for the line after the comment.
//! Without a code, every code. A registry speaker's `allow` lists codes never
//! reported on that speaker's mentions.

use super::RuleSet;
use crate::finding::Finding;
use crate::text::{InputFormat, SourceFile};
use crate::{Analysis, Span};

/// Where some codes (or all, when `codes` is empty) are not reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub span: Span,
    pub codes: Vec<String>,
}

impl Suppression {
    fn covers(&self, finding: &Finding) -> bool {
        self.span.start <= finding.span.start
            && finding.span.start < self.span.end
            && (self.codes.is_empty() || self.codes.iter().any(|c| *c == finding.code))
    }
}

/// The ranges the comments of a Markdown text switch off.
pub fn comment_ranges(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    // Open `attrib-disable` ranges: (start, codes).
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("<!--").map(|i| from + i) {
        // `<!-->` and `<!--->` are whole (empty) comments, as in HTML: the
        // closing `-->` may overlap the opening `<!--`.
        let Some(end) = text[start + 2..].find("-->").map(|i| start + 2 + i + 3) else {
            break;
        };
        from = end;
        let body = text[(start + 4).min(end - 3)..end - 3].trim();
        let mut words = body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let directive = words.next().unwrap_or("");
        let codes: Vec<String> = words.map(str::to_string).collect();
        match directive {
            "attrib-disable" => open.push((end, codes)),
            "attrib-enable" => {
                // A bare enable, or one closing a bare disable, turns every
                // code back on; a named one closes just those codes.
                let mut still_open = Vec::new();
                for (s, open_codes) in open.drain(..) {
                    let (closed, kept): (Vec<String>, Vec<String>) = if codes.is_empty() || open_codes.is_empty() {
                        (open_codes, Vec::new())
                    } else {
                        open_codes.into_iter().partition(|c| codes.contains(c))
                    };
                    if !closed.is_empty() || kept.is_empty() {
                        out.push(Suppression {
                            span: Span::new(s, start),
                            codes: closed,
                        });
                    }
                    if !kept.is_empty() {
                        still_open.push((s, kept));
                    }
                }
                open = still_open;
            }
            "attrib-disable-next-line" => {
                let line_start = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
                out.push(Suppression {
                    span: Span::new(line_start, line_end),
                    codes,
                });
            }
            _ => {}
        }
    }
    for (s, codes) in open {
        out.push(Suppression {
            span: Span::new(s, text.len()),
            codes,
        });
    }
    out
}

/// Drop the findings that comments in the source suppress. Finding spans
/// are offsets into the original text (comments are not in the analysis text).
pub fn apply_comments(source: &SourceFile, findings: &mut Vec<Finding>) {
    let has_comments = matches!(source.format, InputFormat::Markdown | InputFormat::Html);
    if has_comments && source.text.contains("attrib-") {
        let ranges = comment_ranges(&source.text);
        if !ranges.is_empty() {
            findings.retain(|f| !ranges.iter().any(|r| r.covers(f)));
        }
    }
}

/// Drop the findings a registry speaker's `allow` suppresses. Finding spans
/// are analysis offsets, like the cast's mentions.
pub fn apply_registry(analysis: &Analysis<'_>, rules: &RuleSet, findings: &mut Vec<Finding>) {
    if rules.speakers.iter().all(|s| s.allow.is_empty()) {
        return;
    }
    for speaker in &analysis.cast.speakers {
        // The resolver's link, or (for unnamed sources, which it does not
        // link) the description written as the entry's name or an alias.
        let same = |a: &str, b: &str| {
            a.split_whitespace()
                .map(str::to_lowercase)
                .eq(b.split_whitespace().map(str::to_lowercase))
        };
        let entry = speaker.registry.and_then(|i| rules.speakers.get(i)).or_else(|| {
            rules.speakers.iter().find(|e| {
                !e.allow.is_empty()
                    && std::iter::once(&e.name)
                        .chain(&e.aliases)
                        .any(|n| same(n, &speaker.name) || speaker.aliases.iter().any(|a| same(n, a)))
            })
        });
        let Some(entry) = entry else {
            continue;
        };
        if entry.allow.is_empty() {
            continue;
        }
        let mentions: Vec<Span> = speaker
            .mentions
            .iter()
            .copied()
            .chain([speaker.first_mention])
            .chain(speaker.full_name_mention)
            .collect();
        findings.retain(|f| {
            !(entry.allow.iter().any(|c| *c == f.code) && mentions.iter().any(|m| m.overlaps(f.span) || *m == f.span))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_from_comments() {
        let text = "a\n<!-- attrib-disable vague-source -->\nb\n<!-- attrib-enable vague-source -->\nc\n";
        let r = comment_ranges(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].codes, ["vague-source"]);
        assert_eq!(r[0].span.slice(text).trim(), "b");
    }

    #[test]
    fn comments_in_html_suppress_by_source_position() {
        use crate::{Engine, InputFormat, RuleSet};
        let html = "<p>Experts say the bridge is unsafe.</p>\n<!-- attrib-disable-next-line vague-source -->\n\
                    <p>Critics say the bridge is &ldquo;unsafe&rdquo;.</p>\n";
        let source = SourceFile::new("a.html", html, InputFormat::Html);
        let findings = Engine::new(RuleSet::defaults()).check(&source);
        let vague: Vec<&str> = findings
            .iter()
            .filter(|f| f.code == "vague-source")
            .map(|f| f.span.slice(html))
            .collect();
        assert_eq!(vague, ["Experts"]);
    }

    /// Found by the `check` fuzz target: the `-->` of `<!-->` overlaps its
    /// `<!--`, and cutting out the comment's body panicked.
    #[test]
    fn empty_comments_whose_end_overlaps_their_start() {
        for text in ["<!-->", "a <!---> b", "<!-->x<!-- attrib-disable -->y", "<!--"] {
            for range in comment_ranges(text) {
                assert!(text.get(range.span.range()).is_some(), "{text:?}");
            }
        }
        let text = "<!--> <!-- attrib-disable -->\nhidden";
        let r = comment_ranges(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].span.slice(text).trim(), "hidden");
    }

    #[test]
    fn next_line_and_unclosed() {
        let text = "<!-- attrib-disable-next-line -->\nline two\nline three <!-- attrib-disable a, b -->\nrest";
        let r = comment_ranges(text);
        assert_eq!(r[0].span.slice(text), "line two");
        assert!(r[0].codes.is_empty());
        assert_eq!(r[1].codes, ["a", "b"]);
        assert_eq!(r[1].span.end, text.len());
    }
}
