//! Scoring as a library against brute force: the walking-radius coverage lists, the
//! far-from-shop and need terms, and the same table on one and two threads.

use crate::helpers::share_machine;
use mobile_stops::benchmarks::synthetic::{dataset, SyntheticSpec};
use mobile_stops::score::{score, ScoreParams};
use mobile_stops::spatial::haversine_m;
use mobile_stops::{Coverage, SphereIndex};

#[test]
fn coverage_equals_brute_force_on_seeded_instances() {
    let _turn = share_machine();
    for seed in 0..8 {
        let spec = SyntheticSpec {
            demand_points: 3000,
            candidates: 60,
            side_km: 6.0,
            seed,
            ..SyntheticSpec::default()
        };
        let data = dataset(&spec);
        let pts = &data.demand.data.locations;
        let sites = data.candidates.data.locations();
        let radius = 200.0 + 150.0 * seed as f64;
        let cov = Coverage::build(&SphereIndex::new(pts), &sites, radius);
        for (c, &site) in sites.iter().enumerate() {
            let brute: Vec<u32> = (0..pts.len() as u32)
                .filter(|&i| haversine_m(site, pts[i as usize]) <= radius)
                .collect();
            assert_eq!(cov.points_of(c), brute.as_slice(), "seed {seed} site {c}");
        }
    }
}

#[test]
fn far_from_shop_and_need_equal_brute_force() {
    let _turn = share_machine();
    let spec = SyntheticSpec {
        demand_points: 800,
        candidates: 25,
        stores: 15,
        survey_places: 60,
        side_km: 5.0,
        seed: 42,
    };
    let data = dataset(&spec);
    let params = ScoreParams {
        radius_m: 600.0,
        ..ScoreParams::default()
    };
    let table = score(&data, &params).unwrap();
    let demand = &data.demand.data;
    let aged = demand.column("aged_65_plus").unwrap();
    let shops = &data.stores.as_ref().unwrap().data;
    let surveys = &data.surveys.as_ref().unwrap().data;
    for row in &table.candidates {
        let site = data.candidates.data.sites[row.index].location;
        let mut far = 0.0;
        let mut reach = 0.0;
        for (i, &p) in demand.locations.iter().enumerate() {
            if haversine_m(site, p) <= 600.0 {
                reach += aged[i];
                if shops.iter().all(|s| haversine_m(p, s.location) >= 500.0) {
                    far += aged[i];
                }
            }
        }
        assert!((row.reach_65_plus.unwrap() - reach).abs() < 1e-6);
        assert!((row.far_from_shop_65_plus.unwrap() - far).abs() < 1e-6);
        let n: u64 = surveys
            .iter()
            .filter(|s| haversine_m(site, s.location) <= 600.0)
            .map(|s| s.respondents)
            .sum();
        let need = row.need.unwrap();
        assert_eq!(need.respondents, n);
        assert!(need.low <= need.rate && need.rate <= need.high);
        let users = row.potential_users.unwrap();
        assert!((users.estimate - reach * need.rate).abs() < 1e-6);
    }
    assert_eq!(table.summary.terms_used.len(), 3);
}

#[test]
fn results_are_identical_with_one_and_two_threads() {
    let _turn = share_machine();
    let data = dataset(&SyntheticSpec {
        demand_points: 20_000,
        candidates: 400,
        stores: 50,
        survey_places: 300,
        side_km: 12.0,
        seed: 9,
    });
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| score(&data, &ScoreParams::default()).unwrap())
    };
    assert_eq!(run(1), run(2));
}
