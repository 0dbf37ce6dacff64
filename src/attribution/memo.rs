//! A memo of the grammar's work on one text: what a function gave on a slice
//! of it (the token at an offset, a word's lexicon entry, the proper name or
//! description a parser read there).
//!
//! Why: the speaker grammar is tried at every word start up to 32 words
//! before each reporting verb, earliest first, and each attempt tries several
//! parsers over the same first words. On news text that is about one speaker
//! parse per 30 bytes, so each word is read, looked up and parsed many times
//! over. The memo answers a repeated question in a handful of instructions.
//!
//! How: each function has its own [`Table`], a small direct-mapped table
//! indexed by the byte offset of the slice in the bound text. A slot is tagged
//! with the slice's offset, its end (a parse is a function of its whole input:
//! a slice cut short can cut the result) and a generation number. A new entry
//! simply replaces an old one in its slot, so a table never grows and never
//! needs clearing: binding a text starts a new generation, and every earlier
//! tag stops matching. Slices that are not inside the bound text (literals,
//! lowercased copies) are computed and not kept.
//!
//! Keys are offsets derived from addresses, which are stable only while the
//! bound text is alive: [`Memo::bind`] returns a guard that unbinds the text
//! when the grammar's entry point returns.

use std::cell::Cell;

/// Slots per table. The grammar's questions around one verb lie within a few
/// hundred bytes, so their offsets rarely share a slot.
const SLOTS: usize = 512;

/// What one function gave on slices of the bound text. See the module
/// documentation.
pub struct Table<T: Copy> {
    slots: Box<[Cell<Option<Slot<T>>>]>,
}

/// A kept result: (generation and offset, end offset, result).
type Slot<T> = (u64, u32, T);

impl<T: Copy> Default for Table<T> {
    fn default() -> Self {
        Table {
            slots: (0..SLOTS).map(|_| Cell::new(None)).collect(),
        }
    }
}

/// The text whose slices the tables are keyed by. See the module documentation.
#[derive(Default)]
pub struct Memo {
    /// The bound text's address and length; length 0 when nothing is bound.
    base: Cell<usize>,
    len: Cell<usize>,
    /// Starts at 1 on the first binding, so no tag of an earlier one matches.
    generation: Cell<u32>,
}

/// Keeps a text bound to the memo; unbinds it when dropped.
pub struct Bound<'m> {
    memo: &'m Memo,
}

impl Drop for Bound<'_> {
    fn drop(&mut self) {
        self.memo.len.set(0);
    }
}

impl Memo {
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

    /// What `compute` gives on `slice`, from `table` when it was kept there
    /// for the same slice of the bound text.
    #[inline]
    pub fn get_or<T: Copy>(&self, table: &Table<T>, slice: &str, compute: impl FnOnce(&str) -> T) -> T {
        let at = (slice.as_ptr() as usize).wrapping_sub(self.base.get());
        if at >= self.len.get() || slice.len() > self.len.get() - at {
            return compute(slice);
        }
        let slot = &table.slots[at % SLOTS];
        let tag = u64::from(self.generation.get()) << 32 | at as u64;
        let end = (at + slice.len()) as u32;
        if let Some((kept_tag, kept_end, value)) = slot.get() {
            if kept_tag == tag && kept_end == end {
                return value;
            }
        }
        let value = compute(slice);
        slot.set(Some((tag, end, value)));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function that counts its calls: the length of the first word.
    fn counted(calls: &Cell<usize>) -> impl Fn(&str) -> usize + '_ {
        |slice| {
            calls.set(calls.get() + 1);
            slice.find(' ').unwrap_or(slice.len())
        }
    }

    #[test]
    fn a_slice_is_computed_once() {
        let (memo, table, calls) = (Memo::default(), Table::default(), Cell::new(0));
        let text = "Ines Arce said";
        let _bound = memo.bind(text);
        assert_eq!(memo.get_or(&table, &text[5..], counted(&calls)), 4);
        assert_eq!(memo.get_or(&table, &text[5..], counted(&calls)), 4);
        assert_eq!(calls.get(), 1);
        // Tables keep their own answers.
        let other = Table::default();
        assert_eq!(memo.get_or(&other, &text[5..], |_| 99), 99);
        assert_eq!(memo.get_or(&table, &text[5..], counted(&calls)), 4);
        assert_eq!(calls.get(), 1);
        // The same start with a shorter slice is another question (and
        // takes the slot: one answer per offset is kept).
        assert_eq!(memo.get_or(&table, &text[5..7], counted(&calls)), 2);
        assert_eq!(calls.get(), 2);
        assert_eq!(memo.get_or(&table, &text[5..], counted(&calls)), 4);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn slices_outside_the_text_and_after_unbinding_are_not_kept() {
        let (memo, table, calls) = (Memo::default(), Table::default(), Cell::new(0));
        let text = String::from("the ferry said");
        {
            let _bound = memo.bind(&text);
            memo.get_or(&table, &text[10..], counted(&calls));
            memo.get_or(&table, &text[10..], counted(&calls));
            assert_eq!(calls.get(), 1);
            memo.get_or(&table, "said", counted(&calls));
            assert_eq!(calls.get(), 2);
        }
        memo.get_or(&table, &text[10..], counted(&calls));
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_new_binding_forgets_the_old_text() {
        let (memo, table) = (Memo::default(), Table::default());
        let mut text = String::from("said");
        {
            let _bound = memo.bind(&text);
            assert!(memo.get_or(&table, &text, |w| w == "said"));
        }
        // Other words in the same buffer: the same address and length, the
        // worst case for a key made from an address.
        text.replace_range(.., "ship");
        let _bound = memo.bind(&text);
        assert!(!memo.get_or(&table, &text, |w| w == "said"));
    }
}
