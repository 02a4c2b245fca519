//! An MCLP made ready for its search: checked, the required sites' coverage banked, rows
//! aggregated and dominated columns removed, plus the one-pass bound a search stopped before
//! its first subgradient step still reports. Shared by the exact search and the heuristic.

use super::incidence::{self, Incidence};
use super::reduce::dominated_cols;
use super::{check_weights, integral, rules_problem, settled, Setup};
use crate::solve::{Outcome, SiteRules};
use crate::spatial::Coverage;

/// An MCLP reduced to what the search decides.
pub(crate) struct Prepared {
    pub(crate) setup: Setup,
    /// Weight covered by the required sites.
    pub(crate) base: f64,
    /// Rows not covered by required sites, columns = free sites not dominated.
    pub(crate) inst: Incidence,
    /// Stops left to choose.
    pub(crate) p: usize,
    /// All weights are whole numbers.
    pub(crate) integral: bool,
}

/// Validates and reduces an MCLP; `Err` carries a finished outcome (infeasible, or nothing
/// left to decide).
pub(crate) fn prepare(
    cover: &Coverage,
    weight: &[f64],
    rules: &SiteRules,
) -> Result<Prepared, Outcome> {
    let setup = rules_problem(cover, rules).map_err(Outcome::infeasible)?;
    check_weights(cover, weight, "weight").map_err(Outcome::infeasible)?;
    if let Some(reason) = rules.infeasibility() {
        return Err(Outcome::infeasible(reason));
    }
    let points = weight.len();
    let p = rules.p - setup.required.len();
    if p == 0 {
        return Err(settled(cover, weight, rules, setup.required));
    }
    let by_required = incidence::covered_by(cover, &setup.required, points);
    let base: f64 = weight
        .iter()
        .zip(&by_required)
        .filter(|(_, &c)| c)
        .map(|(w, _)| w)
        .sum();
    let keep: Vec<bool> = by_required
        .iter()
        .zip(weight)
        .map(|(&c, &w)| !c && w > 0.0)
        .collect();
    let inst = incidence::aggregate(cover, &setup.free, points, &keep, weight);
    let drop = dominated_cols(&inst, 50 * inst.nnz() + 1_000_000);
    let keep_col: Vec<bool> = drop.iter().map(|&d| !d).collect();
    let (inst, _) = inst.restrict(&vec![true; inst.rows()], &keep_col, true);
    if inst.cols() <= p {
        let mut open = setup.required.clone();
        open.extend_from_slice(&inst.site);
        return Err(settled(cover, weight, rules, open));
    }
    Ok(Prepared {
        setup,
        base,
        inst,
        p,
        integral: integral(weight),
    })
}

/// The Lagrangian bound at λ = w, capped by the total: the p largest column weights. Costs
/// one pass, so a search stopped before its first subgradient step still reports a bound.
pub(crate) fn quick_bound(inst: &Incidence, p: usize) -> f64 {
    let mut w: Vec<f64> = (0..inst.cols())
        .map(|j| inst.col(j).iter().map(|&i| inst.weight[i as usize]).sum())
        .collect();
    w.sort_unstable_by(|a, b| b.total_cmp(a));
    w.iter().take(p).sum::<f64>().min(inst.total_weight())
}
