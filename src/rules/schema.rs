//! The rule-file schema: one set of serde types for every YAML rule file,
//! the embedded defaults and the user's `attrib.yaml` alike.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One YAML rule file. Every section is optional; files are merged in order.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The outlet the article is written for: "told <publication>" is first-hand.
    #[serde(default)]
    pub publication: Option<String>,
    /// Severity per check code, or `off`.
    #[serde(default)]
    pub checks: BTreeMap<String, Level>,
    /// Word lists used by the grammar and the checks; merged by appending.
    #[serde(default)]
    pub lexicon: LexiconLists,
    /// The speaker registry.
    #[serde(default)]
    pub speakers: Vec<SpeakerEntry>,
    /// Known outlets, with tags such as `state-media`.
    #[serde(default)]
    pub outlets: Vec<OutletEntry>,
    /// When true, a named speaker absent from the registry is reported (`unknown-speaker`).
    #[serde(default)]
    pub strict: bool,
}

/// A finding's severity.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a rule file may set a check to.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// How a reporting verb colours what it reports.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerbClass {
    /// said, told, asked, added, wrote, according to
    Neutral,
    /// names the channel: posted, tweeted, testified, announced
    Medium,
    /// vouches for the content: revealed, noted, pointed out, confirmed
    Endorsing,
    /// casts doubt: claimed, alleged, insisted
    Doubting,
    /// implies guilt: admitted, confessed, conceded
    Culpability,
    /// emotive or headline-ese: slammed, quipped, retorted
    Tone,
    /// cannot carry speech: smiled, laughed, shrugged
    NonSpeech,
    /// the reporter cannot know it: believes, thinks, hopes
    Mental,
}

impl VerbClass {
    /// Classes whose verbs judge the statement they report.
    pub fn is_loaded(self) -> bool {
        matches!(
            self,
            VerbClass::Endorsing
                | VerbClass::Doubting
                | VerbClass::Culpability
                | VerbClass::Tone
                | VerbClass::NonSpeech
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VerbClass::Neutral => "neutral",
            VerbClass::Medium => "medium",
            VerbClass::Endorsing => "endorsing",
            VerbClass::Doubting => "doubting",
            VerbClass::Culpability => "culpability",
            VerbClass::Tone => "tone",
            VerbClass::NonSpeech => "non-speech",
            VerbClass::Mental => "mental",
        }
    }
}

/// A group of reporting-verb forms sharing a class.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VerbGroup {
    pub class: VerbClass,
    pub forms: Vec<String>,
}

/// Every word list attrib reads. Lists in several files are concatenated.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LexiconLists {
    pub reporting_verbs: Vec<VerbGroup>,
    pub vague_sources: Vec<String>,
    pub vague_heads: Vec<String>,
    pub passive_vague_verbs: Vec<String>,
    pub anonymous_heads: Vec<String>,
    pub anonymity_markers: Vec<String>,
    pub anonymity_reasons: Vec<String>,
    pub knowledge_clauses: Vec<String>,
    pub secondhand_markers: Vec<String>,
    pub organization_heads: Vec<String>,
    pub document_heads: Vec<String>,
    pub outlet_heads: Vec<String>,
    pub evaluative: Vec<String>,
    pub boosters: Vec<String>,
    pub hedges: Vec<String>,
    pub predictions: Vec<String>,
    pub causal: Vec<String>,
    pub change: Vec<String>,
    pub comparison: Vec<String>,
    pub generalisations: Vec<String>,
    pub titles: Vec<String>,
    pub courtesy_titles: Vec<String>,
    pub role_nouns: Vec<String>,
    pub name_particles: Vec<String>,
    pub not_names: Vec<String>,
    pub pronouns_singular: Vec<String>,
    pub pronouns_plural: Vec<String>,
    pub pronouns_neuter: Vec<String>,
    pub abbreviations: Vec<String>,
    pub determiners: Vec<String>,
    pub auxiliaries: Vec<String>,
    pub be_verbs: Vec<String>,
    pub time_words: Vec<String>,
    pub prepositions: Vec<String>,
}

/// A known speaker.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Transcripts of what this speaker said (used by quote verification).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A known outlet.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}
