//! Attribution parsing and speaker resolution: every span of every
//! attribution and of the cast lies inside the text on character boundaries,
//! every index points at something, and analysing twice agrees.
#![no_main]

use attrib_fuzz::{assert_analysis, default_engine, source_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = source_from_bytes(data);
    let engine = default_engine();
    let analysis = engine.analyze(&source);
    assert_analysis(&source, &analysis);
    let again = engine.analyze(&source);
    assert_eq!(
        analysis.attributions, again.attributions,
        "attributions are deterministic"
    );
    assert_eq!(
        format!("{:?}", analysis.cast),
        format!("{:?}", again.cast),
        "the cast is deterministic"
    );
});
