//! The streets as a demand × candidate cost table: what `--network` gives every command, so
//! the ranking, every model and the report read walking distances along the streets the same
//! way they read a cost matrix from a file.

use super::{network_lists, NetworkSpec, OffNetwork, ReadStats, Snapper, StreetNet};
use crate::budget::Budget;
use crate::error::Result;
use crate::model::{CostTable, CostUnit, LatLon};

/// The table and what it was walked on.
#[derive(Debug)]
pub struct StreetCosts {
    /// Per candidate, the demand within the reach along the streets.
    pub table: CostTable,
    /// Who could not be joined to the streets.
    pub off: OffNetwork,
    /// What the reader saw.
    pub read: ReadStats,
    /// The graph, for drawing.
    pub net: StreetNet,
}

/// Walks from each of `sites` (ids and positions) to the `points` within the spec's reach
/// along the streets of its extract, read around all of them.
pub fn street_costs(
    spec: &NetworkSpec,
    points: &[LatLon],
    sites: &[(String, LatLon)],
    budget: Budget,
) -> Result<StreetCosts> {
    let locations: Vec<LatLon> = sites.iter().map(|s| s.1).collect();
    let all: Vec<LatLon> = points.iter().chain(&locations).copied().collect();
    let (graph, read) = spec.graph(&all, spec.reach, budget)?;
    let snapper = Snapper::new(&graph);
    let reach = spec.reach.unwrap_or(f64::INFINITY);
    let lists = network_lists(
        &graph,
        &snapper,
        points,
        &locations,
        reach,
        spec.snap_max_m,
        budget,
    )?;
    let ids = sites.iter().map(|s| s.0.clone()).collect();
    let entries: Vec<(usize, u32, f64)> = lists
        .lists
        .iter()
        .enumerate()
        .flat_map(|(c, l)| l.iter().map(move |&(i, m)| (c, i as u32, m)))
        .collect();
    let table = CostTable::from_sorted(CostUnit::Metres, ids, points.len(), entries.into_iter());
    Ok(StreetCosts {
        table,
        off: lists.off,
        read,
        net: StreetNet::new(graph, snapper, spec.snap_max_m),
    })
}
