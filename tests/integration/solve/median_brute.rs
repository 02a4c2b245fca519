//! The p-median solvers, plain and capacitated, against brute force on small seeded random
//! instances with random site rules.

use super::{check_outcome, pmedian_cost};
use crate::helpers::share_machine;
use mobile_stops::solve::median;
use mobile_stops::solve::{DistanceProblem, Limits, SiteRules, Status};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

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
    let _turn = share_machine();
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
    let _turn = share_machine();
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
