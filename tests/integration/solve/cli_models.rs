//! Every model through `mobile-stops solve` on the embedded data against the textbook MIP (an
//! independent solver), the benchmark flags against published optima, thread-count
//! independence, and an honest bound from the heuristic.

use super::{close, num, optimum, solve_json};
use crate::helpers::{bench_arg as bench, fixture, run, stderr};
use serde_json::Value;

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
