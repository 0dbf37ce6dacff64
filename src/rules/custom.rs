//! Custom rules from rule files (`rules:`): `phrase`, `substitution` and
//! `require-attribution`. Compiled once per [`Engine`](crate::Engine): every
//! phrase of every rule goes into one Aho-Corasick automaton, so a document
//! is scanned once for all of them. Findings carry the rule's id as code.

use super::schema::{CustomRule, OutletEntry, Requirement, RuleKind};
use super::Severity;
use crate::finding::Finding;
use crate::rules::lexicon::PhraseKind;
use crate::text::BlockKind;
use crate::{Analysis, Span};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use std::borrow::Cow;

/// What a phrase in the automaton stands for.
#[derive(Debug, Clone)]
enum Needle {
    /// A phrase to flag (`phrase`) or a trigger (`require-attribution`).
    Phrase,
    /// A phrase that, where it contains a hit, excuses it.
    Exception,
    /// A phrase to avoid, and the phrase to use instead.
    Swap(String),
}

#[derive(Debug)]
struct Compiled {
    rule: CustomRule,
    severity: Severity,
    pattern: Option<Regex>,
}

/// The custom rules of a rule set, ready to run.
#[derive(Debug, Default)]
pub struct CustomRules {
    rules: Vec<Compiled>,
    /// Known outlets and their tags, for `speaker-policy` rules: (name or alias, tags).
    outlets: Vec<(String, Vec<String>)>,
    /// Courtesy titles ("Mr.", "Ms."), for `require: courtesy-title`, lower case.
    courtesy_titles: Vec<String>,
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: its rule and what it is.
    needles: Vec<(usize, Needle)>,
}

/// A regular expression for `require-attribution`; `None` when invalid
/// (`attrib rules check` reports it).
pub fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern).size_limit(1 << 20).build()
}

impl CustomRules {
    /// Compile the enabled rules. A rule with an invalid pattern is skipped.
    pub fn compile(rules: &[CustomRule]) -> Self {
        let mut compiled = Vec::new();
        let mut phrases: Vec<String> = Vec::new();
        let mut needles = Vec::new();
        for rule in rules {
            let Some(severity) = rule.severity.severity() else {
                continue;
            };
            let pattern = match rule.pattern.as_deref().map(compile_pattern) {
                Some(Ok(re)) => Some(re),
                Some(Err(_)) => continue,
                None => None,
            };
            let index = compiled.len();
            let mut add = |phrase: &str, needle: Needle| {
                let phrase = phrase.trim();
                if !phrase.is_empty() {
                    needles.push((index, needle));
                    phrases.push(phrase.to_string());
                }
            };
            for phrase in &rule.phrases {
                add(phrase, Needle::Phrase);
            }
            for phrase in &rule.exceptions {
                add(phrase, Needle::Exception);
            }
            for (avoid, prefer) in &rule.swap {
                add(avoid, Needle::Swap(prefer.clone()));
            }
            compiled.push(Compiled {
                rule: rule.clone(),
                severity,
                pattern,
            });
        }
        let automaton = (!phrases.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&phrases)
                .expect("phrase automaton")
        });
        CustomRules {
            rules: compiled,
            outlets: Vec::new(),
            courtesy_titles: Vec::new(),
            automaton,
            needles,
        }
    }

    /// Give `speaker-policy` rules the registry's outlets and the courtesy titles.
    pub fn with_context(mut self, outlets: &[OutletEntry], courtesy_titles: &[String]) -> Self {
        self.outlets = outlets
            .iter()
            .flat_map(|o| {
                std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .map(move |n| (n.clone(), o.tags.clone()))
            })
            .collect();
        self.courtesy_titles = courtesy_titles.iter().map(|t| t.trim().to_lowercase()).collect();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Run every rule over an analysis.
    pub fn run(&self, analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
        if self.rules.is_empty() {
            return;
        }
        let doc = &analysis.document;
        let text: &str = &doc.text;
        // Every whole-word hit, per rule.
        let mut hits: Vec<Vec<(Span, &Needle)>> = vec![Vec::new(); self.rules.len()];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                if is_word_boundary(text, m.start()) && is_word_boundary(text, m.end()) {
                    let (rule, needle) = &self.needles[m.pattern().as_usize()];
                    hits[*rule].push((Span::new(m.start(), m.end()), needle));
                }
            }
        }
        for (compiled, hits) in self.rules.iter().zip(hits) {
            let exceptions: Vec<Span> = hits
                .iter()
                .filter(|(_, n)| matches!(n, Needle::Exception))
                .map(|(s, _)| *s)
                .collect();
            let mut found: Vec<(Span, Option<&str>)> = hits
                .iter()
                .filter_map(|(span, needle)| match needle {
                    Needle::Phrase => Some((*span, None)),
                    Needle::Swap(prefer) => Some((*span, Some(prefer.as_str()))),
                    Needle::Exception => None,
                })
                .filter(|(span, _)| !exceptions.iter().any(|e| e.start <= span.start && span.end <= e.end))
                .filter(|(span, _)| compiled.rule.quotes || !doc.in_quote(span.start))
                .collect();
            // Leftmost-longest, without overlaps.
            found.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
            let mut last_end = 0;
            found.retain(|(s, _)| {
                let keep = s.start >= last_end;
                if keep {
                    last_end = s.end;
                }
                keep
            });
            match compiled.rule.kind {
                RuleKind::Phrase | RuleKind::Substitution => {
                    for (span, replacement) in found {
                        out.push(compiled.finding(span, doc.slice(span), replacement));
                    }
                }
                RuleKind::RequireAttribution => require_attribution(compiled, analysis, &found, out),
                RuleKind::SpeakerPolicy => self.speaker_policy(compiled, analysis, out),
            }
        }
    }
}

/// Sentences with a trigger (a phrase or the pattern) and no attribution in
/// the sentence or its paragraph.
fn require_attribution(
    compiled: &Compiled,
    analysis: &Analysis<'_>,
    found: &[(Span, Option<&str>)],
    out: &mut Vec<Finding>,
) {
    let doc = &analysis.document;
    let mut attributed_paragraph = vec![false; doc.paragraphs.len()];
    for a in &analysis.attributions {
        if let Some(sentence) = doc.sentences.get(a.sentence) {
            attributed_paragraph[sentence.paragraph] = true;
        }
    }
    let mut hits = found.iter().map(|(s, _)| *s).peekable();
    for sentence in &doc.sentences {
        let span = sentence.span;
        let mut trigger = None;
        while let Some(hit) = hits.peek().copied() {
            if hit.start >= span.end {
                break;
            }
            hits.next();
            if hit.start >= span.start && trigger.is_none() {
                trigger = Some(hit);
            }
        }
        if let (None, Some(re)) = (trigger, &compiled.pattern) {
            let slice = doc.slice(span);
            trigger = re
                .find_iter(slice)
                .map(|m| Span::new(span.start + m.start(), span.start + m.end()))
                .find(|s| !s.is_empty() && (compiled.rule.quotes || !doc.in_quote(s.start)));
        }
        let Some(trigger) = trigger else { continue };
        if doc.paragraphs[sentence.paragraph].kind != BlockKind::Body || attributed_paragraph[sentence.paragraph] {
            continue;
        }
        out.push(compiled.finding(trigger, doc.slice(trigger), None));
    }
}

impl CustomRules {
    /// Attributions whose speaker the rule selects and that miss its requirement.
    fn speaker_policy(&self, compiled: &Compiled, analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
        let rule = &compiled.rule;
        let Some(requirement) = rule.require else { return };
        let doc = &analysis.document;
        let mut reported = std::collections::HashSet::new();
        for a in &analysis.attributions {
            let speaker = analysis.cast.get(a.speaker_id);
            let class = speaker.map_or(a.speaker.class, |s| s.class);
            if !rule.classes.is_empty() && !rule.classes.iter().any(|c| c == class.as_str()) {
                continue;
            }
            let outlet_tags: Vec<&str> = match a.recipient {
                Some(recipient) => {
                    let name = doc
                        .slice(recipient)
                        .trim_start_matches("the ")
                        .trim_start_matches("The ");
                    self.outlets
                        .iter()
                        .filter(|(outlet, _)| outlet.eq_ignore_ascii_case(name))
                        .flat_map(|(_, tags)| tags.iter().map(String::as_str))
                        .filter(|t| rule.outlet_tags.iter().any(|wanted| wanted == t))
                        .collect()
                }
                None => Vec::new(),
            };
            if !rule.outlet_tags.is_empty() && outlet_tags.is_empty() {
                continue;
            }
            let sentence = doc.sentences[a.sentence].span;
            let missing = match requirement {
                Requirement::Reason => !(a.sentence..(a.sentence + 2).min(doc.sentences.len()))
                    .any(|s| doc.hits_of(s, PhraseKind::AnonymityReason).next().is_some()),
                Requirement::Role => speaker.is_none_or(|s| s.role.is_none() && s.affiliation.is_none()),
                Requirement::Label => {
                    let words = doc.slice(sentence).to_lowercase();
                    !outlet_tags.iter().any(|tag| words.contains(&tag.replace('-', " ")))
                }
                Requirement::CourtesyTitle => {
                    // A surname-only mention after the first must follow Mr., Ms., Dr. …
                    let Some(speaker) = speaker else { continue };
                    let surname = speaker.name.rsplit(' ').next().unwrap_or(&speaker.name);
                    speaker.mentions.iter().skip(1).any(|m| {
                        let mention = doc.slice(*m);
                        let before = doc.text[..m.start].trim_end();
                        let title = before.rsplit(char::is_whitespace).next().unwrap_or_default();
                        mention == surname && !self.courtesy_titles.contains(&title.to_lowercase())
                    })
                }
            };
            if missing && reported.insert(a.speaker.span) {
                out.push(compiled.finding(a.speaker.span, doc.slice(a.speaker.span), None));
            }
        }
    }
}

impl Compiled {
    fn finding(&self, span: Span, matched: &str, replacement: Option<&str>) -> Finding {
        let rule = &self.rule;
        let fill = |template: &str| {
            template
                .replace("{match}", matched)
                .replace("{replacement}", replacement.unwrap_or(""))
        };
        let message = match (&rule.message, rule.kind) {
            (Some(m), _) => fill(m),
            (None, RuleKind::Phrase) => format!("“{matched}” is on the house list ({})", rule.id),
            (None, RuleKind::Substitution) => {
                format!("Use “{}” rather than “{matched}”", replacement.unwrap_or(""))
            }
            (None, RuleKind::RequireAttribution) => {
                format!("“{matched}” needs a source in the sentence or its paragraph")
            }
            (None, RuleKind::SpeakerPolicy) => format!("“{matched}” does not meet the house policy {}", rule.id),
        };
        let mut help = match (&rule.help, replacement) {
            (Some(h), _) => Some(fill(h)),
            (None, Some(r)) => Some(format!("write “{r}”")),
            (None, None) => None,
        };
        if let Some(link) = &rule.link {
            help = Some(match help {
                Some(h) => format!("{h}\nsee {link}"),
                None => format!("see {link}"),
            });
        }
        let label = match rule.kind {
            RuleKind::Phrase => "flagged phrase".to_string(),
            RuleKind::Substitution => format!("use “{}”", replacement.unwrap_or("")),
            RuleKind::RequireAttribution => "no source in the sentence or paragraph".to_string(),
            RuleKind::SpeakerPolicy => format!("policy {}", rule.id),
        };
        Finding {
            code: Cow::Owned(rule.id.clone()),
            severity: self.severity,
            span,
            message,
            label,
            labels: Vec::new(),
            help,
        }
    }
}

/// Whether a match may start or end at `offset`: not inside a word.
fn is_word_boundary(text: &str, offset: usize) -> bool {
    let before = text[..offset].chars().next_back();
    let after = text[offset..].chars().next();
    !matches!((before, after), (Some(b), Some(a)) if is_word(b) && is_word(a))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
