use super::{Check, CheckInfo, Context};
use crate::attribution::grammar::NameMention;
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::Span;
use rustc_hash::{FxHashMap, FxHashSet};

declare_check! {
    /// ## What it does
    /// Flags two spellings in one article that likely denote the same
    /// speaker: "Lindqvist" and "Lindquist", "Garcia" and "García".
    ///
    /// ## Why is this bad?
    /// A misspelt name is a correction waiting to happen, and readers cannot
    /// tell whether two people or one are meant (AP: use full names to tell
    /// apart people who share a surname).
    ///
    /// ## Example
    /// ```text
    /// Tomas Lindqvist, a councillor, said … Lindquist added …
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Tomas Lindqvist, a councillor, said … Lindqvist added …
    /// ```
    ///
    /// ## Known limitations
    /// Compares the surnames of named speakers with every capitalised name in
    /// the article: one letter apart for names of five to seven letters, two
    /// for longer names, or equal once accents are removed. A possessive
    /// ("Lindqvist's") is the same spelling. Genuinely different people with
    /// near-identical names are flagged too.
    pub struct NameInconsistent {
        code: "name-inconsistent",
        severity: Warning,
        summary: "two spellings that likely denote one speaker",
    }
}

/// Fold one common Latin accent so "García" compares equal to "Garcia"
/// (capitals too: "Álvarez" and "Alvarez").
fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let folded = match lower {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => return c,
    };
    if c.is_uppercase() {
        folded.to_ascii_uppercase()
    } else {
        folded
    }
}

/// Whether two words are equal once accents are folded.
fn fold_eq(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

/// A name word without its possessive ending: "Rafferty's" and "Moss’" are
/// "Rafferty" and "Moss", not other spellings.
fn strip_possessive(word: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word)
}

/// Whether one word is the other with an inflection or a derivation: a
/// family plural ("the Clintons"), a party or nationality word ("Democrat",
/// "Democratic", "Democrats"; "Korea", "Korean"). These are other words, not
/// other spellings.
fn is_inflection(a: &str, b: &str) -> bool {
    const ENDINGS: &[&str] = &["s", "es", "n", "an", "ns", "ans", "ic", "ics", "ian", "ians", "ish"];
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short).is_some_and(|ending| ENDINGS.contains(&ending))
}

/// Whether the mention holding the other spelling is someone else's name:
/// the word is a first name there ("Sander Levin" beside Bernie Sanders,
/// "Osama bin Laden" beside Obama), or the mention has its own first name
/// ("Jo Rubino" beside Marco Rubio).
fn names_someone_else(mention: &str, word: &str, speaker: &str) -> bool {
    let words: Vec<&str> = mention.split_whitespace().map(strip_possessive).collect();
    if words.last() != Some(&word) {
        return true;
    }
    let speaker_words: Vec<&str> = speaker.split_whitespace().collect();
    match (
        first_name(&words[..words.len() - 1]),
        first_name(&speaker_words[..speaker_words.len().saturating_sub(1)]),
    ) {
        (Some(theirs), Some(ours)) => theirs != ours,
        _ => false,
    }
}

/// The first word of a name that is not an initial or a title ("Mr.").
fn first_name<'a>(name: &[&'a str]) -> Option<&'a str> {
    name.iter().copied().find(|w| !w.ends_with('.'))
}

/// Whether the word is an ordinary word the article also writes in lower
/// case ("Peace" beside Pence: "peace" in the text): a capitalised common
/// word, not a misspelt name.
fn is_common_word(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, lower.as_bytes()).any(|at| {
        let before = text[..at].chars().next_back();
        let after = text[at + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether two different surnames are close enough to be one misspelt.
fn likely_same(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    if fold_eq(a, b) {
        return true;
    }
    let len = a.chars().count().min(b.chars().count());
    let allowed = match len {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    allowed > 0
        && a.chars().next() == b.chars().next()
        && !letters_differ_by_more_than(a, b, allowed)
        && strsim::damerau_levenshtein(a, b) <= allowed
}

/// Whether `a` and `b` are surely more than `edits` edits apart (as
/// Damerau-Levenshtein counts them) because their letters differ: an edit
/// changes the count of at most two letters by one each (a swap changes
/// none), so words whose letter counts differ by more than `2 × edits` in all
/// are too far apart. Most pairs of surnames with one initial are told apart
/// so, without the full distance. Only ASCII words are counted; for others
/// this says `false` and the distance decides.
fn letters_differ_by_more_than(a: &str, b: &str, edits: usize) -> bool {
    if !a.is_ascii() || !b.is_ascii() {
        return false;
    }
    let mut counts = [0i32; 128];
    for &byte in a.as_bytes() {
        counts[usize::from(byte)] += 1;
    }
    for &byte in b.as_bytes() {
        counts[usize::from(byte)] -= 1;
    }
    let differing: u32 = counts.iter().map(|c| c.unsigned_abs()).sum();
    differing as usize > 2 * edits
}

/// One distinct word of the article's name mentions.
struct NameWord<'t> {
    word: &'t str,
    /// Its length in characters.
    chars: usize,
    /// How many mentions hold it.
    count: usize,
    /// Its first occurrence.
    first: Span,
    /// The mention of that first occurrence.
    mention: Span,
    /// The last mention counted, so a mention counts once.
    last_mention: usize,
}

/// The distinct words of every name mention, indexed once: by word, and by
/// first letter (accents folded) for the near-spelling comparison.
struct NameIndex<'t> {
    words: Vec<NameWord<'t>>,
    by_word: FxHashMap<&'t str, usize>,
    by_initial: FxHashMap<char, Vec<usize>>,
    /// For a long document, built on first need: (key, word) for every
    /// [`near_keys`] key of every word, sorted, so a surname meets only the
    /// words it can be close to instead of every word with its initial
    /// (quadratic in a large archive).
    near: std::cell::OnceCell<Vec<(u64, usize)>>,
}

/// Words with one initial compared one by one up to this many; beyond it the
/// [`NameIndex::near`] index finds the candidates.
const SCAN_LIMIT: usize = 64;

/// The keys under which two words that [`likely_same`] could call one name
/// meet: the word with accents folded (equal once folded), and the word with
/// up to two characters deleted (two words at most two edits apart, a swap of
/// neighbours counting as one, share such a deletion). Each key is a
/// polynomial hash of the characters kept, computed in constant time from
/// prefix hashes; a collision only adds a candidate, which is then compared.
fn near_keys(word: &str, keys: &mut Vec<u64>) {
    const BASE: u64 = 0x9e37_79b9_7f4a_7c15;
    // The inverse of BASE modulo 2^64 (BASE is odd), by Newton's iteration.
    const fn inverse(b: u64) -> u64 {
        let mut x = b;
        let mut i = 0;
        while i < 6 {
            x = x.wrapping_mul(2u64.wrapping_sub(b.wrapping_mul(x)));
            i += 1;
        }
        x
    }
    const INVERSE: u64 = inverse(BASE);
    let chars: Vec<u64> = word.chars().map(|c| u64::from(c) + 1).collect();
    let n = chars.len();
    // prefix[k]: hash of the first k characters; power[k] = BASE^k.
    let mut prefix = Vec::with_capacity(n + 1);
    let mut power = 1u64;
    let mut hash = 0u64;
    prefix.push(0);
    for &c in &chars {
        hash = hash.wrapping_add(c.wrapping_mul(power));
        power = power.wrapping_mul(BASE);
        prefix.push(hash);
    }
    let segment = |from: usize, to: usize| prefix[to].wrapping_sub(prefix[from]);
    let tagged = |hash: u64, kept: usize| hash ^ (kept as u64).wrapping_mul(0xff51_afd7_ed55_8ccd);
    let folded = word
        .chars()
        .map(|c| u64::from(fold_char(c)) + 1)
        .fold((0u64, 1u64), |(h, p), c| {
            (h.wrapping_add(c.wrapping_mul(p)), p.wrapping_mul(BASE))
        })
        .0;
    keys.clear();
    keys.push(tagged(folded, n) ^ 0x5555_5555_5555_5555);
    keys.push(tagged(prefix[n], n));
    for (i, &head) in prefix[..n].iter().enumerate() {
        let one = head.wrapping_add(segment(i + 1, n).wrapping_mul(INVERSE));
        keys.push(tagged(one, n - 1));
        for j in i + 1..n {
            let two = head
                .wrapping_add(segment(i + 1, j).wrapping_mul(INVERSE))
                .wrapping_add(segment(j + 1, n).wrapping_mul(INVERSE.wrapping_mul(INVERSE)));
            keys.push(tagged(two, n - 2));
        }
    }
}

impl<'t> NameIndex<'t> {
    fn build(text: &'t str, mentions: &[NameMention]) -> Self {
        // Sized once: about one distinct word per mention, so the map is not
        // rebuilt as it fills.
        let mut index = NameIndex {
            words: Vec::with_capacity(mentions.len()),
            by_word: FxHashMap::with_capacity_and_hasher(mentions.len(), Default::default()),
            by_initial: FxHashMap::default(),
            near: std::cell::OnceCell::new(),
        };
        for (m, mention) in mentions.iter().enumerate() {
            let slice = mention.span.slice(text);
            for raw in slice.split_whitespace() {
                let word = strip_possessive(raw);
                let Some(initial) = word.chars().next() else {
                    continue;
                };
                let at = mention.span.start + (word.as_ptr() as usize - slice.as_ptr() as usize);
                let id = *index.by_word.entry(word).or_insert_with(|| {
                    index.words.push(NameWord {
                        word,
                        chars: word.chars().count(),
                        count: 0,
                        first: Span::new(at, at + word.len()),
                        mention: mention.span,
                        last_mention: usize::MAX,
                    });
                    let id = index.words.len() - 1;
                    index.by_initial.entry(fold_char(initial)).or_default().push(id);
                    id
                });
                let entry = &mut index.words[id];
                if entry.last_mention != m {
                    entry.last_mention = m;
                    entry.count += 1;
                }
            }
        }
        index
    }

    fn get(&self, word: &str) -> Option<&NameWord<'t>> {
        self.by_word.get(word).map(|&id| &self.words[id])
    }

    /// Distinct words that could be a near spelling of `word`: same first
    /// letter (accents folded), length within two letters.
    /// Words that [`likely_same`] may call a spelling of `word` are always
    /// among them, in the order of their first occurrence.
    fn neighbours<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a NameWord<'t>> + 'a {
        let len = word.chars().count();
        let initial = word.chars().next().map(fold_char);
        let same_initial = initial
            .and_then(|c| self.by_initial.get(&c))
            .map_or(&[][..], Vec::as_slice);
        let ids: Vec<usize> = if same_initial.len() <= SCAN_LIMIT {
            same_initial.to_vec()
        } else {
            let near = self.near.get_or_init(|| {
                let mut near = Vec::new();
                let mut keys = Vec::new();
                for (id, w) in self.words.iter().enumerate() {
                    near_keys(w.word, &mut keys);
                    near.extend(keys.iter().map(|&key| (key, id)));
                }
                near.sort_unstable();
                near
            });
            let mut keys = Vec::new();
            near_keys(word, &mut keys);
            let mut ids: Vec<usize> = keys
                .iter()
                .flat_map(|&key| {
                    let from = near.partition_point(|&(k, _)| k < key);
                    near[from..]
                        .iter()
                        .take_while(move |&&(k, _)| k == key)
                        .map(|&(_, id)| id)
                })
                .filter(|&id| self.words[id].word.chars().next().map(fold_char) == initial)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        ids.into_iter()
            .map(|id| &self.words[id])
            .filter(move |w| w.chars.abs_diff(len) <= 2)
    }
}

impl Check for NameInconsistent {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let text: &str = &ctx.analysis.document.text;
        let index = NameIndex::build(text, &ctx.analysis.names);
        let mut done: FxHashSet<&str> = FxHashSet::default();
        let mut reported: FxHashSet<&str> = FxHashSet::default();
        for speaker in ctx
            .analysis
            .cast
            .speakers
            .iter()
            .filter(|s| s.class == SpeakerClass::Person)
        {
            let Some(surname) = speaker.name.split_whitespace().last().map(strip_possessive) else {
                continue;
            };
            if !done.insert(surname) {
                continue;
            }
            let canonical = index.get(surname);
            let surname_count = canonical.map_or(0, |w| w.count);
            for candidate in index.neighbours(surname) {
                let word = candidate.word;
                // Report the rarer spelling, once.
                if candidate.count > surname_count
                    || !likely_same(surname, word)
                    || is_inflection(surname, word)
                    || names_someone_else(candidate.mention.slice(text), word, &speaker.name)
                    || is_common_word(text, word)
                    || !reported.insert(word)
                {
                    continue;
                }
                let mut finding = Finding::new(
                    self.info().code,
                    ctx.severity,
                    candidate.first,
                    format!("“{word}” may be a misspelling of {}", speaker.name),
                )
                .with_label("spelt differently here")
                .with_help(format!(
                    "Use one spelling throughout; check which is right: {surname} or {word}."
                ));
                if let Some(c) = canonical {
                    finding = finding.with_evidence(c.mention, "spelt this way here");
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_inflection, letters_differ_by_more_than, likely_same, strip_possessive};
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn inflections_and_derivations_are_other_words() {
        assert!(is_inflection("Democrat", "Democratic"));
        assert!(is_inflection("Republicans", "Republican"));
        assert!(is_inflection("Korea", "Korean"));
        assert!(is_inflection("Clinton", "Clintons"));
        assert!(!is_inflection("Lindqvist", "Lindquist"));
        assert!(!is_inflection("Manafort", "Manafortin"));
    }

    #[test]
    fn other_words_and_other_people_are_not_misspellings() {
        // A family plural.
        assert_clean(
            "name-inconsistent",
            "Lena Halvorsen said the farm would stay. The Halvorsens have farmed there since 1920.",
        );
        // A first name of someone else.
        assert_clean(
            "name-inconsistent",
            "Petra Sanders said the vote was close. Sander Levin, a councillor, agreed with Sanders.",
        );
        // Another person with a first name of their own.
        assert_clean(
            "name-inconsistent",
            "Marco Rubio said the plan was sound. Rubio repeated it. Jo Rubino, an aide, disagreed.",
        );
        // A common word the article also writes in lower case.
        assert_clean(
            "name-inconsistent",
            "Mika Pence said the talks would go on. Pence met the envoys. Peace was the aim; peace talks resume.",
        );
    }

    #[test]
    fn near_spellings() {
        assert!(likely_same("Lindquist", "Lindqvist"));
        assert!(likely_same("Garcia", "García"));
        assert!(!likely_same("Xi", "Xu"));
        assert!(!likely_same("Moreau", "Morris"));
    }

    #[test]
    fn flags_the_rarer_spelling() {
        assert_flags(
            "name-inconsistent",
            "Tomas Lindqvist, a councillor, said fares would rise. Lindqvist said it twice. Lindquist added that buses would run.",
            &["Lindquist"],
        );
    }

    #[test]
    fn possessives_are_the_same_spelling() {
        assert_eq!(strip_possessive("Rafferty's"), "Rafferty");
        assert_eq!(strip_possessive("Moss’"), "Moss");
        assert_clean(
            "name-inconsistent",
            "Councillor Brigid Rafferty said the depot would close. Rafferty's office said a report would follow.",
        );
    }

    #[test]
    fn deletion_keys_are_the_keys_of_the_shorter_words() {
        let (mut long, mut short) = (Vec::new(), Vec::new());
        super::near_keys("Lindqvist", &mut long);
        for shorter in ["indqvist", "Lindqvis", "Lidqvist", "Lndqvst", "Linqvit"] {
            super::near_keys(shorter, &mut short);
            // Key 1 is the word itself.
            assert!(long.contains(&short[1]), "{shorter}");
        }
        super::near_keys("Líndqvist", &mut short);
        assert_eq!(long[0], short[0], "equal once accents are folded");
    }

    #[test]
    fn the_near_index_finds_what_a_scan_finds() {
        // More words with one initial than SCAN_LIMIT, so the index is used;
        // its candidates must include every word a scan would accept.
        let names: Vec<String> = (0..3 * super::SCAN_LIMIT)
            .map(|i| {
                format!(
                    "Lindqvist{}",
                    char::from(b'a' + (i % 26) as u8).to_string().repeat(1 + i / 26)
                )
            })
            .chain(["Lindquist", "Lindqvits", "Lindvist", "Lindqvistt", "Líndqvist", "Lindq"].map(String::from))
            .collect();
        let text = names.join(" said. ");
        let mentions: Vec<crate::attribution::grammar::NameMention> = names
            .iter()
            .map(|n| {
                let start = text
                    .find(&format!("{n} said"))
                    .unwrap_or_else(|| text.rfind(n.as_str()).unwrap());
                crate::attribution::grammar::NameMention {
                    span: crate::Span::new(start, start + n.len()),
                    title: None,
                }
            })
            .collect();
        let index = super::NameIndex::build(&text, &mentions);
        for probe in ["Lindqvist", "Lindquist", "Lindqvista", "Lindqvistbb"] {
            let found: Vec<&str> = index.neighbours(probe).map(|w| w.word).collect();
            let scanned: Vec<&str> = index
                .words
                .iter()
                .map(|w| w.word)
                .filter(|w| likely_same(probe, w))
                .collect();
            let found_same: Vec<&str> = found.iter().copied().filter(|w| likely_same(probe, w)).collect();
            assert_eq!(found_same, scanned, "{probe}");
        }
    }

    /// The letter-count test never rules out a pair the distance would accept.
    #[test]
    fn letter_counts_only_rule_out_distant_words() {
        let words = [
            "Hartley",
            "Hartly",
            "Hratley",
            "Hartleigh",
            "Harley",
            "Hatrley",
            "Smith",
            "Smyth",
            "Smithe",
            "Simth",
            "Sanders",
            "Saunders",
            "Kowalski",
            "Kowalsky",
            "Kowlaski",
            "Kovalski",
        ];
        for a in words {
            for b in words {
                for edits in 0..=2 {
                    if letters_differ_by_more_than(a, b, edits) {
                        assert!(strsim::damerau_levenshtein(a, b) > edits, "{a} {b} {edits}");
                    }
                }
            }
        }
        assert!(letters_differ_by_more_than("Smith", "Sanders", 2));
        assert!(!letters_differ_by_more_than("Smith", "Simth", 1));
    }

    #[test]
    fn capital_accents_fold() {
        assert!(likely_same("Álvarez", "Alvarez"));
    }

    #[test]
    fn consistent_names_pass() {
        assert_clean(
            "name-inconsistent",
            "Tomas Lindqvist, a councillor, said fares would rise. Lindqvist added more.",
        );
    }
}
