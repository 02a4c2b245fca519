//! A river with one bridge, written here as OSM XML: the walking circle covers the house
//! across the water, the streets do not; a motorway and a `foot=no` path across the river do
//! not count as crossings; a way with a node missing from the file keeps its other segments.

use super::area;
use mobile_stops::budget::Budget;
use mobile_stops::model::LatLon;
use mobile_stops::network::{network_lists, read_network, Snapper};
use mobile_stops::spatial::{haversine_m, SphereIndex};
use std::fmt::Write;

const SOUTH: f64 = 35.0000;
const NORTH: f64 = 35.0018;
const RIVER: f64 = 35.0009;

/// Two east–west streets (nodes every 0.001° of longitude) on either side of a river, joined
/// only by a bridge at the eighth node; a motorway and a `foot=no` footway cross at the second
/// and third nodes; a footway runs north from the last south node to a node not in the file.
pub fn river_osm() -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n");
    for k in 0..=10 {
        let lon = 139.0 + f64::from(k) * 0.001;
        writeln!(
            s,
            " <node id=\"{}\" lat=\"{SOUTH}\" lon=\"{lon}\"/>",
            100 + k
        )
        .unwrap();
        writeln!(
            s,
            " <node id=\"{}\" lat=\"{NORTH}\" lon=\"{lon}\"/>",
            200 + k
        )
        .unwrap();
        writeln!(
            s,
            " <node id=\"{}\" lat=\"{RIVER}\" lon=\"{lon}\"/>",
            300 + k
        )
        .unwrap();
    }
    let way = |s: &mut String, id: u32, nodes: &[u32], tags: &[(&str, &str)]| {
        writeln!(s, " <way id=\"{id}\">").unwrap();
        for n in nodes {
            writeln!(s, "  <nd ref=\"{n}\"/>").unwrap();
        }
        for (k, v) in tags {
            writeln!(s, "  <tag k=\"{k}\" v=\"{v}\"/>").unwrap();
        }
        s.push_str(" </way>\n");
    };
    let south: Vec<u32> = (100..=110).collect();
    let north: Vec<u32> = (200..=210).collect();
    let river: Vec<u32> = (300..=310).collect();
    way(&mut s, 1, &south, &[("highway", "residential")]);
    way(
        &mut s,
        2,
        &north,
        &[("highway", "residential"), ("name", "北通り")],
    );
    way(&mut s, 3, &river, &[("waterway", "river")]);
    way(
        &mut s,
        4,
        &[108, 208],
        &[("highway", "residential"), ("bridge", "yes")],
    );
    way(&mut s, 5, &[102, 202], &[("highway", "motorway")]);
    way(
        &mut s,
        6,
        &[103, 203],
        &[("highway", "footway"), ("foot", "no")],
    );
    way(&mut s, 7, &[110, 999_999], &[("highway", "footway")]);
    way(&mut s, 8, &[104, 204], &[("railway", "rail")]);
    s.push_str("</osm>\n");
    s
}

#[test]
fn the_circle_crosses_the_river_and_the_streets_go_round_by_the_bridge() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("river.osm");
    std::fs::write(&file, river_osm()).unwrap();
    let (g, stats) = read_network(
        &file,
        area(34.99, 138.99, 35.01, 139.02),
        Default::default(),
    )
    .unwrap();
    assert_eq!(stats.walkable_ways, 3, "two streets and the bridge");
    assert_eq!(
        stats.cut_ways, 0,
        "the footway to a missing node has no segment left"
    );
    assert_eq!(g.stats().segments, 10 + 10 + 1);
    let site = LatLon::new(SOUTH + 0.0001, 139.001);
    let house = LatLon::new(NORTH - 0.0001, 139.001);
    let straight = haversine_m(site, house);
    assert!(straight < 200.0);
    assert_eq!(
        SphereIndex::new(&[house]).within(site, 400.0).len(),
        1,
        "the circle covers it"
    );
    let snapper = Snapper::new(&g);
    let near = network_lists(
        &g,
        &snapper,
        &[house],
        &[site],
        400.0,
        250.0,
        Budget::default(),
    )
    .unwrap();
    assert!(
        near.lists[0].is_empty(),
        "the streets do not reach it: {near:?}"
    );
    let far = network_lists(
        &g,
        &snapper,
        &[house],
        &[site],
        3000.0,
        250.0,
        Budget::default(),
    )
    .unwrap();
    let (_, metres) = far.lists[0][0];
    let along = |lat| haversine_m(LatLon::new(lat, 139.001), LatLon::new(lat, 139.008));
    let by_bridge = along(SOUTH)
        + along(NORTH)
        + haversine_m(LatLon::new(SOUTH, 139.008), LatLon::new(NORTH, 139.008));
    let legs = haversine_m(site, LatLon::new(SOUTH, 139.001))
        + haversine_m(house, LatLon::new(NORTH, 139.001));
    assert!(
        (metres - (by_bridge + legs)).abs() < 0.001,
        "{metres} vs {}",
        by_bridge + legs
    );
}

#[test]
fn a_way_with_a_missing_node_keeps_its_present_segments_and_is_counted() {
    let text = river_osm().replace(
        "<nd ref=\"110\"/>\n  <nd ref=\"999999\"/>",
        "<nd ref=\"109\"/>\n  <nd ref=\"209\"/>\n  <nd ref=\"999999\"/>",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cut.osm");
    std::fs::write(&file, text).unwrap();
    let (g, stats) = read_network(
        &file,
        area(34.99, 138.99, 35.01, 139.02),
        Default::default(),
    )
    .unwrap();
    assert_eq!(stats.cut_ways, 1);
    assert_eq!(stats.walkable_ways, 4);
    assert_eq!(g.stats().segments, 10 + 10 + 2);
}

#[test]
fn check_names_the_demand_no_candidate_can_reach_and_who_is_off_network() {
    let text = river_osm().replace("<nd ref=\"108\"/>\n  <nd ref=\"208\"/>", "");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nobridge.osm");
    std::fs::write(&file, text).unwrap();
    let (g, stats) = read_network(
        &file,
        area(34.99, 138.99, 35.01, 139.02),
        Default::default(),
    )
    .unwrap();
    let points = [
        LatLon::new(NORTH - 0.0001, 139.001),
        LatLon::new(NORTH - 0.0001, 139.005),
        LatLon::new(SOUTH + 0.0001, 139.005),
        LatLon::new(SOUTH - 0.01, 139.005),
    ];
    let sites = [
        LatLon::new(SOUTH + 0.0001, 139.001),
        LatLon::new(35.05, 139.0),
    ];
    let r = mobile_stops::network::check(&g, stats, &points, &[2.0, 3.0, 5.0, 7.0], &sites, 250.0);
    assert_eq!(r.off.points, vec![3], "a kilometre south of every street");
    assert_eq!(r.off_weight, 7.0);
    assert_eq!(r.off.sites, vec![1]);
    assert_eq!(r.stranded.len(), 1, "{r:?}");
    assert_eq!(r.stranded[0].points, vec![0, 1]);
    assert_eq!(r.stranded[0].weight, 5.0);
}
