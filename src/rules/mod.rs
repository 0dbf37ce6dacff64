//! Rule files: the schema, the embedded default set, loading and merging.
//!
//! All YAML handling lives here, so replacing `serde_yaml` with a maintained
//! fork is a change to this module only.

pub mod custom;
pub mod examples;
pub mod lexicon;
pub mod load;
pub mod schema;
pub mod suppress;
pub mod validate;
pub mod yaml;

pub use lexicon::Lexicon;
// Parsing a user's rule file validates it against the checks, which sit above the
// rule data: it lives with the validation and keeps its name here.
pub use schema::{
    CheckOverride, CheckSetting, CustomRule, Examples, InlineSource, Level, LexiconLists, OutletEntry, RuleFile,
    RuleKind, Severity, SourceRef, SpeakerEntry, VerbClass, VerbGroup,
};
pub use validate::{builtin_default, parse_rule_file};

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::collections::BTreeMap;

/// The default rule set, embedded in the binary: (file name, YAML text).
pub const DEFAULT_RULE_FILES: &[(&str, &str)] = &[
    ("rules/verbs.yaml", include_str!("../../rules/verbs.yaml")),
    ("rules/sources.yaml", include_str!("../../rules/sources.yaml")),
    ("rules/claims.yaml", include_str!("../../rules/claims.yaml")),
    ("rules/names.yaml", include_str!("../../rules/names.yaml")),
    ("rules/segmentation.yaml", include_str!("../../rules/segmentation.yaml")),
    ("rules/grammar.yaml", include_str!("../../rules/grammar.yaml")),
    ("rules/structure.yaml", include_str!("../../rules/structure.yaml")),
    ("rules/checks.yaml", include_str!("../../rules/checks.yaml")),
];

/// A rule file that could not be read, with the position of the problem.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{file}: {message}")]
#[diagnostic(code(attrib::rules))]
pub struct RuleError {
    pub file: String,
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("here")]
    pub span: Option<SourceSpan>,
    #[help]
    pub help: Option<String>,
}

impl RuleError {
    /// An error at a byte offset of a rule file's text.
    pub fn at(file: &str, text: &str, offset: Option<usize>, message: String, help: Option<String>) -> Self {
        RuleError {
            file: file.to_string(),
            message,
            source_code: NamedSource::new(file, text.to_string()),
            span: offset.map(|o| (o.min(text.len()), 0).into()),
            help,
        }
    }

    /// The 1-based line and column of the problem, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        let span = self.span?;
        let text = self.source_code.inner();
        let before = &text[..span.offset().min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, column))
    }
}

/// The largest rule file attrib reads. A house rule file or a speaker registry
/// of tens of thousands of entries is a few megabytes; a larger file is
/// almost surely a mistake, and YAML parsing holds several times its size in
/// memory.
pub const MAX_RULE_FILE_BYTES: u64 = 16 << 20;

/// The error for a rule file over [`MAX_RULE_FILE_BYTES`].
pub fn too_large_message(bytes: u64) -> (String, String) {
    (
        format!(
            "the rule file is {:.1} MB; attrib reads rule files up to {} MB",
            bytes as f64 / f64::from(1 << 20),
            MAX_RULE_FILE_BYTES >> 20
        ),
        "split it into several files joined with `extends:`".to_string(),
    )
}

/// The JSON Schema of a rule file, generated from the serde types
/// (committed as schema/attrib.schema.json for YAML language servers).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RuleFile);
    serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n"
}

/// The rule file a registry speaker comes from.
#[derive(Debug, Clone, Default)]
pub struct SpeakerOrigin {
    /// The rule file's name as reported.
    pub rule_file: String,
    /// The speaker's position in that file's `speakers` list.
    pub index: usize,
    /// The rule file's folder, when it was read from disk.
    pub dir: Option<std::path::PathBuf>,
    /// The rule file's text, for pointing errors at its lines.
    pub text: Option<std::sync::Arc<str>>,
}

/// The merged rule set a run uses: the defaults, then each user file in order.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Names of the files merged, in order.
    pub files: Vec<String>,
    pub publication: Option<String>,
    pub checks: BTreeMap<String, Level>,
    pub lists: LexiconLists,
    pub speakers: Vec<SpeakerEntry>,
    /// Where each speaker (same index) was defined: relative `sources` are
    /// read from there, and errors about them point there.
    pub speaker_origins: Vec<SpeakerOrigin>,
    pub outlets: Vec<OutletEntry>,
    pub strict: bool,
    /// Custom rules; a later rule with the same id replaces an earlier one.
    pub rules: Vec<CustomRule>,
}

impl RuleSet {
    /// The embedded default rule set.
    pub fn defaults() -> Self {
        let mut set = RuleSet::default();
        for (name, text) in DEFAULT_RULE_FILES {
            // The defaults pass the full validation (`defaults_validate` in
            // validate.rs); a broken default is a build bug.
            let file: RuleFile = serde_yaml::from_str(text).unwrap_or_else(|e| panic!("default rules {name}: {e}"));
            set.merge(name, file);
        }
        set
    }

    /// Merge a rule file over this set: scalars replace, lists append.
    pub fn merge(&mut self, name: &str, file: RuleFile) {
        self.files.push(name.to_string());
        if file.publication.is_some() {
            self.publication = file.publication;
        }
        for (code, setting) in file.checks {
            if let Some(level) = setting.level() {
                self.checks.insert(code, level);
            }
        }
        for rule in file.rules {
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(old) => *old = rule,
                None => self.rules.push(rule),
            }
        }
        self.strict |= file.strict;
        let l = &mut self.lists;
        let f = file.lexicon;
        l.reporting_verbs.extend(f.reporting_verbs);
        macro_rules! append {
            ($($list:ident),*) => { $( l.$list.extend(f.$list); )* };
        }
        append!(
            quote_verbs,
            naming_verbs,
            vague_sources,
            vague_heads,
            passive_vague_verbs,
            anonymous_heads,
            anonymity_markers,
            anonymity_reasons,
            knowledge_clauses,
            secondhand_markers,
            organization_heads,
            document_heads,
            outlet_heads,
            evaluative,
            contentious_labels,
            boosters,
            hedges,
            predictions,
            causal,
            change,
            comparison,
            generalisations,
            titles,
            courtesy_titles,
            role_nouns,
            name_particles,
            not_names,
            pronouns_singular,
            pronouns_plural,
            pronouns_neuter,
            abbreviations,
            determiners,
            auxiliaries,
            be_verbs,
            object_pronouns,
            not_speaker_labels,
            time_words,
            prepositions,
            legal_context,
            plural_collectives,
            evidence_verbs,
            post_modifier_openers,
            negators,
            clause_openers,
            conjunctions,
            answer_verbs,
            quantity_words,
            decision_verbs,
            pronouns_first_person,
            evidence_documents,
            institutional_voices,
            linking_verbs,
            party_words,
            degree_words,
            actor_verbs,
            byline_openers,
            byline_roles,
            caption_openers,
            credit_words,
            related_labels,
            boilerplate_openers,
            boilerplate_phrases,
            summary_labels,
            opinion_labels
        );
        self.speaker_origins
            .extend((0..file.speakers.len()).map(|index| SpeakerOrigin {
                rule_file: name.to_string(),
                index,
                dir: None,
                text: None,
            }));
        self.speakers.extend(file.speakers);
        self.outlets.extend(file.outlets);
    }

    /// The severity a check runs at, or `None` when it is switched off.
    pub fn severity_of(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.checks.get(code) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load() {
        let set = RuleSet::defaults();
        assert!(!set.lists.reporting_verbs.is_empty());
        assert!(!set.lists.abbreviations.is_empty());
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let err = parse_rule_file("a.yaml", "publication: X\nspeakerz: []\n").unwrap_err();
        assert_eq!(err.position().map(|p| p.0), Some(2));
        assert!(err.message.contains("speakerz"));
    }

    #[test]
    fn unknown_check_code_suggests_the_closest() {
        let err = parse_rule_file("a.yaml", "checks:\n  vague-sources: off\n").unwrap_err();
        assert_eq!(err.position().map(|p| p.0), Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `vague-source`?"));
    }

    #[test]
    fn user_lists_extend_the_defaults() {
        let mut set = RuleSet::defaults();
        let before = set.lists.vague_sources.len();
        let file = parse_rule_file("u.yaml", "lexicon:\n  vague_sources: [pundits reckon]\n").unwrap();
        set.merge("u.yaml", file);
        assert_eq!(set.lists.vague_sources.len(), before + 1);
    }
}
