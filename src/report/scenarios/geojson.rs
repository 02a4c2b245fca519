//! `scenarios --format geojson`: the chosen stops of every solved scenario as points, each
//! carrying its scenario's id and settings, so QGIS or geopandas filters one scenario, or
//! colours stops by radius, without a join.

use super::rows::{row_values, PARAMETERS, ROW_KEYS};
use super::stream::{pretty_bytes, Stream};
use crate::model::number::round;
use crate::model::{Dataset, LatLon};
use crate::scenario::{site_facts, Batch, Row};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};

/// Besides the row's settings: which stop, by id and name, and what only it reaches.
const STOP_KEYS: [&str; 5] = [
    "candidate",
    "candidate_name",
    "forced",
    "unique_weight",
    "covered_share",
];

/// A FeatureCollection of one point per (solved scenario, chosen stop), in row order then the
/// data's candidate order. Properties: the row's identity and settings (`scenario` to
/// `remove_candidates`, as in the rows), then `candidate`, `candidate_name`, `forced`,
/// `unique_weight` and the scenario's `covered_share`.
pub fn scenarios_geojson(b: &Batch, file: &str, data: &Dataset) -> Value {
    serde_json::to_value(Collection { b, file, data }).expect("JSON values always serialise")
}

/// [`scenarios_geojson`] as the file's bytes, one scenario's features at a time.
pub fn scenarios_geojson_bytes(b: &Batch, file: &str, data: &Dataset) -> Vec<u8> {
    pretty_bytes(&Collection { b, file, data })
}

struct Collection<'a> {
    b: &'a Batch,
    file: &'a str,
    data: &'a Dataset,
}

impl Serialize for Collection<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let features = self
            .b
            .rows
            .iter()
            .flat_map(|r| features(self.b, self.file, self.data, r));
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("type", "FeatureCollection")?;
        map.serialize_entry("features", &Stream::new(features))?;
        map.end()
    }
}

/// The points of one row's chosen stops (none when it was not solved).
fn features(b: &Batch, file: &str, data: &Dataset, r: &Row) -> Vec<Value> {
    let Some(facts) = site_facts(r, data) else {
        return Vec::new();
    };
    let values = row_values(b, file, r);
    let share = ROW_KEYS.iter().position(|k| *k == "covered_share");
    let share = share.map_or(Value::Null, |k| values[k].clone());
    let settings: Map<String, Value> = ROW_KEYS[..PARAMETERS]
        .iter()
        .map(|k| k.to_string())
        .zip(values)
        .collect();
    let mut out = Vec::new();
    for f in facts.iter().filter(|f| f.chosen) {
        let Some((at, name)) = place(r, data, f.candidate) else {
            continue;
        };
        let mut props = settings.clone();
        let stop = [
            json!(f.candidate),
            json!(name),
            json!(f.forced),
            json!(round(f.unique_weight, 3)),
            share.clone(),
        ];
        props.extend(STOP_KEYS.iter().map(|k| k.to_string()).zip(stop));
        out.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [at.lon, at.lat]},
            "properties": props,
        }));
    }
    out
}

/// Where a candidate of this scenario is, and its name: the data's site, or the one the
/// scenario added.
fn place<'a>(r: &'a Row, data: &'a Dataset, id: &str) -> Option<(LatLon, Option<&'a str>)> {
    if let Some(c) = data.candidates.data.sites.iter().find(|c| c.id == id) {
        return Some((c.location, c.name.as_deref()));
    }
    let mut added = r.scenario.settings.add_candidates.iter().flatten();
    added
        .find(|c| c.id == id)
        .map(|c| (LatLon::new(c.lat, c.lon), c.name.as_deref()))
}
