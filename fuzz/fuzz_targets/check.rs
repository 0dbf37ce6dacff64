//! The whole check of one file, as the command line runs it: bytes are
//! decoded (invalid UTF-8 is an error with a position, never a panic), then
//! analysed, checked and rendered as JSON. Findings are deterministic and
//! every span and label lies inside the text on character boundaries.
#![no_main]

use attrib::report::json::FileOutput;
use attrib::SourceFile;
use attrib_fuzz::{assert_check, default_engine, format_and_rest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (format, bytes) = format_and_rest(data);
    let source = match SourceFile::from_bytes("fuzz.md", bytes.to_vec(), format) {
        Ok(source) => source,
        Err(err) => {
            assert!(err.offset <= bytes.len() && err.line >= 1 && err.column >= 1);
            return;
        }
    };
    let findings = assert_check(default_engine(), &source);
    let json = serde_json::to_string(&FileOutput::new(&source, &findings)).expect("findings serialise");
    assert!(json.starts_with('{'));
});
