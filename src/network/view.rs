//! The streets as the map draws them: every segment, and the stretches walked to each stop.

use super::dijkstra::{Direction, Workspace};
use super::{Graph, Snapper};
use crate::model::{LatLon, StreetView};

/// A built graph with its snapping index, kept for drawing after the distances are known.
pub struct StreetNet {
    graph: Graph,
    snapper: Snapper,
    snap_max_m: f64,
}

impl std::fmt::Debug for StreetNet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreetNet")
            .field("stats", &self.graph.stats())
            .field("snap_max_m", &self.snap_max_m)
            .finish()
    }
}

impl StreetNet {
    /// The graph and its index; points join it within `snap_max_m`.
    pub fn new(graph: Graph, snapper: Snapper, snap_max_m: f64) -> StreetNet {
        StreetNet {
            graph,
            snapper,
            snap_max_m,
        }
    }

    /// The graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }
}

/// The point `share` of the way from `from` to `to` (straight in latitude and longitude, as
/// a segment is drawn).
fn toward(from: LatLon, to: LatLon, share: f64) -> LatLon {
    LatLon::new(
        from.lat + share * (to.lat - from.lat),
        from.lon + share * (to.lon - from.lon),
    )
}

impl StreetView for StreetNet {
    fn segments(&self) -> Vec<[LatLon; 2]> {
        let nodes = self.graph.nodes();
        self.graph
            .edges()
            .iter()
            .map(|&(a, b)| [nodes[a as usize], nodes[b as usize]])
            .collect()
    }

    fn walked(&self, site: LatLon, reach: f64) -> Vec<[LatLon; 2]> {
        let g = &self.graph;
        let Some(s) = self.snapper.snap(g, site, self.snap_max_m) else {
            return Vec::new();
        };
        let e = s.edge as usize;
        let (a, b) = g.edges()[e];
        let starts = [
            (a, s.leg_m + g.cost_toward(e, b, s.to_a_m)),
            (b, s.leg_m + g.cost_toward(e, a, s.to_b_m)),
        ];
        let mut ws = Workspace::new(g.nodes().len());
        ws.run(g, &starts, reach, Direction::In);
        let nodes = g.nodes();
        let mut out = Vec::new();
        for (end, start_cost) in starts {
            if start_cost <= reach {
                out.push([s.at, nodes[end as usize]]);
            }
        }
        for &n in ws.reached() {
            let left = reach - ws.metres(n);
            for &(m, edge) in g.neighbours(n as usize) {
                let full = g.cost_from(edge as usize, m);
                let share = if full > 0.0 {
                    (left / full).min(1.0)
                } else {
                    1.0
                };
                let (from, to) = (nodes[n as usize], nodes[m as usize]);
                out.push([from, toward(from, to, share)]);
            }
        }
        out
    }
}
