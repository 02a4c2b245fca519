//! The formulations against brute force on seeded tiny instances.

use super::*;
use crate::solve::{DistanceProblem, Limits, SiteRules, Status};
use crate::spatial::Coverage;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every subset of `m` sites of size `p` (or any size when `p` is `None`).
fn subsets(m: usize, p: Option<usize>) -> Vec<Vec<usize>> {
    (0u32..1 << m)
        .filter(|mask| p.is_none_or(|p| mask.count_ones() as usize == p))
        .map(|mask| (0..m).filter(|j| mask & (1 << j) != 0).collect())
        .collect()
}

fn instance(seed: u64, n: usize, m: usize) -> (DistanceProblem, Coverage) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let pts: Vec<(f64, f64)> = (0..n + m)
        .map(|_| (rng.gen_range(0.0..10.0), rng.gen_range(0.0..10.0)))
        .collect();
    let weight: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(1..20))).collect();
    let dist: Vec<f64> = (0..n)
        .flat_map(|i| {
            let pts = &pts;
            (0..m).map(move |j| {
                let (a, b) = (pts[i], pts[n + j]);
                ((a.0 - b.0).hypot(a.1 - b.1) * 10.0).round()
            })
        })
        .collect();
    let d = DistanceProblem {
        clients: n,
        sites: m,
        dist,
        weight,
    };
    let lists = (0..m)
        .map(|j| {
            (0..n)
                .filter(|&i| d.dist(i, j) <= 30.0)
                .map(|i| (i, d.dist(i, j)))
                .collect()
        })
        .collect();
    (d, Coverage::from_lists(30.0, lists))
}

#[test]
fn each_formulation_matches_brute_force_on_seeded_tiny_instances() {
    for seed in 0..6 {
        let (d, cover) = instance(seed, 9, 6);
        let p = 1 + (seed as usize % 3);
        let mut rules = SiteRules::open(6, p);
        if seed % 2 == 1 {
            rules.required = vec![1];
            rules.allowed[4] = false;
        }
        let feasible = |s: &Vec<usize>| {
            rules.required.iter().all(|r| s.contains(r)) && s.iter().all(|&j| rules.allowed[j])
        };
        let limits = Limits::default();
        let best = |value: &dyn Fn(&[usize]) -> f64, p: Option<usize>, max: bool| {
            subsets(6, p)
                .into_iter()
                .filter(&feasible)
                .map(|s| value(&s))
                .fold(if max { f64::MIN } else { f64::MAX }, |a, b| {
                    if max {
                        a.max(b)
                    } else {
                        a.min(b)
                    }
                })
        };
        let got = mclp(&cover, &d.weight, &rules, &limits).unwrap();
        let want = best(&|s| covered_weight(&cover, &d.weight, s), Some(p), true);
        assert_eq!(got.status, Status::Optimal);
        assert_eq!(got.objective, want, "mclp seed {seed}");
        let got = pmedian(&d, &rules, &limits).unwrap();
        assert_eq!(got.objective, best(&|s| median_cost(&d, s), Some(p), false));
        let got = pcenter(&d, &rules, &limits).unwrap();
        assert_eq!(got.objective, best(&|s| center_cost(&d, s), Some(p), false));
        // Set covering of what the allowed sites can reach.
        let reachable = covered_weight(
            &cover,
            &d.weight,
            &(0..6).filter(|&j| rules.allowed[j]).collect::<Vec<_>>(),
        );
        let got = lscp(&cover, 9, &rules, &limits).unwrap();
        let want = subsets(6, None)
            .into_iter()
            .filter(&feasible)
            .filter(|s| covered_weight(&cover, &d.weight, s) == reachable)
            .map(|s| s.len())
            .min()
            .unwrap();
        assert_eq!(got.objective as usize, want, "lscp seed {seed}");
    }
}

#[test]
fn capacitated_median_matches_brute_force_assignment() {
    let (d, _) = instance(42, 6, 4);
    let load: Vec<f64> = d.weight.clone();
    let cap = vec![load.iter().sum::<f64>() / 2.0 + 5.0; 4];
    let rules = SiteRules::open(4, 2);
    let got = pmedian_capacitated(&d, &load, &cap, &rules, &Limits::default()).unwrap();
    // Brute force: every pair of sites, every assignment of 6 clients to the pair.
    let mut best = f64::MAX;
    for s in subsets(4, Some(2)) {
        for mask in 0u32..1 << 6 {
            let mut used = [0.0; 2];
            let mut cost = 0.0;
            for (i, q) in load.iter().enumerate() {
                let k = ((mask >> i) & 1) as usize;
                used[k] += q;
                cost += d.weight[i] * d.dist(i, s[k]);
            }
            if used.iter().zip(&s).all(|(u, &j)| *u <= cap[j]) {
                best = best.min(cost);
            }
        }
    }
    assert_eq!(got.status, Status::Optimal);
    assert_eq!(got.objective, best);
    let tight = vec![1.0; 4];
    let got = pmedian_capacitated(&d, &load, &tight, &rules, &Limits::default()).unwrap();
    assert_eq!(got.status, Status::Infeasible);
}
