//! The per-point assignment as a file a GIS loads as it is: CSV with `lat,lon` columns
//! (QGIS's delimited-text layer, `pandas.read_csv`) or a GeoJSON FeatureCollection of points
//! in `[lon, lat]` order (`geopandas.read_file`).

use crate::report::csv::neutralise;
use crate::solve::assignment::{distance_column, PointAssignment};
use crate::solve::Instance;
use serde_json::{json, Value};

/// The columns of the CSV, the distance column named for its unit.
fn header(inst: &Instance) -> [&'static str; 8] {
    let d = distance_column(inst.unit());
    [
        "id",
        "lat",
        "lon",
        "weight",
        "served_by",
        "served_by_name",
        d,
        "within_radius",
    ]
}

/// The assignment as CSV (UTF-8 with a BOM, as every CSV the tool writes), one row per demand
/// point in input order; a point no chosen stop has a distance to has empty `served_by` and
/// distance cells and `within_radius` false.
pub fn assignments_csv(inst: &Instance, list: &[PointAssignment]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    // Benchmark points have no positions: their rows leave out `lat` and `lon`.
    let points = inst.point_locations();
    let keep = |c: usize| points.is_some() || !(1..=2).contains(&c);
    let head: Vec<&str> = header(inst)
        .into_iter()
        .enumerate()
        .filter(|&(c, _)| keep(c))
        .map(|(_, h)| h)
        .collect();
    w.write_record(&head).expect("writing to memory");
    for a in list {
        let at = points.map(|p| p[a.point]);
        let stop = a.stop.map(|j| &inst.sites[j]);
        let row = [
            neutralise(&inst.point_ids[a.point]),
            at.map(|p| p.lat.to_string()).unwrap_or_default(),
            at.map(|p| p.lon.to_string()).unwrap_or_default(),
            inst.weight[a.point].to_string(),
            stop.map(|s| neutralise(&s.id)).unwrap_or_default(),
            stop.and_then(|s| s.name.as_deref())
                .map(neutralise)
                .unwrap_or_default(),
            a.distance.map(|d| d.to_string()).unwrap_or_default(),
            a.within_radius.to_string(),
        ];
        let row = row
            .iter()
            .enumerate()
            .filter(|&(c, _)| keep(c))
            .map(|(_, v)| v);
        w.write_record(row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// The assignment as a GeoJSON FeatureCollection of points (`[lon, lat]`), with the same
/// properties as the CSV's columns and what they were computed with as a foreign member.
pub fn assignments_geojson(inst: &Instance, list: &[PointAssignment], radius: f64) -> Vec<u8> {
    let points = inst.point_locations().unwrap_or(&[]);
    let d = distance_column(inst.unit());
    let features: Vec<Value> = list
        .iter()
        .map(|a| {
            let at = points[a.point];
            let stop = a.stop.map(|j| &inst.sites[j]);
            let mut props = serde_json::Map::new();
            props.insert("id".into(), json!(inst.point_ids[a.point]));
            props.insert("weight".into(), json!(inst.weight[a.point]));
            props.insert("served_by".into(), json!(stop.map(|s| &s.id)));
            props.insert(
                "served_by_name".into(),
                json!(stop.and_then(|s| s.name.as_ref())),
            );
            props.insert(d.into(), json!(a.distance));
            props.insert("within_radius".into(), json!(a.within_radius));
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [at.lon, at.lat]},
                "properties": props,
            })
        })
        .collect();
    let doc = json!({
        "type": "FeatureCollection",
        "features": features,
        "mobile_stops_assignments": {
            "weight_column": inst.weight_column,
            "radius": radius,
            "unit": inst.unit().column(),
            "cost_matrix": inst.costs().is_some(),
        },
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("JSON in memory");
    bytes.push(b'\n');
    bytes
}
