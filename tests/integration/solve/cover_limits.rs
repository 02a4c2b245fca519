//! The covering solvers at their limits: the same answer on one and two threads, tiny time
//! limits that never claim a wrong optimum, and degenerate inputs that do not panic.

use crate::helpers::*;
use mobile_stops::benchmarks::read_pmed;
use mobile_stops::solve::cover::{lscp, mclp, mclp_capacitated, mclp_heuristic, pcenter};
use mobile_stops::solve::{DistanceProblem, Limits, SiteRules, Status};
use mobile_stops::Coverage;
use std::time::{Duration, Instant};

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let _turn = share_machine();
    let inst = sjc("SJC402");
    let cover = inst.coverage(800.0);
    let run = |k: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(k)
            .build()
            .unwrap()
            .install(|| {
                let rules = SiteRules::open(inst.n, 4);
                (
                    mclp_heuristic(&cover, &inst.demand, &rules, &Limits::new(None, 9)),
                    mclp(&cover, &inst.demand, &rules, &Limits::default()),
                )
            })
    };
    assert_eq!(run(1), run(2));
}

#[test]
fn a_tiny_time_limit_never_claims_a_wrong_optimum() {
    let _turn = share_machine();
    let inst = sjc("SJC818");
    let cover = inst.coverage(800.0);
    let optimum: f64 = csv_rows("mclp-sjc-lorena/mclp_computed_optima.csv")
        .iter()
        .find(|r| r[0] == "SJC818" && r[2] == "9" && r[3] == "800")
        .map(|r| r[4].parse().unwrap())
        .unwrap();
    let minimum: f64 = csv_rows("mclp-sjc-lorena/lscp_computed_optima.csv")
        .iter()
        .find(|r| r[0] == "SJC818" && r[2] == "800")
        .map(|r| r[3].parse().unwrap())
        .unwrap();
    for micros in [0, 200, 2_000, 20_000] {
        let limits = Limits::new(Some(Duration::from_micros(micros)), 1);
        let o = mclp(&cover, &inst.demand, &SiteRules::open(inst.n, 9), &limits);
        assert!(
            o.objective <= optimum && o.bound >= optimum,
            "{micros} µs: {o:?}"
        );
        assert_eq!(o.open.len(), 9);
        if o.status == Status::Optimal {
            assert_eq!(o.objective, optimum);
        } else {
            assert_eq!(o.status, Status::TimeLimit);
        }
        let l = lscp(&cover, &SiteRules::open(inst.n, 0), &limits);
        assert!(
            l.objective >= minimum && l.bound <= minimum,
            "{micros} µs: {l:?}"
        );
        assert!(l.status == Status::Optimal || l.status == Status::TimeLimit);
    }
    let rel = "orlib-pmed/instances/pmed26.txt";
    let pm = read_pmed(rel, &text(rel)).unwrap();
    let radius: f64 = csv_rows("orlib-pmed/pcenter_optima.csv")
        .iter()
        .find(|r| r[0] == "pmed26")
        .map(|r| r[3].parse().unwrap())
        .unwrap();
    let started = Instant::now();
    let o = pcenter(
        &pm.problem(),
        &SiteRules::open(pm.n, pm.p),
        &Limits::new(Some(Duration::ZERO), 1),
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(o.objective >= radius && o.bound <= radius, "{o:?}");
    assert_eq!(o.open.len(), pm.p);
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let _turn = share_machine();
    let empty = Coverage::from_lists(1.0, vec![]);
    let none = SiteRules::open(0, 0);
    assert_eq!(lscp(&empty, &none, &Limits::default()).objective, 0.0);
    assert_eq!(
        mclp(&empty, &[], &none, &Limits::default()).status,
        Status::Optimal
    );
    assert_eq!(
        mclp(&empty, &[], &SiteRules::open(0, 1), &Limits::default()).status,
        Status::Infeasible
    );
    let cover = Coverage::from_lists(1.0, vec![vec![(0, 0.0), (1, 0.5)], vec![(1, 0.0)]]);
    // p = 0, weights all zero, short weights, NaN weights, wrong rule sizes, bad required.
    let o = mclp(
        &cover,
        &[1.0, 1.0],
        &SiteRules::open(2, 0),
        &Limits::default(),
    );
    assert_eq!((o.status, o.objective), (Status::Optimal, 0.0));
    let o = mclp(
        &cover,
        &[0.0, 0.0],
        &SiteRules::open(2, 1),
        &Limits::default(),
    );
    assert_eq!(
        (o.status, o.objective, o.open.len()),
        (Status::Optimal, 0.0, 1)
    );
    let o = mclp_heuristic(
        &cover,
        &[0.0, 0.0],
        &SiteRules::open(2, 2),
        &Limits::default(),
    );
    assert_eq!(o.open, vec![0, 1]);
    for bad in [&[1.0][..], &[f64::NAN, 1.0], &[-1.0, 1.0]] {
        assert_eq!(
            mclp(&cover, bad, &SiteRules::open(2, 1), &Limits::default()).status,
            Status::Infeasible
        );
    }
    assert_eq!(
        mclp(
            &cover,
            &[1.0, 1.0],
            &SiteRules::open(3, 1),
            &Limits::default()
        )
        .status,
        Status::Infeasible
    );
    let bad_required = SiteRules {
        p: 1,
        required: vec![5],
        allowed: vec![true, true],
    };
    assert_eq!(
        lscp(&cover, &bad_required, &Limits::default()).status,
        Status::Infeasible
    );
    let o = mclp_capacitated(
        &cover,
        &[1.0, 1.0],
        &[1.0],
        &SiteRules::open(2, 1),
        &Limits::default(),
    );
    assert_eq!(o.status, Status::Infeasible);
    // p-center: no clients, p = 0, malformed matrices.
    let problem = DistanceProblem {
        clients: 2,
        sites: 2,
        dist: vec![0.0, 1.0, 1.0, 0.0],
        weight: vec![0.0, 0.0],
    };
    assert_eq!(
        pcenter(&problem, &SiteRules::open(2, 1), &Limits::default()).objective,
        0.0
    );
    let weighted = DistanceProblem {
        weight: vec![1.0, 1.0],
        ..problem.clone()
    };
    assert_eq!(
        pcenter(&weighted, &SiteRules::open(2, 0), &Limits::default()).status,
        Status::Infeasible
    );
    let broken = DistanceProblem {
        dist: vec![0.0],
        ..weighted.clone()
    };
    assert_eq!(
        pcenter(&broken, &SiteRules::open(2, 1), &Limits::default()).status,
        Status::Infeasible
    );
    let o = pcenter(&weighted, &SiteRules::open(2, 2), &Limits::default());
    assert_eq!((o.objective, o.open.clone()), (0.0, vec![0, 1]));
}
