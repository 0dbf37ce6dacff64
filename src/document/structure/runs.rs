//! Blocks read with their neighbours: a run of short story titles is a list
//! of links, a line opening a quotation with its credit line under it is a
//! pull quote, and a short headline-style line under the headline is a deck.

use super::lines::link_line;
use super::LINK_RUN_MIN;
use crate::rules::Lexicon;
use crate::text::prose::dateline_len;
use crate::text::{words_at, Block, BlockKind};

/// Runs of [`LINK_RUN_MIN`] or more headings in a row (short title lines
/// without final punctuation) after the headline: cross-heads stand over copy,
/// so a run of them with nothing between is a list of story titles.
pub(super) fn mark_link_runs(text: &str, blocks: &mut [Block]) {
    let mut i = 1;
    while i < blocks.len() {
        let titled = |b: &Block| b.kind == BlockKind::Heading && link_line(b.span.slice(text));
        if !titled(&blocks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && titled(&blocks[i]) {
            i += 1;
        }
        if i - start >= LINK_RUN_MIN {
            for block in &mut blocks[start..i] {
                block.kind = BlockKind::LinkList;
            }
        }
    }
}

/// A pull quote's credit line is at most this many words.
const PULL_QUOTE_CREDIT_MAX_WORDS: usize = 10;

/// Pull quotes as a page scrape leaves them: a line opening a quotation it
/// does not close, then on the next line (no blank line between) a short
/// credit ("Mara Holt, Tull Harbour Board.") that closes it, or a credit
/// opening with a dash under a whole quotation. Both lines are the pull quote.
pub(super) fn mark_pull_quotes(text: &str, blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let block = blocks[i];
        // Only a block opening a quotation can start one.
        if block.kind != BlockKind::Body || !block.span.slice(text).starts_with(['"', '“']) {
            continue;
        }
        // Both lines in one block (hard-wrapped text joins them).
        let slice = block.span.slice(text);
        if let Some(at) = memchr::memchr(b'\n', slice.as_bytes()) {
            let (quote, credit) = (&slice[..at], &slice[at + 1..]);
            if !credit.contains('\n') && pull_quote(quote, credit) {
                blocks[i].kind = BlockKind::PullQuote;
            }
            continue;
        }
        let Some(&credit) = blocks.get(i + 1) else {
            continue;
        };
        if !matches!(credit.kind, BlockKind::Body | BlockKind::Byline) {
            continue;
        }
        let between = &text[block.span.end..credit.span.start];
        if between.matches('\n').count().max(between.matches('\r').count()) == 1
            && pull_quote(block.span.slice(text), credit.span.slice(text))
        {
            blocks[i].kind = BlockKind::PullQuote;
            blocks[i + 1].kind = BlockKind::PullQuote;
        }
    }
}

/// Whether a line and the next are a pull quote and its credit.
fn pull_quote(quote: &str, credit: &str) -> bool {
    let (quote, credit) = (quote.trim(), credit.trim());
    let words = credit.split_whitespace().count();
    let opens = quote.starts_with(['"', '“']);
    let closes_quote = quote.ends_with(['"', '”']);
    let credit_closes = credit
        .strip_suffix(['"', '”'])
        .is_some_and(|before| !before.contains(['"', '“', '”']));
    let dash_credit = credit.starts_with(['—', '–']) || credit.starts_with("- ");
    let credit_shape = credit
        .trim_start_matches(['—', '–', '-', ' '])
        .starts_with(char::is_uppercase)
        && words <= PULL_QUOTE_CREDIT_MAX_WORDS;
    opens && credit_shape && (!closes_quote && credit_closes || closes_quote && dash_credit)
}

/// A deck line is at least this many words: shorter lines under a headline
/// are labels ("ABSTRACT.", "LETTERS.").
const DECK_MIN_WORDS: usize = 4;
/// A deck line is at most this many words; ledes run longer.
const DECK_MAX_WORDS: usize = 14;
/// A headline carries at most this many deck lines.
const DECKS_MAX: usize = 2;

/// Decks as an archive exports them, a blank line under the headline like
/// every paragraph: one short sentence or phrase in headline style, without
/// articles, determiners or pronouns ("Corbo backs ferry plan after
/// late-night hearing."). A short lede reads as prose: "It is game time.",
/// "Now comes the real test for the mayor." The line must have copy after
/// it, and a dateline opens the lede, never a deck.
pub(super) fn mark_decks(text: &str, blocks: &mut [Block], lexicon: &Lexicon) {
    if blocks.first().is_none_or(|b| b.kind != BlockKind::Heading) {
        return;
    }
    let headlinese = |line: &str| {
        let line = line.trim();
        let words = line.split_whitespace().count();
        let inner = line.trim_end_matches(['.', '!', '?']);
        // A semicolon joins the clauses of a deck ("Tosh, Oduya lead; count
        // unlikely to settle it"); a full stop starts a second sentence.
        let sentence_inside = [". ", "? ", "! "].iter().any(|mark| inner.contains(mark));
        (DECK_MIN_WORDS..=DECK_MAX_WORDS).contains(&words)
            && !sentence_inside
            && !line.starts_with(['“', '"', '‘', '\'', '«'])
            && !line.ends_with([':', ',', '”', '"', '’', '\''])
            && dateline_len(line).is_none()
            // A line in capitals is display type whatever its words.
            && (!line.contains(char::is_lowercase)
                || words_at(line).all(|(_, w)| {
                    !lexicon.determiners.contains(w) && !lexicon.is_pronoun(w) && !lexicon.pronouns_first_person.contains(w)
                }))
    };
    let mut i = 1;
    while i <= DECKS_MAX && i + 1 < blocks.len() {
        let block = blocks[i];
        // A kicker in capitals is a heading already, and the deck may follow it.
        if block.kind == BlockKind::Heading {
            i += 1;
            continue;
        }
        if block.kind != BlockKind::Body || !headlinese(block.span.slice(text)) {
            break;
        }
        blocks[i].kind = BlockKind::Standfirst;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::document::structure::test_support::{article, kind_of, BODY, LEDE};
    use crate::text::BlockKind;

    #[test]
    fn link_lists_after_a_label_and_in_runs() {
        let text = article(&[
            LEDE,
            BODY,
            "Related:",
            "Tull Harbour Board Names New Chair",
            "Ferry Fares Frozen Until Spring",
            BODY,
        ]);
        assert_eq!(kind_of(&text, "Related:"), BlockKind::LinkList);
        assert_eq!(kind_of(&text, "Ferry Fares Frozen Until Spring"), BlockKind::LinkList);
        assert_eq!(kind_of(&text, BODY), BlockKind::Body);
        let text = article(&[
            LEDE,
            "Harbour Board Names New Chair",
            "Ferry Fares Frozen Until Spring",
            "Kestrel Bay Pier Reopens",
            BODY,
        ]);
        assert_eq!(kind_of(&text, "Kestrel Bay Pier Reopens"), BlockKind::LinkList);
        // One cross-head over copy stays a heading.
        let text = article(&[LEDE, "Fares Stay Frozen", BODY, BODY]);
        assert_eq!(kind_of(&text, "Fares Stay Frozen"), BlockKind::Heading);
    }

    #[test]
    fn pull_quotes_with_their_credit_line() {
        let quote = "\"The ferry is the island's lifeline and we will keep it running.";
        let text =
            format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{quote}\nMara Holt, Tull Harbour Board.\"\n\n{BODY}");
        let both = format!("{quote}\nMara Holt, Tull Harbour Board.\"");
        assert_eq!(kind_of(&text, &both), BlockKind::PullQuote);
        // On lines too long to be hard-wrapped, each line is a block.
        let long = format!("{quote} Every winter we will run it, whatever the storms bring to the island.");
        let text =
            format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{long}\nMara Holt, Tull Harbour Board.\"\n\n{BODY}");
        assert_eq!(kind_of(&text, &long), BlockKind::PullQuote);
        assert_eq!(kind_of(&text, "Mara Holt, Tull Harbour Board.\""), BlockKind::PullQuote);
        // A credit line closing with a curly mark.
        let text =
            format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n“The ferry runs.\nMara Holt, Tull Board.”\n\n{BODY}");
        assert_eq!(kind_of(&text, "“The ferry runs."), BlockKind::PullQuote);
        assert_eq!(kind_of(&text, "Mara Holt, Tull Board.”"), BlockKind::PullQuote);
        let quote = "“The ferry is the island's lifeline.”";
        let text = format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{quote}\n— Mara Holt\n\n{BODY}");
        assert_eq!(kind_of(&text, &format!("{quote}\n— Mara Holt")), BlockKind::PullQuote);
        // A quotation followed by copy on the next line is copy.
        let next = "Mara Holt chairs the board.";
        let text = format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n{quote}\n{next}\n\n{BODY}");
        assert_eq!(kind_of(&text, &format!("{quote}\n{next}")), BlockKind::Body);
        // Embedded markup cut by a line break.
        let text = format!("Tull Ferry Will Run All Winter\n\n{LEDE}\n\n<post author=\"@tullferry\" date=\"May 2\n\">Boats run at dawn.</post>.\n\n{BODY}");
        assert_eq!(
            kind_of(&text, "<post author=\"@tullferry\" date=\"May 2"),
            BlockKind::Markup
        );
        assert_eq!(kind_of(&text, "\">Boats run at dawn.</post>."), BlockKind::Markup);
    }

    #[test]
    fn a_headline_style_line_under_the_headline_is_a_deck() {
        let deck = "Corbo backs winter timetable after long hearing.";
        let text = article(&[deck, LEDE, BODY]);
        assert_eq!(kind_of(&text, deck), BlockKind::Standfirst);
        assert_eq!(kind_of(&text, LEDE), BlockKind::Body);
        let second = "Tull councillors split on fares.";
        let text = article(&[deck, second, LEDE, BODY]);
        assert_eq!(kind_of(&text, second), BlockKind::Standfirst);
        // A kicker in capitals, then a deck of two clauses.
        let kicker = "LATE NIGHTS ON BOTH SIDES OF THE ESTUARY.";
        let clauses = "Tosh, Oduya lead; count unlikely to settle harbour race.";
        let text = article(&[kicker, clauses, LEDE, BODY]);
        assert!(kind_of(&text, kicker).is_display());
        assert_eq!(kind_of(&text, clauses), BlockKind::Standfirst);
    }

    #[test]
    fn a_short_lede_is_prose() {
        for lede in [
            "It is game time on the harbour.",
            "Now comes the real test for the mayor.",
            "TULL — Corbo backs winter timetable.",
            "“We will win the vote,” Corbo said.",
        ] {
            let text = article(&[lede, LEDE, BODY]);
            assert_eq!(kind_of(&text, lede), BlockKind::Body, "{lede}");
        }
    }

    #[test]
    fn a_credit_line_is_boilerplate() {
        let credit = "Voss reported from Tull; Ruiz from Harwick.";
        let text = article(&[LEDE, BODY, credit]);
        assert_eq!(kind_of(&text, credit), BlockKind::Boilerplate);
    }
}
