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
//!
//! This file holds [`html`], which runs the tokenizer and hands each event to
//! the builder at a position in the file. The rest is one file per concern:
//!
//! - `tokenizer`: html5gum's events, each text piece at the reader position
//!   where it was emitted;
//! - `attribute_runs`: the input made safe for the tokenizer's stack;
//! - `elements`: what each element is (skipped, a block, void, a heading),
//!   the kind it gives its blocks, and the skipped elements open;
//! - `builder`: the analysis text, its blocks and its offset map.

mod attribute_runs;
mod builder;
mod elements;
#[cfg(test)]
mod test_support;
mod tokenizer;

use super::offsets::OffsetMap;
use super::prose::Prose;
use crate::Span;
use attribute_runs::break_attribute_runs;
use builder::Builder;
use elements::SkippedElements;
use std::borrow::Cow;
use tokenizer::{events, Event};

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
