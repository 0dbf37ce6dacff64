//! A memo of the grammar's word work on one text: the token read at an
//! offset, and what the lexicon says about a word.
//!
//! Why: the speaker grammar is tried at every word start up to 32 words
//! before each reporting verb, earliest first, and each attempt tries several
//! parsers over the same first words. On news text that is about one speaker
//! parse per 30 bytes, so each word is read and looked up in the lexicon many
//! times over. The memo answers a repeated question in a handful of
//! instructions instead of a word scan and a hash look-up.
//!
//! How: small direct-mapped tables indexed by the byte offset of the slice in
//! the bound text: tokens, word look-ups, and the phrases of the two parsers
//! every candidate subject starts with (proper names and descriptions). A
//! slot is tagged with its offset and a generation number, and the token and
//! phrase slots also with the end of the input they were read from (a parse
//! is a function of its whole input slice: a slice cut short can cut it). A new entry simply replaces an old one in its
//! slot, so the memo never grows and never needs clearing: binding a text
//! starts a new generation, and every earlier tag stops matching. Slices that
//! are not inside the bound text (literals, lowercased copies) are computed
//! and not kept.
//!
//! Keys are offsets derived from addresses, which are stable only while the
//! bound text is alive: [`WordMemo::bind`] returns a guard that unbinds the
//! text when the grammar's entry point returns.

use crate::rules::lexicon::WordInfo;
use std::cell::Cell;

/// Slots per table. The grammar's look-ups around one verb lie within a few
/// hundred bytes, so their offsets rarely share a slot.
const SLOTS: usize = 512;

/// A token read at an offset: the input ran to `input_end`, the token to
/// `token_end` (equal to the offset when no token could be read).
#[derive(Copy, Clone, Default)]
struct TokenSlot {
    tag: u64,
    input_end: u32,
    token_end: u32,
}

/// A word at an offset, `len` bytes long, and its lexicon entry.
#[derive(Copy, Clone)]
struct WordSlot {
    tag: u64,
    len: u32,
    info: WordInfo,
}

/// A phrase parsed at an offset by one of the [`Phrase`] parsers: the input
/// ran to `input_end`; `len` 0 is a failed parse, otherwise the phrase's
/// length, with a parser-defined byte of detail.
#[derive(Copy, Clone, Default)]
struct PhraseSlot {
    tag: u64,
    input_end: u32,
    parser: u8,
    detail: u8,
    len: u32,
}

/// The phrase parsers whose results are kept: those every candidate subject
/// tries first, at the same word starts, for every verb in a sentence.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Phrase {
    ProperName = 1,
    Descriptor = 2,
}

/// See the module documentation.
pub struct WordMemo {
    /// The bound text's address and length; length 0 when nothing is bound.
    base: Cell<usize>,
    len: Cell<usize>,
    /// Starts at 1, so a zeroed slot (tag 0) never matches.
    generation: Cell<u32>,
    tokens: Box<[Cell<TokenSlot>]>,
    words: Box<[Cell<Option<WordSlot>>]>,
    phrases: Box<[Cell<PhraseSlot>]>,
}

impl Default for WordMemo {
    fn default() -> Self {
        WordMemo {
            base: Cell::new(0),
            len: Cell::new(0),
            generation: Cell::new(0),
            tokens: (0..SLOTS).map(|_| Cell::new(TokenSlot::default())).collect(),
            words: (0..SLOTS).map(|_| Cell::new(None)).collect(),
            phrases: (0..2 * SLOTS).map(|_| Cell::new(PhraseSlot::default())).collect(),
        }
    }
}

/// Keeps a text bound to the memo; unbinds it when dropped.
pub struct Bound<'m> {
    memo: &'m WordMemo,
}

impl Drop for Bound<'_> {
    fn drop(&mut self) {
        self.memo.len.set(0);
    }
}

impl WordMemo {
    /// Remember work on slices of `text` until the guard is dropped. Texts of
    /// 4 GB or more are not memoised (offsets are kept in 32 bits).
    pub fn bind(&self, text: &str) -> Bound<'_> {
        self.generation.set(self.generation.get().wrapping_add(1).max(1));
        self.base.set(text.as_ptr() as usize);
        self.len.set(if u32::try_from(text.len()).is_ok() {
            text.len()
        } else {
            0
        });
        Bound { memo: self }
    }

    /// The offset of `slice` in the bound text, when it lies inside it.
    #[inline]
    fn offset(&self, slice: &str) -> Option<usize> {
        let at = (slice.as_ptr() as usize).wrapping_sub(self.base.get());
        (at < self.len.get() && slice.len() <= self.len.get() - at).then_some(at)
    }

    #[inline]
    fn tag(&self, at: usize) -> u64 {
        u64::from(self.generation.get()) << 32 | at as u64
    }

    /// The length of the token at the start of `input` (0: none), from the
    /// memo or from `read`.
    #[inline]
    pub fn token_len(&self, input: &str, read: impl FnOnce(&str) -> usize) -> usize {
        let Some(at) = self.offset(input) else {
            return read(input);
        };
        let slot = &self.tokens[at % SLOTS];
        let (tag, input_end) = (self.tag(at), (at + input.len()) as u32);
        let kept = slot.get();
        if kept.tag == tag && kept.input_end == input_end {
            return kept.token_end as usize - at;
        }
        let len = read(input);
        slot.set(TokenSlot {
            tag,
            input_end,
            token_end: (at + len) as u32,
        });
        len
    }

    /// The phrase `parser` reads at the start of `input`, as its length and
    /// a byte of detail (`None`: no phrase), from the memo or from `parse`.
    #[inline]
    pub fn phrase(
        &self,
        parser: Phrase,
        input: &str,
        parse: impl FnOnce(&str) -> Option<(usize, u8)>,
    ) -> Option<(usize, u8)> {
        let Some(at) = self.offset(input) else {
            return parse(input);
        };
        let slot = &self.phrases[(2 * at + parser as usize) % (2 * SLOTS)];
        let (tag, input_end) = (self.tag(at), (at + input.len()) as u32);
        let kept = slot.get();
        if kept.tag == tag && kept.input_end == input_end && kept.parser == parser as u8 {
            return (kept.len > 0).then_some((kept.len as usize, kept.detail));
        }
        let parsed = parse(input);
        let (len, detail) = parsed.unwrap_or((0, 0));
        // An empty phrase would read as a failure: it is never kept.
        if parsed.is_none() || len > 0 {
            slot.set(PhraseSlot {
                tag,
                input_end,
                parser: parser as u8,
                detail,
                len: len as u32,
            });
        }
        parsed
    }

    /// What the lexicon says about `word`, from the memo or from `look_up`.
    #[inline]
    pub fn word(&self, word: &str, look_up: impl FnOnce(&str) -> WordInfo) -> WordInfo {
        let Some(at) = self.offset(word) else {
            return look_up(word);
        };
        let slot = &self.words[at % SLOTS];
        let tag = self.tag(at);
        if let Some(kept) = slot.get() {
            if kept.tag == tag && kept.len as usize == word.len() {
                return kept.info;
            }
        }
        let info = look_up(word);
        slot.set(Some(WordSlot {
            tag,
            len: word.len() as u32,
            info,
        }));
        info
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::lexicon::Lexicon;

    fn lexicon() -> Lexicon {
        Lexicon::compile(&crate::rules::RuleSet::defaults().lists)
    }

    #[test]
    fn a_token_is_read_once_per_input() {
        let memo = WordMemo::default();
        let text = "Ines Arce said";
        let _bound = memo.bind(text);
        let reads = Cell::new(0);
        let read = |i: &str| {
            reads.set(reads.get() + 1);
            i.find(' ').unwrap_or(i.len())
        };
        assert_eq!(memo.token_len(&text[5..], read), 4);
        assert_eq!(memo.token_len(&text[5..], read), 4);
        assert_eq!(reads.get(), 1);
        // The same start with a shorter input is another question.
        assert_eq!(memo.token_len(&text[5..7], read), 2);
        assert_eq!(reads.get(), 2);
    }

    #[test]
    fn a_phrase_is_parsed_once_per_parser_and_input() {
        let memo = WordMemo::default();
        let text = "the harbour master said";
        let _bound = memo.bind(text);
        let parses = Cell::new(0);
        let parses = &parses;
        let parse = |found: Option<(usize, u8)>| {
            move |_: &str| {
                parses.set(parses.get() + 1);
                found
            }
        };
        assert_eq!(
            memo.phrase(Phrase::Descriptor, &text[4..], parse(Some((13, 5)))),
            Some((13, 5))
        );
        assert_eq!(memo.phrase(Phrase::Descriptor, &text[4..], parse(None)), Some((13, 5)));
        assert_eq!(parses.get(), 1);
        // Another parser at the same offset, and a failure, are kept apart.
        assert_eq!(memo.phrase(Phrase::ProperName, &text[4..], parse(None)), None);
        assert_eq!(memo.phrase(Phrase::ProperName, &text[4..], parse(Some((1, 0)))), None);
        assert_eq!(parses.get(), 2);
        assert_eq!(memo.phrase(Phrase::Descriptor, &text[4..], parse(None)), Some((13, 5)));
        assert_eq!(parses.get(), 2);
    }

    #[test]
    fn words_outside_the_text_and_after_unbinding_are_not_kept() {
        let lexicon = lexicon();
        let memo = WordMemo::default();
        let looks = Cell::new(0);
        let look_up = |w: &str| {
            looks.set(looks.get() + 1);
            lexicon.word(w)
        };
        let text = String::from("the ferry said");
        {
            let _bound = memo.bind(&text);
            memo.word(&text[10..], look_up);
            memo.word(&text[10..], look_up);
            assert_eq!(looks.get(), 1);
            memo.word("said", look_up);
            assert_eq!(looks.get(), 2);
        }
        memo.word(&text[10..], look_up);
        assert_eq!(looks.get(), 3);
    }

    #[test]
    fn a_new_binding_forgets_the_old_text() {
        let lexicon = lexicon();
        let memo = WordMemo::default();
        let first = String::from("said");
        {
            let _bound = memo.bind(&first);
            assert!(memo.word(&first, |w| lexicon.word(w)).verb_class().is_some());
        }
        // Another text at the same address and length must not see the old entry.
        let second = rewritten_in_place(first, "ship");
        let _bound = memo.bind(&second);
        assert!(memo.word(&second, |w| lexicon.word(w)).verb_class().is_none());
    }

    /// The same buffer with new bytes: the worst case for an address key.
    fn rewritten_in_place(mut text: String, new: &str) -> String {
        text.clear();
        text.push_str(new);
        text
    }
}
