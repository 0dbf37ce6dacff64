//! Highlighting the article text: the marks of quotes, paraphrases, speakers,
//! cues and findings, and their rendering as properly nested `<mark>`
//! elements over escaped text (a mark crossing another is split).
//!
//! Separate because the nesting of crossing spans is the one intricate part of
//! the page, tested on its own.

use super::{escape, speaker_style};
use crate::{Analysis, Span};

/// A highlighted run of the analysis text.
#[derive(Clone, Debug)]
pub(super) struct Mark {
    pub(super) span: Span,
    /// The opening tag, written again for every piece when marks cross.
    pub(super) open: String,
    /// Written once, inside the first piece (a finding's number).
    pub(super) prefix: String,
}

/// The markup of `text[span]` with the marks that overlap it, nested
/// properly: a mark crossing the end of another is closed and reopened, so
/// one mark may become several elements (sharing their `data-` attributes).
pub(super) fn render_marked(text: &str, span: Span, marks: &[Mark]) -> String {
    let mut marks: Vec<Mark> = marks
        .iter()
        .filter(|m| m.span.overlaps(span))
        .map(|m| Mark {
            span: Span::new(m.span.start.max(span.start), m.span.end.min(span.end)),
            ..m.clone()
        })
        .filter(|m| !m.span.is_empty())
        .collect();
    // Outer marks first: earlier start, then longer.
    marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.span.start, m.span.end]).collect();
    bounds.extend([span.start, span.end]);
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::new();
    let mut open: Vec<usize> = Vec::new();
    let mut started = vec![false; marks.len()];
    let mut next = 0;
    for window in bounds.windows(2) {
        let (at, to) = (window[0], window[1]);
        // Close what ends here; reopen the marks opened after it that go on.
        if let Some(lowest) = open.iter().position(|&m| marks[m].span.end <= at) {
            let reopen: Vec<usize> = open[lowest..]
                .iter()
                .copied()
                .filter(|&m| marks[m].span.end > at)
                .collect();
            for _ in lowest..open.len() {
                out.push_str("</mark>");
            }
            open.truncate(lowest);
            for m in reopen {
                out.push_str(&marks[m].open);
                open.push(m);
            }
        }
        while next < marks.len() && marks[next].span.start == at {
            out.push_str(&marks[next].open);
            if !started[next] {
                out.push_str(&marks[next].prefix);
                started[next] = true;
            }
            open.push(next);
            next += 1;
        }
        if let Some(piece) = text.get(at..to) {
            out.push_str(&escape(piece));
        }
    }
    for _ in &open {
        out.push_str("</mark>");
    }
    out
}

/// The highlights of an article: quotes, paraphrases, speakers and cues.
pub(super) fn attribution_marks(analysis: &Analysis<'_>) -> Vec<Mark> {
    let doc = &analysis.document;
    let mut marks = Vec::new();
    let mut attributed = vec![false; doc.quotes.len()];
    for (i, a) in analysis.attributions.iter().enumerate() {
        let speaker = analysis.cast.get(a.speaker_id);
        let name = speaker.map_or_else(|| doc.slice(a.speaker.span).to_string(), |s| s.name.clone());
        let colour = a.speaker_id.map_or_else(|| "--c:#e3e3e3".to_string(), speaker_style);
        let speaker_attr = a
            .speaker_id
            .map_or_else(String::new, |s| format!(" data-speaker=\"{s}\""));
        if let Some(q) = a.quote {
            attributed[q] = true;
            marks.push(Mark {
                span: doc.quotes[q].span(),
                open: format!(
                    "<mark class=\"quote\" data-quote=\"{q}\"{speaker_attr} style=\"{colour}\" title=\"Quote: {}\">",
                    escape(&name)
                ),
                prefix: String::new(),
            });
        } else if let Some(content) = a.content {
            marks.push(Mark {
                span: content,
                open: format!(
                    "<mark class=\"paraphrase\" data-attribution=\"{i}\"{speaker_attr} style=\"{colour}\" \
                     title=\"Paraphrase: {}\">",
                    escape(&name)
                ),
                prefix: String::new(),
            });
        }
        // Two statements can share one speaker mention or cue: mark it once.
        let marked = |marks: &[Mark], span: Span, class: &str| {
            marks
                .iter()
                .any(|m| m.span == span && m.open.starts_with(&format!("<mark class=\"{class}\"")))
        };
        if !marked(&marks, a.speaker.span, "speaker") {
            marks.push(Mark {
                span: a.speaker.span,
                open: format!(
                    "<mark class=\"speaker\" data-attribution=\"{i}\"{speaker_attr} style=\"{colour}\" title=\"Speaker: {}\">",
                    escape(&name)
                ),
                prefix: String::new(),
            });
        }
        if let Some(cue) = a.cue.filter(|c| !marked(&marks, c.span, "cue")) {
            marks.push(Mark {
                span: cue.span,
                open: format!("<mark class=\"cue\" data-attribution=\"{i}\" title=\"Reporting cue\">"),
                prefix: String::new(),
            });
        }
    }
    for (q, quote) in doc.quotes.iter().enumerate() {
        if attributed[q] || quote.depth > 0 {
            continue;
        }
        // A quoted fragment inside reported speech is the speaker's words too.
        let holder = analysis
            .attributions
            .iter()
            .find(|a| a.content.is_some_and(|c| c.covers(quote.span())));
        let open = match holder {
            Some(a) => {
                let name = analysis
                    .cast
                    .get(a.speaker_id)
                    .map_or_else(|| doc.slice(a.speaker.span).to_string(), |s| s.name.clone());
                let colour = a.speaker_id.map_or_else(|| "--c:#e3e3e3".to_string(), speaker_style);
                let speaker_attr = a
                    .speaker_id
                    .map_or_else(String::new, |s| format!(" data-speaker=\"{s}\""));
                format!(
                    "<mark class=\"quote fragment\" data-quote=\"{q}\"{speaker_attr} style=\"{colour}\" \
                     title=\"Quoted words of {}\">",
                    escape(&name)
                )
            }
            None => format!("<mark class=\"quote unattributed\" data-quote=\"{q}\" title=\"Quote with no speaker\">"),
        };
        marks.push(Mark {
            span: quote.span(),
            open,
            prefix: String::new(),
        });
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, name: &str) -> Mark {
        Mark {
            span: Span::new(start, end),
            open: format!("<mark class=\"{name}\">"),
            prefix: String::new(),
        }
    }

    #[test]
    fn crossing_marks_nest_by_splitting() {
        let text = "abcdef";
        let html = render_marked(text, Span::new(0, 6), &[mark(0, 4, "a"), mark(2, 6, "b")]);
        assert_eq!(
            html,
            "<mark class=\"a\">ab<mark class=\"b\">cd</mark></mark><mark class=\"b\">ef</mark>"
        );
    }

    #[test]
    fn text_is_escaped() {
        let text = "<b>&\"x\"";
        let html = render_marked(text, Span::new(0, text.len()), &[]);
        assert_eq!(html, "&lt;b&gt;&amp;&quot;x&quot;");
    }
}
