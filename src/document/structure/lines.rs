//! What one short line is: a byline, a caption or credit, boilerplate, a
//! label in capitals or a list's label, left-over markup, a line of a list of
//! links. Each reads the line and its start in lower case against the
//! structure lexicon.

use super::{CREDIT_MAX_WORDS, LINK_MAX_WORDS};
use crate::rules::lexicon::{PhraseList, StructureWords};

/// A short line that does not end a sentence: an item of a list of links.
pub(super) fn link_line(line: &str) -> bool {
    let line = line.trim_end();
    !line.ends_with(['.', '?', '!', ':', ';', ',', '"', '”', '’']) && line.split_whitespace().count() <= LINK_MAX_WORDS
}

/// Whether `lower` starts with `phrase` as whole words: a phrase ending in a
/// letter or digit must be followed by a non-word character or the end.
fn opens_with(lower: &str, phrase: &str) -> bool {
    lower.starts_with(phrase)
        && (!phrase.ends_with(|c: char| c.is_alphanumeric())
            || !lower[phrase.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

/// A label alone on its line ("Related:", "RELATED STORIES", "Abstract."),
/// or opening one with a colon ("Read more: …").
pub(super) fn label_in(lower: &str, labels: &PhraseList) -> bool {
    let bare = lower
        .trim_end_matches(['.', ':', ' ', '"', '”'])
        .trim_start_matches(['"', '“']);
    labels
        .opening(bare)
        .any(|label| bare == label || opens_with(bare, label) && bare[label.len()..].trim_start().starts_with(':'))
}

/// Boilerplate: a call-out or notice opening the line (`lower_head`, its
/// start in lower case), or a boilerplate phrase anywhere in it.
pub(super) fn is_boilerplate(line: &str, lower_head: &str, words: &StructureWords) -> bool {
    let opening = lower_head.trim_start_matches(['"', '“', '(', '[', '*', ' ']);
    words
        .boilerplate_openers
        .opening(opening)
        .any(|p| opens_with(opening, p))
        || words.boilerplate_phrases.is_match(line)
}

/// Words a byline joins names with.
fn name_joiner(word: &str) -> bool {
    matches!(
        word,
        "and" | "&" | "with" | "in" | "of" | "the" | "for" | "de" | "van" | "von"
    )
}

/// Whether the words of `rest` are names (capitalised words and joiners),
/// each segment at most a few words, with a role allowed after a comma.
fn names_only(rest: &str, lower_rest: &str, words: &StructureWords) -> bool {
    let mut count = 0;
    let mut offset = 0;
    for part in rest.split(',') {
        let lower_part = lower_rest[offset..offset + part.len()].trim();
        offset += part.len() + 1;
        let part = part.trim().trim_end_matches(['.', ';']);
        if part.is_empty() {
            continue;
        }
        if count > 0
            && words
                .byline_roles
                .opening(lower_part)
                .any(|r| opens_with(lower_part, r))
        {
            count += 1;
            continue;
        }
        for word in part.split_whitespace() {
            let word = word.trim_matches(|c: char| matches!(c, '.' | ';' | '(' | ')' | '*' | '_'));
            if word.is_empty() {
                continue;
            }
            if !(word.starts_with(char::is_uppercase) || name_joiner(word)) {
                return false;
            }
            count += 1;
        }
    }
    count > 0
}

/// A byline: segments (split at ";") each opening with a byline opener
/// followed by names ("By Jane Doe and Tom Roe", "Reporting by …; Editing by
/// …"); or a name and a role after a comma ("Jane Doe, Staff Writer"); or a
/// signature under an entry ("— Jane Doe").
pub(super) fn is_byline(line: &str, lower: &str, words: &StructureWords) -> bool {
    let line = line.trim().trim_start_matches(['*', '_']);
    let lower = lower.trim().trim_start_matches(['*', '_']);
    if let Some(name) = line.strip_prefix(['—', '–', '-']) {
        let name = name.trim().trim_end_matches('.');
        let count = name.split_whitespace().count();
        return (2..=4).contains(&count) && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    }
    let mut offset = 0;
    let mut all_opened = true;
    for segment in line.split(';') {
        let lower_segment = &lower[offset..offset + segment.len()];
        offset += segment.len() + 1;
        let trimmed = lower_segment.trim_start();
        let skip = lower_segment.len() - trimmed.len();
        if trimmed.trim().is_empty() {
            continue;
        }
        let opened = words
            .byline_openers
            .opening(trimmed)
            .find(|p| opens_with(trimmed, p))
            .is_some_and(|p| {
                let rest = &segment[skip + p.len()..];
                names_only(rest, &lower_segment[skip + p.len()..], words)
            });
        all_opened &= opened;
    }
    if all_opened {
        return true;
    }
    // "Jane Doe, Staff Writer": a name of two to four words, then a role.
    let Some((name, role)) = line.split_once(',') else {
        return false;
    };
    let name_words = name.split_whitespace().count();
    let lower_role = lower[name.len() + 1..].trim();
    (2..=4).contains(&name_words)
        && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
        && words
            .byline_roles
            .opening(lower_role)
            .any(|r| opens_with(lower_role, r))
        && names_only(role, &lower[name.len() + 1..], words)
}

/// A caption's credit: a caption opener at the start of the line or of
/// the brackets that end it ("… opens the bridge. (Photo: Ada Quill)"), or a
/// line made of credit words alone ("Getty Images.", "Bloomberg via Getty").
pub(super) fn is_caption(line: &str, lower_head: &str, words: &StructureWords) -> bool {
    if words
        .caption_openers
        .opening(lower_head)
        .any(|p| opens_with(lower_head, p))
    {
        return true;
    }
    let trimmed = line.trim_end_matches(['.', ' ']);
    if trimmed.ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            let inner = &trimmed[open..].to_ascii_lowercase();
            if words.caption_openers.opening(inner).any(|p| opens_with(inner, p))
                || words
                    .caption_openers
                    .opening(&inner[1..])
                    .any(|p| opens_with(&inner[1..], p))
            {
                return true;
            }
        }
    }
    // A credit line is a few words, and then `lower_head` is all of it.
    if line.split_ascii_whitespace().nth(CREDIT_MAX_WORDS).is_some() || lower_head.len() != line.len() {
        return false;
    }
    let mut count = 0;
    let only_credits = lower_head
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '(' | ')' | ';' | '|' | '.'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            count += 1;
            words.credit_words.contains(w)
        });
    only_credits && (1..=CREDIT_MAX_WORDS).contains(&count)
}

/// A label in capitals alone on its line ("FULL TEXT.", "TOP STORIES."):
/// a section label of an archive or a newsletter, not copy. A label ending
/// in a colon may be a speaker's (a transcript's "MAYOR VANCE:"), so only a
/// full stop or nothing may end it.
pub(super) fn capital_label(line: &str) -> bool {
    let line = line.trim();
    let bare = line.strip_suffix('.').unwrap_or(line);
    bare.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && bare
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '\'' | '’' | '&' | '-'))
}

/// Markup a text export left in the prose: a line that is a tag
/// (`<tweet …>`, `</div>`) or a style rule (`.photo {`, `width: 100%;`, `}`).
pub(super) fn is_markup(line: &str) -> bool {
    let line = line.trim();
    // A tag, or the part of one a line break cut (`<post author="@x" date="May 2`
    // and `">the post's text</post>`).
    let tag_opens = line.starts_with('<') && line[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
    if tag_opens && (line.contains('>') || line.contains("=\"")) || line.starts_with("\">") {
        return true;
    }
    if matches!(line, "}" | "}." | "{") || line.ends_with('{') && !line.contains(' ') || line.ends_with(" {") {
        return line.split_whitespace().count() <= 3;
    }
    // "text-align: left;": a property, a colon, one value and a semicolon.
    line.ends_with(';')
        && line.split_once(':').is_some_and(|(property, value)| {
            !property.is_empty()
                && property.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && value.split_whitespace().count() <= 2
        })
}

#[cfg(test)]
mod tests {
    use crate::document::structure::test_support::{article, kind_of, BODY, LEDE};
    use crate::text::BlockKind;

    #[test]
    fn bylines_in_their_shapes() {
        for byline in [
            "By Jane Doe",
            "By Jane Doe and Tom Roe, Staff Writers",
            "Jane Doe, Staff Writer",
            "Reporting by Oskar Lind in Kestrel Bay; Editing by Mara Holt",
            "— Jane Doe",
        ] {
            let text = article(&[byline, LEDE, BODY, BODY]);
            assert_eq!(kind_of(&text, byline), BlockKind::Byline, "{byline}");
        }
        // A sentence opening with "By" is copy.
        for copy in [
            "By Tuesday, the council had voted to keep the ferry running.",
            "By winning the vote, Mayor Corbo kept the ferry.",
        ] {
            let text = article(&[LEDE, copy, BODY]);
            assert_eq!(kind_of(&text, copy), BlockKind::Body, "{copy}");
        }
    }

    #[test]
    fn captions_and_credits() {
        for caption in [
            "(Photo: Ada Quill/Kestrel Herald)",
            "Photo by Ada Quill",
            "Getty Images.",
            "Bloomberg via Getty Images.",
            "Mayor Ines Corbo opens the new ferry ramp at Tull. (Photo: Ada Quill)",
        ] {
            let text = article(&[LEDE, caption, BODY]);
            assert_eq!(kind_of(&text, caption), BlockKind::Caption, "{caption}");
        }
    }

    #[test]
    fn boilerplate_and_reader_callouts() {
        for line in [
            "Follow Jane Doe on Twitter @janedoe.",
            "READERS: Tell us how the ferry strike affects you.",
            "Sign up for our morning newsletter.",
            "Copyright 2026 Kestrel Herald. All rights reserved.",
            "This story has been corrected to show that the vote was on Friday.",
            "Tom Roe contributed to this report.",
        ] {
            let text = article(&[LEDE, BODY, line]);
            assert_eq!(kind_of(&text, line), BlockKind::Boilerplate, "{line}");
        }
        // A long paragraph is copy whatever it opens with.
        let long = format!("Follow the ferry's accounts, Mayor Corbo said, and you will see {BODY}");
        let text = article(&[LEDE, &long, BODY]);
        assert_eq!(kind_of(&text, &long), BlockKind::Body);
    }

    #[test]
    fn markup_and_capital_labels() {
        let text = article(&[
            "ABSTRACT.",
            "The mayor says the ferry to Tull will run all winter.",
            "FULL TEXT.",
            LEDE,
            "<post post-author=\"@tullferry\" post-date=\"May 2\">",
            "text-align: left;",
            BODY,
        ]);
        assert_eq!(kind_of(&text, "ABSTRACT."), BlockKind::Heading);
        assert_eq!(
            kind_of(&text, "The mayor says the ferry to Tull will run all winter."),
            BlockKind::Standfirst
        );
        assert_eq!(kind_of(&text, "FULL TEXT."), BlockKind::Heading);
        assert_eq!(kind_of(&text, LEDE), BlockKind::Body);
        assert_eq!(
            kind_of(&text, "<post post-author=\"@tullferry\" post-date=\"May 2\">"),
            BlockKind::Markup
        );
        assert_eq!(kind_of(&text, "text-align: left;"), BlockKind::Markup);
    }
}
