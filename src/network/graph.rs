//! The street graph: nodes, the segments between them, each as long as its great-circle
//! length, and what crossing it costs in each direction, in compact arrays.
//!
//! On the flat a segment costs its length both ways. With hills the walk uphill costs more
//! than the walk down (Tobler), and a one-way street cannot be driven against its sign (an
//! infinite cost): the segments stay shared, only the two costs differ.

use super::Profile;
use crate::budget::MemoryLimit;
use crate::error::Result;
use crate::model::LatLon;
use crate::spatial::haversine_m;
use std::collections::HashMap;

/// Bytes per graph node (position, adjacency offset, component label).
const BYTES_PER_NODE: u64 = 16 + 8 + 4 + 8;
/// Bytes per segment (ends, length, two adjacency entries, its R-tree entry for snapping).
const BYTES_PER_EDGE: u64 = 8 + 8 + 16 + 2 * 8 + 64;

/// Refused when a graph of `nodes` and `segments` would not fit in `memory`: before one is
/// built, and when one is taken from the cache.
pub(super) fn fits(
    memory: MemoryLimit,
    profile: Profile,
    file: &str,
    nodes: usize,
    segments: usize,
) -> Result<()> {
    memory.check(
        format!(
            "the {} graph of {file} ({nodes} nodes, {segments} segments)",
            profile.noun()
        ),
        nodes as u64 * BYTES_PER_NODE + segments as u64 * BYTES_PER_EDGE,
        "use an extract cut closer to the data, or a smaller radius; ",
    )
}

/// Street nodes and segments. Nodes are numbered in OpenStreetMap id order and segments in
/// order of their ends, so the same extract gives the same graph whatever order it was read in.
///
/// The fields are open to the module so the cache can store and check them as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    pub(super) nodes: Vec<LatLon>,
    pub(super) edges: Vec<(u32, u32)>,
    pub(super) lengths_m: Vec<f64>,
    /// Per segment `(a, b)`: the cost from `a` to `b`, and from `b` to `a` (infinite: closed).
    pub(super) costs: Vec<[f64; 2]>,
    pub(super) offsets: Vec<usize>,
    pub(super) adjacent: Vec<(u32, u32)>,
}

/// Size of what was built, for `network check`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphStats {
    /// Street nodes (ends and bends of walkable segments).
    pub nodes: usize,
    /// Walkable segments (a segment two ways share counts once).
    pub segments: usize,
    /// Their total length in kilometres.
    pub walkable_km: f64,
}

impl Graph {
    /// Builds the graph from the kept node positions and the segments the profile uses (by
    /// OSM ids, both present in `nodes`, each with its cost per metre along `(from, to)` and
    /// back), refused first when it would not fit in `memory`. A segment two ways share keeps
    /// the cheaper cost in each direction, whatever order the ways came in.
    pub(super) fn build(
        nodes: &HashMap<i64, LatLon>,
        segments: Vec<(i64, i64, [f64; 2])>,
        memory: MemoryLimit,
        file: &str,
        profile: Profile,
    ) -> Result<Graph> {
        let mut ids: Vec<i64> = segments.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        ids.sort_unstable();
        ids.dedup();
        fits(memory, profile, file, ids.len(), segments.len())?;
        let index = |id: i64| ids.binary_search(&id).expect("every end is a kept node") as u32;
        let mut directed: Vec<((u32, u32), [f64; 2])> = segments
            .into_iter()
            .map(|(a, b, c)| (index(a), index(b), c))
            .filter(|(a, b, _)| a != b)
            .map(|(a, b, [ab, ba])| {
                if a < b {
                    ((a, b), [ab, ba])
                } else {
                    ((b, a), [ba, ab])
                }
            })
            .collect();
        directed.sort_unstable_by_key(|&(ends, _)| ends);
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(directed.len());
        let mut per_metre: Vec<[f64; 2]> = Vec::with_capacity(directed.len());
        for (ends, [ab, ba]) in directed {
            match (edges.last(), per_metre.last_mut()) {
                (Some(&last), Some(c)) if last == ends => *c = [c[0].min(ab), c[1].min(ba)],
                _ => {
                    edges.push(ends);
                    per_metre.push([ab, ba]);
                }
            }
        }
        let positions: Vec<LatLon> = ids.iter().map(|id| nodes[id]).collect();
        let graph = Graph::from_parts(positions, edges);
        let lengths = graph.lengths_m.clone();
        Ok(graph.with_costs(|e| per_metre[e].map(|r| times(lengths[e], r))))
    }

    /// A graph from positions and undirected segments `(a, b)` with `a < b`, sorted, no
    /// duplicates; for readers and for tests that build a street grid by hand.
    pub fn from_parts(nodes: Vec<LatLon>, edges: Vec<(u32, u32)>) -> Graph {
        let lengths_m: Vec<f64> = edges
            .iter()
            .map(|&(a, b)| haversine_m(nodes[a as usize], nodes[b as usize]))
            .collect();
        let costs = lengths_m.iter().map(|&m| [m, m]).collect();
        let mut degree = vec![0usize; nodes.len() + 1];
        for &(a, b) in &edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(nodes.len() + 1);
        let mut sum = 0;
        for d in &degree[..nodes.len()] {
            offsets.push(sum);
            sum += d;
        }
        offsets.push(sum);
        let mut fill = offsets.clone();
        let mut adjacent = vec![(0u32, 0u32); sum];
        for (e, &(a, b)) in edges.iter().enumerate() {
            for (from, to) in [(a, b), (b, a)] {
                adjacent[fill[from as usize]] = (to, e as u32);
                fill[from as usize] += 1;
            }
        }
        Graph {
            nodes,
            edges,
            lengths_m,
            costs,
            offsets,
            adjacent,
        }
    }

    /// The same streets with other costs: `cost(e)` gives segment `e`'s `[a → b, b → a]`
    /// (finite and not negative, or infinite where that direction is closed). Used for slopes
    /// (walking minutes from a DEM, as flat-equivalent metres) and for driving times.
    pub fn with_costs(mut self, cost: impl Fn(usize) -> [f64; 2]) -> Graph {
        self.costs = (0..self.edges.len()).map(cost).collect();
        self
    }

    /// The cost of crossing segment `e` from its end `from` to the other end.
    pub fn cost_from(&self, e: usize, from: u32) -> f64 {
        let [ab, ba] = self.costs[e];
        if self.edges[e].0 == from {
            ab
        } else {
            ba
        }
    }

    /// The cost of going `metres` along segment `e` from a point on it toward its end
    /// `toward` (the segment's cost in that direction, in proportion).
    pub fn cost_toward(&self, e: usize, toward: u32, metres: f64) -> f64 {
        let len = self.lengths_m[e];
        let [ab, ba] = self.costs[e];
        let full = if self.edges[e].1 == toward { ab } else { ba };
        if len > 0.0 {
            full * (metres / len)
        } else {
            0.0
        }
    }

    /// Whether every segment costs its length both ways (no slopes, no one-way streets):
    /// distances are then symmetric and in metres.
    pub fn is_flat(&self) -> bool {
        self.costs
            .iter()
            .zip(&self.lengths_m)
            .all(|(c, &m)| c[0] == m && c[1] == m)
    }

    /// Node positions, by node number.
    pub fn nodes(&self) -> &[LatLon] {
        &self.nodes
    }

    /// Segments as `(a, b)` node numbers, `a < b`.
    pub fn edges(&self) -> &[(u32, u32)] {
        &self.edges
    }

    /// Great-circle length of segment `e` in metres.
    pub fn length_m(&self, e: usize) -> f64 {
        self.lengths_m[e]
    }

    /// The neighbours of node `n` as `(node, segment)`.
    pub fn neighbours(&self, n: usize) -> &[(u32, u32)] {
        &self.adjacent[self.offsets[n]..self.offsets[n + 1]]
    }

    /// Nodes, segments and kilometres.
    pub fn stats(&self) -> GraphStats {
        GraphStats {
            nodes: self.nodes.len(),
            segments: self.edges.len(),
            walkable_km: self.lengths_m.iter().sum::<f64>() / 1000.0,
        }
    }

    /// The connected part each node belongs to, numbered from 0 in order of its lowest node.
    pub fn components(&self) -> Vec<u32> {
        let mut label = vec![u32::MAX; self.nodes.len()];
        let mut next = 0;
        let mut stack = Vec::new();
        for start in 0..self.nodes.len() {
            if label[start] != u32::MAX {
                continue;
            }
            label[start] = next;
            stack.push(start);
            while let Some(n) = stack.pop() {
                for &(m, _) in self.neighbours(n) {
                    if label[m as usize] == u32::MAX {
                        label[m as usize] = next;
                        stack.push(m as usize);
                    }
                }
            }
            next += 1;
        }
        label
    }
}

/// What `metres` cost at `per_metre`: a closed direction stays closed even on a segment of
/// no length (two nodes at one position), and a length of one unit per metre is kept exact.
fn times(metres: f64, per_metre: f64) -> f64 {
    if per_metre.is_infinite() {
        f64::INFINITY
    } else {
        metres * per_metre
    }
}
