//! The cost estimate: its pair counts against a brute-force count, and the order it puts
//! scenarios in.

use super::*;
use crate::io::text::SourceText;
use crate::scenario::read_scenarios;
use crate::spatial::haversine_m;

fn embedded() -> Dataset {
    crate::io::embedded::dataset().unwrap()
}

fn scenarios(toml: &str) -> Vec<Scenario> {
    let src = SourceText::utf8("cost.toml", toml);
    read_scenarios(&src, std::path::Path::new("."))
        .unwrap()
        .scenarios
}

#[test]
fn the_pair_share_matches_a_brute_force_count_when_the_sample_is_the_whole_data() {
    let mut data = embedded();
    // At most SAMPLE_POINTS points and SAMPLE_SITES sites: every pair is sampled.
    data.demand.data.locations.truncate(SAMPLE_POINTS);
    let sites: Vec<LatLon> = data
        .candidates
        .data
        .sites
        .iter()
        .map(|c| c.location)
        .collect();
    assert!(sites.len() <= SAMPLE_SITES);
    let points = &data.demand.data.locations;
    let model = CostModel::new(&data);
    for r in [150.0, 300.0, 500.0, 800.0, 1500.0, 4000.0] {
        let within = points
            .iter()
            .flat_map(|a| sites.iter().map(move |b| haversine_m(*a, *b)))
            .filter(|&d| d <= r)
            .count();
        let exact = within as f64 / (points.len() * sites.len()) as f64;
        let est = model.pair_share(r);
        // Bins 1 % wide, a flat projection: within a few per cent of the count (and of one
        // pair, for the smallest radii).
        let tol = 0.03 * exact + 1.5 / (points.len() * sites.len()) as f64;
        assert!(
            (est - exact).abs() <= tol,
            "{r} m: estimated {est}, counted {exact}"
        );
    }
    assert_eq!(model.pair_share(0.0), 0.0);
    assert_eq!(model.pair_share(f64::NAN), 0.0);
    assert!((model.pair_share(1e9) - 1.0).abs() < 1e-12);
}

#[test]
fn a_big_scenario_costs_more_than_a_small_one() {
    let data = embedded();
    let model = CostModel::new(&data);
    let s = scenarios(
        r#"
[baseline]
p = 3
radius_m = 300
[[scenario]]
name = "more stops"
p = 15
[[scenario]]
name = "wider"
radius_m = 1200
[[scenario]]
name = "both"
p = 15
radius_m = 1200
[[scenario]]
name = "p-median"
model = "pmedian"
[[scenario]]
name = "fewer sites"
remove_candidates = ["hakuhoji", "sannosha_enzo"]
[[scenario]]
name = "mip"
method = "mip"
"#,
    );
    let cost: Vec<f64> = s.iter().map(|s| model.cost(s)).collect();
    let [base, more, wider, both, median, fewer, mip] = cost[..] else {
        panic!("{cost:?}");
    };
    assert!(more > base && wider > base, "{cost:?}");
    assert!(both > more && both > wider, "{cost:?}");
    // Dense distances against the pairs within 300 m.
    assert!(median > base, "{cost:?}");
    assert!(fewer < base, "{cost:?}");
    assert!(mip > base, "{cost:?}");
    // The one-off function agrees with the shared model.
    assert_eq!(expected_cost(&s[3], &data), both);
    assert!(cost.iter().all(|c| c.is_finite() && *c > 0.0));
}
