//! A cost matrix holding the straight-line distances (every pair, the library's own haversine)
//! gives exactly the straight-line results: every model, the ranking, a comparison, the
//! council report's choice and a scenario batch.

use super::{arg, pairs, write_matrix};
use crate::helpers::{command_json, run_ok, stdout};
use serde_json::Value;

/// Every pair at its straight-line metres.
fn straight(dir: &tempfile::TempDir) -> String {
    let all = pairs(|_, _, m| Some(m));
    arg(&write_matrix(dir.path(), "straight.csv", "metres", &all)).to_string()
}

/// What must not change between the two runs of a solve.
fn solved(v: &Value) -> Value {
    serde_json::json!([
        v["status"],
        v["stops"],
        v["objective"],
        v["bound"],
        v["covered_weight"],
        v["unreachable_points"],
        v["stop_detail"],
    ])
}

#[test]
fn a_matrix_of_straight_line_distances_gives_every_model_the_straight_line_answer() {
    let dir = tempfile::tempdir().unwrap();
    let m = straight(&dir);
    let runs: [&[&str]; 7] = [
        &["--model", "mclp", "--p", "5"],
        &[
            "--model",
            "mclp",
            "--p",
            "4",
            "--radius-m",
            "800",
            "--capacity",
            "3500",
        ],
        &["--model", "lscp", "--radius-m", "800"],
        &["--model", "pmedian", "--p", "5"],
        &["--model", "pmedian", "--p", "5", "--capacity", "20000"],
        &["--model", "pcenter", "--p", "4"],
        &["--model", "mclp", "--p", "3", "--method", "heuristic"],
    ];
    for args in runs {
        let plain = command_json("solve", args);
        let mut with = args.to_vec();
        with.extend(["--cost-matrix", &m]);
        let by_matrix = command_json("solve", &with);
        assert_eq!(solved(&plain), solved(&by_matrix), "{args:?}");
        assert_ne!(plain["status"], "infeasible", "{args:?}");
        let notes = by_matrix["notes"].to_string();
        assert!(
            notes.contains("cost matrix") && notes.contains("stay straight-line"),
            "{notes}"
        );
    }
}

#[test]
fn the_ranking_a_comparison_and_the_report_measure_alike_with_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let m = straight(&dir);
    let rank = |extra: &[&str]| {
        let mut args = vec!["--radius-m", "600"];
        args.extend(extra);
        let v = command_json("rank", &args);
        let rows: Vec<Value> = v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| serde_json::json!([c["id"], c["rank"], c["reach_weight"], c["flags"]]))
            .collect();
        rows
    };
    assert_eq!(rank(&[]), rank(&["--cost-matrix", &m]));
    let sets = [
        "--set",
        "a=hiejinja,myogyoji,hozoji",
        "--set",
        "b=sannosha_enzo,hakuhoji",
    ];
    let plain = command_json("compare", &sets);
    let mut with = sets.to_vec();
    with.extend(["--cost-matrix", &m]);
    let by_matrix = command_json("compare", &with);
    assert_eq!(plain["sets"], by_matrix["sets"]);
    assert!(plain.get("cost_matrix").is_none());
    assert_eq!(by_matrix["cost_matrix"]["unit"], "metres");
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "--p", "4", "--format", "markdown", "--lang", "en"];
        args.extend(extra);
        stdout(&run_ok(&args))
    };
    let (a, b) = (report(&[]), report(&["--cost-matrix", &m]));
    let chose = |t: &str| {
        let from = t.find("The model chose").unwrap();
        let to = from + t[from..].find(". It looked").unwrap();
        t[from..to].to_string()
    };
    assert_eq!(chose(&a), chose(&b));
    assert!(
        b.contains("within walking distance (500 m by the cost matrix)"),
        "{b}"
    );
    assert!(
        b.contains("distance from each home to a candidate is the cost matrix"),
        "{b}"
    );
}

#[test]
fn a_scenario_file_names_its_matrix_relative_to_itself_and_the_flag_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    straight(&dir);
    let file = dir.path().join("s.toml");
    let toml = "[data]\ncost_matrix = \"straight.csv\"\n[baseline]\np = 4\n[[sweep]]\nname = \"r\"\nradius_m = [300, 700]\nmodel = [\"mclp\", \"pmedian\"]\n";
    std::fs::write(&file, toml).unwrap();
    let rows = |args: &[&str]| {
        let v = command_json("scenarios", args);
        let rows: Vec<Value> = v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| serde_json::json!([r["status"], r["objective"], r["stops"]]))
            .collect();
        rows
    };
    let by_file = rows(&[arg(&file)]);
    // The same scenarios without a matrix: the straight line, the same rows.
    let plain_file = dir.path().join("plain.toml");
    std::fs::write(
        &plain_file,
        toml.replace("[data]\ncost_matrix = \"straight.csv\"\n", ""),
    )
    .unwrap();
    assert_eq!(by_file, rows(&[arg(&plain_file)]));
    // The flag replaces the file's matrix: a river changes the p-median rows.
    let river = write_matrix(dir.path(), "river.csv", "metres", &super::river_pairs());
    let by_flag = rows(&[arg(&file), "--cost-matrix", arg(&river)]);
    assert_ne!(by_file, by_flag);
}
