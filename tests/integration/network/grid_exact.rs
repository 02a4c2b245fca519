//! The network coverage on a generated street grid (holes, a river with few bridges) is
//! exact: the pairs and distances are those of a full Dijkstra from every site over a graph
//! built here with every point and site spliced into its street, and the lists are the same
//! on 1 and 2 threads.

use super::textbook_dijkstra;
use mobile_stops::benchmarks::street_grid::{places_in, street_grid, StreetGridSpec};
use mobile_stops::budget::Budget;
use mobile_stops::model::LatLon;
use mobile_stops::network::{network_lists, Graph, SiteLists, Snap, Snapper};
use mobile_stops::spatial::haversine_m;

const RADIUS_M: f64 = 500.0;
const SNAP_M: f64 = 250.0;

/// Per node, its neighbours and the metres to each.
type Adjacency = Vec<Vec<(usize, f64)>>;

/// The street graph with a node for each snapped place where it joins its segment (the
/// segment cut there into pieces along it), and a node for the place itself at the end of
/// its leg. Returns the adjacency and each place's node.
fn spliced(g: &Graph, snaps: &[Option<Snap>]) -> (Adjacency, Vec<Option<usize>>) {
    let n = g.nodes().len();
    let mut adj: Adjacency = vec![Vec::new(); n];
    let link = |adj: &mut Adjacency, a: usize, b: usize, m: f64| {
        adj[a].push((b, m));
        adj[b].push((a, m));
    };
    let mut on_edge: Vec<Vec<(f64, usize)>> = vec![Vec::new(); g.edges().len()];
    let mut place_node = vec![None; snaps.len()];
    for (i, s) in snaps.iter().enumerate() {
        let Some(s) = s else { continue };
        let (joint, place) = (adj.len(), adj.len() + 1);
        adj.extend([Vec::new(), Vec::new()]);
        link(&mut adj, joint, place, s.leg_m);
        on_edge[s.edge as usize].push((s.to_a_m, joint));
        place_node[i] = Some(place);
    }
    for (e, &(a, b)) in g.edges().iter().enumerate() {
        let mut stops = std::mem::take(&mut on_edge[e]);
        stops.sort_by(|x, y| x.0.total_cmp(&y.0));
        let (mut prev, mut at) = (a as usize, 0.0);
        for (to_a, joint) in stops {
            link(&mut adj, prev, joint, to_a - at);
            (prev, at) = (joint, to_a);
        }
        link(&mut adj, prev, b as usize, g.length_m(e) - at);
    }
    (adj, place_node)
}

fn lists_on(threads: usize, g: &Graph, points: &[LatLon], sites: &[LatLon]) -> SiteLists {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let snapper = Snapper::new(g);
    pool.install(|| {
        network_lists(
            g,
            &snapper,
            points,
            sites,
            RADIUS_M,
            SNAP_M,
            Budget::default(),
        )
    })
    .unwrap()
}

#[test]
fn grid_lists_equal_a_full_dijkstra_and_any_thread_count() {
    let grid = street_grid(&StreetGridSpec {
        holes: 8,
        bridges: 2,
        ..StreetGridSpec::city(45, 5)
    });
    let g = &grid.graph;
    assert!(
        (1800..=2025).contains(&g.nodes().len()),
        "{}",
        g.nodes().len()
    );
    let points = places_in(&grid, 3000, 6);
    let sites = places_in(&grid, 60, 7);
    let lists = lists_on(1, g, &points, &sites);
    assert_eq!(lists, lists_on(2, g, &points, &sites), "1 and 2 threads");
    let snapper = Snapper::new(g);
    let snaps: Vec<Option<Snap>> = points
        .iter()
        .chain(&sites)
        .map(|&p| snapper.snap(g, p, SNAP_M))
        .collect();
    let (adj, node) = spliced(g, &snaps);
    let (mut pairs, mut across_river) = (0, 0);
    for (s, list) in lists.lists.iter().enumerate() {
        let Some(from) = node[points.len() + s] else {
            assert!(list.is_empty());
            continue;
        };
        let dist = textbook_dijkstra(&adj, &[(from, 0.0)]);
        let expected: Vec<(usize, f64)> = (0..points.len())
            .filter_map(|p| node[p].map(|n| (p, dist[n])))
            .filter(|&(_, m)| m <= RADIUS_M)
            .collect();
        let got: Vec<usize> = list.iter().map(|&(p, _)| p).collect();
        let want: Vec<usize> = expected.iter().map(|&(p, _)| p).collect();
        // Only a pair within a micrometre of the radius may fall either side by rounding.
        let near_edge = |p: &usize| (dist[node[*p].unwrap()] - RADIUS_M).abs() < 1e-6;
        let differ: Vec<&usize> = got.iter().filter(|p| !want.contains(p)).collect();
        assert!(
            differ.iter().all(|p| near_edge(p)),
            "site {s}: extra {differ:?}"
        );
        let missed: Vec<&usize> = want.iter().filter(|p| !got.contains(p)).collect();
        assert!(
            missed.iter().all(|p| near_edge(p)),
            "site {s}: missed {missed:?}"
        );
        for &(p, m) in list {
            let want = dist[node[p].unwrap()];
            assert!((m - want).abs() < 1e-6, "site {s} point {p}: {m} vs {want}");
            assert!(m >= haversine_m(points[p], sites[s]) - 1e-6);
            across_river += usize::from(m > 2.0 * haversine_m(points[p], sites[s]));
        }
        pairs += list.len();
    }
    assert!(pairs > 1000, "a test that checks something: {pairs} pairs");
    assert!(across_river > 0, "some walks detour (holes, river)");
}
