//! The document's tokens: cut once from its sentences, then placed in the
//! document (sentence, block, innermost quotation, and what each quote mark
//! turned out to be), and tagged on first request.

use super::{Paragraph, Quote, Sentence};
use crate::tokens::{self, PosTag, QuoteRole, Tagger, TaggerError, Token, TokenKind};
use std::ops::Range;
use std::sync::OnceLock;

/// Every token of a document's sentences, in order, each placed in its
/// sentence, block and innermost quotation; tagged on first request.
#[derive(Debug)]
pub struct TokenStream {
    tokens: Vec<Token>,
    /// Where each sentence's tokens start in `tokens` (one more entry than
    /// sentences: the last is the end).
    sentence_starts: Vec<usize>,
    /// The part-of-speech tag of each token ([`TokenStream::tags`]): a
    /// stream nobody asks about is not tagged.
    tags: OnceLock<Result<Vec<PosTag>, TaggerError>>,
    /// The text the spans point into, for tagging.
    text_len: usize,
}

impl TokenStream {
    /// Tokenize every sentence, in order.
    pub(super) fn build(
        text: &str,
        paragraphs: &[Paragraph],
        sentences: &[Sentence],
        quotes: &[Quote],
        is_abbreviation: &dyn Fn(&str) -> bool,
    ) -> Self {
        // News text runs at about six bytes a token: one allocation, rarely grown.
        let mut out = Vec::with_capacity(text.len() / 5 + 16);
        let mut starts = Vec::with_capacity(sentences.len() + 1);
        for (s, sentence) in sentences.iter().enumerate() {
            let first = out.len();
            starts.push(first);
            tokens::tokenize(text, sentence.span, is_abbreviation, &mut out);
            debug_assert!(paragraphs[sentence.paragraph].span.covers(sentence.span));
            for token in &mut out[first..] {
                token.sentence = s as u32;
                token.block = sentence.paragraph as u32;
            }
        }
        starts.push(out.len());
        place_in_quotes(&mut out, quotes);
        TokenStream {
            tokens: out,
            sentence_starts: starts,
            tags: OnceLock::new(),
            text_len: text.len(),
        }
    }

    /// Every token, in order.
    pub fn all(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens of a sentence.
    pub fn of_sentence(&self, sentence: usize) -> &[Token] {
        &self.tokens[self.sentence_range(sentence)]
    }

    /// Where a sentence's tokens are in [`TokenStream::all`] (and its tags in [`TokenStream::tags`]).
    pub fn sentence_range(&self, sentence: usize) -> Range<usize> {
        self.sentence_starts[sentence]..self.sentence_starts[sentence + 1]
    }

    /// The index of the token containing `offset`, if any.
    pub fn at(&self, offset: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end <= offset);
        (i < self.tokens.len() && self.tokens[i].span.start <= offset).then_some(i)
    }

    /// The part-of-speech tags of the tokens, index for index. Tagged on
    /// the first call (docs/performance.md has the cost); a broken embedded
    /// model is an error, not a panic. `text` is the document's prose text.
    pub fn tags(&self, text: &str) -> Result<&[PosTag], TaggerError> {
        debug_assert_eq!(text.len(), self.text_len);
        self.tags
            .get_or_init(|| tag(text, &self.tokens, &self.sentence_starts))
            .as_deref()
            .map_err(Clone::clone)
    }

    /// The tag of the token containing `offset`, if it is in a token and
    /// the tagger loaded.
    pub fn tag_at(&self, text: &str, offset: usize) -> Option<PosTag> {
        let token = self.at(offset)?;
        self.tags(text).ok()?.get(token).copied()
    }
}

/// The innermost quotation of every token, and each mark's role from the
/// quotes the document paired (a mark in no quote is an apostrophe).
fn place_in_quotes(out: &mut [Token], quotes: &[Quote]) {
    let mut marks: Vec<(usize, QuoteRole)> = Vec::with_capacity(quotes.len() * 2);
    for quote in quotes {
        marks.extend(quote.open.map(|o| (o.start, QuoteRole::Open)));
        marks.extend(quote.close.map(|c| (c.start, QuoteRole::Close)));
    }
    marks.sort_unstable_by_key(|&(at, _)| at);
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    // Outer before inner when two start together.
    order.sort_unstable_by_key(|&q| (quotes[q].span().start, std::cmp::Reverse(quotes[q].span().end)));
    let (mut next_mark, mut next_quote) = (0, 0);
    let mut open: Vec<usize> = Vec::new();
    for token in out.iter_mut() {
        let at = token.span.start;
        while next_quote < order.len() && quotes[order[next_quote]].span().start <= at {
            open.push(order[next_quote]);
            next_quote += 1;
        }
        while open.last().is_some_and(|&q| quotes[q].span().end <= at) {
            open.pop();
        }
        token.quote = open.last().map_or(tokens::NONE, |&q| q as u32);
        if let TokenKind::Quote(_) = token.kind {
            while next_mark < marks.len() && marks[next_mark].0 < at {
                next_mark += 1;
            }
            let role = match marks.get(next_mark) {
                Some(&(mark, role)) if mark == at => role,
                _ => QuoteRole::Apostrophe,
            };
            token.kind = TokenKind::Quote(role);
        }
    }
}

/// The tags of every token, sentence by sentence.
fn tag(text: &str, all: &[Token], starts: &[usize]) -> Result<Vec<PosTag>, TaggerError> {
    let tagger = Tagger::embedded()?;
    let mut tags = Vec::with_capacity(all.len());
    let mut info = Vec::new();
    let mut indexes = Vec::new();
    for window in starts.windows(2) {
        let range: Range<usize> = window[0]..window[1];
        info.clear();
        info.extend(all[range].iter().map(|t| tagger.word_info(t.span.slice(text))));
        indexes.clear();
        tagger.tag_indexes(&info, &mut indexes);
        tags.extend(indexes.iter().map(|&t| tagger.tags()[usize::from(t)]));
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::TokenStream;
    use crate::rules::{Lexicon, RuleSet};
    use crate::text::{InputFormat, SourceFile};
    use crate::tokens::{QuoteRole, TokenKind, Upos, Xpos};
    use crate::Document;

    fn with_tokens(text: &str, check: impl FnOnce(&Document, &TokenStream)) {
        let lexicon = Lexicon::compile(&RuleSet::defaults().lists);
        let source = SourceFile::new("t.txt", text.to_string(), InputFormat::Plain);
        let doc = Document::build(&source, &lexicon);
        check(&doc, doc.tokens(&lexicon));
    }

    #[test]
    fn tokens_know_their_sentence_block_and_quotation() {
        let text = "“We rebuilt the ‘old’ pier,” said Mayor Ines Dvořák. The fans’ bus left.\n\nShe agreed.";
        with_tokens(text, |doc, stream| {
            let word = |w: &str| stream.all().iter().find(|t| doc.slice(t.span) == w).copied().expect(w);
            assert_eq!(word("pier").quote(), Some(0));
            assert_eq!(word("old").quote(), Some(1));
            assert_eq!(word("said").quote(), None);
            assert_eq!(word("bus").sentence, 1);
            assert_eq!(word("agreed").block, 1);
            let roles: Vec<_> = stream
                .all()
                .iter()
                .filter_map(|t| match t.kind {
                    TokenKind::Quote(r) => Some(r),
                    _ => None,
                })
                .collect();
            assert_eq!(
                roles,
                [
                    QuoteRole::Open,
                    QuoteRole::Open,
                    QuoteRole::Close,
                    QuoteRole::Close,
                    QuoteRole::Apostrophe
                ]
            );
            assert_eq!(stream.of_sentence(2).len(), 3);
        });
    }

    #[test]
    fn tags_are_read_by_offset() {
        let text = "Councillor Mara Voss said the loss was reported by the harbour board.";
        with_tokens(text, |doc, stream| {
            let tag = |w: &str| stream.tag_at(&doc.text, text.find(w).unwrap()).expect("tagged");
            assert_eq!(tag("Voss").upos, Upos::Propn);
            assert_eq!(tag("said").xpos, Xpos::Vbd);
            assert_eq!(tag("was").upos, Upos::Aux);
            assert_eq!(tag("reported").xpos, Xpos::Vbn);
            assert_eq!(tag("board").upos, Upos::Noun);
            assert!(stream.tag_at(&doc.text, text.find(' ').unwrap()).is_none());
            let tags = &stream.tags(&doc.text).expect("tagged")[stream.sentence_range(0)];
            assert_eq!(tags.len(), stream.of_sentence(0).len());
            assert_eq!(tags.last().map(|t| t.upos), Some(Upos::Punct));
        });
    }
}
