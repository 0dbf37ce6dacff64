//! Building the index: the transcripts' turns joined into one text, each turn
//! given the registry speakers whose words it is (by its label or the file's
//! owners), and the postings of every pair of neighbouring words.
//!
//! Separate because it runs once per run, while `search` runs per quotation;
//! the two share only the index's layout and the pair hash (`bucket`).

use super::{key_words, Names, SourceFileInfo, SourceIndex, TurnInfo};
use crate::rules::SpeakerEntry;
use crate::verify::transcript::{self, Transcript};
use crate::verify::words;
use rustc_hash::FxHashMap;

impl SourceIndex {
    /// Index transcripts; `speakers` is the registry, for matching labels.
    pub fn build(transcripts: Vec<Transcript>, speakers: &[SpeakerEntry]) -> Self {
        let names: Vec<Names> = speakers
            .iter()
            .map(|s| Names {
                full: key_words(&s.name),
                aliases: s.aliases.iter().map(|a| key_words(a)).collect(),
            })
            .collect();
        // Which registry speakers a label names: exactly one, by full name,
        // alias, or a unique last word.
        let registry_of = |label: &[String]| -> Option<u32> {
            let by_name: Vec<usize> = (0..names.len())
                .filter(|&i| {
                    label.ends_with(&names[i].full)
                        || names[i].aliases.iter().any(|a| !a.is_empty() && label.ends_with(a))
                })
                .collect();
            if by_name.len() == 1 {
                return Some(by_name[0] as u32);
            }
            let by_surname: Vec<usize> = (0..names.len())
                .filter(|&i| label.len() == 1 && names[i].full.last() == label.last())
                .collect();
            (by_surname.len() == 1).then(|| by_surname[0] as u32)
        };
        let is_name = |label: &str| registry_of(&key_words(label)).is_some();

        let total: usize = transcripts.iter().map(|t| t.text.len() + 1).sum();
        let mut index = SourceIndex {
            text: String::with_capacity(total),
            files: Vec::with_capacity(transcripts.len()),
            turns: Vec::new(),
            label_keys: Vec::new(),
            registry_files: vec![Vec::new(); speakers.len()],
            label_files: Vec::new(),
            label_suffixes: FxHashMap::default(),
            single_word_labels: FxHashMap::default(),
            registry_names: names.iter().map(|n| n.full.clone()).collect(),
            vocabulary: FxHashMap::default(),
            posting_starts: Vec::new(),
            postings: Vec::new(),
            bucket_bits: 0,
            words: 0,
        };
        let mut label_ids: FxHashMap<Vec<String>, usize> = FxHashMap::default();
        for (file_no, transcript) in transcripts.into_iter().enumerate() {
            let base = index.text.len();
            let file = file_no as u32;
            // The line of each turn, counted as the turns go.
            let (mut line, mut line_at) = (1u32, 0usize);
            for turn in transcript::turns(&transcript.text, &is_name) {
                let label_text = turn.label.map(|(a, b)| &transcript.text[a..b]);
                let label = label_text.map(key_words);
                let (speakers, named): (Vec<u32>, Option<u32>) = match label.as_deref() {
                    // Unlabelled text, and answers, are the words of whoever lists the file.
                    None => (transcript.owners.iter().map(|&o| o as u32).collect(), None),
                    Some([answer]) if answer == "a" || answer == "answer" => {
                        (transcript.owners.iter().map(|&o| o as u32).collect(), None)
                    }
                    Some(label) => match registry_of(label) {
                        Some(r) => (vec![r], None),
                        None => {
                            let key = *label_ids.entry(label.to_vec()).or_insert_with(|| {
                                index.label_keys.push(label.to_vec());
                                index.label_files.push(Vec::new());
                                index.label_keys.len() - 1
                            });
                            (Vec::new(), Some(key as u32))
                        }
                    },
                };
                if speakers.is_empty() && named.is_none() {
                    continue;
                }
                for &s in &speakers {
                    let files = &mut index.registry_files[s as usize];
                    if files.last() != Some(&file) {
                        files.push(file);
                    }
                }
                if let Some(k) = named {
                    let files = &mut index.label_files[k as usize];
                    if files.last() != Some(&file) {
                        files.push(file);
                    }
                }
                line += memchr::memchr_iter(b'\n', &transcript.text.as_bytes()[line_at..turn.span.0]).count() as u32;
                line_at = turn.span.0;
                index.turns.push(TurnInfo {
                    line,
                    start: (base + turn.span.0) as u32,
                    end: (base + turn.span.1) as u32,
                    label: turn.label.map(|(a, b)| ((base + a) as u32, (base + b) as u32)),
                    speakers: speakers.into_boxed_slice(),
                    named,
                });
            }
            index.text.push_str(&transcript.text);
            index.text.push('\n');
            index.files.push(SourceFileInfo {
                name: transcript.name,
                start: base as u32,
                end: (base + transcript.text.len()) as u32,
            });
        }
        index.build_postings();
        // Each label under every run of its last words, for matching names.
        for (k, label) in index.label_keys.iter().enumerate() {
            for from in 0..label.len() {
                index
                    .label_suffixes
                    .entry(label[from..].join(" "))
                    .or_default()
                    .push(k as u32);
            }
            if let [word] = label.as_slice() {
                index.single_word_labels.entry(word.clone()).or_default().push(k as u32);
            }
        }
        index
    }

    /// Two passes over the turns: intern each word and count each pair of
    /// neighbouring words by bucket, then place each pair's offset.
    fn build_postings(&mut self) {
        let words_total: usize = self.turns.iter().map(|t| (t.end - t.start) as usize / 6).sum();
        // About four pairs per bucket: a collision only makes a list longer,
        // the alignment sorts it out.
        self.bucket_bits = (words_total / 4)
            .max(1)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(4, 26);
        let buckets = 1usize << self.bucket_bits;
        let mut counts: Vec<u32> = vec![0; buckets];
        let mut buf = String::new();
        let mut words = 0usize;
        for turn in &self.turns {
            let text = &self.text[turn.start as usize..turn.end as usize];
            let mut previous: Option<u32> = None;
            for (a, b) in words::words(text) {
                let key = words::key_into(&text[a..b], &mut buf);
                let id = match self.vocabulary.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = self.vocabulary.len() as u32;
                        self.vocabulary.insert(key.into(), id);
                        id
                    }
                };
                words += 1;
                if let Some(p) = previous {
                    counts[self.bucket(p, id)] += 1;
                }
                previous = Some(id);
            }
        }
        self.words = words;
        // `counts` becomes each bucket's start, then serves as its fill cursor
        // (ending at the next bucket's start), and is shifted back at the end.
        let mut starts = counts;
        let mut total = 0u32;
        for slot in starts.iter_mut() {
            let count = *slot;
            *slot = total;
            total += count;
        }
        starts.push(total);
        let fill = &mut starts;
        let mut postings = vec![0u32; total as usize];
        for turn in &self.turns {
            let text = &self.text[turn.start as usize..turn.end as usize];
            let mut previous: Option<(u32, u32)> = None;
            for (a, b) in words::words(text) {
                let id = self.vocabulary[words::key_into(&text[a..b], &mut buf)];
                let at = turn.start + a as u32;
                if let Some((p, p_at)) = previous {
                    let bucket = self.bucket(p, id);
                    postings[fill[bucket] as usize] = p_at;
                    fill[bucket] += 1;
                }
                previous = Some((id, at));
            }
        }
        // Each cursor now stands at its bucket's end: shift them back by one.
        starts.copy_within(0..buckets, 1);
        starts[0] = 0;
        self.posting_starts = starts;
        self.postings = postings;
        self.vocabulary.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{index, search, ADEYEMI};
    use super::super::Who;

    #[test]
    fn labelled_turns_belong_to_their_speakers() {
        let text = "Briefing, Harbour Hall\n\nMINISTER OLU ADEYEMI: We will not raise ferry fares this year.\n\
                    MARA VOSS: The ferry fares will rise in the spring.\nREPORTER: Is that a promise?\n";
        let index = index(text, vec![0]);
        assert_eq!(
            search(&index, "we will not raise ferry fares", ADEYEMI),
            (Some(0), None)
        );
        let (own, other) = search(&index, "The ferry fares will rise in the spring", ADEYEMI);
        assert_eq!(other, Some(0));
        assert!(own.is_none_or(|cost| cost > 0));
        let (_, other) = search(&index, "Is that a promise?", ADEYEMI);
        assert_eq!(other, Some(0));
        // The preamble is nobody's words.
        assert_eq!(search(&index, "Briefing, Harbour Hall", ADEYEMI), (None, None));
    }

    #[test]
    fn unlabelled_sources_are_their_owners_words() {
        let index = index("We will pay for the pier ourselves.", vec![1]);
        let voss = Who {
            registry: Some(1),
            name: "Mara Voss",
        };
        assert_eq!(search(&index, "We will pay for the pier", voss), (Some(0), None));
        assert_eq!(search(&index, "We will pay for the pier", ADEYEMI).1, Some(0));
        assert_eq!(index.files_of(voss), vec![0]);
        assert!(index.files_of(ADEYEMI).is_empty());
    }

    #[test]
    fn answers_are_the_owners_and_questions_are_not() {
        let index = index("Q: Will you resign?\nA: I will not resign today.\n", vec![0]);

        assert_eq!(search(&index, "I will not resign", ADEYEMI), (Some(0), None));
        assert_eq!(search(&index, "Will you resign", ADEYEMI).1, Some(0));
    }
}
