//! Shortest walks from one site, stopped at the radius: a plain Dijkstra over the street graph,
//! with reusable arrays so a thread runs thousands of sites without reallocating.
//!
//! Costs may differ by direction (slopes, one-way streets), so a run says which way it goes:
//! out from the source (a truck leaving a stop), or in to it (residents walking to a stop,
//! found by walking the graph backwards from the stop).

use super::Graph;
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

/// Which way a run's paths go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the source to every node (driving from a place).
    Out,
    /// From every node to the source.
    In,
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

    /// Runs from the `starts` (nodes with the cost of reaching them from the source, or of
    /// reaching the source from them) up to `bound`, after clearing the previous run; then
    /// [`Workspace::reached`] lists every node within the bound and [`Workspace::metres`] its
    /// cost.
    pub(super) fn run(&mut self, graph: &Graph, starts: &[(u32, f64)], bound: f64, dir: Direction) {
        for &n in &self.reached {
            self.metres[n as usize] = f64::INFINITY;
        }
        self.reached.clear();
        self.queue.clear();
        for &(node, cost) in starts {
            self.offer(node, cost, bound);
        }
        while let Some(Queued { metres, node }) = self.queue.pop() {
            if metres > self.metres[node as usize] {
                continue;
            }
            for &(next, e) in graph.neighbours(node as usize) {
                let step = match dir {
                    Direction::Out => graph.cost_from(e as usize, node),
                    Direction::In => graph.cost_from(e as usize, next),
                };
                self.offer(next, metres + step, bound);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    /// Three nodes in a row; each segment costs 1 going east and 10 going west.
    fn uphill_west() -> Graph {
        let nodes = (0..3).map(|i| LatLon::new(35.0, 139.0 + 0.001 * f64::from(i)));
        Graph::from_parts(nodes.collect(), vec![(0, 1), (1, 2)]).with_costs(|_| [1.0, 10.0])
    }

    #[test]
    fn out_and_in_runs_follow_the_costs_of_their_direction() {
        let g = uphill_west();
        let mut ws = Workspace::new(3);
        ws.run(&g, &[(0, 0.0)], f64::INFINITY, Direction::Out);
        assert_eq!((ws.metres(1), ws.metres(2)), (1.0, 2.0));
        ws.run(&g, &[(0, 0.0)], f64::INFINITY, Direction::In);
        assert_eq!((ws.metres(1), ws.metres(2)), (10.0, 20.0));
        ws.run(&g, &[(0, 0.0)], 15.0, Direction::In);
        assert_eq!(ws.reached(), &[0, 1]);
        assert!(ws.metres(2).is_infinite());
    }

    #[test]
    fn a_closed_direction_is_never_taken() {
        let g = uphill_west().with_costs(|_| [1.0, f64::INFINITY]);
        let mut ws = Workspace::new(3);
        ws.run(&g, &[(2, 0.0)], f64::INFINITY, Direction::Out);
        assert_eq!(ws.reached(), &[2]);
        ws.run(&g, &[(2, 0.0)], f64::INFINITY, Direction::In);
        assert_eq!(ws.metres(0), 2.0);
    }
}
