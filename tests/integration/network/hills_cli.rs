//! `network matrix|check --dem` on the Nerima extract with grids written here: minutes, and
//! walks up the tilt costing more than the same walks down; and every grid that cannot give
//! each street a height refused (exit 2) by name, with nothing written.

use super::hills::{plane, write_asc, write_tif, Grid, JGD2011};
use super::{matrix_refused, nerima, repo, DEMAND, SITES};
use crate::helpers::{run_json, run_ok};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tiff::encoder::colortype;

/// 0.001° cells over 35.70–35.80 N, 139.60–139.74 E: the Nerima data and every street kept
/// around it.
const NERIMA: Grid = Grid {
    west: 139.60,
    north: 35.80,
    cell: 0.001,
    ncols: 140,
    nrows: 100,
};

/// Grade of the tilted plane (rising northwards).
const GRADE: f64 = 0.06;

/// A points file `id,lat,lon` from the first three columns of the `id`/`lat`/`lon` CSV `rel`.
fn points(rel: &str, dir: &Path, name: &str) -> String {
    let mut r = csv::Reader::from_path(repo(rel)).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (i, la, lo) = (col("id"), col("lat"), col("lon"));
    let mut s = String::from("id,lat,lon\n");
    for rec in r.records() {
        let rec = rec.unwrap();
        s += &format!("{},{},{}\n", &rec[i], &rec[la], &rec[lo]);
    }
    let p = dir.join(name);
    std::fs::write(&p, s).unwrap();
    p.display().to_string()
}

/// `from → to → (metres, minutes)` of a `network matrix` CSV.
fn pairs(text: &str) -> HashMap<(String, String), (f64, f64)> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("from,to,metres,minutes"), "{text}");
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let key = (f[0].to_string(), f[1].to_string());
            (key, (f[2].parse().unwrap(), f[3].parse().unwrap()))
        })
        .collect()
}

fn tilted(dir: &Path) -> PathBuf {
    let asc = dir.join("tilt.asc");
    write_asc(
        &asc,
        &NERIMA,
        &NERIMA.values(plane(GRADE, 35.70, 10.0)),
        None,
    );
    asc
}

#[test]
fn network_matrix_with_a_dem_adds_minutes_and_uphill_costs_more_than_downhill() {
    let dir = tempfile::tempdir().unwrap();
    let dem = tilted(dir.path()).display().to_string();
    let (homes, stops) = (
        points(DEMAND, dir.path(), "homes.csv"),
        points(SITES, dir.path(), "stops.csv"),
    );
    let net = nerima().display().to_string();
    let matrix = |from: &str, to: &str, extra: &[&str]| {
        let out = dir.path().join("m.csv");
        let o = &out.display().to_string();
        let base = [
            "network",
            "matrix",
            "--network",
            &net,
            "--from",
            from,
            "--to",
            to,
        ];
        let args = [
            &base[..],
            &["--dem", &dem, "--max-m", "800", "--out", o],
            extra,
        ]
        .concat();
        run_ok(&args);
        pairs(&std::fs::read_to_string(&out).unwrap())
    };
    let there = matrix(&homes, &stops, &[]);
    let back = matrix(&stops, &homes, &[]);
    let lat: HashMap<String, f64> = [DEMAND, SITES]
        .iter()
        .flat_map(|rel| {
            let mut r = csv::Reader::from_path(repo(rel)).unwrap();
            let h = r.headers().unwrap().clone();
            let (i, la) = (
                h.iter().position(|c| c == "id").unwrap(),
                h.iter().position(|c| c == "lat").unwrap(),
            );
            r.records()
                .map(|rec| {
                    let rec = rec.unwrap();
                    (rec[i].to_string(), rec[la].parse::<f64>().unwrap())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut compared = 0;
    for ((p, s), &(m, minutes)) in &there {
        // Default walking speed: 0.8 m/s on the flat.
        assert!(
            (minutes - m / 0.8 / 60.0).abs() < 0.006,
            "{p} {s}: {m} m, {minutes} min"
        );
        let Some(&(m_back, _)) = back.get(&(s.clone(), p.clone())) else {
            continue;
        };
        // Over 100 m apart north–south on a 6 % grade: northward is uphill all the way.
        let rise = (lat[s] - lat[p]) * super::hills::M_PER_DEG;
        if rise.abs() > 100.0 {
            compared += 1;
            let (up, down) = if rise > 0.0 { (m, m_back) } else { (m_back, m) };
            assert!(up > down * 1.05, "{p} {s}: up {up}, down {down}");
        }
    }
    assert!(
        compared >= 5,
        "only {compared} pairs compared of {}",
        there.len()
    );
    let slow = matrix(&homes, &stops, &["--walk-speed-m-s", "1.0"]);
    for (k, &(m, minutes)) in &slow {
        assert_eq!(m, there[k].0, "{k:?}: the speed changes minutes only");
        assert!((minutes - m / 60.0).abs() < 0.006);
    }
}

#[test]
fn network_check_says_a_dem_was_used_and_its_height_range() {
    let dir = tempfile::tempdir().unwrap();
    let dem = tilted(dir.path()).display().to_string();
    let net = nerima().display().to_string();
    let base = [
        "network",
        "check",
        "--network",
        &net,
        "--data",
        "examples/network",
    ];
    let v = run_json(&[&base[..], &["--dem", &dem, "--format", "json"]].concat());
    let (lo, hi) = (
        v["dem"]["min_elevation_m"].as_f64().unwrap(),
        v["dem"]["max_elevation_m"].as_f64().unwrap(),
    );
    // The street nodes kept lie within the area read; the plane gives 10 m at 35.70 N.
    assert!(
        lo > 10.0 && hi > lo + 50.0 && hi < 10.0 + 0.1 * 111_195.0 * GRADE,
        "{v}"
    );
    assert_eq!(v["dem"]["crs_assumed"], true, "{v}");
    assert!(
        v["distance"].as_str().unwrap().contains("flat-equivalent"),
        "{v}"
    );
    let flat = run_json(&[&base[..], &["--format", "json"]].concat());
    assert!(flat["dem"].is_null());
    let text = crate::helpers::stdout(&run_ok(&[&base[..], &["--dem", &dem]].concat()));
    assert!(
        text.contains("Elevation: ") && text.contains("tilt.asc"),
        "{text}"
    );
}

/// `network matrix --dem dem` on the Nerima data: exit 2, no output, each of `says` in the
/// message.
fn refused(dem: &Path, says: &[&str]) {
    matrix_refused(&nerima(), &["--dem", &dem.display().to_string()], says);
}

#[test]
fn a_dem_missing_part_of_the_streets_is_refused_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    // Only the southern half of the data's area (south of 35.75 N).
    let half = Grid {
        north: 35.75,
        nrows: 50,
        ..NERIMA
    };
    let p = dir.path().join("south.asc");
    write_asc(&p, &half, &half.values(plane(GRADE, 35.70, 10.0)), None);
    refused(
        &p,
        &[
            "south.asc",
            "street nodes without elevation",
            "outside the grid, 0 on no-data cells",
            "the grid covers latitude 35.7000–35.7500",
            "in latitude 35.75",
        ],
    );
}

#[test]
fn a_no_data_hole_under_the_streets_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = NERIMA.values(plane(GRADE, 35.70, 10.0));
    // 35.745–35.755 N, 139.660–139.670 E: the middle of the data.
    for r in 45..55 {
        for c in 60..70 {
            v[r * NERIMA.ncols + c] = -9999.0;
        }
    }
    let p = dir.path().join("holed.asc");
    write_asc(&p, &NERIMA, &v, Some(-9999.0));
    refused(&p, &["holed.asc", "0 outside the grid", "on no-data cells"]);
    let tif = dir.path().join("holed.tif");
    let f: Vec<f32> = v.iter().map(|&x| x as f32).collect();
    write_tif::<colortype::Gray32Float>(&tif, &NERIMA, &f, &JGD2011, Some("-9999"));
    refused(
        &tif,
        &["holed.tif", "0 outside the grid", "on no-data cells"],
    );
}

#[test]
fn grids_in_another_reference_or_malformed_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let v = NERIMA.values(plane(GRADE, 35.70, 10.0));
    let f: Vec<f32> = v.iter().map(|&x| x as f32).collect();
    let tokyo = dir.path().join("tokyo.tif");
    write_tif::<colortype::Gray32Float>(&tokyo, &NERIMA, &f, &[(1024, 2), (2048, 4301)], None);
    refused(&tokyo, &["tokyo.tif", "EPSG:4301", "JGD2011 (EPSG:6668)"]);
    let plane_rect = dir.path().join("zone9.tif");
    write_tif::<colortype::Gray32Float>(&plane_rect, &NERIMA, &f, &[(1024, 1), (3072, 6677)], None);
    refused(&plane_rect, &["zone9.tif", "a projected system, EPSG:6677"]);
    let bare = dir.path().join("bare.tif");
    write_tif::<colortype::Gray32Float>(&bare, &NERIMA, &f, &[], None);
    refused(&bare, &["bare.tif", "no GeographicTypeGeoKey"]);
    let asc = dir.path().join("tokyo.asc");
    write_asc(&asc, &NERIMA, &v, None);
    std::fs::write(
        dir.path().join("tokyo.prj"),
        r#"GEOGCS["Tokyo",DATUM["Tokyo",SPHEROID["Bessel 1841",6377397.155,299.1528128],TOWGS84[-146.414,507.337,680.507,0,0,0,0]]]"#,
    )
    .unwrap();
    refused(&asc, &["tokyo.prj", "another datum", "GEOGCS[\"Tokyo\""]);
    let metres = dir.path().join("metres.asc");
    std::fs::write(
        &metres,
        "ncols 2\nnrows 2\nxllcorner -40000\nyllcorner -74000\ncellsize 5\n1 2\n3 4\n",
    )
    .unwrap();
    refused(&metres, &["metres.asc", "metres.prj", "not degrees"]);
    let typo = dir.path().join("typo.asc");
    std::fs::write(
        &typo,
        "ncols 2\nnrows 2\nxllcorner 139.6\nyllcorner 35.7\ncellsize 0.1\n1 2\n3 x4\n",
    )
    .unwrap();
    refused(&typo, &["typo.asc:7:2", "a number", "`x4`"]);
    let short = dir.path().join("short.asc");
    std::fs::write(
        &short,
        "ncols 2\nnrows 2\nxllcorner 139.6\nyllcorner 35.7\ncellsize 0.1\n1 2\n3\n",
    )
    .unwrap();
    refused(&short, &["short.asc:7", "4 values", "only 3"]);
    let png = dir.path().join("hill.png");
    std::fs::write(&png, b"not a grid").unwrap();
    refused(&png, &["hill.png", ".asc", ".tif"]);
}

#[test]
fn rank_and_solve_with_a_dem_read_the_walks_its_matrix_writes() {
    let dir = tempfile::tempdir().unwrap();
    let dem = tilted(dir.path()).display().to_string();
    let net = nerima().display().to_string();
    let matrix = dir.path().join("m.csv").display().to_string();
    run_ok(&[
        "network",
        "matrix",
        "--network",
        &net,
        "--dem",
        &dem,
        "--from",
        DEMAND,
        "--to",
        SITES,
        "--max-m",
        "400",
        "--out",
        &matrix,
    ]);
    let rank = |d: &[&str]| {
        let base = ["rank", "--data", "examples/network", "--radius-m", "400"];
        run_json(&[&base[..], d, &["--format", "json"]].concat())
    };
    let hills = rank(&["--network", &net, "--dem", &dem]);
    let file = rank(&["--cost-matrix", &matrix]);
    let flat = rank(&["--network", &net]);
    let weights = |v: &serde_json::Value| -> Vec<(String, f64)> {
        let mut w: Vec<(String, f64)> = v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].to_string(), c["reach_weight"].as_f64().unwrap()))
            .collect();
        w.sort_by(|a, b| a.0.cmp(&b.0));
        w
    };
    assert_eq!(weights(&hills), weights(&file));
    assert_ne!(
        weights(&hills),
        weights(&flat),
        "the slopes change who is reached"
    );
    let notes = hills["summary"]["notes"].to_string();
    assert!(notes.contains("Tobler"), "{notes}");
    // 400 m at the default 0.8 m/s.
    assert!(
        notes.contains("400 m on the flat take 8.3 min at 0.8 m/s"),
        "{notes}"
    );
    let solved = run_json(&[
        "solve",
        "--data",
        "examples/network",
        "--network",
        &net,
        "--dem",
        &dem,
        "--p",
        "2",
        "--radius-m",
        "400",
        "--format",
        "json",
    ]);
    assert_eq!(solved["distances"]["kind"], "streets");
    assert_eq!(solved["distances"]["hills"], true);
}
