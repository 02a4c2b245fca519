//! Depth-first branch and bound on the site variables, bounded by the Lagrangian relaxation.
//!
//! Each node fixes some sites open or closed, warm-starts the subgradient from its parent's
//! multipliers, and applies the reduction tests until they fix nothing more; most OR-Library
//! instances close at the root this way. A node that survives branches on the free site its
//! relaxation values most (open first, so the search dives towards good solutions). The
//! global bound of an unfinished search is the least bound over the nodes still open.

use super::costs::{Costs, Fix};
use super::interchange::Solution;
use super::lagrange::{initial_lambda, optimise, reduce, Incumbent, Schedule};
use crate::solve::Limits;

/// What a branch and bound proved.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    /// Best solution found.
    pub best: Solution,
    /// Lower bound on the optimum (the incumbent's cost when `finished`).
    pub bound: f64,
    /// Nodes whose relaxation was solved.
    pub nodes: u64,
    /// Whether the tree was exhausted (optimality proven).
    pub finished: bool,
}

/// A subproblem: site fixings, warm-start multipliers and a bound inherited from its parent.
struct Node {
    fix: Vec<Fix>,
    lambda: Vec<f64>,
    bound: f64,
}

const ROOT: Schedule = Schedule {
    iterations: 8000,
    patience: 60,
    factor: 2.0,
    min_factor: 1e-4,
    heuristic_every: 4,
};

const CHILD: Schedule = Schedule {
    iterations: 80,
    patience: 12,
    factor: 2.0,
    min_factor: 1e-3,
    heuristic_every: 8,
};

/// Solves the p-median of `costs` exactly, starting from `start` as incumbent.
pub(crate) fn branch_and_bound(costs: &Costs, start: Solution, limits: &Limits) -> Search {
    let mut incumbent = Incumbent::new(start);
    let root = Node {
        fix: costs.root_fixes(),
        lambda: initial_lambda(costs, &incumbent.best),
        bound: f64::NEG_INFINITY,
    };
    let mut stack = vec![root];
    let mut nodes = 0u64;
    let mut unfinished: Option<f64> = None;
    while let Some(mut node) = stack.pop() {
        if costs.prunes(node.bound, incumbent.best.cost) {
            continue;
        }
        if limits.expired() {
            unfinished = Some(node.bound);
            break;
        }
        nodes += 1;
        let schedule = if nodes == 1 { ROOT } else { CHILD };
        let mut rel = optimise(
            costs,
            &node.fix,
            &mut node.lambda,
            &schedule,
            &mut incumbent,
            limits,
        );
        node.bound = node.bound.max(rel.bound);
        let mut pruned = costs.prunes(node.bound, incumbent.best.cost);
        while !pruned && reduce(costs, &rel, &mut node.fix, incumbent.best.cost) > 0 {
            if limits.expired() {
                break;
            }
            let again = Schedule {
                factor: schedule.factor.min(0.5),
                iterations: schedule.iterations / 4,
                ..schedule
            };
            rel = optimise(
                costs,
                &node.fix,
                &mut node.lambda,
                &again,
                &mut incumbent,
                limits,
            );
            node.bound = node.bound.max(rel.bound);
            pruned = costs.prunes(node.bound, incumbent.best.cost);
        }
        if pruned {
            continue;
        }
        if limits.expired() {
            unfinished = Some(node.bound);
            break;
        }
        // Branch on the chosen free site of least ρ; a node whose free sites are all
        // decided by the count is a leaf (its only solution was offered to the incumbent).
        let rule = std::env::var("BR").unwrap_or_default();
        let frac = |j: usize| {
            if rule == "rho" {
                if rel.chosen[j] {
                    -rel.rho[j]
                } else {
                    -1e18
                }
            } else if rule == "hi" {
                rel.usage[j]
            } else {
                rel.usage[j].min(1.0 - rel.usage[j])
            }
        };
        let pick = if rel
            .chosen
            .iter()
            .zip(&node.fix)
            .any(|(&c, &f)| c && f == Fix::Free)
        {
            (0..costs.sites)
                .filter(|&j| node.fix[j] == Fix::Free)
                .max_by(|&a, &b| frac(a).total_cmp(&frac(b)).then(b.cmp(&a)))
        } else {
            None
        };
        let Some(j) = pick else {
            let open: Vec<usize> = (0..costs.sites)
                .filter(|&j| node.fix[j] == Fix::Open)
                .collect();
            if open.len() == costs.p {
                let s = Solution::of(costs, open);
                if s.better_than(&incumbent.best) {
                    incumbent.best = s;
                }
            }
            continue;
        };
        let mut closed = node.fix.clone();
        closed[j] = Fix::Closed;
        stack.push(Node {
            fix: closed,
            lambda: node.lambda.clone(),
            bound: node.bound,
        });
        node.fix[j] = Fix::Open;
        stack.push(node);
    }
    let best = incumbent.best;
    match unfinished {
        None => Search {
            bound: best.cost,
            best,
            nodes,
            finished: true,
        },
        Some(b) => {
            let open_bound = stack.iter().map(|n| n.bound).fold(b, f64::min);
            Search {
                bound: open_bound.min(best.cost),
                best,
                nodes,
                finished: false,
            }
        }
    }
}
