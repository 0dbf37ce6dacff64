//! The dateline opening a paragraph ("KESTREL BAY, Ontario — "), found by its
//! shape alone.

use crate::text::floor_char_boundary;
/// A dateline is at most this long, in bytes ("ST. PETERSBURG, Fla., Sept. 26 (Reuters) —").
const DATELINE_MAX_BYTES: usize = 80;

/// The length of the dateline opening `paragraph`, dash and the space after it
/// included: a place in capitals ("KESTREL BAY", "ST. ANNE'S"), then up to
/// three comma parts ("Ontario", "N.D.", "Sept. 26"), then a news agency in
/// brackets ("(Reuters)"), then a dash; or a date and an agency alone
/// ("Aug. 27 (Reuters) -"). The shape alone decides: no word list names places.
pub fn dateline_len(paragraph: &str) -> Option<usize> {
    let head = &paragraph[..floor_char_boundary(paragraph, DATELINE_MAX_BYTES + 4)];
    let (before, dash_end) = find_dash(head)?;
    let before = before.trim_end();
    if before.is_empty() || before.len() > DATELINE_MAX_BYTES {
        return None;
    }
    // An agency in brackets at the end: "(AP)", "(UPI)", "(Reuters)".
    let (place, agency) = match before.strip_suffix(')').and_then(|b| b.rsplit_once('(')) {
        Some((place, agency)) => (place.trim_end(), Some(agency)),
        None => (before, None),
    };
    if let Some(agency) = agency {
        let words: Vec<&str> = agency.split_whitespace().collect();
        if words.is_empty() || words.len() > 3 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
            return None;
        }
    }
    let mut parts = place.split(',').map(str::trim);
    let first = parts.next()?;
    let capitals = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && s.chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
            && s.split_whitespace().count() <= 4
    };
    // "Aug. 27 (Reuters)": a date stands for the place only before an agency.
    let date = |s: &str| {
        let mut words = s.split_whitespace();
        matches!((words.next(), words.next(), words.next()),
            (Some(m), Some(d), None) if m.starts_with(char::is_uppercase) && m.len() <= 5 && d.chars().all(|c| c.is_ascii_digit()))
    };
    if !(capitals(first) || agency.is_some() && date(first)) {
        return None;
    }
    let mut count = 0;
    for part in parts {
        count += 1;
        let words = part.split_whitespace().count();
        if count > 3 || words == 0 || words > 3 || !part.starts_with(char::is_uppercase) {
            return None;
        }
    }
    let rest = &paragraph[dash_end..];
    let space = rest.len() - rest.trim_start().len();
    // Something must follow: the dateline opens a paragraph, it is not one.
    (space > 0 && !rest.trim().is_empty()).then_some(dash_end + space)
}

/// The first dash set off by spaces in `head` (an em, en or horizontal-bar dash,
/// "-" or "--"): the text before it, and where the dash ends.
fn find_dash(head: &str) -> Option<(&str, usize)> {
    let mut from = 0;
    while let Some(i) = head[from..].find([' ', '\u{a0}']).map(|i| from + i) {
        let after = &head[i..];
        let after = after.trim_start_matches([' ', '\u{a0}']);
        let at = head.len() - after.len();
        let dash = ["--", "—", "–", "―", "-"].into_iter().find(|d| after.starts_with(d));
        if let Some(dash) = dash {
            let end = at + dash.len();
            if head[end..].starts_with([' ', '\u{a0}']) || end == head.len() {
                return Some((&head[..i], end));
            }
        }
        from = at.max(i + 1);
        if from >= head.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_by_their_shape() {
        fn len(p: &str) -> Option<&str> {
            dateline_len(p).map(|n| &p[..n])
        }
        assert_eq!(
            len("KESTREL BAY, Ontario — The pier reopens."),
            Some("KESTREL BAY, Ontario — ")
        );
        assert_eq!(len("TULL (Reuters) - The pier reopens."), Some("TULL (Reuters) - "));
        assert_eq!(
            len("PORT ANSEL, N.D., Sept. 26 (UPI) — It reopens."),
            Some("PORT ANSEL, N.D., Sept. 26 (UPI) — ")
        );
        assert_eq!(
            len("Aug. 27 (Reuters) - The pier reopens."),
            Some("Aug. 27 (Reuters) - ")
        );
        assert_eq!(len("TULL ― The pier reopens."), Some("TULL ― "));
        assert_eq!(len("TULL -- The pier reopens."), Some("TULL -- "));
        // Copy with a dash, a dash with nothing after it, a lower-case place.
        assert_eq!(len("I — like many — use the pier."), None);
        assert_eq!(len("Mayor Corbo — who chairs the board — spoke."), None);
        assert_eq!(len("TULL —"), None);
        assert_eq!(len("Tull, Ontario — The pier reopens."), None);
        assert_eq!(len("The pier reopens today."), None);
    }
}
