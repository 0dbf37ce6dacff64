//! The name mentions and role descriptions that `resolve` reads: every proper
//! name in the body with the title written before it, and the definite
//! description ("the Chinese president") that gives a named person a role.
//!
//! Separate because it is not part of finding attributions: it scans the whole
//! text for names, so that surnames and pronouns can be linked to a speaker.

use super::helpers::{floor_char_boundary, ws1, NEAR_BYTES};
use super::{Grammar, Head, NameMention};
use crate::document::Document;
use crate::text::span::offset_in;
use crate::Span;
use nom::Parser;

impl<'l> Grammar<'l> {
    /// Every proper-name mention in the body of the document, in order, with
    /// the title before it when there is one ("Councillor Amira Sayegh"):
    /// what `resolve` links surnames and pronouns to.
    pub fn name_mentions(&self, doc: &Document<'_>) -> Vec<NameMention> {
        let _bound = self.memo.bind(&doc.text);
        let text: &str = &doc.text;
        let mut mentions = Vec::new();
        for sentence in &doc.sentences {
            let slice = sentence.span.slice(text);
            let mut index = 0;
            while let Some(&byte) = slice.as_bytes().get(index) {
                // An ASCII byte other than a capital starts no name: step over it undecoded.
                if byte.is_ascii() && !byte.is_ascii_uppercase() {
                    index += 1;
                    continue;
                }
                let rest = &slice[index..];
                let at_word_start = rest.starts_with(char::is_uppercase)
                    && slice[..index]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '-');
                if at_word_start {
                    let titled = (|j| self.title(j), ws1, |j| self.proper_name(j)).parse(rest);
                    let found = match titled {
                        Ok((after, (title, _, name))) => Some((after, name, Some(title))),
                        Err(_) => self.proper_name(rest).ok().map(|(after, written)| {
                            if let (Some(role), name) = self.split_leading_role(written) {
                                return (after, name, Some(role));
                            }
                            let name = written;
                            // A role noun written just before the name is its title
                            // in lower case: "manager Viktor Brodsky".
                            let before = slice[..index].trim_end();
                            let word_start = before
                                .char_indices()
                                .rev()
                                .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
                                .map_or(0, |(i, c)| i + c.len_utf8());
                            let word = &before[word_start..];
                            let role = (!word.is_empty()
                                && word.starts_with(char::is_lowercase)
                                && self.has(&self.lex.role_nouns, word))
                            .then_some(word);
                            (after, name, role)
                        }),
                    };
                    if let Some((after, name, title)) = found {
                        let span_of = |s: &str| {
                            let start = offset_in(text, s);
                            Span::new(start, start + s.len())
                        };
                        mentions.push(NameMention {
                            span: span_of(name),
                            title: title.map(span_of),
                        });
                        index = slice.len() - after.len();
                        continue;
                    }
                }
                index += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        mentions
    }

    /// A role given by a definite description in a sentence ("the Chinese
    /// president"), for a person the sentence also names.
    pub fn role_description(&self, doc: &Document<'_>, sentence: usize) -> Option<Span> {
        let _bound = self.memo.bind(&doc.text);
        let text: &str = &doc.text;
        let span = doc.sentences[sentence].span;
        // A description and the name it describes stand close together; a
        // bounded look keeps a run-on sentence with many speakers linear.
        let slice = span.slice(text);
        let slice = &slice[..floor_char_boundary(slice, 8 * NEAR_BYTES)];
        let mut search = 0;
        while let Some(found) = slice[search..].find("the ") {
            let at = search + found;
            search = at + 4;
            if at > 0 && slice[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if let Ok((rest, (description, Head::Role))) = self.descriptor(&slice[at + 4..]) {
                if self.proper_name(rest.trim_start()).is_err() {
                    let start = offset_in(text, description);
                    return Some(Span::new(start, start + description.len()));
                }
            }
        }
        None
    }
}
