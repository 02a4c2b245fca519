use super::*;
use crate::benchmarks::synthetic::{dataset, SyntheticSpec};
use crate::on_threads::on_threads;
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
        on_threads(threads, || {
            pmedian_sphere(pts, w, &sites, &rules, &Limits::new(None, 3))
        })
    };
    let one = run(1);
    assert_eq!(run(3), one);
    assert!(one.bound > 0.0 && one.bound <= one.objective);
}

/// The instances of the first test, as points, weights and sites.
/// The setting where every site may open and none must, `k` to open.
fn every_site_free<'a>(
    sites: &'a [LatLon],
    index: &'a SphereIndex,
    ids: &'a [usize],
    k: usize,
) -> Setting<'a> {
    Setting {
        sites,
        index,
        ids,
        required: &[],
        free: ids,
        k,
    }
}

fn small(seed: u64, points: usize, candidates: usize) -> (Vec<LatLon>, Vec<f64>, Vec<LatLon>) {
    let data = dataset(&SyntheticSpec {
        demand_points: points,
        candidates,
        stores: 0,
        survey_places: 0,
        side_km: 8.0,
        seed,
    });
    (
        data.demand.data.locations.clone(),
        data.demand.data.columns[0].values.clone(),
        data.candidates.data.locations(),
    )
}

#[test]
fn with_few_groups_the_bound_carried_to_the_clients_stays_below_the_optimum() {
    for seed in 4..=6 {
        let (pts, weight, sites) = small(seed, 1500, 90);
        let rules = SiteRules::open(sites.len(), 5);
        let limits = Limits::new(None, 1);
        let d = dense(&pts, &weight, &sites);
        let opt = median::solve(&d, &rules, &limits);
        assert_eq!(opt.status, Status::Optimal);
        let (clients, cw) = merged(&pts, &weight);
        let ids: Vec<usize> = (0..sites.len()).collect();
        let index = SphereIndex::new(&sites);
        let set = every_site_free(&sites, &index, &ids, rules.p);
        // 1,500 clients in about 120 groups and 20 coarse ones: the prices are searched on
        // groups of a dozen clients, the bound is computed on the clients.
        let got = solve(&clients, &cw, &set, rules.p, (120, 20), &limits);
        assert!(
            got.bound <= opt.objective * (1.0 + 1e-12),
            "seed {seed}: bound {} above the optimum {}",
            got.bound,
            opt.objective
        );
        let measured = median::objective(&d, &got.open);
        assert!((measured - got.objective).abs() <= 1e-9 * measured);
        assert!(got.objective >= opt.objective * (1.0 - 1e-12));
        assert!(
            got.gap() < 0.05,
            "seed {seed}: gap {} (objective {}, optimum {}, bound {})",
            got.gap(),
            got.objective,
            opt.objective,
            got.bound
        );
    }
}

#[test]
fn the_swap_priced_best_is_the_best_single_swap_measured() {
    let (pts, weight, sites) = small(2, 400, 40);
    let (clients, cw) = merged(&pts, &weight);
    let ids: Vec<usize> = (0..sites.len()).collect();
    let index = SphereIndex::new(&sites);
    let set = every_site_free(&sites, &index, &ids, 4);
    let cloud = Cloud::new(&clients);
    let ground = Ground::new(&cloud, &cw, &set, 4);
    let plan = ground.plan(vec![0, 1, 2, 3]);
    // Lists to every site: the pricing is then exact.
    let lists = Lists::build(&clients, vec![1e9; clients.len()], &index, &ids);
    let priced = swap::best_swaps(&ground, &lists, &plan, 1);
    let mut best = (plan.cost, None);
    for j in 4..sites.len() {
        for k in 0..4 {
            let mut open = plan.open.clone();
            open[k] = j;
            let c = ground.plan(open).cost;
            if c < best.0 - 1e-6 {
                best = (c, Some((j, k)));
            }
        }
    }
    let (j, k) = priced[0];
    let mut open = plan.open.clone();
    open[k] = j;
    let got = ground.plan(open).cost;
    assert!(best.1.is_some());
    // Within the f32 rounding of the listed distances.
    assert!((got - best.0).abs() <= 1e-6 * best.0, "{got} vs {}", best.0);
}

#[test]
fn groups_keep_every_client_and_its_weight() {
    let (pts, weight, _) = small(3, 3000, 10);
    let (clients, cw) = merged(&pts, &weight);
    let g = group::Groups::new(&clients, &cw, 100);
    assert!(g.len() > 20 && g.len() <= 150, "{}", g.len());
    let mut sum = vec![0.0; g.len()];
    for (i, &k) in g.of.iter().enumerate() {
        sum[k as usize] += cw[i];
        // A group stands near its clients (cells of about 800 m here).
        assert!(haversine_m(clients[i], g.at[k as usize]) < 1500.0);
    }
    for (a, b) in sum.iter().zip(&g.weight) {
        assert!((a - b).abs() <= 1e-9 * b);
    }
    // A client's price is its group's surplus on its own distance.
    let price: Vec<f64> = (0..g.len()).map(|k| 100.0 + k as f64).collect();
    let near: Vec<f64> = vec![50.0; g.len()];
    let own: Vec<f64> = (0..clients.len()).map(|i| i as f64).collect();
    let t = g.transfer(&price, &near, &own);
    for i in 0..clients.len() {
        assert_eq!(t[i], own[i] + price[g.of[i] as usize] - 50.0);
    }
}
