use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::text::BlockKind;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::hash_map::Entry;
use std::hash::Hasher;

declare_check! {
    /// ## What it does
    /// Flags a sentence that repeats an earlier one verbatim or nearly so
    /// (the same word sequence with small edits or reordering).
    ///
    /// ## Why is this bad?
    /// A repeated passage is a paste or editing slip; when the repeat carries
    /// a different attribution it can also misstate who said what.
    ///
    /// ## Example
    /// ```text
    /// The ministers will meet in June in Port Averley. … The ministers will meet in Port Averley in June.
    /// ```
    ///
    /// ## Use instead
    /// Keep the passage once, where it belongs.
    ///
    /// ## Known limitations
    /// Sentences of fewer than eight words are ignored. Two sentences count as
    /// the same when at least 60% of the later one's word triples also occur
    /// in the earlier one. Only the first earlier occurrence of each triple is
    /// indexed, so cost stays linear in the size of the document. Not
    /// reported: a quote and the writer's report of it (a lede giving a
    /// fragment, the body the whole), a speaker's repeats inside one
    /// quotation, a pull quote (a paragraph that is only a quotation and its
    /// credit), and a sentence restated in another entry of a live blog or
    /// digest (entries are split at paragraphs with no letter, as "___");
    /// across entries only a run of sentences pasted word for word counts.
    /// A writer's own deliberate restatement is still flagged.
    pub struct DuplicatePassage {
        code: "duplicate-passage",
        severity: Warning,
        summary: "a sentence or paragraph that repeats an earlier one",
    }
}

const MIN_WORDS: usize = 8;
const MIN_SHARED: f64 = 0.6;

/// What one byte adds to a word's comparison key: its lowercase form for an
/// ASCII letter or digit, [`SPACE`] for ASCII whitespace (as
/// `char::is_whitespace` sees it: tab to carriage return, and space),
/// [`NON_ASCII`] for a byte of a multi-byte character, [`NOTHING`] for the rest.
const BYTE_KEY: [u8; 256] = {
    let mut table = [NOTHING; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        } else if matches!(byte, b'\t'..=b'\r' | b' ') {
            table[b] = SPACE;
        } else if !byte.is_ascii() {
            table[b] = NON_ASCII;
        }
        b += 1;
    }
    table
};
const NOTHING: u8 = 0;
const SPACE: u8 = 1;
const NON_ASCII: u8 = 2;
/// Keys from here up are letters and digits.
const FIRST_LETTER: u8 = b'0';

/// FNV-1a over a word's comparison key, a byte at a time, so the key is never
/// stored. Only equality matters: equal keys give equal hashes.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn add_key_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// The hash of a finished word: its key's hash with an end mark, so "ab c"
/// and "a bc" differ.
fn end_word(hash: u64) -> u64 {
    add_key_byte(hash, 0xff)
}

/// The hash of every whitespace-separated word's comparison key (its letters
/// and digits, lowercased) in `sentence`, in one pass over its bytes. ASCII
/// bytes (the common case) need one table look-up and no character decoding;
/// other characters add the UTF-8 bytes of their lowercase form, so "dont"
/// and "don’t" still agree.
fn word_hashes(sentence: &str, out: &mut Vec<u64>) {
    out.clear();
    let bytes = sentence.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let key = BYTE_KEY[usize::from(b)];
        i += 1;
        // Letters and digits, most of the bytes: only the hash changes.
        if key >= FIRST_LETTER {
            hash = add_key_byte(hash, key);
            in_word = true;
            continue;
        }
        let space = match key {
            SPACE => true,
            NON_ASCII => {
                let c = sentence[i - 1..].chars().next().unwrap_or_default();
                i += c.len_utf8() - 1;
                if is_letter_or_digit(c) {
                    let mut utf8 = [0u8; 4];
                    for lower in c.to_lowercase() {
                        for &byte in lower.encode_utf8(&mut utf8).as_bytes() {
                            hash = add_key_byte(hash, byte);
                        }
                    }
                }
                c.is_whitespace()
            }
            _ => false,
        };
        if space {
            if in_word {
                out.push(end_word(hash));
                hash = FNV_OFFSET;
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word {
        out.push(end_word(hash));
    }
}

/// `char::is_alphanumeric`, answered at once for curly quotes, dashes and
/// ellipses (General Punctuation, U+2000–U+206F, none of which is a letter
/// or digit): most of the non-ASCII characters of news text.
fn is_letter_or_digit(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// Hashes of the word triples of a sentence, in order (repeats included).
fn shingles(words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.extend(words.windows(3).map(|w| {
        let mut hasher = FxHasher::default();
        hasher.write_u64(w[0]);
        hasher.write_u64(w[1]);
        hasher.write_u64(w[2]);
        hasher.finish()
    }));
}

impl Check for DuplicatePassage {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        let repeats = find_repeats(doc);
        let sections = section_numbers(doc);
        for (s, repeat) in repeats.iter().enumerate() {
            let Some(Repeat { earlier, .. }) = *repeat else {
                continue;
            };
            let (later_span, earlier_span) = (doc.sentences[s].span, doc.sentences[earlier].span);
            // A live blog restates its background in each entry so that
            // the entry reads alone; only a run of sentences pasted word for
            // word across entries is a slip.
            let across_sections = sections[doc.sentences[s].paragraph] != sections[doc.sentences[earlier].paragraph];
            if across_sections && !in_a_run(&repeats, s, earlier) {
                continue;
            }
            if quotes_its_own_report(doc, later_span, earlier_span) || is_a_bare_quote(doc, doc.sentences[s].paragraph)
            {
                continue;
            }
            out.push(
                Finding::new(
                    self.info().code,
                    ctx.severity,
                    later_span,
                    "This sentence repeats an earlier passage",
                )
                .with_label("repeated")
                .with_evidence(earlier_span, "first given here")
                .with_help(
                    "Keep the passage once; if both are needed, say it differently and check the attribution of each.",
                ),
            );
        }
    }
}

/// A sentence's repeat of an earlier one.
#[derive(Clone, Copy)]
struct Repeat {
    earlier: usize,
    /// The share of the later sentence's distinct word triples that the
    /// earlier one holds.
    shared: f64,
}

/// For each sentence of a body paragraph, the earlier sentence it repeats:
/// the one that holds most of its word triples, if that is at least
/// [`MIN_SHARED`] of them.
fn find_repeats(doc: &crate::document::Document<'_>) -> Vec<Option<Repeat>> {
    let mut repeats = vec![None; doc.sentences.len()];
    // triple hash -> (first sentence containing it, last sentence that
    // counted it). The second tells a triple repeated inside one sentence,
    // which counts once, without sorting the sentence's triples.
    // About one triple per word, and English words take six bytes or so
    // with their space: sized once, the map is not rebuilt as it fills.
    let mut first_seen: FxHashMap<u64, (usize, usize)> =
        FxHashMap::with_capacity_and_hasher(doc.text.len() / 8, Default::default());
    let mut words = Vec::new();
    let mut triples = Vec::new();
    let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if doc.paragraphs[sentence.paragraph].kind != BlockKind::Body {
            continue;
        }
        word_hashes(doc.slice(sentence.span), &mut words);
        if words.len() < MIN_WORDS {
            continue;
        }
        shingles(&words, &mut triples);
        shared.clear();
        let mut distinct = 0usize;
        for &t in &triples {
            match first_seen.entry(t) {
                Entry::Occupied(mut e) => {
                    let (first, last) = e.get_mut();
                    if *last != s {
                        *last = s;
                        distinct += 1;
                        *shared.entry(*first).or_default() += 1;
                    }
                }
                Entry::Vacant(e) => {
                    e.insert((s, s));
                    distinct += 1;
                }
            }
        }
        let best = shared
            .iter()
            .max_by_key(|&(&earlier, &count)| (count, std::cmp::Reverse(earlier)));
        if let Some((&earlier, &count)) = best {
            let shared = count as f64 / distinct as f64;
            if shared >= MIN_SHARED {
                repeats[s] = Some(Repeat { earlier, shared });
            }
        }
    }
    repeats
}

/// Each paragraph's section: the count of section breaks before it. A break
/// is a paragraph with no letter or digit ("___", "* * *"), as live blogs and
/// digests put between their entries.
fn section_numbers(doc: &crate::document::Document<'_>) -> Vec<usize> {
    let mut section = 0;
    doc.paragraphs
        .iter()
        .map(|p| {
            let text = doc.slice(p.span).trim();
            if !text.is_empty() && !text.chars().any(char::is_alphanumeric) {
                section += 1;
            }
            section
        })
        .collect()
}

/// How near, in sentences, two repeats must be to make one pasted run.
const RUN_REACH: usize = 3;

/// The share of triples that makes a repeat word for word.
const VERBATIM: f64 = 0.9;

/// Whether sentence `s` repeats `earlier` word for word, and another
/// verbatim repeat near it repeats a sentence near `earlier`: a run of
/// sentences pasted twice, not one sentence restated.
fn in_a_run(repeats: &[Option<Repeat>], s: usize, earlier: usize) -> bool {
    let verbatim = |r: &Repeat| r.shared >= VERBATIM;
    let near = s.saturating_sub(RUN_REACH)..(s + RUN_REACH + 1).min(repeats.len());
    repeats[s].as_ref().is_some_and(verbatim)
        && near.filter(|&n| n != s).any(|n| {
            repeats[n]
                .as_ref()
                .is_some_and(|r| verbatim(r) && r.earlier != earlier && r.earlier.abs_diff(earlier) <= RUN_REACH)
        })
}

/// Whether one of the two sentences is quoted speech and the other the
/// writer's own (a lede giving a fragment of the quote the body prints
/// whole, or a paraphrase of it), or both lie in one quotation (a speaker's
/// parallel sentences): the repeat is the speaker's, not an editing slip.
fn quotes_its_own_report(doc: &crate::document::Document<'_>, later: crate::Span, earlier: crate::Span) -> bool {
    let quote_of = |span: crate::Span| {
        doc.quote_at(span.start + leading_space(doc.slice(span)))
            .map(|q| q.span())
    };
    match (quote_of(later), quote_of(earlier)) {
        (Some(a), Some(b)) => a == b,
        (None, None) => false,
        _ => true,
    }
}

/// Bytes of white space before the first character of `text`.
fn leading_space(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// Most words of the credit under a pull quote ("— Ada Brandt, port director").
const CREDIT_MAX_WORDS: usize = 8;

/// Whether the paragraph is nothing but a quotation, with at most a short
/// credit after a dash or on the line under it: a pull quote set in the page,
/// repeating the body. A quote followed by "she said" is ordinary copy.
fn is_a_bare_quote(doc: &crate::document::Document<'_>, paragraph: usize) -> bool {
    let span = doc.paragraphs[paragraph].span;
    let start = span.start + leading_space(doc.slice(span));
    doc.quote_at(start).is_some_and(|q| {
        let after = &doc.text[q.span().end.min(span.end)..span.end];
        let rest = after.trim();
        let credit = after.trim_start_matches([' ', '\t']).starts_with(['\n', '—', '–', '-']);
        rest.is_empty() || credit && rest.split_whitespace().count() <= CREDIT_MAX_WORDS
    })
}

#[cfg(test)]
mod tests {
    use super::word_hashes;
    use crate::checks::test_support::{assert_clean, assert_flags, flagged};

    fn word_hash(word: &str) -> u64 {
        let mut hashes = Vec::new();
        word_hashes(word, &mut hashes);
        assert_eq!(hashes.len(), 1, "one word: {word:?}");
        hashes[0]
    }

    #[test]
    fn words_split_at_any_whitespace() {
        let mut hashes = Vec::new();
        word_hashes(" Port\u{a0}Averley\u{b}June,\tnext  ", &mut hashes);
        assert_eq!(
            hashes,
            [
                word_hash("port"),
                word_hash("averley"),
                word_hash("june"),
                word_hash("next")
            ]
        );
        word_hashes(" \u{2009} ", &mut hashes);
        assert!(hashes.is_empty());
    }

    #[test]
    fn words_compare_by_letters_and_digits_ignoring_case() {
        assert_eq!(word_hash("Port"), word_hash("port,"));
        assert_eq!(word_hash("“Averley’s"), word_hash("averleys"));
        assert_eq!(word_hash("GARCÍA"), word_hash("garcía"));
        assert_ne!(word_hash("June"), word_hash("July"));
        let long = "a".repeat(70);
        assert_eq!(word_hash(&long), word_hash(&long.to_uppercase()));
        assert_ne!(word_hash(&long), word_hash(&"a".repeat(71)));
    }

    #[test]
    fn flags_a_near_repeat() {
        let text = "The ministers will meet in Port Averley on June 15 and 16 to discuss trade.\nOther news follows here today.\nThe ministers will meet in Port Averley to discuss trade on June 15 and 16.";
        assert_flags(
            "duplicate-passage",
            text,
            &["The ministers will meet in Port Averley to discuss trade on June 15 and 16."],
        );
    }

    /// A triple repeated inside the later sentence counts once: 4 of its 11
    /// distinct triples are in the first sentence (36%), though 14 of its 21
    /// triples are (67%).
    #[test]
    fn repeats_inside_a_sentence_count_once() {
        assert_clean(
            "duplicate-passage",
            "Tom and Ann sang Tom and Ann sang at the harbour fair today.\nTom and Ann sang Tom and Ann sang Tom and Ann sang Tom and Ann sang a brand new song for the crowd.",
        );
    }

    #[test]
    fn a_live_blog_entry_may_restate_background_but_not_be_pasted_twice() {
        let background = "The harbour board needs nine of its fifteen votes to close the old ferry terminal.";
        let restated = format!(
            "9:05 a.m.\n\nMirela Tosh has won the first vote on the terminal.\n\n{background}\n\n___\n\n10:40 a.m.\n\nBram Oduya says he will vote against the closure.\n\n{background}"
        );
        assert_clean("duplicate-passage", &restated);
        let entry = "The count in the eastern wards has been delayed by a fault in the scanning machines. Officials expect the final tally of the ballots to come late on Tuesday night.";
        let pasted = format!("9:05 a.m.\n\n{entry}\n\n___\n\n10:40 a.m.\n\n{entry}");
        assert_eq!(flagged("duplicate-passage", &pasted).len(), 2);
    }

    #[test]
    fn a_quote_and_the_writers_report_of_it_are_not_a_repeat() {
        // The lede gives a fragment, the body the whole quote.
        assert_clean(
            "duplicate-passage",
            "Mirela Tosh said the ferries were the town's lifeline and would stay in public hands.\n\n“The ferries are the town's lifeline and will stay in public hands,” Tosh said.",
        );
        // A speaker's parallel sentences in one quotation.
        assert_clean(
            "duplicate-passage",
            "“It will take more than a new timetable to save the night ferry. It will take more than a new timetable to save the harbour,” Tosh said.",
        );
    }

    #[test]
    fn a_pull_quote_repeating_the_body_passes() {
        assert_clean(
            "duplicate-passage",
            "“Nobody in this town will lose their ferry while I chair the board,” Tosh told the meeting.\n\n“Nobody in this town will lose their ferry while I chair the board.”\n— Mirela Tosh",
        );
    }

    #[test]
    fn different_sentences_pass() {
        assert_clean(
            "duplicate-passage",
            "The ministers will meet in Port Averley on June 15 to discuss trade.\nThe harbour authority will publish its dredging plan for the eastern basin next month.",
        );
    }
}
