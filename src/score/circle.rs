//! What the streets change: the demand a walking circle would have counted but the streets do
//! not reach.
//!
//! A circle drawn around a stop crosses rivers, rail lines and expressways; people on the far
//! side are within the radius as the crow flies but not along any street. When distances are
//! walked along the streets (`--network`), a council should hear how many of them there are, so
//! the result is never read as if a circle had been drawn. Points off the network (too far from
//! any street to join it) are counted here too when a circle holds them, and named apart.

use crate::model::{Dataset, AGED_65_PLUS, POPULATION};
use crate::spatial::{Distances, SphereIndex};

/// The demand inside the straight-line radius of some stop but reached by none along the
/// streets.
#[derive(Debug, Clone, PartialEq)]
pub struct CircleOnly {
    /// The points, ascending.
    pub points: Vec<usize>,
    /// Their population, when the data have it.
    pub people: Option<f64>,
    /// Their residents aged 65+, when the data have it.
    pub aged: Option<f64>,
    /// Their weight, by the weights given.
    pub weight: f64,
    /// How many of them are off the network (no street within the snapping distance).
    pub off_network: usize,
}

/// The points within the straight-line `radius` of one of `stops` that `reached` (the streets'
/// reach of the same stops) leaves out, with their sums; `None` when the data's distances
/// are not walked along streets (then the circle is the reach, and there is nothing to name).
///
/// `index` holds the demand points and `weights` has one value per point.
pub fn circle_only(
    data: &Dataset,
    index: &SphereIndex,
    stops: &[usize],
    radius_m: f64,
    reached: &[bool],
    weights: &[f64],
) -> Option<CircleOnly> {
    let streets = data.streets.as_ref()?;
    let sites = data.candidates.data.locations();
    let straight = Distances::new(index, &sites, None).coverage_of(stops, radius_m);
    let mut inside = vec![false; reached.len()];
    for k in 0..stops.len() {
        for &i in straight.points_of(k) {
            inside[i as usize] = true;
        }
    }
    let points: Vec<usize> = (0..reached.len())
        .filter(|&i| inside[i] && !reached[i])
        .collect();
    let demand = &data.demand.data;
    let sum = |v: &[f64]| points.iter().map(|&i| v[i]).sum::<f64>();
    let off = &streets.data.off_points;
    Some(CircleOnly {
        people: demand.column(POPULATION).map(sum),
        aged: demand.column(AGED_65_PLUS).map(sum),
        weight: sum(weights),
        off_network: points
            .iter()
            .filter(|i| off.binary_search(i).is_ok())
            .count(),
        points,
    })
}

/// [`circle_only`] for a stop set measured from scratch: who the data's own distances (the
/// streets) reach from `stops` within `radius_m`, then who a circle would add. For a solve's
/// result, which has no comparison behind it.
pub fn circle_only_of(
    data: &Dataset,
    stops: &[usize],
    radius_m: f64,
    weights: &[f64],
) -> Option<CircleOnly> {
    data.streets.as_ref()?;
    let demand = &data.demand.data;
    let index = SphereIndex::new(&demand.locations);
    let sites = data.candidates.data.locations();
    let costs = data.site_costs();
    let walked = Distances::new(&index, &sites, costs.as_ref()).coverage_of(stops, radius_m);
    let mut reached = vec![false; demand.len()];
    for k in 0..stops.len() {
        for &i in walked.points_of(k) {
            reached[i as usize] = true;
        }
    }
    circle_only(data, &index, stops, radius_m, &reached, weights)
}
