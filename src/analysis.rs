//! What attrib knows about one document once it is analysed: the document,
//! its attributions, the cast of speakers and the name mentions. Built by
//! [`crate::Engine::analyze`]; checks, verification and reports only read it.

use crate::attribution::grammar::NameMention;
use crate::attribution::Attribution;
use crate::document::Document;
use crate::resolve::Cast;
use crate::rules::RuleSet;
use crate::verify;

/// Everything attrib knows about one document.
#[derive(Debug)]
pub struct Analysis<'s> {
    pub document: Document<'s>,
    pub attributions: Vec<Attribution>,
    pub cast: Cast,
    /// Every proper-name mention, in order (found once; resolve and checks share it).
    pub names: Vec<NameMention>,
    /// The quotes verification found wrong, worked out once for the three
    /// verification checks ([`Analysis::quote_checks`]).
    pub quote_checks: std::sync::OnceLock<Vec<verify::QuoteCheck>>,
}

impl Analysis<'_> {
    /// The quotes that differ from, or are missing from, the given sources
    /// (none without sources). Worked out on the first call.
    pub fn quote_checks(&self, rules: &RuleSet, sources: Option<&verify::SourceIndex>) -> &[verify::QuoteCheck] {
        self.quote_checks.get_or_init(|| match sources {
            Some(index) => verify::verify(&self.document, &self.attributions, &self.cast, rules, index),
            None => Vec::new(),
        })
    }
}
