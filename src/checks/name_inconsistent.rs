use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;

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
    /// for longer names, or equal once accents are removed. Genuinely
    /// different people with near-identical names are flagged too.
    pub struct NameInconsistent {
        code: "name-inconsistent",
        severity: Warning,
        summary: "two spellings that likely denote one speaker",
    }
}

/// Fold common Latin accents so "García" compares equal to "Garcia".
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Whether two different surnames are close enough to be one misspelt.
fn likely_same(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    if fold(a) == fold(b) {
        return true;
    }
    let len = a.chars().count().min(b.chars().count());
    let allowed = match len {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    allowed > 0 && a.chars().next() == b.chars().next() && strsim::damerau_levenshtein(a, b) <= allowed
}

impl Check for NameInconsistent {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let doc = &ctx.analysis.document;
        let text: &str = &doc.text;
        let mentions: Vec<crate::Span> = ctx.analysis.names.iter().map(|m| m.span).collect();
        let mut reported: Vec<&str> = Vec::new();
        for speaker in ctx
            .analysis
            .cast
            .speakers
            .iter()
            .filter(|s| s.class == SpeakerClass::Person)
        {
            let Some(surname) = speaker.name.split_whitespace().last() else {
                continue;
            };
            let canonical = mentions
                .iter()
                .find(|m| m.slice(text).split_whitespace().any(|w| w == surname));
            for mention in &mentions {
                for word in mention.slice(text).split_whitespace() {
                    if !likely_same(surname, word) || reported.contains(&word) {
                        continue;
                    }
                    let count = |w: &str| {
                        mentions
                            .iter()
                            .filter(|m| m.slice(text).split_whitespace().any(|x| x == w))
                            .count()
                    };
                    // Report the rarer spelling.
                    if count(word) > count(surname) {
                        continue;
                    }
                    let at = mention.start + (word.as_ptr() as usize - mention.slice(text).as_ptr() as usize);
                    let span = crate::Span::new(at, at + word.len());
                    let mut finding = Finding::new(
                        self.info().code,
                        ctx.severity,
                        span,
                        format!("“{word}” may be a misspelling of {}", speaker.name),
                    )
                    .with_label("spelt differently here")
                    .with_help(format!(
                        "Use one spelling throughout; check which is right: {surname} or {word}."
                    ));
                    if let Some(c) = canonical {
                        finding = finding.with_evidence(*c, "spelt this way here");
                    }
                    out.push(finding);
                    reported.push(word);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::likely_same;
    use crate::checks::test_support::{assert_clean, assert_flags};

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
    fn consistent_names_pass() {
        assert_clean(
            "name-inconsistent",
            "Tomas Lindqvist, a councillor, said fares would rise. Lindqvist added more.",
        );
    }
}
