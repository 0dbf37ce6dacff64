//! Quote pairing on its own: any mix of marks pairs without panicking, every
//! mark and content span lies inside the text on character boundaries, and
//! pairing twice agrees.
#![no_main]

use attrib::document::quotes::pair_quotes;
use attrib::text::Prose;
use attrib_fuzz::{assert_span, source_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = source_from_bytes(data);
    let prose = Prose::of(&source);
    let mut quotes = Vec::new();
    pair_quotes(&prose.text, &prose.blocks, &mut quotes);
    for quote in &quotes {
        for mark in [quote.open, quote.close].into_iter().flatten() {
            assert_span(&source.text, mark, "quote mark");
        }
        assert_span(&source.text, quote.content, "quote content");
        assert!(quote.first_paragraph <= quote.last_paragraph);
        assert!(quote.last_paragraph < prose.blocks.len());
    }
    let mut again = Vec::new();
    pair_quotes(&prose.text, &prose.blocks, &mut again);
    assert_eq!(quotes, again, "quote pairing is deterministic");
});
