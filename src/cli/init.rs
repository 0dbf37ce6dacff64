//! `attrib init`: write a commented starter attrib.yaml in the current folder.

use super::{Exit, Message, Ui, CONFIG_FILE};
use attrib::checks;
use clap::Args;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct InitArgs {}

pub fn run(_args: InitArgs, ui: &mut Ui) -> Exit {
    let path = std::path::Path::new(CONFIG_FILE);
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    let result = file.and_then(|mut f| f.write_all(starter().as_bytes()));
    match result {
        Ok(()) => {
            if !ui.quiet {
                let _ = writeln!(
                    io::stdout().lock(),
                    "wrote {CONFIG_FILE}; check it with `attrib rules check`"
                );
            }
            Exit::Clean
        }
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            ui.error(
                &Message::new(format!("{CONFIG_FILE} already exists here; not overwriting it"))
                    .with_help("edit it, or remove it and run `attrib init` again"),
            );
            Exit::Error
        }
        Err(err) => {
            ui.error(&Message::new(format!("cannot write {CONFIG_FILE}: {err}")));
            Exit::Error
        }
    }
}

/// The starter file: every section, commented, with every check listed at
/// its default severity.
pub fn starter() -> String {
    let mut checks = String::new();
    for check in checks::ALL {
        let info = check.info();
        checks.push_str(&format!("  # {}: {}\n", info.code, info.default_severity.as_str()));
    }
    format!(
        r#"# attrib.yaml: house rules for `attrib check`.
#
# attrib reads this file from the current folder or the nearest parent that has
# one (or the files given with --rules). It is merged over the built-in rules:
# word lists are added to, everything else replaces the default.
# Check it with `attrib rules check`, run its examples with `attrib rules test`.
# docs/rules.md describes every key.

# Files merged before this one: `default` (the built-in rules) and paths
# relative to this file, e.g. a newsroom-wide rule file.
extends: [default]

# The outlet you publish for: a quote "told <publication>" is first-hand, not
# second-hand sourcing.
# publication: The Valley Courier

# Severity per check: error, warning, info, or off. `attrib explain CODE` tells
# what a check does and which keys tune it. Uncomment a line to change it;
# these are the defaults. The long form carries examples that
# `attrib rules test` checks:
#   vague-source:
#     severity: warning
#     examples:
#       flag: ["Experts say the bridge is unsafe."]
#       pass: ["Ana Ruiz, an engineer at the council, said the bridge is unsafe."]
checks: {{}}
{checks}
# When true, a named speaker missing from `speakers` below is reported
# (unknown-speaker).
strict: false

# The speaker registry: full name, the short forms the article may use, role
# and affiliation. A speaker the article never describes takes them from here.
speakers: []
#  - name: Tomas Lindqvist
#    aliases: [Lindqvist]
#    role: Councillor
#    affiliation: Valley City Council
#    allow: []          # check codes never reported for this speaker

# Outlets, with tags such as state-media.
outlets: []
#  - name: Harbour Radio
#    tags: [state-media]

# Words to add to the built-in lists (see rules/ in the attrib source for all
# of them), e.g. more vague sources or loaded verbs.
lexicon: {{}}
#  vague_sources: [pundits reckon]
#  reporting_verbs:
#    - class: doubting
#      forms: [purported]

# House rules: kind phrase, substitution or require-attribution. The id is
# the code of the findings; `examples` are run by `attrib rules test`.
rules: []
#  - id: no-sources-say
#    kind: phrase
#    phrases: [sources say]
#    message: Name the sources.
#    severity: warning
#    examples:
#      flag: ["Sources say the deal is off."]
#      pass: ["Two ministers said the deal is off."]
#  - id: house-style
#    kind: substitution
#    swap: {{utilise: use}}
#  - id: casualty-figures
#    kind: require-attribution
#    pattern: '\b\d[\d,]* (?:people|residents) (?:died|were killed)\b'
#    message: Say who gives the casualty figure.
"#
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_parses() {
        attrib::rules::parse_rule_file("attrib.yaml", &super::starter()).expect("starter parses");
    }

    #[test]
    fn the_commented_rules_work_when_uncommented() {
        let starter = super::starter();
        let (head, tail) = starter.split_once("rules: []\n").expect("a rules section");
        let rules: String = tail
            .lines()
            .map(|l| format!("{}\n", l.strip_prefix('#').unwrap_or(l)))
            .collect();
        let text = format!("{head}rules:\n{rules}");
        let report = attrib::rules::examples::test_rule_file("attrib.yaml", &text, attrib::RuleSet::defaults())
            .expect("uncommented starter parses");
        assert_eq!(report.run, 2);
        assert!(report.failures.is_empty(), "{:?}", report.failures);
    }
}
