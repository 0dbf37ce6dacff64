//! Paragraphs and sentences: any text segments without panicking, every span
//! lies inside the text on character boundaries, and segmenting twice agrees.
#![no_main]

use attrib::Document;
use attrib_fuzz::{assert_document, default_engine, source_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = source_from_bytes(data);
    let lexicon = &default_engine().lexicon;
    let document = Document::build(&source, lexicon);
    assert_document(&source, &document);
    let again = Document::build(&source, lexicon);
    let spans = |d: &Document<'_>| -> Vec<_> { d.sentences.iter().map(|s| (s.span, s.paragraph)).collect() };
    assert_eq!(spans(&document), spans(&again), "segmentation is deterministic");
});
