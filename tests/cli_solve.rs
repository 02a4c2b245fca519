//! End-to-end tests of `mobile-stops solve`: every model on the embedded data against the
//! textbook MIP (an independent solver), the benchmark flags against published optima,
//! side constraints, infeasibility (exit 3), time limits, thread-count determinism, formats,
//! and the bad-input contract (exit 2, the flag or FILE:LINE named, nothing written).

mod common;
use common::{fixture, run, stderr};

use serde_json::Value;
use std::path::PathBuf;

fn solve_json(args: &[&str]) -> Value {
    let mut all = vec!["solve"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let o = run(&all);
    assert!(o.status.success(), "{all:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// A benchmark file as a command-line argument.
fn bench(rel: &str) -> String {
    common::shared(rel).display().to_string()
}

/// The value in column `col` of the row of a benchmark CSV whose first fields equal `key`.
fn optimum(rel: &str, key: &[&str], col: usize) -> f64 {
    let text = std::fs::read_to_string(bench(rel)).expect("benchmark csv");
    text.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| key.iter().enumerate().all(|(k, v)| f[k] == *v))
        .unwrap_or_else(|| panic!("{key:?} not in {rel}"))[col]
        .parse()
        .expect("number")
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn every_model_on_the_embedded_data_is_optimal_and_agrees_with_the_mip() {
    let d = fixture("small_demand.csv");
    let c = fixture("small_candidates.csv");
    // microlp has no cuts: p-center's and the capacitated p-median's textbook MIPs take
    // tens of seconds at 624 × 35, so those two are checked on the small fixture here (and
    // against brute force and the published optima elsewhere).
    let small = [
        "--demand",
        d.as_str(),
        "--candidates",
        c.as_str(),
        "--allow-no-space",
    ];
    let pcenter = [&["--model", "pcenter", "--p", "2"][..], &small].concat();
    let capacitated = [
        &["--model", "pmedian", "--p", "2", "--capacity", "120"][..],
        &small,
    ]
    .concat();
    let cases: [&[&str]; 7] = [
        &["--model", "mclp", "--p", "5"],
        &[
            "--model",
            "mclp",
            "--p",
            "4",
            "--require",
            "myogyoji",
            "--exclude",
            "sannosha_enzo",
        ],
        &["--model", "lscp", "--radius-m", "1500"],
        &["--model", "pmedian", "--p", "4"],
        &pcenter,
        &capacitated,
        &[
            "--model",
            "mclp",
            "--p",
            "3",
            "--objective-weight",
            "population",
            "--radius-m",
            "800",
        ],
    ];
    for case in cases {
        let exact = solve_json(case);
        let mut mip_args = case.to_vec();
        mip_args.extend(["--method", "mip"]);
        let mip = solve_json(&mip_args);
        assert_eq!(exact["status"], "optimal", "{case:?}: {exact}");
        assert_eq!(mip["status"], "optimal", "{case:?}: {mip}");
        assert!(
            close(num(&exact, "objective"), num(&mip, "objective")),
            "{case:?}: exact {} vs MIP {}",
            exact["objective"],
            mip["objective"]
        );
        assert!(close(num(&exact, "objective"), num(&exact, "bound")));
        assert_eq!(num(&exact, "gap"), 0.0);
        let stops: Vec<&str> = exact["stops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let mut sorted = stops.clone();
        sorted.sort();
        assert_eq!(stops, sorted, "stops are sorted");
        assert_eq!(exact["stop_detail"].as_array().unwrap().len(), stops.len());
        if let Some(p) = exact["p"].as_u64() {
            assert_eq!(stops.len() as u64, p, "{case:?}");
        }
        if case.contains(&"--require") {
            assert!(stops.contains(&"myogyoji"));
            assert!(!stops.contains(&"sannosha_enzo"));
        }
        if exact["model"] == "mclp" {
            assert!(close(
                num(&exact, "objective"),
                num(&exact, "covered_weight")
            ));
        }
        assert_eq!(exact["model"], case[1]);
        for key in [
            "seconds",
            "threads",
            "seed",
            "total_weight",
            "covered_weight",
        ] {
            assert!(exact[key].is_number(), "{key} missing");
        }
    }
}

#[test]
fn lscp_reaches_every_reachable_point_and_reports_the_rest() {
    let v = solve_json(&["--model", "lscp", "--radius-m", "500"]);
    assert_eq!(v["status"], "optimal");
    let covered = num(&v, "covered_weight");
    let unreachable = num(&v, "unreachable_weight");
    assert!(num(&v, "unreachable_points") > 0.0);
    assert!(close(covered + unreachable, num(&v, "total_weight")));
    assert_eq!(
        num(&v, "objective") as usize,
        v["stops"].as_array().unwrap().len()
    );
}

#[test]
fn benchmark_flags_reproduce_published_optima() {
    let pmed1 = bench("orlib-pmed/instances/pmed1.txt");
    let v = solve_json(&["--model", "pmedian", "--orlib", &pmed1]);
    assert_eq!(v["status"], "optimal");
    assert_eq!(
        num(&v, "objective"),
        optimum("orlib-pmed/optima.csv", &["pmed1"], 3)
    );
    assert_eq!(v["p"], 5, "p comes from the file");
    let v = solve_json(&["--model", "pcenter", "--orlib", &pmed1]);
    assert_eq!(
        num(&v, "objective"),
        optimum("orlib-pmed/pcenter_optima.csv", &["pmed1"], 3)
    );
    let v = solve_json(&["--model", "pmedian", "--orlib", &pmed1, "--p", "7"]);
    assert_eq!(
        v["stops"].as_array().unwrap().len(),
        7,
        "--p overrides the file"
    );

    let cpmp = bench("orlib-cpmp-osman-christofides/instances/cpmp01.txt");
    let v = solve_json(&["--model", "pmedian", "--pmedcap", &cpmp, "--instance", "1"]);
    assert_eq!(v["status"], "optimal");
    assert_eq!(
        num(&v, "objective"),
        optimum("orlib-cpmp-osman-christofides/optima.csv", &["cpmp01"], 3)
    );
    assert_eq!(v["capacitated"], true);

    let sjc = bench("mclp-sjc-lorena/instances/SJC324.txt");
    for (p, r) in [("4", "800"), ("2", "1200")] {
        let v = solve_json(&["--model", "mclp", "--sjc", &sjc, "--p", p, "--radius-m", r]);
        assert_eq!(v["status"], "optimal");
        let want = optimum(
            "mclp-sjc-lorena/mclp_computed_optima.csv",
            &["SJC324", "324", p, r],
            4,
        );
        assert_eq!(num(&v, "objective"), want, "SJC324 p={p} r={r}");
    }
    let v = solve_json(&["--model", "lscp", "--sjc", &sjc, "--radius-m", "800"]);
    assert_eq!(
        num(&v, "objective"),
        optimum(
            "mclp-sjc-lorena/lscp_computed_optima.csv",
            &["SJC324", "324", "800"],
            3
        )
    );
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let strip = |mut v: Value| {
        let o = v.as_object_mut().unwrap();
        o.remove("seconds");
        o.remove("threads");
        v
    };
    for model in [
        &["--model", "mclp", "--p", "6"][..],
        &["--model", "mclp", "--p", "6", "--method", "heuristic"],
        &["--model", "pmedian", "--p", "5"],
        &[
            "--model",
            "pmedian",
            "--p",
            "5",
            "--method",
            "heuristic",
            "--seed",
            "9",
        ],
        &["--model", "pcenter", "--p", "5"],
        &["--model", "lscp", "--radius-m", "1000"],
    ] {
        let mut one = vec!["--threads", "1", "solve"];
        one.extend(model);
        one.extend(["--format", "json"]);
        let mut two = one.clone();
        two[1] = "2";
        let a = run(&one);
        let b = run(&two);
        assert!(a.status.success() && b.status.success(), "{}", stderr(&a));
        let a: Value = serde_json::from_slice(&a.stdout).unwrap();
        let b: Value = serde_json::from_slice(&b.stdout).unwrap();
        assert_eq!(strip(a), strip(b), "{model:?}");
    }
}

#[test]
fn a_heuristic_answer_carries_an_honest_bound() {
    let exact = solve_json(&["--model", "mclp", "--p", "6"]);
    let h = solve_json(&["--model", "mclp", "--p", "6", "--method", "heuristic"]);
    let best = num(&exact, "objective");
    assert!(num(&h, "objective") <= best + 1e-6);
    assert!(
        num(&h, "bound") >= best - 1e-6,
        "the bound is an upper bound"
    );
    let exact = solve_json(&["--model", "pmedian", "--p", "6"]);
    let h = solve_json(&["--model", "pmedian", "--p", "6", "--method", "heuristic"]);
    let best = num(&exact, "objective");
    assert!(num(&h, "objective") >= best - 1e-6);
    assert!(
        num(&h, "bound") <= best + 1e-6,
        "the bound is a lower bound"
    );
}

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
    assert!(num(&v, "bound") <= num(&v, "objective") + 1e-9);
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
