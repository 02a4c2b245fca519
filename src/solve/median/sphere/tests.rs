use super::*;
use crate::benchmarks::synthetic::{dataset, SyntheticSpec};
use crate::solve::median;
use crate::solve::DistanceProblem;
use crate::spatial::haversine_m;

fn dense(points: &[LatLon], weight: &[f64], sites: &[LatLon]) -> DistanceProblem {
    DistanceProblem {
        clients: points.len(),
        sites: sites.len(),
        dist: points
            .iter()
            .flat_map(|&p| sites.iter().map(move |&s| haversine_m(p, s)))
            .collect(),
        weight: weight.to_vec(),
    }
}

#[test]
fn the_bound_is_below_the_dense_optimum_and_the_plan_is_measured_as_the_dense_one() {
    for seed in 1..=3 {
        let data = dataset(&SyntheticSpec {
            demand_points: 1200,
            candidates: 80,
            stores: 0,
            survey_places: 0,
            side_km: 8.0,
            seed,
        });
        let sites = data.candidates.data.locations();
        let mut pts = data.demand.data.locations.clone();
        let mut weight = data.demand.data.columns[0].values.clone();
        // Repeated positions and points of weight 0 change nothing.
        pts[10] = pts[11];
        weight[20] = 0.0;
        let mut rules = SiteRules::open(sites.len(), 4 + seed as usize);
        rules.allowed[3] = false;
        rules.required = vec![seed as usize * 7];
        let limits = Limits::new(None, 1);
        let d = dense(&pts, &weight, &sites);
        let opt = median::solve(&d, &rules, &limits);
        assert_eq!(opt.status, Status::Optimal);
        let got = pmedian_sphere(&pts, &weight, &sites, &rules, &limits);
        assert!(
            got.bound <= opt.objective * (1.0 + 1e-12),
            "seed {seed}: {} > {}",
            got.bound,
            opt.objective
        );
        assert!(got.objective >= opt.objective * (1.0 - 1e-12));
        let measured = median::objective(&d, &got.open);
        assert!(
            (measured - got.objective).abs() <= 1e-9 * measured,
            "{measured} {}",
            got.objective
        );
        assert!(
            got.gap() < 0.02,
            "seed {seed}: gap {} obj {} opt {} bound {}",
            got.gap(),
            got.objective,
            opt.objective,
            got.bound
        );
        assert_eq!(got.open.len(), rules.p);
        assert!(got.open.contains(&rules.required[0]) && !got.open.contains(&3));
        // The same answer again (seeded, thread-count free).
        assert_eq!(pmedian_sphere(&pts, &weight, &sites, &rules, &limits), got);
    }
}

#[test]
fn bad_input_is_a_reason() {
    let pts = [LatLon::new(35.0, 139.0)];
    let sites = [LatLon::new(35.0, 139.01)];
    let l = Limits::new(None, 1);
    assert_eq!(
        pmedian_sphere(&pts, &[-1.0], &sites, &SiteRules::open(1, 1), &l).status,
        Status::Infeasible
    );
    assert_eq!(
        pmedian_sphere(&pts, &[1.0], &sites, &SiteRules::open(1, 2), &l).status,
        Status::Infeasible
    );
    let r = pmedian_sphere(&pts, &[2.0], &sites, &SiteRules::open(1, 1), &l);
    assert_eq!(r.open, vec![0]);
    // The distances behind the bound are rounded down to f32: a gap of that size remains.
    assert!(r.bound <= r.objective && r.bound >= r.objective * (1.0 - 1e-6));
}

#[test]
fn one_thread_or_many_give_the_same_plan_and_bound() {
    let data = dataset(&SyntheticSpec {
        demand_points: 40_000,
        candidates: 200,
        stores: 0,
        survey_places: 0,
        side_km: 10.0,
        seed: 9,
    });
    let sites = data.candidates.data.locations();
    let (pts, w) = (
        &data.demand.data.locations,
        &data.demand.data.columns[0].values,
    );
    let rules = SiteRules::open(sites.len(), 6);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| pmedian_sphere(pts, w, &sites, &rules, &Limits::new(None, 3)))
    };
    let one = run(1);
    assert_eq!(run(3), one);
    assert!(one.bound > 0.0 && one.bound <= one.objective);
}
