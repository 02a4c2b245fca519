//! Regrouping keeps plans feasible, never costs more, comes near the optimum and gives the
//! same plan whatever the thread count.

use super::*;
use crate::on_threads::on_threads;
use crate::solve::median::assign::assign;
use crate::solve::median::capacitated::search;
use crate::solve::median::capdata::random_instance;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// `n` random points, capacities 25 % above the mean need, the middle site required.
fn instance(rng: &mut ChaCha8Rng, n: usize, p: usize) -> Option<CapData> {
    random_instance(rng, n, p, 1.25)
}

fn check(data: &CapData, plan: &Plan) {
    assert_eq!(plan.open.len(), data.p);
    assert!(plan.open.windows(2).all(|w| w[0] < w[1]));
    assert!(plan.open.contains(&(data.n / 2)), "the required site stays");
    let mut load = vec![0.0; data.m];
    for (i, &j) in plan.site.iter().enumerate() {
        assert!(plan.open.contains(&j));
        load[j] += data.demand[i];
    }
    assert!((0..data.m).all(|j| load[j] <= data.capacity[j]));
    let cost: f64 = (0..data.n).map(|i| data.cost(i, plan.site[i])).sum();
    assert_eq!(plan.cost, cost);
}

#[test]
fn regrouped_plans_stay_feasible_and_never_cost_more() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut gained = 0;
    for _ in 0..12 {
        let (n, p) = (rng.gen_range(150..260), rng.gen_range(10..25));
        let Some(data) = instance(&mut rng, n, p) else {
            continue;
        };
        // A poor start: the required site and the lowest-numbered others.
        let mut sites: Vec<usize> = (0..data.n).filter(|&j| j != data.n / 2).collect();
        sites.truncate(p - 1);
        sites.push(data.n / 2);
        let Some(start) = assign(&data, &sites, None) else {
            continue;
        };
        let plan = regroup(&data, start.clone(), &Limits::default());
        check(&data, &plan);
        assert!(plan.cost <= start.cost);
        gained += usize::from(plan.cost < start.cost);
    }
    assert!(gained >= 8, "regrouping improved only {gained} poor plans");
}

#[test]
fn regrouping_comes_near_the_proven_optimum() {
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    for _ in 0..3 {
        let data = instance(&mut rng, 150, 15).expect("room for every client");
        let sites: Vec<usize> = (0..14).chain([75]).collect();
        let start = assign(&data, &sites, None).expect("a plan");
        let plan = regroup(&data, start.clone(), &Limits::default());
        let exact = search(&data, None, &Limits::default());
        let best = exact.best.expect("an optimum").cost;
        assert!(exact.finished);
        check(&data, &plan);
        // No worse than the assignment moves alone, and close to what the search proves.
        assert!(plan.cost <= start.cost, "{} vs {}", plan.cost, start.cost);
        assert!(plan.cost <= best * 1.03, "{} vs optimum {best}", plan.cost);
    }
}

#[test]
fn one_thread_or_many_regroup_alike() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let data = instance(&mut rng, 150, 12).expect("room for every client");
    let sites: Vec<usize> = (0..11).chain([75]).collect();
    let start = assign(&data, &sites, None).expect("a plan");
    let run = |threads: usize| {
        on_threads(threads, || {
            regroup(&data, start.clone(), &Limits::default())
        })
    };
    let one = run(1);
    check(&data, &one);
    assert_eq!(run(3), one);
}

#[test]
fn deeper_passes_gain_on_tight_capacities_alike_on_any_thread_count() {
    let mut gained = 0;
    // Which instances the deeper passes improve moves with how the knapsacks break ties
    // (integer costs tie often), so eight are tried.
    for seed in 0..8u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (n, p) = (rng.gen_range(300..400), rng.gen_range(40..80));
        let Some(data) = random_instance(&mut rng, n, p, 1.05) else {
            continue;
        };
        let sites: Vec<usize> = (0..p - 1).chain([n / 2]).collect();
        let Some(start) = assign(&data, &sites, None) else {
            continue;
        };
        let limits = Limits::default();
        let shallow = regroup_at(&data, start.clone(), &limits, &DEPTHS[..1]);
        let run = |threads: usize| {
            on_threads(threads, || {
                regroup_at(&data, start.clone(), &limits, &DEPTHS)
            })
        };
        let deep = run(2);
        check(&data, &deep);
        // The deeper passes start from where the first one stops and only take gains.
        assert!(
            deep.cost <= shallow.cost,
            "{} vs {}",
            deep.cost,
            shallow.cost
        );
        gained += usize::from(deep.cost < shallow.cost);
        if seed == 1 {
            assert_eq!(run(1), deep);
        }
    }
    assert!(gained >= 2, "the deeper passes gained on {gained} of 8");
}

#[test]
fn small_clusters_fill_the_neighbourhood_with_stops() {
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    // 3.6 clients a stop (as ali535_150): 48 clients need 14 stops, 96 need 27.
    let data = instance(&mut rng, 535, 150).expect("feasible");
    assert_eq!(rounds(&data).collect::<Vec<_>>(), vec![(48, 14), (96, 27)]);
    // 10 a stop (as SJC4b): the stop caps already fit the clients, nothing changes.
    let data = instance(&mut rng, 400, 40).expect("feasible");
    assert_eq!(rounds(&data).collect::<Vec<_>>(), vec![(48, 6), (96, 10)]);
    // 8 a stop (as lin318_040): 6 and 10 stops fill over two thirds, nothing changes either.
    let data = instance(&mut rng, 320, 40).expect("feasible");
    assert_eq!(rounds(&data).collect::<Vec<_>>(), vec![(48, 6), (96, 10)]);
    // 5.3 a stop (as ali535_100): 6 stops fill 32 of 48, 10 stops 53 of 96 (filled to 18).
    let data = instance(&mut rng, 535, 100).expect("feasible");
    assert_eq!(rounds(&data).collect::<Vec<_>>(), vec![(48, 6), (96, 18)]);
    // Above 1,000 clients too (as p3038_900): 3 a stop, every cap filled to 48, 96, 192 and
    // 384 clients.
    let data = instance(&mut rng, 1200, 400).expect("feasible");
    let caps: Vec<_> = rounds(&data).collect();
    assert_eq!(caps, vec![(48, 16), (96, 32), (192, 64), (384, 128)]);
}

#[test]
fn deeper_passes_run_for_many_clients_or_many_stops() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let few = instance(&mut rng, 300, 40).expect("feasible");
    let many_stops = instance(&mut rng, 300, MANY_STOPS).expect("feasible");
    let many_clients = instance(&mut rng, LARGE + 1, 20).expect("feasible");
    assert_eq!(depths(&few), &DEPTHS[..1]);
    assert_eq!(depths(&many_stops), &DEPTHS[..]);
    assert_eq!(depths(&many_clients), &DEPTHS[..]);
}
