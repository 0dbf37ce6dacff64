//! Speaker labels at the start of a line: `MAYOR VANCE: We will reopen the pier.`,
//! `[00:12:31] Dora Vance: …`. Read by the attribution grammar (a label opening
//! a paragraph of an article) and by transcripts (one speaker turn per label).

/// The longest label read, in bytes; a longer "label" is a sentence with a colon.
const LABEL_MAX_BYTES: usize = 60;
/// The most words a label has ("DEPUTY FINANCE MINISTER OLU ADEYEMI").
const LABEL_MAX_WORDS: usize = 6;

/// The label at the start of a line: its byte range and where the words after it start.
pub fn label_of(line: &str, is_name: &dyn Fn(&str) -> bool) -> Option<((usize, usize), usize)> {
    let mut at = line.len() - line.trim_start().len();
    // A time stamp before the label: `[00:12:31]` or `(12:31)`.
    let rest = &line[at..];
    if let Some(close) = rest
        .strip_prefix(['[', '('])
        .and_then(|r| r.find([']', ')']))
        .filter(|&c| {
            c <= 12
                && rest[1..1 + c]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        })
    {
        at += close + 2;
        at += line[at..].len() - line[at..].trim_start().len();
    }
    // Markdown emphasis around the label is already blanked, but a plain-text
    // transcript may carry it too.
    at += line[at..].len() - line[at..].trim_start_matches(['*', '_']).len();
    let rest = &line[at..];
    let colon = rest.find(':').filter(|&c| c > 0 && c <= LABEL_MAX_BYTES)?;
    let label = rest[..colon].trim_end_matches(['*', '_']).trim_end();
    let after = &rest[colon + 1..];
    // A colon in the middle of a time ("at 10:30") or a URL is not a label's.
    if !after.is_empty() && !after.starts_with(char::is_whitespace) && !after.starts_with(['*', '_']) {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > LABEL_MAX_WORDS {
        return None;
    }
    let label_chars_ok = label
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-' || c == '\'' || c == '’');
    if !label_chars_ok || !label.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let capitals = !label.chars().any(char::is_lowercase);
    if !capitals && !is_name(label) {
        return None;
    }
    let body = at + colon + 1;
    let body = body + after.trim_start_matches(['*', '_']).len().abs_diff(after.len());
    Some(((at, at + label.len()), body))
}
