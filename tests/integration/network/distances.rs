//! Network distances on the Nerima extract against a plain Dijkstra written here, over
//! hundreds of random pairs; never shorter than the straight line; the same for any thread
//! count.

use super::{area, nerima, textbook_dijkstra};
use mobile_stops::budget::Budget;
use mobile_stops::model::LatLon;
use mobile_stops::network::{network_lists, read_network, Graph, Snap, Snapper};
use mobile_stops::spatial::haversine_m;
use rand::{Rng, SeedableRng};

const RADIUS_M: f64 = 700.0;
const SNAP_M: f64 = 250.0;

fn random_points(rng: &mut rand_chacha::ChaCha8Rng, n: usize) -> Vec<LatLon> {
    (0..n)
        .map(|_| {
            LatLon::new(
                rng.gen_range(35.7420..35.7570),
                rng.gen_range(139.6590..139.6790),
            )
        })
        .collect()
}

/// Every node's distance from the two ends of `from`'s segment, by a textbook Dijkstra over
/// lengths the test computes itself (millimetre integers in the queue, exact floats kept).
fn plain_dijkstra(g: &Graph, from: &Snap) -> Vec<f64> {
    let n = g.nodes().len();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(a, b) in g.edges() {
        let len = haversine_m(g.nodes()[a as usize], g.nodes()[b as usize]);
        adj[a as usize].push((b as usize, len));
        adj[b as usize].push((a as usize, len));
    }
    let (a, b) = g.edges()[from.edge as usize];
    textbook_dijkstra(
        &adj,
        &[
            (a as usize, from.leg_m + from.to_a_m),
            (b as usize, from.leg_m + from.to_b_m),
        ],
    )
}

/// The distance from a site to a point through the plain Dijkstra's labels.
fn expected(g: &Graph, dist: &[f64], site: &Snap, p: &Snap) -> f64 {
    let (a, b) = g.edges()[p.edge as usize];
    let via = (dist[a as usize] + p.to_a_m).min(dist[b as usize] + p.to_b_m) + p.leg_m;
    if p.edge == site.edge {
        via.min(site.leg_m + haversine_m(site.at, p.at) + p.leg_m)
    } else {
        via
    }
}

#[test]
fn nerima_distances_match_a_plain_dijkstra_and_never_beat_the_straight_line() {
    let whole = area(35.70, 139.60, 35.80, 139.72);
    let (g, stats) = read_network(&nerima(), whole, Default::default()).unwrap();
    assert!(
        stats.walkable_ways > 500 && g.nodes().len() > 2000,
        "{stats:?}"
    );
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
    let points = random_points(&mut rng, 400);
    let sites = random_points(&mut rng, 25);
    let snapper = Snapper::new(&g);
    let lists = network_lists(
        &g,
        &snapper,
        &points,
        &sites,
        RADIUS_M,
        SNAP_M,
        Budget::default(),
    )
    .unwrap();
    let mut compared = 0;
    for (s, site) in sites.iter().enumerate() {
        let Some(ss) = snapper.snap(&g, *site, SNAP_M) else {
            assert!(lists.lists[s].is_empty());
            continue;
        };
        let dist = plain_dijkstra(&g, &ss);
        for (i, p) in points.iter().enumerate() {
            let got = lists.lists[s]
                .iter()
                .find(|&&(j, _)| j == i)
                .map(|&(_, m)| m);
            let Some(ps) = snapper.snap(&g, *p, SNAP_M) else {
                assert_eq!(got, None, "a point off network has no distance");
                continue;
            };
            let want = expected(&g, &dist, &ss, &ps);
            if (want - RADIUS_M).abs() < 1e-6 {
                continue;
            }
            match got {
                Some(m) => {
                    assert!((m - want).abs() < 1e-6, "site {s} point {i}: {m} vs {want}");
                    assert!(
                        m + 1e-6 >= haversine_m(*p, *site),
                        "shorter than a straight line"
                    );
                    compared += 1;
                }
                None => assert!(want > RADIUS_M, "site {s} point {i}: missed at {want} m"),
            }
        }
    }
    assert!(compared >= 300, "only {compared} pairs within the radius");
}

#[test]
fn every_point_joins_its_nearest_segment() {
    let whole = area(35.70, 139.60, 35.80, 139.72);
    let (g, _) = read_network(&nerima(), whole, Default::default()).unwrap();
    let snapper = Snapper::new(&g);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    for p in random_points(&mut rng, 150) {
        let s = snapper.snap(&g, p, 1e6).unwrap();
        // The nearest point of every segment, found by sampling it finely.
        let brute = g
            .edges()
            .iter()
            .map(|&(a, b)| {
                let (pa, pb) = (g.nodes()[a as usize], g.nodes()[b as usize]);
                (0..=200)
                    .map(|k| {
                        let t = f64::from(k) / 200.0;
                        let q = LatLon::new(
                            pa.lat + t * (pb.lat - pa.lat),
                            pa.lon + t * (pb.lon - pa.lon),
                        );
                        haversine_m(p, q)
                    })
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(f64::INFINITY, f64::min);
        assert!(
            s.leg_m <= brute + 0.05,
            "leg {} vs nearest {brute}",
            s.leg_m
        );
        assert!(s.leg_m >= brute - 2.0, "leg {} vs nearest {brute}", s.leg_m);
    }
}

#[test]
fn the_lists_are_the_same_for_any_thread_count() {
    let whole = area(35.70, 139.60, 35.80, 139.72);
    let (g, _) = read_network(&nerima(), whole, Default::default()).unwrap();
    let snapper = Snapper::new(&g);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let points = random_points(&mut rng, 300);
    let sites = random_points(&mut rng, 40);
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                network_lists(
                    &g,
                    &snapper,
                    &points,
                    &sites,
                    500.0,
                    SNAP_M,
                    Budget::default(),
                )
                .unwrap()
            })
    };
    let one = run(1);
    assert!(one.pairs() > 100);
    assert_eq!(one, run(3));
    assert_eq!(one.coverage().pairs(), one.pairs());
}
