//! The writer's voice: whether the article speaks as "I".
//!
//! News copy keeps the reporter out of the story; a column, a reader's
//! letter, an editor's note or an essay speaks in the first person, and its
//! judgements are the writer's own, signed, not claims that need a source.
//! Quotations do not count: a quoted "I" is the speaker's.

use crate::document::Document;
use crate::rules::Lexicon;
use crate::text::{words_at, BlockKind};
use crate::Span;

/// This many body sentences with the writer's own "I" make an article a
/// first-person piece. One or two are a reporter's aside ("told me", "I
/// asked"), common in features; a column says "I" throughout.
pub const FIRST_PERSON_SENTENCES_MIN: usize = 3;

/// Whether at least [`FIRST_PERSON_SENTENCES_MIN`] body sentences use a
/// first-person pronoun (`pronouns_first_person`) outside quotation marks.
pub fn written_in_first_person(doc: &Document<'_>, lexicon: &Lexicon) -> bool {
    let writer_speaks = |span: Span| {
        words_at(doc.slice(span))
            .any(|(at, word)| lexicon.pronouns_first_person.contains(word) && !doc.in_quote(span.start + at))
    };
    doc.sentences
        .iter()
        .filter(|s| doc.paragraphs[s.paragraph].kind == BlockKind::Body)
        .filter(|s| writer_speaks(s.span))
        .take(FIRST_PERSON_SENTENCES_MIN)
        .count()
        == FIRST_PERSON_SENTENCES_MIN
}

#[cfg(test)]
mod tests {
    use super::written_in_first_person;
    use crate::document::Document;
    use crate::rules::{Lexicon, RuleSet};
    use crate::text::{InputFormat, SourceFile};

    fn first_person(text: &str) -> bool {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let source = SourceFile::new("column.txt", text.to_string(), InputFormat::Plain);
        let doc = Document::build(&source, &lexicon);
        written_in_first_person(&doc, &lexicon)
    }

    #[test]
    fn a_column_speaks_as_i() {
        assert!(first_person(
            "Why I left the estuary\n\nI grew up on the Tull estuary.\n\nMy father fished it for forty years.\n\nWhen the mill closed I left, and I have regretted it since."
        ));
    }

    #[test]
    fn quoted_i_is_the_speakers() {
        assert!(!first_person(
            "“I grew up here,” said Mara Voss.\n\n“My father fished it,” she said.\n\n“I left when the mill closed,” she added."
        ));
    }

    #[test]
    fn a_reporters_aside_is_not_a_column() {
        assert!(!first_person(
            "The ferry was late again on Monday.\n\nMara Voss told me she had waited an hour.\n\nThe operator blamed the tide."
        ));
    }
}
