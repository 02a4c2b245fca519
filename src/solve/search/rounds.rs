//! The same depth-first search, split among threads in rounds that do not depend on how many
//! threads there are.
//!
//! Why rounds: a branch and bound shares what it learns (the incumbent it prunes against,
//! the statistics it branches by) from one node to the next, so two threads sharing it live
//! would explore different trees from run to run. Here each round takes the next few open
//! nodes in depth-first order, explores below each one in a copy of the search (a fork that
//! knows everything learnt before the round) for a fixed number of nodes, and then takes back
//! what the forks learnt in the order the nodes were taken. Which nodes a round takes, how
//! far each fork goes and the order of the merge are fixed by [`Rounds`] alone, so the tree,
//! the node count and the answer are the same on one thread or many; threads only decide how
//! many forks run at once. What a fork cannot see is what its siblings find in the same
//! round, which is the price of that independence.

use super::{Tree, Visit, Walked, Walker};
use crate::solve::Limits;
use rayon::prelude::*;

/// A search whose state can be copied for a round and merged back.
pub(crate) trait Fork: Tree + Send + Sized
where
    Self::Node: Send,
{
    /// A copy that explores on its own for one round, knowing everything the search has
    /// learnt so far (`&mut` so the search may tidy what it shares first).
    fn fork(&mut self) -> Self;

    /// Takes back what `fork` learnt. Forks come back in the order they were made, so the
    /// merge never depends on which finished first.
    fn join(&mut self, fork: Self);
}

/// How a search is split: fixed numbers, never the thread count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rounds {
    /// Open nodes taken per round (at most this many forks run at once).
    pub width: usize,
    /// Nodes a fork works on before it hands back what is still open.
    pub budget: u64,
}

/// What one fork's dive left.
struct Dived<N> {
    /// Fold of the values its closed nodes reported.
    value: f64,
    /// Nodes still open, the next to explore last.
    open: Vec<(N, usize)>,
    nodes: u64,
    aborted: bool,
}

/// Explores the tree below `root` like [`super::walk`] (children in the order the problem
/// gives them, the deadline checked before each node), a round at a time.
///
/// What is left unexplored when the deadline passes reports [`Tree::unexplored`] per open
/// node, so a problem searched this way must keep the default [`Tree::settle`] and bound
/// every child it hands out.
pub(crate) fn walk_rounds<T>(tree: &mut T, root: T::Node, limits: &Limits, rounds: Rounds) -> Walked
where
    T: Fork,
    T::Node: Send,
{
    let mut open = vec![(root, 0)];
    let (mut value, mut nodes, mut aborted) = (T::FOLD.empty(), 0, false);
    while !open.is_empty() && !aborted && !tree.satisfied() {
        let take = rounds.width.max(1).min(open.len());
        let batch: Vec<(T::Node, usize)> = open.split_off(open.len() - take);
        let dived: Vec<(Option<T>, Dived<T::Node>)> = if take == 1 {
            let (node, depth) = batch.into_iter().next().expect("one node taken");
            vec![(None, dive(tree, node, depth, rounds.budget, limits))]
        } else {
            // The top of the stack (the batch's last) is the first to explore.
            let forks: Vec<T> = (0..take).map(|_| tree.fork()).collect();
            forks
                .into_par_iter()
                .zip(batch.into_par_iter().rev())
                .map(|(mut fork, (node, depth))| {
                    let d = dive(&mut fork, node, depth, rounds.budget, limits);
                    (Some(fork), d)
                })
                .collect()
        };
        let mut left = Vec::with_capacity(dived.len());
        for (fork, d) in dived {
            if let Some(fork) = fork {
                tree.join(fork);
            }
            value = T::FOLD.join(value, d.value);
            nodes += d.nodes;
            aborted |= d.aborted;
            left.push(d.open);
        }
        // The first fork's open nodes go on top, so depth-first order is kept.
        for rest in left.into_iter().rev() {
            open.extend(rest);
        }
    }
    for (node, _) in &open {
        value = T::FOLD.join(value, tree.unexplored(node));
    }
    Walked {
        value,
        nodes,
        finished: !aborted,
    }
}

/// Depth first below `root` until `budget` nodes are worked on, the subtree is exhausted, the
/// deadline passes or the tree is satisfied.
fn dive<T: Tree>(
    tree: &mut T,
    root: T::Node,
    depth: usize,
    budget: u64,
    limits: &Limits,
) -> Dived<T::Node> {
    let mut walker = Walker {
        limits,
        nodes: 0,
        aborted: false,
    };
    let mut open = vec![(root, depth)];
    let mut value = T::FOLD.empty();
    while walker.nodes < budget && !walker.aborted && !tree.satisfied() {
        let Some((node, depth)) = open.pop() else {
            break;
        };
        match walker.visit(tree, node, depth) {
            Visit::Closed(v) => value = T::FOLD.join(value, v),
            Visit::Stopped(v) => {
                walker.aborted = true;
                value = T::FOLD.join(value, v);
            }
            Visit::Branch { children, .. } => {
                open.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
            }
        }
    }
    Dived {
        value,
        open,
        nodes: walker.nodes,
        aborted: walker.aborted,
    }
}

#[cfg(test)]
mod tests;
