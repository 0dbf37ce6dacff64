//! Rule-file loading: any text gives a rule file or a clear error (with an
//! offset inside the text), never a panic; a file that loads also compiles
//! into an engine that can check an article; and the result is deterministic.
#![no_main]

use attrib::rules::{parse_rule_file, validate, yaml, RuleSet};
use attrib::{Engine, InputFormat, SourceFile};
use attrib_fuzz::assert_check;
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "“We will reopen the bridge,” said Mayor Ilse Marten. Experts say it is unsafe.\n\n\
Critics argued the repairs were rushed, according to a council official.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(err) = yaml::parse(text) {
        assert!(err.offset <= text.len());
    }
    let (_, problems) = validate::validate("fuzz.yaml", text, None);
    for problem in &problems {
        if let Some(span) = problem.span {
            assert!(span.offset() <= text.len());
        }
    }
    let parsed = parse_rule_file("fuzz.yaml", text);
    let again = parse_rule_file("fuzz.yaml", text);
    assert_eq!(
        format!("{:?}", parsed.as_ref().map_err(|e| &e.message)),
        format!("{:?}", again.as_ref().map_err(|e| &e.message)),
        "loading is deterministic"
    );
    let Ok(file) = parsed else {
        return;
    };
    let mut rules = RuleSet::defaults();
    rules.merge("fuzz.yaml", file);
    let engine = Engine::new(rules);
    let article = SourceFile::new("a.txt", ARTICLE, InputFormat::Plain);
    assert_check(&engine, &article);
});
