//! Facts about quotations that the frames ask: whether a quote is a short
//! fragment or a quoted title, which quote opens at a position, and whether a
//! quotation opens right after a cue (after a comma, colon or short adverbial,
//! or as the label of a naming verb).
//!
//! Separate because these read the document's quotes, not the lexicon's words;
//! `is_fragment` is also used by the unattributed-quote check.

use super::helpers::{floor_char_boundary, is_opening_mark, NEAR_BYTES};
use super::Grammar;
use crate::document::{Document, Quote};
use crate::text::span::offset_in;
use crate::Span;

/// A short quoted fragment inside the writer's sentence ("a “daring” move",
/// "a “zero COVID” policy"): it starts in lower case, or is a word or two.
pub fn is_fragment(doc: &Document<'_>, quote: &Quote) -> bool {
    // Only counts up to seven matter: a long quotation is not read to its end.
    let words = doc.slice(quote.content).split_whitespace().take(7).count();
    let lowercase = doc
        .slice(quote.content)
        .trim_start()
        .starts_with(|c: char| c.is_lowercase());
    !opens_sentence(doc, quote) && (lowercase && words <= 6 || words <= 2) || is_title(doc, quote)
}

/// A quoted title of a work or programme ("“Women in Power”", "“The
/// Morning Show,”"): a few words, each content word capitalised, and no
/// sentence punctuation inside. A name, not something said.
fn is_title(doc: &Document<'_>, quote: &Quote) -> bool {
    const MOST_WORDS: usize = 6;
    let content = doc.slice(quote.content).trim().trim_end_matches([',', '.']);
    // One word more than a title may have is enough to rule it out.
    let words: Vec<&str> = content.split_whitespace().take(MOST_WORDS + 1).collect();
    let long_words_capitalised = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    !words.is_empty()
        && words.len() <= MOST_WORDS
        && long_words_capitalised
        && words
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            >= 2
        && !content.contains(['?', '!', ';', ':'])
        && !content.contains(". ")
        && !words.iter().any(|w| matches!(*w, "I" | "I'm" | "I’m" | "We" | "You"))
}

/// Whether a quote stands at the start of its sentence (a quotation of its
/// own) rather than inside the writer's words.
fn opens_sentence(doc: &Document<'_>, quote: &Quote) -> bool {
    let start = quote.span().start;
    doc.sentence_at(start).is_none_or(|s| {
        let sentence = doc.sentences[s].span;
        doc.text[sentence.start..start].trim().is_empty()
    })
}

pub(super) fn has_quote_close(doc: &Document<'_>, sentence: Span) -> bool {
    let first = doc.quotes.partition_point(|q| q.span().end < sentence.start);
    let last = doc.quotes.partition_point(|q| q.span().start < sentence.end);
    doc.quotes_closing_in(sentence).any(|q| (first..last).contains(&q))
}

/// The quote whose opening mark is at the start of `slice`, if any.
pub(super) fn quote_opening_at<'d>(doc: &'d Document<'_>, text: &str, slice: &str) -> Option<(usize, &'d Quote)> {
    let slice = slice.trim_start_matches([',', ':', ' ']);
    if !slice.starts_with(is_opening_mark) {
        return None;
    }
    let at = offset_in(text, slice);
    let index = doc.quotes.partition_point(|q| q.span().start < at);
    doc.quotes
        .get(index)
        .filter(|q| q.open.is_some_and(|o| o.start == at))
        .map(|q| (index, q))
}

impl<'l> Grammar<'l> {
    /// Whether a quotation opens right after a verb, after a comma or colon
    /// and at most a short adverbial: "continued, “…”", "went on Monday: “…”".
    pub(super) fn quote_follows(&self, doc: &Document<'_>, from: usize, sentence_end: usize) -> bool {
        self.quote_after_adverbial(doc, from, sentence_end).is_some()
    }

    /// The quotation that opens after a cue and a short adverbial or
    /// audience ("told his audience on Monday, “…”", "said Thursday on Fox
    /// News: “…”"), with its index. The words between hold no verb and no
    /// "that", and end with a comma or colon.
    pub(super) fn quote_after_adverbial<'d>(
        &self,
        doc: &'d Document<'_>,
        from: usize,
        sentence_end: usize,
    ) -> Option<(usize, &'d Quote)> {
        const MOST_WORDS: usize = 10;
        let text: &str = &doc.text;
        let after = &text[from..sentence_end];
        let lead = after.trim_start().trim_start_matches([',', ':']).trim_start();
        if let Some(found) = quote_opening_at(doc, text, lead) {
            return Some(found);
        }
        // "He said:" or "She continued:" closing its paragraph, the quotation
        // opening the next one.
        if after.trim() == ":" {
            let next = doc.quotes.partition_point(|q| q.span().start < from);
            let paragraph = doc.sentence_at(from).map(|s| doc.sentences[s].paragraph)?;
            return doc
                .quotes
                .get(next)
                .filter(|q| {
                    q.depth == 0
                        && doc
                            .paragraphs
                            .get(paragraph + 1)
                            .is_some_and(|p| p.span.start == q.span().start)
                })
                .map(|q| (next, q));
        }
        // Only a short stretch after the cue can hold the adverbial: looking
        // further would cost the whole sentence for every cue in it.
        let opening = after[..floor_char_boundary(after, NEAR_BYTES)].find(is_opening_mark)?;
        let between = after[..opening].trim_end();
        if !between.ends_with([',', ':']) {
            return None;
        }
        let words: Vec<&str> = between.split_whitespace().collect();
        let clause_like = words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.eq_ignore_ascii_case("that")
                || self.verb_class(w).is_some()
                || self.has(&self.lex.be_verbs, w)
                || self.has(&self.lex.auxiliaries, w)
        });
        if words.len() > MOST_WORDS || clause_like || between.contains([';', '.', '(', ')']) {
            return None;
        }
        quote_opening_at(doc, text, &after[opening..])
    }

    /// Whether a naming verb labels its object with a quotation: "called
    /// the plan “a farce”", "dubbed him “the Fixer”". The quotation opens
    /// within a few words, with no clause punctuation before it.
    pub(super) fn labels_with_quote(&self, doc: &Document<'_>, from: usize, sentence_end: usize) -> bool {
        const MOST_WORDS: usize = 8;
        let text: &str = &doc.text;
        let after = &text[from..sentence_end];
        let Some(opening) = after[..floor_char_boundary(after, NEAR_BYTES)].find(is_opening_mark) else {
            return false;
        };
        let object = &after[..opening];
        // "on a call with reporters": after a determiner the word is a noun.
        let previous_word = text[..from].split_whitespace().nth_back(1).unwrap_or_default();
        if self.has(&self.lex.determiners, previous_word) || object.trim_start().starts_with("that ") {
            return false;
        }
        // "called for": a different verb.
        let first = object.split_whitespace().next().unwrap_or_default();
        if first.eq_ignore_ascii_case("for") || first.eq_ignore_ascii_case("on") || first.eq_ignore_ascii_case("off") {
            return false;
        }
        // "Mr." and other abbreviations may sit in the object; a full stop may not.
        let full_stop = object
            .split_whitespace()
            .any(|w| w.contains('.') && !self.lex.abbreviations.contains(w));
        object.split_whitespace().count() <= MOST_WORDS
            && !full_stop
            && !object.contains([',', ';', ':', '(', ')'])
            && quote_opening_at(doc, text, &after[opening..]).is_some()
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn quote_verbs_count_only_beside_a_quotation() {
        let a = extract("Odile Marchetti spoke first. She continued, “We rebuilt the mill ourselves.”");
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("She", "continued"));
        assert_eq!(a[0].2, "We rebuilt the mill ourselves.");
        let b = extract("“We rebuilt the mill ourselves,” she went on.");
        assert_eq!(b[0].1, "went on");
        assert!(
            extract("Prices continued to rise in the spring, the bakery owner noted sadly.")
                .iter()
                .all(|a| a.1 != "continued")
        );
    }

    #[test]
    fn naming_verbs_need_a_quoted_label() {
        let a = extract("Marta Klein called the plan “a ledger of broken promises.”");
        assert_eq!(a[0].0, "Marta Klein");
        assert_eq!(a[0].1, "called");
        assert_eq!(a[0].2, "the plan “a ledger of broken promises.”");
        assert_eq!(a[0].3, "mixed");
        assert!(extract("The union called a meeting for Friday to discuss the offer.").is_empty());
        // "called for" is a demand, whose object is not a label.
        let b = extract("Council members called for a vote on “the harbour plan” next week.");
        assert_eq!(
            (b[0].1.as_str(), b[0].2.as_str()),
            ("called for", "a vote on “the harbour plan” next week")
        );
        assert!(extract("The so-called “harbour plan” was shelved by the board last year.").is_empty());
    }

    #[test]
    fn a_quotation_after_an_audience_and_time() {
        let a = extract("Leon Marsh told his listeners on Monday, “The campaign sent its orders.”");
        assert_eq!(a[0].2, "The campaign sent its orders.");
        assert_eq!(a[0].3, "direct");
        let b = extract("Leon Marsh said on Monday that the ferry, “as everyone knows,” was late again.");
        assert_eq!(b[0].2, "the ferry, “as everyone knows,” was late again");
    }

    #[test]
    fn a_colon_closing_a_paragraph_introduces_the_next_quotation() {
        let a = extract("Ines Arce said:\n\n“The pier is unsafe. We will close it.”\n\nThe vote is on Friday.\n");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].0.as_str(), a[0].2.as_str()),
            ("Ines Arce", "The pier is unsafe. We will close it.")
        );
    }

    #[test]
    fn a_quote_verb_and_a_colon_at_the_end_of_a_paragraph() {
        let a = extract("Ines Arce continued:\n\n“The ferry is the island.”\n");
        assert_eq!(
            (a[0].1.as_str(), a[0].2.as_str()),
            ("continued", "The ferry is the island.")
        );
    }

    #[test]
    fn a_quotation_after_a_likening_or_an_appeal() {
        let a = extract("Ilse Brandt likened the levy to “a tax on breathing” in her speech.");
        assert_eq!((a[0].0.as_str(), a[0].1.as_str()), ("Ilse Brandt", "likened"));
        let b = extract("Oskar Lind exhorted members to “stand firm” at the congress.");
        assert_eq!(b[0].2, "members to “stand firm” at the congress");
        assert!(extract("The judge dismissed the case against the ferry company.").is_empty());
    }

    #[test]
    fn a_possessive_day_and_a_titled_possessive_in_a_label() {
        let a = extract("Oskar Lind called Friday’s ruling a “huge win for the island.”");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2, "Friday’s ruling a “huge win for the island.”");
        let b = extract("Ines Arce called Mr. Lind’s remarks “a wake-up call” for the council.");
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!((b[0].0.as_str(), b[0].1.as_str()), ("Ines Arce", "called"));
    }

    #[test]
    fn quoted_titles_and_nouns_after_articles_are_not_speech() {
        let a = extract("“We will rebuild,” Mira Holt said. She spoke on “The Harbour Morning Show,” on Friday.");
        assert_eq!(a.len(), 1, "{a:?}");
        let b = extract("The former secretary of state and current nominee gave a speech in Averley on Friday.");
        assert!(b.is_empty(), "{b:?}");
        let c = extract("Others say the ferry will never run again.");
        assert!(c[0].0.starts_with("Others"), "{c:?}");
    }
}
