//! Names compared word by word: a name's words without allocating, whether one
//! name shortens another ("Xu" in "Qingdao Xu"), post-nominal letters that are
//! not part of the name ("Elspeth Grange KC"), possessive owners, and the keys
//! the indexes store names under.
//!
//! Separate because these are pure string functions on names, used by every
//! other file of `resolve`, and run by the tens of thousands per long document.

/// A name's words: what `split_whitespace` gives. Resolution splits names by
/// the tens of thousands, so ASCII bytes are classified without decoding
/// characters; only a non-ASCII character is decoded to ask Unicode.
pub(super) fn words(name: &str) -> Words<'_> {
    Words { rest: name }
}

pub(super) struct Words<'a> {
    rest: &'a str,
}

impl<'a> Words<'a> {
    /// The byte length of the run at the start of `text` whose characters
    /// are (`whitespace`) or are not (`!whitespace`) white space.
    fn run(text: &str, whitespace: bool) -> usize {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (is_space, len) = if byte.is_ascii() {
                // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
                (matches!(byte, b'\t'..=b'\r' | b' '), 1)
            } else {
                let c = text[at..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            };
            if is_space != whitespace {
                break;
            }
            at += len;
        }
        at
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = &self.rest[Self::run(self.rest, true)..];
        if rest.is_empty() {
            self.rest = rest;
            return None;
        }
        let (word, rest) = rest.split_at(Self::run(rest, false));
        self.rest = rest;
        Some(word)
    }
}

/// Whether a word is post-nominal letters: two to four capitals after a
/// personal name that give a rank, office or qualification ("KC", "MP",
/// "OBE", "PhD" is mixed case and not covered), not a generational numeral
/// ("III").
fn is_post_nominal(word: &str) -> bool {
    (2..=4).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && !word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// The name without trailing post-nominal letters ("Elspeth Grange KC" →
/// "Elspeth Grange"), and the letters, when the name has two words before them.
pub(super) fn split_post_nominal(name: &str) -> (&str, Option<&str>) {
    let trimmed = name.trim_end();
    // Most names end in a lowercase letter: no letters to split off.
    if !trimmed.as_bytes().last().is_some_and(u8::is_ascii_uppercase) {
        return (name, None);
    }
    if let Some((core, last)) = trimmed.rsplit_once(' ') {
        if is_post_nominal(last) && words(core).count() >= 2 {
            return (core.trim_end(), Some(last));
        }
    }
    (name, None)
}

/// Whether `short` is a run of whole words at the start or end of `full`
/// ("Xu" in "Qingdao Xu", "Xi" in "Xi Jinping", "Garcia Herrero" in "Alicia Garcia Herrero").
/// Post-nominal letters after the full name are not part of it ("Grange" in
/// "Elspeth Grange KC").
pub(super) fn shortens(short: &str, full: &str) -> bool {
    let full = split_post_nominal(full).0;
    // Names are compared word by word without allocating: `short` must be a
    // proper prefix or suffix of `full` ending on a word boundary. Each name
    // is split once onto the stack (resolution compares names by the
    // thousand); only a name of many words is split again per comparison.
    if let (Some(short), Some(full)) = (NameWords::of(short), NameWords::of(full)) {
        let (short, full) = (short.words(), full.words());
        let (k, n) = (short.len(), full.len());
        return k > 0 && k < n && (full[..k] == *short || full[n - k..] == *short);
    }
    let (short_count, full_count) = (words(short).count(), words(full).count());
    if short_count == 0 || short_count >= full_count {
        return false;
    }
    words(full).take(short_count).eq(words(short)) || words(full).skip(full_count - short_count).eq(words(short))
}

pub(super) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (split_post_nominal(a).0, split_post_nominal(b).0);
    words(a).eq(words(b))
}

/// The most words a name is split into on the stack by [`NameWords`].
const NAME_WORDS: usize = 8;

/// A name's words (split as `split_whitespace` splits), held on the stack.
struct NameWords<'a> {
    words: [&'a str; NAME_WORDS],
    len: usize,
}

impl<'a> NameWords<'a> {
    /// `name`'s words, or `None` when it has more than [`NAME_WORDS`].
    fn of(name: &'a str) -> Option<Self> {
        let mut split = NameWords {
            words: [""; NAME_WORDS],
            len: 0,
        };
        for word in words(name) {
            *split.words.get_mut(split.len)? = word;
            split.len += 1;
        }
        Some(split)
    }

    fn words(&self) -> &[&'a str] {
        &self.words[..self.len]
    }
}

/// The owner in a possessive name mention ("Valley Water's" → "Valley Water").
pub(super) fn possessive_owner(mention: &str) -> Option<&str> {
    mention.strip_suffix("'s").or_else(|| mention.strip_suffix("’s"))
}

/// The byte offset of `part` inside `whole` (a sub-slice of it).
pub(super) fn offset_of(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// A name's words joined by one space: equal keys are [`same_name`]s.
pub(super) fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in words(name) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// The keys of every run of whole words at the start or end of `name` that
/// is shorter than it: the names that [`shortens`] it.
pub(super) fn part_keys(name: &str) -> impl Iterator<Item = String> + '_ {
    let all: Vec<&str> = words(name).collect();
    let n = all.len();
    (1..n).flat_map(move |j| [all[..j].join(" "), all[n - j..].join(" ")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_shorten_full_names() {
        assert!(shortens("Xu", "Qingdao Xu"));
        assert!(shortens("Xi", "Xi Jinping"));
        assert!(shortens("Garcia Herrero", "Alicia Garcia Herrero"));
        assert!(!shortens("Herr", "Alicia Garcia Herrero"));
        assert!(!shortens("Qingdao Xu", "Qingdao Xu"));
        assert!(shortens("Grange", "Elspeth Grange KC"));
    }

    #[test]
    fn post_nominal_letters_are_not_the_name() {
        assert_eq!(split_post_nominal("Elspeth Grange KC"), ("Elspeth Grange", Some("KC")));
        assert_eq!(split_post_nominal("Harriet Osei MP"), ("Harriet Osei", Some("MP")));
        // A generational numeral and a one-word name keep their last word.
        assert_eq!(split_post_nominal("Tomas Reyes III"), ("Tomas Reyes III", None));
        assert_eq!(split_post_nominal("Grange KC"), ("Grange KC", None));
        assert!(same_name("Elspeth Grange KC", "Elspeth Grange"));
    }

    #[test]
    fn words_are_split_as_split_whitespace_splits() {
        for name in [
            "",
            "  ",
            "Xi Jinping",
            " Alicia  Garcia\tHerrero\n",
            "Ana\u{a0}Ruiz\u{2009}Soto\u{3000}",
            "Zoë Ørsted\u{b}Æ",
            "x\u{85}y\u{2028}z",
        ] {
            assert_eq!(
                words(name).collect::<Vec<_>>(),
                name.split_whitespace().collect::<Vec<_>>(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn possessive_owners() {
        assert_eq!(possessive_owner("Valley Water's"), Some("Valley Water"));
        assert_eq!(possessive_owner("Pell’s"), Some("Pell"));
        assert_eq!(possessive_owner("Pell"), None);
    }
}
