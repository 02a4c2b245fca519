//! The relaxation bounds and the reduction tests against brute force.

use super::*;
use crate::solve::median::costs::{Costs, Fix};
use crate::solve::{DistanceProblem, SiteRules};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn instance(rng: &mut ChaCha8Rng) -> Costs {
    let (n, m) = (rng.gen_range(2..10), rng.gen_range(2..9));
    let dist = (0..n * m)
        .map(|_| f64::from(rng.gen_range(0..50u32)))
        .collect();
    let problem = DistanceProblem {
        clients: n,
        sites: m,
        dist,
        weight: vec![1.0; n],
    };
    let p = rng.gen_range(1..m);
    Costs::new(&problem, &SiteRules::open(m, p), false).unwrap()
}

fn brute(costs: &Costs) -> (f64, Vec<Vec<usize>>) {
    let m = costs.sites;
    let mut all = Vec::new();
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize == costs.p {
            let open: Vec<usize> = (0..m).filter(|&j| mask >> j & 1 == 1).collect();
            all.push((costs.cost_of(&open), open));
        }
    }
    let best = all.iter().map(|a| a.0).fold(f64::INFINITY, f64::min);
    let optimal = all
        .into_iter()
        .filter(|a| a.0 == best)
        .map(|a| a.1)
        .collect();
    (best, optimal)
}

#[test]
fn any_multipliers_give_a_lower_bound_and_reductions_keep_every_optimum() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..200 {
        let costs = instance(&mut rng);
        let (opt, optimal) = brute(&costs);
        let fix = costs.root_fixes();
        let lambda: Vec<f64> = (0..costs.clients)
            .map(|_| rng.gen_range(0.0..60.0))
            .collect();
        let rel = relax(&costs, &fix, &Scan::new(&costs, &fix, &lambda), &lambda);
        assert!(rel.bound <= opt + 1e-9, "{} > {opt}", rel.bound);
        // Reductions against an incumbent one unit above the optimum.
        let mut fixed = fix.clone();
        reduce(&costs, &rel, &mut fixed, opt + 1.0);
        for open in &optimal {
            for j in 0..costs.sites {
                match fixed[j] {
                    Fix::Open => assert!(open.contains(&j)),
                    Fix::Closed => assert!(!open.contains(&j)),
                    Fix::Free => {}
                }
            }
        }
    }
}
