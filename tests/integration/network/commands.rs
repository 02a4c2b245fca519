//! `--network` on the planning commands: the ranking, every model, the comparison, the report
//! and the scenario batch read the same walks along the streets that `network matrix` writes;
//! the straight-line circle stands beside them; who is off the streets is named; flags that
//! cannot work are refused.

use super::barrier::river_osm;
use super::{nerima, nerima_matrix};
use crate::helpers::{run, run_json, run_ok, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The river town: its extract, one house on each bank opposite a stop on the south bank,
/// and, with `far`, a house and a candidate 600 m from any street.
fn river_town(far: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let osm = dir.path().join("river.osm");
    std::fs::write(&osm, river_osm()).unwrap();
    let mut demand = String::from(
        "id,lat,lon,population,aged_65_plus\nsouth,35.0001,139.002,10,4\nnorth,35.0017,139.002,20,8\n",
    );
    // Empty corners, so the stops stand inside the data.
    for (k, lon) in [138.999, 139.003, 139.007, 139.011].iter().enumerate() {
        for (b, lat) in [35.0000, 35.0018].iter().enumerate() {
            demand.push_str(&format!("c{k}{b},{lat},{lon},0,0\n"));
        }
    }
    let mut sites = String::from("id,name,lat,lon\nstop,南岸,35.0001,139.001\n");
    if far {
        demand.push_str("lonely,35.0080,139.005,5,2\n");
        sites.push_str("field,畑,35.0075,139.005\n");
    }
    std::fs::write(dir.path().join("demand.csv"), demand).unwrap();
    std::fs::write(dir.path().join("candidates.csv"), sites).unwrap();
    (dir, osm)
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn rank_counts_whom_the_streets_reach_and_shows_the_circle_beside_it() {
    let (dir, osm) = river_town(false);
    let base = ["rank", "--data", &s(dir.path()), "--network", &s(&osm)];
    let json = run_json(&[&base[..], &["--radius-m", "400", "--format", "json"]].concat());
    let c = &json["candidates"][0];
    assert_eq!(c["reach_weight"], 4.0, "only the south bank: {c}");
    assert_eq!(c["straight_reach_weight"], 12.0, "the circle crosses: {c}");
    assert_eq!(json["summary"]["distances"]["kind"], "streets");
    assert_eq!(
        json["summary"]["distances"]["credit"],
        "© OpenStreetMap contributors"
    );
    let text = stdout(&run_ok(&[&base[..], &["--radius-m", "400"]].concat()));
    assert!(text.contains("walked along the streets of"), "{text}");
    assert!(text.contains("circle"), "{text}");
    // Far enough to go round by the bridge, the streets reach the north bank too.
    let wide = run_json(&[&base[..], &["--radius-m", "3000", "--format", "json"]].concat());
    assert_eq!(wide["candidates"][0]["reach_weight"], 12.0);
    // Without --network the ranking keeps its keys.
    let plain = run_json(&["rank", "--data", &s(dir.path()), "--format", "json"]);
    assert!(plain["candidates"][0]
        .get("straight_reach_weight")
        .is_none());
    assert!(plain["summary"].get("distances").is_none());
}

/// `network matrix` of the example's demand to its candidates within `max_m`, written to
/// `dir`.
fn matrix(dir: &Path, max_m: &str) -> PathBuf {
    let out = dir.join(format!("matrix-{max_m}.csv"));
    nerima_matrix(max_m, &s(&out));
    out
}

fn solve(model: &[&str], distances: &[&str]) -> Value {
    let base = ["solve", "--data", "examples/network", "--format", "json"];
    run_json(&[&base[..], model, distances].concat())
}

#[test]
fn every_model_reads_the_same_walks_as_the_network_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let net = s(&nerima());
    let near = s(&matrix(dir.path(), "400"));
    let mclp = ["--model", "mclp", "--p", "2", "--radius-m", "400"];
    let by_streets = solve(&mclp, &["--network", &net]);
    let by_file = solve(&mclp, &["--cost-matrix", &near]);
    assert_eq!(by_streets["objective"], by_file["objective"]);
    assert_eq!(by_streets["stops"], by_file["stops"]);
    let lscp = ["--model", "lscp", "--radius-m", "400"];
    let (a, b) = (
        solve(&lscp, &["--network", &net]),
        solve(&lscp, &["--cost-matrix", &near]),
    );
    assert_eq!(a["stops"], b["stops"]);
    // The p-median needs every pair: the walks are not cut at the radius.
    let all = s(&matrix(dir.path(), "100000"));
    for model in ["pmedian", "pcenter"] {
        let args = ["--model", model, "--p", "2"];
        let (a, b) = (
            solve(&args, &["--network", &net]),
            solve(&args, &["--cost-matrix", &all]),
        );
        let (x, y) = (
            a["objective"].as_f64().unwrap(),
            b["objective"].as_f64().unwrap(),
        );
        // The matrix file rounds each walk to 0.1 m.
        assert!((x - y).abs() <= 0.05 * 1358.0, "{model}: {x} vs {y}");
        assert_eq!(a["stops"], b["stops"], "{model}");
    }
    let rank = |d: &[&str]| {
        let base = ["rank", "--data", "examples/network", "--radius-m", "400"];
        run_json(&[&base[..], d, &["--format", "json"]].concat())
    };
    let (a, b) = (rank(&["--network", &net]), rank(&["--cost-matrix", &near]));
    for (x, y) in a["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["candidates"].as_array().unwrap())
    {
        assert_eq!(x["id"], y["id"]);
        assert_eq!(x["reach_weight"], y["reach_weight"]);
        // A walk is never shorter than the straight line: the streets reach no one the circle
        // does not hold.
        assert!(
            x["reach_weight"].as_f64() <= x["straight_reach_weight"].as_f64(),
            "{x}"
        );
    }
}

#[test]
fn compare_report_and_route_walk_the_streets_too() {
    let net = s(&nerima());
    let base = ["--data", "examples/network", "--network", &net];
    let cmp = stdout(&run_ok(
        &[
            &["compare"],
            &base[..],
            &["--set", "a=s1,s2", "--set", "b=s3"],
        ]
        .concat(),
    ));
    assert!(cmp.contains("nerima.osm"), "{cmp}");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    run_ok(&[&["report"], &base[..], &["--p", "2", "--out", &s(&html)]].concat());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("OpenStreetMap"), "the credit is on the page");
    let week = run_json(
        &[
            &["route"],
            &base[..],
            &["--p", "2", "--depot", "s1", "--format", "json"],
        ]
        .concat(),
    );
    assert_eq!(week["status"], "planned", "{week}");
}

#[test]
fn scenarios_walk_the_streets_from_the_candidates_they_add() {
    let (dir, osm) = river_town(false);
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        format!(
            "[data]\ndata = \".\"\nnetwork = \"{}\"\n\n[baseline]\nmodel = \"mclp\"\np = 1\nradius_m = 400\n\n\
             [[scenario]]\nname = \"north\"\nremove_candidates = [\"stop\"]\n\
             add_candidates = [{{ id = \"bank\", lat = 35.0017, lon = 139.001 }}]\n",
            osm.file_name().unwrap().to_str().unwrap()
        ),
    )
    .unwrap();
    let rows = run_json(&["scenarios", &s(&file), "--format", "json"]);
    let rows = rows["rows"]
        .as_array()
        .or(rows.as_array())
        .cloned()
        .unwrap_or_default();
    let covered = |name: &str| {
        rows.iter()
            .find(|r| r["name"] == name)
            .map(|r| r["covered_weight"].clone())
            .unwrap_or_else(|| panic!("no row {name}: {rows:?}"))
    };
    assert_eq!(covered("baseline"), 4.0, "the south bank only");
    assert_eq!(
        covered("north"),
        8.0,
        "the added stop walks to the north bank"
    );
    // The command line's extract replaces the file's; the same rows.
    let again = run_json(&[
        "scenarios",
        &s(&file),
        "--network",
        &s(&osm),
        "--format",
        "json",
    ]);
    let again = again["rows"]
        .as_array()
        .or(again.as_array())
        .cloned()
        .unwrap_or_default();
    assert_eq!(again.len(), rows.len());
}

#[test]
fn points_and_candidates_off_the_streets_are_named_and_reach_nobody() {
    let (dir, osm) = river_town(true);
    let o = run_ok(&[
        "rank",
        "--data",
        &s(dir.path()),
        "--network",
        &s(&osm),
        "--radius-m",
        "3000",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    let notes = json["summary"]["notes"].to_string();
    assert!(
        notes.contains("`lonely`") && notes.contains("off the network"),
        "{notes}"
    );
    assert!(notes.contains("field"), "{notes}");
    let field = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "field")
        .unwrap();
    assert_eq!(field["reach_weight"], 0.0, "never a straight line instead");
    assert_eq!(
        field["straight_reach_weight"], 14.0,
        "3 km of circle holds every house"
    );
    let stop = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "stop")
        .unwrap();
    assert_eq!(
        stop["reach_weight"], 12.0,
        "the lonely house is not reached: {stop}"
    );
}

#[test]
fn street_flags_that_cannot_work_are_refused_and_nothing_is_written() {
    let (dir, osm) = river_town(false);
    let out = dir.path().join("out.json");
    let data = s(dir.path());
    let cases: [(&[&str], &str); 5] = [
        (
            &["--network", &s(&osm), "--snap-max-m", "0"],
            "--snap-max-m",
        ),
        (
            &["--network", &s(&osm), "--cost-matrix", "x.csv"],
            "--cost-matrix",
        ),
        (&["--snap-max-m", "100"], "--network"),
        (&["--dem", "hills.asc"], "--network"),
        (&["--network", "no/such.osm"], "no/such.osm"),
    ];
    for (extra, says) in cases {
        let o = run(&[&["rank", "--data", &data, "--out", &s(&out)], extra].concat());
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{extra:?}: {}", stderr(&o));
        assert!(!out.exists(), "{extra:?} wrote a file");
    }
    let toml = |data_table: &str| {
        let f = dir.path().join("bad.toml");
        std::fs::write(&f, format!("[data]\n{data_table}\n[baseline]\np = 1\n")).unwrap();
        run(&["scenarios", &s(&f)])
    };
    for (table, says) in [
        (
            "network = \"river.osm\"\ncost_matrix = \"m.csv\"",
            "either `network` or `cost_matrix`",
        ),
        ("dem = \"hills.asc\"", "`dem` without one"),
        ("network = \"river.osm\"\nsnap_max_m = -1", "snap_max_m"),
    ] {
        let o = toml(table);
        assert_eq!(o.status.code(), Some(2), "{table}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{table}: {}", stderr(&o));
    }
}
