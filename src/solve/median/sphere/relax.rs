//! The Lagrangian bound of the p-median on the lists (Beasley 1993): relax "each client is
//! served once", keep "p sites open".
//!
//! For multipliers λ the relaxation costs Σ λᵢ plus, for the p open sites, their
//! ρⱼ = Σᵢ min(0, wᵢ dᵢⱼ − λᵢ); its best p sites are the required ones and the most negative
//! free ones, so every λ gives a lower bound at once. λᵢ is kept within [wᵢ × nearest
//! distance, wᵢ × list radius]: below, client i adds nothing; above, sites off its list would
//! count, and the lists would not give the exact bound. Subgradient steps (Polyak) raise it.

use super::lists::{Lists, PIECE};
use crate::solve::Limits;
use rayon::prelude::*;

/// Steps without a better bound before the step factor shrinks.
const STALE: usize = 25;

/// What the step factor is multiplied by after [`STALE`] steps without progress.
const DECAY: f64 = 0.7;

/// Deflection of the step direction (Camerini, Fratta & Maffioli 1975): when the new
/// subgradient turns back against the last direction, this much of the last direction is
/// kept, which damps the zigzag of plain subgradient steps.
const DEFLECT: f64 = 1.5;

/// What the relaxation needs besides the lists.
pub(super) struct Relax<'a> {
    pub lists: &'a Lists,
    pub weight: &'a [f64],
    pub sites: usize,
    /// Required sites (always open in the relaxation).
    pub required: &'a [usize],
    /// Allowed, not required sites.
    pub free: &'a [usize],
    /// Free sites to open.
    pub k: usize,
}

/// One evaluation: the bound and the relaxation's open sites.
pub(super) struct Value {
    pub bound: f64,
    pub open: Vec<usize>,
}

impl Relax<'_> {
    /// ρ of every site at `lambda`, summed per piece of clients and the pieces in order.
    fn rho(&self, lambda: &[f64]) -> Vec<f64> {
        let m = self.sites;
        let parts: Vec<Vec<f64>> = lambda
            .par_chunks(PIECE)
            .enumerate()
            .map(|(c, ls)| {
                let mut rho = vec![0.0; m];
                for (n, &l) in ls.iter().enumerate() {
                    let i = c * PIECE + n;
                    let (site, dist) = self.lists.of(i);
                    let w = self.weight[i];
                    for (&j, &d) in site.iter().zip(dist) {
                        let v = w * f64::from(d) - l;
                        if v >= 0.0 {
                            break;
                        }
                        rho[j as usize] += v;
                    }
                }
                rho
            })
            .collect();
        let mut rho = vec![0.0; m];
        for part in parts {
            for (r, v) in rho.iter_mut().zip(part) {
                *r += v;
            }
        }
        rho
    }

    /// The bound at `lambda` and the sites the relaxation opens.
    pub fn value(&self, lambda: &[f64]) -> Value {
        let rho = self.rho(lambda);
        let mut free: Vec<usize> = self.free.to_vec();
        free.sort_by(|&a, &b| rho[a].total_cmp(&rho[b]).then(a.cmp(&b)));
        free.truncate(self.k);
        let mut open: Vec<usize> = self.required.to_vec();
        open.extend(free);
        open.sort_unstable();
        let sum_l: f64 = lambda
            .par_chunks(PIECE)
            .map(|c| c.iter().sum::<f64>())
            .collect::<Vec<_>>()
            .iter()
            .sum();
        let bound = sum_l + open.iter().map(|&j| rho[j]).sum::<f64>();
        Value { bound, open }
    }

    /// Subgradient of the relaxation at `lambda` given its open sites: 1 − (open sites that
    /// client i pays into).
    fn subgradient(&self, lambda: &[f64], open: &[usize]) -> Vec<f64> {
        let mut is_open = vec![false; self.sites];
        for &j in open {
            is_open[j] = true;
        }
        (0..lambda.len())
            .into_par_iter()
            .map(|i| {
                let (site, dist) = self.lists.of(i);
                let w = self.weight[i];
                let mut paid = 0.0;
                for (&j, &d) in site.iter().zip(dist) {
                    if w * f64::from(d) - lambda[i] >= 0.0 {
                        break;
                    }
                    if is_open[j as usize] {
                        paid += 1.0;
                    }
                }
                1.0 - paid
            })
            .collect()
    }

    /// Multipliers kept where the lists give the exact bound.
    pub fn clamp(&self, i: usize, l: f64) -> f64 {
        let (_, dist) = self.lists.of(i);
        let w = self.weight[i];
        let lo = w * f64::from(dist[0]);
        l.clamp(lo, (w * self.lists.radius[i]).max(lo))
    }

    /// Subgradient ascent from `lambda` towards `upper` (the best known plan's cost),
    /// starting with step factor `factor`, in price per unit weight and deflected: the best
    /// bound found, with `lambda` left at the multipliers that gave it.
    /// Stops after `iterations`, when the step factor has shrunk below 1/1024, or at the
    /// deadline.
    pub fn ascend(
        &self,
        lambda: &mut [f64],
        upper: f64,
        iterations: usize,
        factor: f64,
        limits: &Limits,
    ) -> f64 {
        let (mut best, mut factor, mut stale) = (f64::NEG_INFINITY, factor, 0);
        let mut kept = lambda.to_vec();
        let mut dir: Vec<f64> = vec![0.0; lambda.len()];
        for _ in 0..iterations {
            if limits.expired() || factor < 1.0 / 1024.0 {
                break;
            }
            let v = self.value(lambda);
            if v.bound > best {
                best = v.bound;
                stale = 0;
                kept.copy_from_slice(lambda);
            } else {
                stale += 1;
                if stale >= STALE {
                    factor *= DECAY;
                    stale = 0;
                }
            }
            if best >= upper {
                break;
            }
            let g = self.subgradient(lambda, &v.open);
            // Steps in price per unit weight: every client's price moves by the same metres
            // (a light client's multiplier no longer swings as far as a heavy one's).
            let gd = self.dot(&g, &dir);
            let dd = self.dot(&dir, &dir);
            let beta = if gd < 0.0 && dd > 0.0 {
                -DEFLECT * gd / dd
            } else {
                0.0
            };
            dir.par_iter_mut()
                .zip(g.par_iter())
                .for_each(|(d, &gi)| *d = gi + beta * *d);
            let norm = self.dot(&dir, &dir);
            if norm == 0.0 {
                break;
            }
            let step = factor * (upper - v.bound) / norm;
            lambda
                .par_iter_mut()
                .zip(dir.par_iter())
                .enumerate()
                .for_each(|(i, (l, &di))| {
                    *l = self.clamp(i, *l + step * self.weight[i] * di);
                });
        }
        lambda.copy_from_slice(&kept);
        best
    }

    /// Σ wᵢ aᵢ bᵢ, summed per piece and the pieces in order.
    fn dot(&self, a: &[f64], b: &[f64]) -> f64 {
        a.par_chunks(PIECE)
            .zip(b.par_chunks(PIECE))
            .zip(self.weight.par_chunks(PIECE))
            .map(|((a, b), w)| {
                a.iter()
                    .zip(b)
                    .zip(w)
                    .map(|((a, b), w)| w * a * b)
                    .sum::<f64>()
            })
            .collect::<Vec<_>>()
            .iter()
            .sum()
    }
}
