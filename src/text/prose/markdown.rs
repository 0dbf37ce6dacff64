//! Markdown via pulldown-cmark: the prose of paragraphs, headings, list items
//! and table cells, everything else masked by spaces; the story's parts
//! (caption, link list, standfirst) from the markup.

use super::{Block, BlockKind, Prose};
use crate::text::offsets::OffsetMap;
use crate::text::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Markdown via pulldown-cmark: prose is the text of paragraphs, headings,
/// list items and table cells; code, HTML, link targets and front matter are masked.
pub(super) fn markdown(text: &str) -> Prose<'_> {
    let mut mask = vec![b' '; text.len()];
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        mask[i] = b'\n';
    }
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    // An open block: its kind, the extent of the prose seen inside it, and
    // whether all of that prose is emphasised, a link's text or an image's.
    struct Open {
        kind: BlockKind,
        extent: Option<Span>,
        all_emphasis: bool,
        all_link: bool,
        all_image: bool,
    }
    let open = |kind| Open {
        kind,
        extent: None,
        all_emphasis: true,
        all_link: true,
        all_image: true,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut skip_depth = 0usize; // inside code blocks and metadata
    let (mut emphasis, mut links, mut images) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => emphasis += 1,
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => stack.push(open(BlockKind::Body)),
            Event::Start(Tag::Heading { .. }) => stack.push(open(BlockKind::Heading)),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)) => {
                if let Some(block) = stack.pop() {
                    if let Some(span) = block.extent {
                        // The markup's parts of a story: an image's text (and the
                        // emphasised line under it) is its caption, a block of
                        // links alone a link list, an emphasised paragraph right
                        // under the headline the standfirst.
                        let after = blocks.last().map(|b| b.kind);
                        let kind = match block.kind {
                            BlockKind::Body if block.all_image => BlockKind::Caption,
                            BlockKind::Body if block.all_link => BlockKind::LinkList,
                            BlockKind::Body if block.all_emphasis && after == Some(BlockKind::Caption) => {
                                BlockKind::Caption
                            }
                            BlockKind::Body
                                if block.all_emphasis && blocks.len() == 1 && after == Some(BlockKind::Heading) =>
                            {
                                BlockKind::Standfirst
                            }
                            kind => kind,
                        };
                        blocks.push(Block { span, kind });
                    }
                }
            }
            Event::Text(_) if skip_depth == 0 => {
                // Copy the original bytes: the range covers exactly this text
                // (entities and escapes stay as written; offsets stay exact).
                mask[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
                if let Some(open) = stack.last_mut() {
                    let span = Span::from(range);
                    open.extent = Some(open.extent.map_or(span, |e| e.join(span)));
                    // Spaces between the parts do not count.
                    if !text[span.start..span.end].trim().is_empty() {
                        open.all_emphasis &= emphasis > 0;
                        open.all_link &= links > 0;
                        open.all_image &= images > 0;
                    }
                }
            }
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.span.start);
    // Only whole characters of the original were copied, every other byte is
    // ASCII, so the mask is valid UTF-8.
    let masked = String::from_utf8(mask).unwrap_or_default();
    Prose {
        text: Cow::Owned(masked),
        blocks,
        offsets: OffsetMap::identity(),
    }
}

#[cfg(test)]
mod tests {
    use crate::text::prose::test_support::prose_of;
    use crate::text::{BlockKind, InputFormat, Prose, SourceFile};

    #[test]
    fn markdown_story_parts_come_from_the_markup() {
        let text = concat!(
            "# Tull Ferry Runs All Winter\n\n*The board backs a winter timetable.*\n\n",
            "The ferry will run, Mayor Ines Corbo said. It is *certain*, she added.\n\n",
            "![The ferry at Tull](ferry.jpg)\n\n*The ferry leaves Tull at dawn. Photo: Ada Quill*\n\n",
            "- [Ferry fares frozen](fares.html)\n- [Board names chair](chair.html)\n\n",
            "*Fares stay as they are, the clerk said.*\n"
        );
        let (_, blocks) = prose_of(text, InputFormat::Markdown);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Heading, Standfirst, Body, Caption, Caption, LinkList, LinkList, Body]
        );
    }

    #[test]
    fn markdown_masks_code_links_and_comments() {
        let text = "---\ntitle: x\n---\n# Fares rise\n\nShe said [it](https://x.org/said) was *fine*.\n\n<!-- said -->\n\n```\nsaid\n```\n";
        let file = SourceFile::new("t.md", text, InputFormat::Markdown);
        let prose = Prose::of(&file);
        assert_eq!(prose.text.len(), text.len());
        assert_eq!(prose.text.matches("said").count(), 1);
        assert_eq!(prose.blocks.len(), 2);
        assert_eq!(prose.blocks[0].kind, BlockKind::Heading);
        assert_eq!(prose.blocks[0].span.slice(text), "Fares rise");
    }
}
