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

use super::costs::{Costs, Fix};
use super::interchange::{local_search, Solution};
use crate::solve::Limits;
use rayon::prelude::*;

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

/// Below this many cost entries per iteration, threads cost more in synchronisation than they
/// save (measured on a loaded 2-core machine); the result is the same either way.
const PARALLEL_WORK: usize = 400_000;

/// Chunk size for the client loop; a function of the instance only (determinism).
fn chunk(n: usize) -> usize {
    n.div_ceil(16).max(64)
}

/// How the relaxation scans the costs in one node.
///
/// Sparse: each client's sorted row up to its multiplier (cheap when multipliers are small,
/// i.e. `p` large). Dense: whole columns of the sites still in play, summed with eight
/// accumulators so the compiler vectorises them (cheap once reductions have closed most
/// sites). Both are deterministic; which one runs depends on the instance and the node only.
#[derive(Debug, Clone)]
pub(crate) struct Scan {
    /// Sites not closed, ascending.
    active: Vec<usize>,
    /// Use dense column sums for `ρ`.
    dense_rho: bool,
    /// Use dense column scans for the subgradient.
    dense_grad: bool,
    /// Pairs a sparse scan touched at the start (cost estimate).
    nnz: usize,
}

impl Scan {
    /// Picks the cheaper scan for `fix` at multipliers `lambda`.
    pub fn new(costs: &Costs, fix: &[Fix], lambda: &[f64]) -> Scan {
        let active: Vec<usize> = (0..costs.sites)
            .filter(|&j| fix[j] != Fix::Closed)
            .collect();
        let nnz: usize = (0..costs.clients)
            .map(|i| costs.sorted(i).0.partition_point(|&c| c < lambda[i]))
            .sum();
        let n = costs.clients;
        Scan {
            dense_rho: active.len() * n <= 3 * nnz,
            dense_grad: costs.p * n <= 3 * nnz,
            active,
            nnz,
        }
    }
}

/// `Σ_i min(0, col_i − λ_i)` in a fixed order with eight accumulators.
fn dense_sum(col: &[f64], lambda: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let mut cc = col.chunks_exact(8);
    let mut lc = lambda.chunks_exact(8);
    for (c, l) in cc.by_ref().zip(lc.by_ref()) {
        for k in 0..8 {
            let d = c[k] - l[k];
            acc[k] += if d < 0.0 { d } else { 0.0 };
        }
    }
    let mut tail = 0.0;
    for (&c, &l) in cc.remainder().iter().zip(lc.remainder()) {
        let d = c - l;
        tail += if d < 0.0 { d } else { 0.0 };
    }
    acc.iter().sum::<f64>() + tail
}

/// `Σ_i λ_i` and `ρ` at `lambda`, then the relaxed choice of sites.
pub(crate) fn relax(costs: &Costs, fix: &[Fix], scan: &Scan, lambda: &[f64]) -> Relaxed {
    let m = costs.sites;
    let n = costs.clients;
    let mut rho = vec![0.0; m];
    if scan.dense_rho {
        let sum = |&j: &usize| dense_sum(costs.col(j), lambda);
        let sums: Vec<f64> = if scan.active.len() * n >= PARALLEL_WORK {
            scan.active.par_iter().with_min_len(8).map(sum).collect()
        } else {
            scan.active.iter().map(sum).collect()
        };
        for (&j, r) in scan.active.iter().zip(sums) {
            rho[j] = r;
        }
    } else {
        let ch = chunk(n);
        let part = |c: usize| {
            let mut rho = vec![0.0; m];
            for i in c * ch..((c + 1) * ch).min(n) {
                let l = lambda[i];
                let (cost, site) = costs.sorted(i);
                for (&cij, &j) in cost.iter().zip(site) {
                    if cij >= l {
                        break;
                    }
                    rho[j as usize] += cij - l;
                }
            }
            rho
        };
        let partial: Vec<Vec<f64>> = if scan.nnz >= PARALLEL_WORK {
            (0..n.div_ceil(ch)).into_par_iter().map(part).collect()
        } else {
            (0..n.div_ceil(ch)).map(part).collect()
        };
        for part in &partial {
            for (r, &x) in rho.iter_mut().zip(part) {
                *r += x;
            }
        }
        for (r, f) in rho.iter_mut().zip(fix) {
            if *f == Fix::Closed {
                *r = 0.0;
            }
        }
    }
    choose(costs, fix, lambda.iter().sum(), rho)
}

/// Opens the forced sites and the `p − forced` free sites of least `ρ` (ties by index).
fn choose(costs: &Costs, fix: &[Fix], lambda_sum: f64, rho: Vec<f64>) -> Relaxed {
    let m = costs.sites;
    let mut chosen = vec![false; m];
    let mut bound = lambda_sum;
    let mut forced = 0usize;
    for j in 0..m {
        if fix[j] == Fix::Open {
            chosen[j] = true;
            bound += rho[j];
            forced += 1;
        }
    }
    let mut free: Vec<(f64, usize)> = (0..m)
        .filter(|&j| fix[j] == Fix::Free)
        .map(|j| (rho[j], j))
        .collect();
    let need = costs.p.checked_sub(forced);
    let Some(need) = need.filter(|&k| k <= free.len()) else {
        return Relaxed {
            bound: f64::INFINITY,
            rho,
            chosen,
            rho_last: f64::NEG_INFINITY,
            rho_next: f64::INFINITY,
            usage: Vec::new(),
        };
    };
    let order = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
    let mut rho_last = f64::NEG_INFINITY;
    let mut rho_next = f64::INFINITY;
    if need > 0 {
        free.select_nth_unstable_by(need - 1, order);
        for &(r, j) in &free[..need] {
            chosen[j] = true;
            bound += r;
            rho_last = rho_last.max(r);
        }
    }
    if let Some(&(r, _)) = free[need..].iter().min_by(|a, b| order(a, b)) {
        rho_next = r;
    }
    Relaxed {
        bound,
        rho,
        chosen,
        rho_last,
        rho_next,
        usage: Vec::new(),
    }
}

/// Subgradient `g_i = 1 − #{chosen j : c_ij < λ_i}`.
fn subgradient(costs: &Costs, scan: &Scan, lambda: &[f64], chosen: &[bool], g: &mut [f64]) {
    if scan.dense_grad {
        g.iter_mut().for_each(|x| *x = 1.0);
        for j in (0..costs.sites).filter(|&j| chosen[j]) {
            for ((gi, &c), &l) in g.iter_mut().zip(costs.col(j)).zip(lambda) {
                *gi -= if c < l { 1.0 } else { 0.0 };
            }
        }
        return;
    }
    for (i, gi) in g.iter_mut().enumerate() {
        let l = lambda[i];
        let (cost, site) = costs.sorted(i);
        let mut count = 0u32;
        for (&cij, &j) in cost.iter().zip(site) {
            if cij >= l {
                break;
            }
            count += u32::from(chosen[j as usize]);
        }
        *gi = 1.0 - f64::from(count);
    }
}

/// The incumbent solution a search prunes against, improved by Lagrangian heuristics.
#[derive(Debug, Clone)]
pub(crate) struct Incumbent {
    /// Best solution so far.
    pub best: Solution,
    /// Open sets already evaluated (relaxed solutions repeat across iterations and nodes);
    /// cleared when it grows large.
    tried: std::collections::HashSet<Vec<usize>>,
}

impl Incumbent {
    /// An incumbent holding `best`.
    pub fn new(best: Solution) -> Incumbent {
        Incumbent {
            best,
            tried: std::collections::HashSet::new(),
        }
    }

    /// Tries the relaxed open set as a solution; if it beats the incumbent, polishes it with
    /// the interchange and keeps it. Returns whether the incumbent improved.
    pub fn offer(&mut self, costs: &Costs, chosen: &[bool], limits: &Limits) -> bool {
        let open: Vec<usize> = (0..costs.sites).filter(|&j| chosen[j]).collect();
        if open.len() != costs.p {
            return false;
        }
        if self.tried.len() >= 100_000 {
            self.tried.clear();
        }
        if !self.tried.insert(open.clone()) {
            return false;
        }
        let cost = cheapest_open(costs, chosen);
        if cost >= self.best.cost {
            return false;
        }
        let s = local_search(costs, open, limits);
        if s.better_than(&self.best) {
            self.best = s;
            true
        } else {
            false
        }
    }
}

/// Objective of the sites marked in `chosen`, scanning each sorted row to its first open site.
fn cheapest_open(costs: &Costs, chosen: &[bool]) -> f64 {
    let mut total = 0.0;
    for i in 0..costs.clients {
        let (cost, site) = costs.sorted(i);
        let first = site.iter().position(|&j| chosen[j as usize]);
        total += first.map_or(f64::INFINITY, |k| cost[k]);
    }
    total
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
        if costs.prunes(best.bound, incumbent.best.cost) || steps.exhausted() {
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
        let target = if incumbent.best.cost.is_finite() {
            incumbent.best.cost
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
