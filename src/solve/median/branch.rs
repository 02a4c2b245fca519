//! Depth-first branch and bound on the site variables, bounded by the Lagrangian relaxation.
//!
//! Each node fixes some sites open or closed, warm-starts the subgradient from its parent's
//! multipliers, and applies the reduction tests until they fix nothing more; most OR-Library
//! instances close at the root this way. A node that survives branches on the free site its
//! relaxation values most (open first, so the search dives towards good solutions). The
//! global bound of an unfinished search is the least bound over the nodes still open. The
//! walk itself (order, deadline, node count) is the shared [`walk`].

use super::costs::{Costs, Fix};
use super::interchange::Solution;
use super::lagrange::{initial_lambda, optimise, reduce, Incumbent, Relaxed, Schedule};
use crate::solve::search::{walk, Fold, Tree, Visit};
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
    let incumbent = Incumbent::new(start);
    let root = Node {
        fix: costs.root_fixes(),
        lambda: initial_lambda(costs, incumbent.best()),
        bound: f64::NEG_INFINITY,
    };
    let mut tree = Median {
        costs,
        incumbent,
        limits,
    };
    let walked = walk(&mut tree, root, limits);
    let best = tree.incumbent.into_best();
    Search {
        bound: if walked.finished {
            best.cost
        } else {
            walked.value.min(best.cost)
        },
        best,
        nodes: walked.nodes,
        finished: walked.finished,
    }
}

/// The p-median as a search tree.
struct Median<'a> {
    costs: &'a Costs,
    incumbent: Incumbent,
    limits: &'a Limits,
}

impl Tree for Median<'_> {
    type Node = Node;
    const FOLD: Fold = Fold::Least;
    const COUNT_LATE: bool = false;

    fn skip(&mut self, node: &Node) -> Option<f64> {
        self.prunes(node.bound).then_some(f64::INFINITY)
    }

    fn unexplored(&self, node: &Node) -> f64 {
        node.bound
    }

    fn visit(&mut self, mut node: Node, depth: usize) -> Visit<Node> {
        let schedule = if depth == 0 { ROOT } else { CHILD };
        let Some(rel) = self.bound(&mut node, schedule) else {
            return Visit::Closed(f64::INFINITY);
        };
        if self.limits.expired() {
            return Visit::Stopped(node.bound);
        }
        match self.pick(&node, &rel) {
            Some(j) => {
                let bound = node.bound;
                let mut closed = node.fix.clone();
                closed[j] = Fix::Closed;
                let closed = Node {
                    fix: closed,
                    lambda: node.lambda.clone(),
                    bound,
                };
                node.fix[j] = Fix::Open;
                Visit::Branch {
                    bound,
                    children: vec![node, closed],
                }
            }
            None => {
                self.leaf(&node);
                Visit::Closed(f64::INFINITY)
            }
        }
    }
}

impl Median<'_> {
    fn prunes(&self, bound: f64) -> bool {
        self.costs.prunes(bound, self.incumbent.cost())
    }

    /// Raises the node's bound by subgradient optimisation, re-optimising (with a quarter of
    /// the effort) after every round of reductions that fixes a site. `None` when the node
    /// is pruned.
    fn bound(&mut self, node: &mut Node, schedule: Schedule) -> Option<Relaxed> {
        let (costs, limits) = (self.costs, self.limits);
        let run = |node: &mut Node, schedule: &Schedule, incumbent: &mut Incumbent| {
            let rel = optimise(
                costs,
                &node.fix,
                &mut node.lambda,
                schedule,
                incumbent,
                limits,
            );
            node.bound = node.bound.max(rel.bound);
            rel
        };
        let mut rel = run(node, &schedule, &mut self.incumbent);
        let mut pruned = self.prunes(node.bound);
        while !pruned && reduce(costs, &rel, &mut node.fix, self.incumbent.cost()) > 0 {
            if limits.expired() {
                break;
            }
            let again = Schedule {
                factor: schedule.factor.min(0.5),
                iterations: schedule.iterations / 4,
                ..schedule
            };
            rel = run(node, &again, &mut self.incumbent);
            pruned = self.prunes(node.bound);
        }
        (!pruned).then_some(rel)
    }

    /// The free site to branch on: the most fractional one by the relaxation's usage, while
    /// the relaxation still chooses some free site. `None`: the node is a leaf (its free
    /// sites are all decided by the count, and its only solution was offered).
    fn pick(&self, node: &Node, rel: &Relaxed) -> Option<usize> {
        let frac = |j: usize| rel.usage[j].min(1.0 - rel.usage[j]);
        let free_chosen = rel
            .chosen
            .iter()
            .zip(&node.fix)
            .any(|(&c, &f)| c && f == Fix::Free);
        if !free_chosen {
            return None;
        }
        (0..self.costs.sites)
            .filter(|&j| node.fix[j] == Fix::Free)
            .max_by(|&a, &b| frac(a).total_cmp(&frac(b)).then(b.cmp(&a)))
    }

    /// Offers a leaf's open set, when it has exactly `p` sites, to the incumbent.
    fn leaf(&mut self, node: &Node) {
        let open: Vec<usize> = (0..self.costs.sites)
            .filter(|&j| node.fix[j] == Fix::Open)
            .collect();
        if open.len() == self.costs.p {
            self.incumbent.keep(Solution::of(self.costs, open));
        }
    }
}
