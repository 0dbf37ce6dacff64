//! A part-of-speech tagger: a greedy averaged perceptron trained on the
//! Universal Dependencies English Web Treebank (models/NOTICE).
//!
//! Each word gets one combined tag, its universal part of speech and its
//! Penn Treebank tag together ([`PosTag`]): the universal tag tells a verb
//! from an auxiliary, a noun from a proper noun; the treebank tag tells the
//! verb forms apart (said/VBD, said/VBN, saying/VBG, says/VBZ), which the
//! attribution grammar needs. Frequent words that the treebank always tags
//! alike are looked up in a dictionary; the rest are scored from the
//! features in [`super::features`], left to right, each word seeing the
//! tags already chosen before it.
//!
//! The model is embedded in the binary (`models/tagger-ewt.bin`) and read
//! once per process ([`Tagger::embedded`]). Training: docs/accuracy.md.

use super::features::{self, WordInfo, DYNAMIC, START, START2, STATIC};
use super::model::{KeyTable, Model, ModelError, WeightTable, MAX_WEIGHT};
use std::sync::OnceLock;

pub use super::model::ModelError as TaggerError;

macro_rules! tag_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The tag as the treebank writes it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}

tag_enum! {
    /// Universal part of speech (universaldependencies.org/u/pos).
    Upos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET",
        Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON", Propn = "PROPN",
        Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM", Verb = "VERB", X = "X",
    }
}

tag_enum! {
    /// Penn Treebank tag, as the English Web Treebank uses them.
    Xpos {
        Cc = "CC", Cd = "CD", Dt = "DT", Ex = "EX", Fw = "FW", In = "IN", Jj = "JJ", Jjr = "JJR",
        Jjs = "JJS", Ls = "LS", Md = "MD", Nn = "NN", Nns = "NNS", Nnp = "NNP", Nnps = "NNPS",
        Pdt = "PDT", Pos = "POS", Prp = "PRP", PrpPoss = "PRP$", Rb = "RB", Rbr = "RBR", Rbs = "RBS",
        Rp = "RP", Sym = "SYM", To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD", Vbg = "VBG",
        Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT", Wp = "WP", WpPoss = "WP$", Wrb = "WRB",
        Comma = ",", Period = ".", Colon = ":", OpenQuote = "``", CloseQuote = "''", Lrb = "-LRB-",
        Rrb = "-RRB-", Hyph = "HYPH", Nfp = "NFP", Add = "ADD", Afx = "AFX", Gw = "GW", Dollar = "$",
        Xx = "XX",
    }
}

/// One word's tags.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct PosTag {
    pub upos: Upos,
    pub xpos: Xpos,
}

impl PosTag {
    /// "VERB|VBD": the form the model file and the training data use.
    pub fn parse(text: &str) -> Option<PosTag> {
        let (upos, xpos) = text.split_once('|')?;
        Some(PosTag {
            upos: Upos::parse(upos)?,
            xpos: Xpos::parse(xpos)?,
        })
    }

    /// A verb or auxiliary in the past tense: "said", "was".
    pub fn is_past(self) -> bool {
        self.xpos == Xpos::Vbd
    }

    /// A past participle: "has said", "was told", "the loss reported".
    pub fn is_past_participle(self) -> bool {
        self.xpos == Xpos::Vbn
    }

    /// A proper noun ("Vance", "Lumen"; NNP and NNPS).
    pub fn is_proper_noun(self) -> bool {
        self.upos == Upos::Propn
    }
}

/// A loaded tagger.
#[derive(Debug)]
pub struct Tagger {
    tags: Vec<PosTag>,
    scale: f32,
    dictionary: KeyTable<u8>,
    classes: KeyTable<u32>,
    table: WeightTable,
}

/// The most tags a model may have: the width of a score row.
pub const MAX_TAGS: usize = 128;
/// Words scored together before their tags are chosen ([`Tagger::tag_indexes`]).
const CHUNK: usize = 16;

/// The index of the highest score; the first best wins ties (deterministic).
#[inline]
fn best(scores: &[i16]) -> u8 {
    // Two passes without a data-dependent branch per tag: the maximum, then where it first is.
    let max = scores.iter().copied().max().unwrap_or(0);
    scores.iter().position(|&s| s == max).unwrap_or(0) as u8
}

static EMBEDDED: &[u8] = include_bytes!("../../models/tagger-ewt.bin");

impl Tagger {
    /// The model shipped in the binary, read on first use.
    pub fn embedded() -> Result<&'static Tagger, TaggerError> {
        static TAGGER: OnceLock<Result<Tagger, TaggerError>> = OnceLock::new();
        TAGGER
            .get_or_init(|| Tagger::from_bytes(EMBEDDED))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A tagger from a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, TaggerError> {
        Tagger::from_model(&Model::read(bytes)?)
    }

    pub fn from_model(model: &Model) -> Result<Tagger, ModelError> {
        if model.tags.len() > MAX_TAGS {
            return Err(ModelError::Invalid("more tags than the tagger scores"));
        }
        let pairs: usize = model.features.iter().map(|(_, w)| w.len()).sum();
        let too_large = |w: &[(u8, i16)]| w.iter().any(|&(_, w)| w.unsigned_abs() > MAX_WEIGHT as u16);
        if pairs >= 1 << 22 || model.features.iter().any(|(_, w)| w.len() > MAX_TAGS || too_large(w)) {
            return Err(ModelError::Invalid("feature weights"));
        }
        let tags = model
            .tags
            .iter()
            .map(|t| PosTag::parse(t).ok_or_else(|| ModelError::UnknownTag(t.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tagger {
            tags,
            scale: model.scale,
            dictionary: KeyTable::of(model.dictionary.iter().copied()),
            classes: KeyTable::of(model.classes.iter().copied()),
            table: WeightTable::of(&model.features, model.tags.len()),
        })
    }

    /// The tags the model predicts, by index.
    pub fn tags(&self) -> &[PosTag] {
        &self.tags
    }

    /// What the features read of a word, its ambiguity class filled in.
    pub fn word_info(&self, word: &str) -> WordInfo {
        let info = features::word_info(word);
        features::with_class(info, self.classes.get(features::class_key(&info)))
    }

    /// The dictionary key of a word (see [`WordInfo::exact`]).
    pub fn dictionary_key(info: &WordInfo) -> u32 {
        (info.exact ^ (info.exact >> 32)) as u32
    }

    /// Whether the dictionary tags this word without scoring it.
    pub fn settles(&self, info: &WordInfo) -> bool {
        self.dictionary.get(Self::dictionary_key(info)).is_some()
    }

    /// Tag one sentence: `words` are its tokens' [`Tagger::word_info`];
    /// the tag indexes are pushed onto `out`.
    ///
    /// In stretches of [`CHUNK`] words: first every word of the stretch
    /// that the dictionary does not settle gets the score of its
    /// word-only features (no word waits for another, so the table
    /// look-ups overlap), then left to right each adds the features of
    /// the tags chosen before it and takes the best. Nothing is allocated.
    pub fn tag_indexes(&self, words: &[WordInfo], out: &mut Vec<u8>) {
        let n = self.tags.len();
        let mut scores = [[0i16; MAX_TAGS]; CHUNK];
        let mut settled = [None::<u8>; CHUNK];
        let mut dynamic = [0u32; DYNAMIC];
        let mut values = [[0u32; STATIC]; CHUNK];
        let (mut prev, mut prev2) = (START, START2);
        for from in (0..words.len()).step_by(CHUNK) {
            let to = (from + CHUNK).min(words.len());
            // Three passes over the stretch, each a run of independent
            // loads: the features' table entries, the first weight of each
            // run they point to, then the sums (by now mostly in cache).
            for i in from..to {
                let slot = i - from;
                settled[slot] = self.dictionary.get(Self::dictionary_key(&words[i]));
                if settled[slot].is_none() {
                    let mut keys = [0u32; STATIC];
                    features::static_features(words, i, &mut keys);
                    for (value, &key) in values[slot].iter_mut().zip(&keys) {
                        *value = self.table.find(key);
                    }
                }
            }
            let mut touched = 0i16;
            for slot in 0..to - from {
                if settled[slot].is_none() {
                    touched = values[slot]
                        .iter()
                        .fold(touched, |t, &v| t ^ self.table.first_weight(v));
                }
            }
            for slot in 0..to - from {
                if settled[slot].is_none() {
                    let row = &mut scores[slot];
                    row[..n].fill(0);
                    for &value in &values[slot] {
                        self.table.add(value, row);
                    }
                }
            }
            // Nothing depends on the touched weights; this keeps their loads.
            std::hint::black_box(touched);
            for i in from..to {
                let slot = i - from;
                let tag = match settled[slot] {
                    Some(tag) => tag,
                    None => {
                        features::dynamic_features(words, i, prev, prev2, &mut dynamic);
                        let row = &mut scores[slot];
                        for &key in &dynamic {
                            self.table.add(self.table.find(key), row);
                        }
                        best(&row[..n])
                    }
                };
                out.push(tag);
                (prev2, prev) = (prev, tag);
            }
        }
    }

    /// Tag one sentence of words as written.
    pub fn tag_words(&self, words: &[&str]) -> Vec<PosTag> {
        let info: Vec<WordInfo> = words.iter().map(|w| self.word_info(w)).collect();
        let mut indexes = Vec::with_capacity(words.len());
        self.tag_indexes(&info, &mut indexes);
        indexes.into_iter().map(|t| self.tags[usize::from(t)]).collect()
    }

    /// Bytes the feature table takes in memory (for diagnostics).
    pub fn table_bytes(&self) -> usize {
        self.table.bytes()
    }

    /// The weight scale of the quantised model (for diagnostics).
    pub fn scale(&self) -> f32 {
        self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_of_the_enums_parses_back() {
        for &u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
        }
        for &x in Xpos::ALL {
            assert_eq!(Xpos::parse(x.as_str()), Some(x));
        }
        assert_eq!(PosTag::parse("VERB|VBD").map(|t| t.is_past()), Some(true));
        assert_eq!(PosTag::parse("VERB"), None);
    }

    #[test]
    fn the_embedded_model_loads_and_tags_verb_forms() {
        let tagger = Tagger::embedded().expect("the embedded model is valid");
        let tags = tagger.tag_words(&[
            "Mara", "Voss", "said", "the", "council", "has", "approved", "the", "plan", ".",
        ]);
        assert_eq!(tags[0].upos, Upos::Propn);
        assert_eq!(tags[1].upos, Upos::Propn);
        assert_eq!(tags[2].xpos, Xpos::Vbd);
        assert_eq!(tags[4].upos, Upos::Noun);
        assert_eq!(tags[5].upos, Upos::Aux);
        assert_eq!(tags[6].xpos, Xpos::Vbn);
        assert_eq!(tags[9].upos, Upos::Punct);
    }

    #[test]
    fn a_damaged_model_is_an_error() {
        let mut bytes = EMBEDDED.to_vec();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        assert!(Tagger::from_bytes(&bytes).is_err());
        assert!(Tagger::from_bytes(&[]).is_err());
    }
}
