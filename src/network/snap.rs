//! Joining a point to the street network: the closest point of the closest walkable segment,
//! found with an R-tree over the segments.

use super::Graph;
use crate::model::LatLon;
use crate::spatial::{haversine_m, EARTH_RADIUS_M};
use rstar::primitives::{GeomWithData, Line};
use rstar::RTree;

/// Where a point joins the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    /// The segment it joins.
    pub edge: u32,
    /// Where on the segment.
    pub at: LatLon,
    /// The straight leg from the point to `at`, metres.
    pub leg_m: f64,
    /// From `at` along the segment to its first end (`a` of `(a, b)`), metres.
    pub to_a_m: f64,
    /// From `at` along the segment to its second end, metres.
    pub to_b_m: f64,
}

/// The segments in a plane (metres east and north, at one reference latitude) for finding the
/// nearest one; the lengths that are reported are great-circle lengths, never plane ones.
pub struct Snapper {
    tree: RTree<GeomWithData<Line<[f64; 2]>, u32>>,
    cos_lat: f64,
}

impl Snapper {
    /// Indexes the graph's segments.
    pub fn new(graph: &Graph) -> Snapper {
        let nodes = graph.nodes();
        let mean_lat = nodes.iter().map(|p| p.lat).sum::<f64>() / nodes.len().max(1) as f64;
        let cos_lat = mean_lat.to_radians().cos();
        let plane = |p: LatLon| project(p, cos_lat);
        let lines = graph
            .edges()
            .iter()
            .enumerate()
            .map(|(e, &(a, b))| {
                let line = Line::new(plane(nodes[a as usize]), plane(nodes[b as usize]));
                GeomWithData::new(line, e as u32)
            })
            .collect();
        Snapper {
            tree: RTree::bulk_load(lines),
            cos_lat,
        }
    }

    /// Where `p` joins `graph`; `None` when the nearest segment is farther than `max_m`
    /// (the point is off network). Of segments equally near, the lowest-numbered is taken.
    pub fn snap(&self, graph: &Graph, p: LatLon, max_m: f64) -> Option<Snap> {
        let q = project(p, self.cos_lat);
        let mut near = self.tree.nearest_neighbor_iter_with_distance_2(&q);
        let (first, d2) = near.next()?;
        let tie = d2 + 1e-9 * (1.0 + d2);
        let mut best = first.data;
        for (other, d) in near {
            if d > tie {
                break;
            }
            best = best.min(other.data);
        }
        let (a, b) = graph.edges()[best as usize];
        let (pa, pb) = (graph.nodes()[a as usize], graph.nodes()[b as usize]);
        let (qa, qb) = (project(pa, self.cos_lat), project(pb, self.cos_lat));
        let (dx, dy) = (qb[0] - qa[0], qb[1] - qa[1]);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((q[0] - qa[0]) * dx + (q[1] - qa[1]) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let at = LatLon::new(
            pa.lat + t * (pb.lat - pa.lat),
            pa.lon + t * (pb.lon - pa.lon),
        );
        let leg_m = haversine_m(p, at);
        (leg_m <= max_m).then(|| Snap {
            edge: best,
            at,
            leg_m,
            to_a_m: haversine_m(at, pa),
            to_b_m: haversine_m(at, pb),
        })
    }
}

/// Metres east and north of (0°, 0°) on a plane true to scale at the reference latitude.
fn project(p: LatLon, cos_lat: f64) -> [f64; 2] {
    [
        p.lon.to_radians() * cos_lat * EARTH_RADIUS_M,
        p.lat.to_radians() * EARTH_RADIUS_M,
    ]
}
