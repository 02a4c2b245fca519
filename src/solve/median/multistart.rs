//! Seeded multi-start GRASP with interchange: the fast p-median answer.
//!
//! Planning runs want an answer in a fraction of the exact solver's time, and the same answer
//! on a laptop and on a server. Every start draws from its own ChaCha stream (seed, start
//! index), so a start's result does not depend on which thread ran it, and the starts are
//! reduced with a total order (objective, then the open set), so neither does the winner.

use super::costs::Costs;
use super::interchange::{greedy, local_search, rcl_size, Solution};
use crate::solve::Limits;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Number of starts: start 0 is the plain greedy, the others randomised.
pub(crate) const STARTS: usize = 16;

/// Best local optimum over [`STARTS`] greedy/GRASP constructions. Starts not begun before
/// `limits` expire are skipped (start 0 always runs, so there is always a solution).
pub(crate) fn multistart(costs: &Costs, limits: &Limits) -> Solution {
    let run = |k: usize| -> Option<Solution> {
        if k > 0 && limits.expired() {
            return None;
        }
        let open = if k == 0 {
            greedy(costs, None)
        } else {
            let mut rng = ChaCha8Rng::seed_from_u64(limits.seed);
            rng.set_stream(k as u64);
            let rcl = rcl_size(costs, &mut rng);
            greedy(costs, Some((&mut rng, rcl)))
        };
        Some(local_search(costs, open, limits))
    };
    let found: Vec<Option<Solution>> = (0..STARTS).into_par_iter().map(run).collect();
    let mut best: Option<Solution> = None;
    for s in found.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| s.better_than(b)) {
            best = Some(s);
        }
    }
    // Start 0 never skips, so `best` is set; rebuild it from greedy should that ever change.
    best.unwrap_or_else(|| Solution::of(costs, greedy(costs, None)))
}
