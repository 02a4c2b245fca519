//! Ids as a scenario file writes them, under the candidates CSV's rule: surrounding spaces
//! (ASCII and full-width) trimmed, and nothing left is no id. A blank id added by a scenario
//! would otherwise be chosen and printed as an empty cell, and a blank `require` entry could
//! never be met.

use crate::model::parse::trim;
use serde::{Deserialize, Deserializer};

/// What the rule expects, for messages.
pub(crate) const EXPECTED: &str = "a candidate id that is not blank (as in the candidates CSV)";

/// How a file's blank id is described: the start of the message its reader passes on.
pub(crate) const BLANK: &str = "a blank candidate id";

/// The id `raw` names under the candidates CSV's rule (trimmed, not empty), or `None`.
pub(crate) fn clean_id(raw: &str) -> Option<&str> {
    let t = trim(raw);
    (!t.is_empty()).then_some(t)
}

/// One id read from the file, trimmed; a blank one is an error at its place. It is written
/// back (in a sweep's scenario names) as the bare id.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub(super) struct Id(pub(super) String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        id(d).map(Id)
    }
}

/// Reads one id under [`clean_id`]'s rule (for `deserialize_with`).
pub(super) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = String::deserialize(d)?;
    clean_id(&raw).map(str::to_string).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{BLANK} `{raw}` (ids are trimmed and must not be empty, as in the candidates CSV)"
        ))
    })
}

/// A list of ids as the settings hold them.
pub(super) fn strings(ids: &[Id]) -> Vec<String> {
    ids.iter().map(|i| i.0.clone()).collect()
}
