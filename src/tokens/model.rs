//! The tagger's model file: a compact little-endian binary.
//!
//! ```text
//! magic "ATTRTAG1"
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

pub const MAGIC: &[u8; 8] = b"ATTRTAG1";

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

/// An open-addressing table keyed by the model's 32-bit keys. The keys are
/// hashes already, so their low bits pick the slot; probing is linear in a
/// table at most half full, and a key sits beside its value (one cache line
/// per look-up). Built once when the model loads.
#[derive(Debug, Default)]
pub struct KeyTable<V> {
    /// Key 0 marks an empty slot (a key of 0 is stored as 1).
    slots: Vec<(u32, V)>,
    mask: usize,
}

impl<V: Copy + Default> KeyTable<V> {
    pub fn of(entries: impl ExactSizeIterator<Item = (u32, V)>) -> Self {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut table = KeyTable {
            slots: vec![(0, V::default()); size],
            mask: size - 1,
        };
        for (key, value) in entries {
            let key = key.max(1);
            let mut at = key as usize & table.mask;
            while table.slots[at].0 != 0 && table.slots[at].0 != key {
                at = (at + 1) & table.mask;
            }
            table.slots[at] = (key, value);
        }
        table
    }

    #[inline]
    pub fn get(&self, key: u32) -> Option<V> {
        let key = key.max(1);
        let mut at = key as usize & self.mask;
        loop {
            match self.slots[at] {
                (0, _) => return None,
                (k, value) if k == key => return Some(value),
                _ => at = (at + 1) & self.mask,
            }
        }
    }
}

/// The features of a model as the tagger looks them up: key → a run of
/// (tag, weight) in two flat arrays.
#[derive(Debug, Default)]
pub struct WeightTable {
    pub index: KeyTable<(u32, u8)>,
    pub tags: Vec<u8>,
    pub weights: Vec<i16>,
}

impl WeightTable {
    pub fn of(features: &[FeatureWeights]) -> Self {
        let total: usize = features.iter().map(|(_, w)| w.len()).sum();
        let (mut tags, mut weights) = (Vec::with_capacity(total), Vec::with_capacity(total));
        let mut runs = Vec::with_capacity(features.len());
        for (key, run) in features {
            runs.push((*key, (tags.len() as u32, run.len() as u8)));
            for &(tag, weight) in run {
                tags.push(tag);
                weights.push(weight);
            }
        }
        WeightTable {
            index: KeyTable::of(runs.into_iter()),
            tags,
            weights,
        }
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
