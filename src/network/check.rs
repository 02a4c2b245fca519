//! `network check`: what was read, who is off the network, and which pieces of the network
//! hold demand but no candidate (people no stop can reach along the streets, at any radius).

use super::{Graph, GraphStats, OffNetwork, ReadStats, Snapper};
use crate::model::LatLon;
use rayon::prelude::*;

/// A connected piece of the walking graph with demand joined to it and no candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct StrandedComponent {
    /// Demand point indices joined to it, ascending.
    pub points: Vec<usize>,
    /// Their total weight.
    pub weight: f64,
}

/// What `network check` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// What the reader saw.
    pub read: ReadStats,
    /// What was built.
    pub graph: GraphStats,
    /// Points and candidates farther than the snapping distance from any walkable street.
    pub off: OffNetwork,
    /// The weight of the points off network.
    pub off_weight: f64,
    /// Pieces of the network with demand and no candidate, heaviest first.
    pub stranded: Vec<StrandedComponent>,
}

/// Joins `points` (weighted by `weights`) and `sites` to `graph` and reports who is off it and
/// which connected pieces hold demand but no candidate.
pub fn check(
    graph: &Graph,
    read: ReadStats,
    points: &[LatLon],
    weights: &[f64],
    sites: &[LatLon],
    snap_max_m: f64,
) -> CheckReport {
    let snapper = Snapper::new(graph);
    let piece = graph.components();
    let piece_of = |p: &LatLon| {
        snapper
            .snap(graph, *p, snap_max_m)
            .map(|s| piece[graph.edges()[s.edge as usize].0 as usize])
    };
    let point_piece: Vec<Option<u32>> = points.par_iter().map(piece_of).collect();
    let site_piece: Vec<Option<u32>> = sites.par_iter().map(piece_of).collect();
    let off = OffNetwork {
        points: (0..points.len())
            .filter(|&i| point_piece[i].is_none())
            .collect(),
        sites: (0..sites.len())
            .filter(|&i| site_piece[i].is_none())
            .collect(),
    };
    let off_weight = off.points.iter().fold(0.0, |acc, &i| acc + weights[i]);
    let served: std::collections::HashSet<u32> = site_piece.iter().flatten().copied().collect();
    let mut stranded: std::collections::BTreeMap<u32, StrandedComponent> = Default::default();
    for (i, c) in point_piece.iter().enumerate() {
        if let Some(c) = c.filter(|c| !served.contains(c)) {
            let s = stranded.entry(c).or_insert(StrandedComponent {
                points: Vec::new(),
                weight: 0.0,
            });
            s.points.push(i);
            s.weight += weights[i];
        }
    }
    let mut stranded: Vec<StrandedComponent> = stranded.into_values().collect();
    stranded.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.points.cmp(&b.points)));
    CheckReport {
        read,
        graph: graph.stats(),
        off,
        off_weight,
        stranded,
    }
}
