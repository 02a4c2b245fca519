//! The walking graph: street nodes, the segments between them (walkable both ways, so
//! undirected), each as long as its great-circle length, in compact arrays.

use crate::budget::MemoryLimit;
use crate::error::Result;
use crate::model::LatLon;
use crate::spatial::haversine_m;
use std::collections::HashMap;

/// Bytes per graph node (position, adjacency offset, component label).
const BYTES_PER_NODE: u64 = 16 + 8 + 4 + 8;
/// Bytes per segment (ends, length, two adjacency entries, its R-tree entry for snapping).
const BYTES_PER_EDGE: u64 = 8 + 8 + 2 * 8 + 64;

/// Street nodes and segments. Nodes are numbered in OpenStreetMap id order and segments in
/// order of their ends, so the same extract gives the same graph whatever order it was read in.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    nodes: Vec<LatLon>,
    edges: Vec<(u32, u32)>,
    lengths_m: Vec<f64>,
    offsets: Vec<usize>,
    adjacent: Vec<(u32, u32)>,
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
    /// Builds the graph from the kept node positions and the walkable segments (by OSM ids,
    /// both present in `nodes`), refused first when it would not fit in `memory`.
    pub(super) fn build(
        nodes: &HashMap<i64, LatLon>,
        segments: Vec<(i64, i64)>,
        memory: MemoryLimit,
        file: &str,
    ) -> Result<Graph> {
        let mut ids: Vec<i64> = segments.iter().flat_map(|&(a, b)| [a, b]).collect();
        ids.sort_unstable();
        ids.dedup();
        memory.check(
            format!(
                "the walking graph of {file} ({} nodes, {} segments)",
                ids.len(),
                segments.len()
            ),
            ids.len() as u64 * BYTES_PER_NODE + segments.len() as u64 * BYTES_PER_EDGE,
            "use an extract cut closer to the data, or a smaller radius; ",
        )?;
        let index = |id: i64| ids.binary_search(&id).expect("every end is a kept node") as u32;
        let mut edges: Vec<(u32, u32)> = segments
            .into_iter()
            .map(|(a, b)| (index(a), index(b)))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| (a.min(b), a.max(b)))
            .collect();
        edges.sort_unstable();
        edges.dedup();
        let positions: Vec<LatLon> = ids.iter().map(|id| nodes[id]).collect();
        Ok(Graph::from_parts(positions, edges))
    }

    /// A graph from positions and undirected segments `(a, b)` with `a < b`, sorted, no
    /// duplicates; for readers and for tests that build a street grid by hand.
    pub fn from_parts(nodes: Vec<LatLon>, edges: Vec<(u32, u32)>) -> Graph {
        let lengths_m = edges
            .iter()
            .map(|&(a, b)| haversine_m(nodes[a as usize], nodes[b as usize]))
            .collect();
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
            offsets,
            adjacent,
        }
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
