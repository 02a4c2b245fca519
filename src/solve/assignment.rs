//! Which stop serves each demand point: the per-point result behind a catchment map (which
//! cell goes to which stop), for QGIS or geopandas.

use super::{Instance, SolveResult, Status};
use crate::model::CostUnit;
use crate::spatial::{Distances, SphereIndex};

/// One demand point and the stop that serves it.
#[derive(Debug, Clone, PartialEq)]
pub struct PointAssignment {
    /// The point (index into the instance's points).
    pub point: usize,
    /// The serving stop (site index): the solver's assignment in the capacitated p-median,
    /// else the nearest chosen stop by the distance in use; `None` when no chosen stop has a
    /// distance to the point (a cost matrix that lists no such pair) or nothing was chosen.
    pub stop: Option<usize>,
    /// The distance to it (metres, or minutes with a cost matrix of minutes).
    pub distance: Option<f64>,
    /// Whether that distance is within the radius.
    pub within_radius: bool,
}

/// Every demand point with the stop serving it, in point order. A capacitated MCLP may
/// split a point's weight between stops; its points are given their nearest chosen stop, and
/// the weight each stop serves is in the result's `stop_detail`. Benchmark data (no
/// positions) takes its distances from the matrix or plane the solver used, so a benchmark
/// plan can be checked and published as it is.
pub fn assignments(inst: &Instance, res: &SolveResult) -> Option<Vec<PointAssignment>> {
    let open = if res.outcome.status == Status::Infeasible {
        &[][..]
    } else {
        &res.outcome.open[..]
    };
    let Some(points) = inst.point_locations() else {
        return benchmark_assignments(inst, res, open);
    };
    let index = SphereIndex::new(points);
    let sites: Vec<_> = inst.sites.iter().filter_map(|s| s.location).collect();
    let distances = Distances::new(&index, &sites, inst.costs());
    let radius = res.params.radius_m;
    let served: Vec<Option<(usize, f64)>> = match &res.served_by {
        Some(plan) => {
            // Each stop's distance to every point once, not once per point.
            let to: Vec<Vec<Option<(usize, f64)>>> =
                open.iter().map(|&j| distances.nearest(&[j])).collect();
            plan.iter()
                .enumerate()
                .map(|(i, &j)| {
                    let k = open.iter().position(|&o| o == j)?;
                    to[k][i].map(|(_, d)| (j, d))
                })
                .collect()
        }
        None => distances
            .nearest(open)
            .into_iter()
            .map(|n| n.map(|(k, d)| (open[k], d)))
            .collect(),
    };
    Some(
        served
            .into_iter()
            .enumerate()
            .map(|(point, s)| PointAssignment {
                point,
                stop: s.map(|(j, _)| j),
                distance: s.map(|(_, d)| d),
                within_radius: s.is_some_and(|(_, d)| d <= radius),
            })
            .collect(),
    )
}

/// [`assignments`] for data without positions: the solver's assignment where it made one,
/// else the nearest chosen stop (lowest index on a tie); `None` when the instance has no
/// pairwise distances to read (it always has for benchmark files).
fn benchmark_assignments(
    inst: &Instance,
    res: &SolveResult,
    open: &[usize],
) -> Option<Vec<PointAssignment>> {
    let radius = res.params.radius_m;
    (0..inst.points())
        .map(|i| {
            let served = match &res.served_by {
                Some(plan) => match open.contains(&plan[i]) {
                    true => Some((plan[i], inst.pair_distance(i, plan[i])?)),
                    false => None,
                },
                None => open
                    .iter()
                    .map(|&j| inst.pair_distance(i, j).map(|d| (j, d)))
                    .collect::<Option<Vec<_>>>()?
                    .into_iter()
                    .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))),
            };
            Some(PointAssignment {
                point: i,
                stop: served.map(|(j, _)| j),
                distance: served.map(|(_, d)| d),
                within_radius: served.is_some_and(|(_, d)| d <= radius),
            })
        })
        .collect()
}

/// The name of the distance column of an assignments file: `distance_m`, or `minutes`.
pub fn distance_column(unit: CostUnit) -> &'static str {
    match unit {
        CostUnit::Metres => "distance_m",
        CostUnit::Minutes => "minutes",
    }
}
