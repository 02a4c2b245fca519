//! Single-source capacitated p-median: Lagrangian relaxation with one knapsack per site,
//! inside a branch and bound on sites, then on client–site assignments.
//!
//! A truck stop can only serve so many households in one visit, so the plain p-median's
//! "everyone to the nearest stop" can overload a stop. Relaxing the assignment constraints
//! `Σ_j x_ij = 1` with multipliers `λ_i` splits the problem into one 0-1 knapsack per site
//! ("which clients would this site take at prices `c_ij − λ_i`") and the choice of the `p`
//! best sites. That bound is far stronger than the LP of the textbook formulation. Only the
//! sites that can still be among the `p` best get an exact knapsack; the others keep their LP
//! bound, which is enough to rank them out. Nodes first branch on sites; once the open set is
//! decided they branch on assigning a contested client (assign here / never here).
//!
//! Modules: `relax` (the knapsack relaxation of one node), `subgradient` (its optimisation
//! and the reduction tests), `incumbent` (the best plan), `branch` (how a node splits),
//! `strong` (which site a node splits on once the tree proves hard); here
//! the search tree they make up, walked by the shared [`walk_rounds`] (a full search, split
//! among threads) or [`walk`] (a search bounded by nodes, already run in parallel batches).

mod branch;
mod incumbent;
mod pseudo;
mod relax;
mod strong;
mod subgradient;
#[cfg(test)]
mod tests;

use super::assign::Plan;
use super::capdata::CapData;
use super::costs::{prunes, report_bound, Fix};
use crate::solve::search::{walk, walk_rounds, Fold, Fork, Rounds, Tree, Visit};
use crate::solve::Limits;
use incumbent::Incumbent;
use pseudo::{Origin, Pseudocosts};
use relax::{Relaxed, View, Work};
use strong::{Strong, STRONG};
use subgradient::{optimise, reduce, Schedule, CHILD, FULL_CHILD, LIGHT, ROOT};

/// A subproblem of the capacitated search.
#[derive(Debug, Clone)]
struct Node {
    fix: Vec<Fix>,
    /// Site a client is fixed to (`usize::MAX`: free).
    fixed: Vec<usize>,
    /// Forbidden client–site pairs, `i * m + j`.
    forbid: Vec<usize>,
    lambda: Vec<f64>,
    bound: f64,
    /// The site split that made this node (`None`: the root or a client split).
    origin: Option<Origin>,
    /// Site usage of the trial run that bounded this node (empty: none), so a short run
    /// here still ranks sites by a long average.
    usage: Vec<f64>,
}

/// What the capacitated search proved.
pub(crate) struct CapSearch {
    /// Best plan found (`None`: none found, and `finished` then means none exists).
    pub best: Option<Plan>,
    /// Lower bound on the optimum.
    pub bound: f64,
    /// Nodes solved.
    pub nodes: u64,
    /// Whether the tree was exhausted.
    pub finished: bool,
}

/// Branch and bound for the capacitated p-median, from the plan `start` if one is known.
pub(crate) fn search(data: &CapData, start: Option<Plan>, limits: &Limits) -> CapSearch {
    search_nodes(data, start, limits, u64::MAX)
}

/// [`search`] that stops after `max_nodes` nodes (then `finished` is false). Why: the
/// regrouping heuristic wants the best plan of a small neighbourhood in bounded work, the
/// same whatever the clock says.
pub(crate) fn search_nodes(
    data: &CapData,
    start: Option<Plan>,
    limits: &Limits,
    max_nodes: u64,
) -> CapSearch {
    run(
        data,
        start,
        limits,
        max_nodes,
        (max_nodes == u64::MAX).then_some(STRONG),
        ROUNDS,
    )
}

/// [`search_nodes`] with the strong branching effort and the rounds of a full search given
/// (tests compare them with others).
fn run(
    data: &CapData,
    start: Option<Plan>,
    limits: &Limits,
    max_nodes: u64,
    strong: Option<Strong>,
    rounds: Rounds,
) -> CapSearch {
    let (n, m) = (data.n, data.m);
    let incumbent = Incumbent::new(start);
    let mut fix = vec![Fix::Closed; m];
    for &j in &data.allowed {
        fix[j] = if data.required[j] {
            Fix::Open
        } else {
            Fix::Free
        };
    }
    let lambda: Vec<f64> = (0..n)
        .map(|i| match incumbent.best() {
            Some(plan) => data.cost(i, plan.site[i]),
            None => 0.0,
        })
        .collect();
    let root = Node {
        fix,
        fixed: vec![usize::MAX; n],
        forbid: Vec::new(),
        lambda,
        bound: f64::NEG_INFINITY,
        origin: None,
        usage: Vec::new(),
    };
    let mut tree = Capacitated {
        data,
        incumbent,
        work: Work::default(),
        limits,
        visited: 0,
        forked_at: 0,
        max_nodes,
        root: if max_nodes == u64::MAX { ROOT } else { LIGHT },
        child: if max_nodes == u64::MAX {
            FULL_CHILD
        } else {
            CHILD
        },
        strong,
        pseudo: Pseudocosts::default(),
    };
    let walked = if max_nodes == u64::MAX {
        walk_rounds(&mut tree, root, limits, rounds)
    } else {
        walk(&mut tree, root, limits)
    };
    let finished = walked.finished && tree.visited < max_nodes;
    let best = tree.incumbent.into_best();
    let cost = best.as_ref().map_or(f64::INFINITY, |b| b.cost);
    CapSearch {
        bound: if finished {
            cost
        } else {
            report_bound(data.integral, walked.value, cost)
        },
        best,
        nodes: walked.nodes,
        finished,
    }
}

/// The capacitated p-median as a search tree.
struct Capacitated<'a> {
    data: &'a CapData,
    incumbent: Incumbent,
    work: Work,
    limits: &'a Limits,
    /// Nodes worked on, and the most the search may work on.
    visited: u64,
    max_nodes: u64,
    /// In a fork, the search's node count when it was made (strong branching starts after a
    /// count of nodes, which a fork continues).
    forked_at: u64,
    /// Effort at the root.
    root: Schedule,
    /// Effort below the root (trials and tried children aside).
    child: Schedule,
    /// Strong branching effort (none in a search bounded by nodes).
    strong: Option<Strong>,
    /// What the site splits so far did to the bound.
    pseudo: Pseudocosts,
}

impl Tree for Capacitated<'_> {
    type Node = Node;
    const FOLD: Fold = Fold::Least;
    const COUNT_LATE: bool = false;

    fn skip(&mut self, node: &Node) -> Option<f64> {
        self.prunes(node.bound).then_some(f64::INFINITY)
    }

    fn unexplored(&self, node: &Node) -> f64 {
        node.bound
    }

    fn satisfied(&self) -> bool {
        self.visited >= self.max_nodes
    }

    fn visit(&mut self, mut node: Node, depth: usize) -> Visit<Node> {
        self.visited += 1;
        let origin = node.origin.take();
        let schedule = match (depth, origin, self.strong) {
            (0, _, _) => self.root,
            (_, Some(o), Some(s)) if o.tried => s.tried_child,
            _ => self.child,
        };
        let bounded = self.bound(&mut node, schedule);
        if let Some(o) = origin {
            let bound = node.bound.min(self.incumbent.cost());
            self.pseudo.record(&o, bound);
        }
        let Some((view, rel)) = bounded else {
            return Visit::Closed(f64::INFINITY);
        };
        if self.limits.expired() {
            return Visit::Stopped(node.bound);
        }
        let strong = if branch::sites_undecided(self.data, &view, &rel) {
            self.strong_split(&node, &view, &rel)
        } else {
            None
        };
        let children = match strong {
            Some(children) => children,
            None => branch::branch(self.data, &node, &view, &rel),
        };
        if children.is_empty() {
            return Visit::Closed(f64::INFINITY);
        }
        Visit::Branch {
            bound: node.bound,
            children,
        }
    }
}

/// How the full search is split among threads (see [`walk_rounds`]): four open nodes per
/// round, 32 nodes each before they hand back what is left. Four forks keep two cores busy
/// when one subtree closes early; 32 nodes let a fork dive well below its start, while an
/// improved plan or a pseudocost reaches the other forks within a round. On
/// Osman–Christofides problem 20 this walked 4,784 nodes where one thread walking depth
/// first walks 4,694, in about two thirds of the time on two cores; wider rounds (8 to 16
/// forks) walked 5,600 to 7,800 there, each fork blind to more of its siblings' findings.
const ROUNDS: Rounds = Rounds {
    width: 4,
    budget: 32,
};

/// One node per round: the plain depth-first walk, for comparison in tests.
#[cfg(test)]
const SEQUENTIAL: Rounds = Rounds {
    width: 1,
    budget: u64::MAX,
};

impl Fork for Capacitated<'_> {
    fn fork(&mut self) -> Self {
        Capacitated {
            incumbent: self.incumbent.fork(),
            work: Work::default(),
            forked_at: self.visited,
            pseudo: self.pseudo.fork(),
            ..*self
        }
    }

    fn join(&mut self, fork: Self) {
        self.visited += fork.visited - fork.forked_at;
        self.incumbent.join(fork.incumbent);
        self.pseudo.join(fork.pseudo);
    }
}

impl Capacitated<'_> {
    fn prunes(&self, bound: f64) -> bool {
        prunes(self.data.integral, bound, self.incumbent.cost())
    }

    /// Raises the node's bound by subgradient optimisation, re-optimising (with a quarter of
    /// the effort) after every round of site reductions that fixes a site. The node's view
    /// and relaxation, or `None` when the node is pruned.
    fn bound(&mut self, node: &mut Node, schedule: Schedule) -> Option<(View, Relaxed)> {
        let (data, limits) = (self.data, self.limits);
        let mut view = View::new(data, node);
        let mut rel = self.optimise(node, &view, &schedule);
        let mut pruned = self.prunes(node.bound);
        while !pruned
            && !limits.expired()
            && reduce(data, &rel, node, &view, self.incumbent.cost()) > 0
        {
            view = View::new(data, node);
            let again = Schedule {
                iterations: schedule.iterations / 4,
                factor: schedule.factor.min(0.5),
                ..schedule
            };
            rel = self.optimise(node, &view, &again);
            pruned = self.prunes(node.bound);
        }
        (!pruned).then_some((view, rel))
    }

    /// One subgradient run; the node's bound rises to the relaxation's.
    fn optimise(&mut self, node: &mut Node, view: &View, schedule: &Schedule) -> Relaxed {
        let rel = optimise(
            self.data,
            node,
            view,
            schedule,
            &mut self.incumbent,
            &mut self.work,
            self.limits,
        );
        node.bound = node.bound.max(rel.bound);
        rel
    }
}
