//! SARIF 2.1.0, the format GitHub code scanning and other CI dashboards read.
//!
//! One run: the tool with a rule for every built-in check (its summary and
//! `attrib explain` page as help) and for each custom rule that fired, then
//! one result per finding with its region (1-based lines, columns counted in
//! Unicode characters as `columnKind` says, and the byte offset and length),
//! and the finding's evidence as related locations.
//!
//! The structs below cover the part of the SARIF schema attrib writes; field
//! names follow the specification (camelCase), optional fields are left out
//! when empty.

use super::{Problem, Reporter, Summary};
use crate::checks;
use crate::{Finding, Severity, SourceFile, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

#[derive(Debug, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub tool: Tool,
    /// Columns are counted in Unicode characters, as everywhere in attrib.
    pub column_kind: &'static str,
    pub results: Vec<SarifResult>,
    /// Present when a file could not be checked or used: the run then did
    /// not succeed, and each problem is a notification.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invocations: Vec<Invocation>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    pub execution_successful: bool,
    pub tool_execution_notifications: Vec<Notification>,
}

/// A problem that stopped attrib from checking or using a file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub level: &'static str,
    pub message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<NotificationLocation>,
}

/// Where a problem is: the file, and its line and column when known.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationLocation {
    pub physical_location: ProblemPlace,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemPlace {
    pub artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<PointRegion>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PointRegion {
    pub start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_column: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    pub name: &'static str,
    pub version: &'static str,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Help>,
    pub default_configuration: Configuration,
}

#[derive(Debug, Serialize)]
pub struct Text {
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Help {
    pub text: String,
    pub markdown: String,
}

#[derive(Debug, Serialize)]
pub struct Configuration {
    pub level: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    pub rule_id: String,
    pub rule_index: usize,
    pub level: &'static str,
    pub message: Text,
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    pub physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    pub region: Region,
}

#[derive(Debug, Serialize)]
pub struct ArtifactLocation {
    pub uri: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_offset: usize,
    pub byte_length: usize,
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `vague-source` → `VagueSource`: the rule's name, an identifier.
fn rule_name(code: &str) -> String {
    code.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// A file name as a URI reference: relative paths stay relative (GitHub
/// resolves them against the repository root), with `/` separators and the
/// characters URIs reserve escaped.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            _ => out.push(c),
        }
    }
    out
}

fn region(source: &SourceFile, span: Span) -> Region {
    let start = source.line_column(span.start);
    let end = source.line_column(span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: span.start,
        byte_length: span.len(),
    }
}

/// The rules of every built-in check, in code order.
fn builtin_rules() -> Vec<Rule> {
    checks::ALL
        .iter()
        .map(|check| {
            let info = check.info();
            let docs = info.documentation();
            Rule {
                id: info.code.to_string(),
                name: rule_name(info.code),
                short_description: Text {
                    text: info.summary.to_string(),
                },
                full_description: Some(Text {
                    text: info.summary.to_string(),
                }),
                help: Some(Help {
                    text: docs.clone(),
                    markdown: docs,
                }),
                default_configuration: Configuration {
                    level: level(info.default_severity),
                },
            }
        })
        .collect()
}

/// `attrib check --format sarif`: collects results, writes one log at the end.
#[derive(Debug)]
pub struct SarifReporter {
    rules: Vec<Rule>,
    index: BTreeMap<String, usize>,
    results: Vec<SarifResult>,
    notifications: Vec<Notification>,
}

impl Default for SarifReporter {
    fn default() -> Self {
        let rules = builtin_rules();
        let index = rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        SarifReporter {
            rules,
            index,
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

impl SarifReporter {
    pub fn new() -> Self {
        SarifReporter::default()
    }

    /// The index of a finding's rule; a custom rule gets an entry the first
    /// time it fires, described by its first message.
    fn rule_index(&mut self, finding: &Finding) -> usize {
        if let Some(&i) = self.index.get(finding.code.as_ref()) {
            return i;
        }
        let i = self.rules.len();
        self.rules.push(Rule {
            id: finding.code.to_string(),
            name: rule_name(&finding.code),
            short_description: Text {
                text: format!("custom rule {}", finding.code),
            },
            full_description: None,
            help: finding.help.as_ref().map(|h| Help {
                text: h.clone(),
                markdown: h.clone(),
            }),
            default_configuration: Configuration {
                level: level(finding.severity),
            },
        });
        self.index.insert(finding.code.to_string(), i);
        i
    }

    /// The whole log for the results so far.
    pub fn log(&mut self) -> Log {
        Log {
            schema: SCHEMA,
            version: VERSION,
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "attrib",
                        version: env!("CARGO_PKG_VERSION"),
                        rules: std::mem::take(&mut self.rules),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: std::mem::take(&mut self.results),
                invocations: if self.notifications.is_empty() {
                    Vec::new()
                } else {
                    vec![Invocation {
                        execution_successful: false,
                        tool_execution_notifications: std::mem::take(&mut self.notifications),
                    }]
                },
            }],
        }
    }
}

impl Reporter for SarifReporter {
    fn file(&mut self, _out: &mut dyn io::Write, source: &SourceFile, findings: &[Finding]) -> io::Result<()> {
        let artifact = uri(&source.name);
        let location = |span: Span, message: Option<&str>, id: Option<usize>| Location {
            id,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: artifact.clone() },
                region: region(source, span),
            },
            message: message.filter(|m| !m.is_empty()).map(|m| Text { text: m.to_string() }),
        };
        for finding in findings {
            let rule_index = self.rule_index(finding);
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            self.results.push(SarifResult {
                rule_id: finding.code.to_string(),
                rule_index,
                level: level(finding.severity),
                message: Text { text: message },
                locations: vec![location(finding.span, None, None)],
                related_locations: finding
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| location(label.span, Some(&label.text), Some(i + 1)))
                    .collect(),
            });
        }
        Ok(())
    }

    fn problem(&mut self, _out: &mut dyn io::Write, problem: &Problem) -> io::Result<()> {
        let locations = problem
            .path
            .iter()
            .map(|path| NotificationLocation {
                physical_location: ProblemPlace {
                    artifact_location: ArtifactLocation { uri: uri(path) },
                    region: problem.line.map(|start_line| PointRegion {
                        start_line,
                        start_column: problem.column,
                    }),
                },
            })
            .collect();
        self.notifications.push(Notification {
            level: "error",
            message: Text {
                text: problem.message.clone(),
            },
            locations,
        });
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, _summary: &Summary) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.log())?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(rule_name("vague-source"), "VagueSource");
        assert_eq!(rule_name("no_cheap_words"), "NoCheapWords");
    }

    #[test]
    fn uris_escape_reserved_characters() {
        assert_eq!(uri("news/a b#1.md"), "news/a%20b%231.md");
        assert_eq!(uri("/srv/x.txt"), "file:///srv/x.txt");
        assert_eq!(uri("a\\b.txt"), "a/b.txt");
    }
}
