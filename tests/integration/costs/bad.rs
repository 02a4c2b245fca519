//! Bad cost matrices are exit 2 at FILE:LINE:COLUMN (an id not in the data, a pair twice, a
//! negative, NaN or empty cost), also from a scenario file's `[data]`; pairs a matrix does
//! not list are unreachable: never covered, and a p-median or p-center that would need one is
//! infeasible (exit 3) naming how many points and the first.

use super::arg;
use crate::helpers::{json, run, stderr};
use std::path::PathBuf;

fn put(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A small demand and candidate set: a and b near s1, c at s2, d at s3.
fn small(dir: &tempfile::TempDir) -> [String; 4] {
    let demand = put(
        dir,
        "demand.csv",
        "id,lat,lon,aged_65_plus\na,35.35,139.40,10\nb,35.351,139.401,20\nc,35.36,139.41,30\nd,35.34,139.39,5\n",
    );
    let sites = put(
        dir,
        "sites.csv",
        "id,lat,lon\ns1,35.3505,139.4005\ns2,35.36,139.41\ns3,35.34,139.39\n",
    );
    [
        "--demand".into(),
        arg(&demand).into(),
        "--candidates".into(),
        arg(&sites).into(),
    ]
}

#[test]
fn bad_matrices_are_refused_at_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let data = small(&dir);
    let cases = [
        ("from,to,metres\na,s1,10\nzz,s1,5\n", ":3:1: expected a demand point id of the data, found `zz`"),
        ("from,to,metres\na,s9,10\n", ":2:2: expected a candidate id of the data, found `s9`"),
        ("from,to,metres\na,s1,10\nb,s1,3\na,s1,11\n", ":4:1: expected one row per demand point and candidate, found `a` to `s1` again (first on line 2)"),
        ("from,to,metres\na,s1,-1\n", ":2:3: expected a cost of 0 or more"),
        ("from,to,metres\na,s1,NaN\n", ":2:3: expected a number in column `metres`, found `NaN`"),
        ("from,to,metres\na,s1,\n", ":2:3: expected a number in column `metres`, found an empty cell"),
        ("from,to,metres\na,s1,inf\n", ":2:3: expected a number in column `metres`"),
        ("from,to,metres\na,,4\n", ":2:2: expected a non-empty id"),
    ];
    for (k, (text, want)) in cases.iter().enumerate() {
        let file = put(&dir, &format!("bad{k}.csv"), text);
        for cmd in ["solve", "rank"] {
            let mut args = vec![cmd];
            args.extend(data.iter().map(String::as_str));
            args.extend(["--cost-matrix", arg(&file)]);
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{text:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(
                err.contains(&format!("{}{want}", arg(&file))),
                "{text:?}: {err}"
            );
        }
    }
    // From a scenario file's [data], the same message, naming the matrix.
    let bad = put(&dir, "bad_s.csv", "from,to,metres\na,s1,-3\n");
    let toml = format!(
        "[data]\ndemand = \"demand.csv\"\ncandidates = \"sites.csv\"\ncost_matrix = \"{}\"\n[baseline]\np = 1\n",
        bad.file_name().unwrap().to_str().unwrap()
    );
    let file = put(&dir, "s.toml", &toml);
    let o = run(&["scenarios", arg(&file)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad_s.csv:2:3: expected a cost of 0 or more"),
        "{}",
        stderr(&o)
    );
    // `cost` without a matrix, or of an unknown unit, is refused at the line.
    for (toml, want) in [
        (
            "[data]\ncost = \"minutes\"\n[baseline]\np = 1\n",
            "t.toml:1:1: expected a `cost_matrix` in [data]",
        ),
        (
            "[data]\ncost_matrix = \"m.csv\"\ncost = \"hours\"\n",
            "t.toml:3:8: expected a scenario file (TOML), found unknown variant `hours`",
        ),
    ] {
        let file = put(&dir, "t.toml", toml);
        let o = run(&["scenarios", arg(&file)]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(want), "{}", stderr(&o));
    }
    // `--cost` without a matrix is refused up front.
    let o = run(&["rank", "--cost", "minutes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--cost-matrix"), "{}", stderr(&o));
}

#[test]
fn unlisted_pairs_are_unreachable_in_every_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = small(&dir);
    // d (weight 5) has no pair at all; a and b reach only s1, c only s2.
    let m = put(
        &dir,
        "m.csv",
        "from,to,metres\na,s1,50\nb,s1,80\nc,s2,10\nc,s1,900\n",
    );
    let solve = |extra: &[&str]| {
        let mut args = vec!["solve", "--format", "json", "--cost-matrix", arg(&m)];
        args.extend(data.iter().map(String::as_str));
        args.extend(extra);
        run(&args)
    };
    // MCLP: d is never covered, whatever is chosen.
    let o = solve(&["--p", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["covered_weight"], 60.0);
    assert_eq!(v["unreachable_point_ids"], serde_json::json!(["d"]));
    // LSCP: every reachable point, d reported.
    let v = json(&solve(&["--model", "lscp"]));
    assert_eq!(v["stops"], serde_json::json!(["s1", "s2"]));
    assert_eq!(v["unreachable_points"], 1);
    // p-median and p-center must serve d: infeasible before solving, naming it.
    for model in ["pmedian", "pcenter"] {
        let o = solve(&["--model", model, "--p", "2"]);
        assert_eq!(o.status.code(), Some(3), "{model}");
        let v = json(&o);
        assert_eq!(v["status"], "infeasible");
        let why = v["proven"].as_str().unwrap();
        assert!(
            why.contains("1 points (weight 5) have no cost") && why.contains("`d`"),
            "{why}"
        );
    }
    // With d listed, two stops serve everyone; one stop cannot (s2 is c's only... no: c also
    // reaches s1 at 900 m, but d reaches only s3), so p = 1 is proven infeasible.
    let m2 = put(
        &dir,
        "m2.csv",
        "from,to,metres\na,s1,50\nb,s1,80\nc,s2,10\nc,s1,900\nd,s3,0\n",
    );
    let with = |model: &str, p: &str| {
        let mut args = vec!["solve", "--format", "json", "--cost-matrix", arg(&m2)];
        args.extend(data.iter().map(String::as_str));
        args.extend(["--model", model, "--p", p]);
        run(&args)
    };
    let v = json(&with("pmedian", "3"));
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["objective"], 10.0 * 50.0 + 20.0 * 80.0 + 30.0 * 10.0);
    let v = json(&with("pmedian", "2"));
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["stops"], serde_json::json!(["s1", "s3"]));
    assert_eq!(v["objective"], 10.0 * 50.0 + 20.0 * 80.0 + 30.0 * 900.0);
    let v = json(&with("pcenter", "2"));
    assert_eq!(v["objective"], 900.0);
    let o = with("pmedian", "1");
    assert_eq!(o.status.code(), Some(3));
    let why = json(&o)["proven"].as_str().unwrap().to_string();
    assert!(
        why.starts_with("infeasible: no 1 stops reach every point by the cost matrix"),
        "{why}"
    );
}

#[test]
fn a_matrix_counts_against_the_memory_limit() {
    let dir = tempfile::tempdir().unwrap();
    let data = small(&dir);
    let mut text = String::from("from,to,metres\n");
    for k in 0..20_000 {
        text.push_str(&format!("a,s1,{k}\n"));
    }
    let m = put(&dir, "big.csv", &text);
    let mut args = vec![
        "--max-memory-gb",
        "0.0005",
        "solve",
        "--cost-matrix",
        arg(&m),
    ];
    args.extend(data.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("big.csv") && err.contains("of memory"),
        "{err}"
    );
}
