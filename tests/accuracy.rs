//! The accuracy regression gate: attrib's scores on the gold corpus
//! (tests/corpus/) must not fall below the committed baseline
//! (tests/corpus/baseline.json) by more than 0.001.
//!
//! After an improvement, raise the baseline with
//!
//! ```text
//! ATTRIB_UPDATE_BASELINE=1 cargo test --test accuracy
//! ```
//!
//! and commit the new tests/corpus/baseline.json with the change.

use attrib::eval::{score_corpus, Baseline};
use attrib::RuleSet;
use std::path::Path;

const TOLERANCE: f64 = 0.001;

#[test]
fn corpus_scores_stay_at_or_above_the_baseline() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let baseline_path = corpus.join("baseline.json");
    let report = score_corpus(&corpus, &RuleSet::defaults()).unwrap_or_else(|e| panic!("scoring the corpus: {e:?}"));
    let current = Baseline::of(&report);
    let json = serde_json::to_string_pretty(&current).expect("baseline serialises") + "\n";
    println!("current scores on tests/corpus:\n{json}");

    if std::env::var("ATTRIB_UPDATE_BASELINE").is_ok_and(|v| v == "1") {
        std::fs::write(&baseline_path, &json).expect("writing tests/corpus/baseline.json");
        println!("wrote {}", baseline_path.display());
        return;
    }

    let text = std::fs::read_to_string(&baseline_path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; create it with ATTRIB_UPDATE_BASELINE=1 cargo test --test accuracy",
            baseline_path.display()
        )
    });
    let baseline: Baseline = serde_json::from_str(&text).expect("tests/corpus/baseline.json is a valid baseline");
    let regressions = baseline.regressions(&current, TOLERANCE);
    assert!(
        regressions.is_empty(),
        "scores fell below tests/corpus/baseline.json:\n  {}\n(`attrib eval --errors` lists the errors)",
        regressions.join("\n  ")
    );
    // The same comparison the other way round lists the scores that rose.
    let improved = current.regressions(&baseline, TOLERANCE).len();
    if improved > 0 {
        println!("{improved} scores are above the baseline: raise it with ATTRIB_UPDATE_BASELINE=1 cargo test --test accuracy");
    }
}
