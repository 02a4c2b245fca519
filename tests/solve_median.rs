//! p-median solvers against the OR-Library optima, brute force on small random instances,
//! site rules, thread-count independence and time limits.

mod common;
use common::*;

use mobile_stops::solve::median;
use mobile_stops::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Duration;

/// `instance -> optimum` from a benchmark `optima.csv`.
fn optima(rel: &str) -> Vec<(String, f64)> {
    text(rel)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[3].parse().unwrap())
        })
        .collect()
}

fn pmed_optimum(k: usize) -> f64 {
    let opt = optima("orlib-pmed/optima.csv");
    let (name, v) = &opt[k - 1];
    assert_eq!(name, &format!("pmed{k}"));
    *v
}

fn cpmp_optimum(k: usize) -> f64 {
    let opt = optima("orlib-cpmp-osman-christofides/optima.csv");
    let (name, v) = &opt[k - 1];
    assert_eq!(name, &format!("cpmp{k:02}"));
    *v
}

/// The p-median objective of `open`, computed here independently of the solver.
fn pmedian_cost(problem: &DistanceProblem, open: &[usize]) -> f64 {
    (0..problem.clients)
        .map(|i| {
            open.iter()
                .map(|&j| problem.weight[i] * problem.dist(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .sum()
}

/// Checks what every feasible outcome must satisfy.
fn check_outcome(problem: &DistanceProblem, rules: &SiteRules, out: &Outcome) {
    assert_eq!(out.open.len(), rules.p, "{out:?}");
    assert!(
        out.open.windows(2).all(|w| w[0] < w[1]),
        "ascending: {out:?}"
    );
    assert!(
        out.open.iter().all(|&j| rules.allowed[j]),
        "allowed: {out:?}"
    );
    assert!(
        rules.required.iter().all(|j| out.open.contains(j)),
        "required: {out:?}"
    );
    let cost = pmedian_cost(problem, &out.open);
    assert!(
        (cost - out.objective).abs() <= 1e-9 * cost.abs().max(1.0),
        "{cost} vs {out:?}"
    );
    assert!(
        out.bound <= out.objective + 1e-9 * cost.abs().max(1.0),
        "{out:?}"
    );
}

#[test]
fn pmed1_to_10_reach_and_prove_the_published_optimum() {
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

/// A random instance: `n` clients, `m` sites, integral or fractional data, and random rules.
fn random_instance(
    rng: &mut ChaCha8Rng,
    n: usize,
    m: usize,
    integral: bool,
) -> (DistanceProblem, SiteRules) {
    let pts: Vec<(f64, f64)> = (0..n + m)
        .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
        .collect();
    let mut dist = Vec::with_capacity(n * m);
    for i in 0..n {
        for j in 0..m {
            let (a, b) = (pts[i], pts[n + j]);
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            dist.push(if integral { d.floor() } else { d });
        }
    }
    let weight: Vec<f64> = (0..n)
        .map(|_| {
            if rng.gen_bool(0.1) {
                0.0
            } else if integral {
                rng.gen_range(1..5) as f64
            } else {
                rng.gen_range(0.5..3.0)
            }
        })
        .collect();
    let mut allowed: Vec<bool> = (0..m).map(|_| rng.gen_bool(0.8)).collect();
    let count = allowed.iter().filter(|&&a| a).count();
    if count == 0 {
        allowed[0] = true;
    }
    let count = allowed.iter().filter(|&&a| a).count();
    let p = rng.gen_range(1..=count.min(4));
    let mut required = Vec::new();
    if rng.gen_bool(0.4) {
        let j = (0..m)
            .filter(|&j| allowed[j])
            .nth(rng.gen_range(0..count))
            .unwrap();
        required.push(j);
    }
    let problem = DistanceProblem {
        clients: n,
        sites: m,
        dist,
        weight,
    };
    (
        problem,
        SiteRules {
            p,
            required,
            allowed,
        },
    )
}

/// Every feasible open set of size p: the least objective.
fn brute_pmedian(problem: &DistanceProblem, rules: &SiteRules) -> f64 {
    let m = problem.sites;
    let mut best = f64::INFINITY;
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize != rules.p {
            continue;
        }
        let open: Vec<usize> = (0..m).filter(|&j| mask >> j & 1 == 1).collect();
        if open.iter().any(|&j| !rules.allowed[j])
            || rules.required.iter().any(|j| !open.contains(j))
        {
            continue;
        }
        best = best.min(pmedian_cost(problem, &open));
    }
    best
}

#[test]
fn exact_and_heuristic_agree_with_brute_force_on_small_random_instances() {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    for case in 0..150 {
        let n = rng.gen_range(1..=12);
        let m = rng.gen_range(1..=12);
        let (problem, rules) = random_instance(&mut rng, n, m, case % 2 == 0);
        let opt = brute_pmedian(&problem, &rules);
        let tol = 1e-9 * opt.abs().max(1.0);
        let exact = median::solve(&problem, &rules, &Limits::default());
        assert_eq!(exact.status, Status::Optimal, "case {case}: {exact:?}");
        check_outcome(&problem, &rules, &exact);
        assert!(
            (exact.objective - opt).abs() <= tol,
            "case {case}: {opt} vs {exact:?}"
        );
        let heur = median::heuristic(&problem, &rules, &Limits::new(None, case));
        assert_eq!(heur.status, Status::Heuristic);
        check_outcome(&problem, &rules, &heur);
        assert!(
            heur.objective >= opt - tol,
            "case {case}: {opt} vs {heur:?}"
        );
        assert!(
            heur.bound <= opt + tol,
            "case {case}: bound above optimum {opt}: {heur:?}"
        );
    }
}

#[test]
fn required_and_excluded_sites_are_honoured_on_pmed() {
    let inst = pmed(2);
    let problem = inst.problem();
    let free = median::solve(
        &problem,
        &SiteRules::open(inst.n, inst.p),
        &Limits::default(),
    );
    // Exclude the optimal sites and require one far from them.
    let mut rules = SiteRules::open(inst.n, inst.p);
    for &j in &free.open[..3] {
        rules.allowed[j] = false;
    }
    let far = (0..inst.n)
        .filter(|&j| rules.allowed[j])
        .max_by_key(|&j| free.open.iter().map(|&o| inst.dist(j, o)).min().unwrap())
        .unwrap();
    rules.required = vec![far];
    for solver in [median::solve, median::heuristic] {
        let out = solver(&problem, &rules, &Limits::default());
        check_outcome(&problem, &rules, &out);
        assert!(out.objective > free.objective);
    }
    let out = median::solve(&problem, &rules, &Limits::default());
    assert_eq!(out.status, Status::Optimal);
}

#[test]
fn impossible_rules_and_bad_input_are_infeasible_not_panics() {
    let problem = pmed(1).problem();
    let n = problem.sites;
    let cases: Vec<(DistanceProblem, SiteRules)> = vec![
        (
            problem.clone(),
            SiteRules {
                p: 2,
                required: vec![1, 2, 3],
                allowed: vec![true; n],
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 3,
                required: vec![],
                allowed: (0..n).map(|j| j < 2).collect(),
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 0,
                required: vec![],
                allowed: vec![true; n],
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 2,
                required: vec![n + 5],
                allowed: vec![true; n],
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 2,
                required: vec![],
                allowed: vec![true; n - 1],
            },
        ),
        (
            DistanceProblem {
                dist: vec![f64::NAN; n * n],
                ..problem.clone()
            },
            SiteRules::open(n, 2),
        ),
        (
            DistanceProblem {
                weight: vec![1.0; 3],
                ..problem.clone()
            },
            SiteRules::open(n, 2),
        ),
    ];
    for (k, (problem, rules)) in cases.iter().enumerate() {
        for out in [
            median::solve(problem, rules, &Limits::default()),
            median::heuristic(problem, rules, &Limits::default()),
            median::solve_capacitated(
                problem,
                &vec![1.0; problem.clients.min(100)],
                &vec![100.0; n],
                rules,
                &Limits::default(),
            ),
        ] {
            assert_eq!(out.status, Status::Infeasible, "case {k}: {out:?}");
            assert!(out.note.is_some());
        }
    }
}

#[test]
fn empty_and_trivial_instances_have_trivial_answers() {
    let none = DistanceProblem {
        clients: 0,
        sites: 3,
        dist: vec![],
        weight: vec![],
    };
    for out in [
        median::solve(&none, &SiteRules::open(3, 2), &Limits::default()),
        median::solve_capacitated(
            &none,
            &[],
            &[1.0; 3],
            &SiteRules::open(3, 2),
            &Limits::default(),
        ),
    ] {
        assert_eq!(out.status, Status::Optimal, "{out:?}");
        assert_eq!(out.open, vec![0, 1]);
        let heur = median::heuristic(&none, &SiteRules::open(3, 2), &Limits::default());
        assert_eq!(
            (heur.status, heur.objective, heur.bound),
            (Status::Heuristic, 0.0, 0.0)
        );
        assert_eq!(out.objective, 0.0);
    }
    let nobody = DistanceProblem {
        clients: 0,
        sites: 0,
        dist: vec![],
        weight: vec![],
    };
    let out = median::solve(&nobody, &SiteRules::open(0, 0), &Limits::default());
    assert_eq!((out.status, out.open.len()), (Status::Optimal, 0));
    // Weightless clients and p = 0: nothing to pay.
    let light = DistanceProblem {
        clients: 2,
        sites: 2,
        dist: vec![1.0; 4],
        weight: vec![0.0; 2],
    };
    let out = median::solve(&light, &SiteRules::open(2, 0), &Limits::default());
    assert_eq!((out.status, out.objective), (Status::Optimal, 0.0));
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
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

/// Brute force for the capacitated model: every open set, every assignment.
fn brute_capacitated(
    problem: &DistanceProblem,
    demand: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
) -> f64 {
    let (n, m) = (problem.clients, problem.sites);
    let mut best = f64::INFINITY;
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize != rules.p {
            continue;
        }
        let open: Vec<usize> = (0..m).filter(|&j| mask >> j & 1 == 1).collect();
        if open.iter().any(|&j| !rules.allowed[j])
            || rules.required.iter().any(|j| !open.contains(j))
        {
            continue;
        }
        let mut choice = vec![0usize; n];
        loop {
            let mut load = vec![0.0; m];
            let mut cost = 0.0;
            for i in 0..n {
                let j = open[choice[i]];
                load[j] += demand[i];
                cost += problem.weight[i] * problem.dist(i, j);
            }
            if open.iter().all(|&j| load[j] <= capacity[j]) {
                best = best.min(cost);
            }
            // Next assignment (odometer).
            let mut i = 0;
            while i < n && choice[i] + 1 == open.len() {
                choice[i] = 0;
                i += 1;
            }
            if i == n {
                break;
            }
            choice[i] += 1;
        }
    }
    best
}

#[test]
fn capacitated_agrees_with_brute_force_on_tiny_random_instances() {
    let mut rng = ChaCha8Rng::seed_from_u64(77);
    let mut infeasible = 0;
    for case in 0..240 {
        let n = rng.gen_range(1..=7);
        let m = rng.gen_range(1..=5);
        let (problem, rules) = random_instance(&mut rng, n, m, case % 2 == 0);
        let demand: Vec<f64> = (0..n)
            .map(|_| {
                if case % 2 == 1 {
                    rng.gen_range(0.5..4.0)
                } else {
                    rng.gen_range(0..5) as f64
                }
            })
            .collect();
        let capacity: Vec<f64> = (0..m).map(|_| rng.gen_range(2..12) as f64).collect();
        let opt = brute_capacitated(&problem, &demand, &capacity, &rules);
        let (out, site) = median::solve_capacitated_plan(
            &problem,
            &demand,
            &capacity,
            &rules,
            &Limits::default(),
        );
        if opt.is_infinite() {
            assert_eq!(out.status, Status::Infeasible, "case {case}: {out:?}");
            infeasible += 1;
            continue;
        }
        assert_eq!(out.status, Status::Optimal, "case {case}: {out:?}");
        assert!(
            (out.objective - opt).abs() <= 1e-9 * opt.abs().max(1.0),
            "case {case}: {opt} vs {out:?}"
        );
        assert_eq!(out.open.len(), rules.p);
        assert!(out.open.iter().all(|&j| rules.allowed[j]));
        assert!(rules.required.iter().all(|j| out.open.contains(j)));
        let mut load = vec![0.0; m];
        for (i, &j) in site.iter().enumerate() {
            assert!(out.open.contains(&j), "case {case}");
            load[j] += demand[i];
        }
        assert!(
            (0..m).all(|j| load[j] <= capacity[j]),
            "case {case}: over capacity"
        );
    }
    assert!(
        infeasible > 0,
        "the sample should include plans that cannot exist"
    );
}

#[test]
fn capacitated_infeasibility_is_explained() {
    let problem = DistanceProblem {
        clients: 3,
        sites: 2,
        dist: vec![1.0; 6],
        weight: vec![1.0; 3],
    };
    let rules = SiteRules::open(2, 2);
    // Total demand 18 fits 2 × 10, but no two of the clients share a site.
    let out =
        median::solve_capacitated(&problem, &[6.0; 3], &[10.0; 2], &rules, &Limits::default());
    assert_eq!(out.status, Status::Infeasible, "{out:?}");
    let out = median::solve_capacitated(
        &problem,
        &[8.0; 3],
        &[10.0; 2],
        &SiteRules::open(2, 1),
        &Limits::default(),
    );
    assert!(out.note.unwrap().contains("exceeds"));
    let out = median::solve_capacitated(
        &problem,
        &[1.0, 11.0, 1.0],
        &[10.0; 2],
        &rules,
        &Limits::default(),
    );
    assert!(out.note.unwrap().contains("demand 11"));
}

#[test]
fn pmedcap_n50_instances_reach_and_prove_the_published_optimum() {
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
