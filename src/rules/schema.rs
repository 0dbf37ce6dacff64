//! The rule-file schema: one set of serde types for every YAML rule file,
//! the embedded defaults and the user's `attrib.yaml` alike.

use schemars::JsonSchema;
use serde::de::{self, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One YAML rule file. Every section is optional; files are merged in order.
#[derive(Debug, Default, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Rule files this one builds on, merged before it: `default` (the
    /// built-in rules) or a path relative to this file.
    #[serde(default)]
    pub extends: Vec<String>,
    /// The outlet the article is written for: "told <publication>" is first-hand.
    #[serde(default)]
    pub publication: Option<String>,
    /// Per check code: a severity or `off` (`vague-source: warning`), or the
    /// long form with examples (`vague-source: {severity: warning, examples: …}`).
    #[serde(default)]
    pub checks: BTreeMap<String, CheckSetting>,
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
    /// House rules: phrases to flag, substitutions, sentences that need a source.
    #[serde(default)]
    pub rules: Vec<CustomRule>,
}

/// Example texts that test a rule: each `flag` text must produce at least one
/// finding of the rule's code, each `pass` text none (`attrib rules test`).
#[derive(Debug, Default, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Examples {
    /// Rules merged over the rule set for these examples only, e.g.
    /// `{strict: true}` or a registry entry the examples need.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setup: Option<Box<RuleFile>>,
    /// Texts the rule must flag.
    pub flag: Vec<String>,
    /// Texts the rule must leave alone.
    pub pass: Vec<String>,
}

impl Examples {
    pub fn is_empty(&self) -> bool {
        self.flag.is_empty() && self.pass.is_empty()
    }
}

/// The setting of one built-in check: `warning`, or the long form.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CheckSetting {
    /// `vague-source: warning` (or error, info, off).
    Level(Level),
    /// `vague-source: {severity: warning, examples: {flag: […], pass: […]}}`.
    Full(CheckOverride),
}

/// The long form of a check setting.
#[derive(Debug, Default, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckOverride {
    /// The severity, or `off`; the check's default when absent.
    #[serde(default)]
    pub severity: Option<Level>,
    /// Texts the check must flag and must pass.
    #[serde(default)]
    pub examples: Examples,
}

impl CheckSetting {
    /// The level this setting gives, if it gives one.
    pub fn level(&self) -> Option<Level> {
        match self {
            CheckSetting::Level(level) => Some(*level),
            CheckSetting::Full(full) => full.severity,
        }
    }

    pub fn examples(&self) -> Option<&Examples> {
        match self {
            CheckSetting::Level(_) => None,
            CheckSetting::Full(full) => Some(&full.examples),
        }
    }
}

impl<'de> Deserialize<'de> for CheckSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = CheckSetting;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a severity (error, warning, info, off) or a map with `severity` and `examples`")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<CheckSetting, E> {
                Level::deserialize(value.into_deserializer()).map(CheckSetting::Level)
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<CheckSetting, E> {
                // YAML 1.1 readers turn `off` into false; accept it as `off`.
                if value {
                    Err(E::invalid_value(de::Unexpected::Bool(true), &self))
                } else {
                    Ok(CheckSetting::Level(Level::Off))
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CheckSetting, A::Error> {
                CheckOverride::deserialize(de::value::MapAccessDeserializer::new(map)).map(CheckSetting::Full)
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

/// What a custom rule does.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Flag each of `phrases` (unless inside one of `exceptions`).
    Phrase,
    /// Flag each key of `swap` and suggest its value instead.
    Substitution,
    /// A sentence matching `phrases` or `pattern` must have an attribution in
    /// the sentence or its paragraph.
    RequireAttribution,
    /// Every attribution whose speaker matches `classes` / `outlet-tags` must
    /// meet `require`.
    SpeakerPolicy,
}

/// What a `speaker-policy` rule requires of the speakers it selects.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// A reason for anonymity in the sentence or the next one (`anonymity_reasons`).
    Reason,
    /// A role or affiliation, from the article or the registry.
    Role,
    /// The outlet's tag named in the sentence: a quote given to a `state-media`
    /// outlet must say "state media" (tag words, hyphens read as spaces).
    Label,
    /// Later surname-only mentions of the speaker carry a courtesy title (Mr., Ms., Dr.).
    CourtesyTitle,
}

impl RuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Phrase => "phrase",
            RuleKind::Substitution => "substitution",
            RuleKind::RequireAttribution => "require-attribution",
            RuleKind::SpeakerPolicy => "speaker-policy",
        }
    }
}

fn warning() -> Level {
    Level::Warning
}

/// A house rule. Its `id` is the code of its findings.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomRule {
    /// The rule's code, kebab-case: `no-sources-say`.
    pub id: String,
    pub kind: RuleKind,
    /// The finding's message. `{match}` is replaced by the text found,
    /// `{replacement}` by a substitution's preferred phrase.
    #[serde(default)]
    pub message: Option<String>,
    /// What to write instead.
    #[serde(default)]
    pub help: Option<String>,
    /// error, warning (the default), info, or off.
    #[serde(default = "warning")]
    pub severity: Level,
    /// A link to the house style guide entry.
    #[serde(default)]
    pub link: Option<String>,
    /// `phrase` and `require-attribution`: the phrases to find (case-insensitive, whole words).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Phrases that contain a flagged phrase but are fine ("sources say" vs "sources say so").
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// `substitution`: the phrase to avoid, mapped to the phrase to use.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// `require-attribution`: a regular expression (Rust `regex` syntax) a sentence may match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// `speaker-policy`: the speaker classes it applies to (person, organization,
    /// document, anonymous, vague); empty means all.
    #[serde(default)]
    pub classes: Vec<String>,
    /// `speaker-policy`: apply only to quotes given to an outlet with one of these tags.
    #[serde(default, rename = "outlet-tags")]
    pub outlet_tags: Vec<String>,
    /// `speaker-policy`: what the selected speakers must have.
    #[serde(default)]
    pub require: Option<Requirement>,
    /// Also match inside direct quotations (by default a speaker's words are left alone).
    #[serde(default)]
    pub quotes: bool,
    /// Texts the rule must flag and must pass.
    #[serde(default)]
    pub examples: Examples,
}

/// A finding's severity.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
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
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
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
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerbGroup {
    pub class: VerbClass,
    pub forms: Vec<String>,
}

/// Every word list attrib reads. Lists in several files are concatenated.
#[derive(Debug, Default, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LexiconLists {
    pub reporting_verbs: Vec<VerbGroup>,
    pub quote_verbs: Vec<String>,
    pub naming_verbs: Vec<String>,
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
    pub contentious_labels: Vec<String>,
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
    pub object_pronouns: Vec<String>,
    pub not_speaker_labels: Vec<String>,
    pub time_words: Vec<String>,
    pub prepositions: Vec<String>,
    /// Words that put a sentence in a court or criminal case, where "alleged"
    /// is the neutral legal term (loaded-verb).
    pub legal_context: Vec<String>,
    /// Collective nouns that take a plural verb ("police say", "staff say").
    pub plural_collectives: Vec<String>,
    /// Verbs that report only what evidence shows ("the poll shows"), never a person.
    pub evidence_verbs: Vec<String>,
    /// Words that open a post-modifier of a described speaker ("sources close to …").
    pub post_modifier_openers: Vec<String>,
    /// Words that negate a subject ("neither candidate said").
    pub negators: Vec<String>,
    /// Words that open a clause of their own after a cue ("she said as she left").
    pub clause_openers: Vec<String>,
    /// Coordinating conjunctions ("and", "but", "or").
    pub conjunctions: Vec<String>,
    /// Verbs that answer something said before and are complete without a
    /// content of their own ("Rubio disagreed.", "the council agreed with her").
    pub answer_verbs: Vec<String>,
    /// Words that make a share of a group a speaker, as polls report it ("26 percent of
    /// voters", "six in 10", "half of respondents"): share nouns and number words.
    pub quantity_words: Vec<String>,
    /// Verbs whose infinitive reports a decision, not a statement ("agreed to abstain").
    pub decision_verbs: Vec<String>,
    /// The writer's own first-person pronouns ("I", "me", "my"): outside quotations in
    /// several body sentences they mark a column, letter or essay (document structure).
    pub pronouns_first_person: Vec<String>,
    /// Documents a figure or finding rests on ("poll", "survey", "filings", "records"): a
    /// claim whose sentence, or the one beside it, names one is sourced (unsupported-claim).
    pub evidence_documents: Vec<String>,
    /// Heads of a phrase that speaks for an organisation on the record ("a spokesman", "a
    /// Treasury spokeswoman"): an unnamed voice of a named body, not a grant of anonymity.
    pub institutional_voices: Vec<String>,
    /// Verbs besides "be" that predicate what something is ("became", "proved", "seems"): an
    /// evaluative word they predicate is asserted, not a description (unsupported-claim).
    pub linking_verbs: Vec<String>,
    /// Parties and their members ("Republicans", "Labour", "PACs"): a capitalised phrase ending
    /// in one ("Senate Republicans") is a group, never a person's name.
    pub party_words: Vec<String>,
    /// Words that may stand between a linking verb and its evaluation ("so", "too", "very").
    pub degree_words: Vec<String>,
    /// Verbs whose subject acts rather than gives information ("ordered", "proposed",
    /// "chanted", "asked for"): their subject is an actor in the story, not a source
    /// (anonymous-source, vague-source).
    pub actor_verbs: Vec<String>,
    /// Openings of a byline or writing credit ("By", "Reporting by"): document structure
    /// (rules/structure.yaml), as are the lists below.
    pub byline_openers: Vec<String>,
    /// Job words after a name that make a short line a byline ("staff writer", "correspondent").
    pub byline_roles: Vec<String>,
    /// Openings of a picture caption's credit ("Photo:", "(Photo", "Photo by").
    pub caption_openers: Vec<String>,
    /// Words a credit line is made of, alone ("Getty Images", "AP", "via").
    pub credit_words: Vec<String>,
    /// Labels opening a list of links or related stories ("Related", "Read more").
    pub related_labels: Vec<String>,
    /// Openings of boilerplate and reader call-outs ("Follow us", "Sign up for", "Copyright").
    pub boilerplate_openers: Vec<String>,
    /// Phrases that make a short line boilerplate wherever they stand ("contributed to this report").
    pub boilerplate_phrases: Vec<String>,
    /// Labels near the top that mark the piece as opinion ("Op-Ed", "LETTERS").
    pub opinion_labels: Vec<String>,
    /// Labels of an archive's summary paragraph ("Abstract"): the paragraph after them is a standfirst.
    pub summary_labels: Vec<String>,
}

/// A known speaker.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpeakerEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Transcripts of what this speaker said, for quote verification: paths
    /// or globs relative to the rule file (plain text or Markdown), or
    /// `{text: …}` with the transcript written inline.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Check codes never reported for this speaker (a deliberately anonymous source).
    #[serde(default)]
    pub allow: Vec<String>,
}

/// A known outlet.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One entry of a speaker's `sources`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SourceRef {
    /// A file, or a glob (`transcripts/adeyemi-*.txt`), relative to the rule file.
    Path(String),
    /// A transcript written in the rule file (handy for `examples`).
    Inline(InlineSource),
}

/// A transcript given inline: `{text: "ADEYEMI: We will not raise fares."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InlineSource {
    pub text: String,
}
