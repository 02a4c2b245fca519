//! The p-median solvers against the OR-Library optima (pmed1–10, the capacitated n = 50
//! problems), the same answer on one and two threads, and tiny time limits that never claim a
//! false optimum.

use super::{check_outcome, cpmp_optimum, pmed_optimum};
use crate::helpers::*;
use mobile_stops::solve::median;
use mobile_stops::solve::{Limits, Outcome, SiteRules, Status};
use std::time::Duration;

#[test]
fn pmed1_to_10_reach_and_prove_the_published_optimum() {
    let _turn = share_machine();
    for k in 1..=10 {
        let inst = pmed(k);
        let problem = inst.problem();
        let rules = SiteRules::open(inst.n, inst.p);
        let out = median::solve(&problem, &rules, &Limits::default());
        check_outcome(&problem, &rules, &out);
        assert_eq!(out.status, Status::Optimal, "pmed{k}");
        assert_eq!(out.objective, pmed_optimum(k), "pmed{k}");
        assert_eq!(out.bound, out.objective, "pmed{k}");
    }
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let _turn = share_machine();
    let run = |threads: usize, f: &(dyn Fn() -> Outcome + Sync)| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(f)
    };
    let inst = pmed(16);
    let problem = inst.problem();
    let rules = SiteRules::open(inst.n, inst.p);
    let exact = || median::solve(&problem, &rules, &Limits::default());
    let heur = || median::heuristic(&problem, &rules, &Limits::new(None, 7));
    assert_eq!(run(1, &exact), run(2, &exact));
    assert_eq!(run(1, &heur), run(2, &heur));
    let big = pmed(20); // p = 133: sparse scans
    let problem = big.problem();
    let rules = SiteRules::open(big.n, big.p);
    let heur = || median::heuristic(&problem, &rules, &Limits::new(None, 3));
    assert_eq!(run(1, &heur), run(2, &heur));
    let c = cpmp(3);
    let cap = || {
        median::solve_capacitated(
            &c.problem(),
            &c.demands(),
            &c.capacities(),
            &SiteRules::open(c.n, c.p),
            &Limits::default(),
        )
    };
    assert_eq!(run(1, &cap), run(2, &cap));
}

#[test]
fn a_tiny_time_limit_never_claims_a_false_optimum() {
    let _turn = share_machine();
    for (k, limit) in [(15, 0), (36, 5), (39, 30)] {
        let inst = pmed(k);
        let problem = inst.problem();
        let rules = SiteRules::open(inst.n, inst.p);
        let opt = pmed_optimum(k);
        let out = median::solve(
            &problem,
            &rules,
            &Limits::new(Some(Duration::from_millis(limit)), 1),
        );
        check_outcome(&problem, &rules, &out);
        match out.status {
            Status::Optimal => assert_eq!(out.objective, opt, "pmed{k}"),
            Status::TimeLimit => {
                assert!(out.bound <= opt && opt <= out.objective, "pmed{k}: {out:?}")
            }
            s => panic!("pmed{k}: {s:?}"),
        }
        let heur = median::heuristic(
            &problem,
            &rules,
            &Limits::new(Some(Duration::from_millis(limit)), 1),
        );
        check_outcome(&problem, &rules, &heur);
        assert!(
            heur.bound <= opt && opt <= heur.objective,
            "pmed{k}: {heur:?}"
        );
    }
    let c = cpmp(20);
    let opt = cpmp_optimum(20);
    let out = median::solve_capacitated(
        &c.problem(),
        &c.demands(),
        &c.capacities(),
        &SiteRules::open(c.n, c.p),
        &Limits::new(Some(Duration::from_millis(300)), 1),
    );
    assert_eq!(out.status, Status::TimeLimit, "{out:?}");
    assert!(
        out.bound <= opt && (out.open.is_empty() || opt <= out.objective),
        "{out:?}"
    );
}

#[test]
fn pmedcap_n50_instances_reach_and_prove_the_published_optimum() {
    let _turn = share_machine();
    for k in 1..=10 {
        let c = cpmp(k);
        let (out, site) = median::solve_capacitated_plan(
            &c.problem(),
            &c.demands(),
            &c.capacities(),
            &SiteRules::open(c.n, c.p),
            &Limits::default(),
        );
        assert_eq!(out.status, Status::Optimal, "cpmp{k:02}");
        assert_eq!(out.objective, cpmp_optimum(k), "cpmp{k:02}");
        let mut load = vec![0u64; c.n];
        for (i, &j) in site.iter().enumerate() {
            load[j] += c.demand[i];
        }
        assert!(load.iter().all(|&l| l <= c.capacity), "cpmp{k:02}");
    }
}
