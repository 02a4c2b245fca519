//! Street segments priced by their slopes: each direction costs the metres on the flat that
//! take as long to walk (Tobler), from the grid's heights at the ends and along the way.

use super::{flat_factor, Crs, Dem};
use crate::error::{Error, Location, Result};
use crate::model::LatLon;
use crate::network::{Area, Graph};
use rayon::prelude::*;

/// What the grid gave, for `network check` and every result that says which distance it used.
#[derive(Debug, Clone, PartialEq)]
pub struct HillStats {
    /// The grid file as named.
    pub file: String,
    /// Its reference, and whether it was assumed (an ASCII grid without `.prj`).
    pub crs: (Crs, bool),
    /// Lowest and highest street node, metres.
    pub min_m: f64,
    /// See `min_m`.
    pub max_m: f64,
    /// The sampling step along long segments (the grid's shorter cell side), metres.
    pub step_m: f64,
}

/// `graph` with each segment costing, in each direction, its flat-equivalent metres on the
/// slopes `dem` gives. Segments longer than a cell are walked in pieces of at most a cell, so
/// a street over a crest costs its climb and its descent, not the net rise. Every street node
/// and every sample must have an elevation: a node outside the grid or on a no-data cell is an
/// error naming the grid and where the missing part lies, never a silent flat.
pub fn hill_costs(graph: Graph, dem: &Dem) -> Result<(Graph, HillStats)> {
    let heights: Vec<Option<f64>> = graph
        .nodes()
        .par_iter()
        .map(|&p| dem.elevation(p))
        .collect();
    let missing: Vec<LatLon> = graph
        .nodes()
        .iter()
        .zip(&heights)
        .filter(|(_, h)| h.is_none())
        .map(|(p, _)| *p)
        .collect();
    if !missing.is_empty() {
        return Err(uncovered(
            dem,
            &missing,
            graph.nodes().len(),
            "street nodes",
        ));
    }
    let heights: Vec<f64> = heights.into_iter().flatten().collect();
    let step = dem.cell_m();
    let costs: Vec<std::result::Result<[f64; 2], LatLon>> = graph
        .edges()
        .par_iter()
        .enumerate()
        .map(|(e, &(a, b))| {
            let (a, b) = (a as usize, b as usize);
            let ends = (graph.nodes()[a], graph.nodes()[b]);
            segment(dem, ends, (heights[a], heights[b]), graph.length_m(e), step)
        })
        .collect();
    let holes: Vec<LatLon> = costs.iter().filter_map(|c| c.err()).collect();
    if !holes.is_empty() {
        return Err(uncovered(dem, &holes, costs.len(), "segments"));
    }
    let costs: Vec<[f64; 2]> = costs.into_iter().flatten().collect();
    let stats = HillStats {
        file: dem.file().to_string(),
        crs: dem.crs(),
        min_m: heights.iter().copied().fold(f64::INFINITY, f64::min),
        max_m: heights.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        step_m: step,
    };
    Ok((graph.with_costs(|e| costs[e]), stats))
}

/// One segment's `[a → b, b → a]` cost in flat-equivalent metres, in equal pieces no longer
/// than `step`; `Err` holds the first sample along it without elevation.
fn segment(
    dem: &Dem,
    (pa, pb): (LatLon, LatLon),
    (ha, hb): (f64, f64),
    length_m: f64,
    step: f64,
) -> std::result::Result<[f64; 2], LatLon> {
    if length_m <= 0.0 {
        return Ok([0.0, 0.0]);
    }
    let pieces = (length_m / step).ceil().max(1.0) as usize;
    let piece = length_m / pieces as f64;
    let mut cost = [0.0, 0.0];
    let mut last = ha;
    for i in 1..=pieces {
        let h = if i == pieces {
            hb
        } else {
            // Segments are short enough that a straight line in degrees is the great circle.
            let t = i as f64 / pieces as f64;
            let p = LatLon::new(
                pa.lat + t * (pb.lat - pa.lat),
                pa.lon + t * (pb.lon - pa.lon),
            );
            dem.elevation(p).ok_or(p)?
        };
        let slope = (h - last) / piece;
        cost[0] += piece * flat_factor(slope);
        cost[1] += piece * flat_factor(-slope);
        last = h;
    }
    Ok(cost)
}

/// The error for places without elevation: how many, of what, and the box they lie in, next
/// to the box the grid covers.
fn uncovered(dem: &Dem, missing: &[LatLon], total: usize, what: &str) -> Error {
    let mut area = Area::point(missing[0]);
    for p in missing {
        area.include(*p);
    }
    let outside = missing
        .iter()
        .filter(|p| !dem.bounds().contains(**p))
        .count();
    let holes = missing.len() - outside;
    let on = if what == "segments" {
        "points along"
    } else {
        "of"
    };
    Error::input(
        Location::file(dem.file()),
        format!(
            "an elevation grid covering every street of the area, with data under each (the \
             grid covers {})",
            dem.bounds()
        ),
        format!(
            "{} {on} {total} {what} without elevation ({outside} outside the grid, {holes} on \
             no-data cells), in {area}",
            missing.len()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::dem::tobler_kmh;

    /// A grid rising `rise` metres per degree of latitude northwards, around 35.0 N 139.0 E.
    fn tilted(rise: f64, hole: bool) -> Dem {
        let (n, d) = (21, 0.0005);
        let north = 35.005;
        let mut cells: Vec<f32> = (0..n * n)
            .map(|i| ((north - (i / n) as f64 * d - 35.0) * rise) as f32)
            .collect();
        if hole {
            cells[10 * n + 10] = f32::NAN;
        }
        Dem::new(
            "hill.asc",
            Crs::Jgd2011,
            false,
            (n, n),
            (138.995, north),
            (d, d),
            cells,
        )
        .unwrap()
    }

    fn street(points: &[(f64, f64)]) -> Graph {
        let nodes = points.iter().map(|&(a, b)| LatLon::new(a, b)).collect();
        let edges = (0..points.len() as u32 - 1).map(|i| (i, i + 1)).collect();
        Graph::from_parts(nodes, edges)
    }

    #[test]
    fn uphill_costs_more_than_downhill_by_toblers_ratio() {
        // 0.002° of latitude ≈ 222 m; 1000 m per degree gives a 2 m rise: under 1 %.
        for rise in [1000.0, 45_000.0] {
            let g = street(&[(34.999, 139.0), (35.001, 139.0)]);
            let len = g.length_m(0);
            let (g, stats) = hill_costs(g, &tilted(rise, false)).unwrap();
            let slope = rise * 0.002 / len;
            let (up, down) = (g.cost_from(0, 0), g.cost_from(0, 1));
            assert!(up > down, "{up} {down}");
            assert!((up / len - tobler_kmh(0.0) / tobler_kmh(slope)).abs() < 1e-4);
            assert!((down / len - tobler_kmh(0.0) / tobler_kmh(-slope)).abs() < 1e-4);
            assert!(stats.max_m > stats.min_m);
        }
    }

    #[test]
    fn a_street_over_a_crest_pays_the_climb_and_the_descent() {
        let n = 11;
        let cells: Vec<f32> = (0..n * n)
            .map(|i| 150.0 - 30.0 * ((i / n) as f32 - 5.0).abs())
            .collect();
        let dem = Dem::new(
            "c.asc",
            Crs::Wgs84,
            false,
            (n, n),
            (139.0, 35.005),
            (0.001, 0.001),
            cells,
        )
        .unwrap();
        let g = street(&[(34.996, 139.005), (35.004, 139.005)]);
        let len = g.length_m(0);
        let (g, _) = hill_costs(g, &dem).unwrap();
        // Both ends stand at about the same height: a flat guess would cost the length.
        assert!(g.cost_from(0, 0) > 1.3 * len && g.cost_from(0, 1) > 1.3 * len);
    }

    #[test]
    fn nodes_outside_or_on_holes_are_named_with_their_box() {
        let g = street(&[(35.0, 139.0), (35.0, 139.004), (35.0, 139.02)]);
        let e = hill_costs(g, &tilted(100.0, false))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("hill.asc") && e.contains("1 of 3 street nodes"),
            "{e}"
        );
        assert!(
            e.contains("1 outside the grid") && e.contains("longitude 139.0200"),
            "{e}"
        );
        let g = street(&[(35.0, 139.0), (35.0001, 139.0001)]);
        let e = hill_costs(g, &tilted(100.0, true)).unwrap_err().to_string();
        assert!(
            e.contains("2 of 2 street nodes") && e.contains("2 on no-data"),
            "{e}"
        );
    }
}
