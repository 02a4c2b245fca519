//! Seeded synthetic datasets, for benchmarks and for tests that compare against brute force.
//!
//! Real planning data is small; the engine must also be fast on a prefecture's worth of mesh
//! cells and thousands of sites. These generators give the same dataset for the same seed on
//! every machine (ChaCha8), so benchmark figures and test failures are reproducible.

use crate::model::{
    CandidateSite, Candidates, Dataset, Demand, DemandColumn, DemandFormat, LatLon, Part, Store,
    SurveyPlace,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Size and shape of a synthetic dataset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticSpec {
    /// Demand points.
    pub demand_points: usize,
    /// Candidate sites.
    pub candidates: usize,
    /// Existing shops (0: no shops file).
    pub stores: usize,
    /// Survey places (0: no surveys file).
    pub survey_places: usize,
    /// Side of the square area, in kilometres.
    pub side_km: f64,
    /// Random seed.
    pub seed: u64,
}

impl Default for SyntheticSpec {
    fn default() -> Self {
        SyntheticSpec {
            demand_points: 1000,
            candidates: 50,
            stores: 20,
            survey_places: 40,
            side_km: 10.0,
            seed: 1,
        }
    }
}

/// A dataset of uniformly scattered points around 35.35° N, 139.40° E (northern Chigasaki),
/// with population 1-400 per point and 10-45 % of it aged 65+.
pub fn dataset(spec: &SyntheticSpec) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let point = point_in(spec);
    let demand = demand(&mut rng, spec.demand_points, &point);
    let sites = (0..spec.candidates)
        .map(|i| CandidateSite {
            id: format!("c{i:05}"),
            location: point(&mut rng),
            name: Some(format!("site {i}")),
            written_name: None,
            kind: None,
            vehicle_slots: rng.gen_bool(0.5).then(|| rng.gen_range(0..10)),
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra: vec![],
            line: None,
        })
        .collect();
    let stores: Vec<Store> = (0..spec.stores)
        .map(|i| Store {
            id: format!("s{i}"),
            location: point(&mut rng),
            name: None,
            kind: None,
        })
        .collect();
    let surveys: Vec<SurveyPlace> = (0..spec.survey_places)
        .map(|i| {
            let respondents = rng.gen_range(0..60);
            SurveyPlace {
                line: i as u64 + 2,
                location: point(&mut rng),
                respondents,
                would_use: rng.gen_range(0..=respondents),
            }
        })
        .collect();
    Dataset {
        label: format!("synthetic (seed {})", spec.seed).into(),
        demand: Part::new("synthetic", demand),
        candidates: Part::new(
            "synthetic",
            Candidates {
                sites,
                extra_columns: vec![],
            },
        ),
        surveys: (spec.survey_places > 0).then(|| Part::new("synthetic", surveys)),
        stores: (spec.stores > 0).then(|| Part::new("synthetic", stores)),
        area: None,
        costs: None,
        streets: None,
    }
}

/// `n` demand points with population 1-400 and 10-45 % of it aged 65+. They are drawn before
/// anything else: the order of the draws is what makes a seed's dataset the same everywhere.
/// The uniform point sampler of `spec`'s square (centred on 35.35° N, 139.40° E).
fn point_in(spec: &SyntheticSpec) -> impl Fn(&mut ChaCha8Rng) -> LatLon {
    let half_lat = spec.side_km / 2.0 / 111.195;
    let half_lon = half_lat / 35.35f64.to_radians().cos();
    move |rng: &mut ChaCha8Rng| {
        LatLon::new(
            35.35 + rng.gen_range(-half_lat..half_lat),
            139.40 + rng.gen_range(-half_lon..half_lon),
        )
    }
}

/// One demand point as [`dataset`] draws it: position, population, aged 65+.
fn demand_point(
    rng: &mut ChaCha8Rng,
    point: &dyn Fn(&mut ChaCha8Rng) -> LatLon,
) -> (LatLon, f64, f64) {
    let at = point(rng);
    let pop = f64::from(rng.gen_range(1u32..=400));
    (at, pop, (pop * rng.gen_range(0.10..0.45)).round())
}

/// The demand of [`dataset`] in chunks, never all in memory: its positions and populations,
/// point for point the same as `dataset(spec)` gives, and the candidate sites' positions.
///
/// Why: ten million points are 1.5 GB as a [`Dataset`] (ids, footprints, two columns), while
/// a model that aggregates them as they arrive needs only one chunk at a time. The sites are
/// drawn after the demand, so the generator runs through the demand once to reach them
/// (about 0.1 s per million points) and then again chunk by chunk.
pub struct DemandStream {
    rng: ChaCha8Rng,
    point: Box<dyn Fn(&mut ChaCha8Rng) -> LatLon>,
    left: usize,
    chunk: usize,
}

/// The candidate sites of `spec` and its demand as a stream of chunks of at most `chunk`
/// points (see [`DemandStream`]).
pub fn stream(spec: &SyntheticSpec, chunk: usize) -> (Vec<LatLon>, DemandStream) {
    let point = point_in(spec);
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    for _ in 0..spec.demand_points {
        demand_point(&mut rng, &point);
    }
    let sites = (0..spec.candidates)
        .map(|_| {
            let at = point(&mut rng);
            if rng.gen_bool(0.5) {
                rng.gen_range(0..10u64);
            }
            at
        })
        .collect();
    let demand = DemandStream {
        rng: ChaCha8Rng::seed_from_u64(spec.seed),
        point: Box::new(point),
        left: spec.demand_points,
        chunk: chunk.max(1),
    };
    (sites, demand)
}

impl Iterator for DemandStream {
    /// Positions and populations of the next points.
    type Item = (Vec<LatLon>, Vec<f64>);

    fn next(&mut self) -> Option<Self::Item> {
        let n = self.left.min(self.chunk);
        if n == 0 {
            return None;
        }
        self.left -= n;
        let (mut at, mut pop) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let (p, w, _) = demand_point(&mut self.rng, &*self.point);
            at.push(p);
            pop.push(w);
        }
        Some((at, pop))
    }
}

fn demand(rng: &mut ChaCha8Rng, n: usize, point: &dyn Fn(&mut ChaCha8Rng) -> LatLon) -> Demand {
    let mut locations = Vec::with_capacity(n);
    let mut population = Vec::with_capacity(n);
    let mut aged = Vec::with_capacity(n);
    for _ in 0..n {
        let (at, pop, old) = demand_point(rng, point);
        locations.push(at);
        population.push(pop);
        aged.push(old);
    }
    Demand {
        ids: (0..n).map(|i| format!("d{i}")).collect(),
        footprint: locations.clone(),
        locations,
        columns: vec![
            DemandColumn {
                name: "population".into(),
                values: population,
            },
            DemandColumn {
                name: "aged_65_plus".into(),
                values: aged,
            },
        ],
        format: DemandFormat::Points,
    }
}
