//! The streets in JSON: which distances a result used (walked along an OpenStreetMap extract,
//! with or without slopes) and the demand a circle would have counted but the streets do not
//! reach, so a script reading any result knows what its reach means.

use crate::model::number::round;
use crate::model::Dataset;
use crate::score::CircleOnly;
use serde_json::{json, Value};

/// `{"kind": "streets", ...}` when the data's distances were walked along streets: the file,
/// its credit, slopes, the snapping distance, who is off the network and the notes.
pub(crate) fn distances_json(data: &Dataset) -> Option<Value> {
    let streets = data.streets.as_ref()?;
    let st = &streets.data;
    let ids = |list: &[usize]| -> Vec<&str> {
        let sites = &data.candidates.data.sites;
        list.iter()
            .filter_map(|&j| sites.get(j))
            .map(|s| s.id.as_str())
            .collect()
    };
    let notes: Vec<&str> = data
        .costs
        .iter()
        .flat_map(|c| &c.notes)
        .map(|n| n.en.as_str())
        .collect();
    Some(json!({
        "kind": "streets",
        "file": streets.source,
        "credit": crate::network::CREDIT,
        "hills": st.hills,
        "snap_max_m": st.snap_max_m,
        "off_network_points": st.off_points.len(),
        "off_network_candidates": ids(&st.off_sites),
        "notes": notes,
    }))
}

/// The demand a circle would have counted but the streets do not reach, for scripts.
pub(crate) fn circle_only_json(data: &Dataset, o: &CircleOnly) -> Value {
    json!({
        "points": o.points.len(),
        "people": o.people.map(|v| round(v, 2)),
        "aged_65_plus": o.aged.map(|v| round(v, 2)),
        "weight": round(o.weight, 2),
        "off_network": o.off_network,
        "ids": o.points.iter().map(|&i| data.demand.data.ids[i].as_str()).collect::<Vec<_>>(),
    })
}
