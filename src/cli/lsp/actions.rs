//! Code actions (quick fixes) for the findings in a range:
//!
//! - loaded-verb: the verb replaced by the neutral one in the same form
//!   ("claimed" → "said", "insists" → "says", "admitting" → "saying");
//! - late-full-name: the full name written at the early mention;
//! - every finding, in Markdown and HTML: a suppression comment, in the
//!   syntax `attrib check` honours (src/rules/suppress.rs). Plain text has no
//!   comments, so none is offered there (docs/editors.md).

use super::documents::CheckedArticle;
use super::documents::OpenDocument;
use attrib::{Finding, InputFormat, Span};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;

/// One quick fix: its title, its edits (spans of the current text and what
/// replaces them), and whether it is the fix an editor may apply on its own.
struct Fix {
    title: String,
    edits: Vec<(Span, String)>,
    preferred: bool,
}

/// The quick fixes for the findings that overlap `range`.
pub fn code_actions(
    doc: &OpenDocument,
    checked: &CheckedArticle,
    format: InputFormat,
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let start = doc.lines.offset(&doc.text, range.start);
    let end = doc.lines.offset(&doc.text, range.end);
    let mut actions = Vec::new();
    for (finding, diagnostic) in checked.findings.iter().zip(&checked.diagnostics) {
        let touches = finding.span.start <= end && start <= finding.span.end;
        if !touches {
            continue;
        }
        let mut fixes: Vec<Fix> = Vec::new();
        match &*finding.code {
            "loaded-verb" => {
                if let Some((title, edit)) = neutral_verb_fix(&doc.text, finding.span) {
                    fixes.push(Fix {
                        title,
                        edits: vec![edit],
                        preferred: true,
                    });
                }
            }
            "late-full-name" => {
                if let Some((_, name)) = checked.full_names.iter().find(|(span, _)| *span == finding.span) {
                    fixes.push(Fix {
                        title: format!("Give the full name, {name}, at the first mention"),
                        edits: vec![full_name_edit(&doc.text, finding.span, name)],
                        preferred: true,
                    });
                }
            }
            _ => {}
        }
        if let Some(edits) = suppression_edits(doc, format, finding) {
            fixes.push(Fix {
                title: format!("Suppress {} here (attrib comment)", finding.code),
                edits,
                preferred: false,
            });
        }
        for Fix {
            title,
            edits,
            preferred,
        } in fixes
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(workspace_edit(doc, edits)),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

// lsp-types' `Uri` caches parts of its parse in cells, which clippy takes for
// a mutable key; its hash and equality are those of the URI's text.
#[allow(clippy::mutable_key_type)]
fn workspace_edit(doc: &OpenDocument, edits: Vec<(Span, String)>) -> WorkspaceEdit {
    let edits = edits
        .into_iter()
        .map(|(span, new_text)| TextEdit::new(doc.lines.range(&doc.text, span), new_text))
        .collect();
    let changes: HashMap<Uri, Vec<TextEdit>> = HashMap::from([(doc.uri.clone(), edits)]);
    WorkspaceEdit::new(changes)
}

/// The form of "say" that stands for `verb` (the cue's first word), given
/// the word before it: "-ing" → "saying", third person "-s" → "says", after a
/// modal or "to" → "say", otherwise "said" (past tense and participle).
/// The capital is kept.
fn say_for(verb: &str, before: &str) -> &'static str {
    const BARE_AFTER: &[&str] = &[
        "to", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did", "not",
    ];
    let lower = verb.to_lowercase();
    let form = if lower.ends_with("ing") {
        "saying"
    } else if lower.ends_with('s') && !lower.ends_with("ss") {
        "says"
    } else if !lower.ends_with("ed") && BARE_AFTER.contains(&before.to_lowercase().as_str()) {
        "say"
    } else {
        "said"
    };
    let capital = verb.chars().next().is_some_and(char::is_uppercase);
    match (form, capital) {
        ("saying", true) => "Saying",
        ("says", true) => "Says",
        ("say", true) => "Say",
        ("said", true) => "Said",
        (form, _) => form,
    }
}

/// Replace the loaded verb (the first word of the cue) with "said" in its form.
fn neutral_verb_fix(text: &str, cue: Span) -> Option<(String, (Span, String))> {
    let cue_text = text.get(cue.range())?;
    let verb_len = cue_text.find(char::is_whitespace).unwrap_or(cue_text.len());
    let verb = &cue_text[..verb_len];
    let before = text[..cue.start].split_whitespace().next_back().unwrap_or("");
    let say = say_for(verb, before);
    if verb.is_empty() || verb == say {
        return None;
    }
    let span = Span::new(cue.start, cue.start + verb_len);
    Some((format!("Replace “{verb}” with “{say}”"), (span, say.to_string())))
}

/// The full name at the early mention: its last word (the surname; a title
/// before it stays) replaced by the full name.
fn full_name_edit(text: &str, mention: Span, full_name: &str) -> (Span, String) {
    let written = mention.slice(text);
    let last_word = written.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    // "Dr. Ångström" → "Dr. Zoë Ångström"; "Ångström" → "Zoë Ångström".
    (Span::new(mention.start + last_word, mention.end), full_name.to_string())
}

/// The comment edits that switch the finding's code off where it is, or
/// `None` where attrib honours no comments (plain text).
///
/// In Markdown, a line that starts a block gets an
/// `<!-- attrib-disable-next-line CODE -->` line before it. Inside a
/// paragraph a comment on a line of its own would end the paragraph (an HTML
/// block interrupts one), so the finding is wrapped instead:
/// `<!-- attrib-disable CODE -->finding<!-- attrib-enable CODE -->`, the
/// opening comment at the end of the line before when the finding opens its
/// line. In HTML, comments change no block, so the finding is always wrapped.
fn suppression_edits(doc: &OpenDocument, format: InputFormat, finding: &Finding) -> Option<Vec<(Span, String)>> {
    let text = &doc.text;
    let code = &finding.code;
    let line = doc.lines.position(text, finding.span.start).line as usize;
    let line_start = doc.lines.line_start(text, line);
    let previous_line = match line {
        0 => "",
        _ => &text[doc.lines.line_start(text, line - 1)..line_start],
    };
    let starts_block = line == 0 || previous_line.trim().is_empty();
    let newline = if previous_line.ends_with("\r\n") || text[line_start..].contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let wrap = |open_at: usize| {
        vec![
            (Span::new(open_at, open_at), format!("<!-- attrib-disable {code} -->")),
            (
                Span::new(finding.span.end, finding.span.end),
                format!("<!-- attrib-enable {code} -->"),
            ),
        ]
    };
    match format {
        // Plain text has no comment syntax, and a .docx is not edited as text.
        InputFormat::Plain | InputFormat::Docx => None,
        InputFormat::Markdown if starts_block => Some(vec![(
            Span::new(line_start, line_start),
            format!("<!-- attrib-disable-next-line {code} -->{newline}"),
        )]),
        InputFormat::Markdown => {
            let opens_line = text[line_start..finding.span.start].trim().is_empty();
            let open_at = if opens_line {
                line_start - previous_line.len() + previous_line.trim_end_matches(['\r', '\n']).len()
            } else {
                finding.span.start
            };
            Some(wrap(open_at))
        }
        InputFormat::Html => Some(wrap(finding.span.start)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::diagnostics::{check_article, DocLinks};
    use super::super::documents::Kind;
    use super::super::positions::Encoding;
    use super::*;
    use attrib::{Engine, RuleSet};

    struct Fixture {
        engine: Engine,
        doc: OpenDocument,
        format: InputFormat,
    }

    impl Fixture {
        fn new(text: &str, format: InputFormat) -> Self {
            let uri = "file:///desk/story".parse().unwrap();
            let doc = OpenDocument::new(uri, Kind::Article(format), 1, text.into(), Encoding::Utf16);
            Fixture {
                engine: Engine::new(RuleSet::defaults()),
                doc,
                format,
            }
        }

        fn checked(&self) -> CheckedArticle {
            check_article(&self.engine, &self.doc, self.format, &DocLinks::none())
        }

        /// The actions on the word `at` (its first occurrence).
        fn actions(&self, at: &str) -> Vec<CodeAction> {
            let offset = self.doc.text.find(at).unwrap();
            let span = Span::new(offset, offset + at.len());
            let range = self.doc.lines.range(&self.doc.text, span);
            code_actions(&self.doc, &self.checked(), self.format, range)
                .into_iter()
                .map(|a| match a {
                    CodeActionOrCommand::CodeAction(action) => action,
                    other => panic!("{other:?}"),
                })
                .collect()
        }

        /// The text after applying an action's edits.
        #[allow(clippy::mutable_key_type)]
        fn applied(&self, action: &CodeAction) -> String {
            let changes = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
            let mut edits: Vec<(usize, usize, &str)> = changes[&self.doc.uri]
                .iter()
                .map(|e| {
                    let start = self.doc.lines.offset(&self.doc.text, e.range.start);
                    let end = self.doc.lines.offset(&self.doc.text, e.range.end);
                    (start, end, e.new_text.as_str())
                })
                .collect();
            edits.sort_by_key(|e| std::cmp::Reverse(e.0));
            let mut text = self.doc.text.clone();
            for (start, end, new) in edits {
                text.replace_range(start..end, new);
            }
            text
        }

        fn codes_after(&self, action: &CodeAction) -> Vec<String> {
            let fixed = Fixture::new(&self.applied(action), self.format);
            fixed.checked().findings.iter().map(|f| f.code.to_string()).collect()
        }
    }

    fn titled<'a>(actions: &'a [CodeAction], start: &str) -> &'a CodeAction {
        actions.iter().find(|a| a.title.starts_with(start)).unwrap_or_else(|| {
            panic!(
                "no “{start}” in {:?}",
                actions.iter().map(|a| &a.title).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn the_loaded_verb_becomes_said() {
        let fixture = Fixture::new("The mayor claimed the budget was balanced.\n", InputFormat::Plain);
        let actions = fixture.actions("claimed");
        let fix = titled(&actions, "Replace “claimed” with “said”");
        assert_eq!(fix.is_preferred, Some(true));
        assert_eq!(fix.kind, Some(CodeActionKind::QUICKFIX));
        assert_eq!(fixture.applied(fix), "The mayor said the budget was balanced.\n");
        // Plain text has no comments: no suppression is offered.
        assert!(actions.iter().all(|a| !a.title.starts_with("Suppress")));
    }

    #[test]
    fn said_keeps_the_verbs_form() {
        assert_eq!(say_for("claimed", "mayor"), "said");
        assert_eq!(say_for("insists", "she"), "says");
        assert_eq!(say_for("admitting", ","), "saying");
        assert_eq!(say_for("insist", "will"), "say");
        assert_eq!(say_for("Claimed", ""), "Said");
        assert_eq!(say_for("swore", "she"), "said");
    }

    #[test]
    fn the_full_name_goes_to_the_first_mention() {
        let text =
            "Ångström claimed the ferry was late.\n\nZoë Ångström, the harbour master, said the pier would reopen.\n";
        let fixture = Fixture::new(text, InputFormat::Plain);
        let actions = fixture.actions("Ångström");
        let fix = titled(&actions, "Give the full name, Zoë Ångström");
        let fixed = fixture.applied(fix);
        assert!(fixed.starts_with("Zoë Ångström claimed"), "{fixed}");
        assert!(!fixture.codes_after(fix).contains(&"late-full-name".to_string()));
    }

    #[test]
    fn suppression_in_markdown_before_a_block_and_inside_a_paragraph() {
        let text = "# Ferry\n\nThe mayor claimed the budget was balanced.\n\nThe pier reopened and,\nexperts say, the ferry is safe.\n";
        let fixture = Fixture::new(text, InputFormat::Markdown);
        let codes = fixture
            .checked()
            .findings
            .iter()
            .map(|f| f.code.to_string())
            .collect::<Vec<_>>();
        assert!(
            codes.contains(&"loaded-verb".into()) && codes.contains(&"vague-source".into()),
            "{codes:?}"
        );

        let actions = fixture.actions("claimed");
        let fix = titled(&actions, "Suppress loaded-verb");
        assert!(fixture
            .applied(fix)
            .contains("\n\n<!-- attrib-disable-next-line loaded-verb -->\nThe mayor claimed"));
        assert!(!fixture.codes_after(fix).contains(&"loaded-verb".into()));

        // "experts" opens the second line of a paragraph: the comment goes at
        // the end of the line before, so the paragraph stays one.
        let actions = fixture.actions("experts");
        let fix = titled(&actions, "Suppress vague-source");
        let fixed = fixture.applied(fix);
        assert!(
            fixed.contains("and,<!-- attrib-disable vague-source -->\nexperts<!-- attrib-enable vague-source -->"),
            "{fixed}"
        );
        let after = fixture.codes_after(fix);
        assert!(
            !after.contains(&"vague-source".into()) && after.contains(&"loaded-verb".into()),
            "{after:?}"
        );
    }

    #[test]
    fn suppression_in_html_wraps_the_finding() {
        let text = "<p>The mayor claimed the budget was balanced.</p>\n";
        let fixture = Fixture::new(text, InputFormat::Html);
        let actions = fixture.actions("claimed");
        let fix = titled(&actions, "Suppress loaded-verb");
        assert!(fixture
            .applied(fix)
            .contains("<!-- attrib-disable loaded-verb -->claimed<!-- attrib-enable loaded-verb -->"));
        assert!(!fixture.codes_after(fix).contains(&"loaded-verb".into()));
    }

    #[test]
    fn actions_only_for_findings_in_the_range() {
        let fixture = Fixture::new("The mayor claimed the budget was balanced.\n", InputFormat::Markdown);
        assert!(fixture.actions("budget").is_empty());
    }
}
