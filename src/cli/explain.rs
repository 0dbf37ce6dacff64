//! `attrib explain CODE`: a check's documentation; without a code, the list.

use super::{Exit, Message, Ui};
use attrib::checks;
use clap::Args;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A check code, e.g. vague-source. Without one, list every check.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

pub fn run(args: ExplainArgs, ui: &mut Ui) -> Exit {
    let text = match args.code.as_deref() {
        None => list(),
        Some(code) => match explain(code) {
            Some(text) => text,
            None => {
                let help = match checks::closest_code(code) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "`attrib explain` lists every check".to_string(),
                };
                ui.error(&Message::new(format!("unknown check code `{code}`")).with_help(help));
                return Exit::Error;
            }
        },
    };
    if let Err(err) = io::stdout().lock().write_all(text.as_bytes()) {
        ui.output_error(err);
        return Exit::Error;
    }
    Exit::Clean
}

/// The page for one code, or `None` when the code is unknown.
pub fn explain(code: &str) -> Option<String> {
    if let Some(info) = checks::info(code) {
        let docs = info.documentation();
        return Some(format!(
            "# {code}\n\n{summary}\n\nDefault severity: {severity}. Change it in attrib.yaml under `checks:` \
             (error, warning, info or off).\n\n{docs}\n\n{keys}",
            summary = info.summary,
            severity = info.default_severity.as_str(),
            docs = docs.trim_end(),
            keys = rule_keys(code),
        ));
    }
    None
}

/// The rule-file keys that tune each check, beyond `checks:` (docs/rules.md).
const TUNING: &[(&str, &[&str])] = &[
    (
        "affiliation-mismatch",
        &["speakers[].role", "speakers[].affiliation", "speakers[].aliases"],
    ),
    (
        "anonymous-source",
        &[
            "lexicon.anonymous_heads",
            "lexicon.anonymity_markers",
            "lexicon.anonymity_reasons",
            "lexicon.knowledge_clauses",
        ],
    ),
    (
        "detached-attribution",
        &["lexicon.reporting_verbs", "lexicon.time_words"],
    ),
    ("duplicate-passage", &[]),
    (
        "late-full-name",
        &[
            "lexicon.titles",
            "lexicon.courtesy_titles",
            "lexicon.name_particles",
            "lexicon.not_names",
            "speakers[].name",
        ],
    ),
    ("loaded-verb", &["lexicon.reporting_verbs (the class of each form)"]),
    (
        "misquote",
        &["speakers[].sources", "speakers[].aliases", "attrib check --sources"],
    ),
    (
        "missing-affiliation",
        &[
            "lexicon.role_nouns",
            "lexicon.titles",
            "lexicon.organization_heads",
            "speakers[].role",
            "speakers[].affiliation",
        ],
    ),
    ("name-inconsistent", &["speakers[].aliases", "lexicon.not_names"]),
    (
        "secondhand-source",
        &[
            "publication",
            "outlets",
            "lexicon.secondhand_markers",
            "lexicon.outlet_heads",
        ],
    ),
    ("unattributed-quote", &["lexicon.reporting_verbs"]),
    ("unbalanced-quote", &[]),
    ("unknown-speaker", &["strict", "speakers"]),
    (
        "unsupported-claim",
        &[
            "lexicon.evaluative",
            "lexicon.contentious_labels",
            "lexicon.boosters",
            "lexicon.hedges",
            "lexicon.predictions",
            "lexicon.causal",
            "lexicon.change",
            "lexicon.comparison",
            "lexicon.generalisations",
        ],
    ),
    ("unverified-quote", &["speakers[].sources", "attrib check --sources"]),
    (
        "vague-source",
        &[
            "lexicon.vague_sources",
            "lexicon.vague_heads",
            "lexicon.passive_vague_verbs",
        ],
    ),
    (
        "wrong-speaker",
        &["speakers[].sources", "speakers[].aliases", "attrib check --sources"],
    ),
];

/// The "Rule-file keys" section of a check's page.
fn rule_keys(code: &str) -> String {
    let mut text = format!(
        "## Rule-file keys\n\n\
         - `checks: {{{code}: warning}}`: the severity (error, warning, info or off)\n\
         - `checks: {{{code}: {{severity: …, examples: {{flag: […], pass: […]}}}}}}`: with examples that \
         `attrib rules test` runs\n"
    );
    for key in TUNING
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(&[][..], |(_, keys)| keys)
    {
        text.push_str(&format!("- `{key}`\n"));
    }
    text.push_str(&format!(
        "- `speakers[].allow: [{code}]`: not reported for that speaker\n\
         - `<!-- attrib-disable {code} -->` … `<!-- attrib-enable {code} -->`, \
         `<!-- attrib-disable-next-line {code} -->`: not reported there (Markdown)\n\n\
         docs/rules.md describes every key.\n"
    ));
    text
}

/// Every check: code, default severity, summary.
fn list() -> String {
    let width = checks::ALL.iter().map(|c| c.info().code.len()).max().unwrap_or(0);
    let mut text = String::new();
    for check in checks::ALL {
        let info = check.info();
        text.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            info.code,
            info.default_severity.as_str(),
            info.summary
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_lists_keys_that_exist() {
        for check in checks::ALL {
            let code = check.info().code;
            let keys = TUNING.iter().find(|(c, _)| *c == code);
            assert!(keys.is_some(), "{code} has no TUNING entry");
            for key in keys.unwrap().1 {
                if let Some(list) = key.strip_prefix("lexicon.") {
                    let list = list.split(' ').next().unwrap();
                    let yaml = format!("lexicon:\n  {list}: []\n");
                    attrib::rules::parse_rule_file("t.yaml", &yaml).unwrap_or_else(|e| panic!("{code}: {e}"));
                }
            }
            assert!(explain(code).unwrap().contains("## Rule-file keys"));
        }
    }
}
