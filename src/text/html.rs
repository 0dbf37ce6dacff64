//! HTML articles: the prose of an HTML5 file, from a WHATWG tokenizer.
//!
//! [html5gum] tokenizes the file as browsers do (character references,
//! raw-text elements such as `<script>`, comments, broken markup) and reports
//! the reader's byte position as it goes. Each piece of text it emits is
//! either a copy of the bytes just read, or the decoding of a character
//! reference (or a normalised line ending) that replaced them. The analysis
//! text is built from those pieces, tags removed, with a paragraph break
//! between blocks; an [`OffsetMap`] records where every piece came from, so a
//! span found in the analysis text maps back to exact bytes of the file.
//!
//! What is prose comes from the markup: paragraphs, headings, list items,
//! quotations, table cells and other blocks; not scripts, styles, templates,
//! navigation, figures and their captions, forms, embedded media, comments,
//! elements marked `hidden` or `aria-hidden="true"`, nor picture credits
//! (an element whose class names a credit). When the page marks its content
//! with `<article>` or `<main>`, text outside them (site header, footer,
//! sidebars) is not read either. `<br>` is a line break and `<q>` reads as
//! the quotation marks a browser shows for it.
//!
//! Blocks take their kind from the markup: `h1`–`h6` are headings, an
//! `<aside>` a list of links, a `<footer>` boilerplate, an `<address>` the
//! byline, and an element whose class names a part of a story ("byline",
//! "author", "dek", "standfirst", "caption", "related") that part.

use super::offsets::OffsetMap;
use super::prose::{Block, BlockKind, Prose};
use crate::Span;
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Tokenizer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::convert::Infallible;
use std::rc::Rc;

/// Elements whose content is never prose.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "title",
    "nav",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
    "audio",
    "video",
    "picture",
    "map",
];

/// Elements that start and end a block of prose.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// What the tokenizer reported, in the order of the file.
#[derive(Debug)]
enum Event {
    /// Text emitted with the reader at `end` (an offset into the tokenized input).
    Text {
        end: usize,
        bytes: Vec<u8>,
    },
    StartTag {
        name: String,
        span: Span,
        attributes: Vec<(String, String)>,
        self_closing: bool,
    },
    EndTag {
        name: String,
        span: Span,
    },
    /// A comment or doctype: markup to step over.
    Other {
        end: usize,
    },
}

type Log = Rc<RefCell<Vec<Event>>>;

/// The callback emitter of html5gum, with every piece of text logged at the
/// reader position where it was emitted (the callback only sees whole text
/// runs, which hides where references were).
struct PositionedEmitter<F: Callback<Infallible, usize>> {
    inner: CallbackEmitter<F, Infallible, usize>,
    position: usize,
    log: Log,
}

impl<F: Callback<Infallible, usize>> ForwardingEmitter for PositionedEmitter<F> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        self.inner.move_position(offset);
    }

    fn emit_string(&mut self, s: &[u8]) {
        self.log.borrow_mut().push(Event::Text {
            end: self.position,
            bytes: s.to_vec(),
        });
        self.inner.emit_string(s);
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

/// Every token of `input` as an [`Event`], offsets relative to `input`.
fn events(input: &str) -> Vec<Event> {
    let log: Log = Rc::default();
    let callback_log = Rc::clone(&log);
    let callback = move |event: CallbackEvent<'_>, span: html5gum::Span<usize>| -> Option<Infallible> {
        let mut log = callback_log.borrow_mut();
        match event {
            CallbackEvent::OpenStartTag { name } => log.push(Event::StartTag {
                name: lossy(name),
                span: Span::new(span.start, span.end),
                attributes: Vec::new(),
                self_closing: false,
            }),
            CallbackEvent::AttributeName { name } => {
                if let Some(Event::StartTag { attributes, .. }) = log.last_mut() {
                    attributes.push((lossy(name), String::new()));
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(Event::StartTag { attributes, .. }) = log.last_mut() {
                    if let Some(last) = attributes.last_mut() {
                        last.1 = String::from_utf8_lossy(value).into_owned();
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing: closed } => {
                if let Some(Event::StartTag {
                    span: tag,
                    self_closing,
                    ..
                }) = log.last_mut()
                {
                    tag.end = span.end;
                    *self_closing = closed;
                }
            }
            CallbackEvent::EndTag { name } => log.push(Event::EndTag {
                name: lossy(name),
                span: Span::new(span.start, span.end),
            }),
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } => log.push(Event::Other { end: span.end }),
            CallbackEvent::String { .. } | CallbackEvent::Error(_) => {}
        }
        None
    };
    let mut inner = CallbackEmitter::new(callback);
    // Raw text in <script>, <style>, <title>, <textarea> as browsers read it.
    inner.naively_switch_states(true);
    let emitter = PositionedEmitter {
        inner,
        position: 0,
        log: Rc::clone(&log),
    };
    // Running the tokenizer to the end fills the log; it yields no tokens
    // (the callback returns none) and a string reader cannot fail.
    Tokenizer::new_with_emitter(input, emitter).for_each(drop);
    log.take()
}

/// How many double-quoted attributes in a row html5gum may read before
/// [`break_attribute_runs`] makes it stop and return: a few kilobytes of stack
/// in a release build, about 0.5 MB in a debug build (a thread's stack is
/// 2 MB). Real tags have a few dozen attributes at most.
const ATTRIBUTE_RUN_LIMIT: usize = 64;

/// The input as the tokenizer should read it: the same bytes, except inside a
/// tag with an absurd run of double-quoted attributes.
///
/// html5gum 0.9 reads `a="1" b="2" c="3" …` by calling each next state
/// directly from the last, and those calls return only when the run ends, so
/// one tag with a few hundred thousand such attributes (a few megabytes)
/// overflows the stack. Every [`ATTRIBUTE_RUN_LIMIT`]th attribute of such a
/// run, the whitespace byte before its name becomes `/`: the tokenizer then
/// goes through its self-closing-tag state, which ends the chain of calls,
/// and reads the same attributes (a `/` not followed by `>` is a parse error
/// that changes nothing). The length is kept, so every offset holds.
///
/// A run is recognised by its shape: a closing `"`, whitespace, a name, `=`,
/// optional whitespace, and a quoted value. Prose almost never has hundreds
/// of those in a row; if it did, a space of it would read as `/`.
fn break_attribute_runs(input: &str) -> Cow<'_, str> {
    let bytes = input.as_bytes();
    let mut breaks = Vec::new();
    let mut run = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'"', &bytes[at..]) {
        let quote = at + found;
        at = quote + 1;
        match attribute_after(bytes, quote) {
            Some(value_end) => {
                run += 1;
                if run % ATTRIBUTE_RUN_LIMIT == 0 {
                    breaks.push(quote + 1);
                }
                // The value's closing quote may start the next link.
                at = value_end;
            }
            None => run = 0,
        }
    }
    if breaks.is_empty() {
        return Cow::Borrowed(input);
    }
    let mut broken = bytes.to_vec();
    for i in breaks {
        broken[i] = b'/';
    }
    // Only ASCII whitespace bytes were replaced, by an ASCII byte.
    Cow::Owned(String::from_utf8(broken).expect("ASCII replaced by ASCII"))
}

/// Whether `bytes[quote]`, taken for the closing quote of an attribute value,
/// is followed by another double-quoted attribute (`" name="value"`): the
/// offset of that value's closing quote. Each byte is looked at a bounded
/// number of times over a whole scan: the name stops at whitespace, which a
/// later candidate needs before its own name.
fn attribute_after(bytes: &[u8], quote: usize) -> Option<usize> {
    let is_space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut i = quote + 1;
    while i < bytes.len() && is_space(bytes[i]) {
        i += 1;
    }
    if i == quote + 1 {
        return None;
    }
    let name_start = i;
    while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
        i += 1;
    }
    if i == name_start || bytes.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < bytes.len() && is_space(bytes[i]) {
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    memchr::memchr(b'"', &bytes[i + 1..]).map(|n| i + 1 + n)
}

/// Whether an element's attributes take it out of the prose.
fn hidden_by_attributes(attributes: &[(String, String)]) -> bool {
    attributes.iter().any(|(name, value)| match name.as_str() {
        "hidden" => true,
        "aria-hidden" => value.eq_ignore_ascii_case("true"),
        // Picture and photo credits set apart by class ("credit", "photo-credit").
        "class" => value
            .split_ascii_whitespace()
            .any(|c| c.to_ascii_lowercase().contains("credit")),
        _ => false,
    })
}

/// The open elements whose content is skipped, innermost last, as browsers
/// nest them: an end tag closes its nearest open namesake and everything
/// opened inside it. How many of each name are open is counted too, so an end
/// tag with no open namesake (`</p>` inside a `<nav>`) is dismissed at once
/// rather than by a search of the whole stack: a page of thousands of nested
/// `<nav>` and stray end tags would otherwise take time quadratic in its length.
#[derive(Debug, Default)]
struct SkippedElements {
    stack: Vec<String>,
    open_by_name: HashMap<String, usize>,
}

impl SkippedElements {
    fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    fn open(&mut self, name: &str) {
        *self.open_by_name.entry(name.to_string()).or_default() += 1;
        self.stack.push(name.to_string());
    }

    /// Close the nearest open element called `name` and those inside it;
    /// false when none is open.
    fn close(&mut self, name: &str) -> bool {
        if self.open_by_name.get(name).is_none_or(|&n| n == 0) {
            return false;
        }
        // Found, and every element searched past is closed with it, so the
        // search costs no more than the pushes that preceded it.
        let Some(at) = self.stack.iter().rposition(|s| s == name) else {
            return false;
        };
        for closed in self.stack.drain(at..) {
            if let Some(n) = self.open_by_name.get_mut(&closed) {
                *n -= 1;
            }
        }
        true
    }
}

/// The analysis text being built and its map.
struct Builder<'s> {
    source: &'s str,
    text: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    /// Where the open block began in the analysis text.
    block_start: usize,
    heading_depth: usize,
    /// Open elements whose content is skipped.
    skipped: SkippedElements,
    /// The page marks its content with `<article>` or `<main>`: text outside
    /// them (site header, footer, sidebars) is not the article's.
    content_marked: bool,
    /// How many `<article>`/`<main>` elements are open.
    content_depth: usize,
    /// Open elements that give their blocks a kind (`<footer>`, a byline's
    /// class, …), innermost last: the name, the kind, and how many elements
    /// of the same name are open inside it.
    structure: Vec<(String, BlockKind, usize)>,
}

/// The kind an element gives the blocks inside it: from its name
/// (`<aside>` a sidebar of links, `<footer>` boilerplate, `<address>` the
/// author) or from a class naming a part of a story ("byline", "dek",
/// "standfirst", "caption", "related", "dateline").
fn structure_kind(name: &str, attributes: &[(String, String)]) -> Option<BlockKind> {
    let by_name = match name {
        "aside" => Some(BlockKind::LinkList),
        "footer" => Some(BlockKind::Boilerplate),
        "address" => Some(BlockKind::Byline),
        _ => None,
    };
    let by_class = attributes
        .iter()
        .filter(|(attribute, _)| attribute == "class")
        .flat_map(|(_, value)| value.split_ascii_whitespace())
        .find_map(|class| {
            let class = class.to_ascii_lowercase();
            let has = |part: &str| class.split(['-', '_']).any(|p| p == part);
            if has("byline") || has("author") {
                Some(BlockKind::Byline)
            } else if has("dek") || has("deck") || has("standfirst") || has("subheadline") {
                Some(BlockKind::Standfirst)
            } else if has("caption") {
                Some(BlockKind::Caption)
            } else if has("related") {
                Some(BlockKind::LinkList)
            } else {
                None
            }
        });
    by_class.or(by_name)
}

impl Builder<'_> {
    fn push_copied(&mut self, source: Span) {
        let analysis = self.text.len();
        self.text.push_str(source.slice(self.source));
        self.map.push_copied(analysis, source.start, source.len());
    }

    fn push_replaced(&mut self, text: &str, source: Span) {
        let analysis = self.text.len();
        self.text.push_str(text);
        self.map.push_replaced(analysis, text.len(), source);
    }

    /// Close the open block (if it holds any text) and open the next at `at`.
    fn break_block(&mut self, at: usize) {
        let raw = &self.text[self.block_start..];
        let trimmed_start = raw.trim_start();
        let start = self.block_start + (raw.len() - trimmed_start.len());
        let end = start + trimmed_start.trim_end().len();
        if end > start {
            let kind = if self.heading_depth > 0 {
                BlockKind::Heading
            } else {
                self.structure.last().map_or(BlockKind::Body, |&(_, kind, _)| kind)
            };
            self.blocks.push(Block {
                span: Span::new(start, end),
                kind,
            });
            self.push_replaced("\n\n", Span::empty(at));
        }
        self.block_start = self.text.len();
    }

    /// A piece of text the tokenizer emitted for the source bytes `raw`.
    fn text(&mut self, raw: Span, decoded: &[u8]) {
        let outside_content = self.content_marked && self.content_depth == 0;
        if !self.skipped.is_empty() || outside_content || decoded.is_empty() {
            return;
        }
        let raw_bytes = raw.slice(self.source).as_bytes();
        if raw_bytes == decoded {
            self.push_copied(raw);
            return;
        }
        // The reader skipped a byte before the text: the LF of a CRLF whose
        // CR was emitted as a line feed.
        if raw_bytes.first() == Some(&b'\n') && &raw_bytes[1..] == decoded {
            self.push_copied(Span::new(raw.end - decoded.len(), raw.end));
            return;
        }
        // A character reference, a CR line ending or a NUL: the decoded text
        // stands for the whole raw range. No-break spaces read as spaces.
        let decoded = String::from_utf8_lossy(decoded).replace('\u{a0}', " ");
        self.push_replaced(&decoded, raw);
    }

    fn start_tag(&mut self, name: &str, span: Span, attributes: &[(String, String)], self_closing: bool) {
        let void = VOID.contains(&name) || self_closing;
        if !self.skipped.is_empty() {
            if !void && (SKIPPED.contains(&name) || hidden_by_attributes(attributes)) {
                self.skipped.open(name);
            }
            return;
        }
        if BLOCKS.contains(&name) {
            self.break_block(span.start);
        }
        if !void && (SKIPPED.contains(&name) || hidden_by_attributes(attributes)) {
            self.skipped.open(name);
            return;
        }
        if !void {
            // A paragraph or list item ends where the next begins (the end
            // tag may be left out), so it never nests in its namesake.
            let implied_end = matches!(name, "p" | "li" | "dt" | "dd");
            if implied_end && self.structure.last().is_some_and(|(open, _, _)| open == name) {
                self.structure.pop();
            }
            if let Some(kind) = structure_kind(name, attributes) {
                self.structure.push((name.to_string(), kind, 0));
            } else if let Some((_, _, nested)) = self.structure.last_mut().filter(|(open, _, _)| open == name) {
                *nested += 1;
            }
        }
        match name {
            _ if HEADINGS.contains(&name) => self.heading_depth += 1,
            "article" | "main" => self.content_depth += 1,
            "br" => self.push_replaced("\n", span),
            "q" => self.push_replaced("“", span),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str, span: Span) {
        if self.skipped.close(name) {
            return;
        }
        if !self.skipped.is_empty() {
            return;
        }
        let closes_structure = match self.structure.last_mut() {
            Some((open, _, nested)) if open == name => {
                if *nested == 0 {
                    true
                } else {
                    *nested -= 1;
                    false
                }
            }
            _ => false,
        };
        if closes_structure {
            self.break_block(span.start);
            self.structure.pop();
        }
        match name {
            _ if HEADINGS.contains(&name) => {
                self.break_block(span.start);
                self.heading_depth = self.heading_depth.saturating_sub(1);
            }
            "article" | "main" => {
                self.break_block(span.start);
                self.content_depth = self.content_depth.saturating_sub(1);
            }
            _ if BLOCKS.contains(&name) => self.break_block(span.start),
            "q" => self.push_replaced("”", span),
            _ => {}
        }
    }
}

/// The prose of an HTML file.
pub fn html(source: &str) -> Prose<'_> {
    // A byte-order mark is not text; the tokenizer starts after it.
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut builder = Builder {
        source,
        text: String::with_capacity(source.len() / 2),
        map: OffsetMap::identity(),
        blocks: Vec::new(),
        block_start: 0,
        heading_depth: 0,
        skipped: SkippedElements::default(),
        content_marked: false,
        content_depth: 0,
        structure: Vec::new(),
    };
    let events = events(&break_attribute_runs(&source[base..]));
    builder.content_marked = events
        .iter()
        .any(|e| matches!(e, Event::StartTag { name, .. } if name == "article" || name == "main"));
    // The tokenizer reads bytes, and where it looks ahead (an `&` followed by
    // a character that cannot start a reference, such as `&“`) the position
    // it reports can fall inside a multi-byte character. Every position is
    // taken back to the character's start: the text emitted so far ends there.
    let at = |offset: usize| {
        let mut offset = (base + offset).min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    // The end of the last thing read: where the next text piece starts.
    let mut cursor = base;
    // Text emitted in pieces that split a character (`&Ø` comes as `&` and
    // the first byte of `Ø`, then its second byte), held until it is whole.
    let mut pending: Vec<u8> = Vec::new();
    let mut pending_end = base;
    for event in events {
        if !matches!(event, Event::Text { .. }) && !pending.is_empty() {
            let end = pending_end.max(cursor);
            builder.text(Span::new(cursor, end), &std::mem::take(&mut pending));
            cursor = end;
        }
        match event {
            Event::Text { end, bytes } => {
                pending.extend_from_slice(&bytes);
                pending_end = at(end);
                let split = matches!(std::str::from_utf8(&pending), Err(e) if e.error_len().is_none());
                if !split {
                    let end = pending_end.max(cursor);
                    builder.text(Span::new(cursor, end), &std::mem::take(&mut pending));
                    cursor = end;
                }
            }
            Event::StartTag {
                name,
                span,
                attributes,
                self_closing,
            } => {
                let span = Span::new(at(span.start), at(span.end));
                builder.start_tag(&name, span, &attributes, self_closing);
                cursor = cursor.max(span.end);
            }
            Event::EndTag { name, span } => {
                let span = Span::new(at(span.start), at(span.end));
                builder.end_tag(&name, span);
                cursor = cursor.max(span.end);
            }
            Event::Other { end } => cursor = cursor.max(at(end)),
        }
    }
    if !pending.is_empty() {
        let end = pending_end.max(cursor);
        builder.text(Span::new(cursor, end), &pending);
    }
    builder.break_block(source.len());
    Prose {
        text: Cow::Owned(builder.text),
        blocks: builder.blocks,
        offsets: builder.map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks of `html` as text, and as the source text they map to.
    fn blocks(source: &str) -> Vec<(BlockKind, String, String)> {
        let prose = html(source);
        prose
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    b.span.slice(&prose.text).to_string(),
                    prose.offsets.span(b.span).slice(source).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_tag_with_a_huge_run_of_attributes_reads_as_it_would_without_the_breaks() {
        // Enough double-quoted attributes to overflow the stack without the breaks;
        // the last one still hides the element.
        let attributes: String = (0..100_000).map(|i| format!(" data-n{i}=\"{i}\"")).collect();
        let page =
            format!("<p>Kept.</p><div{attributes} class=\"photo-credit\">Photo: Ada Quill</div><p>Also kept.</p>");
        let prose = html(&page);
        let texts: Vec<&str> = prose.blocks.iter().map(|b| b.span.slice(&prose.text)).collect();
        assert_eq!(texts, ["Kept.", "Also kept."]);
        assert!(matches!(break_attribute_runs(&page), Cow::Owned(_)));
        // An ordinary page, and prose with quotes, are read untouched.
        for ordinary in [
            "<p class=\"lead\" id=\"x\">“Yes,” she said.</p>",
            "<p>He said \"no\" and she said \"yes\" = \"fine\".</p>",
        ] {
            assert!(matches!(break_attribute_runs(ordinary), Cow::Borrowed(_)));
        }
    }

    /// Found by the property tests: an `&` before a multi-byte character made
    /// the tokenizer report a position inside that character, and slicing the
    /// file there panicked.
    #[test]
    fn an_ampersand_before_a_multi_byte_character() {
        for page in [
            "&\u{c55}",
            "Ola Brenn &ldquo;“ ",
            "<p>R&Ø said “yes” &— </p>",
            "&#“x",
            "&#x“",
        ] {
            let prose = html(page);
            for block in &prose.blocks {
                let text = block.span.slice(&prose.text);
                let source = prose.offsets.span(block.span).slice(page);
                assert!(!text.is_empty() && !source.is_empty(), "{page:?}");
            }
        }
        let prose = html("<p>R&Ø said “yes”.</p>");
        assert_eq!(prose.blocks[0].span.slice(&prose.text), "R&Ø said “yes”.");
    }

    #[test]
    fn stray_end_tags_inside_deeply_nested_skipped_elements() {
        let depth = 50_000;
        let page = format!(
            "<p>Kept.</p>{}{}{}<p>Also kept.</p>",
            "<nav>".repeat(depth),
            "</p>".repeat(depth),
            "</nav>".repeat(depth)
        );
        let prose = html(&page);
        let texts: Vec<&str> = prose.blocks.iter().map(|b| b.span.slice(&prose.text)).collect();
        assert_eq!(texts, ["Kept.", "Also kept."]);
    }

    #[test]
    fn paragraphs_and_headings_come_from_the_markup() {
        let source = "<h1>Ferry fares rise</h1>\n<p>The council met.</p><p>It voted <em>twice</em>.</p>";
        let b = blocks(source);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].0, BlockKind::Heading);
        assert_eq!(b[0].1, "Ferry fares rise");
        assert_eq!(b[2].1, "It voted twice.");
        assert_eq!(b[2].2, "It voted <em>twice</em>.");
    }

    #[test]
    fn story_parts_take_their_kind_from_tags_and_classes() {
        let b = blocks(concat!(
            "<article><h1>Tull Ferry Runs</h1><p class=\"dek\">The board backs a winter timetable.</p>",
            "<div class=\"article-byline\"><div>By Jane Doe</div></div>",
            "<p>The ferry will run all winter, Mayor Ines Corbo said.</p>",
            "<aside><p>Ferry fares frozen</p></aside><footer><p>Copyright Kestrel Herald</p></footer>",
            "<p class=\"wp-caption-text\">The ferry at Tull.<p>More copy.</p></article>"
        ));
        let kinds: Vec<(BlockKind, &str)> = b.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading, "Tull Ferry Runs"),
                (BlockKind::Standfirst, "The board backs a winter timetable."),
                (BlockKind::Byline, "By Jane Doe"),
                (BlockKind::Body, "The ferry will run all winter, Mayor Ines Corbo said."),
                (BlockKind::LinkList, "Ferry fares frozen"),
                (BlockKind::Boilerplate, "Copyright Kestrel Herald"),
                (BlockKind::Caption, "The ferry at Tull."),
                (BlockKind::Body, "More copy."),
            ]
        );
    }

    #[test]
    fn references_decode_and_map_to_their_bytes() {
        let source = "<p>&ldquo;We don&rsquo;t,&rdquo; said Ana Garc&iacute;a &amp; co.</p>";
        let prose = html(source);
        assert_eq!(
            prose.blocks[0].span.slice(&prose.text),
            "“We don’t,” said Ana García & co."
        );
        let name_at = prose.text.find("Ana García").unwrap();
        let name = Span::new(name_at, name_at + "Ana García".len());
        assert_eq!(prose.offsets.span(name).slice(source), "Ana Garc&iacute;a");
        let dont_at = prose.text.find("don’t").unwrap();
        let dont = Span::new(dont_at, dont_at + "don’t".len());
        assert_eq!(prose.offsets.span(dont).slice(source), "don&rsquo;t");
    }

    #[test]
    fn scripts_styles_navigation_credits_and_comments_are_not_prose() {
        let source = concat!(
            "<!doctype html><html><head><title>said</title><style>p{}</style>",
            "<script>if (a < b) { said(); }</script></head><body>",
            "<nav><a href=/>Home said</a></nav><!-- she said -->",
            "<figure><img src=x.jpg><figcaption>Photo said</figcaption></figure>",
            "<p>Prose here.<span class=\"photo-credit\">said credit</span></p>",
            "<p hidden>said hidden</p></body></html>"
        );
        let prose = html(source);
        assert!(!prose.text.contains("said"), "{:?}", prose.text);
        assert_eq!(prose.blocks.len(), 1);
    }

    #[test]
    fn only_the_article_when_the_page_marks_it() {
        let page = "<body><p>Subscribe, experts say.</p><main><p>The council met.</p></main>\
                    <footer><p>All rights reserved.</p></footer></body>";
        let texts: Vec<String> = blocks(page).into_iter().map(|b| b.1).collect();
        assert_eq!(texts, ["The council met."]);
        // Without <article> or <main>, the whole body is read.
        assert_eq!(blocks("<body><p>One.</p><footer><p>Two.</p></footer></body>").len(), 2);
    }

    #[test]
    fn line_breaks_and_inline_quotes() {
        let source = "<p>One<br>two <q>yes</q> she said</p>";
        let prose = html(source);
        assert_eq!(prose.blocks[0].span.slice(&prose.text), "One\ntwo “yes” she said");
        let open = prose.text.find('“').unwrap();
        assert_eq!(prose.offsets.span(Span::new(open, open + 3)).slice(source), "<q>");
    }

    #[test]
    fn implied_paragraph_ends_still_break_blocks() {
        let b = blocks("<p>First one.<p>Second one.<ul><li>a<li>b</ul>");
        let texts: Vec<&str> = b.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(texts, ["First one.", "Second one.", "a", "b"]);
    }

    #[test]
    fn every_analysis_span_maps_inside_the_source() {
        let pages = [
            "<p>AT&T &amp;amp; &nosuch; &copy2026 &#x2019;&#8217;&#0; caf&eacute;s</p>",
            "<p>a\rb\r\nc\0d <b>e</b>f<br/>g</p><p>&NotEqualTilde; &nGt; done",
            "<div>x<script>y</script>z<!-- c -->w</div><textarea>&amp;</textarea>",
            "<p>unclosed <nav>gone",
        ];
        for source in pages {
            let prose = html(source);
            let text = &prose.text;
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut previous = Span::empty(0);
            for &i in &bounds {
                for &j in bounds.iter().filter(|&&j| j >= i) {
                    let mapped = prose.offsets.span(Span::new(i, j));
                    assert!(
                        source.get(mapped.range()).is_some(),
                        "{source:?}: {i}..{j} -> {mapped:?}"
                    );
                    if j == i {
                        assert!(mapped.start >= previous.start, "monotone");
                        previous = mapped;
                    }
                }
            }
        }
        let prose = html(pages[0]);
        assert!(
            prose.text.starts_with("AT&T &amp; &nosuch; ©2026 ’’"),
            "{:?}",
            prose.text
        );
    }

    #[test]
    fn crlf_and_bom_keep_offsets() {
        let source = "\u{feff}<p>One\r\ntwo.</p>";
        let prose = html(source);
        let two = prose.text.find("two").unwrap();
        assert_eq!(prose.offsets.span(Span::new(two, two + 4)).slice(source), "two.");
        let whole = prose.offsets.span(prose.blocks[0].span);
        assert_eq!(whole.slice(source), "One\r\ntwo.");
    }
}
