//! One depth-first branch and bound for every exact solver: the p-median, the capacitated
//! p-median, maximal covering, capacitated maximal covering and set covering.
//!
//! What differs between those searches is the problem: how a node is bounded, when it is a
//! leaf, how it splits. What they share is the walk: children explored depth first in the
//! order the problem gives them, the deadline checked before a node is worked on, nodes
//! counted, the search stopped for good at the first node the deadline interrupts, and a
//! bound on everything left unexplored folded back up the path to the root. A problem
//! implements [`Tree`]; [`walk`] does the rest, and [`Incumbent`] keeps the best solution.
//!
//! The walk is iterative (a stack of open nodes, each with its children still to explore),
//! so deep trees cannot overflow the thread's stack; the order and the folded bound are
//! those of the plain recursive search.

mod incumbent;
mod rounds;

pub(crate) use incumbent::{Candidate, Incumbent};
pub(crate) use rounds::{walk_rounds, Fork, Rounds};

use crate::solve::Limits;

/// What working on one node found.
pub(crate) enum Visit<N> {
    /// Nothing left to explore below the node (a leaf, pruned, or infeasible); the value is
    /// what the node reports to its parent's fold (see [`Tree::settle`]).
    Closed(f64),
    /// The deadline passed while working on the node; the value bounds what it leaves
    /// unexplored. The walk stops.
    Stopped(f64),
    /// Explore `children` depth first, in this order; `bound` is the node's own bound.
    Branch {
        /// The node's bound, valid for every child.
        bound: f64,
        /// Children, the one to explore first first.
        children: Vec<N>,
    },
}

/// How the values reported by a node's children combine: searches that minimise keep the
/// least unexplored bound, searches that maximise the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Keep the least value; nothing reported is `+∞`.
    Least,
    /// Keep the greatest value; nothing reported is `−∞`.
    Greatest,
}

impl Fold {
    /// The fold of no values.
    pub(crate) fn empty(self) -> f64 {
        match self {
            Fold::Least => f64::INFINITY,
            Fold::Greatest => f64::NEG_INFINITY,
        }
    }

    /// `a` and `b` folded.
    pub(crate) fn join(self, a: f64, b: f64) -> f64 {
        match self {
            Fold::Least => a.min(b),
            Fold::Greatest => a.max(b),
        }
    }
}

/// Why a node that branched is done, as its [`Tree::settle`] sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// Every child was explored and the walk goes on.
    Finished,
    /// Every child was visited, but the deadline interrupted the last one.
    Aborted,
    /// The walk stopped (deadline, or [`Tree::satisfied`]) with children left unexplored.
    Cut,
}

/// A problem searched by [`walk`]: its nodes, how one is worked on, and how the bounds of
/// what is left unexplored add up.
///
/// Why a trait: the five exact searches used to carry five copies of the same walk, each
/// with its own deadline and node-count handling; now they differ only in what is truly
/// theirs.
pub(crate) trait Tree {
    /// A subproblem.
    type Node;
    /// How the values children report combine.
    const FOLD: Fold;
    /// Whether a node reached after the deadline still counts as explored (kept per search
    /// so that node counts read as they always have).
    const COUNT_LATE: bool;

    /// The value of a node that can be dropped before any work (its inherited bound already
    /// prunes), or `None` to work on it. Such a node is not counted.
    fn skip(&mut self, _node: &Self::Node) -> Option<f64> {
        None
    }

    /// The bound a node reports when the deadline passes before it is worked on.
    fn unexplored(&self, node: &Self::Node) -> f64;

    /// Bounds the node, offers what it finds to the incumbent, and says whether it is closed
    /// or branches; `depth` is 0 at the root.
    fn visit(&mut self, node: Self::Node, depth: usize) -> Visit<Self::Node>;

    /// The value a node that branched reports: `bound` is its own, `joined` the fold of what
    /// its visited children reported. By default whatever stays open: the children's values,
    /// and the node's own bound when some children were never explored.
    fn settle(&self, bound: f64, joined: f64, ending: Ending) -> f64 {
        match ending {
            Ending::Cut => Self::FOLD.join(joined, bound),
            Ending::Finished | Ending::Aborted => joined,
        }
    }

    /// Whether the search has what it came for and should explore nothing more (set covering
    /// asked only whether a small enough cover exists).
    fn satisfied(&self) -> bool {
        false
    }
}

/// What a walk did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Walked {
    /// The root's settled value: the bound on what was left unexplored (the fold's empty
    /// value, or what the search reports for a closed tree, when nothing was).
    pub value: f64,
    /// Nodes worked on.
    pub nodes: u64,
    /// Whether the walk ended without the deadline interrupting it.
    pub finished: bool,
}

/// A node that branched, with the children still to explore.
struct Frame<N> {
    bound: f64,
    children: std::vec::IntoIter<N>,
    joined: f64,
}

/// Explores the tree below `root` depth first until it is exhausted, the deadline in
/// `limits` passes, or the tree is [`Tree::satisfied`].
pub(crate) fn walk<T: Tree>(tree: &mut T, root: T::Node, limits: &Limits) -> Walked {
    let mut walker = Walker {
        limits,
        nodes: 0,
        aborted: false,
    };
    let mut frames: Vec<Frame<T::Node>> = Vec::new();
    let mut report = walker.enter(tree, root, &mut frames);
    loop {
        if let Some(value) = report {
            let Some(parent) = frames.last_mut() else {
                return Walked {
                    value,
                    nodes: walker.nodes,
                    finished: !walker.aborted,
                };
            };
            parent.joined = T::FOLD.join(parent.joined, value);
        }
        let Some(frame) = frames.last_mut() else {
            unreachable!("a node that branched is open");
        };
        let halted = walker.aborted || tree.satisfied();
        let child = if halted { None } else { frame.children.next() };
        report = match child {
            Some(child) => walker.enter(tree, child, &mut frames),
            None => {
                let ending = if halted && frame.children.len() > 0 {
                    Ending::Cut
                } else if walker.aborted {
                    Ending::Aborted
                } else {
                    Ending::Finished
                };
                let (bound, joined) = (frame.bound, frame.joined);
                frames.pop();
                Some(tree.settle(bound, joined, ending))
            }
        };
    }
}

/// The walk's own state: the deadline, the node count and whether the deadline stopped it.
struct Walker<'a> {
    limits: &'a Limits,
    nodes: u64,
    aborted: bool,
}

impl Walker<'_> {
    /// Works on `node`; its value when it is done at once, `None` when it branched (its frame
    /// is then on `frames`).
    fn enter<T: Tree>(
        &mut self,
        tree: &mut T,
        node: T::Node,
        frames: &mut Vec<Frame<T::Node>>,
    ) -> Option<f64> {
        match self.visit(tree, node, frames.len()) {
            Visit::Closed(value) => Some(value),
            Visit::Stopped(value) => {
                self.aborted = true;
                Some(value)
            }
            Visit::Branch { bound, children } => {
                frames.push(Frame {
                    bound,
                    children: children.into_iter(),
                    joined: T::FOLD.empty(),
                });
                None
            }
        }
    }

    fn visit<T: Tree>(&mut self, tree: &mut T, node: T::Node, depth: usize) -> Visit<T::Node> {
        if let Some(value) = tree.skip(&node) {
            return Visit::Closed(value);
        }
        if T::COUNT_LATE {
            self.nodes += 1;
        }
        if self.limits.expired() {
            return Visit::Stopped(tree.unexplored(&node));
        }
        if !T::COUNT_LATE {
            self.nodes += 1;
        }
        tree.visit(node, depth)
    }
}
