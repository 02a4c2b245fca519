//! The exact covering solvers against the published benchmarks: SJC MCLP and LSCP values and
//! OR-Library p-center optima, read from the CSVs in `../shared/benchmarks`, and required and
//! excluded sites on SJC324.

use super::assert_proven;
use crate::helpers::*;
use mobile_stops::benchmarks::read_pmed;
use mobile_stops::solve::cover::{lscp, mclp, mclp_heuristic, pcenter};
use mobile_stops::solve::{Limits, SiteRules, Status};

// ---------------------------------------------------------------- SJC

#[test]
fn sjc324_and_sjc402_mclp_optima_for_every_listed_p() {
    let _turn = share_machine();
    let rows = csv_rows("mclp-sjc-lorena/mclp_computed_optima.csv");
    for name in ["SJC324", "SJC402"] {
        let inst = sjc(name);
        for radius in [800.0, 1200.0] {
            let cover = inst.coverage(radius);
            let mut listed = 0;
            for r in rows
                .iter()
                .filter(|r| r[0] == name && r[3].parse::<f64>().unwrap() == radius)
            {
                let p: usize = r[2].parse().unwrap();
                let optimum: f64 = r[4].parse().unwrap();
                let o = mclp(
                    &cover,
                    &inst.demand,
                    &SiteRules::open(inst.n, p),
                    &Limits::default(),
                );
                assert_proven(&o, optimum, &format!("{name} r={radius} p={p}"));
                assert_eq!(o.open.len(), p);
                listed += 1;
            }
            assert!(listed >= 3, "{name} r={radius}: csv rows missing");
            // Beyond the LSCP minimum every point is reachable: the optimum is the total.
            for p in [10, 25, 50] {
                let o = mclp(
                    &cover,
                    &inst.demand,
                    &SiteRules::open(inst.n, p),
                    &Limits::default(),
                );
                assert_proven(&o, inst.total_demand(), &format!("{name} r={radius} p={p}"));
                assert_eq!(o.open.len(), p);
            }
        }
    }
}

#[test]
fn lscp_minima_of_all_five_sjc_files() {
    let _turn = share_machine();
    let rows = csv_rows("mclp-sjc-lorena/lscp_computed_optima.csv");
    assert_eq!(rows.len(), 10);
    for r in &rows {
        let inst = sjc(&r[0]);
        let radius: f64 = r[2].parse().unwrap();
        let minimum: f64 = r[3].parse().unwrap();
        let cover = inst.coverage(radius);
        let o = lscp(&cover, &SiteRules::open(inst.n, 0), &Limits::default());
        assert_proven(&o, minimum, &format!("{} r={radius}", r[0]));
        assert!(o.note.is_none());
        // The plan really covers every point.
        let mut seen = vec![false; inst.n];
        for &j in &o.open {
            for &i in cover.points_of(j) {
                seen[i as usize] = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
    }
}

// ---------------------------------------------------------------- OR-Library p-center

#[test]
fn pcenter_optima_pmed1_to_pmed10() {
    let _turn = share_machine();
    let rows = csv_rows("orlib-pmed/pcenter_optima.csv");
    for r in rows.iter().take(10) {
        let rel = format!("orlib-pmed/instances/{}.txt", r[0]);
        let inst = read_pmed(&rel, &text(&rel)).unwrap();
        let p: usize = r[2].parse().unwrap();
        assert_eq!(p, inst.p);
        let optimum: f64 = r[3].parse().unwrap();
        let o = pcenter(
            &inst.problem(),
            &SiteRules::open(inst.n, p),
            &Limits::default(),
        );
        assert_proven(&o, optimum, &r[0]);
        assert_eq!(o.open.len(), p);
    }
}

#[test]
fn required_and_excluded_sites_are_honoured_on_sjc() {
    let _turn = share_machine();
    let inst = sjc("SJC324");
    let cover = inst.coverage(800.0);
    let mut rules = SiteRules::open(inst.n, 4);
    rules.required = vec![7, 100];
    for j in (0..inst.n).step_by(3) {
        rules.allowed[j] = false;
    }
    rules.allowed[7] = true;
    let o = mclp(&cover, &inst.demand, &rules, &Limits::default());
    assert_eq!(o.status, Status::Optimal);
    assert!(o.open.contains(&7) && o.open.contains(&100));
    assert!(o.open.iter().all(|&j| rules.allowed[j]));
    // The exact answer is at least the heuristic's and at most the unconstrained optimum.
    let h = mclp_heuristic(&cover, &inst.demand, &rules, &Limits::default());
    assert!(h.objective <= o.objective && h.bound >= o.objective);
    let free = mclp(
        &cover,
        &inst.demand,
        &SiteRules::open(inst.n, 4),
        &Limits::default(),
    );
    assert!(o.objective <= free.objective);
    let l = lscp(&cover, &rules, &Limits::default());
    assert_eq!(l.status, Status::Optimal);
    assert!(l.open.contains(&7) && l.open.iter().all(|&j| rules.allowed[j]));
    assert!(l.objective >= 5.0);
}
