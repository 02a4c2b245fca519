//! JSON read strictly: an object that names a key twice is an error, not its last value.
//!
//! serde_json keeps the last of two equal keys without a word, so a hand-edited solve result
//! with `"stops"` twice would route a list the planner did not mean. Building the value through
//! this visitor sees every key as it is read; the error carries the position of the repeat.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Parses `text` as one JSON value, refusing a key given twice in any object.
pub(super) fn parse_strict(text: &str) -> serde_json::Result<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let Strict(value) = Strict::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// A JSON value built by [`StrictVisitor`].
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

/// Builds a [`Value`] as serde_json would, but checks each object's keys as they come.
struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` a second time in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_strict;

    #[test]
    fn a_repeated_key_is_an_error_at_its_place_and_values_match_serde_json() {
        let text = "{\"a\": {\"b\": 1, \"c\": [1.5, \"x\", null, true]},\n \"stops\": [], \"stops\": [\"x\"]}";
        let err = parse_strict(text).unwrap_err();
        // serde_json reports the position just read: the closing quote of the repeated key.
        assert_eq!((err.line(), err.column()), (2, 21));
        assert!(err.to_string().contains("`stops` a second time"), "{err}");
        let nested = "{\"a\": [{\"k\": 1, \"k\": 2}]}";
        assert!(parse_strict(nested).is_err());
        let fine = "{\"a\": {\"b\": -1, \"c\": [1.5, \"x\", null, true]}, \"b\": {\"b\": 2}}";
        let want: serde_json::Value = serde_json::from_str(fine).unwrap();
        assert_eq!(parse_strict(fine).unwrap(), want);
        assert!(parse_strict("{} x").is_err());
    }
}
