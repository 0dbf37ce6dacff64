//! Train the part-of-speech tagger on the UD English Web Treebank.
//!
//! ```text
//! cargo run --release --example train_tagger -- /tmp/ewt [--iterations 10] [--prune 0.5]
//!     [--class-min 3] [--dict-min 5] [--dict-ratio 0.99] [--min-count 1] [--drop 3,17]
//!     [--out models/tagger-ewt.bin]
//! cargo run --release --example train_tagger -- /tmp/ewt --speed-of models/tagger-ewt.bin
//! ```
//!
//! `--dict-min`/`--dict-ratio`: a word seen at least that often and given
//! one tag at least that share of the time is tagged from the dictionary,
//! unscored. `--min-count` leaves out features seen fewer times in
//! training; `--drop` leaves out features by index (to judge one on dev).
//! `--speed-of` only measures a model's speed, on dev. The defaults are
//! the shipped model's (chosen on dev).
//!
//! Reads en_ewt-ud-{train,dev,test}.conllu from the folder (gold
//! tokenisation), trains a greedy averaged perceptron on train, reports
//! accuracy on dev after every iteration, writes the model and reports the
//! written model's accuracy on test, tagged by the library's own tagger
//! (`attrib::tokens::Tagger`) so the figure is what `attrib` gets. The
//! features are the library's (`attrib::tokens::features`): one
//! implementation for training and tagging.

use attrib::tokens::features::{self, WordInfo, COUNT, START, START2};
use attrib::tokens::model::{FeatureWeights, Model, MAX_WEIGHT};
use attrib::tokens::{PosTag, Tagger, Upos};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct Sentence {
    words: Vec<String>,
    info: Vec<WordInfo>,
    /// "UPOS|XPOS" of each word.
    gold: Vec<String>,
}

fn read_conllu(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut sentences = Vec::new();
    let (mut words, mut gold) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            if !words.is_empty() {
                let info = words.iter().map(|w: &String| features::word_info(w)).collect();
                sentences.push(Sentence {
                    words: std::mem::take(&mut words),
                    info,
                    gold: std::mem::take(&mut gold),
                });
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("{}:{}: expected 10 columns", path.display(), n + 1));
        }
        // Multiword tokens ("don't" as 3-4) and empty nodes (8.1) are not words.
        if cols[0].contains(['-', '.']) {
            continue;
        }
        words.push(cols[1].to_string());
        gold.push(format!("{}|{}", cols[3], cols[4]));
    }
    if !words.is_empty() {
        let info = words.iter().map(|w| features::word_info(w)).collect();
        sentences.push(Sentence { words, info, gold });
    }
    Ok(sentences)
}

/// The key a left-out feature gets (`--drop`): never learned.
const DROPPED: u32 = 0;

#[derive(Clone, Copy)]
struct Param {
    tag: u8,
    weight: f32,
    total: f64,
    stamp: u32,
}

#[derive(Default)]
struct Perceptron {
    weights: FxHashMap<u32, Vec<Param>>,
    step: u32,
}

impl Perceptron {
    fn predict(&self, feats: &[u32; COUNT], scores: &mut [f32]) -> u8 {
        scores.fill(0.0);
        for key in feats {
            if *key == DROPPED {
                continue;
            }
            if let Some(params) = self.weights.get(key) {
                for p in params {
                    scores[usize::from(p.tag)] += p.weight;
                }
            }
        }
        let mut best = 0;
        for (t, &s) in scores.iter().enumerate() {
            if s > scores[best] {
                best = t;
            }
        }
        best as u8
    }

    fn update(&mut self, truth: u8, guess: u8, feats: &[u32; COUNT]) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let step = self.step;
        for key in feats.iter().filter(|&&k| k != DROPPED) {
            let params = self.weights.entry(*key).or_default();
            for (tag, change) in [(truth, 1.0f32), (guess, -1.0)] {
                let at = match params.iter().position(|p| p.tag == tag) {
                    Some(at) => at,
                    None => {
                        params.push(Param {
                            tag,
                            weight: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        params.len() - 1
                    }
                };
                let p = &mut params[at];
                p.total += f64::from(step - p.stamp) * f64::from(p.weight);
                p.stamp = step;
                p.weight += change;
            }
        }
    }

    /// The averaged weights, quantised to i16, without those below `prune`.
    fn averaged(&self, prune: f64) -> (f32, Vec<FeatureWeights>) {
        let step = f64::from(self.step.max(1));
        let mut averaged: Vec<(u32, Vec<(u8, f64)>)> = self
            .weights
            .iter()
            .map(|(&key, params)| {
                let mut kept: Vec<(u8, f64)> = params
                    .iter()
                    .map(|p| {
                        (
                            p.tag,
                            (p.total + f64::from(self.step - p.stamp) * f64::from(p.weight)) / step,
                        )
                    })
                    .filter(|&(_, w)| w.abs() >= prune)
                    .collect();
                kept.sort_by_key(|&(t, _)| t);
                (key, kept)
            })
            .filter(|(_, kept)| !kept.is_empty())
            .collect();
        averaged.sort_by_key(|&(key, _)| key);
        let max = averaged
            .iter()
            .flat_map(|(_, k)| k.iter().map(|&(_, w)| w.abs()))
            .fold(1e-9, f64::max);
        // Small enough that a token's weights add up within i16 (model::MAX_WEIGHT).
        let scale = max / f64::from(MAX_WEIGHT);
        let features = averaged
            .into_iter()
            .map(|(key, kept)| {
                (
                    key,
                    kept.into_iter().map(|(t, w)| (t, (w / scale).round() as i16)).collect(),
                )
            })
            .collect();
        (scale as f32, features)
    }
}

struct Options {
    dir: PathBuf,
    iterations: usize,
    prune: f64,
    class_min: u32,
    dict_min: u32,
    dict_ratio: f64,
    out: PathBuf,
    /// Features seen fewer times in training are left out.
    min_count: u32,
    /// Features left out (indexes into `features::features`), to judge one on dev.
    drop: Vec<usize>,
    /// Only measure the speed of this model (on dev).
    speed_of: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        dir: PathBuf::from("/tmp/ewt"),
        iterations: 10,
        prune: 0.5,
        class_min: 3,
        dict_min: 5,
        dict_ratio: 0.99,
        speed_of: None,
        drop: Vec::new(),
        min_count: 1,
        out: PathBuf::from("models/tagger-ewt.bin"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--iterations" => options.iterations = value()?.parse().map_err(|e| format!("--iterations: {e}"))?,
            "--prune" => options.prune = value()?.parse().map_err(|e| format!("--prune: {e}"))?,
            "--class-min" => options.class_min = value()?.parse().map_err(|e| format!("--class-min: {e}"))?,
            "--dict-min" => options.dict_min = value()?.parse().map_err(|e| format!("--dict-min: {e}"))?,
            "--dict-ratio" => options.dict_ratio = value()?.parse().map_err(|e| format!("--dict-ratio: {e}"))?,
            "--min-count" => options.min_count = value()?.parse().map_err(|e| format!("--min-count: {e}"))?,
            "--drop" => {
                options.drop = value()?
                    .split(',')
                    .map(|n| n.parse().map_err(|e| format!("--drop: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--speed-of" => options.speed_of = Some(PathBuf::from(value()?)),
            "--out" => options.out = PathBuf::from(value()?),
            _ if !arg.starts_with("--") => options.dir = PathBuf::from(arg),
            _ => return Err(format!("unknown option {arg}")),
        }
    }
    if let Some(&j) = options.drop.iter().find(|&&j| j >= COUNT) {
        return Err(format!("--drop: there are {COUNT} features, no feature {j}"));
    }
    Ok(options)
}

/// How often each word (by `key`) was given each tag in training.
fn tag_counts(
    train: &[Sentence],
    tag_index: &BTreeMap<&str, u8>,
    key: impl Fn(&WordInfo) -> u32,
) -> FxHashMap<u32, FxHashMap<u8, u32>> {
    let mut counts: FxHashMap<u32, FxHashMap<u8, u32>> = FxHashMap::default();
    for s in train {
        for (info, gold) in s.info.iter().zip(&s.gold) {
            *counts
                .entry(key(info))
                .or_default()
                .entry(tag_index[gold.as_str()])
                .or_default() += 1;
        }
    }
    counts
}

/// For each lowercase word seen at least `min` times, the set of tags it
/// was given at least twice, as one 32-bit value.
fn ambiguity_classes(train: &[Sentence], tag_index: &BTreeMap<&str, u8>, min: u32) -> FxHashMap<u32, u32> {
    tag_counts(train, tag_index, features::class_key)
        .into_iter()
        .filter_map(|(key, tags)| {
            let total: u32 = tags.values().sum();
            if total < min {
                return None;
            }
            let mut set: Vec<u8> = tags
                .iter()
                .filter(|&(_, &c)| c >= 2 || total < 10)
                .map(|(&t, _)| t)
                .collect();
            set.sort_unstable();
            let class = set
                .iter()
                .fold(0x811c_9dc5_u32, |h, &t| (h ^ u32::from(t)).wrapping_mul(0x0100_0193));
            Some((key, class))
        })
        .collect()
}

/// Words the treebank (almost) always tags alike: tagged without the perceptron.
fn dictionary(train: &[Sentence], tag_index: &BTreeMap<&str, u8>, min: u32, ratio: f64) -> FxHashMap<u32, u8> {
    tag_counts(train, tag_index, Tagger::dictionary_key)
        .into_iter()
        .filter_map(|(key, tags)| {
            let total: u32 = tags.values().sum();
            let (&tag, &best) = tags.iter().max_by_key(|&(&t, &c)| (c, std::cmp::Reverse(t)))?;
            (total >= min && f64::from(best) / f64::from(total) >= ratio).then_some((key, tag))
        })
        .collect()
}

fn train_iteration(
    model: &mut Perceptron,
    train: &[Sentence],
    order: &[usize],
    dict: &FxHashMap<u32, u8>,
    tag_index: &BTreeMap<&str, u8>,
    n_tags: usize,
    left_out: &LeftOut,
) -> f64 {
    let mut scores = vec![0f32; n_tags];
    let mut feats = [0u32; COUNT];
    let (mut right, mut all) = (0usize, 0usize);
    for &s in order {
        let sentence = &train[s];
        let (mut prev, mut prev2) = (START, START2);
        for i in 0..sentence.info.len() {
            let truth = tag_index[sentence.gold[i].as_str()];
            let guess = match dict.get(&Tagger::dictionary_key(&sentence.info[i])) {
                Some(&tag) => tag,
                None => {
                    features::features(&sentence.info, i, prev, prev2, &mut feats);
                    left_out.apply(&mut feats);
                    let guess = model.predict(&feats, &mut scores);
                    model.update(truth, guess, &feats);
                    guess
                }
            };
            right += usize::from(guess == truth);
            all += 1;
            (prev2, prev) = (prev, guess);
        }
    }
    right as f64 / all as f64
}

/// The features training does not learn: `--drop` and `--min-count`.
struct LeftOut<'a> {
    dropped: &'a [usize],
    /// With `--min-count`, the features seen often enough.
    frequent: Option<FxHashSet<u32>>,
}

impl LeftOut<'_> {
    fn apply(&self, feats: &mut [u32; COUNT]) {
        for &j in self.dropped {
            feats[j] = DROPPED;
        }
        if let Some(frequent) = &self.frequent {
            for key in feats.iter_mut() {
                if !frequent.contains(key) {
                    *key = DROPPED;
                }
            }
        }
    }
}

/// The features seen at least `min` times in training (with the gold tags
/// before each word): the rarer ones are never learned, which keeps the
/// model small enough for the processor's caches.
fn frequent_features(
    train: &[Sentence],
    dict: &FxHashMap<u32, u8>,
    tag_index: &BTreeMap<&str, u8>,
    min: u32,
) -> FxHashSet<u32> {
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    let mut feats = [0u32; COUNT];
    for sentence in train {
        let (mut prev, mut prev2) = (START, START2);
        for i in 0..sentence.info.len() {
            if !dict.contains_key(&Tagger::dictionary_key(&sentence.info[i])) {
                features::features(&sentence.info, i, prev, prev2, &mut feats);
                for key in feats {
                    *counts.entry(key).or_default() += 1;
                }
            }
            (prev2, prev) = (prev, tag_index[sentence.gold[i].as_str()]);
        }
    }
    counts.into_iter().filter(|&(_, n)| n >= min).map(|(k, _)| k).collect()
}

/// The words' features as the tagger computes them (ambiguity classes from its model).
fn refill(tagger: &Tagger, sentences: &mut [Sentence]) {
    for s in sentences {
        s.info = s.words.iter().map(|w| tagger.word_info(w)).collect();
    }
}

#[derive(Default)]
struct Score {
    words: usize,
    upos: usize,
    xpos: usize,
    both: usize,
    /// (gold UPOS, predicted UPOS) → count, for the tags attribution reads.
    confusion: BTreeMap<(&'static str, &'static str), usize>,
}

fn evaluate(tagger: &Tagger, sentences: &[Sentence]) -> Score {
    let mut score = Score::default();
    let mut indexes = Vec::new();
    for s in sentences {
        indexes.clear();
        tagger.tag_indexes(&s.info, &mut indexes);
        for (&t, gold) in indexes.iter().zip(&s.gold) {
            let predicted = tagger.tags()[usize::from(t)];
            let gold = PosTag::parse(gold);
            score.words += 1;
            let Some(gold) = gold else { continue };
            score.upos += usize::from(predicted.upos == gold.upos);
            score.xpos += usize::from(predicted.xpos == gold.xpos);
            score.both += usize::from(predicted == gold);
            let watched = [Upos::Verb, Upos::Aux, Upos::Noun, Upos::Propn];
            if predicted.upos != gold.upos && (watched.contains(&gold.upos) || watched.contains(&predicted.upos)) {
                *score
                    .confusion
                    .entry((gold.upos.as_str(), predicted.upos.as_str()))
                    .or_default() += 1;
            }
        }
    }
    score
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// A rough speed check (the benchmark, benches/tagger.rs, is the measure):
/// MB/s of the sentences' words (a space after each) through
/// `Tagger::word_info` and `Tagger::tag_indexes` in CPU time, and the share
/// of words the dictionary settles.
fn speed(tagger: &Tagger, sentences: &[Sentence]) -> (f64, f64) {
    let bytes_in: usize = sentences.iter().flat_map(|s| &s.words).map(|w| w.len() + 1).sum();
    // CPU time of this thread (Linux), so that other processes on the machine count less.
    let cpu_ns = || -> Option<f64> {
        let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        text.split_whitespace().next()?.parse().ok()
    };
    let cpu_started = cpu_ns();
    let started = std::time::Instant::now();
    let (mut rounds, mut info, mut indexes) = (0u32, Vec::new(), Vec::new());
    let (mut words, mut settled) = (0usize, 0usize);
    while rounds < 5 || started.elapsed().as_secs_f64() < 1.0 {
        for s in sentences {
            info.clear();
            info.extend(s.words.iter().map(|w| tagger.word_info(w)));
            indexes.clear();
            tagger.tag_indexes(&info, &mut indexes);
            if rounds == 0 {
                words += info.len();
                settled += info.iter().filter(|i| tagger.settles(i)).count();
            }
        }
        rounds += 1;
    }
    let wall = started.elapsed().as_secs_f64();
    let seconds = match (cpu_started, cpu_ns()) {
        (Some(a), Some(b)) if b > a => (b - a) / 1e9,
        _ => wall,
    };
    (
        f64::from(rounds) * bytes_in as f64 / seconds / 1e6,
        percent(settled, words),
    )
}

fn run() -> Result<(), String> {
    let options = options()?;
    if let Some(model) = &options.speed_of {
        // Speed only, on dev: no accuracy figure, so no temptation to tune on test.
        let tagger =
            Tagger::from_bytes(&std::fs::read(model).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        let mut dev = read_conllu(&options.dir.join("en_ewt-ud-dev.conllu"))?;
        refill(&tagger, &mut dev);
        let (speed, settled) = speed(&tagger, &dev);
        println!(
            "speed on dev (word_info + tag_indexes, one thread, CPU time): {speed:.1} MB/s; feature table {} bytes; dictionary settles {settled:.1}% of dev words",
            tagger.table_bytes()
        );
        return Ok(());
    }
    let read = |split: &str| read_conllu(&options.dir.join(format!("en_ewt-ud-{split}.conllu")));
    let (mut train, mut dev, mut test) = (read("train")?, read("dev")?, read("test")?);
    // Tags by frequency in train: the most frequent wins ties.
    let mut frequency: FxHashMap<String, usize> = FxHashMap::default();
    for s in &train {
        for g in &s.gold {
            *frequency.entry(g.clone()).or_default() += 1;
        }
    }
    let mut tags: Vec<(String, usize)> = frequency.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (tag, _) in &tags {
        PosTag::parse(tag).ok_or(format!("unknown tag {tag} in the treebank"))?;
    }
    let tag_index: BTreeMap<&str, u8> = tags
        .iter()
        .enumerate()
        .map(|(i, (t, _))| (t.as_str(), i as u8))
        .collect();
    let dict = dictionary(&train, &tag_index, options.dict_min, options.dict_ratio);
    let classes = ambiguity_classes(&train, &tag_index, options.class_min);
    for s in &mut train {
        for info in &mut s.info {
            *info = features::with_class(*info, classes.get(&features::class_key(info)).copied());
        }
    }
    eprintln!(
        "{} sentences, {} tags, {} dictionary words",
        train.len(),
        tags.len(),
        dict.len()
    );

    let left_out = LeftOut {
        dropped: &options.drop,
        frequent: (options.min_count > 1).then(|| frequent_features(&train, &dict, &tag_index, options.min_count)),
    };
    let mut model = Perceptron::default();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut built = Model::default();
    for iteration in 1..=options.iterations {
        // A fixed-seed shuffle (xorshift): the same command trains the same model.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let train_accuracy = train_iteration(&mut model, &train, &order, &dict, &tag_index, tags.len(), &left_out);
        let (scale, features) = model.averaged(options.prune);
        let mut dictionary: Vec<(u32, u8)> = dict.iter().map(|(&k, &t)| (k, t)).collect();
        dictionary.sort_unstable();
        let mut class_table: Vec<(u32, u32)> = classes.iter().map(|(&k, &c)| (k, c)).collect();
        class_table.sort_unstable();
        built = Model {
            tags: tags.iter().map(|(t, _)| t.clone()).collect(),
            scale,
            dictionary,
            classes: class_table,
            features,
        };
        let tagger = Tagger::from_model(&built).map_err(|e| e.to_string())?;
        refill(&tagger, &mut dev);
        let score = evaluate(&tagger, &dev);
        eprintln!(
            "iteration {iteration}: train {:.2}%, dev UPOS {:.2}% XPOS {:.2}% both {:.2}%, {} features",
            100.0 * train_accuracy,
            percent(score.upos, score.words),
            percent(score.xpos, score.words),
            percent(score.both, score.words),
            built.features.len()
        );
    }
    let bytes = built.write();
    std::fs::write(&options.out, &bytes).map_err(|e| format!("{}: {e}", options.out.display()))?;
    let tagger =
        Tagger::from_bytes(&std::fs::read(&options.out).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    refill(&tagger, &mut test);
    let score = evaluate(&tagger, &test);
    println!(
        "model {} ({} bytes, {} features)",
        options.out.display(),
        bytes.len(),
        built.features.len()
    );
    println!(
        "EWT test ({} words, gold tokens): UPOS {:.2}%  XPOS {:.2}%  both {:.2}%",
        score.words,
        percent(score.upos, score.words),
        percent(score.xpos, score.words),
        percent(score.both, score.words)
    );
    let (speed, settled) = speed(&tagger, &test);
    println!(
        "speed (word_info + tag_indexes, one thread, CPU time): {speed:.1} MB/s; feature table {} bytes; dictionary settles {settled:.1}% of test words",
        tagger.table_bytes()
    );
    let mut confusion: Vec<_> = score.confusion.into_iter().collect();
    confusion.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    println!("UPOS confusions involving VERB/AUX/NOUN/PROPN (gold -> predicted: count):");
    for ((gold, predicted), n) in confusion.iter().take(16) {
        println!("  {gold} -> {predicted}: {n}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_tagger: {e}");
            ExitCode::FAILURE
        }
    }
}
