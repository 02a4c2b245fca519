//! Lagrangian relaxation of the p-median assignment constraints, solved by subgradient
//! optimisation (Beasley 1993).
//!
//! Relaxing `Σ_j x_ij = 1` with multipliers `λ_i` leaves, for each site, the value
//! `ρ_j = Σ_i min(0, c_ij − λ_i)` of opening it; the bound is `Σ λ_i` plus the `p` smallest
//! `ρ_j` (forced-open sites always, closed ones never). Its maximum over `λ` equals the LP
//! bound, which is tight or nearly so on the OR-Library graphs: that is why a branch and
//! bound on these bounds rarely branches.
//!
//! Each client's sites are kept sorted by cost, so computing `ρ` touches only the pairs with
//! `c_ij < λ_i`, a few per client when `p` is large. Clients are split into chunks whose size
//! depends only on the instance, and chunk sums are added in chunk order, so the bound is
//! the same bit for bit on any number of threads.
//!
//! Modules: `scan` (the relaxation and its subgradient, sparse or dense), `incumbent` (the
//! solution nodes are pruned against); here the subgradient optimisation and the reduction
//! tests built on them.

mod incumbent;
mod scan;
#[cfg(test)]
mod tests;

pub(crate) use incumbent::Incumbent;
pub(crate) use scan::{relax, Scan};

use super::costs::{Costs, Fix};
use super::interchange::Solution;
use crate::solve::Limits;
use scan::subgradient;

/// The relaxation at one multiplier vector.
#[derive(Debug, Clone)]
pub(crate) struct Relaxed {
    /// Lagrangian bound (∞ when the fixings leave fewer than `p` sites).
    pub bound: f64,
    /// `ρ_j` per site (0 for closed sites).
    pub rho: Vec<f64>,
    /// Sites open in the relaxed solution.
    pub chosen: Vec<bool>,
    /// Largest `ρ` among the free sites chosen (−∞ if none was chosen).
    pub rho_last: f64,
    /// Smallest `ρ` among the free sites not chosen (∞ if none is left).
    pub rho_next: f64,
    /// How often each site was open in the relaxed solutions of the last iterations (an
    /// exponential average): an estimate of the fractional LP value `y_j`, for branching.
    pub usage: Vec<f64>,
}

/// How long a subgradient run may go on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schedule {
    /// Most iterations.
    pub iterations: usize,
    /// Iterations without a better bound before the step factor is halved.
    pub patience: usize,
    /// Initial step factor.
    pub factor: f64,
    /// The run stops when the factor falls below this.
    pub min_factor: f64,
    /// Every how many iterations the relaxed open set is tried as a solution (0: never).
    pub heuristic_every: usize,
}

/// Subgradient step-size control shared by the p-median and capacitated relaxations: a
/// Polyak step towards the incumbent, its factor halved after `patience` iterations without
/// a better bound; the run ends when the factor falls below `min_factor`.
pub(super) struct StepSize {
    factor: f64,
    min_factor: f64,
    patience: usize,
    stale: usize,
}

impl StepSize {
    pub(super) fn new(factor: f64, min_factor: f64, patience: usize) -> StepSize {
        StepSize {
            factor,
            min_factor,
            patience,
            stale: 0,
        }
    }

    /// Whether the factor has shrunk below its floor.
    pub(super) fn exhausted(&self) -> bool {
        self.factor < self.min_factor
    }

    /// The step length for a subgradient of squared norm `norm` at `bound` aiming at `target`.
    pub(super) fn length(&self, target: f64, bound: f64, norm: f64) -> f64 {
        self.factor * (target - bound).max(1e-9 * target.abs().max(1.0)) / norm
    }

    /// Records whether `bound` beats `best` by more than float noise, and says so.
    pub(super) fn record(&mut self, bound: f64, best: f64) -> bool {
        if bound > best + 1e-12 * best.abs().max(1.0) {
            self.stale = 0;
            true
        } else {
            self.stale += 1;
            if self.stale >= self.patience {
                self.factor *= 0.5;
                self.stale = 0;
            }
            false
        }
    }
}

/// Initial multipliers: each client's cost in the incumbent, a point where the bound is
/// already non-trivial and the relaxed sites are those of the incumbent.
pub(crate) fn initial_lambda(costs: &Costs, incumbent: &Solution) -> Vec<f64> {
    let m = costs.sites;
    (0..costs.clients)
        .map(|i| {
            let row = &costs.rows[i * m..(i + 1) * m];
            let d = incumbent
                .open
                .iter()
                .map(|&j| row[j])
                .fold(f64::INFINITY, f64::min);
            if d.is_finite() {
                d
            } else {
                costs.sorted(i).0.first().copied().unwrap_or(0.0)
            }
        })
        .collect()
}

/// Maximises the bound over `lambda` (updated in place to the best multipliers found) and
/// returns the relaxation there. Stops early once the bound prunes against the incumbent.
pub(crate) fn optimise(
    costs: &Costs,
    fix: &[Fix],
    lambda: &mut [f64],
    schedule: &Schedule,
    incumbent: &mut Incumbent,
    limits: &Limits,
) -> Relaxed {
    let n = costs.clients;
    let (lo, hi) = lambda_box(costs, fix);
    project(lambda, &lo, &hi);
    let scan = Scan::new(costs, fix, lambda);
    let mut best = relax(costs, fix, &scan, lambda);
    best.usage = best
        .chosen
        .iter()
        .map(|&c| f64::from(u8::from(c)))
        .collect();
    let mut best_lambda = lambda.to_vec();
    if best.bound == f64::INFINITY {
        return best;
    }
    let mut current = best.clone();
    let mut usage: Vec<f64> = best
        .chosen
        .iter()
        .map(|&c| f64::from(u8::from(c)))
        .collect();
    let mut g = vec![0.0; n];
    let mut steps = StepSize::new(schedule.factor, schedule.min_factor, schedule.patience);
    for it in 0..schedule.iterations {
        if costs.prunes(best.bound, incumbent.cost()) || steps.exhausted() {
            break;
        }
        if it % 8 == 7 && limits.expired() {
            break;
        }
        if schedule.heuristic_every > 0 && it % schedule.heuristic_every == 0 {
            incumbent.offer(costs, &current.chosen, limits);
        }
        subgradient(costs, &scan, lambda, &current.chosen, &mut g);
        let norm: f64 = g.iter().map(|x| x * x).sum();
        if norm == 0.0 {
            // The relaxed solution assigns every client once: it is optimal for this node.
            incumbent.offer(costs, &current.chosen, limits);
            break;
        }
        let target = if incumbent.cost().is_finite() {
            incumbent.cost()
        } else {
            best.bound + 0.1 * best.bound.abs() + 1.0
        };
        let step = steps.length(target, current.bound, norm);
        for (l, &gi) in lambda.iter_mut().zip(&g) {
            *l += step * gi;
        }
        project(lambda, &lo, &hi);
        current = relax(costs, fix, &scan, lambda);
        for (u, &c) in usage.iter_mut().zip(&current.chosen) {
            *u = 0.95 * *u + if c { 0.05 } else { 0.0 };
        }
        if steps.record(current.bound, best.bound) {
            best = current.clone();
            best_lambda.copy_from_slice(lambda);
        }
    }
    incumbent.offer(costs, &best.chosen, limits);
    lambda.copy_from_slice(&best_lambda);
    best.usage = usage;
    best
}

/// Where moving a multiplier can only lower the bound: below a client's cheapest site still
/// allowed in the node (it then pays `λ_i` and nothing else), or above its cost at a site
/// forced open (every unit beyond is paid back in that site's `ρ`).
fn lambda_box(costs: &Costs, fix: &[Fix]) -> (Vec<f64>, Vec<f64>) {
    let open: Vec<usize> = (0..costs.sites).filter(|&j| fix[j] == Fix::Open).collect();
    let m = costs.sites;
    let mut lo = vec![0.0; costs.clients];
    let mut hi = vec![f64::INFINITY; costs.clients];
    for i in 0..costs.clients {
        let (cost, site) = costs.sorted(i);
        lo[i] = site
            .iter()
            .position(|&j| fix[j as usize] != Fix::Closed)
            .map_or(0.0, |k| cost[k]);
        let row = &costs.rows[i * m..(i + 1) * m];
        hi[i] = open
            .iter()
            .map(|&j| row[j])
            .fold(f64::INFINITY, f64::min)
            .max(lo[i]);
    }
    (lo, hi)
}

fn project(lambda: &mut [f64], lo: &[f64], hi: &[f64]) {
    for ((l, &a), &b) in lambda.iter_mut().zip(lo).zip(hi) {
        *l = l.clamp(a, b);
    }
}

/// Reduction tests: a free site whose forced opening (closing) lifts the bound past the
/// incumbent is fixed closed (open). Returns how many sites were fixed.
pub(crate) fn reduce(costs: &Costs, relaxed: &Relaxed, fix: &mut [Fix], incumbent: f64) -> usize {
    let mut fixed = 0;
    for j in 0..costs.sites {
        if fix[j] != Fix::Free {
            continue;
        }
        let r = relaxed.rho[j];
        if relaxed.chosen[j] {
            if costs.prunes(relaxed.bound - r + relaxed.rho_next, incumbent) {
                fix[j] = Fix::Open;
                fixed += 1;
            }
        } else if costs.prunes(relaxed.bound + r - relaxed.rho_last, incumbent) {
            fix[j] = Fix::Closed;
            fixed += 1;
        }
    }
    fixed
}
