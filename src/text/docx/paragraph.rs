//! A paragraph being read: its text, its style and outline level, and whether
//! its mark is a tracked deletion.

/// A paragraph being read.
#[derive(Debug, Default)]
pub(super) struct Paragraph {
    pub(super) text: String,
    pub(super) style: Option<String>,
    pub(super) outline_level: Option<u8>,
    /// Its paragraph mark is a tracked deletion: with the change accepted,
    /// it runs on into the next paragraph.
    pub(super) mark_deleted: bool,
    /// Just after a note's own number (`w:footnoteRef`), which is not read:
    /// the space Word puts after it is not read either.
    pub(super) after_note_number: bool,
}

impl Paragraph {
    pub(super) fn push(&mut self, text: &str) {
        let text = if self.after_note_number {
            let rest = text.trim_start();
            self.after_note_number = rest.is_empty();
            rest
        } else {
            text
        };
        push_text(&mut self.text, text);
    }
}

/// Text of a `w:t`: a line break in it (only possible in hand-made XML)
/// becomes a space, so that every paragraph stays one line.
fn push_text(into: &mut String, text: &str) {
    if text.contains(['\n', '\r']) {
        into.extend(text.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }));
    } else {
        into.push_str(text);
    }
}
