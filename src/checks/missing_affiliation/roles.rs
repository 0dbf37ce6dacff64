//! Where the article gives a person's role: in a sentence that names them,
//! or free in the sentence before their first mention.

use crate::checks::Context;
use crate::rules::Lexicon;
use crate::text::{floor_char_boundary, words_at};

/// Whether the sentence of the first mention gives a role the name stands
/// for, or the sentence before it gives a role that no name there takes:
/// "Two senators are still undecided. Ines Corbo said …" introduces Corbo,
/// where "…, said quarry foreman Declan Moss. “…,” said Ewan Grady." does
/// not introduce Grady (the foreman is Moss).
pub(super) fn role_given_nearby(ctx: &Context<'_, '_>, mention: crate::Span) -> bool {
    let doc = &ctx.analysis.document;
    let Some(sentence) = doc.sentence_at(mention.start) else {
        return false;
    };
    sentence_gives_a_role(doc, ctx.lexicon, sentence)
        || sentence
            .checked_sub(1)
            .is_some_and(|before| gives_a_free_role(doc, ctx.lexicon, before))
}

/// How far (in bytes) a role noun may stand from the comma of the name it
/// is in apposition to: "Hugh Pettifer, a neighbour" or "a neighbour of
/// Lind's, Hugh Pettifer".
const APPOSITION_REACH: usize = 40;

/// Whether a sentence has a role noun, outside quotation marks, that is not
/// a named person's: not a title before a name ("foreman Declan Moss"), and
/// not in apposition to one ("Hugh Pettifer, a neighbour", "a neighbour of
/// Lind's, Hugh Pettifer,"). Such a role waits for its name in the sentence
/// after.
fn gives_a_free_role(doc: &crate::Document<'_>, lexicon: &Lexicon, sentence: usize) -> bool {
    let span = doc.sentences[sentence].span;
    let text = doc.slice(span);
    words_at(text).any(|(at, word)| {
        let role = is_a_role(lexicon, word);
        if !role || doc.in_quote(span.start + at) {
            return false;
        }
        let after = &text[at + word.len()..];
        let title = after
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        let ahead = &after[..floor_char_boundary(after, APPOSITION_REACH)];
        let names_after = ahead.split_once(',').is_some_and(|(gap, rest)| {
            !gap.contains(['.', ';', ':']) && rest.trim_start().starts_with(char::is_uppercase)
        });
        let behind = &text[floor_char_boundary(text, at.saturating_sub(APPOSITION_REACH))..at];
        let names_before = behind.rsplit_once(',').is_some_and(|(name, gap)| {
            !gap.contains(|c: char| c.is_uppercase() || matches!(c, '.' | ';' | ':'))
                && name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
        });
        !(title || names_after || names_before) && heads_its_phrase(lexicon, after)
    })
}

/// Whether the role noun ending at `end` heads its noun phrase rather than
/// modifying a noun after it: "the senators are" does, "the candidate
/// choices" does not. Read from the next word: a lower-case plural that is
/// not a function word or a form of "be" is the head the role modifies.
/// (The tagger would tell better, but loading it for this alone costs more
/// than the whole check.)
fn heads_its_phrase(lexicon: &Lexicon, after: &str) -> bool {
    let Some(next) = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
    else {
        return true;
    };
    let function_word = lexicon.determiners.contains(next)
        || lexicon.prepositions.contains(next)
        || lexicon.conjunctions.contains(next)
        || lexicon.auxiliaries.contains(next)
        || lexicon.be_verbs.contains(next)
        || lexicon.clause_openers.contains(next)
        || lexicon.verb_class(next).is_some();
    let plural_noun = next.len() > 3 && next.ends_with('s') && next.starts_with(char::is_lowercase);
    !plural_noun || function_word
}

/// Whether a sentence speaks of a role, outside quotation marks: a role noun
/// (`role_nouns`, singular or plural: "the federation's president", "one of
/// the party's senators", "two developers, Ari Bell and …"), or a byline
/// credit ("writing at the Ledger"). Which role is whose cannot be told
/// without parsing the sentence, but a named person in a sentence that
/// speaks of roles is, as editors judged it, introduced; one whose sentences
/// say nothing of anyone's role is the one to flag.
pub(super) fn sentence_gives_a_role(doc: &crate::Document<'_>, lexicon: &Lexicon, sentence: usize) -> bool {
    let span = doc.sentences[sentence].span;
    let mut previous = "";
    words_at(doc.slice(span)).any(|(at, word)| {
        let outside = !doc.in_quote(span.start + at);
        let role = is_a_role(lexicon, word);
        let credit = previous.eq_ignore_ascii_case("writing")
            && ["at", "for", "in"].iter().any(|p| word.eq_ignore_ascii_case(p));
        previous = word;
        outside && (role || credit)
    })
}

/// A role noun, singular or plural ("senator", "senators").
fn is_a_role(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.role_nouns.contains(word)
        || word.len() > 3 && word.ends_with('s') && lexicon.role_nouns.contains(&word[..word.len() - 1])
}
