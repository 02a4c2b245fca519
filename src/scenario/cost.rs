//! How much work a scenario is expected to be, before it runs: for a progress bar's ETA (a
//! batch whose last rows are p = 50 at 800 m is not nearly done when most rows are), and for
//! splitting a batch into shards of equal work.
//!
//! The estimate is in arbitrary units, comparable only between scenarios of one dataset. It
//! follows what the solvers spend their time on: the covering models (MCLP, LSCP) walk the
//! walking-radius pairs (demand point × site within the radius) once per subgradient round
//! and branch node, and the per-stop re-solves repeat that once per chosen stop; p-median and
//! p-center work on the dense point × site distances. The number of pairs is estimated from
//! a fixed sample of the data's point-to-site distances, so it follows the data's layout (a
//! radius that reaches most sites costs as much as the dense models) without building any
//! coverage.
//!
//! Calibrated on uniform synthetic data (5,000 points × 200 sites and 20,000 × 500, one
//! thread, every row with its re-solves): one unit took 0.1–0.4 µs across the four models,
//! p from 2 to 40 and radii from 200 to 800 m. What no count predicts is the rare instance
//! whose branch and bound runs 10–100 times longer than its size suggests (MCLP p = 20 at
//! 800 m on the smaller data); an ETA is then too short until that row ends.

use super::spec::Scenario;
use crate::model::{Dataset, LatLon};
use crate::solve::{Method, Model, SolveParams};

/// Demand points sampled (evenly spread over the file order) to estimate the pairs.
const SAMPLE_POINTS: usize = 128;
/// Sites sampled the same way.
const SAMPLE_SITES: usize = 1024;
/// Ratio between neighbouring distance bins (1 %): the pairs at any radius are read to
/// within about 1 % of it.
const BIN_RATIO: f64 = 1.01;
/// Distances are binned from 1 m up to this (further pairs count as "beyond every radius").
const MAX_DISTANCE_M: f64 = 2.0e7;
/// A generic MIP (`method = "mip"`) is slower than the specialised solvers by about this.
const MIP_FACTOR: f64 = 20.0;
/// Capacities turn each solve into flows: slower by about this.
const CAPACITY_FACTOR: f64 = 4.0;
/// A p-center re-solve costs about this share of its first solve.
const PCENTER_RESOLVE: f64 = 0.1;

/// The data's side of the estimate, computed once per dataset and shared by every scenario.
#[derive(Debug, Clone)]
pub struct CostModel {
    points: usize,
    sites: usize,
    /// `cumulative[k]`: the share of sampled point-site pairs closer than bin `k + 1`'s
    /// lower edge.
    cumulative: Vec<f64>,
}

/// The expected work of `s` on `data` (arbitrary units; a bigger number takes longer). For
/// many scenarios on one dataset build a [`CostModel`] once instead.
///
/// ```
/// use mobile_stops::io::text::SourceText;
/// use mobile_stops::scenario::{cost::expected_cost, read_scenarios};
/// let toml = "[baseline]\np = 2\nradius_m = 300\n[[scenario]]\nname = \"big\"\np = 12\nradius_m = 900\n";
/// let src = SourceText::utf8("what-if.toml", toml);
/// let file = read_scenarios(&src, std::path::Path::new(".")).unwrap();
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let (small, big) = (&file.scenarios[0], &file.scenarios[1]);
/// assert!(expected_cost(big, &data) > expected_cost(small, &data));
/// ```
pub fn expected_cost(s: &Scenario, data: &Dataset) -> f64 {
    CostModel::new(data).cost(s)
}

impl CostModel {
    /// Samples the data's point-to-site distances (at most 128 × 1,024 of them, a few
    /// milliseconds whatever the data's size).
    pub fn new(data: &Dataset) -> CostModel {
        let points = &data.demand.data.locations;
        let sites: Vec<LatLon> = data
            .candidates
            .data
            .sites
            .iter()
            .map(|c| c.location)
            .collect();
        let mut counts = vec![0u64; bin(MAX_DISTANCE_M) + 2];
        let mut total = 0u64;
        for a in spread(points, SAMPLE_POINTS) {
            for b in spread(&sites, SAMPLE_SITES) {
                counts[bin(flat_distance_m(*a, *b))] += 1;
                total += 1;
            }
        }
        let mut run = 0u64;
        let cumulative = counts
            .iter()
            .map(|&c| {
                run += c;
                run as f64 / total.max(1) as f64
            })
            .collect();
        CostModel {
            points: points.len(),
            sites: sites.len(),
            cumulative,
        }
    }

    /// The expected share of point-site pairs within `radius_m` of each other.
    pub fn pair_share(&self, radius_m: f64) -> f64 {
        if !(radius_m.is_finite() && radius_m > 0.0) {
            return 0.0;
        }
        // Pairs in bins wholly below the radius, and the radius's own bin pro rata.
        let k = bin(radius_m);
        let below = if k == 0 { 0.0 } else { self.cumulative[k - 1] };
        let Some(&upto) = self.cumulative.get(k) else {
            return 1.0;
        };
        let lower = BIN_RATIO.powi(k as i32);
        let part = ((radius_m - lower) / (lower * (BIN_RATIO - 1.0))).clamp(0.0, 1.0);
        below + (upto - below) * part
    }

    /// The expected work of one scenario (arbitrary units, comparable within this dataset).
    pub fn cost(&self, s: &Scenario) -> f64 {
        let o = &s.settings;
        let d = SolveParams::default();
        let added = o.add_candidates.as_ref().map_or(0, Vec::len);
        let removed = o.remove_candidates.as_ref().map_or(0, Vec::len);
        let m = (self.sites + added).saturating_sub(removed).max(1) as f64;
        let n = self.points.max(1) as f64;
        let dense = n * m;
        let pairs = dense * self.pair_share(o.radius_m.unwrap_or(d.radius_m));
        let model = o.model.unwrap_or(d.model);
        // Stops chosen: p, or for set covering about as many as it takes for each site's
        // share of the pairs to reach every point.
        let stops = match model {
            Model::Lscp => (dense / pairs.max(1.0)).clamp(1.0, m),
            _ => o.p.unwrap_or(1).clamp(1, m as usize) as f64,
        };
        // One solve, then one re-solve per chosen stop; each covering or p-median solve's
        // rounds and nodes grow with the stops it places. Set covering's re-solves are cheap
        // (its reductions leave little), p-center's re-solves reuse its radius search.
        let solves = 1.0 + stops;
        let work = match model {
            Model::Mclp => solves * pairs * stops.sqrt(),
            Model::Lscp => solves * pairs,
            Model::Pmedian => solves * dense * stops.sqrt(),
            Model::Pcenter => dense * (m.log2() + 1.0) * (1.0 + PCENTER_RESOLVE * stops),
        };
        let mut cost = (n + m) + work;
        if o.capacity.is_some() {
            cost *= CAPACITY_FACTOR;
        }
        if o.method.unwrap_or(d.method) == Method::Mip {
            cost *= MIP_FACTOR;
        }
        cost
    }
}

/// At most `k` items of `v`, evenly spread over it (a fixed choice: the same every run).
fn spread<T>(v: &[T], k: usize) -> impl Iterator<Item = &T> {
    let step = v.len().div_ceil(k.max(1)).max(1);
    v.iter().step_by(step)
}

/// The bin of a distance: `floor(log_BIN_RATIO(d))` for d ≥ 1 m, 0 below.
fn bin(d: f64) -> usize {
    if d <= 1.0 {
        return 0;
    }
    (d.min(MAX_DISTANCE_M).ln() / BIN_RATIO.ln()) as usize
}

/// Distance on a local flat projection: within a fraction of a percent of the great circle
/// over a town, and a few times cheaper; the estimate needs no more.
fn flat_distance_m(a: LatLon, b: LatLon) -> f64 {
    let r = crate::spatial::EARTH_RADIUS_M;
    let lat = ((a.lat + b.lat) / 2.0).to_radians();
    let dy = (a.lat - b.lat).to_radians();
    let dx = (a.lon - b.lon).to_radians() * lat.cos();
    r * (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests;
