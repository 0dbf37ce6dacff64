//! Who was told: the recipient after "told" or "said to" ("told the Valley
//! Courier"), an outlet's programme in quotation marks, and the outlet of
//! "in an interview with OUTLET" before the speaker.
//!
//! Separate because the recipient is its own field of an attribution, read by
//! several frames between the cue and the content.

use super::helpers::{fail, floor_char_boundary, is_any_ignoring_ascii_case, ws1, Res};
use super::{Grammar, Head};
use nom::bytes::complete::tag_no_case;
use nom::combinator::opt;
use nom::Parser;

/// The length of a short quoted title at the start of `rest` (after one
/// space): “Harbour Hour”, "Island Morning". Every word is capitalised.
fn programme_title(rest: &str) -> Option<usize> {
    const MOST_BYTES: usize = 48;
    let inner = rest.strip_prefix(' ')?;
    let open = inner.chars().next().filter(|&c| matches!(c, '“' | '"'))?;
    let body = &inner[open.len_utf8()..];
    let close = body[..floor_char_boundary(body, MOST_BYTES)].find(['”', '"'])?;
    let title = &body[..close];
    let capitalised = title
        .split_whitespace()
        .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || w.len() <= 3);
    let closing_len = body[close..].chars().next().map_or(1, char::len_utf8);
    (capitalised && !title.trim().is_empty()).then_some(1 + open.len_utf8() + close + closing_len)
}

/// "In an interview with OUTLET, X said": the outlet before the speaker.
pub(super) fn interview_recipient(before: &str) -> Option<&str> {
    let lower = before.to_ascii_lowercase();
    let at = lower.find("interview with ")? + "interview with ".len();
    let rest = &before[at..];
    let end = rest.find(',').unwrap_or(rest.len());
    let outlet = rest[..end].trim();
    (!outlet.is_empty() && outlet.split_whitespace().count() <= 5).then_some(outlet)
}

impl<'l> Grammar<'l> {
    /// "told Al Jazeera", "said to reporters", "told the Valley Courier".
    pub(super) fn recipient<'a>(&self, cue: &str, after: &'a str) -> (&'a str, Option<&'a str>) {
        let lower_tell = is_any_ignoring_ascii_case(cue, &["told", "tell", "tells", "telling"]);
        let parsed = if lower_tell {
            (ws1, |j| self.recipient_np(j)).parse(after).map(|(r, (_, n))| (r, n))
        } else {
            (ws1, tag_no_case("to"), ws1, |j| self.recipient_np(j))
                .parse(after)
                .map(|(r, (_, _, _, n))| (r, n))
        };
        match parsed {
            Ok((rest, np)) => (rest, Some(np)),
            Err(_) => (after, None),
        }
    }

    /// An outlet or audience: "Al Jazeera", "the Valley Courier", "reporters", "a local newspaper".
    fn recipient_np<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let (rest, det) = opt((|j| self.word_in(j, &self.lex.determiners), ws1)).parse(i)?;
        let named = self.proper_name(rest);
        let (rest, _) = match named {
            Ok(ok) => ok,
            Err(_) => {
                let (r, (_, head)) = self.descriptor(rest)?;
                if !matches!(head, Head::Outlet | Head::Organization | Head::Role | Head::Anonymous) {
                    return fail(i);
                }
                (r, "")
            }
        };
        let _ = det;
        // "told KVR's “Harbour Hour” that …": an outlet's programme, named in
        // quotation marks, is the audience, not what was said.
        let owner = &i[..i.len() - rest.len()];
        let rest = if owner.ends_with("'s") || owner.ends_with("’s") {
            programme_title(rest).map_or(rest, |title| &rest[title..])
        } else {
            rest
        };
        Ok((rest, &i[..i.len() - rest.len()]))
    }
}

#[cfg(test)]
mod tests {
    use crate::attribution::grammar::test_support::extract;

    #[test]
    fn said_that_and_told_outlet() {
        let a = extract("Lindqvist told the Valley Courier that fares would stay the same this year.");
        assert_eq!(a[0].0, "Lindqvist");
        assert_eq!(a[0].4, "the Valley Courier");
        assert_eq!(a[0].2, "fares would stay the same this year");
        let b = extract("The mayor said to Harbour Radio, “We are ready.”");
        assert_eq!(b[0].4, "Harbour Radio");
        assert_eq!(b[0].2, "We are ready.");
    }

    #[test]
    fn a_programme_after_an_outlet_is_the_audience() {
        let a = extract("Ines Arce told KVR’s “Harbour Hour” on Friday that the ferry will stop in May.");
        assert_eq!(a[0].2, "the ferry will stop in May", "{a:?}");
    }
}
