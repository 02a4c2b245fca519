//! End-to-end tests of `mobile-stops scenarios`: rows equal single solves, the same bytes on
//! any thread count, a bad scenario keeps its row (exit 2 after writing), malformed files
//! name FILE:LINE:COLUMN, and robustness counts add up.

use crate::helpers::{fixture, json, run, run_json, stderr};
use serde_json::Value;

const FILE: &str = r#"
[baseline]
model = "mclp"
p = 5
radius_m = 500

[[scenario]]
name = "short walk"
radius_m = 300

[[scenario]]
name = "typo"
exclude = ["hakujoji"]

[[sweep]]
name = "stops and radius"
p = [3, 4]
radius_m = [400, 800]

[[scenario]]
name = "new hall"
add_candidates = [{ id = "hall", lat = 35.35, lon = 139.40, name = "<b>公民館</b>" }]
remove_candidates = ["sannosha_enzo"]
"#;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn rows_equal_single_solves_and_a_bad_scenario_keeps_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "s.toml", FILE);
    let out = dir.path().join("out.json");
    let html = dir.path().join("r.html");
    let o = run(&[
        "scenarios",
        &f,
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        "--report",
        html.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "one scenario fails: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("1 failed (results written)"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1 + 1 + 1 + 4 + 1);
    assert_eq!(rows[2]["status"], "error");
    assert!(rows[2]["error"].as_str().unwrap().contains("s.toml:11:"));
    assert!(rows[2]["error"].as_str().unwrap().contains("hakujoji"));
    // Each solved row equals `solve` with the same flags.
    for (k, p, r) in [
        (0, "5", "500"),
        (1, "5", "300"),
        (3, "3", "400"),
        (6, "4", "800"),
    ] {
        let s = run(&["solve", "--p", p, "--radius-m", r, "--format", "json"]);
        let s: Value = serde_json::from_slice(&s.stdout).unwrap();
        assert_eq!(rows[k]["objective"], s["objective"], "row {k}");
        assert_eq!(rows[k]["stops"], s["stops"], "row {k}");
        assert_eq!(rows[k]["status"], "optimal");
    }
    assert!(rows[7]["stops"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s != "sannosha_enzo"));
    // Robustness: chosen counts add up to the stops of the solved rows.
    let chosen: u64 = v["robustness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["chosen_in"].as_u64().unwrap())
        .sum();
    let stops: usize = rows
        .iter()
        .filter(|r| r["status"] != "error")
        .map(|r| r["stops"].as_array().unwrap().len())
        .sum();
    assert_eq!(chosen as usize, stops);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<table>") && !page.contains("<b>公民館"));
}

#[test]
fn the_same_bytes_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "s.toml", FILE);
    let one = run(&["--threads", "1", "scenarios", &f, "--format", "csv"]);
    let two = run(&["--threads", "2", "scenarios", &f, "--format", "csv"]);
    assert_eq!(one.stdout, two.stdout);
    assert!(!one.stdout.is_empty());
}

#[test]
fn malformed_files_name_line_and_column_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.json");
    for (text, want) in [
        (
            "[baseline]\np = \"five\"\n",
            "s.toml:2:5: expected a scenario file",
        ),
        (
            "[baseline]\nradius = 300\n",
            "s.toml:2:1: expected a scenario file",
        ),
        (
            "[[sweep]]\nname = \"x\"\np = 3\n",
            "s.toml:1:1: expected at least one list",
        ),
        (
            "[data]\ncandidates = \"missing.csv\"\n",
            "missing.csv: expected a readable file",
        ),
    ] {
        let f = write(&dir, "s.toml", text);
        let o = run(&["scenarios", &f, "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(want), "{text}: {}", stderr(&o));
        assert!(!out.exists());
    }
}

#[test]
fn the_example_file_runs_clean() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenarios.toml");
    let v = run_json(&["scenarios", f, "--quiet", "--format", "json"]);
    assert_eq!(v["failed"], 0);
    assert_eq!(v["scenarios"], 1 + 4 + 24);
}

#[test]
fn surveys_switched_off_or_scaled_change_potential_users() {
    let dir = tempfile::tempdir().unwrap();
    let data = |f: &str| fixture(f);
    let text = format!(
        "[data]\ndemand = \"{}\"\ncandidates = \"{}\"\nsurveys = \"{}\"\nstores = \"{}\"\n\n\
         [baseline]\np = 2\nallow_no_space = true\n\n[[scenario]]\nname = \"no surveys\"\nsurveys = false\n\n\
         [[scenario]]\nname = \"half say yes\"\nsurvey_scale = 0.5\n",
        data("small_demand.csv"),
        data("small_candidates.csv"),
        data("small_surveys.csv"),
        data("small_stores.csv")
    );
    let f = write(&dir, "s.toml", &text);
    let v = run_json(&["scenarios", &f, "--format", "json"]);
    let rows = v["rows"].as_array().unwrap();
    let est = |k: usize| rows[k]["potential_users"].as_f64();
    let base = est(0).expect("the baseline has surveys");
    assert!(base > 0.0);
    assert_eq!(est(1), None, "no surveys, no users claimed");
    assert!(est(2).unwrap() < base, "fewer say yes: fewer users");
    assert_eq!(
        rows[0]["stops"], rows[2]["stops"],
        "the solve itself is unchanged"
    );
}

#[test]
fn values_the_command_line_refuses_are_error_rows_and_required_stops_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "s.toml",
        "[baseline]\np = 3\n\n[[scenario]]\nname = \"no vehicles\"\nvehicles = 0\n\n\
         [[scenario]]\nname = \"nan shops\"\nshop_distance_m = nan\n\n\
         [[scenario]]\nname = \"scaled without surveys\"\nsurvey_scale = 0.5\n\n\
         [[scenario]]\nname = \"must keep\"\nrequire = [\"hozoji\"]\n",
    );
    let o = run(&["scenarios", &f, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let rows = v["rows"].as_array().unwrap();
    for (k, word) in [(1, "vehicles"), (2, "shop_distance_m"), (3, "survey_scale")] {
        assert_eq!(rows[k]["status"], "error", "row {k}");
        assert!(rows[k]["error"].as_str().unwrap().contains(word), "row {k}");
    }
    let stops = rows[4]["stops"].as_array().unwrap();
    let k = stops.iter().position(|s| s == "hozoji").unwrap();
    assert_eq!(
        rows[4]["forced"][k], true,
        "a required stop is in every optimal set"
    );
    // CSV keeps numbers as numbers.
    let o = run(&["scenarios", &f, "--format", "csv"]);
    let text = String::from_utf8(o.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let k = header.iter().position(|h| *h == "objective").unwrap();
    let baseline = text.lines().nth(1).unwrap();
    let objective = baseline.split(',').nth(k).unwrap();
    assert!(objective.parse::<f64>().is_ok(), "{baseline}");
}

#[test]
fn weights_name_the_top_ranked_candidates_as_rank_does() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "s.toml",
        "[baseline]\np = 3\n\n[[scenario]]\nname = \"ranked\"\nweights = \"reach=1\"\n\n\
         [[scenario]]\nname = \"bad weights\"\nweights = \"reach=x\"\n",
    );
    let o = run(&["scenarios", &f, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let rows = v["rows"].as_array().unwrap();
    assert!(rows[0]["top_ranked"].is_null(), "only when weights are set");
    let rank: Value =
        serde_json::from_slice(&run(&["rank", "--weights", "reach=1", "--format", "json"]).stdout)
            .unwrap();
    let top: Vec<&Value> = rank["candidates"].as_array().unwrap()[..3]
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(
        rows[1]["top_ranked"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        top
    );
    assert_eq!(rows[2]["status"], "error");
}

mod analyst;
mod merge_errors;
mod regions;
mod shard;
