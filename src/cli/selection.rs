//! `--select` and `--ignore`: which check codes a run reports, like ruff's.
//!
//! `--select` names the only codes to report; `--ignore` takes codes away
//! (from the selection, or from everything). Both take comma-separated codes
//! and may be repeated. A code is a built-in check's or a custom rule's id;
//! a code that is neither is a usage error, so a typo never silently turns a
//! check off in CI.
//!
//! Built-in checks that are not selected are switched off in each engine's
//! rule set, so they cost nothing; custom rules run and their findings are
//! filtered, because one rule file may define several ids.

use super::Message;
use attrib::rules::Level;
use attrib::{checks, Engine, Finding};
use clap::Args;

#[derive(Debug, Default, Args)]
pub struct SelectionArgs {
    /// Report only these check codes (comma-separated; repeatable).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not report these check codes (comma-separated; repeatable).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// The codes a run reports.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None`: every code not ignored.
    selected: Option<Vec<String>>,
    ignored: Vec<String>,
}

impl Selection {
    /// The selection of `args`, with every code checked against the built-in
    /// checks and the custom rules of `engines`.
    pub fn new(args: &SelectionArgs, engines: &[Engine]) -> Result<Self, Message> {
        let known = |code: &str| {
            checks::info(code).is_some() || engines.iter().any(|e| e.rules.rules.iter().any(|r| r.id == code))
        };
        let codes = |list: &[String]| -> Result<Vec<String>, Message> {
            let mut codes = Vec::with_capacity(list.len());
            for code in list.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
                if !known(code) {
                    let help = match checks::closest_code(code) {
                        Some(near) => format!("did you mean `{near}`? `attrib explain` lists every check"),
                        None => "`attrib explain` lists every check".to_string(),
                    };
                    return Err(Message::new(format!("unknown check code `{code}`")).with_help(help));
                }
                codes.push(code.to_string());
            }
            Ok(codes)
        };
        let selected = if args.select.is_empty() {
            None
        } else {
            Some(codes(&args.select)?)
        };
        Ok(Selection {
            selected,
            ignored: codes(&args.ignore)?,
        })
    }

    /// Whether findings of `code` are reported.
    pub fn allows(&self, code: &str) -> bool {
        let selected = self.selected.as_ref().is_none_or(|s| s.iter().any(|c| c == code));
        selected && !self.ignored.iter().any(|c| c == code)
    }

    /// Switch off, in `engine`'s rule set, every built-in check not allowed.
    pub fn apply(&self, engine: &mut Engine) {
        for check in checks::ALL {
            let code = check.info().code;
            if !self.allows(code) {
                engine.rules.checks.insert(code.to_string(), Level::Off);
            }
        }
    }

    /// Keep only the findings whose code is allowed.
    pub fn filter(&self, findings: &mut Vec<Finding>) {
        if self.selected.is_some() || !self.ignored.is_empty() {
            findings.retain(|f| self.allows(&f.code));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attrib::rules::RuleSet;

    fn selection(select: &[&str], ignore: &[&str]) -> Result<Selection, Message> {
        let args = SelectionArgs {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        };
        Selection::new(&args, &[Engine::new(RuleSet::defaults())])
    }

    #[test]
    fn nothing_given_allows_everything() {
        let all = selection(&[], &[]).unwrap();
        assert!(all.allows("vague-source") && all.allows("misquote"));
    }

    #[test]
    fn select_keeps_only_its_codes_and_ignore_takes_away() {
        let some = selection(&["vague-source", "misquote"], &["misquote"]).unwrap();
        assert!(some.allows("vague-source"));
        assert!(!some.allows("misquote"));
        assert!(!some.allows("loaded-verb"));
        let ignoring = selection(&[], &["loaded-verb"]).unwrap();
        assert!(!ignoring.allows("loaded-verb") && ignoring.allows("vague-source"));
    }

    #[test]
    fn an_unknown_code_is_refused_with_the_nearest_one() {
        let err = selection(&["vage-source"], &[]).unwrap_err();
        assert!(err.to_string().contains("vage-source"));
    }

    #[test]
    fn switched_off_checks_report_nothing() {
        let selected = selection(&["loaded-verb"], &[]).unwrap();
        let mut engine = Engine::new(RuleSet::defaults());
        selected.apply(&mut engine);
        let source = attrib::SourceFile::new(
            "a.txt",
            "Experts say the bridge is unsafe. The mayor insisted it was sound.",
            attrib::InputFormat::Plain,
        );
        let codes: Vec<_> = engine.check(&source).into_iter().map(|f| f.code.to_string()).collect();
        assert_eq!(codes, ["loaded-verb"]);
    }
}
