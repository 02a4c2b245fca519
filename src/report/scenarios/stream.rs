//! JSON written as it is built: a batch of 100,000 rows is a few hundred megabytes as a tree of
//! `serde_json::Value`s but only one row at a time when each record is serialised and dropped
//! in turn. The bytes are the same as the tree's, pretty-printed.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::cell::RefCell;

/// Keys and their values, serialised as one JSON object in key order.
pub struct Record<'a> {
    /// The keys, in order.
    pub keys: &'a [&'a str],
    /// One value per key.
    pub values: Vec<Value>,
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.keys.len()))?;
        for (k, v) in self.keys.iter().zip(&self.values) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A JSON array of whatever the iterator yields, each item made only when it is written.
/// Serialises once (a second time gives an empty array).
pub struct Stream<I>(RefCell<Option<I>>);

impl<I> Stream<I> {
    /// The array of `items`.
    pub fn new(items: I) -> Self {
        Stream(RefCell::new(Some(items)))
    }
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Stream<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        if let Some(items) = self.0.borrow_mut().take() {
            for item in items {
                seq.serialize_element(&item)?;
            }
        }
        seq.end()
    }
}

/// Pretty JSON ending in a newline, as every JSON file of mobile-stops.
pub fn pretty_bytes(v: &impl Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values always serialise");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn streamed_json_is_the_same_bytes_as_the_tree() {
        let keys = ["a", "b"];
        let rows = || (0..3).map(|k| vec![json!(k), json!([k, null])]);
        let tree = json!({"rows": rows().map(|v| {
            keys.iter().map(|k| k.to_string()).zip(v).collect::<serde_json::Map<_, _>>()
        }).collect::<Vec<_>>(), "none": []});
        let streamed = json!({
            "rows": serde_json::to_value(Stream::new(rows().map(|values| Record { keys: &keys, values }))).unwrap(),
            "none": serde_json::to_value(Stream::new(std::iter::empty::<Value>())).unwrap(),
        });
        assert_eq!(streamed, tree);
        let bytes = pretty_bytes(&Stream::new(rows().map(|values| Record {
            keys: &keys,
            values,
        })));
        let from_tree = crate::report::format::pretty(&tree["rows"]);
        assert_eq!(bytes, from_tree);
    }
}
