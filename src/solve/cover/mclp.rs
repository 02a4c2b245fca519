//! Exact maximal covering (Church & ReVelle 1974): exactly `p` stops covering the most
//! weight, proven by Lagrangian branch and bound.
//!
//! Search: the Galvão–ReVelle Lagrangian bound at every node (warm-started from the parent's
//! multipliers), the Lagrangian solution as a primal candidate, Lagrangian cost tests that fix
//! columns in or out, dominated columns removed, and depth-first branching on the column the
//! relaxation values most ("open it" first). After each fixing the matrix is rebuilt: rows a
//! fixed stop covers leave (their weight is banked) and rows that become identical merge.

use super::incidence::Incidence;
use super::interchange::{greedy, improve};
use super::lagrange::{coverage_bound, top_order, CoverageBound};
pub(crate) use super::mclp_prepare::{prepare, quick_bound};
use super::reduce::dominated_cols;
use super::setcover::{solve_cover, Goal};
use super::{pad, Covering};
use crate::solve::search::{walk, Ending, Fold, Incumbent, Tree, Visit, Walked};
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::Coverage;

/// A node: choose `p` more columns of `inst`, with `fixed` already open and `base` weight
/// banked; `lambda` warm-starts the subgradient (one multiplier per row of `inst`).
struct Node {
    inst: Incidence,
    p: usize,
    base: f64,
    lambda: Option<Vec<f64>>,
    fixed: Vec<usize>,
}

/// The MCLP as a search tree.
struct Search<'a> {
    limits: &'a Limits,
    integral: bool,
    /// Tolerance for "no better": float noise in the bound, well below one unit of weight.
    tol: f64,
    incumbent: Incumbent<Covering>,
    /// Interchange from the root's first Lagrangian solution has been tried.
    root_improved: bool,
}

impl Tree for Search<'_> {
    type Node = Node;
    const FOLD: Fold = Fold::Greatest;
    const COUNT_LATE: bool = true;

    fn unexplored(&self, node: &Node) -> f64 {
        node.base + quick_bound(&node.inst, node.p)
    }

    /// Reduces the node (dominated columns, Lagrangian cost tests) until it settles, bounds
    /// it, and branches on the column of largest Lagrangian value: open it first, then close
    /// it.
    fn visit(&mut self, node: Node, depth: usize) -> Visit<Node> {
        let Node {
            mut inst,
            mut p,
            mut base,
            mut lambda,
            mut fixed,
        } = node;
        let iters = if depth == 0 { 1000 } else { 150 };
        loop {
            if p == 0 || inst.cols() <= p {
                let take = if p == 0 { 0 } else { inst.cols() };
                let value = base + if p == 0 { 0.0 } else { inst.total_weight() };
                self.record(value, &fixed, inst.site[..take].iter().copied());
                return Visit::Closed(f64::NEG_INFINITY);
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
                self.best() - base,
                self.prune_level(base),
                iters,
                self.limits,
            );
            let (pv, pset) = &b.primal;
            if base + pv > self.best() {
                let sites: Vec<usize> = pset.iter().map(|&j| inst.site[j as usize]).collect();
                self.record(base + pv, &fixed, sites);
            }
            if depth == 0 && !self.root_improved {
                self.root_interchange(&inst, base, &fixed, &b);
            }
            let level = self.prune_level(base);
            if b.ub <= level {
                return Visit::Closed(f64::NEG_INFINITY);
            }
            if self.limits.expired() {
                return Visit::Stopped(base + b.ub);
            }
            let mut cut = Cut {
                inst: &inst,
                p: &mut p,
                base: &mut base,
                fixed: &mut fixed,
            };
            if let Some((next, origin)) = cut.cost_tests(&b, level) {
                lambda = Some(origin.iter().map(|&r| b.lambda[r as usize]).collect());
                inst = next;
                continue;
            }
            return branch(&inst, p, base, &b, fixed);
        }
    }

    /// A node stopped while a child was being explored reports its own bound, which holds
    /// for the unexplored children too.
    fn settle(&self, bound: f64, joined: f64, ending: Ending) -> f64 {
        match ending {
            Ending::Cut => bound,
            Ending::Finished | Ending::Aborted => joined,
        }
    }
}

impl Search<'_> {
    /// The weight of the incumbent (−∞ before the first).
    fn best(&self) -> f64 {
        self.incumbent.value()
    }

    /// The local bound at or below which a node with `base` banked weight cannot beat the
    /// incumbent.
    fn prune_level(&self, base: f64) -> f64 {
        self.level_at(base, self.best())
    }

    /// [`Self::prune_level`] were the incumbent worth `best`.
    fn level_at(&self, base: f64, best: f64) -> f64 {
        if self.integral {
            best - base + 1.0 - 2.0 * self.tol.max(1e-9)
        } else {
            best - base + self.tol
        }
    }

    /// At the root the bound is usually tight (the LP optimum) while greedy plus interchange
    /// may sit in a poorer local optimum: interchange from the Lagrangian solution often
    /// reaches the optimum, and then the root closes without branching (SJC818, p 6,
    /// 1,200 m: 7 nodes before, 1 after). Tried once, and kept only when it closes the root:
    /// a better incumbent that does not also changes every later subgradient step, which on
    /// SJC818 p 10, 800 m meant more nodes, not fewer.
    fn root_interchange(
        &mut self,
        inst: &Incidence,
        base: f64,
        fixed: &[usize],
        b: &CoverageBound,
    ) {
        if b.ub <= self.prune_level(base) {
            return;
        }
        self.root_improved = true;
        let mut open = b.primal.1.clone();
        let v = improve(inst, &mut open, self.limits);
        if b.ub <= self.level_at(base, base + v) {
            let sites: Vec<usize> = open.iter().map(|&j| inst.site[j as usize]).collect();
            self.record(base + v, fixed, sites);
        }
    }

    fn record(&mut self, value: f64, fixed: &[usize], more: impl IntoIterator<Item = usize>) {
        let margin = if self.integral { 0.5 } else { self.tol };
        if value > self.best() + margin {
            let mut sites: Vec<usize> = fixed.iter().copied().chain(more).collect();
            sites.sort_unstable();
            self.incumbent.offer(Covering {
                value,
                sites,
                margin,
            });
        }
    }
}

/// The Lagrangian cost tests of one node, applied to its state.
struct Cut<'n> {
    inst: &'n Incidence,
    p: &'n mut usize,
    base: &'n mut f64,
    fixed: &'n mut Vec<usize>,
}

impl Cut<'_> {
    /// Fixes out every column whose opening would drop the bound to `level` or below and
    /// fixes in every column whose closing would (banking the weight it covers). The reduced
    /// matrix and its row origins when something was fixed.
    fn cost_tests(&mut self, b: &CoverageBound, level: f64) -> Option<(Incidence, Vec<u32>)> {
        let (inst, p) = (self.inst, *self.p);
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
                self.fixed.push(inst.site[j]);
                *self.p -= 1;
                for &i in inst.col(j) {
                    if keep_row[i as usize] {
                        keep_row[i as usize] = false;
                        *self.base += inst.weight[i as usize];
                    }
                }
                changed = true;
            }
        }
        changed.then(|| inst.restrict(&keep_row, &keep_col, true))
    }
}

/// The two children of a node: its column of largest Lagrangian value opened, then closed.
fn branch(
    inst: &Incidence,
    p: usize,
    base: f64,
    b: &CoverageBound,
    fixed: Vec<usize>,
) -> Visit<Node> {
    let mut order = Vec::new();
    top_order(&b.value, &mut order, p + 1);
    let j = order[0] as usize;
    let mut keep_row = vec![true; inst.rows()];
    let mut gained = 0.0;
    for &i in inst.col(j) {
        keep_row[i as usize] = false;
        gained += inst.weight[i as usize];
    }
    let mut keep_col = vec![true; inst.cols()];
    keep_col[j] = false;
    let child = |keep_row: &[bool]| {
        let (child, origin) = inst.restrict(keep_row, &keep_col, true);
        let lambda = origin.iter().map(|&r| b.lambda[r as usize]).collect();
        (child, Some(lambda))
    };
    let (opened, opened_lambda) = child(&keep_row);
    let mut with_j = fixed.clone();
    with_j.push(inst.site[j]);
    let (closed, closed_lambda) = child(&vec![true; inst.rows()]);
    Visit::Branch {
        bound: base + b.ub,
        children: vec![
            Node {
                inst: opened,
                p: p - 1,
                base: base + gained,
                lambda: opened_lambda,
                fixed: with_j,
            },
            Node {
                inst: closed,
                p,
                base,
                lambda: closed_lambda,
                fixed,
            },
        ],
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
        incumbent: Incumbent::new(None),
        root_improved: false,
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
    let mut walked = Walked {
        value: f64::NEG_INFINITY,
        nodes: 0,
        finished: true,
    };
    if search.best() < prep.base + total - tol {
        let root = Node {
            inst: inst.clone(),
            p: prep.p,
            base: prep.base,
            lambda: None,
            fixed: prep.setup.required.clone(),
        };
        walked = walk(&mut search, root, limits);
        bound = walked.value.max(search.best()).min(bound);
    }
    let status = if walked.finished {
        Status::Optimal
    } else {
        Status::TimeLimit
    };
    let best_set = search.incumbent.into_best().map_or(Vec::new(), |c| c.sites);
    let open = pad(best_set, rules.p, &rules.allowed);
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
        nodes: walked.nodes,
        note: None,
    }
}
