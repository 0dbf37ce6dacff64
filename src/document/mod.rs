//! The analysed document: paragraphs, sentences, quotes and lexicon hits,
//! all as byte spans into the original text. Built once; checks only read it.

pub mod quotes;
pub mod segment;
pub mod structure;
mod token_stream;

pub use quotes::QuoteFamily;
pub use token_stream::TokenStream;

use crate::rules::lexicon::{PhraseHit, PhraseKind};
use crate::rules::Lexicon;
use crate::text::{BlockKind, OffsetMap, Prose, SourceFile};
use crate::Span;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// A paragraph (or heading) and the sentences in it.
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub span: Span,
    pub kind: BlockKind,
    pub sentences: Range<usize>,
}

/// A sentence, its paragraph, and the lexicon hits inside it.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    pub hits: Range<usize>,
}

/// A quotation: its marks (either may be missing when unbalanced) and the
/// text between them.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub open: Option<Span>,
    pub close: Option<Span>,
    pub content: Span,
    pub family: QuoteFamily,
    /// 0 for an outermost quote, 1 for a quote inside it, …
    pub depth: u8,
    pub first_paragraph: usize,
    pub last_paragraph: usize,
}

impl Quote {
    /// The quote with its marks.
    pub fn span(&self) -> Span {
        let start = self.open.map_or(self.content.start, |o| o.start);
        let end = self.close.map_or(self.content.end, |c| c.end);
        Span::new(start, end)
    }

    pub fn is_balanced(&self) -> bool {
        self.open.is_some() && self.close.is_some()
    }

    /// Number of words in the quote.
    pub fn word_count(&self, text: &str) -> usize {
        self.content.slice(text).split_whitespace().count()
    }
}

/// A document ready for attribution and checks.
#[derive(Debug)]
pub struct Document<'s> {
    pub source: &'s SourceFile,
    /// The prose to analyse: the original text, for Markdown a copy of the
    /// same length with everything that is not prose blanked out, for HTML
    /// the decoded text (see `offsets`). Every span of the analysis indexes this.
    pub text: Cow<'s, str>,
    /// Where offsets of `text` are in `source.text`: the identity except for HTML.
    pub offsets: OffsetMap,
    pub paragraphs: Vec<Paragraph>,
    /// The dateline opening the first body paragraph ("LONDON (Reuters) — "):
    /// a span of that paragraph of kind [`BlockKind::Dateline`] ([`Document::kind_at`]).
    pub dateline: Option<Span>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    /// Every lexicon phrase in the prose, in order of position.
    pub hits: Vec<PhraseHit>,
    /// Every token of every sentence, cut on first request
    /// ([`Document::tokens`]): no stage reads tokens yet, and cutting them
    /// for every document would cost a seventh of the run for nothing.
    tokens: OnceLock<TokenStream>,
    /// Whether the writer speaks as "I", read on first request
    /// ([`Document::written_in_first_person`]).
    first_person: OnceLock<bool>,
    /// Whether the article is an opinion piece, read on first request
    /// ([`Document::is_opinion_piece`]): a check asks once per candidate.
    opinion: OnceLock<bool>,
    /// (closing mark offset, quote index) of every quote with a closing
    /// mark, in order: the quotes that close in a sentence, without a scan.
    closings: Vec<(usize, usize)>,
    /// For each quote, the index of the last outermost quote at or before it
    /// (`usize::MAX` when there is none): [`Document::quote_at`] in constant
    /// time inside a quotation holding thousands of inner ones.
    outermost: Vec<usize>,
}

impl<'s> Document<'s> {
    /// Segment a source file: paragraphs, sentences, quotes, lexicon hits.
    pub fn build(source: &'s SourceFile, lexicon: &Lexicon) -> Self {
        let mut prose = Prose::of(source);
        let dateline = structure::classify(&prose.text, &mut prose.blocks, lexicon);
        let text = prose.text;
        let offsets = prose.offsets;
        let mut paragraphs = Vec::with_capacity(prose.blocks.len());
        let mut sentence_spans = Vec::new();
        let mut hits = Vec::new();
        for block in &prose.blocks {
            let first = sentence_spans.len();
            segment::split_sentences(&text, block.span, lexicon, &mut sentence_spans);
            paragraphs.push(Paragraph {
                span: block.span,
                kind: block.kind,
                sentences: first..sentence_spans.len(),
            });
            lexicon.scan(block.span.slice(&text), block.span.start, &mut hits);
        }
        let mut quotes = Vec::new();
        quotes::pair_quotes(&text, &prose.blocks, &mut quotes);

        let mut sentences = Vec::with_capacity(sentence_spans.len());
        let mut hit_cursor = 0;
        for (p, paragraph) in paragraphs.iter().enumerate() {
            for &span in &sentence_spans[paragraph.sentences.clone()] {
                while hit_cursor < hits.len() && hits[hit_cursor].span.start < span.start {
                    hit_cursor += 1;
                }
                let first_hit = hit_cursor;
                while hit_cursor < hits.len() && hits[hit_cursor].span.start < span.end {
                    hit_cursor += 1;
                }
                sentences.push(Sentence {
                    span,
                    paragraph: p,
                    hits: first_hit..hit_cursor,
                });
            }
        }
        let mut closings: Vec<(usize, usize)> = quotes
            .iter()
            .enumerate()
            .filter_map(|(q, quote)| quote.close.map(|close| (close.start, q)))
            .collect();
        closings.sort_unstable();
        let outermost = quotes
            .iter()
            .enumerate()
            .scan(usize::MAX, |last, (q, quote)| {
                if quote.depth == 0 {
                    *last = q;
                }
                Some(*last)
            })
            .collect();
        Document {
            source,
            text,
            offsets,
            paragraphs,
            dateline,
            sentences,
            quotes,
            hits,
            tokens: OnceLock::new(),
            first_person: OnceLock::new(),
            opinion: OnceLock::new(),
            closings,
            outermost,
        }
    }

    /// The document's tokens, cut on the first call (the lexicon's
    /// abbreviations keep "Gov." one token); the same stream afterwards.
    pub fn tokens(&self, lexicon: &Lexicon) -> &TokenStream {
        self.tokens.get_or_init(|| {
            let is_abbreviation = |word: &str| lexicon.abbreviations.contains(word);
            TokenStream::build(
                &self.text,
                &self.paragraphs,
                &self.sentences,
                &self.quotes,
                &is_abbreviation,
            )
        })
    }

    /// Whether the article is written in the first person (a column, a
    /// reader's letter, an essay): several body sentences use the writer's
    /// own "I" outside quotations. Read on the first call.
    pub fn written_in_first_person(&self, lexicon: &Lexicon) -> bool {
        *self
            .first_person
            .get_or_init(|| structure::written_in_first_person(self, lexicon))
    }

    /// Whether the article is an opinion piece (first person, an opinion
    /// label near the top, or the writer's closing tagline): its argument is
    /// the writer's signed view. Read on the first call.
    pub fn is_opinion_piece(&self, lexicon: &Lexicon) -> bool {
        *self.opinion.get_or_init(|| structure::is_opinion_piece(self, lexicon))
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The span of the original file that an analysis span came from.
    pub fn source_span(&self, span: Span) -> Span {
        self.offsets.span(span)
    }

    /// The words of an analysis span as a reader sees them: the original text
    /// where the analysis keeps its offsets (plain text, Markdown), the decoded
    /// text where the original is markup (HTML).
    pub fn display(&self, span: Span) -> &str {
        if self.offsets.is_identity() {
            span.slice(&self.source.text)
        } else {
            span.slice(&self.text)
        }
    }

    /// The index of the sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The index of the paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// The structural kind of the text at `offset`: the dateline's inside it,
    /// else its paragraph's; `None` between paragraphs.
    pub fn kind_at(&self, offset: usize) -> Option<BlockKind> {
        if self.dateline.is_some_and(|d| d.contains(offset)) {
            return Some(BlockKind::Dateline);
        }
        self.paragraph_at(offset).map(|p| self.paragraphs[p].kind)
    }

    /// The structural kind of a span: that of its start, except that a span
    /// running on from the dateline into the paragraph's copy (a sentence
    /// opening the story) is the paragraph's.
    pub fn kind_of(&self, span: Span) -> Option<BlockKind> {
        match self.kind_at(span.start) {
            Some(BlockKind::Dateline) if self.dateline.is_some_and(|d| span.end > d.end) => {
                self.paragraph_at(span.start).map(|p| self.paragraphs[p].kind)
            }
            kind => kind,
        }
    }

    /// The lexicon hits of a sentence.
    pub fn hits_in(&self, sentence: usize) -> &[PhraseHit] {
        &self.hits[self.sentences[sentence].hits.clone()]
    }

    /// Hits of one kind in a sentence.
    pub fn hits_of(&self, sentence: usize, kind: PhraseKind) -> impl Iterator<Item = &PhraseHit> {
        self.hits_in(sentence).iter().filter(move |h| h.kinds.has(kind))
    }

    /// The outermost quote containing `offset`, if any.
    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        // Quotes are sorted by start and outermost quotes never overlap, so
        // only the last outermost quote starting before `offset` can hold it.
        let end = self.quotes.partition_point(|q| q.span().start <= offset);
        let last = *self.outermost.get(end.checked_sub(1)?)?;
        self.quotes.get(last).filter(|q| q.span().contains(offset))
    }

    /// Indexes of the quotes whose closing mark starts inside `span`, in
    /// order of their closing marks.
    pub fn quotes_closing_in(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let first = self.closings.partition_point(|&(at, _)| at < span.start);
        self.closings[first..]
            .iter()
            .take_while(move |&&(at, _)| at < span.end)
            .map(|&(_, q)| q)
    }

    /// Whether `offset` lies inside a quotation (marks included).
    pub fn in_quote(&self, offset: usize) -> bool {
        self.quote_at(offset).is_some()
    }
}
