use super::{Check, CheckInfo, Context};
use crate::attribution::SpeakerClass;
use crate::finding::Finding;
use crate::rules::Lexicon;
use crate::text::BlockKind;
use crate::tokens::{Shape, Token, TokenKind};
use roles::{role_given_nearby, sentence_gives_a_role};

mod roles;

declare_check! {
    /// ## What it does
    /// Flags a named person quoted or paraphrased whose role or affiliation
    /// the article never gives (and the registry does not know).
    ///
    /// ## Why is this bad?
    /// Reuters: identify sources by name and position. BBC: give contributors'
    /// credentials so the audience can judge their status. A name alone does
    /// not tell the reader why this person's word counts.
    ///
    /// ## Example
    /// ```text
    /// Kamila Sorenson and Ekaterina Klimenko note that the pact is unlikely.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Kamila Sorenson, a researcher at the Arctic Institute, and Ekaterina Klimenko … note that …
    /// ```
    ///
    /// ## Known limitations
    /// Every mention of the surname counts, not only the quoted ones: a
    /// person is identified by an appositive or relative clause ("Chidi
    /// Okonkwo, who has organised a petition"; "Ines Corbo, 71, a retired
    /// nurse"), a title or role before the name ("New Jersey Gov. …",
    /// "frontman Ari Bell", "her spokesman, Ari Bell", "Chief of Staff …"; a
    /// plural title covers names joined by "and"), post-nominal letters
    /// ("Elspeth Grange KC"), a possessive ("Natixis’ chief economist"), a
    /// partitive ("One of them, Lise Armand, said"), a place of residence
    /// ("Mariam Osei, of Mill Lane"), or a sentence right after the first
    /// mention that opens with a role ("The deputy mayor …"), a role noun or
    /// a "writing at" credit in a sentence that names the person ("Of the
    /// senators still undecided, Ines Corbo said …"; "two developers, Ari
    /// Bell and …" early, "Mr. Bell said" later), or a role in the sentence
    /// before the first mention that no name there takes ("Harbour
    /// councillors are split. Ines Corbo said …"; a title or an apposition
    /// belongs to its own name, and a modifier such as "candidate choices"
    /// gives no one a role). An age alone is not enough. A
    /// person named in the headline or standfirst, or five times or more
    /// outside quotations, is taken to be the story's subject, identified by
    /// the story; a role given only further away ("the party's front-runner"
    /// three paragraphs on) is missed, and so is a household name (add it to
    /// the registry). Names that are organisations are not people: a name
    /// after "the" ("the Observer"), a name whose fullest form ends in an
    /// organisation noun ("Kellsby General Hospital"), and a name the article
    /// uses as the owner of a role ("Valley Water's chief executive"). An
    /// organisation's possessive before the name ("HTV's Ana Ruiz") is the
    /// affiliation.
    /// Add well-known speakers to the registry with a role.
    pub struct MissingAffiliation {
        code: "missing-affiliation",
        severity: Warning,
        summary: "a named speaker whose role or affiliation is never given",
    }
}

impl Check for MissingAffiliation {
    fn info(&self) -> &'static CheckInfo {
        &Self::INFO
    }

    fn run(&self, ctx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let mut introduction: Option<Introductions<'_>> = None;
        for speaker in &ctx.analysis.cast.speakers {
            if speaker.class != SpeakerClass::Person || speaker.role.is_some() || speaker.affiliation.is_some() {
                continue;
            }
            let Some(&first) = speaker.mentions.first() else {
                continue;
            };
            // "NBC's Ali Vitali": the possessive before the name is the
            // affiliation. "GMA News" is an outlet the grammar took for a
            // person.
            let words = || speaker.name.split_whitespace();
            let possessive = words().any(|w| w.ends_with("'s") || w.ends_with("’s"));
            let outlet = words()
                .next_back()
                .is_some_and(|w| ctx.lexicon.outlet_heads.contains(w));
            if possessive || outlet {
                continue;
            }
            if role_given_nearby(ctx, first) {
                continue;
            }
            // Built at the first candidate: an article with none cuts no tokens.
            let introductions = introduction.get_or_insert_with(|| Introductions::new(ctx));
            if introductions.identify(&speaker.name) {
                continue;
            }
            out.push(
                Finding::new(self.info().code, ctx.severity, first, format!("{} is quoted without a role or affiliation", speaker.name))
                    .with_label("who is this, and why should the reader trust them?")
                    .with_help(format!(
                        "Say who {} is at the first mention: “{}, a researcher at …” or a title before the name; or add the speaker to the registry with a role.",
                        speaker.name, speaker.name
                    )),
            );
        }
    }
}

/// How often a surname must be mentioned outside quotations for the person
/// to be what the story is about: a candidate in a story of their campaign,
/// the subject of a profile. The story identifies them by what it reports.
const SUBJECT_MENTIONS: usize = 5;

/// Which names the article introduces, read from every mention of the
/// surname (not only the mentions in attributions: a person is often
/// described where they act, and quoted later by surname). Only the
/// sentences that hold the surname are cut into tokens, each with the
/// sentence after it (for a description that opens the next sentence).
struct Introductions<'a> {
    doc: &'a crate::Document<'a>,
    text: &'a str,
    lexicon: &'a Lexicon,
    /// The tokens of the sentence being read and of the one after it.
    tokens: Vec<Token>,
}

impl<'a> Introductions<'a> {
    fn new(ctx: &'a Context<'a, '_>) -> Self {
        let doc = &ctx.analysis.document;
        Introductions {
            doc,
            text: &doc.text,
            lexicon: ctx.lexicon,
            tokens: Vec::new(),
        }
    }

    /// Cut sentence `s` and the one after it into `self.tokens`.
    fn read_sentence(&mut self, s: usize) {
        self.tokens.clear();
        let is_abbreviation = |word: &str| self.lexicon.abbreviations.contains(word);
        for n in s..(s + 2).min(self.doc.sentences.len()) {
            let first = self.tokens.len();
            crate::tokens::tokenize(
                self.text,
                self.doc.sentences[n].span,
                &is_abbreviation,
                &mut self.tokens,
            );
            for token in &mut self.tokens[first..] {
                token.sentence = n as u32;
            }
        }
    }

    fn word(&self, i: usize) -> &'a str {
        let text = self.text;
        self.tokens.get(i).map_or("", |t| t.span.slice(text))
    }

    /// Whether the person `name` is identified somewhere, is the story's
    /// subject, or is not a person at all (an outlet or institution "the
    /// Observer", "the White House": a person's name takes no article).
    fn identify(&mut self, name: &str) -> bool {
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some(surname) = words.iter().rev().copied().find(|w| !is_name_suffix(w)) else {
            return true;
        };
        let mut mentions = 0;
        let mut seen = false;
        let mut last_sentence = None;
        let text = self.text;
        for at in memchr::memmem::find_iter(text.as_bytes(), surname.as_bytes()) {
            let Some(s) = self.doc.sentence_at(at).filter(|&s| last_sentence != Some(s)) else {
                continue;
            };
            last_sentence = Some(s);
            // A name in the headline or standfirst is who the story is
            // about: the story around it is the introduction.
            if self.doc.kind_at(at).is_some_and(BlockKind::is_display) {
                return true;
            }
            // A person is introduced wherever the story names them, not only
            // where it quotes them: "two developers, Ari Bell and …" early on,
            // "Mr. Bell said" later.
            if !self.doc.in_quote(at) && sentence_gives_a_role(self.doc, self.lexicon, s) {
                return true;
            }
            self.read_sentence(s);
            for i in 0..self.tokens.len() {
                let token = self.tokens[i];
                if token.sentence as usize != s || !token.is_word() || token.span.slice(text) != surname {
                    continue;
                }
                let first = self.name_start(i, &words);
                let takes_article = first > 0 && self.word(first - 1).eq_ignore_ascii_case("the");
                if takes_article && !seen {
                    return true;
                }
                if !seen && self.described_next(i) {
                    return true;
                }
                seen = true;
                if self.described_before(first, i, &words) || self.described_after(i) {
                    return true;
                }
                if !self.doc.in_quote(token.span.start) {
                    mentions += 1;
                }
            }
        }
        mentions >= SUBJECT_MENTIONS
    }

    /// The first token of the capitalised run that ends with the surname at
    /// `surname`: first names, initials, particles and titles before it.
    fn name_start(&self, surname: usize, words: &[&str]) -> usize {
        let mut first = surname;
        while first > 0 {
            let token = &self.tokens[first - 1];
            let word = token.span.slice(self.text);
            let in_name = matches!(token.shape, Shape::Capitalised | Shape::AllCaps | Shape::Mixed)
                || words.contains(&word)
                || self.lexicon.name_particles.contains(word);
            let function_word = !words.contains(&word)
                && (self.lexicon.determiners.contains(word) || self.lexicon.not_names.contains(word));
            if !token.is_word() || !in_name || function_word || token.sentence != self.tokens[surname].sentence {
                break;
            }
            first -= 1;
        }
        first
    }

    /// A title or role before the name: a capitalised word in the run that
    /// is not part of the name or a courtesy title ("New Jersey Gov. Chris
    /// Christie", "House Speaker Nia Ruiz"), or a role noun before the run,
    /// with or without a comma ("frontman Ari Bell", "her spokesman, Ari Bell").
    fn described_before(&self, first: usize, surname: usize, words: &[&str]) -> bool {
        let descriptor = (first..surname).any(|i| {
            let word = self.word(i);
            !words.contains(&word)
                && !self.lexicon.courtesy_titles.contains(word)
                && !self.lexicon.not_names.contains(word)
                && !self.lexicon.determiners.contains(word)
        });
        // The grammar may read a title into the name ("Harbour Court Justice
        // Ann Vos"): the title is still there for the reader.
        let titled = words
            .iter()
            .any(|w| self.lexicon.titles.contains(*w) || self.lexicon.role_nouns.contains(w));
        if descriptor || titled {
            return true;
        }
        // A title with "of" ends before the run: "Chief of Staff Ann Vos".
        if first >= 2
            && self.word(first - 1) == "of"
            && self.tokens[first - 2].shape == Shape::Capitalised
            && self.tokens[first - 2].sentence == self.tokens[surname].sentence
        {
            return true;
        }
        let before = match first.checked_sub(1) {
            Some(i) if self.word(i) == "," => i.checked_sub(1),
            other => other,
        };
        before.is_some_and(|i| {
            self.tokens[i].sentence == self.tokens[surname].sentence && self.lexicon.role_nouns.contains(self.word(i))
        })
    }

    /// A description after the name: a parenthesis ("(R-Ore.)"), an
    /// appositive opening with a determiner, a possessive, "who" or a role
    /// noun ("Ari Bell, a pollster", "Ari Bell, who led the count", "Ari
    /// Bell, former mayor of …"), an age followed by one ("Ari Bell, 34, a
    /// nurse"), or a place ("Ari Bell, of Mill Lane"). An age alone is not
    /// enough.
    fn described_after(&self, surname: usize) -> bool {
        let mut next = surname + 1;
        while is_name_suffix(self.word(next)) || (self.word(next) == "," && is_name_suffix(self.word(next + 1))) {
            next += 1;
        }
        match self.word(next) {
            "(" => return true,
            "of" | "from" => return self.tokens.get(next + 1).is_some_and(|t| t.shape == Shape::Capitalised),
            "," => next += 1,
            _ => return false,
        }
        if self.tokens.get(next).is_some_and(|t| t.kind == TokenKind::Number) && self.word(next + 1) == "," {
            next += 2;
        }
        self.opens_description(next)
    }

    /// A description opening the sentence after the first mention: "Ari
    /// Bell says the tax is fair. The deputy mayor …", the way a lede names
    /// someone and the next sentence says who they are.
    fn described_next(&self, mention: usize) -> bool {
        let sentence = self.tokens[mention].sentence;
        let Some(next) = (mention..self.tokens.len()).find(|&i| self.tokens[i].sentence != sentence) else {
            return false;
        };
        let next_sentence = self.tokens[next].sentence;
        matches!(self.word(next), "The" | "A" | "An")
            && (next + 1..next + 6)
                .take_while(|&i| {
                    self.tokens
                        .get(i)
                        .is_some_and(|t| t.is_word() && t.sentence == next_sentence)
                })
                .any(|i| self.lexicon.role_nouns.contains(self.word(i)))
    }

    /// Whether the words from `start` describe someone: "a …", "the …",
    /// "his …", "who …", "of Mill Lane", or a role noun among the next few
    /// words before any punctuation ("former mayor", "state director").
    fn opens_description(&self, start: usize) -> bool {
        let word = self.word(start);
        if matches!(
            word,
            "a" | "an" | "the" | "another" | "one" | "his" | "her" | "their" | "who" | "whose"
        ) {
            return true;
        }
        if matches!(word, "of" | "from") {
            return self
                .tokens
                .get(start + 1)
                .is_some_and(|t| t.shape == Shape::Capitalised);
        }
        if self.lexicon.verbs.contains_key(word) {
            return false;
        }
        (start..start + 4)
            .take_while(|&i| self.tokens.get(i).is_some_and(Token::is_word))
            .any(|i| self.lexicon.role_nouns.contains(self.word(i)))
    }
}

/// "Jr.", "Sr.", "II", "III": after a surname, not part of finding it.
fn is_name_suffix(word: &str) -> bool {
    matches!(word, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV")
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{assert_clean, assert_flags};

    #[test]
    fn flags_a_name_without_credentials() {
        assert_flags(
            "missing-affiliation",
            "Kamila Sorenson said the pact was unlikely.",
            &["Kamila Sorenson"],
        );
    }

    #[test]
    fn a_plural_title_covers_every_name_it_introduces() {
        assert_clean(
            "missing-affiliation",
            "Local historians Maud Fenwick and Ivo Salt note that the fair began indoors.",
        );
    }

    #[test]
    fn post_nominal_letters_are_a_credential() {
        assert_clean(
            "missing-affiliation",
            "Opening the case, Ruth Amadi KC told the jury that the cheques were forged. “They were signed by one hand,” Amadi said.",
        );
    }

    #[test]
    fn a_partitive_before_the_name_says_who_they_are() {
        assert_clean(
            "missing-affiliation",
            "Drivers at the depot were told of the closure on Monday. One of them, Tomas Reyes, said nobody had asked them.",
        );
    }

    #[test]
    fn an_organisations_possessive_before_the_name_is_the_affiliation() {
        assert_clean(
            "missing-affiliation",
            "The harbour board met on Monday.\n\nMeanwhile, HTV’s Ana Ruiz said the vote would be close.",
        );
    }

    #[test]
    fn a_role_in_the_sentence_of_the_first_mention_introduces_the_name() {
        assert_clean(
            "missing-affiliation",
            "Of the three senators still undecided, Ines Corbo said she would vote for the levy.",
        );
        assert_clean(
            "missing-affiliation",
            "Writing at the Harwick Ledger, Ana Ruiz said the levy would fail.",
        );
        // A role two sentences back is someone else's.
        assert_flags(
            "missing-affiliation",
            "Teachers heard of the plan on Thursday. The hall was full. “We just want someone to listen,” said Gareth Bowen.",
            &["Gareth Bowen"],
        );
    }

    #[test]
    fn a_free_role_in_the_sentence_before_introduces_the_name() {
        assert_clean(
            "missing-affiliation",
            "Harbour councillors are split on the levy.\n\nInes Corbo said she would vote for it.",
        );
        // The role before is another named person's: a title or an apposition.
        assert_flags(
            "missing-affiliation",
            "“We were not asked,” said harbour master Colm Reddy.\n\n“Nobody was,” said Tobias Wren.",
            &["Tobias Wren"],
        );
        assert_flags(
            "missing-affiliation",
            "A neighbour of Lind’s, Hugh Pettifer, said the society had thrived.\n\n“He ran it well,” said Moira Quist.",
            &["Moira Quist"],
        );
        // "candidate" modifies "choices": no one is given a role.
        assert_flags(
            "missing-affiliation",
            "The vote narrows the candidate choices for the town.\n\nEd Varga said the race was over.",
            &["Ed Varga"],
        );
    }

    #[test]
    fn a_name_in_the_headline_is_the_storys_subject() {
        assert_clean(
            "missing-affiliation",
            "Corbo Opens Her Bakery Again\n\nThe shop on Mill Lane reopened on Monday after the flood.\n\nInes Corbo said the ovens had survived.",
        );
    }

    #[test]
    fn organisations_are_not_people() {
        // A name ending in "News" is an outlet.
        assert_clean("missing-affiliation", "Tull Valley News said the ferry would run.");
        // The short form is given in full elsewhere with an organisation noun.
        assert_clean(
            "missing-affiliation",
            "Dunmore said the ward would reopen in May. Dunmore General Hospital has 40 beds.",
        );
        // A name that employs someone is an organisation.
        assert_clean(
            "missing-affiliation",
            "Tull Water's chief engineer, Ana Ruiz, said the mains were old. Tull Water said repairs would start in June.",
        );
    }

    #[test]
    fn a_resident_identified_by_place_passes() {
        assert_clean(
            "missing-affiliation",
            "“We moved here for the air,” said Ines Corbo, 71, of Mill Lane.",
        );
        assert_clean(
            "missing-affiliation",
            "Tomas Reyes, from Hollins Edge, said the buses never came.",
        );
        // An age alone does not say who someone is.
        assert_flags(
            "missing-affiliation",
            "Tomas Reyes, 54, said the buses never came.",
            &["Tomas Reyes"],
        );
    }

    #[test]
    fn a_resident_named_with_nothing_else_is_flagged() {
        assert_flags(
            "missing-affiliation",
            "The square was full by noon. “We just want the bus back,” said Ines Corbo.",
            &["Ines Corbo"],
        );
    }

    #[test]
    fn a_description_anywhere_in_the_article_identifies_the_person() {
        // After a quote, with a relative clause.
        assert_clean(
            "missing-affiliation",
            "“There is no oversight,” said Ronald K. Vesey, a Harwick lawyer who has filed many of the suits.",
        );
        // Age, then the role.
        assert_clean(
            "missing-affiliation",
            "“I will do better than my parents,” says Dina Russo, 21, a student from Port Alder.",
        );
        // Described where she acts, quoted later by surname.
        assert_clean(
            "missing-affiliation",
            "Harbour Court Justice Mira Sand rejected the request.\n\n“The court's role is limited,” Sand wrote.",
        );
        assert_clean(
            "missing-affiliation",
            "That, Chief of Staff Katie Welt explained, is by design.\n\nWelt noted that the office had one clerk.",
        );
        // A title before the name, and a role in the sentence after.
        assert_clean("missing-affiliation", "“It is almost done,” frontman Ari Bell said.");
        assert_clean(
            "missing-affiliation",
            "Milo Prentiss says the tax is fair. The deputy mayor spoke at the depot.",
        );
    }

    #[test]
    fn outlets_and_institutions_with_an_article_are_not_people() {
        assert_clean(
            "missing-affiliation",
            "The Kessel Observer found that one in four homes was cold. “It is a scandal,” the Observer wrote.",
        );
    }

    #[test]
    fn the_subject_of_the_story_is_identified_by_the_story() {
        let story = "Tova Lind spoke in Harwick. Lind toured the mill. Lind met workers. \
                     Lind visited the port. Lind left at noon. “We will win,” Lind said.";
        assert_clean("missing-affiliation", story);
    }

    #[test]
    fn appositives_titles_and_possessives_count() {
        assert_clean(
            "missing-affiliation",
            "Kamila Sorenson, a researcher at the Arctic Institute, said the pact was unlikely.",
        );
        assert_clean(
            "missing-affiliation",
            "Finance Minister Olu Adeyemi said the deficit had narrowed.",
        );
        assert_clean(
            "missing-affiliation",
            "Natixis’ chief economist, Alicia Garcia Herrero, said growth would slow.",
        );
    }
}
