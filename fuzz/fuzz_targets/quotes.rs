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
    // Spans index the prose (for HTML the decoded text), mapped back by offsets.
    let check = |span, what: &str| {
        assert_span(&prose.text, span, what);
        assert_span(&source.text, prose.offsets.span(span), what);
    };
    for quote in &quotes {
        for mark in [quote.open, quote.close].into_iter().flatten() {
            check(mark, "quote mark");
        }
        check(quote.content, "quote content");
        assert!(quote.first_paragraph <= quote.last_paragraph);
        assert!(quote.last_paragraph < prose.blocks.len());
    }
    let mut again = Vec::new();
    pair_quotes(&prose.text, &prose.blocks, &mut again);
    assert_eq!(quotes, again, "quote pairing is deterministic");
});
