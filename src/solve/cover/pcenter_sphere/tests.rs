//! Tests of the matrix-free p-center: the dense solver's optimum, the subset cap, bad input
//! and the thread count.

use super::*;

mod optimum {
    use super::*;
    use crate::benchmarks::synthetic::{dataset, SyntheticSpec};
    use crate::solve::cover::pcenter;

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
    fn the_subset_method_finds_the_dense_optimum() {
        for seed in 1..=4 {
            let data = dataset(&SyntheticSpec {
                demand_points: 1500,
                candidates: 120,
                stores: 0,
                survey_places: 0,
                side_km: 8.0,
                seed,
            });
            let sites = data.candidates.data.locations();
            let pts = &data.demand.data.locations;
            // Some points weigh nothing and some share a position: neither changes the answer.
            let mut weight = data.demand.data.columns[0].values.clone();
            for w in weight.iter_mut().step_by(7) {
                *w = 0.0;
            }
            let mut rules = SiteRules::open(sites.len(), 3 + seed as usize);
            rules.allowed[5] = false;
            rules.required = vec![(seed as usize * 17) % sites.len()];
            let limits = Limits::new(None, 1);
            let want = pcenter(&dense(pts, &weight, &sites), &rules, &limits);
            let got = pcenter_sphere(pts, &weight, &sites, &rules, &limits);
            assert_eq!(want.status, Status::Optimal);
            assert_eq!(got.status, Status::Optimal, "seed {seed}");
            assert_eq!(got.objective, want.objective, "seed {seed}");
            assert_eq!(got.bound, got.objective);
            assert_eq!(got.open.len(), rules.p);
            assert!(got.open.contains(&rules.required[0]) && !got.open.contains(&5));
        }
    }

    #[test]
    fn a_full_subset_stops_with_a_valid_bound_and_says_so() {
        let data = dataset(&SyntheticSpec {
            demand_points: 800,
            candidates: 60,
            stores: 0,
            survey_places: 0,
            side_km: 6.0,
            seed: 3,
        });
        let sites = data.candidates.data.locations();
        let pts = &data.demand.data.locations;
        let weight = vec![1.0; pts.len()];
        let rules = SiteRules::open(sites.len(), 4);
        let limits = Limits::new(None, 1);
        let want = pcenter(&dense(pts, &weight, &sites), &rules, &limits);
        for cap in [2, 6] {
            let got = capped(pts, &weight, &sites, &rules, &limits, cap);
            assert_eq!(got.status, Status::TimeLimit, "cap {cap}");
            let note = got.note.expect("a stop at the cap is explained");
            assert!(note.contains(&format!("passed {cap}")), "{note}");
            assert!(got.bound <= want.objective + 1e-9 && want.objective <= got.objective);
            // The objective is the plan's real radius over every point.
            let reach = dense(pts, &weight, &sites);
            let radius = (0..pts.len())
                .map(|i| {
                    got.open
                        .iter()
                        .map(|&j| reach.dist(i, j))
                        .fold(f64::MAX, f64::min)
                })
                .fold(0.0, f64::max);
            assert!((radius - got.objective).abs() < 1e-6, "cap {cap}");
        }
        let whole = capped(pts, &weight, &sites, &rules, &limits, SUBSET_POINTS);
        assert_eq!((whole.status, whole.note), (Status::Optimal, None));
        assert_eq!(whole.objective, want.objective);
    }

    #[test]
    fn bad_weights_and_rules_are_reasons_not_panics() {
        let pts = [LatLon::new(35.0, 139.0)];
        let sites = [LatLon::new(35.0, 139.01)];
        let limits = Limits::new(None, 1);
        let r = pcenter_sphere(&pts, &[f64::NAN], &sites, &SiteRules::open(1, 1), &limits);
        assert_eq!(r.status, Status::Infeasible);
        let r = pcenter_sphere(&pts, &[1.0], &sites, &SiteRules::open(1, 2), &limits);
        assert_eq!(r.status, Status::Infeasible);
        let r = pcenter_sphere(&pts, &[0.0], &sites, &SiteRules::open(1, 1), &limits);
        assert_eq!((r.status, r.objective), (Status::Optimal, 0.0));
    }
}

mod threads {
    use super::*;
    use crate::benchmarks::synthetic::{dataset, SyntheticSpec};
    use crate::on_threads::on_threads;

    #[test]
    fn one_thread_or_many_give_the_same_plan() {
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
        let rules = SiteRules::open(sites.len(), 5);
        let run = |threads: usize| {
            on_threads(threads, || {
                pcenter_sphere(pts, w, &sites, &rules, &Limits::new(None, 1))
            })
        };
        let one = run(1);
        assert_eq!(run(3), one);
        assert_eq!(one.status, Status::Optimal);
    }
}
