//! The sourcing audit of `attrib extract --summary`: per article and in
//! total, how many sources are named people, organisations, documents,
//! anonymous or vague, how many statements are direct quotes and how many
//! paraphrases, and the share of each.
//!
//! A source is one speaker of the cast (a person quoted five times is one
//! named source). A direct quote is an attribution whose content is in
//! quotation marks; every other attribution (reported speech, "according
//! to", a quoted fragment inside reported speech) is a paraphrase.

use super::json::VERSION;
use crate::{Analysis, SpeakerClass};
use serde::Serialize;
use std::io;

/// Sources by class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceCounts {
    pub total: usize,
    pub named: usize,
    pub organisations: usize,
    pub documents: usize,
    pub anonymous: usize,
    pub vague: usize,
    /// Pronouns the resolver could not link to anyone.
    pub unresolved: usize,
}

/// Statements by form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatementCounts {
    pub total: usize,
    pub quotes: usize,
    pub paraphrases: usize,
}

/// Each count as a share of its total, in percent with one decimal (0 when
/// the total is 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Shares {
    pub named: f64,
    pub organisations: f64,
    pub documents: f64,
    pub anonymous: f64,
    pub vague: f64,
    pub unresolved: f64,
    pub quotes: f64,
    pub paraphrases: f64,
}

/// The audit of one article, or of a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Audit {
    pub sources: SourceCounts,
    pub statements: StatementCounts,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

impl Audit {
    pub fn of(analysis: &Analysis<'_>) -> Self {
        let mut sources = SourceCounts::default();
        for speaker in &analysis.cast.speakers {
            sources.total += 1;
            match speaker.class {
                SpeakerClass::Person => sources.named += 1,
                SpeakerClass::Organization => sources.organisations += 1,
                SpeakerClass::Document => sources.documents += 1,
                SpeakerClass::Anonymous => sources.anonymous += 1,
                SpeakerClass::Vague => sources.vague += 1,
                SpeakerClass::PronounUnresolved => sources.unresolved += 1,
            }
        }
        let total = analysis.attributions.len();
        let quotes = analysis.attributions.iter().filter(|a| a.quote.is_some()).count();
        Audit {
            sources,
            statements: StatementCounts {
                total,
                quotes,
                paraphrases: total - quotes,
            },
        }
    }

    /// Add another article's counts.
    pub fn add(&mut self, other: &Audit) {
        let (s, o) = (&mut self.sources, &other.sources);
        s.total += o.total;
        s.named += o.named;
        s.organisations += o.organisations;
        s.documents += o.documents;
        s.anonymous += o.anonymous;
        s.vague += o.vague;
        s.unresolved += o.unresolved;
        let (s, o) = (&mut self.statements, &other.statements);
        s.total += o.total;
        s.quotes += o.quotes;
        s.paraphrases += o.paraphrases;
    }

    pub fn shares(&self) -> Shares {
        let (s, n) = (&self.sources, self.sources.total);
        let (t, m) = (&self.statements, self.statements.total);
        Shares {
            named: percent(s.named, n),
            organisations: percent(s.organisations, n),
            documents: percent(s.documents, n),
            anonymous: percent(s.anonymous, n),
            vague: percent(s.vague, n),
            unresolved: percent(s.unresolved, n),
            quotes: percent(t.quotes, m),
            paraphrases: percent(t.paraphrases, m),
        }
    }
}

/// One row of the audit: an article, or the total.
#[derive(Debug, Serialize)]
pub struct AuditRow {
    pub path: String,
    pub sources: SourceCounts,
    pub statements: StatementCounts,
    pub shares: Shares,
}

impl AuditRow {
    pub fn new(path: impl Into<String>, audit: &Audit) -> Self {
        AuditRow {
            path: path.into(),
            sources: audit.sources,
            statements: audit.statements,
            shares: audit.shares(),
        }
    }
}

/// `{"version": 1, "files": [...], "total": {...}}`.
#[derive(Debug, Serialize)]
pub struct AuditOutput {
    pub version: u32,
    pub files: Vec<AuditRow>,
    pub total: AuditRow,
}

/// The rows of a run: each article, then the total.
pub fn rows(articles: &[(String, Audit)]) -> (Vec<AuditRow>, AuditRow) {
    let mut total = Audit::default();
    let files = articles
        .iter()
        .map(|(path, audit)| {
            total.add(audit);
            AuditRow::new(path.clone(), audit)
        })
        .collect();
    (files, AuditRow::new("total", &total))
}

pub fn write_json(out: &mut dyn io::Write, articles: &[(String, Audit)]) -> io::Result<()> {
    let (files, total) = rows(articles);
    let output = AuditOutput {
        version: VERSION,
        files,
        total,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

const CSV_HEADER: &str = "path,sources,named,organisations,documents,anonymous,vague,unresolved,statements,quotes,\
paraphrases,named_pct,organisations_pct,documents_pct,anonymous_pct,vague_pct,unresolved_pct,quotes_pct,paraphrases_pct";

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row per article and a last row `total`.
pub fn write_csv(out: &mut dyn io::Write, articles: &[(String, Audit)]) -> io::Result<()> {
    let (files, total) = rows(articles);
    writeln!(out, "{CSV_HEADER}")?;
    for row in files.iter().chain([&total]) {
        let (s, t, p) = (&row.sources, &row.statements, &row.shares);
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{:.1},{:.1},{:.1},{:.1},{:.1},{:.1},{:.1},{:.1}",
            csv_field(&row.path),
            s.total,
            s.named,
            s.organisations,
            s.documents,
            s.anonymous,
            s.vague,
            s.unresolved,
            t.total,
            t.quotes,
            t.paraphrases,
            p.named,
            p.organisations,
            p.documents,
            p.anonymous,
            p.vague,
            p.unresolved,
            p.quotes,
            p.paraphrases,
        )?;
    }
    Ok(())
}

/// "3 (37.5%)".
fn count_share(count: usize, share: f64) -> String {
    format!("{count} ({share:.1}%)")
}

/// Aligned columns: one row per article, then the total.
pub fn write_table(out: &mut dyn io::Write, articles: &[(String, Audit)]) -> io::Result<()> {
    let (files, total) = rows(articles);
    let mut table: Vec<Vec<String>> = vec![[
        "ARTICLE",
        "SOURCES",
        "NAMED",
        "ORGANISATIONS",
        "DOCUMENTS",
        "ANONYMOUS",
        "VAGUE",
        "UNRESOLVED",
        "STATEMENTS",
        "QUOTES",
        "PARAPHRASES",
    ]
    .map(String::from)
    .to_vec()];
    for row in files.iter().chain([&total]) {
        let (s, t, p) = (&row.sources, &row.statements, &row.shares);
        table.push(vec![
            row.path.clone(),
            s.total.to_string(),
            count_share(s.named, p.named),
            count_share(s.organisations, p.organisations),
            count_share(s.documents, p.documents),
            count_share(s.anonymous, p.anonymous),
            count_share(s.vague, p.vague),
            count_share(s.unresolved, p.unresolved),
            t.total.to_string(),
            count_share(t.quotes, p.quotes),
            count_share(t.paraphrases, p.paraphrases),
        ]);
    }
    super::extract::write_columns(out, &table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, InputFormat, RuleSet, SourceFile};

    #[test]
    fn counts_sources_by_class_and_statements_by_form() {
        let text = "“We will not close the pool,” said Mara Voss, the mayor. Experts say the pool is unsafe. \
                    A senior official said the decision was made in May.";
        let source = SourceFile::new("a.txt", text, InputFormat::Plain);
        let engine = Engine::new(RuleSet::defaults());
        let audit = Audit::of(&engine.analyze(&source));
        assert_eq!(audit.sources.total, 3);
        assert_eq!(
            (audit.sources.named, audit.sources.vague, audit.sources.anonymous),
            (1, 1, 1)
        );
        assert_eq!((audit.statements.quotes, audit.statements.paraphrases), (1, 2));
        let shares = audit.shares();
        assert_eq!(shares.named, 33.3);
        assert_eq!(shares.quotes, 33.3);
    }

    #[test]
    fn totals_add_up_and_empty_shares_are_zero() {
        let mut total = Audit::default();
        assert_eq!(total.shares().named, 0.0);
        let one = Audit {
            sources: SourceCounts {
                total: 2,
                named: 1,
                anonymous: 1,
                ..SourceCounts::default()
            },
            statements: StatementCounts {
                total: 4,
                quotes: 3,
                paraphrases: 1,
            },
        };
        total.add(&one);
        total.add(&one);
        assert_eq!(total.sources.total, 4);
        assert_eq!(total.shares().anonymous, 50.0);
        assert_eq!(total.shares().quotes, 75.0);
    }
}
