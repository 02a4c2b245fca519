//! The exact covering solvers against the published benchmarks (SJC MCLP/LSCP values,
//! OR-Library p-center optima, read from the CSVs in `../shared/benchmarks`) and against
//! brute force on seeded random instances small enough to enumerate every site set.

mod common;
use common::*;

use mobile_stops::bench::read_pmed;
use mobile_stops::solve::cover::{
    lscp, mclp, mclp_capacitated, mclp_heuristic, pcenter, uncoverable,
};
use mobile_stops::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};
use mobile_stops::Coverage;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

fn assert_proven(o: &Outcome, expected: f64, what: &str) {
    assert_eq!(o.status, Status::Optimal, "{what}: {o:?}");
    assert_eq!(o.objective, expected, "{what}: {o:?}");
    assert_eq!(o.bound, expected, "{what}: {o:?}");
}

// ---------------------------------------------------------------- SJC

#[test]
fn sjc324_and_sjc402_mclp_optima_for_every_listed_p() {
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

// ---------------------------------------------------------------- brute force

/// A random small instance: `n` points in a 100 × 100 square, `m` sites among them.
struct Small {
    dist: Vec<Vec<f64>>, // [site][point], whole numbers
    weight: Vec<f64>,
    capacity: Vec<f64>,
    rules: SiteRules,
    radius: f64,
}

impl Small {
    fn new(rng: &mut ChaCha8Rng) -> Small {
        let n = rng.gen_range(1..=25);
        let m = rng.gen_range(1..=12);
        let pts: Vec<(f64, f64)> = (0..n)
            .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
            .collect();
        let sites: Vec<(f64, f64)> = (0..m)
            .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
            .collect();
        let dist = sites
            .iter()
            .map(|s| {
                pts.iter()
                    .map(|q| ((s.0 - q.0).hypot(s.1 - q.1) / 4.0).round())
                    .collect()
            })
            .collect();
        let weight = (0..n)
            .map(|_| {
                if rng.gen_bool(0.15) {
                    0.0
                } else {
                    f64::from(rng.gen_range(1u32..20))
                }
            })
            .collect();
        let capacity = (0..m).map(|_| f64::from(rng.gen_range(0u32..60))).collect();
        let allowed: Vec<bool> = (0..m).map(|_| rng.gen_bool(0.85)).collect();
        let required: Vec<usize> = (0..m)
            .filter(|&j| allowed[j] && rng.gen_bool(0.12))
            .collect();
        let p = rng.gen_range(0..=m.min(6));
        Small {
            dist,
            weight,
            capacity,
            rules: SiteRules {
                p,
                required,
                allowed,
            },
            radius: f64::from(rng.gen_range(2u32..12)),
        }
    }

    fn cover(&self) -> Coverage {
        Coverage::from_lists(
            self.radius,
            self.dist
                .iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .filter(|(_, &d)| d <= self.radius)
                        .map(|(i, &d)| (i, d))
                        .collect()
                })
                .collect(),
        )
    }

    fn points(&self) -> usize {
        self.weight.len()
    }

    fn problem(&self) -> DistanceProblem {
        let (n, m) = (self.points(), self.dist.len());
        DistanceProblem {
            clients: n,
            sites: m,
            dist: (0..n)
                .flat_map(|i| (0..m).map(move |j| (i, j)))
                .map(|(i, j)| self.dist[j][i])
                .collect(),
            weight: self.weight.clone(),
        }
    }

    /// Every site set the rules admit (allowed, required included), as bit masks.
    fn sets(&self) -> impl Iterator<Item = u32> + '_ {
        let m = self.dist.len();
        (0u32..1 << m).filter(move |&s| {
            (0..m).all(|j| s & (1 << j) == 0 || self.rules.allowed[j])
                && self.rules.required.iter().all(|&j| s & (1 << j) != 0)
        })
    }

    fn covered(&self, set: u32, i: usize) -> bool {
        (0..self.dist.len()).any(|j| set & (1 << j) != 0 && self.dist[j][i] <= self.radius)
    }

    fn coverage_value(&self, set: u32) -> f64 {
        (0..self.points())
            .filter(|&i| self.covered(set, i))
            .map(|i| self.weight[i])
            .sum()
    }

    /// Served weight with capacities: integer max flow by augmenting paths (weights and
    /// capacities are whole numbers here), independent of the solver's own flow code.
    fn served(&self, set: u32) -> f64 {
        let (n, m) = (self.points(), self.dist.len());
        let mut left: Vec<i64> = self.weight.iter().map(|&w| w as i64).collect();
        let mut cap: Vec<i64> = (0..m)
            .map(|j| {
                if set & (1 << j) != 0 {
                    self.capacity[j] as i64
                } else {
                    0
                }
            })
            .collect();
        // flow[j][i]: units of point i served by site j
        let mut flow = vec![vec![0i64; n]; m];
        let mut total = 0;
        loop {
            // BFS over points from those with weight left, alternating via site edges.
            // Node ids: points 0..n, sites n..n+m.
            let mut prev = vec![usize::MAX; n + m];
            let mut queue: std::collections::VecDeque<usize> = (0..n)
                .filter(|&i| left[i] > 0)
                .inspect(|&i| prev[i] = i)
                .collect();
            let mut end = None;
            while let Some(v) = queue.pop_front() {
                if v < n {
                    for j in 0..m {
                        if set & (1 << j) != 0
                            && self.dist[j][v] <= self.radius
                            && prev[n + j] == usize::MAX
                        {
                            prev[n + j] = v;
                            if cap[j] > 0 {
                                end = Some(j);
                                break;
                            }
                            queue.push_back(n + j);
                        }
                    }
                    if end.is_some() {
                        break;
                    }
                } else {
                    let j = v - n;
                    for i in 0..n {
                        if flow[j][i] > 0 && prev[i] == usize::MAX {
                            prev[i] = v;
                            queue.push_back(i);
                        }
                    }
                }
            }
            let Some(j) = end else { break };
            // Push one unit along the path (all data are small integers).
            let mut site = j;
            cap[j] -= 1;
            loop {
                let i = prev[n + site];
                flow[site][i] += 1;
                if prev[i] == i {
                    left[i] -= 1;
                    break;
                }
                let back = prev[i] - n;
                flow[back][i] -= 1;
                site = back;
            }
            total += 1;
        }
        total as f64
    }
}

fn exactly_p(small: &Small) -> Vec<u32> {
    small
        .sets()
        .filter(|s| s.count_ones() as usize == small.rules.p)
        .collect()
}

#[test]
fn mclp_and_heuristic_match_brute_force() {
    let mut rng = ChaCha8Rng::seed_from_u64(101);
    for case in 0..1000 {
        let s = Small::new(&mut rng);
        let cover = s.cover();
        let o = mclp(&cover, &s.weight, &s.rules, &Limits::default());
        let h = mclp_heuristic(&cover, &s.weight, &s.rules, &Limits::new(None, case));
        let best = exactly_p(&s)
            .into_iter()
            .map(|set| s.coverage_value(set))
            .max_by(f64::total_cmp);
        match best {
            None => {
                assert_eq!(o.status, Status::Infeasible, "case {case}");
                assert_eq!(h.status, Status::Infeasible, "case {case}");
            }
            Some(v) => {
                assert_proven(&o, v, &format!("case {case}"));
                check_plan(&s, &o.open);
                assert_eq!(s.coverage_value(mask(&o.open)), v);
                // Optimal only when the reductions alone settle the problem.
                assert!(h.status == Status::Heuristic || h.objective == v, "{h:?}");
                check_plan(&s, &h.open);
                assert!(
                    h.objective <= v && h.bound >= v,
                    "case {case}: {h:?} vs {v}"
                );
                assert_eq!(s.coverage_value(mask(&h.open)), h.objective);
            }
        }
    }
}

fn mask(open: &[usize]) -> u32 {
    open.iter().fold(0, |m, &j| m | 1 << j)
}

/// Exactly p distinct, allowed sites with the required ones.
fn check_plan(s: &Small, open: &[usize]) {
    assert_eq!(open.len(), s.rules.p);
    assert!(open.windows(2).all(|w| w[0] < w[1]));
    assert!(open.iter().all(|&j| s.rules.allowed[j]));
    assert!(s.rules.required.iter().all(|r| open.contains(r)));
}

#[test]
fn lscp_matches_brute_force() {
    let mut rng = ChaCha8Rng::seed_from_u64(202);
    for case in 0..1000 {
        let s = Small::new(&mut rng);
        let cover = s.cover();
        let o = lscp(&cover, &s.rules, &Limits::default());
        let lost = uncoverable(&cover, &s.rules);
        let all_allowed = mask(
            &(0..s.dist.len())
                .filter(|&j| s.rules.allowed[j])
                .collect::<Vec<_>>(),
        );
        let coverable: Vec<usize> = (0..s.points())
            .filter(|&i| s.covered(all_allowed, i))
            .collect();
        // `uncoverable` talks about points up to the last one any list mentions.
        let known = (0..s.points())
            .filter(|&i| s.dist.iter().any(|row| row[i] <= s.radius))
            .max()
            .map_or(0, |i| i + 1);
        let expect_lost: Vec<usize> = (0..known).filter(|i| !coverable.contains(i)).collect();
        assert_eq!(lost, expect_lost, "case {case}");
        let best = s
            .sets()
            .filter(|&set| coverable.iter().all(|&i| s.covered(set, i)))
            .map(|set| set.count_ones())
            .min()
            .unwrap();
        assert_proven(&o, f64::from(best), &format!("case {case}"));
        let got = mask(&o.open);
        assert!(coverable.iter().all(|&i| s.covered(got, i)), "case {case}");
        assert!(s.rules.required.iter().all(|r| o.open.contains(r)));
        assert!(o.open.iter().all(|&j| s.rules.allowed[j]));
        assert_eq!(o.note.is_some(), !lost.is_empty());
    }
}

#[test]
fn pcenter_matches_brute_force() {
    let mut rng = ChaCha8Rng::seed_from_u64(303);
    for case in 0..1000 {
        let s = Small::new(&mut rng);
        let problem = s.problem();
        let o = pcenter(&problem, &s.rules, &Limits::default());
        let clients: Vec<usize> = (0..s.points()).filter(|&i| s.weight[i] > 0.0).collect();
        let radius = |set: u32| {
            clients
                .iter()
                .map(|&i| {
                    (0..s.dist.len())
                        .filter(|&j| set & (1 << j) != 0)
                        .map(|j| s.dist[j][i])
                        .fold(f64::INFINITY, f64::min)
                })
                .fold(0.0, f64::max)
        };
        let best = exactly_p(&s)
            .into_iter()
            .map(radius)
            .filter(|r| r.is_finite())
            .min_by(f64::total_cmp);
        match best {
            None => assert_eq!(o.status, Status::Infeasible, "case {case}: {o:?}"),
            Some(v) => {
                assert_proven(&o, v, &format!("case {case}"));
                check_plan(&s, &o.open);
                assert_eq!(radius(mask(&o.open)), v);
            }
        }
    }
}

#[test]
fn capacitated_mclp_matches_brute_force() {
    let mut rng = ChaCha8Rng::seed_from_u64(404);
    for case in 0..500 {
        let s = Small::new(&mut rng);
        let cover = s.cover();
        let o = mclp_capacitated(&cover, &s.weight, &s.capacity, &s.rules, &Limits::default());
        let best = exactly_p(&s)
            .into_iter()
            .map(|set| s.served(set))
            .max_by(f64::total_cmp);
        match best {
            None => assert_eq!(o.status, Status::Infeasible, "case {case}"),
            Some(v) => {
                assert_eq!(o.status, Status::Optimal, "case {case}");
                assert!((o.objective - v).abs() < 1e-6, "case {case}: {o:?} vs {v}");
                assert!((o.bound - v).abs() < 1e-6, "case {case}: {o:?} vs {v}");
                check_plan(&s, &o.open);
                assert!((s.served(mask(&o.open)) - v).abs() < 1e-6);
            }
        }
    }
}

// ---------------------------------------------------------------- threads, deadlines, edges

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
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

#[test]
fn required_and_excluded_sites_are_honoured_on_sjc() {
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
