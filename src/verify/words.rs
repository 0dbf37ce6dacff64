//! Words as quote verification compares them, and the pattern a quotation
//! makes of them.
//!
//! Comparison is on words only: case is folded, curly and straight
//! apostrophes are one, and punctuation (quote marks, dashes of every style,
//! commas, end punctuation) is not compared at all. A word is a run of letters
//! and digits, with an apostrophe inside it ("don’t") and a point or comma
//! between digits ("3.5", "1,200"). A hyphen separates words, so "long-term"
//! and "long term" compare equal.

/// Whether `c` can be part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator over word ranges; see [`words`].
pub struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        // Skip to the next word character; ASCII punctuation and spaces are
        // skipped a byte at a time, anything else a character at a time.
        let mut i = self.at;
        loop {
            let &b = bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next()?;
                if is_word_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
        }
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = self.text[i..].chars().next().expect("in bounds");
                (c, c.len_utf8())
            };
            if is_word_char(c) {
                i += len;
                continue;
            }
            // An apostrophe between letters, or a point or comma between digits.
            let next = self.text[i + len..].chars().next();
            let joins = match next {
                Some(n) if is_apostrophe(c) => is_word_char(n),
                Some(n) if c == '.' || c == ',' => n.is_ascii_digit() && bytes[i - 1].is_ascii_digit(),
                _ => false,
            };
            if joins {
                i += len;
            } else {
                break;
            }
        }
        self.at = i;
        Some((start, i))
    }
}

/// The comparison key of a word: lower case, apostrophes straightened.
/// Written into `buf` (cleared first) so that looking words up allocates nothing.
pub fn key_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            if is_apostrophe(c) {
                buf.push('\'');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
    buf
}

/// The comparison key of a word, owned.
pub fn key(word: &str) -> String {
    let mut buf = String::new();
    key_into(word, &mut buf);
    buf
}

/// One element of a quotation as verification reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A word, with its byte range in the article.
    Word { start: usize, end: usize },
    /// An ellipsis (`…`, `...`, `. . .`, `[…]`): any number of the source's
    /// words left out.
    Gap { start: usize, end: usize },
    /// Words in square brackets: the writer's insertion, or a replacement for
    /// a few of the source's words ("[the minister]" for "he").
    Bracket { start: usize, end: usize },
}

impl Piece {
    pub fn span(&self) -> (usize, usize) {
        match *self {
            Piece::Word { start, end } | Piece::Gap { start, end } | Piece::Bracket { start, end } => (start, end),
        }
    }
}

/// The pieces of a quotation's text, `content` being its byte range in `text`.
/// Byte ranges are into `text`.
pub fn pattern(text: &str, content: (usize, usize)) -> Vec<Piece> {
    let (from, to) = content;
    let mut pieces = Vec::new();
    let mut at = from;
    while at < to {
        let rest = &text[at..to];
        // The next bracket or ellipsis, whichever comes first.
        let next_special = rest
            .char_indices()
            .find(|&(i, c)| c == '[' || c == '…' || (c == '.' && is_dots(&rest[i..])))
            .map(|(i, _)| at + i);
        let plain_end = next_special.unwrap_or(to);
        for (s, e) in words(&text[at..plain_end]) {
            pieces.push(Piece::Word {
                start: at + s,
                end: at + e,
            });
        }
        let Some(special) = next_special else { break };
        let rest = &text[special..to];
        if let Some(inside) = rest.strip_prefix('[') {
            let close = inside.find(']').map_or(to, |i| special + 1 + i + 1);
            let body = text[special + 1..close].trim_end_matches(']').trim();
            let is_ellipsis = body.is_empty() || body == "…" || body.chars().all(|c| c == '.' || c == ' ');
            let (start, end) = (special, close);
            pieces.push(if is_ellipsis {
                Piece::Gap { start, end }
            } else {
                Piece::Bracket { start, end }
            });
            at = close;
        } else {
            let len = dots_len(rest);
            pieces.push(Piece::Gap {
                start: special,
                end: special + len,
            });
            at = special + len;
        }
    }
    // Two gaps in a row ("… […]") are one.
    pieces.dedup_by(|b, a| matches!((a, b), (Piece::Gap { .. }, Piece::Gap { .. })));
    pieces
}

/// Whether `s` starts with an ellipsis written in full stops: `...` or `. . .`.
fn is_dots(s: &str) -> bool {
    dots_len(s) > 0
}

/// The byte length of the ellipsis at the start of `s` (`…`, `...`, `. . .`), or 0.
fn dots_len(s: &str) -> usize {
    if s.starts_with('…') {
        return '…'.len_utf8();
    }
    let bytes = s.as_bytes();
    let mut dots = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                dots += 1;
                i += 1;
            }
            b' ' if dots > 0 && bytes.get(i + 1) == Some(&b'.') => i += 1,
            _ => break,
        }
    }
    if dots >= 3 {
        i
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_list(text: &str) -> Vec<&str> {
        words(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn words_keep_apostrophes_and_numbers_and_split_hyphens() {
        assert_eq!(
            word_list("“We don’t—won't—pay 3.5% of 1,200,” she's long-term."),
            ["We", "don’t", "won't", "pay", "3.5", "of", "1,200", "she's", "long", "term"]
        );
        assert_eq!(word_list("'quoted' ‘words’"), ["quoted", "words"]);
        assert_eq!(word_list("Zürich, São Paulo"), ["Zürich", "São", "Paulo"]);
    }

    #[test]
    fn keys_fold_case_and_apostrophes() {
        assert_eq!(key("Don’t"), "don't");
        assert_eq!(key("ÉCOLE"), "école");
        assert_eq!(key("Levy"), "levy");
    }

    fn shapes(text: &str) -> Vec<String> {
        pattern(text, (0, text.len()))
            .iter()
            .map(|p| match *p {
                Piece::Word { start, end } => text[start..end].to_string(),
                Piece::Gap { .. } => "…".to_string(),
                Piece::Bracket { start, end } => text[start..end].to_string(),
            })
            .collect()
    }

    #[test]
    fn ellipses_and_brackets_become_gaps_and_brackets() {
        assert_eq!(shapes("We will … pay"), ["We", "will", "…", "pay"]);
        assert_eq!(shapes("We will... pay"), ["We", "will", "…", "pay"]);
        assert_eq!(shapes("We will . . . pay"), ["We", "will", "…", "pay"]);
        assert_eq!(shapes("We will […] pay"), ["We", "will", "…", "pay"]);
        assert_eq!(shapes("We will [...] pay"), ["We", "will", "…", "pay"]);
        assert_eq!(shapes("[The ministry] will pay"), ["[The ministry]", "will", "pay"]);
        assert_eq!(
            shapes("we will pay. … And more"),
            ["we", "will", "pay", "…", "And", "more"]
        );
        assert_eq!(shapes("End. Next"), ["End", "Next"]);
    }
}
