//! Hover: on a finding, what `attrib explain CODE` prints for its check; on
//! an attribution (its speaker, cue or content), who the speaker is as the
//! cast resolved them.

use super::documents::OpenDocument;
use super::documents::{AttributionSpans, CheckedArticle};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// The hover at `position`, or `None` where there is nothing to say.
pub fn hover(doc: &OpenDocument, checked: &CheckedArticle, position: Position) -> Option<Hover> {
    let offset = doc.lines.offset(&doc.text, position);
    let mut parts = Vec::new();
    let mut range = None;
    for finding in checked
        .findings
        .iter()
        .filter(|f| f.span.start <= offset && offset < f.span.end)
    {
        let explanation = crate::cli::explain::explain(&finding.code)
            .unwrap_or_else(|| format!("`{}` is a custom rule of the rule file.", finding.code));
        parts.push(format!(
            "**{}**: {}\n\n{}",
            finding.code,
            finding.message,
            explanation.trim_end()
        ));
        range.get_or_insert(doc.lines.range(&doc.text, finding.span));
    }
    if let Some(attribution) = checked.attributions.iter().find(|a| a.covers(offset)) {
        parts.push(speaker_card(attribution));
        range.get_or_insert_with(|| {
            let part = [Some(attribution.speaker), attribution.cue, attribution.content]
                .into_iter()
                .flatten()
                .find(|s| s.start <= offset && offset < s.end)
                .unwrap_or(attribution.speaker);
            doc.lines.range(&doc.text, part)
        });
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// The resolved speaker of an attribution, in Markdown.
fn speaker_card(a: &AttributionSpans) -> String {
    let who = &a.who;
    let mut card = format!("**Speaker**: {}\n\n- class: {}", who.name, who.class.as_str());
    if let Some(role) = &who.role {
        card.push_str(&format!("\n- role: {role}"));
    }
    if let Some(affiliation) = &who.affiliation {
        card.push_str(&format!("\n- affiliation: {affiliation}"));
    }
    if who.role.is_none() && who.affiliation.is_none() {
        card.push_str("\n- no role or affiliation in the article or the registry");
    }
    if a.mention != who.name {
        card.push_str(&format!("\n- written here as “{}”", a.mention));
    }
    card
}

#[cfg(test)]
mod tests {
    use super::super::diagnostics::{check_article, DocLinks};
    use super::super::documents::Kind;
    use super::super::positions::Encoding;
    use super::*;
    use attrib::{Engine, InputFormat, RuleSet};

    const ARTICLE: &str = "Ångström claimed the ferry was late.\n\n\
                           Zoë Ångström, the harbour master, said the pier would reopen.\n";

    fn hover_at(word: &str) -> Option<String> {
        let engine = Engine::new(RuleSet::defaults());
        let kind = Kind::Article(InputFormat::Plain);
        let doc = OpenDocument::new(
            "file:///s.txt".parse().unwrap(),
            kind,
            1,
            ARTICLE.into(),
            Encoding::Utf16,
        );
        let checked = check_article(&engine, &doc, InputFormat::Plain, &DocLinks::none());
        let position = doc.lines.position(&doc.text, ARTICLE.find(word).unwrap() + 1);
        hover(&doc, &checked, position).map(|h| match h.contents {
            HoverContents::Markup(markup) => markup.value,
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn a_finding_shows_its_explanation() {
        let text = hover_at("claimed").unwrap();
        assert!(text.starts_with("**loaded-verb**: “claimed”"), "{text}");
        // The text of `attrib explain loaded-verb`.
        assert!(text.contains(&crate::cli::explain::explain("loaded-verb").unwrap().trim_end()[..200]));
    }

    #[test]
    fn an_attribution_shows_its_speaker() {
        let text = hover_at("Ångström claimed").unwrap();
        assert!(text.contains("**Speaker**: Zoë Ångström"), "{text}");
        assert!(text.contains("- class: person"));
        assert!(text.contains("- role: the harbour master"));
        assert!(text.contains("written here as “Ångström”"));
        // The content of the second attribution names the same speaker.
        assert!(hover_at("pier would").unwrap().contains("**Speaker**: Zoë Ångström"));
    }

    #[test]
    fn nothing_outside_findings_and_attributions() {
        assert_eq!(hover_at("\n\nZoë"), None);
    }
}
