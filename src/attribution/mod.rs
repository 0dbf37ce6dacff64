//! Attributions: who said what, found by the nom grammar in [`grammar`] from
//! anchors that the document's single lexicon scan provides.

pub mod grammar;
mod memo;

use crate::rules::VerbClass;
use crate::Span;
use serde::Serialize;

/// How the content is given.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttributionKind {
    /// A full quotation in quote marks.
    Direct,
    /// A short quoted fragment in the writer's sentence.
    Partial,
    /// Reported speech without quote marks.
    Indirect,
    /// "according to X".
    AccordingTo,
    /// Reported speech containing a quoted fragment.
    Mixed,
}

impl AttributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Partial => "partial",
            AttributionKind::Indirect => "indirect",
            AttributionKind::AccordingTo => "according-to",
            AttributionKind::Mixed => "mixed",
        }
    }
}

/// What kind of source a speaker is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerClass {
    Person,
    Organization,
    Document,
    Anonymous,
    Vague,
    /// A pronoun not (yet) linked to a speaker.
    PronounUnresolved,
}

impl SpeakerClass {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerClass::Person => "person",
            SpeakerClass::Organization => "organization",
            SpeakerClass::Document => "document",
            SpeakerClass::Anonymous => "anonymous",
            SpeakerClass::Vague => "vague",
            SpeakerClass::PronounUnresolved => "pronoun-unresolved",
        }
    }
}

/// The speaker as the sentence gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerPhrase {
    /// The mention as written: "he", "Alicia Garcia Herrero", "a senior official".
    pub span: Span,
    /// The proper name inside the mention, when there is one.
    pub name: Option<Span>,
    /// A role given with this mention: a title, an appositive, a descriptor.
    pub role: Option<Span>,
    /// An organisation given with this mention ("Natixis’", "at the Pangoal Institution").
    pub affiliation: Option<Span>,
    pub class: SpeakerClass,
    /// The mention is a pronoun ("he", "they").
    pub pronoun: bool,
    /// The whole phrase, appositive included.
    pub extent: Span,
}

/// The reporting cue.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub span: Span,
    pub class: VerbClass,
}

/// One attributed statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub kind: AttributionKind,
    pub speaker: SpeakerPhrase,
    /// `None` for a quote attributed by continuation of an earlier speaker.
    pub cue: Option<Cue>,
    /// What was said; `None` for a detached attribution ("X announced to reporters.").
    pub content: Option<Span>,
    /// "told <recipient>", "said to <recipient>", "in an interview with <recipient>".
    pub recipient: Option<Span>,
    /// The sentence holding the cue (or the quote).
    pub sentence: usize,
    /// The quote that is the content, for direct attributions.
    pub quote: Option<usize>,
    /// The speaker in the document's cast, set by `resolve`.
    pub speaker_id: Option<usize>,
}
