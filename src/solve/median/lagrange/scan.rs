//! The relaxation at given multipliers and its subgradient, each computed by a sparse or a
//! dense scan of the costs, whichever the node makes cheaper.

use super::Relaxed;
use crate::solve::median::costs::{Costs, Fix};
use rayon::prelude::*;

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
pub(super) fn subgradient(
    costs: &Costs,
    scan: &Scan,
    lambda: &[f64],
    chosen: &[bool],
    g: &mut [f64],
) {
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
