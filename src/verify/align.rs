//! Aligning a quotation with a stretch of source words.
//!
//! A semi-global edit distance (the quotation whole, the source from any word
//! to any word) over word ids, with the edits newsroom standards allow at no
//! cost: an ellipsis skips any number of source words, a bracket stands for up
//! to [`BRACKET_MAX_WORDS`] of them. Every other difference costs one: a word
//! changed, added, or left out without an ellipsis. The traceback says which.

/// The most source words one `[bracketed]` insertion may stand for
/// ("[the new ferry levy]" for "it", "[Adeyemi]" for "the minister").
pub const BRACKET_MAX_WORDS: usize = 4;

/// A word id that matches nothing: a quotation word the sources never use.
pub const UNKNOWN: u32 = u32::MAX;

/// What a quotation item is, for the alignment.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Word(u32),
    Gap,
    Bracket,
}

/// One step of the alignment, in quotation order. Indexes are into the
/// quotation's items and the source words given.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The quotation's word is the source's.
    Same { item: usize, source: usize },
    /// The quotation changed a source word.
    Changed { item: usize, source: usize },
    /// The quotation has a word the source does not.
    Added { item: usize },
    /// The quotation leaves out source words `from..to` with no ellipsis;
    /// `after` is the item they follow (`None` at the start).
    Omitted {
        after: Option<usize>,
        from: usize,
        to: usize,
    },
    /// An ellipsis standing for source words `from..to` (possibly none).
    Elided { item: usize, from: usize, to: usize },
    /// A bracket standing for source words `from..to` (possibly none).
    Bracketed { item: usize, from: usize, to: usize },
}

/// The best alignment of a quotation within some source words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alignment {
    /// The number of edits that are not allowed.
    pub cost: u32,
    /// Quotation words found as they are in the source.
    pub same: u32,
    /// The source words the quotation covers: `first..end`.
    pub first: usize,
    pub end: usize,
    pub steps: Vec<Step>,
}

// Back-pointer codes.
const FROM_START: u8 = 0;
const DIAGONAL: u8 = 1;
const ITEM_ONLY: u8 = 2;
const SOURCE_ONLY: u8 = 3;
// BRACKET_BASE + k: a bracket consuming k >= 1 source words.
const BRACKET_BASE: u8 = 4;

/// Align `items` against `source` (word ids). `None` when there is nothing to align.
pub fn align(items: &[Item], source: &[u32]) -> Option<Alignment> {
    let (n, m) = (items.len(), source.len());
    if n == 0 {
        return None;
    }
    let width = m + 1;
    let mut cost = vec![0u32; (n + 1) * width];
    let mut back = vec![FROM_START; (n + 1) * width];
    for i in 1..=n {
        let row = i * width;
        let prev = (i - 1) * width;
        for j in 0..=m {
            // Each candidate: (cost, back-pointer); the first of equal costs wins,
            // so matches are preferred to edits.
            let mut best = (
                cost[prev + j] + u32::from(matches!(items[i - 1], Item::Word(_))),
                ITEM_ONLY,
            );
            if let (Item::Word(id), true) = (items[i - 1], j > 0) {
                let diagonal = cost[prev + j - 1] + u32::from(id == UNKNOWN || id != source[j - 1]);
                if diagonal <= best.0 {
                    best = (diagonal, DIAGONAL);
                }
            }
            let mut consider = |c: u32, b: u8| {
                if c < best.0 {
                    best = (c, b);
                }
            };
            match items[i - 1] {
                Item::Word(_) => {
                    if j > 0 {
                        consider(cost[row + j - 1] + 1, SOURCE_ONLY);
                    }
                }
                Item::Gap => {
                    if j > 0 {
                        consider(cost[row + j - 1], SOURCE_ONLY);
                    }
                }
                Item::Bracket => {
                    for k in 1..=BRACKET_MAX_WORDS.min(j) {
                        consider(cost[prev + j - k], BRACKET_BASE + k as u8);
                    }
                    if j > 0 {
                        consider(cost[row + j - 1] + 1, SOURCE_ONLY);
                    }
                }
            }
            cost[row + j] = best.0;
            back[row + j] = best.1;
        }
    }
    // The cheapest end; among equals the earliest.
    let last = n * width;
    let end = (0..=m).min_by_key(|&j| cost[last + j])?;
    let total = cost[last + end];

    // Trace back.
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, end);
    // Source words skipped after item i, waiting for the item they follow.
    let mut omitted_to: Option<usize> = None;
    let mut gap_to: Option<usize> = None;
    let mut same = 0;
    let mut first = end;
    while i > 0 {
        let here = back[i * width + j];
        if here == SOURCE_ONLY {
            match items[i - 1] {
                Item::Gap => {
                    gap_to.get_or_insert(j);
                }
                _ => {
                    omitted_to.get_or_insert(j);
                }
            }
            j -= 1;
            continue;
        }
        if let Some(to) = omitted_to.take() {
            steps.push(Step::Omitted {
                after: Some(i - 1),
                from: j,
                to,
            });
        }
        match here {
            DIAGONAL => {
                let Item::Word(id) = items[i - 1] else {
                    unreachable!("diagonal on a word")
                };
                if id != UNKNOWN && id == source[j - 1] {
                    same += 1;
                    steps.push(Step::Same {
                        item: i - 1,
                        source: j - 1,
                    });
                } else {
                    steps.push(Step::Changed {
                        item: i - 1,
                        source: j - 1,
                    });
                }
                j -= 1;
            }
            ITEM_ONLY => match items[i - 1] {
                Item::Word(_) => steps.push(Step::Added { item: i - 1 }),
                Item::Gap => steps.push(Step::Elided {
                    item: i - 1,
                    from: j,
                    to: gap_to.take().unwrap_or(j),
                }),
                Item::Bracket => steps.push(Step::Bracketed {
                    item: i - 1,
                    from: j,
                    to: j,
                }),
            },
            code => {
                let k = usize::from(code - BRACKET_BASE);
                steps.push(Step::Bracketed {
                    item: i - 1,
                    from: j - k,
                    to: j,
                });
                j -= k;
            }
        }
        if matches!(items[i - 1], Item::Gap) {
            gap_to = None;
        }
        i -= 1;
        first = first.min(j);
    }
    steps.reverse();
    // The covered source starts at the first word used, not where the free start left off.
    let first = steps
        .iter()
        .find_map(|s| match *s {
            Step::Same { source, .. } | Step::Changed { source, .. } => Some(source),
            Step::Omitted { from, .. } | Step::Elided { from, .. } | Step::Bracketed { from, .. } => Some(from),
            Step::Added { .. } => None,
        })
        .unwrap_or(first);
    Some(Alignment {
        cost: total,
        same,
        first,
        end,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(words: &str) -> Vec<u32> {
        words.split(' ').map(|w| w.bytes().map(u32::from).sum()).collect()
    }

    fn items(quote: &str) -> Vec<Item> {
        quote
            .split(' ')
            .map(|w| match w {
                "…" => Item::Gap,
                w if w.starts_with('[') => Item::Bracket,
                w => Item::Word(ids(w)[0]),
            })
            .collect()
    }

    fn run(quote: &str, source: &str) -> Alignment {
        align(&items(quote), &ids(source)).unwrap()
    }

    const SOURCE: &str = "good morning we will not raise ferry fares this year and we will pay for the pier";

    #[test]
    fn an_exact_quote_inside_a_longer_source_costs_nothing() {
        let a = run("we will not raise ferry fares", SOURCE);
        assert_eq!((a.cost, a.same, a.first, a.end), (0, 6, 2, 8));
    }

    #[test]
    fn an_ellipsis_skips_words_for_free() {
        let a = run("we will not raise … fares", SOURCE);
        assert_eq!(a.cost, 0);
        assert!(a.steps.contains(&Step::Elided {
            item: 4,
            from: 6,
            to: 7
        }));
        let a = run("we will not raise ferry fares … we will pay", SOURCE);
        assert_eq!(a.cost, 0);
    }

    #[test]
    fn a_bracket_stands_for_a_few_words() {
        let a = run("[the-council] will not raise ferry fares", SOURCE);
        assert_eq!(a.cost, 0);
        assert!(matches!(a.steps[0], Step::Bracketed { item: 0, .. }));
        // Inside a quote the bracket takes the place of the word it replaces.
        let a = run("we will not raise [bus] fares this year", SOURCE);
        assert_eq!(a.cost, 0);
        assert!(a.steps.contains(&Step::Bracketed {
            item: 4,
            from: 6,
            to: 7
        }));
    }

    #[test]
    fn an_omission_without_an_ellipsis_costs_each_word() {
        let a = run("we will raise ferry fares", SOURCE);
        assert_eq!(a.cost, 1);
        assert!(a.steps.contains(&Step::Omitted {
            after: Some(1),
            from: 4,
            to: 5
        }));
    }

    #[test]
    fn changed_and_added_words() {
        let a = run("we will not raise bus fares", SOURCE);
        assert_eq!(a.cost, 1);
        assert!(a.steps.contains(&Step::Changed { item: 4, source: 6 }));
        let a = run("we will certainly not raise ferry fares", SOURCE);
        assert_eq!(a.cost, 1);
        assert!(a.steps.contains(&Step::Added { item: 2 }));
    }

    #[test]
    fn reordering_is_not_free() {
        let a = run("we will not raise fares ferry", SOURCE);
        assert!(a.cost >= 1);
    }
}
