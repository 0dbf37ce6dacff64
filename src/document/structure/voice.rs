//! The writer's voice: whether the article speaks as "I", and whether it is
//! an opinion piece.
//!
//! News copy keeps the reporter out of the story; a column, a reader's
//! letter, an editor's note or an essay speaks in the first person, and its
//! judgements are the writer's own, signed, not claims that need a source.
//! Quotations do not count: a quoted "I" is the speaker's. A column need not
//! say "I": it may carry a label ("Op-Ed", "LETTERS.") or close on the
//! writer's tagline ("Ines Barrow is a historian at Corvale University.").

use super::lines::label_in;
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

/// How many paragraphs from the top an opinion label may stand in: above
/// the headline, or under it as a kicker.
const OPINION_LABEL_PARAGRAPHS: usize = 4;

/// Most words of a line that is only a label.
const LABEL_MAX_WORDS: usize = 5;

/// Most words of the writer's closing tagline.
const TAGLINE_MAX_WORDS: usize = 45;

/// Whether the article is an opinion piece, the writer's signed argument:
/// written in the first person, labelled as opinion near the top
/// (`opinion_labels`), or closing on the writer's tagline.
pub fn is_opinion_piece(doc: &Document<'_>, lexicon: &Lexicon) -> bool {
    doc.written_in_first_person(lexicon) || labelled_opinion(doc, lexicon) || signed_by_its_writer(doc, lexicon)
}

/// A short paragraph near the top that is an opinion label ("LETTERS.").
fn labelled_opinion(doc: &Document<'_>, lexicon: &Lexicon) -> bool {
    doc.paragraphs.iter().take(OPINION_LABEL_PARAGRAPHS).any(|p| {
        let text = doc.slice(p.span);
        text.split_whitespace().nth(LABEL_MAX_WORDS).is_none()
            && label_in(&text.trim().to_lowercase(), &lexicon.structure.opinion_labels)
    })
}

/// Whether the last body paragraph is the writer's tagline: a short
/// paragraph opening on a name the article has not used before, then "is"
/// or "was" and a description, or a comma and an article ("Ines Barrow is
/// a historian …", "Tomas Reyes, a retired pilot, flew …"). A news story's
/// last paragraph names people already in it, and a titled name ("Gov.
/// Ana Ruiz is pushing …") is someone in the news, not the writer.
fn signed_by_its_writer(doc: &Document<'_>, lexicon: &Lexicon) -> bool {
    let Some(last) = doc
        .paragraphs
        .iter()
        .rev()
        .find(|p| matches!(p.kind, BlockKind::Body | BlockKind::Byline))
    else {
        return false;
    };
    let text = doc.slice(last.span);
    if text.split_whitespace().nth(TAGLINE_MAX_WORDS).is_some() {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_name_word = |word: &&&str| {
        let bare = word.trim_end_matches(',');
        bare.starts_with(char::is_uppercase)
            && bare
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            && !lexicon.not_names.contains(bare)
            && !lexicon.titles.contains(bare)
            && !lexicon.courtesy_titles.contains(bare)
    };
    let name_len = words.iter().take_while(is_name_word).count();
    if !(2..=5).contains(&name_len) || name_len == words.len() {
        return false;
    }
    let surname = words[name_len - 1];
    let describes = match (surname.strip_suffix(','), words[name_len]) {
        (Some(_), next) => matches!(next, "a" | "an" | "the"),
        (None, "is" | "was") => words
            .get(name_len + 1)
            .is_some_and(|next| next.starts_with(char::is_lowercase)),
        _ => false,
    };
    let surname = surname.trim_end_matches(',');
    describes && surname.len() > 1 && !doc.text[..last.span.start].contains(surname)
}

#[cfg(test)]
mod tests {
    use super::{is_opinion_piece, written_in_first_person};
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

    fn opinion(text: &str) -> bool {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let source = SourceFile::new("column.txt", text.to_string(), InputFormat::Plain);
        let doc = Document::build(&source, &lexicon);
        is_opinion_piece(&doc, &lexicon)
    }

    #[test]
    fn a_column_signed_with_its_writers_tagline_is_opinion() {
        assert!(opinion(
            "The ferry deserves better.\n\nThe Tull ferry has run at a loss for a decade, and the board has never asked why.\n\nA new board would start with the timetable.\n\nInes Barrow is a historian at Corvale University."
        ));
        assert!(opinion(
            "The ferry deserves better.\n\nThe Tull ferry has run at a loss for a decade.\n\nA new board would start with the timetable.\n\nTomas Reyes, a retired pilot, flew the island route for twenty years."
        ));
    }

    #[test]
    fn a_label_near_the_top_marks_opinion() {
        assert!(opinion(
            "Islanders weigh the ferry levy\n\nLETTERS.\n\nThe levy is the only way to keep the boats running.\n\nThe board should have raised it years ago."
        ));
    }

    #[test]
    fn a_news_story_ending_on_someone_in_it_is_not_opinion() {
        assert!(!opinion(
            "Ferry levy passes\n\nThe harbour board passed the ferry levy on Monday, said Ines Barrow, its chair.\n\nThe levy starts in May.\n\nBarrow is a historian at Corvale University."
        ));
        assert!(!opinion(
            "Ferry levy passes\n\nThe harbour board passed the ferry levy on Monday.\n\nThe levy starts in May, the board said."
        ));
    }

    #[test]
    fn a_reporters_aside_is_not_a_column() {
        assert!(!first_person(
            "The ferry was late again on Monday.\n\nMara Voss told me she had waited an hour.\n\nThe operator blamed the tide."
        ));
    }
}
