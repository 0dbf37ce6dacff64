//! What each element is: skipped (never prose), a block, void or a heading;
//! the attributes that hide one; the kind an element gives the blocks inside
//! it; and the skipped elements open at a point of the page.

use crate::text::prose::BlockKind;
use std::collections::HashMap;

/// Elements whose content is never prose.
pub(super) const SKIPPED: &[&str] = &[
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
pub(super) const BLOCKS: &[&str] = &[
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
pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

pub(super) const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Whether an element's attributes take it out of the prose.
pub(super) fn hidden_by_attributes(attributes: &[(String, String)]) -> bool {
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
pub(super) struct SkippedElements {
    stack: Vec<String>,
    open_by_name: HashMap<String, usize>,
}

impl SkippedElements {
    pub(super) fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    pub(super) fn open(&mut self, name: &str) {
        *self.open_by_name.entry(name.to_string()).or_default() += 1;
        self.stack.push(name.to_string());
    }

    /// Close the nearest open element called `name` and those inside it;
    /// false when none is open.
    pub(super) fn close(&mut self, name: &str) -> bool {
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

/// The kind an element gives the blocks inside it: from its name
/// (`<aside>` a sidebar of links, `<footer>` boilerplate, `<address>` the
/// author) or from a class naming a part of a story ("byline", "dek",
/// "standfirst", "caption", "related", "dateline").
pub(super) fn structure_kind(name: &str, attributes: &[(String, String)]) -> Option<BlockKind> {
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

#[cfg(test)]
mod tests {
    use crate::text::html::html;
    use crate::text::html::test_support::blocks;
    use crate::text::prose::BlockKind;

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
}
