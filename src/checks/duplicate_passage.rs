use super::{Check, CheckInfo, Context};
use crate::finding::Finding;
use crate::text::BlockKind;
use std::collections::hash_map::{DefaultHasher, Entry};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

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
    /// indexed, so cost stays linear in the size of the document.
    pub struct DuplicatePassage {
        code: "duplicate-passage",
        severity: Warning,
        summary: "a sentence or paragraph that repeats an earlier one",
    }
}

const MIN_WORDS: usize = 8;
const MIN_SHARED: f64 = 0.6;

fn normalise(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Hashes of the word triples of a sentence.
fn shingles(sentence: &str, out: &mut Vec<u64>) {
    out.clear();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    for window in words.windows(3) {
        let mut hasher = DefaultHasher::new();
        for word in window {
            normalise(word).for_each(|c| c.hash(&mut hasher));
            ' '.hash(&mut hasher);
        }
        out.push(hasher.finish());
    }
    out.sort_unstable();
    out.dedup();
}

impl Check for DuplicatePassage {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        // triple hash -> first sentence containing it
        let mut first_seen: HashMap<u64, usize> = HashMap::new();
        let mut triples = Vec::new();
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            if doc.paragraphs[sentence.paragraph].kind == BlockKind::Heading {
                continue;
            }
            let text = doc.slice(sentence.span);
            if text.split_whitespace().count() < MIN_WORDS {
                continue;
            }
            shingles(text, &mut triples);
            shared.clear();
            for &t in &triples {
                match first_seen.entry(t) {
                    Entry::Occupied(e) => *shared.entry(*e.get()).or_default() += 1,
                    Entry::Vacant(e) => {
                        e.insert(s);
                    }
                }
            }
            let best = shared
                .iter()
                .max_by_key(|&(&earlier, &count)| (count, std::cmp::Reverse(earlier)));
            if let Some((&earlier, &count)) = best {
                if count as f64 >= MIN_SHARED * triples.len() as f64 {
                    let earlier_span = doc.sentences[earlier].span;
                    out.push(
                        Finding::new(self.info().code, ctx.severity, sentence.span, "This sentence repeats an earlier passage")
                            .with_label("repeated")
                            .with_evidence(earlier_span, "first given here")
                            .with_help("Keep the passage once; if both are needed, say it differently and check the attribution of each."),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_a_near_repeat() {
        let text = "The ministers will meet in Port Averley on June 15 and 16 to discuss trade.\nOther news follows here today.\nThe ministers will meet in Port Averley to discuss trade on June 15 and 16.";
        assert_flags(
            "duplicate-passage",
            text,
            &["The ministers will meet in Port Averley to discuss trade on June 15 and 16."],
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
