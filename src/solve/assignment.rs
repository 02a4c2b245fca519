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

/// Every demand point of a planning instance with the stop serving it, in point order;
/// `None` for benchmark data, whose points have no positions. A capacitated MCLP may split a
/// point's weight between stops; its points are given their nearest chosen stop, and the
/// weight each stop serves is in the result's `stop_detail`.
pub fn assignments(inst: &Instance, res: &SolveResult) -> Option<Vec<PointAssignment>> {
    let points = inst.point_locations()?;
    let open = if res.outcome.status == Status::Infeasible {
        &[][..]
    } else {
        &res.outcome.open[..]
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

/// The name of the distance column of an assignments file: `distance_m`, or `minutes`.
pub fn distance_column(unit: CostUnit) -> &'static str {
    match unit {
        CostUnit::Metres => "distance_m",
        CostUnit::Minutes => "minutes",
    }
}
