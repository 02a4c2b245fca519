//! Shortest walks from one site, stopped at the radius: a plain Dijkstra over the undirected
//! graph, with reusable arrays so a thread runs thousands of sites without reallocating.

use super::{Graph, Snap};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A node waiting in the queue, nearest first.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Queued {
    metres: f64,
    node: u32,
}

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .metres
            .total_cmp(&self.metres)
            .then(other.node.cmp(&self.node))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One thread's arrays: distances (infinite until reached), the nodes reached, the queue.
pub(super) struct Workspace {
    metres: Vec<f64>,
    reached: Vec<u32>,
    queue: BinaryHeap<Queued>,
}

impl Workspace {
    /// Arrays for a graph of `nodes` nodes.
    pub(super) fn new(nodes: usize) -> Workspace {
        Workspace {
            metres: vec![f64::INFINITY; nodes],
            reached: Vec::new(),
            queue: BinaryHeap::new(),
        }
    }

    /// Walks from `source` (a site joined to the network) up to `bound_m`, after clearing the
    /// previous run; then [`Workspace::reached`] lists every node within the bound and
    /// [`Workspace::metres`] its distance (the site's leg included).
    pub(super) fn run(&mut self, graph: &Graph, source: &Snap, bound_m: f64) {
        for &n in &self.reached {
            self.metres[n as usize] = f64::INFINITY;
        }
        self.reached.clear();
        self.queue.clear();
        let (a, b) = graph.edges()[source.edge as usize];
        for (node, along) in [(a, source.to_a_m), (b, source.to_b_m)] {
            self.offer(node, source.leg_m + along, bound_m);
        }
        while let Some(Queued { metres, node }) = self.queue.pop() {
            if metres > self.metres[node as usize] {
                continue;
            }
            for &(next, e) in graph.neighbours(node as usize) {
                self.offer(next, metres + graph.length_m(e as usize), bound_m);
            }
        }
    }

    fn offer(&mut self, node: u32, metres: f64, bound_m: f64) {
        let known = &mut self.metres[node as usize];
        if metres > bound_m || metres >= *known {
            return;
        }
        if known.is_infinite() {
            self.reached.push(node);
        }
        *known = metres;
        self.queue.push(Queued { metres, node });
    }

    /// The nodes the last run reached, in the order first reached.
    pub(super) fn reached(&self) -> &[u32] {
        &self.reached
    }

    /// The last run's distance to `node` (infinite when not reached).
    pub(super) fn metres(&self, node: u32) -> f64 {
        self.metres[node as usize]
    }
}
