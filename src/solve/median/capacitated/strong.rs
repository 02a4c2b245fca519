//! Strong branching on sites: the few most fractional free sites are tried both ways with a
//! short subgradient run each, and the node splits on the one whose weaker child bound is
//! highest (product rule).
//!
//! Why: the knapsack bound moves little when one site is opened or closed (a neighbour takes
//! its place), so the most fractional site often leaves both children as hard as their
//! parent. Trying a handful of sites costs a few short runs per node but finds the splits
//! that actually raise the bound, and a side whose bound already prunes fixes the site.

use super::pseudo::{Origin, Pseudocosts, Side};
use super::relax::{Relaxed, View};
use super::subgradient::Schedule;
use super::{Capacitated, Node};
use crate::solve::median::costs::Fix;

/// Strong branching effort.
#[derive(Clone, Copy)]
pub(super) struct Strong {
    /// Candidate sites (the most fractional free ones) considered per node.
    pub(super) candidates: usize,
    /// Nodes visited before strong branching starts: a tree that closes within them is
    /// easy, and splitting it the ordinary way is cheaper.
    pub(super) after: u64,
    /// Subgradient run of each trial child.
    pub(super) trial: Schedule,
    /// A candidate measured this many times on both sides is ranked by its pseudocosts
    /// instead of a trial.
    pub(super) reliable: u32,
    /// Trials in a row that do not improve the best split before the rest are ranked by
    /// pseudocosts alone.
    pub(super) lookahead: usize,
    /// Subgradient run of a child that a trial already bounded.
    pub(super) tried_child: Schedule,
}

/// Twelve candidates from the 300th node on (trees that close sooner, such as the
/// Lorena–Senne SJC4a, split as before; trials from the root made it slower), a site
/// trusted after four measurements per side, 20 iterations per trial, and a tried child only
/// re-evaluated at the trial's multipliers. On Osman–Christofides problem 20 this took the
/// tree from 2,842 nodes (every candidate tried, each child re-optimised with 60 iterations)
/// to about 5,000 nodes at about a fifth of the work per node.
pub(super) const STRONG: Strong = Strong {
    candidates: 12,
    after: 300,
    trial: Schedule {
        iterations: 20,
        patience: 5,
        factor: 1.0,
        min_factor: 1e-3,
        // Trials belong to a full search: one repair at the end, as its other nodes.
        offer_every: 0,
    },
    reliable: 4,
    lookahead: 4,
    tried_child: Schedule {
        iterations: 0,
        patience: 10,
        factor: 2.0,
        min_factor: 1e-3,
        offer_every: 0,
    },
};

/// What splitting on one site gives.
enum Trial {
    /// Both sides prune: the node is closed.
    Closed,
    /// One side prunes: the other is the only child.
    Forced(Node),
    /// Both sides survive, with their bounds.
    Split(Node, Node),
}

/// The best split found so far: tried (its children already bounded) or only estimated.
enum Choice {
    Tried(Box<(Node, Node)>),
    Estimated(usize),
}

impl Capacitated<'_> {
    /// Children of a site-branching node chosen by reliability branching, or `None` when the
    /// node should split the ordinary way (strong branching off or not started, or no free
    /// site left). An empty vector closes the node.
    pub(super) fn strong_split(
        &mut self,
        node: &Node,
        view: &View,
        rel: &Relaxed,
    ) -> Option<Vec<Node>> {
        let strong = self.strong.filter(|s| self.visited >= s.after)?;
        let u = &rel.usage;
        let eps = 1e-6 * node.bound.abs().max(1.0);
        let estimate = |pc: &Pseudocosts, j: usize| {
            pc.gain(j, Side::Open, 1.0 - u[j]).max(eps) * pc.gain(j, Side::Close, u[j]).max(eps)
        };
        let frac = |j: usize| u[j].min(1.0 - u[j]);
        let mut sites: Vec<usize> = (0..self.data.m)
            .filter(|&j| view.fix[j] == Fix::Free)
            .collect();
        sites.sort_by(|&a, &b| frac(b).total_cmp(&frac(a)).then(a.cmp(&b)));
        sites.truncate(strong.candidates);
        let est: Vec<f64> = sites.iter().map(|&j| estimate(&self.pseudo, j)).collect();
        let mut order: Vec<usize> = (0..sites.len()).collect();
        order.sort_by(|&a, &b| est[b].total_cmp(&est[a]).then(a.cmp(&b)));
        let mut best: Option<(f64, Choice)> = None;
        let mut stale = 0;
        for k in order {
            let j = sites[k];
            let score = if self.pseudo.times(j) < strong.reliable
                && stale < strong.lookahead
                && !self.limits.expired()
            {
                match self.trial(node, j, u[j], &strong.trial) {
                    Trial::Closed => return Some(Vec::new()),
                    Trial::Forced(child) => return Some(vec![child]),
                    Trial::Split(open, close) => {
                        let score = (open.bound - node.bound).max(eps)
                            * (close.bound - node.bound).max(eps);
                        let better = best.as_ref().is_none_or(|b| score > b.0);
                        stale = if better { 0 } else { stale + 1 };
                        (score, Choice::Tried(Box::new((open, close))))
                    }
                }
            } else {
                (est[k], Choice::Estimated(j))
            };
            if best.as_ref().is_none_or(|b| score.0 > b.0) {
                best = Some(score);
            }
        }
        Some(match best?.1 {
            Choice::Tried(pair) => vec![pair.0, pair.1],
            Choice::Estimated(j) => [Side::Open, Side::Close]
                .map(|side| child(node, j, side, u[j], false))
                .into(),
        })
    }

    /// Opens, then closes, site `j` in copies of `node`, each bounded by a short run whose
    /// gain teaches the pseudocosts.
    fn trial(&mut self, node: &Node, j: usize, usage: f64, schedule: &Schedule) -> Trial {
        let mut side = |side: Side| {
            let mut c = child(node, j, side, usage, true);
            let origin = c.origin.expect("a trial child has an origin");
            let kept = self.bound(&mut c, *schedule);
            self.pseudo
                .record(&origin, c.bound.min(self.incumbent.cost()));
            kept.map(|(_, rel)| {
                c.usage = rel.usage;
                c
            })
        };
        let open = side(Side::Open);
        let close = side(Side::Close);
        match (open, close) {
            (None, None) => Trial::Closed,
            (Some(c), None) | (None, Some(c)) => Trial::Forced(c),
            (Some(o), Some(c)) => Trial::Split(o, c),
        }
    }
}

/// `node` with site `j` opened or closed, remembering the split for the pseudocosts.
pub(super) fn child(node: &Node, j: usize, side: Side, usage: f64, tried: bool) -> Node {
    let mut c = node.clone();
    let (fix, unit) = match side {
        Side::Open => (Fix::Open, 1.0 - usage),
        Side::Close => (Fix::Closed, usage),
    };
    c.fix[j] = fix;
    c.origin = Some(Origin {
        site: j,
        side,
        parent: node.bound,
        unit,
        tried,
    });
    c
}

#[cfg(test)]
mod tests {
    use super::super::{run, ROUNDS};
    use super::*;
    use crate::solve::median::capdata::random_instance;
    use crate::solve::Limits;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn strong_branching_from_the_root_proves_the_same_optima() {
        let mut rng = ChaCha8Rng::seed_from_u64(21);
        let from_root = Strong { after: 0, ..STRONG };
        let mut compared = 0;
        for _ in 0..6 {
            let (n, p) = (rng.gen_range(50..70), rng.gen_range(5..9));
            let Some(data) = random_instance(&mut rng, n, p, 1.05) else {
                continue;
            };
            let limits = Limits::default();
            let plain = run(&data, None, &limits, u64::MAX, None, ROUNDS);
            let strong = run(&data, None, &limits, u64::MAX, Some(from_root), ROUNDS);
            assert!(plain.finished && strong.finished);
            let cost = |s: &super::super::CapSearch| s.best.as_ref().map(|b| b.cost);
            assert_eq!(cost(&strong), cost(&plain));
            assert_eq!(strong.bound, plain.bound);
            compared += usize::from(plain.nodes > 1);
        }
        assert!(compared >= 3, "only {compared} instances needed branching");
    }
}
