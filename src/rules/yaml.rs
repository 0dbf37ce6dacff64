//! A YAML tree with the byte offset of every node, for pointing diagnostics at
//! keys and values. serde_yaml only reports positions for parse errors; this
//! tree is read alongside it (the values themselves come from serde).

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A node of the tree and where it starts in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Byte offset of the node's first character.
    pub offset: usize,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// An alias (`*name`) or anything else without structure of its own.
    Other,
}

/// One step of a path into the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

impl Node {
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The key node of `key` in a mapping.
    pub fn key(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(k, _)| k)
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v)
    }

    /// The node at a path.
    pub fn at(&self, path: &[Seg<'_>]) -> Option<&Node> {
        path.iter().try_fold(self, |node, seg| match *seg {
            Seg::Key(k) => node.get(k),
            Seg::Index(i) => node.items().get(i),
        })
    }

    /// The offset of the deepest node found along a path: the value when the
    /// whole path exists, else the nearest ancestor that does.
    pub fn offset_of(&self, path: &[Seg<'_>]) -> usize {
        let mut node = self;
        for seg in path {
            let next = match *seg {
                Seg::Key(k) => node.get(k),
                Seg::Index(i) => node.items().get(i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.offset
    }
}

/// A YAML syntax error: message and byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub offset: usize,
}

/// How deeply collections may nest. serde_yaml, which reads the values,
/// stops at the same depth; the limit also keeps the tree (whose drop is
/// recursive) far from the stack's end.
pub const MAX_DEPTH: usize = 128;

/// Parse the first document of a YAML text. An empty text gives an empty mapping.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    check_depth(text)?;
    let mut builder = Builder {
        offsets: Offsets::new(text),
        stack: Vec::new(),
        root: None,
        skipped_depth: 0,
        too_deep: None,
    };
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| SyntaxError {
        message: e.info().to_string(),
        offset: builder.offsets.of(e.marker()),
    })?;
    if let Some(offset) = builder.too_deep {
        return Err(SyntaxError {
            message: format!("collections nested more than {MAX_DEPTH} levels deep"),
            offset,
        });
    }
    Ok(builder.root.unwrap_or(Node {
        offset: 0,
        kind: NodeKind::Map(Vec::new()),
    }))
}

/// The deepest indentation (spaces and block indicators `- ? :` at the start
/// of a line) accepted: every nested block collection indents further, so
/// this bounds block nesting, which yaml-rust2 loads recursively.
pub const MAX_INDENT: usize = 1024;

/// Refuse nesting too deep to parse safely, before any YAML parser sees the
/// text. Flow collections (`[`, `{`) deeper than [`MAX_DEPTH`]: libyaml,
/// under serde_yaml, takes time quadratic in the flow depth (100,000 `[`
/// take minutes) and reads the whole document before serde_yaml's own depth
/// limit applies; the count is of brackets anywhere, quoted or not, so it can
/// only overcount. Block nesting, through lines indented more than
/// [`MAX_INDENT`] columns. No rule file comes near either limit.
pub fn check_depth(text: &str) -> Result<(), SyntaxError> {
    let too_deep = |offset| SyntaxError {
        message: format!("collections nested more than {MAX_DEPTH} levels deep"),
        offset,
    };
    let mut depth = 0usize;
    let mut line_start = true;
    let mut indent = 0usize;
    for (offset, byte) in text.bytes().enumerate() {
        if line_start {
            if matches!(byte, b' ' | b'\t' | b'-' | b'?' | b':') {
                indent += 1;
                if indent > MAX_INDENT {
                    return Err(too_deep(offset));
                }
            } else {
                line_start = false;
            }
        }
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(offset));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line_start = true;
                indent = 0;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Turns parser markers (line, column) into byte offsets.
struct Offsets<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Offsets { text, line_starts }
    }

    fn of(&self, mark: &Marker) -> usize {
        let line = mark.line().saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(mark.col())
            .map_or(self.text.len(), |(i, _)| start + i)
    }
}

/// A container being filled: its node and, for a mapping, a key waiting for its value.
struct Open {
    node: Node,
    pending_key: Option<Node>,
}

struct Builder<'t> {
    offsets: Offsets<'t>,
    stack: Vec<Open>,
    root: Option<Node>,
    /// How many collections deeper than [`MAX_DEPTH`] are open (not built).
    skipped_depth: usize,
    /// Where the first collection too deep to build starts.
    too_deep: Option<usize>,
}

impl Builder<'_> {
    fn push_value(&mut self, node: Node) {
        let Some(top) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut top.node.kind {
            NodeKind::Seq(items) => items.push(node),
            NodeKind::Map(entries) => match top.pending_key.take() {
                None => top.pending_key = Some(node),
                Some(key) => entries.push((key, node)),
            },
            _ => {}
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let offset = self.offsets.of(&mark);
        if self.skipped_depth > 0 || (self.stack.len() >= MAX_DEPTH && is_collection_start(&event)) {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    self.skipped_depth += 1;
                    self.too_deep.get_or_insert(offset);
                }
                Event::SequenceEnd | Event::MappingEnd => self.skipped_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Scalar(value, ..) => self.push_value(Node {
                offset,
                kind: NodeKind::Scalar(value),
            }),
            Event::Alias(_) => self.push_value(Node {
                offset,
                kind: NodeKind::Other,
            }),
            Event::SequenceStart(..) => self.stack.push(Open {
                node: Node {
                    offset,
                    kind: NodeKind::Seq(Vec::new()),
                },
                pending_key: None,
            }),
            Event::MappingStart(..) => self.stack.push(Open {
                node: Node {
                    offset,
                    kind: NodeKind::Map(Vec::new()),
                },
                pending_key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(mut open) = self.stack.pop() {
                    // A block mapping's start mark lies after its first key.
                    if let Some((key, _)) = open.node.entries().first() {
                        open.node.offset = open.node.offset.min(key.offset);
                    }
                    self.push_value(open.node);
                }
            }
            _ => {}
        }
    }
}

fn is_collection_start(event: &Event) -> bool {
    matches!(event, Event::SequenceStart(..) | Event::MappingStart(..))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        (
            before.matches('\n').count() + 1,
            before.rsplit('\n').next().unwrap().chars().count() + 1,
        )
    }

    #[test]
    fn offsets_of_keys_and_values() {
        let text = "a: 1\nchecks:\n  vague-source: warning\nlist: [x, “y”, z]\nseq:\n  - name: Åsa\n    role: r\n";
        let root = parse(text).unwrap();
        assert_eq!(pos(text, root.key("checks").unwrap().offset), (2, 1));
        let v = root.at(&[Seg::Key("checks"), Seg::Key("vague-source")]).unwrap();
        assert_eq!(pos(text, v.offset), (3, 17));
        let z = root.at(&[Seg::Key("list"), Seg::Index(2)]).unwrap();
        assert_eq!(z.scalar(), Some("z"));
        assert_eq!(pos(text, z.offset), (4, 16));
        let role = root.at(&[Seg::Key("seq"), Seg::Index(0), Seg::Key("role")]).unwrap();
        assert_eq!(pos(text, role.offset), (7, 11));
        assert_eq!(
            pos(text, root.at(&[Seg::Key("seq"), Seg::Index(0)]).unwrap().offset),
            (6, 5)
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let text = "a: 1\nb: [x, y\n";
        let err = parse(text).unwrap_err();
        assert!(err.offset > 5, "{err:?}");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error() {
        let deep_flow = format!("a: {}x{}\n", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        let err = parse(&deep_flow).unwrap_err();
        assert!(err.message.contains("nested"), "{err:?}");
        // Block nesting: refused by its indentation before yaml-rust2's
        // recursive loader sees it; below that, the tree stops at MAX_DEPTH.
        let deep_block = format!("{}x\n", "- ".repeat(100_000));
        let err = parse(&deep_block).unwrap_err();
        assert!(err.message.contains("nested"), "{err:?}");
        let deep_block = format!("{}x\n", "- ".repeat(MAX_INDENT / 2));
        let err = parse(&deep_block).unwrap_err();
        assert_eq!(err.offset, 2 * MAX_DEPTH);
        let at_limit = format!("{}x\n", "- ".repeat(MAX_DEPTH));
        assert!(parse(&at_limit).is_ok());
    }
}
