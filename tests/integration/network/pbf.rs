//! The real Helsinki PBF extract reads and gives a walking graph of a city centre's size.

use super::{area, helsinki};
use mobile_stops::network::{read_network, walkable};

#[test]
fn helsinki_pbf_gives_a_plausible_walking_graph() {
    let whole = area(60.0, 24.8, 60.3, 25.1);
    let (g, stats) = read_network(&helsinki(), whole, Default::default()).unwrap();
    let s = g.stats();
    assert_eq!(
        stats.nodes_read, stats.nodes_kept,
        "the box holds the whole file"
    );
    assert!(stats.nodes_read > 10_000, "{stats:?}");
    assert!(
        stats.ways_read > stats.walkable_ways && stats.walkable_ways > 1000,
        "{stats:?}"
    );
    assert!(s.nodes > 5_000 && s.segments >= s.nodes - 1, "{s:?}");
    // About 1.5 km × 1.7 km of a city centre: streets and footpaths, tens of kilometres.
    assert!((50.0..2000.0).contains(&s.walkable_km), "{s:?}");
    // A small box in the middle keeps fewer nodes and cuts ways at its edge.
    let (small, cut) = read_network(
        &helsinki(),
        area(60.168, 24.94, 60.172, 24.95),
        Default::default(),
    )
    .unwrap();
    assert!(
        cut.nodes_kept < stats.nodes_kept / 2 && cut.cut_ways > 0,
        "{cut:?}"
    );
    assert!(small.stats().walkable_km < s.walkable_km);
    assert!(!walkable([("highway", "motorway")]));
}
