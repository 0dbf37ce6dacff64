//! The input made safe for html5gum's stack: a tag with an absurd run of
//! double-quoted attributes broken into runs the tokenizer returns from.

use std::borrow::Cow;

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
pub(super) fn break_attribute_runs(input: &str) -> Cow<'_, str> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::html::html;

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
}
