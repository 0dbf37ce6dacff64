//! The tagger's features: one implementation, read by training
//! (examples/train_tagger.rs) and by tagging ([`super::tagger`]).
//!
//! A feature is a template (what is looked at: the word, its suffix, the
//! previous tag…) and its values, hashed to a 32-bit key. Nothing is
//! allocated: the per-word values ([`WordInfo`]) are hashes computed once
//! per token straight from the characters, and a token's features are
//! combinations of its neighbours' values and the tags already chosen.
//!
//! Words are compared as the treebank writes them: curly quote marks and
//! apostrophes fold to straight ones ("n’t" is "n't"), and numbers fold to
//! their shape ("1,200" and "3,450" are one value), so what the tagger
//! learned on web text applies to news copy.

/// The tag value before the first word of a sentence (and before that).
pub const START: u8 = u8::MAX;
/// A second boundary value: the tag two places before the first word.
pub const START2: u8 = u8::MAX - 1;

/// Features that read only the words (the word, its neighbours and their
/// ambiguity classes): the tagger scores them for a whole stretch of a
/// sentence before it chooses the first tag, so their look-ups overlap.
pub const STATIC: usize = 28;
/// Features that read the tags already chosen before the word.
pub const DYNAMIC: usize = 6;
/// Number of features of one token.
pub const COUNT: usize = STATIC + DYNAMIC;

/// What the features read of one word, computed once per token.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// The word in lowercase, numbers as their shape.
    pub norm: u64,
    /// The word as written (case kept, quote marks folded): the tag-dictionary key.
    pub exact: u64,
    /// The last 1, 2, 3 and 4 characters, in lowercase.
    pub suffix: [u64; 4],
    /// The first character as written.
    pub prefix: u64,
    /// The word's shape: "Xxxx", "dd.d", "X.X.", "xx-Xxxx"…
    pub shape: u64,
    /// The first 2 and 3 characters, in lowercase.
    pub prefix_lower: [u64; 2],
    /// The word's ambiguity class: which tags the treebank gave it (0 for
    /// a word it does not know). Not computed here: the tagger fills it
    /// from its model ([`class_key`]), training from its data.
    pub class: u64,
    /// Bit 0: has a hyphen; bit 1: has a digit; bit 2: has an upper-case letter.
    pub flags: u8,
}

/// `info` with its ambiguity class, as found in a class table (or not).
pub fn with_class(mut info: WordInfo, class: Option<u32>) -> WordInfo {
    info.class = class.map_or(0, |c| u64::from(c) | 1 << 40);
    info
}

/// The key of a word in the ambiguity-class table: its lowercase form.
pub fn class_key(info: &WordInfo) -> u32 {
    (info.norm ^ (info.norm >> 32)) as u32
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[derive(Copy, Clone)]
struct Fnv(u64);

impl Fnv {
    fn new(seed: u64) -> Self {
        Fnv(FNV_OFFSET ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    #[inline]
    fn char(&mut self, c: char) {
        if c.is_ascii() {
            self.0 = (self.0 ^ c as u64).wrapping_mul(FNV_PRIME);
            return;
        }
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn chars(seed: u64, chars: &[char]) -> u64 {
        let mut h = Fnv::new(seed);
        chars.iter().for_each(|&c| h.char(c));
        h.0
    }
}

/// Quote marks and apostrophes as the treebank writes them.
#[inline]
fn fold(c: char) -> char {
    if c.is_ascii() {
        return if c == '`' { '\'' } else { c };
    }
    match c {
        '’' | '‘' | '‛' | 'ʼ' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '\u{2010}' | '\u{2011}' | '−' => '-',
        _ => c,
    }
}

#[inline]
fn shape_class(c: char) -> char {
    if c.is_ascii() {
        return match c {
            '0'..='9' => 'd',
            'A'..='Z' => 'X',
            'a'..='z' => 'x',
            _ => fold(c),
        };
    }
    if c.is_numeric() {
        'd'
    } else if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else {
        fold(c)
    }
}

/// The per-word values of `word`, in one pass over its characters and
/// without allocation: the lowercase form is hashed as it streams by,
/// keeping its first three and last four characters for the affixes.
pub fn word_info(word: &str) -> WordInfo {
    let mut exact = Fnv::new(1);
    let mut shape = Fnv::new(2);
    let mut lower = Fnv::new(3);
    let (mut first, mut firsts) = (['\0'; 3], 0usize);
    let (mut last, mut lasts) = (['\0'; 4], 0usize);
    let mut push_lower = |l: char| {
        lower.char(l);
        if firsts < 3 {
            first[firsts] = l;
            firsts += 1;
        }
        // The last four, oldest first.
        if lasts < 4 {
            last[lasts] = l;
            lasts += 1;
        } else {
            last.rotate_left(1);
            last[3] = l;
        }
    };
    let (mut last_class, mut run) = ('\0', 0u8);
    let mut flags = 0u8;
    for c in word.chars() {
        let c = fold(c);
        exact.char(c);
        if c.is_ascii() {
            push_lower(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push_lower);
        }
        let class = shape_class(c);
        if class == last_class {
            run = run.saturating_add(1);
        } else {
            (last_class, run) = (class, 1);
        }
        // Runs longer than three read as three: "Xxxx" for every capitalised word.
        if run <= 3 {
            shape.char(class);
        }
        match class {
            '-' => flags |= 1,
            'd' => flags |= 2,
            'X' => flags |= 4,
            _ => {}
        }
    }
    let numeric = word.starts_with(|c: char| c.is_ascii_digit());
    // Numbers by shape: "1,200" is "d,ddd"; a four-digit number (a year) apart.
    let norm = if numeric { shape.0 ^ 0x5151 } else { lower.0 };
    let mut suffix = [0u64; 4];
    for (k, slot) in suffix.iter_mut().enumerate() {
        let n = (k + 1).min(lasts);
        *slot = Fnv::chars(10 + k as u64, &last[lasts - n..lasts]);
    }
    let mut prefix_lower = [0u64; 2];
    for (k, slot) in prefix_lower.iter_mut().enumerate() {
        *slot = Fnv::chars(30 + k as u64, &first[..(k + 2).min(firsts)]);
    }
    let mut prefix = Fnv::new(20);
    if let Some(c) = word.chars().next() {
        prefix.char(fold(c));
    }
    WordInfo {
        norm,
        exact: exact.0,
        suffix,
        prefix: prefix.0,
        shape: shape.0,
        prefix_lower,
        class: 0,
        flags,
    }
}

/// The boundary word before the first and after the last of a sentence.
pub fn boundary(offset: i64) -> WordInfo {
    let v = 0xB0B0_0000_u64.wrapping_add(offset as u64);
    WordInfo {
        norm: v,
        exact: v,
        suffix: [v; 4],
        prefix: v,
        shape: v,
        prefix_lower: [v; 2],
        class: v,
        flags: 0,
    }
}

#[inline]
fn mix(template: u64, a: u64, b: u64) -> u32 {
    // splitmix64 finaliser over the three values.
    let mut z = template
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(a.rotate_left(23))
        .wrapping_add(b.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as u32
}

/// The key of a feature that reads one value of one word at one place
/// (`role`): the word "said" as this word, the word before, the word after…
/// The keys of one value differ only in their low byte, which the tagger's
/// table ignores when it picks a bucket, so the weights of "said" in every
/// role share a cache line, loaded once for the five words that see it.
#[inline]
fn role(kind: u64, value: u64, role: u32) -> u32 {
    (mix(kind, value, 0) & !0xFF) | role
}

const NORM: u64 = 200;
const SUFFIX3: u64 = 201;
const CLASS: u64 = 202;
const SHAPE: u64 = 203;

/// The word-only features of word `i` of a sentence whose words are `words`.
pub fn static_features(words: &[WordInfo], i: usize, out: &mut [u32; STATIC]) {
    let at = |offset: i64| -> WordInfo {
        let j = i as i64 + offset;
        if j < 0 || j >= words.len() as i64 {
            boundary(offset.signum())
        } else {
            words[j as usize]
        }
    };
    let w = words[i];
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let first = u64::from(i == 0);
    *out = [
        mix(0, 0, 0),
        role(NORM, w.norm, 0),
        mix(3, w.suffix[0], 0),
        mix(4, w.suffix[1], 0),
        role(SUFFIX3, w.suffix[2], 0),
        mix(6, w.suffix[3], 0),
        mix(7, w.prefix, 0),
        mix(8, w.prefix_lower[0], 0),
        mix(9, w.prefix_lower[1], 0),
        role(SHAPE, w.shape, 0),
        mix(11, w.shape, first),
        mix(12, u64::from(w.flags), first),
        role(CLASS, w.class, 0),
        role(NORM, p1.norm, 1),
        role(SUFFIX3, p1.suffix[2], 1),
        role(NORM, p2.norm, 2),
        role(NORM, n1.norm, 3),
        role(SUFFIX3, n1.suffix[2], 3),
        role(SHAPE, n1.shape, 3),
        role(CLASS, n1.class, 3),
        role(NORM, n2.norm, 4),
        role(CLASS, n2.class, 4),
        mix(25, p1.norm, w.norm),
        mix(26, w.norm, n1.norm),
        mix(28, p1.shape, w.shape),
        mix(30, w.class, n1.class),
        mix(31, p1.class, w.class),
        mix(32, w.norm, n1.class),
    ];
}

/// The features of word `i` that read the tags of the two words before it
/// (`START`/`START2` at the start of the sentence).
pub fn dynamic_features(words: &[WordInfo], i: usize, prev: u8, prev2: u8, out: &mut [u32; DYNAMIC]) {
    let w = words[i];
    let n1 = words.get(i + 1).copied().unwrap_or_else(|| boundary(1));
    let (t1, t2) = (u64::from(prev), u64::from(prev2));
    *out = [
        mix(100, t1, 0),
        mix(101, t1, t2),
        mix(102, t1, w.norm),
        mix(103, t1, w.suffix[2]),
        mix(104, t1, n1.class),
        mix(105, t1, n1.norm),
    ];
}

/// Every feature of word `i`: [`static_features`] then [`dynamic_features`].
pub fn features(words: &[WordInfo], i: usize, prev: u8, prev2: u8, out: &mut [u32; COUNT]) {
    let (mut s, mut d) = ([0u32; STATIC], [0u32; DYNAMIC]);
    static_features(words, i, &mut s);
    dynamic_features(words, i, prev, prev2, &mut d);
    out[..STATIC].copy_from_slice(&s);
    out[STATIC..].copy_from_slice(&d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_marks_are_one_word() {
        assert_eq!(word_info("n’t"), word_info("n't"));
        assert_eq!(word_info("“"), word_info("\""));
    }

    #[test]
    fn case_folds_in_the_word_but_not_in_the_dictionary_key() {
        let (upper, lower) = (word_info("Said"), word_info("said"));
        assert_eq!(upper.norm, lower.norm);
        assert_eq!(upper.suffix, lower.suffix);
        assert_ne!(upper.exact, lower.exact);
        assert_ne!(upper.shape, lower.shape);
        assert_eq!(word_info("Dvořák").suffix[1], word_info("Novák").suffix[1]);
    }

    #[test]
    fn numbers_fold_to_their_shape() {
        assert_eq!(word_info("1,200").norm, word_info("3,450").norm);
        assert_ne!(word_info("1,200").norm, word_info("2026").norm);
    }

    #[test]
    fn neighbours_and_tags_change_the_features() {
        let words: Vec<WordInfo> = ["Vance", "said", "it"].iter().map(|w| word_info(w)).collect();
        let (mut a, mut b) = ([0; COUNT], [0; COUNT]);
        features(&words, 1, 3, START, &mut a);
        features(&words, 1, 4, START, &mut b);
        assert_eq!(a[..STATIC], b[..STATIC]);
        assert_ne!(a[STATIC], b[STATIC]);
        features(&words, 0, START, START2, &mut b);
        assert_ne!(a[14], b[14]);
    }
}
