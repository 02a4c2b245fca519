//! Seeded, parallel multi-start maximal covering (GRASP + interchange) with an honest bound.
//!
//! When proving optimality would take longer than the user has, a good plan with a proven
//! gap is the useful answer. Each start builds a randomised greedy plan (uniform choice among
//! the few best columns) and improves it by swaps; the starts run in parallel, each seeded
//! from `(seed, start index)`, and the best is chosen by a total order (covered weight, then
//! the lexicographically smallest site list), so the answer is the same on 1 or 64 threads.
//! The Lagrangian bound says how far from optimal the plan can be.

use super::interchange::{greedy, improve};
use super::lagrange::coverage_bound;
use super::mclp::prepare;
use super::pad;
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::Coverage;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::cmp::Ordering;

/// Number of starts: fixed (not "one per thread") so that results never depend on threads.
const STARTS: usize = 16;
/// Size of GRASP's restricted candidate list.
const RCL: usize = 3;

/// Total order on candidate plans: more weight first, then the smaller site list.
fn better(a: &(f64, Vec<u32>), b: &(f64, Vec<u32>)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
}

/// Heuristic maximal covering: exactly `rules.p` open sites with high covered weight, found
/// by seeded parallel multi-start greedy + interchange (status `Heuristic`; `Optimal` only
/// when the reductions alone settle the problem, e.g. `p` reached by required sites).
///
/// Why: for prefecture-size inputs, or when the answer is needed within a second, exact
/// search may not finish; this returns a plan whose `bound` is the Lagrangian upper bound, so
/// `gap()` tells the user how much better any plan could possibly be. The result depends only
/// on the input and `limits.seed` (never on the number of threads). The same validation as
/// [`mclp`](super::mclp) applies: infeasible rules or bad weights give `Infeasible`.
pub fn mclp_heuristic(
    cover: &Coverage,
    weight: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Outcome {
    let prep = match prepare(cover, weight, rules) {
        Ok(p) => p,
        Err(done) => return done,
    };
    let inst = &prep.inst;
    let best = (0..STARTS)
        .into_par_iter()
        .map(|s| {
            let mut open = if s == 0 {
                greedy(inst, prep.p, None)
            } else {
                let mut rng = ChaCha8Rng::seed_from_u64(limits.seed);
                rng.set_stream(s as u64);
                greedy(inst, prep.p, Some((&mut rng, RCL)))
            };
            let value = improve(inst, &mut open, limits);
            (value, open)
        })
        .min_by(better);
    let bound = coverage_bound(
        inst,
        prep.p,
        None,
        best.as_ref().map_or(0.0, |b| b.0),
        f64::NEG_INFINITY,
        1000,
        limits,
    );
    let mut plan = best.unwrap_or((f64::NEG_INFINITY, Vec::new()));
    // The Lagrangian solution is a plan too; keep it if it is better.
    let (pv, pset) = bound.primal;
    if better(&(pv, pset.clone()), &plan) == Ordering::Less {
        let mut open = pset;
        let value = improve(inst, &mut open, limits);
        plan = (value, open);
    }
    let mut open = prep.setup.required.clone();
    open.extend(plan.1.iter().map(|&j| inst.site[j as usize]));
    let open = pad(open, rules.p, &rules.allowed);
    let objective = super::coverage_of(cover, weight, &open);
    let total = prep.base + inst.total_weight();
    let mut ub = (prep.base + bound.ub).min(total);
    if prep.integral {
        ub = (ub + 1e-9 * (1.0 + total)).floor();
    }
    Outcome {
        status: Status::Heuristic,
        open,
        objective,
        bound: ub.max(objective),
        nodes: 0,
        note: None,
    }
}
