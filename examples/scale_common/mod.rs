//! What the prefecture-scale examples share (`cover_stream`, `pcenter_scale`,
//! `pmedian_scale`): numeric arguments, and the synthetic data of `cover_scale` (10,000
//! candidate sites, seed 11), so their figures are on the same instance.

use mobile_stops::benchmarks::synthetic::{stream, DemandStream, SyntheticSpec};
use mobile_stops::LatLon;

/// The command line's numeric arguments, in order (anything else is skipped).
pub fn numbers() -> Vec<f64> {
    std::env::args()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect()
}

/// The sites of `points` demand points over a `side_km` square, and the demand as a stream
/// of chunks of a million points.
pub fn streamed(points: usize, side_km: f64) -> (Vec<LatLon>, DemandStream) {
    let spec = SyntheticSpec {
        demand_points: points,
        candidates: 10_000,
        stores: 0,
        survey_places: 0,
        side_km,
        seed: 11,
    };
    stream(&spec, 1 << 20)
}

/// [`streamed`], gathered: the sites, every point and its weight.
#[allow(dead_code)] // cover_stream keeps the stream
pub fn gathered(points: usize, side_km: f64) -> (Vec<LatLon>, Vec<LatLon>, Vec<f64>) {
    let (sites, chunks) = streamed(points, side_km);
    let (mut at, mut weight) = (Vec::with_capacity(points), Vec::with_capacity(points));
    for (pts, w) in chunks {
        at.extend(pts);
        weight.extend(w);
    }
    (sites, at, weight)
}
