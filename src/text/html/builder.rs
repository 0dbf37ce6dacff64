//! The analysis text being built from the tokenizer's events: text copied or
//! decoded into it with its offset map, a block closed at each block
//! boundary with the kind its elements give it, skipped content left out.

use super::elements::{hidden_by_attributes, structure_kind, SkippedElements, BLOCKS, HEADINGS, SKIPPED, VOID};
use crate::text::offsets::OffsetMap;
use crate::text::prose::{Block, BlockKind};
use crate::Span;

/// The analysis text being built and its map.
pub(super) struct Builder<'s> {
    pub(super) source: &'s str,
    pub(super) text: String,
    pub(super) map: OffsetMap,
    pub(super) blocks: Vec<Block>,
    /// Where the open block began in the analysis text.
    pub(super) block_start: usize,
    pub(super) heading_depth: usize,
    /// Open elements whose content is skipped.
    pub(super) skipped: SkippedElements,
    /// The page marks its content with `<article>` or `<main>`: text outside
    /// them (site header, footer, sidebars) is not the article's.
    pub(super) content_marked: bool,
    /// How many `<article>`/`<main>` elements are open.
    pub(super) content_depth: usize,
    /// Open elements that give their blocks a kind (`<footer>`, a byline's
    /// class, …), innermost last: the name, the kind, and how many elements
    /// of the same name are open inside it.
    pub(super) structure: Vec<(String, BlockKind, usize)>,
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
    pub(super) fn break_block(&mut self, at: usize) {
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
    pub(super) fn text(&mut self, raw: Span, decoded: &[u8]) {
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

    pub(super) fn start_tag(&mut self, name: &str, span: Span, attributes: &[(String, String)], self_closing: bool) {
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

    pub(super) fn end_tag(&mut self, name: &str, span: Span) {
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

#[cfg(test)]
mod tests {
    use crate::text::html::html;
    use crate::text::html::test_support::blocks;
    use crate::text::prose::BlockKind;
    use crate::Span;

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
}
