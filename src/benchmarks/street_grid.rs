//! A seeded street graph of any size for measuring and testing the network coverage: a
//! perturbed grid of streets with missing blocks (parks, rail yards, dead ends) and a river
//! crossed by few bridges.
//!
//! No city-sized extract with a million street nodes can be shipped, and a plain grid would
//! flatter the search (every walk a diamond, no detour): the holes and the river make walks
//! bend and make a circle cover what the streets do not reach. The benchmark, the example that
//! measures its memory and the exactness test all build their graph here.

use crate::model::LatLon;
use crate::network::Graph;
use crate::spatial::EARTH_RADIUS_M;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StreetGridSpec {
    /// Grid nodes per side (the graph has about `side²` nodes, fewer those left in holes).
    pub side: u32,
    /// Distance between neighbouring crossings, metres.
    pub spacing_m: f64,
    /// Share of street segments missing at random (dead ends, private ground).
    pub missing_share: f64,
    /// Rectangular holes of up to 6 × 6 blocks with no street inside (parks, yards).
    pub holes: u32,
    /// Streets crossing the river, which runs east–west through the middle.
    pub bridges: u32,
    /// The random seed: the same spec gives the same graph.
    pub seed: u64,
}

impl StreetGridSpec {
    /// The benchmark's city: `side²` crossings 40 m apart, 10 % of the segments missing, a
    /// hole per 2,000 crossings, and a river with a bridge every 2 km.
    pub fn city(side: u32, seed: u64) -> StreetGridSpec {
        StreetGridSpec {
            side,
            spacing_m: 40.0,
            missing_share: 0.1,
            holes: side * side / 2000,
            bridges: (side / 50).max(1),
            seed,
        }
    }
}

/// The generated streets and the box they fill.
#[derive(Debug, Clone)]
pub struct StreetGrid {
    /// The street graph (nodes without any street are left out).
    pub graph: Graph,
    /// South-west corner of the grid.
    pub south_west: LatLon,
    /// North-east corner of the grid.
    pub north_east: LatLon,
}

/// The south-west corner: around Chigasaki, where the planners are.
const ORIGIN: LatLon = LatLon {
    lat: 35.30,
    lon: 139.35,
};

/// Builds the streets of `spec`.
pub fn street_grid(spec: &StreetGridSpec) -> StreetGrid {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let side = spec.side as usize;
    let dlat = (spec.spacing_m / EARTH_RADIUS_M).to_degrees();
    let dlon = dlat / ORIGIN.lat.to_radians().cos();
    let jitter = 0.3;
    let positions: Vec<LatLon> = (0..side * side)
        .map(|i| {
            let (row, col) = ((i / side) as f64, (i % side) as f64);
            LatLon::new(
                ORIGIN.lat + dlat * (row + rng.gen_range(-jitter..jitter)),
                ORIGIN.lon + dlon * (col + rng.gen_range(-jitter..jitter)),
            )
        })
        .collect();
    let mut open = vec![true; side * side];
    for _ in 0..spec.holes {
        let (h, w) = (rng.gen_range(2..=6), rng.gen_range(2..=6));
        let (r0, c0) = (rng.gen_range(0..side), rng.gen_range(0..side));
        for r in r0 + 1..(r0 + h).min(side) {
            for c in c0 + 1..(c0 + w).min(side) {
                open[r * side + c] = false;
            }
        }
    }
    let river = side / 2;
    let bridge_every = (side / spec.bridges.max(1) as usize).max(1);
    let mut edges = Vec::with_capacity(2 * side * side);
    for r in 0..side {
        for c in 0..side {
            let i = r * side + c;
            // East, then north (across the river only at a bridge).
            let east = (c + 1 < side).then_some(i + 1);
            let crosses = r == river && c % bridge_every != bridge_every / 2;
            let north = (r + 1 < side && !crosses).then_some(i + side);
            for j in [east, north].into_iter().flatten() {
                // A bridge is always there; other streets may be missing or in a hole.
                let bridge = r == river && j == i + side;
                let missing = !(open[i] && open[j]) || rng.gen_bool(spec.missing_share);
                if bridge || !missing {
                    edges.push((i as u32, j as u32));
                }
            }
        }
    }
    let graph = without_lone_nodes(positions, edges);
    let top = (side.max(1) - 1) as f64;
    StreetGrid {
        graph,
        south_west: ORIGIN,
        north_east: LatLon::new(ORIGIN.lat + dlat * top, ORIGIN.lon + dlon * top),
    }
}

/// Renumbers the nodes that have a street, keeping their order (so edges stay sorted).
fn without_lone_nodes(positions: Vec<LatLon>, edges: Vec<(u32, u32)>) -> Graph {
    let mut used = vec![false; positions.len()];
    for &(a, b) in &edges {
        used[a as usize] = true;
        used[b as usize] = true;
    }
    let mut number = vec![u32::MAX; positions.len()];
    let mut kept = Vec::new();
    for (i, p) in positions.into_iter().enumerate() {
        if used[i] {
            number[i] = kept.len() as u32;
            kept.push(p);
        }
    }
    let mut edges: Vec<(u32, u32)> = edges
        .into_iter()
        .map(|(a, b)| (number[a as usize], number[b as usize]))
        .collect();
    edges.sort_unstable();
    Graph::from_parts(kept, edges)
}

/// `n` places drawn uniformly over the grid's box (demand points or candidate sites).
pub fn places_in(grid: &StreetGrid, n: usize, seed: u64) -> Vec<LatLon> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (sw, ne) = (grid.south_west, grid.north_east);
    (0..n)
        .map(|_| {
            LatLon::new(
                rng.gen_range(sw.lat..=ne.lat),
                rng.gen_range(sw.lon..=ne.lon),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_river_is_crossed_only_at_its_bridges_and_holes_leave_nodes_out() {
        let spec = StreetGridSpec {
            holes: 10,
            ..StreetGridSpec::city(100, 1)
        };
        let g = street_grid(&spec);
        let nodes = g.graph.nodes();
        assert!(
            nodes.len() < 100 * 100 && nodes.len() > 9000,
            "{}",
            nodes.len()
        );
        let row = (g.north_east.lat - g.south_west.lat) / 99.0;
        let mid = g.south_west.lat + row * 50.5; // the river runs between rows 50 and 51
        let bank = |p: LatLon| p.lat > mid;
        let crossings = g
            .graph
            .edges()
            .iter()
            .filter(|&&(a, b)| bank(nodes[a as usize]) != bank(nodes[b as usize]))
            .count();
        assert_eq!(crossings, spec.bridges as usize);
        assert_eq!(street_grid(&spec).graph, g.graph, "seeded");
    }
}
