//! Exact maximal covering (Church & ReVelle 1974): exactly `p` stops covering the most
//! weight, proven by Lagrangian branch and bound.
//!
//! Search: the Galvão–ReVelle Lagrangian bound at every node (warm-started from the parent's
//! multipliers), the Lagrangian solution as a primal candidate, Lagrangian cost tests that fix
//! columns in or out, dominated columns removed, and depth-first branching on the column the
//! relaxation values most ("open it" first). After each fixing the matrix is rebuilt: rows a
//! fixed stop covers leave (their weight is banked) and rows that become identical merge.

use super::incidence::{self, Incidence};
use super::interchange::{greedy, improve};
use super::lagrange::{coverage_bound, top_order};
use super::reduce::dominated_cols;
use super::setcover::{solve_cover, Goal};
use super::{check_weights, integral, pad, rules_problem, settled, Setup};
use crate::solve::{Limits, Outcome, SiteRules, Status};
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

struct Search<'a> {
    limits: &'a Limits,
    integral: bool,
    /// Tolerance for "no better": float noise in the bound, well below one unit of weight.
    tol: f64,
    best: f64,
    best_set: Vec<usize>,
    nodes: u64,
    aborted: bool,
}

impl Search<'_> {
    /// The local bound at or below which a node with `base` banked weight cannot beat the
    /// incumbent.
    fn prune_level(&self, base: f64) -> f64 {
        if self.integral {
            self.best - base + 1.0 - 2.0 * self.tol.max(1e-9)
        } else {
            self.best - base + self.tol
        }
    }

    fn record(&mut self, value: f64, fixed: &[usize], more: impl IntoIterator<Item = usize>) {
        if value > self.best + if self.integral { 0.5 } else { self.tol } {
            self.best = value;
            self.best_set = fixed.iter().copied().chain(more).collect();
            self.best_set.sort_unstable();
        }
    }

    /// Explores "choose `p` columns of `inst`, `fixed` already open with `base` weight".
    /// Returns an upper bound on what was left unexplored (−∞ when the subtree is done).
    fn node(
        &mut self,
        inst: Incidence,
        p: usize,
        base: f64,
        lambda: Option<Vec<f64>>,
        fixed: &mut Vec<usize>,
        depth: usize,
    ) -> f64 {
        let mark = fixed.len();
        let out = self.node_inner(inst, p, base, lambda, fixed, depth);
        fixed.truncate(mark);
        out
    }

    fn node_inner(
        &mut self,
        inst: Incidence,
        p: usize,
        base: f64,
        lambda: Option<Vec<f64>>,
        fixed: &mut Vec<usize>,
        depth: usize,
    ) -> f64 {
        self.nodes += 1;
        let (mut inst, mut p, mut base, mut lambda) = (inst, p, base, lambda);
        if self.limits.expired() {
            self.aborted = true;
            return base + quick_bound(&inst, p);
        }
        let iters = if depth == 0 { 1000 } else { 150 };
        loop {
            if p == 0 || inst.cols() <= p {
                let take = if p == 0 { 0 } else { inst.cols() };
                let value = base + if p == 0 { 0.0 } else { inst.total_weight() };
                self.record(value, fixed, inst.site[..take].iter().copied());
                return f64::NEG_INFINITY;
            }
            let drop = dominated_cols(&inst, 20 * inst.nnz() + 100_000);
            if drop.iter().any(|&d| d) {
                let keep: Vec<bool> = drop.iter().map(|&d| !d).collect();
                let (next, origin) = inst.restrict(&vec![true; inst.rows()], &keep, true);
                lambda = lambda.map(|l| origin.iter().map(|&r| l[r as usize]).collect());
                inst = next;
                continue;
            }
            let b = coverage_bound(
                &inst,
                p,
                lambda.take(),
                self.best - base,
                self.prune_level(base),
                iters,
                self.limits,
            );
            let (pv, pset) = &b.primal;
            if base + pv > self.best {
                let sites: Vec<usize> = pset.iter().map(|&j| inst.site[j as usize]).collect();
                self.record(base + pv, fixed, sites);
            }
            let level = self.prune_level(base);
            if b.ub <= level {
                return f64::NEG_INFINITY;
            }
            if self.limits.expired() {
                self.aborted = true;
                return base + b.ub;
            }
            // Lagrangian cost tests.
            let mut order = Vec::new();
            top_order(&b.value, &mut order, p + 1);
            let cp = b.value[order[p - 1] as usize];
            let cp1 = b.value[order[p] as usize];
            let mut in_top = vec![false; inst.cols()];
            for &j in &order[..p] {
                in_top[j as usize] = true;
            }
            let mut keep_col = vec![true; inst.cols()];
            let mut keep_row = vec![true; inst.rows()];
            let mut changed = false;
            for j in 0..inst.cols() {
                let c = b.value[j];
                if !in_top[j] && b.ub - cp + c <= level {
                    keep_col[j] = false;
                    changed = true;
                } else if in_top[j] && b.ub - c + cp1 <= level {
                    keep_col[j] = false;
                    fixed.push(inst.site[j]);
                    p -= 1;
                    for &i in inst.col(j) {
                        if keep_row[i as usize] {
                            keep_row[i as usize] = false;
                            base += inst.weight[i as usize];
                        }
                    }
                    changed = true;
                }
            }
            if changed {
                let (next, origin) = inst.restrict(&keep_row, &keep_col, true);
                lambda = Some(origin.iter().map(|&r| b.lambda[r as usize]).collect());
                inst = next;
                continue;
            }
            // Branch on the column of largest Lagrangian value: open it first, then close it.
            let j = order[0] as usize;
            let ub = base + b.ub;
            let mut keep_row = vec![true; inst.rows()];
            let mut gained = 0.0;
            for &i in inst.col(j) {
                keep_row[i as usize] = false;
                gained += inst.weight[i as usize];
            }
            let mut keep_col = vec![true; inst.cols()];
            keep_col[j] = false;
            let (child, origin) = inst.restrict(&keep_row, &keep_col, true);
            let child_lambda = origin.iter().map(|&r| b.lambda[r as usize]).collect();
            fixed.push(inst.site[j]);
            let r_in = self.node(
                child,
                p - 1,
                base + gained,
                Some(child_lambda),
                fixed,
                depth + 1,
            );
            fixed.pop();
            if self.aborted {
                return ub;
            }
            let (child, origin) = inst.restrict(&vec![true; inst.rows()], &keep_col, true);
            let child_lambda = origin.iter().map(|&r| b.lambda[r as usize]).collect();
            let r_out = self.node(child, p, base, Some(child_lambda), fixed, depth + 1);
            return r_in.max(r_out);
        }
    }
}

/// Exact maximal covering location (MCLP): exactly `rules.p` open sites (the required ones
/// among them, only allowed ones) maximising the total weight of the points within reach.
///
/// Why: with a fixed number of stops a council wants the plan that reaches the most people;
/// the proof tells it no other plan reaches more. `bound` is an upper bound on the optimum
/// (equal to the objective when `Optimal`). With a deadline, the best plan so far and the best
/// bound come back as `TimeLimit`. Infeasible rules (more required sites than `p`, fewer
/// allowed sites than `p`), weights that are negative or not finite, or a weight vector
/// shorter than the coverage's points give `Infeasible` with the reason.
pub fn mclp(cover: &Coverage, weight: &[f64], rules: &SiteRules, limits: &Limits) -> Outcome {
    let prep = match prepare(cover, weight, rules) {
        Ok(p) => p,
        Err(done) => return done,
    };
    let inst = &prep.inst;
    let total = inst.total_weight();
    let tol = 1e-9 * (1.0 + total + prep.base);
    // Incumbent: greedy + interchange.
    let mut open = greedy(inst, prep.p, None);
    let value = improve(inst, &mut open, limits);
    let mut search = Search {
        limits,
        integral: prep.integral,
        tol,
        best: f64::NEG_INFINITY,
        best_set: Vec::new(),
        nodes: 0,
        aborted: false,
    };
    search.record(
        prep.base + value,
        &prep.setup.required,
        open.iter().map(|&j| inst.site[j as usize]),
    );
    // When every row could be covered, a set cover of at most p columns settles it.
    if value < total - tol && !limits.expired() {
        let cover_search = solve_cover(inst.clone(), Goal::AtMost(prep.p), limits);
        if let Some(c) = cover_search.cover {
            search.record(prep.base + total, &prep.setup.required, c);
        }
    }
    let mut bound = prep.base + quick_bound(inst, prep.p);
    if search.best < prep.base + total - tol {
        let mut fixed = prep.setup.required.clone();
        let rest = search.node(inst.clone(), prep.p, prep.base, None, &mut fixed, 0);
        bound = rest.max(search.best).min(bound);
    }
    let status = if search.aborted {
        Status::TimeLimit
    } else {
        Status::Optimal
    };
    let open = pad(search.best_set, rules.p, &rules.allowed);
    let objective = super::coverage_of(cover, weight, &open);
    let bound = if status == Status::Optimal {
        objective
    } else if prep.integral {
        (bound + 2.0 * tol).floor().max(objective)
    } else {
        bound.max(objective)
    };
    Outcome {
        status,
        open,
        objective,
        bound,
        nodes: search.nodes,
        note: None,
    }
}
