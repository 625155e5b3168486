//! Which record fields hold the id, text, HTML, URL, source and date.
//!
//! The defaults try, in order, the names used by datatrove, Dolma and Hugging Face exports, so
//! that their files read as they are. A name given by the user replaces the list: it is then the
//! only field consulted, which keeps an explicit choice from silently falling back elsewhere.

use serde_json::{Map, Value};

/// A record's top-level fields, in input order, each key once.
///
/// A vector, not `serde_json::Map`: a record has a handful of keys and every default field name
/// is looked up in every record, so comparing keys in turn costs less than the map's SipHash,
/// and building the map hashed every key of every record (an eighth of JSON parsing on
/// Reuters). The semantics are the map's (`preserve_order`): a repeated key keeps its first
/// place and takes its last value, so outputs are the bytes the map serialised to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pairs: Vec<(String, Value)>,
    /// The [`key_bit`]s of the keys: most default field names are in no record, and a name
    /// whose bit is not set is known absent without comparing it to every key (the lookups
    /// were half of building a document on Reuters).
    keys: u64,
}

/// One of 64 bits for a key, from its length and its first and last bytes: a cheap filter
/// before comparing keys.
fn key_bit(key: &str) -> u64 {
    let b = key.as_bytes();
    let (first, last) = (b.first().copied(), b.last().copied());
    let mix = (b.len() as u64)
        .wrapping_mul(0x9e37)
        .wrapping_add(u64::from(first.unwrap_or(0)).wrapping_mul(31))
        .wrapping_add(u64::from(last.unwrap_or(0)).wrapping_mul(7));
    1 << ((mix ^ (mix >> 6)) & 63)
}

/// Past this many keys, [`Fields::insert`] finds a repeated key through a hash map, so that a
/// hostile record of many keys costs linear time.
const SCAN: usize = 16;

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    /// Pairs whose keys are distinct.
    fn of_distinct(pairs: Vec<(String, Value)>) -> Self {
        let keys = pairs.iter().fold(0, |m, (k, _)| m | key_bit(k));
        Fields { pairs, keys }
    }

    fn push(&mut self, key: String, value: Value) {
        self.keys |= key_bit(&key);
        self.pairs.push((key, value));
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        if self.keys & key_bit(key) == 0 {
            return None;
        }
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        if self.keys & key_bit(key) == 0 {
            return None;
        }
        self.pairs
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.pairs.iter().map(|(k, v)| (k, v))
    }

    /// Sets `key`, in its first place when it is already there (as `Map::insert` does).
    pub fn insert(&mut self, key: String, value: Value) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.push(key, value),
        }
    }

    /// The fields as a `serde_json::Map`, in their order.
    pub fn to_map(&self) -> Map<String, Value> {
        self.pairs
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Fields from pairs in input order, a repeated key set in its first place.
    pub(crate) fn from_pairs(pairs: Vec<(String, Value)>) -> Self {
        // The common record: a few keys, all distinct, taken as they are.
        if pairs.len() <= SCAN
            && pairs
                .iter()
                .enumerate()
                .all(|(i, (k, _))| pairs[..i].iter().all(|(other, _)| other != k))
        {
            return Fields::of_distinct(pairs);
        }
        let mut fields = Fields::new();
        let mut index: Option<std::collections::HashMap<String, usize>> = None;
        for (key, value) in pairs {
            if fields.pairs.len() == SCAN && index.is_none() {
                index = Some(
                    fields
                        .pairs
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (k.clone(), i))
                        .collect(),
                );
            }
            match &mut index {
                None => fields.insert(key, value),
                Some(index) => match index.get(&key) {
                    Some(&i) => fields.pairs[i].1 = value,
                    None => {
                        index.insert(key.clone(), fields.pairs.len());
                        fields.push(key, value);
                    }
                },
            }
        }
        fields
    }
}

impl From<Map<String, Value>> for Fields {
    fn from(map: Map<String, Value>) -> Self {
        // A map's keys are distinct already.
        Fields::of_distinct(map.into_iter().collect())
    }
}

impl FromIterator<(String, Value)> for Fields {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(pairs: I) -> Self {
        Fields::from_pairs(pairs.into_iter().collect())
    }
}

/// A field path, dotted for nested objects (`metadata.url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    /// The path as given: also a flat key to try first.
    dotted: String,
    /// Its keys, outermost first.
    keys: Vec<String>,
}

impl FieldPath {
    pub fn parse(path: &str) -> Self {
        FieldPath {
            dotted: path.to_owned(),
            keys: path.split('.').map(str::to_owned).collect(),
        }
    }

    /// The value at this path. Runs several times per record: nothing is allocated.
    pub fn lookup<'a>(&self, record: &'a Fields) -> Option<&'a Value> {
        // A flat key containing dots (`"metadata.url": ...`) wins over nesting.
        if let Some(v) = record.get(&self.dotted) {
            return Some(v);
        }
        let (first, rest) = self.keys.split_first()?;
        if rest.is_empty() {
            return None;
        }
        let mut value = record.get(first)?;
        for key in rest {
            value = get(value.as_object()?, key)?;
        }
        Some(value)
    }

    pub fn dotted(&self) -> String {
        self.dotted.clone()
    }

    /// Whether this path is the single top-level key `key`.
    pub fn is_key(&self, key: &str) -> bool {
        self.dotted == key
    }
}

/// The value of `key` in a nested object. An object has a handful of keys: comparing the keys
/// in turn costs less than hashing the name with the map's SipHash (measured: field lookups
/// were 2% of `dedup` on Reuters).
fn get<'a>(record: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    const SCAN: usize = 16;
    if record.len() <= SCAN {
        record
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v)
    } else {
        record.get(key)
    }
}

/// Candidate paths for one logical field, tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChoice {
    paths: Vec<FieldPath>,
    /// The [`key_bit`]s of the top-level keys the paths read: a record holding none of them
    /// holds none of the paths.
    keys: u64,
}

impl FieldChoice {
    fn of(paths: Vec<FieldPath>) -> Self {
        let keys = paths.iter().fold(0, |m, p| {
            m | key_bit(&p.dotted) | p.keys.first().map_or(0, |k| key_bit(k))
        });
        FieldChoice { paths, keys }
    }

    pub fn defaults(paths: &[&str]) -> Self {
        FieldChoice::of(paths.iter().map(|p| FieldPath::parse(p)).collect())
    }

    pub fn only(path: &str) -> Self {
        FieldChoice::of(vec![FieldPath::parse(path)])
    }

    /// The first candidate present with a non-null value.
    pub fn lookup<'a>(&self, record: &'a Fields) -> Option<(&FieldPath, &'a Value)> {
        if record.keys & self.keys == 0 {
            return None;
        }
        self.paths
            .iter()
            .find_map(|p| p.lookup(record).filter(|v| !v.is_null()).map(|v| (p, v)))
    }

    pub fn describe(&self) -> String {
        self.paths
            .iter()
            .map(|p| format!("`{}`", p.dotted()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    pub id: FieldChoice,
    pub text: FieldChoice,
    pub html: FieldChoice,
    pub url: FieldChoice,
    pub source: FieldChoice,
    pub date: FieldChoice,
    pub title: FieldChoice,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: FieldChoice::defaults(&["id", "doc_id", "metadata.id"]),
            text: FieldChoice::defaults(&["text", "content", "raw_content"]),
            html: FieldChoice::defaults(&["html", "raw_html"]),
            url: FieldChoice::defaults(&["url", "metadata.url", "metadata.warc_url", "link"]),
            source: FieldChoice::defaults(&["source_domain", "source", "metadata.source"]),
            date: FieldChoice::defaults(&[
                "date",
                "metadata.date",
                "published",
                "created",
                "timestamp",
                "metadata.timestamp",
            ]),
            title: FieldChoice::defaults(&["title", "metadata.title"]),
        }
    }
}

/// A scalar JSON value as text: ids are sometimes numbers, dates sometimes epoch integers.
pub fn scalar_to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_reach_nested_fields() {
        let record: Map<String, Value> =
            serde_json::from_str(r#"{"metadata": {"url": "https://a.example/x"}}"#).expect("valid");
        let record = Fields::from(record);
        let names = FieldNames::default();
        let (path, value) = names.url.lookup(&record).expect("found");
        assert_eq!(path.dotted(), "metadata.url");
        assert_eq!(value, "https://a.example/x");
    }

    #[test]
    fn explicit_choice_does_not_fall_back() {
        let record: Map<String, Value> =
            serde_json::from_str(r#"{"text": "a", "body": null}"#).expect("valid");
        let record = Fields::from(record);
        assert!(FieldChoice::only("body").lookup(&record).is_none());
    }
}
