//! The tagger's model file: a compact little-endian binary.
//!
//! ```text
//! magic "ATTRTAG2" (the feature set of src/tokens/features.rs, second version)
//! u16 tag count, then each tag as u8 length + "UPOS|XPOS"
//! f32 weight scale (a weight is its i16 times the scale)
//! u32 dictionary entries, each u32 word key + u8 tag
//! u32 ambiguity classes, each u32 word key + u32 class
//! u32 features, each u32 key + u8 weight count + count × (u8 tag, i16 weight)
//! u32 FNV-1a checksum of everything before it
//! ```
//!
//! Training writes it ([`Model::write`]); the tagger reads it once per
//! process ([`Model::read`]). A truncated or altered file is an error.

pub const MAGIC: &[u8; 8] = b"ATTRTAG2";

/// A feature's key and its (tag, quantised weight) pairs.
pub type FeatureWeights = (u32, Vec<(u8, i16)>);

/// A model in memory, as training produces it and the file stores it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// "UPOS|XPOS" of each tag index.
    pub tags: Vec<String>,
    pub scale: f32,
    /// Words tagged without the perceptron: word key → tag.
    pub dictionary: Vec<(u32, u8)>,
    /// Lowercase word key → ambiguity class (the set of tags it was seen with).
    pub classes: Vec<(u32, u32)>,
    /// Feature key → (tag, quantised weight) pairs.
    pub features: Vec<FeatureWeights>,
}

/// What is wrong with a model file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("the tagger model is not an attrib tagger model (bad magic)")]
    Magic,
    #[error("the tagger model is truncated at byte {0}")]
    Truncated(usize),
    #[error("the tagger model is corrupted (checksum mismatch)")]
    Checksum,
    #[error("the tagger model has an unknown tag {0:?}")]
    UnknownTag(String),
    #[error("the tagger model is invalid: {0}")]
    Invalid(&'static str),
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ModelError::Truncated(self.at))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("two bytes")))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("four bytes")))
    }
}

impl Model {
    /// The file's bytes.
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.tags.len() as u16).to_le_bytes());
        for tag in &self.tags {
            out.push(tag.len() as u8);
            out.extend_from_slice(tag.as_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.dictionary.len() as u32).to_le_bytes());
        for &(key, tag) in &self.dictionary {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(tag);
        }
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for &(key, class) in &self.classes {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&class.to_le_bytes());
        }
        out.extend_from_slice(&(self.features.len() as u32).to_le_bytes());
        for (key, weights) in &self.features {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(weights.len() as u8);
            for &(tag, weight) in weights {
                out.push(tag);
                out.extend_from_slice(&weight.to_le_bytes());
            }
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Read a model file.
    pub fn read(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::Magic);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        if checksum(body) != u32::from_le_bytes(sum.try_into().expect("four bytes")) {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader {
            bytes: body,
            at: MAGIC.len(),
        };
        let tag_count = usize::from(r.u16()?);
        if tag_count == 0 || tag_count >= usize::from(super::features::START2) {
            return Err(ModelError::Invalid("tag count"));
        }
        let mut tags = Vec::with_capacity(tag_count);
        for _ in 0..tag_count {
            let len = usize::from(r.u8()?);
            let name = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::Invalid("tag name"))?;
            tags.push(name.to_string());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("four bytes"));
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Invalid("weight scale"));
        }
        let check_tag = |tag: u8| {
            if usize::from(tag) < tag_count {
                Ok(tag)
            } else {
                Err(ModelError::Invalid("tag index"))
            }
        };
        let entries = r.u32()? as usize;
        let mut dictionary = Vec::with_capacity(entries.min(body.len() / 5));
        for _ in 0..entries {
            let key = r.u32()?;
            dictionary.push((key, check_tag(r.u8()?)?));
        }
        let entries = r.u32()? as usize;
        let mut classes = Vec::with_capacity(entries.min(body.len() / 8));
        for _ in 0..entries {
            classes.push((r.u32()?, r.u32()?));
        }
        let count = r.u32()? as usize;
        let mut features = Vec::with_capacity(count.min(body.len() / 5));
        for _ in 0..count {
            let key = r.u32()?;
            let n = usize::from(r.u8()?);
            let mut weights = Vec::with_capacity(n);
            for _ in 0..n {
                let tag = check_tag(r.u8()?)?;
                weights.push((tag, r.u16()? as i16));
            }
            features.push((key, weights));
        }
        if r.at != body.len() {
            return Err(ModelError::Invalid("bytes after the last feature"));
        }
        Ok(Model {
            tags,
            scale,
            dictionary,
            classes,
            features,
        })
    }
}

/// Keys per bucket of a [`KeyTable`]: 8 keys and their values, one or two cache lines.
const BUCKET: usize = 8;

#[derive(Copy, Clone, Debug, Default)]
#[repr(C, align(32))]
struct Bucket<V> {
    /// Key 0 marks an empty place (a key of 0 is stored as 1).
    keys: [u32; BUCKET],
    values: [V; BUCKET],
}

/// A hash table keyed by the model's 32-bit keys, in buckets of eight.
/// The keys are hashes already, so their top 24 bits pick the bucket (the
/// low byte does not: see `features::role`); a look-up compares the
/// bucket's eight keys at once, without a branch per key (a miss costs what
/// a hit does), and moves to the next bucket only when a full bucket lacks
/// the key. Sized to be about 80% full, so that the model's features fit
/// the processor's caches. Built once when the model loads.
#[derive(Debug, Default)]
pub struct KeyTable<V> {
    buckets: Vec<Bucket<V>>,
}

/// The bucket of `key` among `count` buckets.
#[inline]
fn home(key: u32, count: usize) -> usize {
    ((u64::from(key >> 8) * count as u64) >> 24) as usize
}

impl<V: Copy + Default> KeyTable<V> {
    /// Buckets for `entries` keys.
    fn bucket_count(entries: usize) -> usize {
        (entries * 10 / (BUCKET * 8)).max(1) + 1
    }

    pub fn of(entries: impl ExactSizeIterator<Item = (u32, V)>) -> Self {
        let count = Self::bucket_count(entries.len());
        let mut table = KeyTable {
            buckets: vec![Bucket::default(); count],
        };
        for (key, value) in entries {
            let key = key.max(1);
            let mut at = home(key, count);
            loop {
                let bucket = &mut table.buckets[at];
                if let Some(j) = bucket.keys.iter().position(|&k| k == 0 || k == key) {
                    (bucket.keys[j], bucket.values[j]) = (key, value);
                    break;
                }
                at = if at + 1 == count { 0 } else { at + 1 };
            }
        }
        table
    }

    #[inline]
    pub fn get(&self, key: u32) -> Option<V> {
        let key = key.max(1);
        let count = self.buckets.len();
        let mut at = home(key, count);
        loop {
            let bucket = self.buckets.get(at)?;
            // Bit masks of the matching and the empty places, not a branch
            // per key: a branch on which key matched would be mispredicted at
            // every hit and stall the look-ups that follow.
            let (mut hits, mut empty) = (0u32, 0u32);
            for (j, &k) in bucket.keys.iter().enumerate() {
                hits |= u32::from(k == key) << j;
                empty |= u32::from(k == 0) << j;
            }
            let value = bucket.values[hits.trailing_zeros() as usize % BUCKET];
            if hits | empty != 0 {
                return (hits != 0).then_some(value);
            }
            at = if at + 1 == count { 0 } else { at + 1 };
        }
    }

    /// Bytes the table takes in memory.
    pub fn bytes(&self) -> usize {
        self.buckets.len() * std::mem::size_of::<Bucket<V>>()
    }
}

/// The largest weight a model may hold: the sum of one weight per feature
/// of a token cannot leave `i16`, so the tagger adds them in 16-bit lanes
/// without a check.
pub const MAX_WEIGHT: i16 = (i16::MAX as usize / super::features::COUNT) as i16;

/// Features with at least this many tag weights get a dense row.
const DENSE_MIN: usize = 12;

/// The features of a model as the tagger looks them up: key → packed
/// value in a [`KeyTable`]. A feature with one tag weight (most of them)
/// keeps it in its value: one cache line per look-up. A feature with a
/// few has a run of packed (tag, weight) pairs, each one `u32`, in one flat
/// array; a feature with many (the frequent ones: the bias, suffixes,
/// shapes, the previous tag) has a dense row of `i16`, one per tag, added
/// to the scores in SIMD lanes.
#[derive(Debug, Default)]
pub struct WeightTable {
    index: KeyTable<u32>,
    pairs: Vec<u32>,
    /// Dense rows of `stride` weights each.
    rows: Vec<i16>,
    stride: usize,
}

/// A value with this bit holds its one (tag, weight) pair in its low bits.
const INLINE: u32 = 1 << 31;
/// A value with this bit (and not [`INLINE`]) is the index of a dense row.
const DENSE: u32 = 1 << 30;

#[inline]
fn pack(tag: u8, weight: i16) -> u32 {
    (u32::from(weight as u16) << 8) | u32::from(tag)
}

#[inline]
fn unpack(pair: u32) -> (usize, i16) {
    ((pair & 0x7F) as usize, (pair >> 8) as u16 as i16)
}

impl WeightTable {
    /// The table of `features` for a model of `tags` tags. The tags must be
    /// below 128, the weights within [`MAX_WEIGHT`] and fewer than 2^22 in
    /// all (`Tagger::from_model` checks).
    pub fn of(features: &[FeatureWeights], tags: usize) -> Self {
        // Runs in the order of their buckets: the features of one bucket
        // (one value in several roles) have their weights side by side too.
        let count = KeyTable::<u32>::bucket_count(features.len());
        let mut order: Vec<&FeatureWeights> = features.iter().collect();
        order.sort_by_key(|(key, _)| (home((*key).max(1), count), *key));
        let stride = tags.div_ceil(8) * 8;
        let (mut pairs, mut rows) = (Vec::new(), Vec::new());
        let mut values = Vec::with_capacity(features.len());
        for (key, run) in order {
            let value = match run.as_slice() {
                [] => continue,
                &[(tag, weight)] => INLINE | pack(tag, weight),
                run if run.len() >= DENSE_MIN => {
                    let at = rows.len() / stride;
                    rows.resize(rows.len() + stride, 0);
                    for &(tag, weight) in run {
                        rows[at * stride + usize::from(tag)] = weight;
                    }
                    DENSE | at as u32
                }
                run => {
                    let at = pairs.len() as u32;
                    pairs.extend(run.iter().map(|&(t, w)| pack(t, w)));
                    (at << 8) | run.len() as u32
                }
            };
            values.push((*key, value));
        }
        WeightTable {
            index: KeyTable::of(values.into_iter()),
            pairs,
            rows,
            stride,
        }
    }

    /// The packed value of `key`, 0 if the model has no such feature.
    #[inline]
    pub fn find(&self, key: u32) -> u32 {
        self.index.get(key).unwrap_or(0)
    }

    /// The first weight a value from [`WeightTable::find`] points to (0 for
    /// none), read without a branch: a way to have its cache line loaded
    /// before [`WeightTable::add`] needs it.
    #[inline]
    pub fn first_weight(&self, value: u32) -> i16 {
        let dense = value & DENSE != 0 && value & INLINE == 0;
        let run = value & (INLINE | DENSE) == 0;
        let row_at = (value & !(INLINE | DENSE)) as usize * self.stride;
        let pair_at = (value >> 8) as usize;
        let from_row = self.rows.get(if dense { row_at } else { 0 }).copied().unwrap_or(0);
        let from_pair = self.pairs.get(if run { pair_at } else { 0 }).copied().unwrap_or(0) as i16;
        from_row ^ from_pair
    }

    /// Add the weights of a value from [`WeightTable::find`] to `scores`.
    #[inline]
    pub fn add(&self, value: u32, scores: &mut [i16; 128]) {
        if value & INLINE != 0 {
            let (tag, weight) = unpack(value);
            scores[tag] = scores[tag].wrapping_add(weight);
        } else if value & DENSE != 0 {
            let at = (value & !DENSE) as usize * self.stride;
            if let Some(row) = self.rows.get(at..at + self.stride) {
                for (score, &weight) in scores[..self.stride].iter_mut().zip(row) {
                    *score = score.wrapping_add(weight);
                }
            }
        } else {
            let (start, len) = ((value >> 8) as usize, (value & 0xFF) as usize);
            for &pair in self.pairs.get(start..start + len).unwrap_or_default() {
                let (tag, weight) = unpack(pair);
                scores[tag] = scores[tag].wrapping_add(weight);
            }
        }
    }

    /// Bytes the table takes in memory (for diagnostics).
    pub fn bytes(&self) -> usize {
        self.index.bytes() + self.pairs.len() * 4 + self.rows.len() * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Model {
        Model {
            tags: vec!["NOUN|NN".into(), "VERB|VBD".into()],
            scale: 0.5,
            dictionary: vec![(7, 1)],
            classes: vec![(8, 99)],
            features: vec![(11, vec![(0, 300), (1, -2)]), (12, vec![(1, 9)])],
        }
    }

    #[test]
    fn key_table_finds_every_key_and_no_other() {
        let table = KeyTable::of((0..1000u32).map(|k| (k.wrapping_mul(2_654_435_761), k)));
        for k in 0..1000u32 {
            assert_eq!(table.get(k.wrapping_mul(2_654_435_761)), Some(k));
        }
        assert_eq!(table.get(7), None);
        // Keys that all pick one bucket overflow into the next ones.
        let table = KeyTable::of((1..41u32).map(|k| (k | 0x1234_5600, k)));
        for k in 1..41u32 {
            assert_eq!(table.get(k | 0x1234_5600), Some(k));
        }
        assert_eq!(table.get(0x1234_5600 | 41), None);
    }

    #[test]
    fn weight_table_adds_inline_and_run_weights() {
        let mut features = small().features;
        features.push((13, (0..20).map(|t| (t, i16::from(t))).collect()));
        let table = WeightTable::of(&features, 20);
        let mut scores = [0i16; 128];
        table.add(table.find(11), &mut scores);
        assert_eq!(scores[..2], [300, -2]);
        table.add(table.find(12), &mut scores);
        assert_eq!(scores[..2], [300, 7]);
        table.add(table.find(13), &mut scores);
        assert_eq!(scores[..3], [300, 8, 2]);
        assert_eq!(scores[19], 19);
        assert_eq!(table.find(14), 0);
    }

    #[test]
    fn round_trips() {
        assert_eq!(Model::read(&small().write()), Ok(small()));
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let bytes = small().write();
        assert_eq!(Model::read(&bytes[..bytes.len() - 3]), Err(ModelError::Checksum));
        assert_eq!(Model::read(b"nonsense"), Err(ModelError::Magic));
        for at in MAGIC.len()..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x40;
            assert!(Model::read(&bad).is_err(), "flipped byte {at} went unnoticed");
        }
    }
}
