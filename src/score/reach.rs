//! Who each site reaches within the walking radius (by the run's distances, and the
//! straight-line circle beside them when the distances are walked along streets), and the
//! radius a site is checked against the data's edge with.

use super::ScoreParams;
use crate::error::Result;
use crate::model::{Dataset, LatLon};
use crate::spatial::{Coverage, Distances, SphereIndex};

/// Who each site reaches; with streets (`--network`), also who the straight-line circle of
/// the same radius holds, so a council sees what the streets change.
pub(super) fn walking_coverage(
    data: &Dataset,
    sites: &[LatLon],
    params: &ScoreParams,
) -> Result<(Coverage, Option<Coverage>)> {
    let index = SphereIndex::new_until(&data.demand.data.locations, params.budget.deadline)?;
    let costs = data.site_costs();
    let per_pair = crate::spatial::BYTES_PER_PAIR;
    let reach = Distances::new(&index, sites, costs.as_ref()).coverage_within(
        params.radius_m,
        params.budget,
        per_pair,
    )?;
    let straight = match &data.streets {
        Some(_) => Some(Distances::new(&index, sites, None).coverage_within(
            params.radius_m,
            params.budget,
            per_pair,
        )?),
        None => None,
    };
    Ok((reach, straight))
}

/// The radius in metres a site's circle is checked against the data's edge with: the radius
/// itself, unless a cost matrix of minutes makes it a time (then only a site outside the data
/// is flagged, not one near its edge).
pub(super) fn edge_radius_m(data: &Dataset, params: &ScoreParams) -> f64 {
    match data.costs.as_ref().map(|c| c.data.unit) {
        Some(crate::model::CostUnit::Minutes) => 0.0,
        _ => params.radius_m,
    }
}
