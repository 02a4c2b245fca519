//! `solve --assignments FILE`: every demand point once, with the stop serving it (a chosen
//! stop), the distance in use and `within_radius` agreeing with it; CSV with `lat,lon` and
//! GeoJSON points in `[lon, lat]` order, as QGIS and geopandas load them.

use super::{arg, embedded, river_pairs, write_matrix};
use crate::helpers::{json, run, run_ok, stderr};
use serde_json::Value;
use std::collections::HashMap;

/// One row of an assignments file, whichever format it was read from.
#[derive(Debug, PartialEq)]
struct Row {
    id: String,
    lat: f64,
    lon: f64,
    weight: f64,
    served_by: Option<String>,
    distance: Option<f64>,
    within: bool,
}

fn read_csv(path: &std::path::Path, distance: &str) -> Vec<Row> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFid,"),
        "UTF-8 with a BOM, as every CSV"
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let want = ["id", "lat", "lon", "weight", "served_by", "served_by_name"];
    assert_eq!(header[..6], want);
    assert_eq!(header[6..], [distance, "within_radius"]);
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let opt = |k: usize| Some(rec[k].to_string()).filter(|s| !s.is_empty());
            Row {
                id: rec[0].to_string(),
                lat: rec[1].parse().unwrap(),
                lon: rec[2].parse().unwrap(),
                weight: rec[3].parse().unwrap(),
                served_by: opt(4),
                distance: opt(6).map(|d| d.parse().unwrap()),
                within: rec[7].parse().unwrap(),
            }
        })
        .collect()
}

fn read_geojson(path: &std::path::Path, distance: &str) -> Vec<Row> {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["geometry"]["type"], "Point");
            let (c, p) = (&f["geometry"]["coordinates"], &f["properties"]);
            Row {
                id: p["id"].as_str().unwrap().to_string(),
                lon: c[0].as_f64().unwrap(),
                lat: c[1].as_f64().unwrap(),
                weight: p["weight"].as_f64().unwrap(),
                served_by: p["served_by"].as_str().map(str::to_string),
                distance: p[distance].as_f64(),
                within: p["within_radius"].as_bool().unwrap(),
            }
        })
        .collect()
}

/// Checks one file against the solve it came with.
fn check(rows: &[Row], solve: &Value, radius: f64) {
    let data = embedded();
    let d = &data.demand.data;
    assert_eq!(rows.len(), d.len(), "every demand point once");
    let stops: Vec<&str> = solve["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.id, d.ids[i], "in the demand's order");
        let (lat, lon) = (d.locations[i].lat, d.locations[i].lon);
        assert!(
            (r.lat - lat).abs() < 1e-12 && (r.lon - lon).abs() < 1e-12,
            "{r:?}"
        );
        if let Some(s) = &r.served_by {
            assert!(stops.contains(&s.as_str()), "{s} is a chosen stop");
        }
        assert_eq!(r.within, r.distance.is_some_and(|x| x <= radius), "{r:?}");
    }
}

#[test]
fn every_point_gets_its_nearest_chosen_stop_in_csv_and_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, geo) = (dir.path().join("a.csv"), dir.path().join("a.geojson"));
    let o = run_ok(&[
        "solve",
        "--p",
        "5",
        "--format",
        "json",
        "--assignments",
        arg(&csv),
    ]);
    let v = json(&o);
    let rows = read_csv(&csv, "distance_m");
    check(&rows, &v, 500.0);
    // The straight line serves every point: the nearest chosen stop, by the library's
    // distance; the covered weight is the weight within the radius.
    assert!(rows.iter().all(|r| r.served_by.is_some()));
    let data = embedded();
    for r in rows.iter().step_by(37) {
        let i = data
            .demand
            .data
            .ids
            .iter()
            .position(|id| *id == r.id)
            .unwrap();
        let best = v["stops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let j = data.candidates.data.index_of(s.as_str().unwrap()).unwrap();
                mobile_stops::spatial::haversine_m(
                    data.demand.data.locations[i],
                    data.candidates.data.sites[j].location,
                )
            })
            .fold(f64::INFINITY, f64::min);
        assert_eq!(r.distance, Some(best));
    }
    let within: f64 = rows.iter().filter(|r| r.within).map(|r| r.weight).sum();
    assert!((within - v["covered_weight"].as_f64().unwrap()).abs() < 1e-6);
    run_ok(&["solve", "--p", "5", "--assignments", arg(&geo)]);
    let geo_rows = read_geojson(&geo, "distance_m");
    check(&geo_rows, &v, 500.0);
    // The same rows (serde_json reads decimals to within a unit in the last place).
    let near = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(1.0);
    for (g, c) in geo_rows.iter().zip(&rows) {
        assert_eq!(
            (&g.id, &g.served_by, g.within),
            (&c.id, &c.served_by, c.within)
        );
        assert!(near(g.lat, c.lat) && near(g.lon, c.lon) && near(g.weight, c.weight));
        assert!(near(g.distance.unwrap(), c.distance.unwrap()));
    }
}

#[test]
fn the_capacitated_p_median_writes_the_solvers_assignment_and_a_matrix_its_distances() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cap.csv");
    let args = [
        "solve",
        "--model",
        "pmedian",
        "--p",
        "4",
        "--capacity",
        "20000",
        "--format",
        "json",
        "--assignments",
        arg(&out),
    ];
    let v = json(&run_ok(&args));
    let rows = read_csv(&out, "distance_m");
    check(&rows, &v, 500.0);
    let mut per_stop: HashMap<String, (usize, f64)> = HashMap::new();
    for r in &rows {
        let e = per_stop.entry(r.served_by.clone().unwrap()).or_default();
        e.0 += 1;
        e.1 += r.weight;
    }
    for s in v["stop_detail"].as_array().unwrap() {
        let (n, w) = per_stop[s["id"].as_str().unwrap()];
        assert_eq!(n as u64, s["assigned_points"].as_u64().unwrap(), "{s}");
        assert!(
            (w - s["assigned_weight"].as_f64().unwrap()).abs() < 1e-3,
            "{s}"
        );
        assert!(w <= 20_000.0 + 1e-9, "the capacity holds");
    }
    // With a matrix of minutes the distance column is `minutes`, and unlisted pairs leave a
    // point unserved (no stop, no distance, not within the radius).
    let near: Vec<_> = river_pairs()
        .into_iter()
        .filter(|p| p.2 <= 900.0)
        .map(|(i, j, c)| (i, j, c / 60.0))
        .collect();
    let m = write_matrix(dir.path(), "t.csv", "minutes", &near);
    let geo = dir.path().join("t.geojson");
    let v = json(&run_ok(&[
        "solve",
        "--p",
        "4",
        "--radius-m",
        "8",
        "--cost-matrix",
        arg(&m),
        "--cost",
        "minutes",
        "--format",
        "json",
        "--assignments",
        arg(&geo),
    ]));
    let rows = read_geojson(&geo, "minutes");
    check(&rows, &v, 8.0);
    assert!(rows
        .iter()
        .any(|r| r.served_by.is_none() && r.distance.is_none() && !r.within));
}

#[test]
fn the_assignments_file_is_checked_against_the_other_paths_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("x.csv");
    let o = run(&[
        "solve",
        "--p",
        "3",
        "--out",
        arg(&same),
        "--assignments",
        arg(&same),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--out and --assignments both naming it"),
        "{}",
        stderr(&o)
    );
    assert!(!same.exists());
    let demand = dir.path().join("d.csv");
    std::fs::write(&demand, "id,lat,lon,aged_65_plus\na,35.35,139.40,3\n").unwrap();
    let o = run(&[
        "solve",
        "--p",
        "1",
        "--demand",
        arg(&demand),
        "--assignments",
        arg(&demand),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("naming the same file as --demand"),
        "{}",
        stderr(&o)
    );
    let bench = crate::helpers::bench_arg("orlib-pmed/instances/pmed1.txt");
    let geo = dir.path().join("b.geojson");
    let o = run(&["solve", "--orlib", &bench, "--assignments", arg(&geo)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!geo.exists());
}
