//! Exact neighbour search on the sphere.
//!
//! Points are placed on a 3-D sphere of the Earth's mean radius. The straight-line (chord)
//! distance between two such points grows monotonically with their great-circle distance, so
//! "within R metres along the surface" is exactly "within chord 2·r·sin(R / 2r)" — an R-tree
//! query with no projection error anywhere on Earth. Each hit is then confirmed with geo's
//! Haversine distance, which is the distance every output reports.

use crate::error::{Error, Result};
use crate::model::LatLon;
use crate::param::Param;
use geo::{Distance, Haversine};
use rstar::{primitives::GeomWithData, RTree};
use std::time::{Duration, Instant};

/// The time an index is assumed to take per point when a deadline decides whether to start
/// it: twice what bulk-loading 2,000,000 points measured here.
pub const INDEX_SECONDS_PER_POINT: f64 = 1e-6;

/// Mean Earth radius used by geo's `Haversine` (GRS80 mean radius, 6,371,008.8 m).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres (geo's Haversine).
pub fn haversine_m(a: LatLon, b: LatLon) -> f64 {
    Haversine.distance(a.to_point(), b.to_point())
}

pub(crate) fn to_xyz(p: LatLon) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [
        EARTH_RADIUS_M * lat.cos() * lon.cos(),
        EARTH_RADIUS_M * lat.cos() * lon.sin(),
        EARTH_RADIUS_M * lat.sin(),
    ]
}

/// Squared chord length for a surface distance, widened slightly (by about a micrometre) so
/// points at exactly R are found by the tree and then decided by the Haversine check; compared
/// with a squared chord from [`SphereIndex::for_each_near`], it decides "within R" itself.
pub fn chord_sq(radius_m: f64) -> f64 {
    let half = (radius_m / (2.0 * EARTH_RADIUS_M)).min(std::f64::consts::FRAC_PI_2);
    let c = 2.0 * EARTH_RADIUS_M * half.sin();
    (c * (1.0 + 1e-9) + 1e-6).powi(2)
}

/// An R-tree over points of one kind (demand points, survey places, shops), answering "which
/// are within R metres of here" and "how far is the nearest".
pub struct SphereIndex {
    tree: RTree<GeomWithData<[f64; 3], usize>>,
    locations: Vec<LatLon>,
}

impl SphereIndex {
    /// Builds the index (bulk-loaded, O(n log n)).
    pub fn new(locations: &[LatLon]) -> Self {
        let items = locations
            .iter()
            .enumerate()
            .map(|(i, &p)| GeomWithData::new(to_xyz(p), i))
            .collect();
        SphereIndex {
            tree: RTree::bulk_load(items),
            locations: locations.to_vec(),
        }
    }

    /// [`SphereIndex::new`] that does not start when it cannot end before `deadline`: the bulk
    /// load cannot be stopped halfway, and on millions of points it takes about a second
    /// (2,000,000 points: 1 s here, 0.5 µs a point; [`INDEX_SECONDS_PER_POINT`] assumes
    /// twice that). Refused with a time-limit error naming what it would have indexed.
    pub fn new_until(locations: &[LatLon], deadline: Option<Instant>) -> Result<Self> {
        if let Some(d) = deadline {
            let need = Duration::from_secs_f64(locations.len() as f64 * INDEX_SECONDS_PER_POINT);
            if crate::budget::passed(deadline) || Instant::now() + need > d {
                return Err(Error::param(
                    Param::TimeLimitS,
                    format!(
                        "time to index the {} demand points (about {:.1} s)",
                        locations.len(),
                        need.as_secs_f64()
                    ),
                    "the limit ends first",
                ));
            }
        }
        Ok(Self::new(locations))
    }

    /// Number of indexed points.
    pub fn len(&self) -> usize {
        self.locations.len()
    }

    /// The indexed points, in the order given.
    pub fn locations(&self) -> &[LatLon] {
        &self.locations
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.locations.is_empty()
    }

    /// Indices and Haversine distances of all points within `radius_m` of `at`, sorted by index.
    pub fn within(&self, at: LatLon, radius_m: f64) -> Vec<(usize, f64)> {
        let mut hits: Vec<(usize, f64)> = self
            .tree
            .locate_within_distance(to_xyz(at), chord_sq(radius_m))
            .filter_map(|item| {
                let d = haversine_m(at, self.locations[item.data]);
                (d <= radius_m).then_some((item.data, d))
            })
            .collect();
        hits.sort_unstable_by_key(|h| h.0);
        hits
    }

    /// Calls `f` with the index of every point within `radius_m` of `at`, in no particular
    /// order, and its squared chord distance (compare with [`chord_sq`] of a distance): for
    /// loops over millions of pairs that only compare distances with thresholds. The chord
    /// grows with the great-circle distance, so the comparison needs no trigonometry per pair,
    /// no list and no sort (a map's pockets over 300,000 points spent seconds on those).
    pub fn for_each_near(&self, at: LatLon, radius_m: f64, mut f: impl FnMut(usize, f64)) {
        let q = to_xyz(at);
        for item in self.tree.locate_within_distance(q, chord_sq(radius_m)) {
            let p = item.geom();
            f(
                item.data,
                (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2),
            );
        }
    }

    /// About how many points lie within `radius_m` of each of `sites` in all, counted on an
    /// even sample of at most 256 sites (each count stopped at `cap`): what the coverage
    /// lists will hold, known before they are built. The sample is visited in a spread order
    /// and counting ends once 4 M points have been counted over at least 16 sites, so the
    /// estimate for lists of hundreds of millions of pairs takes a fraction of a second (it
    /// took seconds, beyond a short time limit, counting every sampled site to the end).
    pub fn estimate_pairs(&self, sites: &[LatLon], radius_m: f64, cap: usize) -> u64 {
        const SAMPLE: usize = 256;
        const ENOUGH: u64 = 1 << 22;
        if sites.is_empty() || self.is_empty() {
            return 0;
        }
        let step = sites.len().div_ceil(SAMPLE);
        let sample: Vec<&LatLon> = sites.iter().step_by(step).collect();
        let (mut found, mut counted) = (0u64, 0u64);
        // A stride prime to the sample's length visits each site once, and any prefix of the
        // visits spreads across the sample even when the sites are listed by district.
        let n = sample.len();
        let stride = [97, 89].into_iter().find(|s| n % s != 0).unwrap_or(1);
        for k in 0..n {
            let at = *sample[k * stride % n];
            found += self
                .tree
                .locate_within_distance(to_xyz(at), chord_sq(radius_m))
                .take(cap)
                .count() as u64;
            counted += 1;
            if found >= ENOUGH && counted >= 16 {
                break;
            }
        }
        found * sites.len() as u64 / counted
    }

    /// Indices and Haversine distances of the `k` points nearest `at`, nearest first (the
    /// order of the chord, which is the great-circle order): candidate sites around a spot.
    pub fn nearest_k(&self, at: LatLon, k: usize) -> Vec<(usize, f64)> {
        self.tree
            .nearest_neighbor_iter(&to_xyz(at))
            .take(k)
            .map(|item| (item.data, haversine_m(at, self.locations[item.data])))
            .collect()
    }

    /// Index and Haversine distance of the nearest point (ties to the lower index), or `None`
    /// when the index is empty.
    pub fn nearest(&self, at: LatLon) -> Option<(usize, f64)> {
        let q = to_xyz(at);
        let first = self.tree.nearest_neighbor(&q)?;
        // Chord order equals great-circle order; gather exact ties to keep the answer stable.
        let d0 = rstar::PointDistance::distance_2(first, &q);
        self.tree
            .locate_within_distance(q, d0 * (1.0 + 1e-12) + 1e-9)
            .map(|item| (item.data, haversine_m(at, self.locations[item.data])))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_known_distance() {
        // One degree of latitude on the mean sphere.
        let d = haversine_m(LatLon::new(35.0, 139.0), LatLon::new(36.0, 139.0));
        assert!((d - 111_195.08).abs() < 0.1, "{d}");
    }

    #[test]
    fn within_includes_points_at_exactly_the_radius() {
        let a = LatLon::new(35.35, 139.40);
        let b = LatLon::new(35.354, 139.40);
        let r = haversine_m(a, b);
        let idx = SphereIndex::new(&[b]);
        assert_eq!(idx.within(a, r).len(), 1);
        assert_eq!(idx.within(a, r * 0.999_999).len(), 0);
    }

    #[test]
    fn nearest_breaks_ties_by_index() {
        let p = LatLon::new(35.0, 139.0);
        let idx = SphereIndex::new(&[LatLon::new(35.01, 139.0), p, p]);
        assert_eq!(idx.nearest(p).unwrap().0, 1);
        assert!(SphereIndex::new(&[]).nearest(p).is_none());
    }

    #[test]
    fn the_pair_estimate_is_close_and_stops_counting_early_on_huge_lists() {
        // A 600 × 600 grid of points 10 m apart; 97 sites on a diagonal, each listed by its
        // district (in order), so a sample prefix from the front would see only one corner.
        let pts: Vec<LatLon> = (0..360_000)
            .map(|k| {
                LatLon::new(
                    35.0 + (k / 600) as f64 * 9e-5,
                    139.0 + (k % 600) as f64 * 1.1e-4,
                )
            })
            .collect();
        let index = SphereIndex::new(&pts);
        let sites: Vec<LatLon> = (0..97)
            .map(|k| LatLon::new(35.0 + k as f64 * 5.5e-4, 139.0 + k as f64 * 6.7e-4))
            .collect();
        let exact: usize = sites.iter().map(|&s| index.within(s, 1000.0).len()).sum();
        let est = index.estimate_pairs(&sites, 1000.0, usize::MAX) as f64;
        let err = (est - exact as f64).abs() / exact as f64;
        assert!(err < 0.2, "estimate {est} against {exact}");
        // With 4 M points counted after 16 sites or more, it stops: sites each reaching the
        // whole grid are estimated exactly anyway.
        let far = index.estimate_pairs(&sites, 1e6, usize::MAX);
        assert_eq!(far, 360_000 * 97);
        assert_eq!(index.estimate_pairs(&sites, 1e6, 10), 970);
    }

    #[test]
    fn an_index_that_cannot_end_in_time_is_not_started() {
        let pts = vec![LatLon::new(35.0, 139.0); 100_000];
        // 100,000 points are assumed to take 0.1 s: 10 ms left is refused, by name.
        let soon = Some(Instant::now() + Duration::from_millis(10));
        let e = SphereIndex::new_until(&pts, soon).err().expect("refused");
        assert!(
            e.to_string().contains("index the 100000 demand points"),
            "{e}"
        );
        let later = Some(Instant::now() + Duration::from_secs(60));
        assert_eq!(SphereIndex::new_until(&pts, later).unwrap().len(), 100_000);
        assert_eq!(SphereIndex::new_until(&pts, None).unwrap().len(), 100_000);
    }
}
