//! What the sentences and paragraphs around a quotation say about its
//! speaker: a speaker in the sentence before or after, in the paragraph
//! before, an introduction to a run of quoted lines, a turn in an exchange.
//! The sentence-local tests (a frame, a colon, a credit) are in `mod.rs`.

use crate::document::Document;
use crate::rules::lexicon::PhraseKind;
use crate::rules::Lexicon;
use crate::text::words_at;

/// Whether an earlier quotation in the same paragraph comes before this one
/// ("“…,” Tosh said. “And the pumps failed twice.”"): a new speaker takes a
/// new paragraph, so the quote goes on in the earlier one's voice. If that
/// earlier quote has no speaker, it is the one reported.
pub(super) fn continues_a_quote_in_its_paragraph(doc: &Document<'_>, q: usize) -> bool {
    let quote = &doc.quotes[q];
    doc.quotes[..q]
        .iter()
        .rev()
        .take_while(|earlier| earlier.first_paragraph == quote.first_paragraph)
        .any(|earlier| earlier.depth == 0 && earlier.open.is_some())
}

/// Whether the sentence just before the quote, in its paragraph or at the end
/// of the paragraph before, names someone the article quotes, outside
/// quotation marks ("Tosh is sure the ferries will stay. “…”", "In her
/// letter, Tosh told the board what she thought.\n\n“…”"): the writer has
/// said whose words follow.
/// A sentence that reports the person through an unnamed channel ("Tosh is
/// understood to have asked …") does not make them the quote's speaker.
pub(super) fn names_a_speaker_just_before(
    analysis: &crate::Analysis<'_>,
    lexicon: &Lexicon,
    doc: &Document<'_>,
    open: usize,
) -> bool {
    doc.sentence_at(open).filter(|&s| s > 0).is_some_and(|s| {
        let hedged = doc.hits_of(s - 1, PhraseKind::VagueSource).next().is_some()
            || reports_through_an_unnamed_channel(lexicon, doc, s - 1);
        !hedged && names_a_speaker(analysis, doc, doc.sentences[s - 1].span.start)
    })
}

/// Whether the sentence reports someone in the agentless passive ("Tosh is
/// understood to have asked", "she was said to favour"): a participle of
/// `passive_vague_verbs` right after a form of "be". Whoever passed it on
/// is unnamed, so the person is not on the record.
pub(super) fn reports_through_an_unnamed_channel(lexicon: &Lexicon, doc: &Document<'_>, sentence: usize) -> bool {
    let start = doc.sentences[sentence].span.start;
    doc.hits_of(sentence, PhraseKind::PassiveVague).any(|hit| {
        words_at(&doc.text[start..hit.span.start])
            .last()
            .is_some_and(|(_, word)| lexicon.be_verbs.contains(word))
    })
}

/// Whether the quote is a turn in an exchange whose speakers the article
/// has given: a quoted speaker in one of the five paragraphs before, with
/// only short paragraphs (other turns, "She pauses.") between.
pub(super) fn in_an_exchange(doc: &Document<'_>, quoted_paragraphs: &[bool], paragraph: usize) -> bool {
    const SHORT: usize = 80;
    (1..=5).take_while(|&back| back <= paragraph).any(|back| {
        let between_short = (paragraph - back + 1..paragraph).all(|p| doc.paragraphs[p].span.len() < SHORT);
        between_short && quoted_paragraphs[paragraph - back]
    })
}

/// Whether the sentence before the quote's, in the same paragraph, has a
/// reporting verb ("…, said Ada Brandt, a tax scholar. “It does not make it
/// worse.”"): the quote goes on with that speaker.
pub(super) fn speaker_precedes(doc: &Document<'_>, open: usize) -> bool {
    let Some(s) = doc.sentence_at(open).filter(|&s| s > 0) else {
        return false;
    };
    let previous = &doc.sentences[s - 1];
    previous.paragraph == doc.sentences[s].paragraph && has_reporting_verb(doc, previous.span.start)
}

/// Whether the sentence after the one where the quote ends, in the same
/// paragraph, gives it a speaker ("“…” He said it twice."; "“…”\u{20}Corbo
/// tweeted on Friday."; "“…” The line is Tosh's, from a 1998 speech.").
/// The next paragraph's attribution is another statement's.
pub(super) fn speaker_follows(analysis: &crate::Analysis<'_>, doc: &Document<'_>, quote_end: usize) -> bool {
    let Some(s) = doc.sentence_at(quote_end.saturating_sub(1)) else {
        return false;
    };
    let Some(next) = doc
        .sentences
        .get(s + 1)
        .filter(|n| n.paragraph == doc.sentences[s].paragraph)
    else {
        return false;
    };
    // A sentence with a quotation of its own attributes that one.
    let first = doc.quotes.partition_point(|q| q.span().start < next.span.start);
    let opens_a_quote = doc.quotes[first..]
        .iter()
        .take_while(|q| q.span().start < next.span.end)
        .any(|q| q.open.is_some());
    !opens_a_quote && (has_reporting_verb(doc, next.span.start) || names_a_speaker(analysis, doc, next.span.start))
}

/// Most paragraphs of quotation in a row that one introduction can lead.
const QUOTE_RUN_MAX: usize = 6;

/// Whether the quote is one of a run of quoted paragraphs that an
/// attributed paragraph introduces ("Tosh listed her complaints:" or "In the
/// interview, Tosh said the pumps had failed." then "“…”", "“…”", "“…”"), or
/// whose last sentence names someone the article quotes ("Tosh spoke only in
/// slogans."): each paragraph of the run opens with a quotation mark.
pub(super) fn introduces_a_run_of_quotes(
    analysis: &crate::Analysis<'_>,
    doc: &Document<'_>,
    attributed_paragraphs: &[bool],
    paragraph: usize,
) -> bool {
    let opens_with_quote = |p: usize| {
        doc.slice(doc.paragraphs[p].span)
            .trim_start()
            .starts_with(['“', '"', '‘', '\'', '«'])
    };
    (1..=QUOTE_RUN_MAX)
        .take_while(|&back| back <= paragraph)
        .find(|&back| !opens_with_quote(paragraph - back))
        .is_some_and(|back| {
            let intro = paragraph - back;
            let last_sentence = doc.paragraphs[intro].sentences.end.checked_sub(1);
            back > 1
                && (attributed_paragraphs[intro]
                    || last_sentence.is_some_and(|s| names_a_speaker(analysis, doc, doc.sentences[s].span.start)))
        })
}

/// Whether the quote's sentence names, outside quotation marks, someone the
/// article quotes elsewhere ("remembered Ines Corbo, “…”", "In a speech,
/// Corbo attacked “…”"): the writer says whose words these are.
pub(super) fn names_a_speaker(analysis: &crate::Analysis<'_>, doc: &Document<'_>, offset: usize) -> bool {
    let Some(s) = doc.sentence_at(offset) else {
        return false;
    };
    let sentence = doc.sentences[s].span;
    let text: &str = &doc.text;
    analysis
        .cast
        .speakers
        .iter()
        .filter(|sp| sp.class == crate::attribution::SpeakerClass::Person)
        .any(|sp| {
            let surname = sp.name.rsplit(' ').next().unwrap_or(&sp.name);
            surname.len() > 1
                && sentence
                    .slice(text)
                    .match_indices(surname)
                    .any(|(at, _)| !doc.in_quote(sentence.start + at))
        })
}

/// Whether the sentence at `offset` has a reporting verb outside quotation
/// marks: the writer gives the quote a speaker in its sentence ("a man told
/// me, “…”"), even where the speaker phrase is one attrib cannot read.
pub(super) fn has_reporting_verb(doc: &Document<'_>, offset: usize) -> bool {
    doc.sentence_at(offset).is_some_and(|s| {
        doc.hits_of(s, PhraseKind::ReportingVerb)
            .any(|h| !doc.in_quote(h.span.start))
    })
}
