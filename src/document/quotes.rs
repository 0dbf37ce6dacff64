//! Quote pairing: which marks open and close quotations, across nesting and
//! running quotations, without taking apostrophes for quote marks.
//!
//! Marks are first classified from the characters around them (an opening
//! mark follows a space and precedes a word; a closing one the reverse), then
//! paired with a stack per paragraph. A paragraph that ends inside a quote
//! whose next paragraph opens with the same kind of mark continues the quote
//! (AP's running quotation); any other unclosed or unopened mark becomes a
//! quote with a missing end, which `unbalanced-quote` reports.

use super::Quote;
use crate::text::{Block, BlockKind};
use crate::Span;

/// The kind of quotation a mark belongs to.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum QuoteFamily {
    /// “…” "…" „…“
    Double,
    /// ‘…’ '…'
    Single,
    /// «…»
    Guillemet,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark whose surroundings do not decide.
    Either,
}

#[derive(Copy, Clone, Debug)]
struct Mark {
    span: Span,
    family: QuoteFamily,
    role: Role,
    /// Typographic (curly or guillemet) rather than a straight ASCII mark.
    explicit: bool,
}

#[derive(Copy, Clone, Debug)]
struct OpenEntry {
    mark: Mark,
    first_block: usize,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_opening_context(c: Option<char>) -> bool {
    is_space(c)
        || matches!(
            c,
            Some('(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„' | ':')
        )
}

fn is_closing_context(c: Option<char>) -> bool {
    is_space(c)
        || matches!(
            c,
            Some('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '…' | '”' | '’' | '»')
        )
}

fn is_wordy(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Classify the quote marks of one paragraph.
fn classify(text: &str, block: Span, marks: &mut Vec<Mark>) {
    let para = block.slice(text);
    let bytes = para.as_bytes();
    let mut i = 0;
    // Inside an HTML tag left in the text (`<a href="…">`, a scraped
    // `<tweet author="…">`): its marks delimit attribute values, not speech.
    let mut in_tag = false;
    // Every mark starts with one of these bytes (“ ” „ ‘ ’ with 0xE2, « » with
    // 0xC2): the bytes between them are skipped without decoding.
    while let Some(skip) = bytes[i..]
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b'`' | 0xc2 | 0xe2))
    {
        in_tag = tag_state(&bytes[i..i + skip], in_tag);
        i += skip;
        if in_tag {
            i += para[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let Some(c) = para[i..].chars().next() else { break };
        let prev = para[..i].chars().next_back();
        let next = para[i + c.len_utf8()..].chars().next();
        // Typewriter doubles: ''…'' (and ``…'' from treebank-style text) are
        // one double mark of two characters.
        if matches!((c, next), ('\'', Some('\'')) | ('`', Some('`'))) {
            let after = para[i + 2..].chars().next();
            let role = if c == '`' || (is_opening_context(prev) && !is_closing_context(after)) {
                Role::Open
            } else if is_closing_context(after) {
                Role::Close
            } else {
                Role::Either
            };
            marks.push(Mark {
                span: Span::new(block.start + i, block.start + i + 2),
                family: QuoteFamily::Double,
                role,
                explicit: false,
            });
            i += 2;
            continue;
        }
        let span = Span::new(block.start + i, block.start + i + c.len_utf8());
        let mark = |family, role, explicit| {
            Some(Mark {
                span,
                family,
                role,
                explicit,
            })
        };
        let found = match c {
            '“' | '„' if is_wordy(prev) && is_closing_context(next) => mark(QuoteFamily::Double, Role::Close, true),
            '“' | '„' => mark(QuoteFamily::Double, Role::Open, true),
            // 6’2”: feet and inches, not a quotation.
            '”' if is_inch_mark(&para[..i]) => None,
            '”' if is_space(prev) && is_wordy(next) => mark(QuoteFamily::Double, Role::Open, true),
            '”' => mark(QuoteFamily::Double, Role::Close, true),
            // 6'3": feet and inches, not a quotation.
            '"' if is_inch_mark(&para[..i]) => None,
            '"' => {
                let role = match (is_opening_context(prev), is_closing_context(next)) {
                    (true, false) => Role::Open,
                    (false, true) => Role::Close,
                    _ => Role::Either,
                };
                mark(QuoteFamily::Double, role, false)
            }
            '«' => mark(QuoteFamily::Guillemet, Role::Open, true),
            '»' => mark(QuoteFamily::Guillemet, Role::Close, true),
            '‘' | '’' | '\'' => {
                classify_single(c, prev, next).and_then(|role| mark(QuoteFamily::Single, role, c == '‘'))
            }
            _ => None,
        };
        if let Some(m) = found {
            marks.push(m);
        }
        i += c.len_utf8();
    }
}

/// Whether the text after a run of `bytes` is inside an HTML tag, given
/// whether it was before the run: the last `<` that opens a tag (a letter or
/// `/` after it) and no `>` after that starts one, a `>` ends it. A `<`
/// before a space ("x < 5") is prose.
fn tag_state(bytes: &[u8], before: bool) -> bool {
    let open = memchr::memrchr(b'<', bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/'));
    let close = memchr::memrchr(b'>', bytes);
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => before,
    }
}

/// Whether a straight double mark after `before` closes a height or length
/// in feet and inches (`6'3"`, `5’11"`).
fn is_inch_mark(before: &str) -> bool {
    let feet = before.trim_end_matches(|c: char| c.is_ascii_digit());
    feet.len() < before.len()
        && feet
            .strip_suffix(['\'', '’'])
            .is_some_and(|number| number.ends_with(|c: char| c.is_ascii_digit()))
}

/// Single marks double as apostrophes: "don’t", "O’Brien", "’90s", "Natixis’".
/// Returns `None` for an apostrophe; a closing candidate after a word is only
/// used when a single quote is open.
fn classify_single(c: char, prev: Option<char>, next: Option<char>) -> Option<Role> {
    if is_wordy(prev) && is_wordy(next) {
        return None; // inside a word
    }
    if next.is_some_and(|n| n.is_ascii_digit()) {
        return None; // ’90s
    }
    if is_opening_context(prev) && is_wordy(next) {
        // ’ as an opener is an elision (’em); ‘ and ' open quotes.
        return if c == '’' { None } else { Some(Role::Open) };
    }
    if !is_space(prev) && is_closing_context(next) {
        return if c == '‘' { None } else { Some(Role::Close) };
    }
    None
}

/// Pair the marks of all blocks into quotes.
/// The open quotes of a paragraph, innermost last, with the positions of
/// each family's entries kept beside them: finding the innermost open quote
/// of a family is a look at the end of its list, not a scan of the stack (a
/// paragraph of thousands of unclosed marks stays linear).
#[derive(Default)]
struct OpenStack {
    entries: Vec<OpenEntry>,
    /// For each family (see [`family_slot`]), the positions in `entries` of its entries, in order.
    positions: [Vec<usize>; 3],
}

fn family_slot(family: QuoteFamily) -> usize {
    match family {
        QuoteFamily::Double => 0,
        QuoteFamily::Single => 1,
        QuoteFamily::Guillemet => 2,
    }
}

impl OpenStack {
    fn push(&mut self, entry: OpenEntry) {
        self.positions[family_slot(entry.mark.family)].push(self.entries.len());
        self.entries.push(entry);
    }

    fn pop(&mut self) -> Option<OpenEntry> {
        let entry = self.entries.pop()?;
        self.positions[family_slot(entry.mark.family)].pop();
        Some(entry)
    }

    fn last(&self) -> Option<&OpenEntry> {
        self.entries.last()
    }

    fn first(&self) -> Option<&OpenEntry> {
        self.entries.first()
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    /// The position of the innermost open quote of `family`.
    fn rposition(&self, family: QuoteFamily) -> Option<usize> {
        self.positions[family_slot(family)].last().copied()
    }

    /// Remove and return the entries from position `from` on.
    fn drain_from(&mut self, from: usize) -> Vec<OpenEntry> {
        for positions in &mut self.positions {
            while positions.last().is_some_and(|&p| p >= from) {
                positions.pop();
            }
        }
        self.entries.drain(from..).collect()
    }

    fn retain(&mut self, keep: impl FnMut(&OpenEntry) -> bool) {
        self.entries.retain(keep);
        self.reindex();
    }

    fn drain_all(&mut self) -> Vec<OpenEntry> {
        self.positions.iter_mut().for_each(Vec::clear);
        std::mem::take(&mut self.entries)
    }

    fn reindex(&mut self) {
        self.positions.iter_mut().for_each(Vec::clear);
        for (at, entry) in self.entries.iter().enumerate() {
            self.positions[family_slot(entry.mark.family)].push(at);
        }
    }
}

pub fn pair_quotes(text: &str, blocks: &[Block], quotes: &mut Vec<Quote>) {
    let mut marks = Vec::new();
    let mut stack = OpenStack::default();
    // A quote carried over from the previous paragraph (running quotation).
    let mut carried: Option<OpenEntry> = None;
    for (b, block) in blocks.iter().enumerate() {
        marks.clear();
        classify(text, block.span, &mut marks);
        let mut marks_iter = marks.iter().copied().peekable();
        if let Some(entry) = carried.take() {
            // The continuation mark at the start of this paragraph is not a new quote.
            marks_iter.next();
            stack.push(entry);
        }
        let mut last_close = block.span.start;
        for mark in marks_iter {
            match (mark.family, mark.role) {
                (QuoteFamily::Single, Role::Open) => stack.push(OpenEntry { mark, first_block: b }),
                (QuoteFamily::Single, _) => {
                    if stack.last().is_some_and(|e| e.mark.family == QuoteFamily::Single) {
                        let entry = stack.pop().expect("checked above");
                        last_close = mark.span.end;
                        quotes.push(closed(entry, mark, b, stack.len()));
                    }
                }
                (family, role) => {
                    let open_index = stack.rposition(family);
                    let closes = match role {
                        Role::Close => true,
                        Role::Open => false,
                        Role::Either => open_index.is_some(),
                    };
                    if !closes {
                        stack.push(OpenEntry { mark, first_block: b });
                        continue;
                    }
                    if let Some(index) = open_index {
                        // Singles opened inside and never closed were apostrophes.
                        for inner in stack.drain_from(index + 1) {
                            if inner.mark.family != QuoteFamily::Single {
                                quotes.push(unclosed(text, inner, blocks, b, index + 1));
                            }
                        }
                        let entry = stack.pop().expect("index is in the stack");
                        last_close = mark.span.end;
                        quotes.push(closed(entry, mark, b, stack.len()));
                    } else {
                        // A closing mark with no opening one: the quote runs
                        // from the paragraph start (or the previous quote) to here.
                        let start = skip_space(text, last_close, mark.span.start);
                        last_close = mark.span.end;
                        quotes.push(Quote {
                            open: None,
                            close: Some(mark.span),
                            content: Span::new(start, mark.span.start),
                            family,
                            depth: 0,
                            first_paragraph: b,
                            last_paragraph: b,
                        });
                    }
                }
            }
        }
        // At the paragraph end: straight single marks left open were apostrophes.
        stack.retain(|e| e.mark.family != QuoteFamily::Single || e.mark.explicit);
        // A quotation runs on into any block but a heading: a text export may
        // wrap a transcript and the credit line under it in one quotation.
        let continues = stack.first().is_some_and(|outer| {
            blocks
                .get(b + 1)
                .is_some_and(|next| next.kind != BlockKind::Heading && opens_with(text, next.span, outer.mark.family))
        });
        if continues && stack.len() == 1 {
            carried = stack.pop();
        } else {
            for (depth, entry) in stack.drain_all().into_iter().enumerate() {
                quotes.push(unclosed(text, entry, blocks, b, depth));
            }
        }
    }
    quotes.sort_by_key(|q| (q.span().start, q.depth));
}

fn skip_space(text: &str, from: usize, to: usize) -> usize {
    let slice = &text[from..to];
    to - slice.trim_start_matches(|c: char| c.is_whitespace()).len()
}

/// Whether a paragraph starts with an opening mark of `family`.
fn opens_with(text: &str, span: Span, family: QuoteFamily) -> bool {
    let first = span.slice(text).trim_start().chars().next();
    match family {
        // Typewriter doubles ('' and ``) open a paragraph in archives.
        QuoteFamily::Double => {
            let rest = span.slice(text).trim_start();
            matches!(first, Some('“' | '"' | '„')) || rest.starts_with("''") || rest.starts_with("``")
        }
        QuoteFamily::Single => matches!(first, Some('‘' | '\'')),
        QuoteFamily::Guillemet => matches!(first, Some('«' | '»')),
    }
}

fn closed(entry: OpenEntry, close: Mark, block: usize, depth: usize) -> Quote {
    Quote {
        open: Some(entry.mark.span),
        close: Some(close.span),
        content: Span::new(entry.mark.span.end, close.span.start),
        family: entry.mark.family,
        depth: depth.min(u8::MAX as usize) as u8,
        first_paragraph: entry.first_block,
        last_paragraph: block,
    }
}

fn unclosed(text: &str, entry: OpenEntry, blocks: &[Block], block: usize, depth: usize) -> Quote {
    let end = blocks[block].span.end;
    let start = entry.mark.span.end.min(end);
    let content_end = start + text[start..end].trim_end().len();
    Quote {
        open: Some(entry.mark.span),
        close: None,
        content: Span::new(start, content_end),
        family: entry.mark.family,
        depth: depth.min(u8::MAX as usize) as u8,
        first_paragraph: entry.first_block,
        last_paragraph: block,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes_of(text: &str) -> Vec<(Option<String>, bool, bool)> {
        let mut blocks = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            blocks.push(Block {
                span: Span::new(start, start + line.len()),
                kind: BlockKind::Body,
            });
            start += line.len() + 1;
        }
        let mut quotes = Vec::new();
        pair_quotes(text, &blocks, &mut quotes);
        quotes
            .iter()
            .map(|q| {
                (
                    Some(q.content.slice(text).to_string()),
                    q.open.is_some(),
                    q.close.is_some(),
                )
            })
            .collect()
    }

    fn content(text: &str) -> Vec<String> {
        quotes_of(text).into_iter().filter_map(|q| q.0).collect()
    }

    #[test]
    fn curly_and_straight_doubles() {
        assert_eq!(
            content("“We will,” she said. \"Not now,\" he said."),
            ["We will,", "Not now,"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            content("“I'll go to the council's meeting in the ’90s style,” said Natixis’ chief."),
            ["I'll go to the council's meeting in the ’90s style,"]
        );
    }

    #[test]
    fn feet_and_inches_are_not_quotes() {
        assert_eq!(
            content("The letter says he is 6'3\" tall and \"in good health,\" his doctor wrote."),
            ["in good health,"]
        );
    }

    #[test]
    fn british_singles_with_nested_doubles() {
        let quotes = content("‘He told me “never again”,’ she said. 'Fine,' he said.");
        assert_eq!(quotes, ["He told me “never again”,", "never again", "Fine,"]);
    }

    #[test]
    fn typewriter_double_apostrophes() {
        assert_eq!(content("''We will rebuild,'' Ms. Ruiz said."), ["We will rebuild,"]);
    }

    #[test]
    fn guillemets() {
        assert_eq!(content("«Nous verrons», a-t-il dit."), ["Nous verrons"]);
    }

    #[test]
    fn running_quotation_is_one_quote() {
        let q = quotes_of("“First paragraph of the quote.\n“Second and last,” she said.");
        assert_eq!(q.len(), 1);
        assert!(q[0].1 && q[0].2);
        assert!(q[0].0.as_ref().unwrap().starts_with("First") && q[0].0.as_ref().unwrap().ends_with("last,"));
    }

    #[test]
    fn a_running_quotation_in_typewriter_doubles() {
        let q = quotes_of(
            "''We will rebuild,'' Ms. Ruiz said. ''It will take a year.\n''And it will cost more than anyone thinks.''",
        );
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|(_, open, close)| *open && *close), "{q:?}");
    }

    #[test]
    fn heights_and_markup_are_not_quotations() {
        let q = quotes_of("“He is like 6’2”, and I am not,” Ruiz said.");
        assert_eq!(q, [(Some("He is like 6’2”, and I am not,".into()), true, true)]);
        let q = quotes_of("See <a href=”https://example.org/tull” target=”_blank”>the “ferry” page</a>.");
        assert_eq!(q, [(Some("ferry".into()), true, true)]);
        // A "<" before a space is prose.
        let q = quotes_of("If x < 5 then “the ferry waits,” Ruiz said.");
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn unclosed_and_unopened_marks() {
        let q = quotes_of("“Never closed here.\nNext paragraph, no mark.\nNever opened,” he said.");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0], (Some("Never closed here.".into()), true, false));
        assert_eq!(q[1], (Some("Never opened,".into()), false, true));
    }
}
