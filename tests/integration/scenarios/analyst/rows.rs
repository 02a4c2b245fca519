//! Rows that carry their settings, CSV whose headers are the JSON keys, GeoJSON stops, and the
//! report's charts.

use super::{ids, Run, FILE};
use crate::helpers::json;
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn rows_carry_the_settings_the_file_asked_for() {
    let r = Run::new(FILE);
    let v = json(&r.go(&["--format", "json"], 2));
    let rows = v["rows"].as_array().unwrap();
    let keys: Vec<&str> = mobile_stops::report::ROW_KEYS.to_vec();
    for row in rows {
        let got: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            got, keys,
            "every row, failed or not, has every key in order"
        );
    }
    let scenario: Vec<&str> = rows
        .iter()
        .map(|x| x["scenario"].as_str().unwrap())
        .collect();
    assert_eq!(
        scenario,
        [
            "baseline",
            "everything",
            "grid#1",
            "grid#2",
            "grid#3",
            "grid#4",
            "typo"
        ]
    );
    let e = &rows[1];
    assert_ne!(e["status"], "error", "{e}");
    for (key, want) in [
        ("sweep", Value::Null),
        ("model", "mclp".into()),
        ("p", 5.into()),
        ("radius_m", 450.5.into()),
        ("objective_weight", "population".into()),
        ("require", serde_json::json!(["myogyoji"])),
        ("exclude", serde_json::json!(["hakuhoji"])),
        ("capacity", Value::Null),
        ("min_weight_per_stop", 10.0.into()),
        ("allow_no_space", true.into()),
        ("vehicles", 3.into()),
        ("shop_distance_m", 600.0.into()),
        ("time_limit_s", 30.0.into()),
        ("seed", 7.into()),
        ("method", "heuristic".into()),
        ("surveys", false.into()),
        ("survey_scale", 1.0.into()),
        ("weights", "reach=2,far=1,need=0".into()),
        ("add_candidates", serde_json::json!(["hall"])),
        ("remove_candidates", serde_json::json!(["sannosha_enzo"])),
    ] {
        assert_eq!(e[key], want, "{key}");
    }
    // A sweep row: its own values, the rest from the baseline and the defaults.
    let g = &rows[4];
    assert_eq!(
        (g["sweep"].as_str(), g["p"].as_u64()),
        (Some("grid"), Some(6))
    );
    assert_eq!(g["radius_m"], 300.0);
    assert_eq!(
        (g["vehicles"].as_u64(), g["method"].as_str()),
        (Some(5), Some("exact"))
    );
    assert_eq!(g["require"], serde_json::json!([]));
    // Shares and the change against the baseline, from the row's own numbers.
    let base: BTreeSet<String> = ids(&rows[0]["stops"]).into_iter().collect();
    for row in &rows[..6] {
        let (c, t) = (
            row["covered_weight"].as_f64().unwrap(),
            row["total_weight"].as_f64().unwrap(),
        );
        assert!(t > 0.0);
        assert!(
            (row["covered_share"].as_f64().unwrap() - c / t).abs() < 1e-6,
            "{row}"
        );
        let stops: BTreeSet<String> = ids(&row["stops"]).into_iter().collect();
        let added: Vec<String> = stops.difference(&base).cloned().collect();
        let dropped: Vec<String> = base.difference(&stops).cloned().collect();
        assert_eq!(ids(&row["added"]), added);
        assert_eq!(ids(&row["dropped"]), dropped);
    }
    let t = &rows[6];
    assert_eq!(t["status"], "error");
    assert!(t["error"].as_str().unwrap().contains("hakujoji"));
    assert_eq!(
        (t["exclude"].clone(), t["covered_share"].clone()),
        (serde_json::json!(["hakujoji"]), Value::Null)
    );
}

/// A JSON value as the CSV writes it.
fn as_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(as_cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

#[test]
fn csv_headers_equal_the_json_keys_and_cells_are_plain() {
    let r = Run::new(FILE);
    let v = json(&r.go(&["--format", "json"], 2));
    let text = String::from_utf8(r.go(&["--format", "csv"], 2).stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM, for Excel");
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    let rows = v["rows"].as_array().unwrap();
    let keys: Vec<String> = rows[0].as_object().unwrap().keys().cloned().collect();
    assert_eq!(header, keys);
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    for (rec, row) in records.iter().zip(rows) {
        for (cell, key) in rec.iter().zip(&keys) {
            let want = &row[key];
            match want.as_f64() {
                Some(x) => {
                    let got: f64 = cell.parse().unwrap_or_else(|_| panic!("{key}: {cell}"));
                    assert!((got - x).abs() < 1e-9, "{key}: {cell} vs {x}");
                }
                None => assert_eq!(cell, as_cell(want), "{key}"),
            }
        }
    }
    assert!(
        !text.contains('−') && !text.contains('*'),
        "no markers or diff text"
    );
    assert!(!text.contains("e+") && !text.contains("E+"), "no exponents");
}

#[test]
fn geojson_has_every_chosen_stop_with_its_scenario() {
    let r = Run::new(FILE);
    let v = json(&r.go(&["--format", "json"], 2));
    let g = json(&r.go(&["--format", "geojson"], 2));
    assert_eq!(g["type"], "FeatureCollection");
    let features = g["features"].as_array().unwrap();
    let stops: usize = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["status"] != "error")
        .map(|x| x["stops"].as_array().unwrap().len())
        .sum();
    assert_eq!(features.len(), stops);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (139.0..140.0).contains(&lon) && (35.0..36.0).contains(&lat),
            "{f}"
        );
        let p = &f["properties"];
        let row = v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["scenario"] == p["scenario"])
            .unwrap();
        assert!(ids(&row["stops"]).contains(&p["candidate"].as_str().unwrap().to_string()));
        for key in ["p", "radius_m", "model", "require", "exclude", "sweep"] {
            assert_eq!(p[key], row[key], "{key}");
        }
    }
    if let Some(hall) = features
        .iter()
        .find(|f| f["properties"]["candidate"] == "hall")
    {
        assert_eq!(
            hall["geometry"]["coordinates"],
            serde_json::json!([139.402, 35.352])
        );
        assert_eq!(hall["properties"]["candidate_name"], "公民館");
    }
}

#[test]
fn the_report_opens_with_charts_before_the_table() {
    let r = Run::new(FILE);
    for (lang, title) in [
        ("en", "Share reached against the number of stops"),
        ("ja", "停留所数と到達割合"),
    ] {
        let page = r.out(&format!("{lang}.html"));
        r.go(&["--lang", lang, "--report", &page], 2);
        let html = std::fs::read_to_string(&page).unwrap();
        let (svg, table) = (html.find("<svg").unwrap(), html.find("<table").unwrap());
        assert!(svg < table, "charts first");
        assert!(html.contains(title));
        assert!(!html.contains("<script"));
        // The grid sweep (and the baseline at 500 m) vary only p: a line per radius.
        assert_eq!(
            html.matches("<polyline").count(),
            2,
            "300 m and 800 m; 500 m has one point"
        );
        let bars = html.matches("<rect").count();
        assert!(bars > 0 && bars <= 30);
    }
}
