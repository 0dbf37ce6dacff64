//! The cast table of an article: each speaker with role, affiliation, class,
//! counts of direct quotes and paraphrases, and first mention.
//!
//! Separate because it reads the resolved cast, not the text.

use super::{class_label, escape, speaker_style};
use crate::document::Document;
use crate::{Analysis, SourceFile};
use std::fmt::Write as _;

/// The number of direct quotes and paraphrases of each speaker.
fn statement_counts(analysis: &Analysis<'_>) -> Vec<(usize, usize)> {
    let mut counts = vec![(0, 0); analysis.cast.speakers.len()];
    for a in &analysis.attributions {
        if let Some(count) = a.speaker_id.and_then(|i| counts.get_mut(i)) {
            if a.quote.is_some() {
                count.0 += 1;
            } else {
                count.1 += 1;
            }
        }
    }
    counts
}

/// The cast of an article as a table.
pub(super) fn cast_table(source: &SourceFile, doc: &Document<'_>, analysis: &Analysis<'_>) -> String {
    let counts = statement_counts(analysis);
    let mut html = String::from(
        "<h3>Cast</h3>\n<table class=\"cast\">\n<thead><tr><th>Speaker</th><th>Role</th><th>Affiliation</th>\
         <th>Class</th><th>Direct quotes</th><th>Paraphrases</th><th>First mention</th></tr></thead>\n<tbody>\n",
    );
    for (i, speaker) in analysis.cast.speakers.iter().enumerate() {
        let first = source.line_column(doc.source_span(speaker.first_mention).start);
        let cell = |value: &Option<String>| value.as_deref().map_or_else(|| "—".to_string(), escape);
        let _ = writeln!(
            html,
            "<tr data-speaker=\"{i}\" data-class=\"{class}\"><td><span class=\"swatch\" style=\"{style}\"></span>{name}</td>\
             <td>{role}</td><td>{affiliation}</td><td>{class}</td><td class=\"num\">{quotes}</td>\
             <td class=\"num\">{paraphrases}</td><td>line {line}, column {column}</td></tr>",
            class = class_label(speaker.class),
            style = speaker_style(i),
            name = escape(&speaker.name),
            role = cell(&speaker.role),
            affiliation = cell(&speaker.affiliation),
            quotes = counts[i].0,
            paraphrases = counts[i].1,
            line = first.line,
            column = first.column,
        );
    }
    if analysis.cast.speakers.is_empty() {
        html.push_str("<tr><td colspan=\"7\">No attributed statements.</td></tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
    html
}
