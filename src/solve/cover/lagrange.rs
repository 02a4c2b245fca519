//! Lagrangian relaxations with subgradient optimisation: the bounds that prove optimality.
//!
//! A covering model's linear relaxation is usually tight, but solving it as an LP at every
//! branch-and-bound node is slow and needs an LP solver. Relaxing the covering rows with
//! multipliers gives a subproblem that is solved by inspection, whose value bounds the
//! optimum for *any* non-negative multipliers, and whose best multipliers reach the LP bound.
//! Every value returned here is such a bound, so proofs never depend on convergence.
//!
//! - Set covering (Beasley 1990): min Σ x_j s.t. Σ_{j∈N_i} x_j ≥ 1. With λ ≥ 0,
//!   L(λ) = Σ_i λ_i + Σ_j min(0, 1 − Σ_{i∈cov(j)} λ_i) ≤ optimum.
//! - Maximal covering (Galvão & ReVelle 1996): max Σ w_i y_i s.t. y_i ≤ Σ_{j∈N_i} x_j,
//!   Σ x_j = p. With λ ≥ 0, L(λ) = Σ_i max(0, w_i − λ_i) + (sum of the p largest
//!   c_j = Σ_{i∈cov(j)} λ_i) ≥ optimum.

use super::incidence::Incidence;
use crate::solve::Limits;

/// Best set-covering bound found and what it came with.
pub(crate) struct CoverBound {
    /// Lower bound on the number of columns of any cover.
    pub(crate) lb: f64,
    /// Multipliers of that bound (one per row).
    pub(crate) lambda: Vec<f64>,
    /// Reduced costs `1 − Σ λ_i` of the columns at those multipliers.
    pub(crate) reduced: Vec<f64>,
    /// The smallest cover the Lagrangian heuristic found, if any.
    pub(crate) cover: Option<Vec<u32>>,
}

/// Beasley's starting multipliers: each row gets the largest share 1/|cov(j)| of a column
/// covering it.
fn cover_start(inst: &Incidence) -> Vec<f64> {
    (0..inst.rows())
        .map(|i| {
            inst.row(i)
                .iter()
                .map(|&j| 1.0 / inst.col(j as usize).len() as f64)
                .fold(0.0, f64::max)
        })
        .collect()
}

fn reduced_costs(inst: &Incidence, lambda: &[f64], out: &mut [f64]) -> f64 {
    let mut value: f64 = lambda.iter().sum();
    for (j, c) in out.iter_mut().enumerate() {
        *c = 1.0 - inst.col(j).iter().map(|&i| lambda[i as usize]).sum::<f64>();
        if *c < 0.0 {
            value += *c;
        }
    }
    value
}

/// Subgradient optimisation of the set-covering bound.
///
/// `ub` is the size of the best known cover (or the target plus one), which steers the step;
/// the search stops early once `lb > stop_above` (the node is pruned anyway), after
/// `max_iter` rounds, when the step has shrunk to nothing, or when the deadline passes.
/// Every `heuristic_every` rounds the Lagrangian solution is completed to a cover
/// with [`greedy_cover`]; with `stop_on_cover` the first cover smaller than `ub` ends the
/// optimisation (a decision "is there a cover of at most k?" needs no bound once it has one).
pub(crate) fn cover_bound(
    inst: &Incidence,
    start: Option<Vec<f64>>,
    ub: f64,
    stop_above: f64,
    max_iter: usize,
    limits: &Limits,
    stop_on_cover: bool,
) -> CoverBound {
    let (rows, cols) = (inst.rows(), inst.cols());
    let mut lambda = start.unwrap_or_else(|| cover_start(inst));
    let mut c = vec![0.0; cols];
    let mut best = CoverBound {
        lb: f64::NEG_INFINITY,
        lambda: lambda.clone(),
        reduced: vec![0.0; cols],
        cover: None,
    };
    let mut best_cover_len = usize::MAX;
    let mut ub = ub;
    let mut f = 1.0;
    let mut stall = 0;
    let mut g = vec![0.0; rows];
    for iter in 0..max_iter.max(1) {
        let value = reduced_costs(inst, &lambda, &mut c);
        if value > best.lb + 1e-9 {
            best.lb = value;
            best.lambda.copy_from_slice(&lambda);
            best.reduced.copy_from_slice(&c);
            stall = 0;
        } else {
            stall += 1;
            if stall >= 20 {
                f /= 2.0;
                stall = 0;
            }
        }
        if iter % 10 == 0 {
            let x: Vec<u32> = (0..cols as u32).filter(|&j| c[j as usize] < 0.0).collect();
            let cover = greedy_cover(inst, &x, Some(&c));
            if stop_on_cover && (cover.len() as f64) < ub {
                best.cover = Some(cover);
                break;
            }
            if cover.len() < best_cover_len {
                best_cover_len = cover.len();
                ub = ub.min(cover.len() as f64);
                best.cover = Some(cover);
            }
        }
        if best.lb > stop_above || f < 0.005 || best.lb > ub - 1.0 + 1e-6 || limits.expired() {
            break;
        }
        // g_i = 1 − #selected columns covering i
        let mut norm = 0.0;
        for (i, gi) in g.iter_mut().enumerate() {
            let k = inst.row(i).iter().filter(|&&j| c[j as usize] < 0.0).count();
            let mut v = 1.0 - k as f64;
            if v < 0.0 && lambda[i] <= 0.0 {
                v = 0.0;
            }
            *gi = v;
            norm += v * v;
        }
        if norm == 0.0 {
            break; // the Lagrangian solution is a cover whose value equals the bound
        }
        let t = f * (1.05 * ub - value).max(1e-3) / norm;
        for (l, gi) in lambda.iter_mut().zip(&g) {
            *l = (*l + t * gi).max(0.0);
        }
    }
    best
}

/// A cover built from the columns `start`, completed greedily (most uncovered rows first;
/// ties to the lower `priority`, then the lower index) and then stripped of redundant columns
/// (highest `priority` first). Returns the columns ascending; rows without a column stay
/// uncovered (callers check for empty rows first).
pub(crate) fn greedy_cover(inst: &Incidence, start: &[u32], priority: Option<&[f64]>) -> Vec<u32> {
    let (rows, cols) = (inst.rows(), inst.cols());
    let prio = |j: usize| priority.map_or(0.0, |p| p[j]);
    let mut count = vec![0u32; rows];
    let mut chosen = vec![false; cols];
    let mut open: Vec<u32> = Vec::new();
    for &j in start {
        if !chosen[j as usize] {
            chosen[j as usize] = true;
            open.push(j);
            for &i in inst.col(j as usize) {
                count[i as usize] += 1;
            }
        }
    }
    let mut fresh: Vec<u32> = (0..cols)
        .map(|j| {
            inst.col(j)
                .iter()
                .filter(|&&i| count[i as usize] == 0)
                .count() as u32
        })
        .collect();
    let mut left = count.iter().filter(|&&k| k == 0).count();
    while left > 0 {
        let mut pick: Option<usize> = None;
        for j in 0..cols {
            if fresh[j] == 0 || chosen[j] {
                continue;
            }
            pick = match pick {
                None => Some(j),
                Some(b) if fresh[j] > fresh[b] || (fresh[j] == fresh[b] && prio(j) < prio(b)) => {
                    Some(j)
                }
                keep => keep,
            };
        }
        let Some(j) = pick else { break };
        chosen[j] = true;
        open.push(j as u32);
        for &i in inst.col(j) {
            let i = i as usize;
            if count[i] == 0 {
                left -= 1;
                for &k in inst.row(i) {
                    fresh[k as usize] -= 1;
                }
            }
            count[i] += 1;
        }
    }
    // Remove redundant columns, least attractive first.
    open.sort_by(|&a, &b| {
        prio(b as usize)
            .total_cmp(&prio(a as usize))
            .then(inst.col(a as usize).len().cmp(&inst.col(b as usize).len()))
            .then(b.cmp(&a))
    });
    let mut kept = Vec::with_capacity(open.len());
    for j in open {
        let col = inst.col(j as usize);
        if col.iter().all(|&i| count[i as usize] >= 2) {
            for &i in col {
                count[i as usize] -= 1;
            }
        } else {
            kept.push(j);
        }
    }
    kept.sort_unstable();
    kept
}

/// Best maximal-covering bound found and what it came with.
pub(crate) struct CoverageBound {
    /// Upper bound on the weight any `p` columns cover.
    pub(crate) ub: f64,
    /// Values `c_j = Σ_{i∈cov(j)} λ_i` of the columns at the best multipliers.
    pub(crate) value: Vec<f64>,
    /// Multipliers of that bound.
    pub(crate) lambda: Vec<f64>,
    /// Best Lagrangian solution seen (the p columns of largest value), with its true weight.
    pub(crate) primal: (f64, Vec<u32>),
}

/// Columns sorted by value, largest first, ties to the lower index: a total order, so the
/// choice of "the p largest" never depends on anything but the data.
pub(crate) fn top_order(value: &[f64], order: &mut Vec<u32>, p: usize) {
    order.clear();
    order.extend(0..value.len() as u32);
    let cmp = |a: &u32, b: &u32| {
        value[*b as usize]
            .total_cmp(&value[*a as usize])
            .then(a.cmp(b))
    };
    if p < order.len() {
        order.select_nth_unstable_by(p, cmp);
        order[..p].sort_unstable_by(cmp);
    } else {
        order.sort_unstable_by(cmp);
    }
}

/// The Lagrangian value at `lambda`: fills `value` and returns (bound, the p largest).
fn coverage_value(
    inst: &Incidence,
    p: usize,
    lambda: &[f64],
    value: &mut [f64],
    order: &mut Vec<u32>,
) -> f64 {
    for (j, v) in value.iter_mut().enumerate() {
        *v = inst.col(j).iter().map(|&i| lambda[i as usize]).sum();
    }
    top_order(value, order, p);
    let top: f64 = order[..p].iter().map(|&j| value[j as usize]).sum();
    let rest: f64 = inst
        .weight
        .iter()
        .zip(lambda)
        .map(|(&w, &l)| (w - l).max(0.0))
        .sum();
    top + rest
}

/// Subgradient optimisation of the maximal-covering bound for exactly `p` of the columns
/// (`0 < p < cols`).
///
/// `lb` is the best known objective (steers the step); the search stops once `ub <= stop_at`
/// (the caller prunes), after `max_iter` rounds, when the step vanishes, or at the deadline.
pub(crate) fn coverage_bound(
    inst: &Incidence,
    p: usize,
    start: Option<Vec<f64>>,
    lb: f64,
    stop_at: f64,
    max_iter: usize,
    limits: &Limits,
) -> CoverageBound {
    let (rows, cols) = (inst.rows(), inst.cols());
    // Cold starts take a tenth of each weight; a warm start (a branch-and-bound child) is
    // already close, but still profits from long first steps (measured on SJC).
    let root = start.is_none();
    let mut lambda = start.unwrap_or_else(|| inst.weight.iter().map(|w| w * 0.1).collect());
    let mut value = vec![0.0; cols];
    let mut order = Vec::with_capacity(cols);
    let mut best = CoverageBound {
        ub: f64::INFINITY,
        value: vec![0.0; cols],
        lambda: lambda.clone(),
        primal: (f64::NEG_INFINITY, Vec::new()),
    };
    let mut count = vec![0u32; rows];
    let mut dir = vec![0.0; rows];
    let mut lb = lb;
    let mut f: f64 = if root { 2.0 } else { 3.0 };
    let mut stall = 0;
    for _ in 0..max_iter.max(1) {
        let bound = coverage_value(inst, p, &lambda, &mut value, &mut order);
        if bound < best.ub - 1e-9 * bound.abs().max(1.0) {
            best.ub = bound;
            best.lambda.copy_from_slice(&lambda);
            best.value.copy_from_slice(&value);
            stall = 0;
        } else {
            stall += 1;
            if stall >= 30 {
                f /= 2.0;
                stall = 0;
            }
        }
        // The Lagrangian solution is feasible (p columns); its true weight is a lower bound.
        count.iter_mut().for_each(|k| *k = 0);
        for &j in &order[..p] {
            for &i in inst.col(j as usize) {
                count[i as usize] += 1;
            }
        }
        // Deflected subgradient (Camerini, Fratta & Maffioli 1975): half of the previous
        // direction is kept, which damps the zig-zag between near-tied columns.
        let mut covered = 0.0;
        let mut norm = 0.0;
        for i in 0..rows {
            if count[i] > 0 {
                covered += inst.weight[i];
            }
            let y = if inst.weight[i] > lambda[i] { 1.0 } else { 0.0 };
            dir[i] = f64::from(count[i]) - y + 0.5 * dir[i];
            norm += dir[i] * dir[i];
        }
        if covered > best.primal.0 {
            let mut set = order[..p].to_vec();
            set.sort_unstable();
            best.primal = (covered, set);
            lb = lb.max(covered);
        }
        if best.ub <= stop_at || f < 1e-3 || norm == 0.0 || limits.expired() {
            break;
        }
        let gap = (bound - lb).max(1e-6 * bound.abs().max(1.0));
        let t = f * gap / norm;
        for i in 0..rows {
            lambda[i] = (lambda[i] - t * dir[i]).clamp(0.0, inst.weight[i]);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::cover::incidence::tests_support::inc;

    #[test]
    fn triangle_cover_bound_is_one_and_a_half() {
        // rows {0,1} {1,2} {0,2}: LP optimum 1.5, integer optimum 2.
        let m = inc(&[&[0, 1], &[1, 2], &[0, 2]], &[1.0; 3], 3);
        let b = cover_bound(&m, None, 3.0, f64::INFINITY, 500, &Limits::default(), false);
        assert!(b.lb <= 1.5 + 1e-9 && b.lb > 1.4, "{}", b.lb);
        assert_eq!(b.cover.unwrap().len(), 2);
    }

    #[test]
    fn coverage_bound_is_an_upper_bound() {
        // p = 1: best column covers weight 5; bound must be >= 5 and close to it.
        let m = inc(&[&[0], &[0, 1], &[1], &[2]], &[2.0, 3.0, 1.0, 4.0], 3);
        let b = coverage_bound(&m, 1, None, 0.0, f64::NEG_INFINITY, 500, &Limits::default());
        assert!(b.ub >= 5.0 - 1e-9 && b.ub < 5.5, "{}", b.ub);
        assert_eq!(b.primal.0, 5.0);
    }
}
