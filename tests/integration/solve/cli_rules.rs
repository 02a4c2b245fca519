//! `mobile-stops solve` with side rules and at its edges: minimum weight per stop, the space
//! rule, the far-from-shop objective, infeasibility (exit 3, result still written), a time
//! limit (exit 0, best so far), what each format says was proven, and bad input (exit 2).

use super::{num, solve_json};
use crate::helpers::{alone, bench_arg as bench, fixture, run, stderr};
use serde_json::Value;
use std::path::PathBuf;

#[test]
fn minimum_weight_per_stop_and_space_rule_keep_sites_out() {
    let v = solve_json(&[
        "--model",
        "mclp",
        "--p",
        "3",
        "--min-weight-per-stop",
        "1500",
    ]);
    let excluded = v["excluded"].as_array().unwrap();
    assert!(excluded.iter().any(|e| e["reason"] == "below_min_weight"));
    for s in v["stop_detail"].as_array().unwrap() {
        assert!(num(s, "reach_weight") >= 1500.0, "{s}");
    }
    // The small fixture: s3 has room for 2 vehicles only.
    let d = fixture("small_demand.csv");
    let c = fixture("small_candidates.csv");
    let base = [
        "--demand",
        &d,
        "--candidates",
        &c,
        "--model",
        "mclp",
        "--p",
        "3",
    ];
    let o = run(&[&["solve"][..], &base, &["--format", "json"]].concat());
    assert_eq!(
        o.status.code(),
        Some(3),
        "only 2 sites may open: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("only 2 candidate sites may open"));
    let v = solve_json(&[&base[..], &["--allow-no-space"]].concat());
    assert_eq!(v["stops"].as_array().unwrap().len(), 3);
}

#[test]
fn far_from_shop_objective_needs_shops() {
    let d = fixture("small_demand.csv");
    let c = fixture("small_candidates.csv");
    let s = fixture("small_stores.csv");
    let v = solve_json(&[
        "--demand",
        &d,
        "--candidates",
        &c,
        "--stores",
        &s,
        "--p",
        "1",
        "--objective-weight",
        "far_from_shop",
    ]);
    assert_eq!(v["weight_column"], "far_from_shop");
    let o = run(&[
        "solve",
        "--demand",
        &d,
        "--candidates",
        &c,
        "--p",
        "1",
        "--objective-weight",
        "far_from_shop",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--objective-weight"), "{}", stderr(&o));
}

#[test]
fn infeasible_problems_exit_3_with_the_reason_and_still_write_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let out_s = out.display().to_string();
    let o = run(&[
        "solve",
        "--p",
        "2",
        "--require",
        "myogyoji,hozoji,hakuhoji",
        "--format",
        "json",
        "--out",
        &out_s,
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3 stops are required"),
        "{}",
        stderr(&o)
    );
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["status"], "infeasible");
    assert!(v["note"].as_str().unwrap().contains("required"));

    let o = run(&[
        "solve",
        "--model",
        "pmedian",
        "--p",
        "2",
        "--capacity",
        "100",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("exceeds"), "{}", stderr(&o));
}

#[test]
fn a_time_limit_returns_the_best_so_far_with_exit_0() {
    // 0.05 s for the whole command: on a shared 2-core machine other tests' work would
    // leave the solver no time for its first bound, so this case runs alone.
    let _alone = alone();
    let pmed = bench("orlib-pmed/instances/pmed15.txt");
    let v = solve_json(&[
        "--model",
        "pmedian",
        "--orlib",
        &pmed,
        "--time-limit-s",
        "0.05",
    ]);
    let status = v["status"].as_str().unwrap();
    assert!(status == "time_limit" || status == "optimal", "{status}");
    if v["bound"].is_null() {
        // Stopped before the first bound (a loaded machine): no gap, and the words say so.
        assert_eq!(status, "time_limit");
        assert!(v["gap"].is_null(), "{}", v["gap"]);
        assert!(v["proven"]
            .as_str()
            .unwrap()
            .contains("no bound proven yet"));
    } else {
        assert!(num(&v, "bound") <= num(&v, "objective") + 1e-9);
    }
    if status == "optimal" {
        assert_eq!(num(&v, "gap"), 0.0);
    }
    assert_eq!(v["stops"].as_array().unwrap().len(), 100);
}

#[test]
fn formats_say_what_was_proven() {
    let o = run(&["solve", "--p", "4"]);
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.contains("optimal (proven)"), "{table}");
    assert!(table.contains("maximal covering"));
    let o = run(&["solve", "--p", "4", "--lang", "ja"]);
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("最適（証明済み）"));
    let o = run(&["solve", "--p", "4", "--format", "csv"]);
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("\u{feff}id,name,kind"));
    assert_eq!(csv.lines().count(), 5);
    let o = run(&["solve", "--p", "4", "--format", "geojson"]);
    let g: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(g["features"].as_array().unwrap().len(), 4);
    assert_eq!(g["mobile_stops_solve"]["status"], "optimal");
}

#[test]
fn bad_input_exits_2_naming_the_flag_or_file_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad_pmed.txt");
    std::fs::write(&bad, " 3 2 1\n 1 2 5\n 2 x 4\n").unwrap();
    let bad_s = bad.display().to_string();
    let out: PathBuf = dir.path().join("out.json");
    let out_s = out.display().to_string();
    let sjc = bench("mclp-sjc-lorena/instances/SJC324.txt");
    let d = fixture("small_demand.csv");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--p", "0"], "--p"),
        (vec!["--p", "36"], "--p"),
        (vec!["--p", "3", "--require", "nosuch"], "--require"),
        (
            vec!["--p", "3", "--exclude", "myogyoji,nosuch"],
            "--exclude",
        ),
        (
            vec!["--p", "3", "--require", "hozoji", "--exclude", "hozoji"],
            "--exclude",
        ),
        (vec!["--p", "3", "--capacity", "-5"], "--capacity"),
        (
            vec!["--p", "3", "--capacity", "no_such_column"],
            "--capacity",
        ),
        (vec!["--p", "3", "--radius-m", "0"], "--radius-m"),
        (vec!["--p", "3", "--time-limit-s", "0"], "--time-limit-s"),
        (
            vec!["--p", "3", "--min-weight-per-stop", "-1"],
            "--min-weight-per-stop",
        ),
        (
            vec!["--p", "3", "--objective-weight", "nope"],
            "--objective-weight",
        ),
        (
            vec!["--model", "pcenter", "--p", "3", "--capacity", "5"],
            "--capacity",
        ),
        (vec!["--model", "mclp"], "--p"),
        (
            vec!["--model", "pmedian", "--orlib", &bad_s],
            "bad_pmed.txt:3:2",
        ),
        (
            vec!["--model", "mclp", "--sjc", &sjc, "--radius-m", "800"],
            "--p",
        ),
        (
            vec![
                "--model", "mclp", "--sjc", &sjc, "--p", "3", "--format", "geojson",
            ],
            "--format",
        ),
        (vec!["--orlib", &bad_s, "--demand", &d], "command line"),
    ];
    for (args, needle) in cases {
        let mut all = vec!["solve"];
        all.extend(&args);
        all.extend(["--out", &out_s]);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let msg = stderr(&o);
        assert!(msg.contains(needle), "{args:?}: {msg}");
        assert!(!msg.contains("panicked"), "{msg}");
        assert!(!out.exists(), "{args:?} wrote {out_s}");
    }
}
