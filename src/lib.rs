//! attrib: a source-attribution and quote-verification checker for news text.
//!
//! ```
//! use attrib::{Engine, InputFormat, RuleSet, SourceFile};
//!
//! let engine = Engine::new(RuleSet::defaults());
//! let article = SourceFile::new("a.txt", "Experts say the bridge is unsafe.", InputFormat::Plain);
//! let findings = engine.check(&article);
//! assert_eq!(findings[0].code, "vague-source");
//! ```
//!
//! The pipeline: [`text`] loads a file and finds its prose, [`document`]
//! segments it and runs the one lexicon scan, [`attribution`] finds who said
//! what, [`resolve`] builds the cast of speakers, [`checks`] read the result
//! and produce [`Finding`]s. The library never prints; the binary reports.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod attribution;
pub mod checks;
pub mod document;
pub mod eval;
pub mod finding;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod text;
pub mod tokens;
pub mod verify;

pub use analysis::Analysis;
pub use attribution::{Attribution, AttributionKind, SpeakerClass};
pub use document::Document;
pub use finding::{Finding, Label};
pub use resolve::{Cast, Speaker};
pub use rules::{RuleSet, Severity};
pub use text::{InputFormat, SourceFile, Span};

use attribution::grammar::Grammar;
use rules::Lexicon;

/// A rule set compiled for checking: build once, check many files.
#[derive(Debug)]
pub struct Engine {
    pub rules: RuleSet,
    pub lexicon: Lexicon,
    /// The rule files' custom rules (`rules:`), compiled.
    pub custom: rules::custom::CustomRules,
    /// The speakers' source transcripts, indexed once per run (quote verification).
    pub sources: Option<std::sync::Arc<verify::SourceIndex>>,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Self {
        let lexicon = Lexicon::compile(&rules.lists);
        let custom = rules::custom::CustomRules::compile(&rules.rules)
            .with_context(&rules.outlets, &rules.lists.courtesy_titles);
        Engine {
            rules,
            lexicon,
            custom,
            sources: None,
        }
    }

    /// The engine with the rule set's sources (and `extra` files or folders)
    /// read and indexed; problems reading them are returned, the rest is used.
    pub fn with_sources(mut self, extra: &[std::path::PathBuf]) -> (Self, Vec<verify::SourceError>) {
        let has_sources = !extra.is_empty() || self.rules.speakers.iter().any(|s| !s.sources.is_empty());
        if !has_sources {
            return (self, Vec::new());
        }
        let (index, errors) = verify::index_sources(&self.rules, extra);
        self.sources = Some(std::sync::Arc::new(index));
        (self, errors)
    }

    /// Segment, find attributions and resolve speakers.
    pub fn analyze<'s>(&self, source: &'s SourceFile) -> Analysis<'s> {
        let document = Document::build(source, &self.lexicon);
        let grammar = Grammar::new(&self.lexicon);
        let mut attributions = grammar.attributions(&document);
        let names = grammar.name_mentions(&document);
        let cast = resolve::resolve(
            &document,
            &grammar,
            &self.lexicon,
            &self.rules,
            &names,
            &mut attributions,
        );
        Analysis {
            document,
            attributions,
            cast,
            names,
            quote_checks: std::sync::OnceLock::new(),
        }
    }

    /// Run every enabled check over an analysis; findings sorted by position,
    /// their spans byte offsets into the original text of the source file.
    pub fn check_analysis(&self, analysis: &Analysis<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        checks::run_all(
            analysis,
            &self.rules,
            &self.lexicon,
            self.sources.as_deref(),
            &mut findings,
        );
        self.custom.run(analysis, &mut findings);
        rules::suppress::apply_registry(analysis, &self.rules, &mut findings);
        let document = &analysis.document;
        if !document.offsets.is_identity() {
            for finding in &mut findings {
                finding.span = document.source_span(finding.span);
                for label in &mut finding.labels {
                    label.span = document.source_span(label.span);
                }
            }
        }
        rules::suppress::apply_comments(document.source, &mut findings);
        finding::sort_findings(&mut findings);
        findings
    }

    /// Analyse and check one source file.
    pub fn check(&self, source: &SourceFile) -> Vec<Finding> {
        self.check_analysis(&self.analyze(source))
    }
}
