//! Driving along OpenStreetMap streets: a one-way street written here as OSM XML is driven
//! only along its sign; the Nerima extract's drives keep to the speeds and differ by
//! direction where one-way streets are; `route --travel network` takes its legs from the
//! same drives and says so; a stop in a one-way trap and the missing flags are refused.

use super::nerima;
use crate::helpers::{run, run_json, run_ok, stderr, stdout};
use mobile_stops::model::LatLon;
use mobile_stops::spatial::haversine_m;
use std::collections::HashMap;

/// Drives `(from, to) → (metres, minutes)` as `network matrix --profile drive` writes them.
type Drives = HashMap<(String, String), (f64, f64)>;

fn drives(csv: &str) -> Drives {
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("from,to,metres,minutes"), "{csv}");
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let num = |k: usize| f[k].parse::<f64>().unwrap();
            ((f[0].to_string(), f[1].to_string()), (num(2), num(3)))
        })
        .collect()
}

fn drive_matrix(network: &str, from: &str, to: &str, max_m: &str) -> Drives {
    let o = run_ok(&[
        "network",
        "matrix",
        "--profile",
        "drive",
        "--network",
        network,
        "--from",
        from,
        "--to",
        to,
        "--max-m",
        max_m,
    ]);
    drives(&stdout(&o))
}

/// A street east from node 1 to node 3, one-way eastward (`oneway` given), and a two-way
/// residential loop back north of it (3 → 5 → 4 → 1); a one-way lane from node 3 to a dead
/// end at node 7 (a stop there can be reached, never left).
fn one_way_osm(oneway: &str, reversed: bool) -> String {
    let nodes = [
        (1, 35.0, 139.000),
        (2, 35.0, 139.002),
        (3, 35.0, 139.004),
        (4, 35.002, 139.000),
        (5, 35.002, 139.004),
        (7, 34.998, 139.004),
    ];
    let mut s = String::from("<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n");
    for (id, lat, lon) in nodes {
        s += &format!(" <node id=\"{id}\" lat=\"{lat}\" lon=\"{lon}\"/>\n");
    }
    let refs: &[i64] = if reversed { &[3, 2, 1] } else { &[1, 2, 3] };
    let way = |id: i64, refs: &[i64], tags: &[(&str, &str)]| {
        let mut w = format!(" <way id=\"{id}\">\n");
        for r in refs {
            w += &format!("  <nd ref=\"{r}\"/>\n");
        }
        for (k, v) in tags {
            w += &format!("  <tag k=\"{k}\" v=\"{v}\"/>\n");
        }
        w + " </way>\n"
    };
    s += &way(10, refs, &[("highway", "tertiary"), ("oneway", oneway)]);
    s += &way(11, &[3, 5, 4, 1], &[("highway", "residential")]);
    s += &way(12, &[3, 7], &[("highway", "service"), ("oneway", "yes")]);
    s + "</osm>\n"
}

/// Places: `w` beside node 1, `e` beside node 3, `dead` at the lane's dead end.
const PLACES: &str =
    "id,lat,lon\nw,35.00002,139.0000\ne,35.00002,139.0040\ndead,34.99802,139.004\n";

#[test]
fn a_one_way_street_is_driven_only_along_its_sign() {
    let dir = tempfile::tempdir().unwrap();
    let places = dir.path().join("places.csv");
    std::fs::write(&places, PLACES).unwrap();
    let p = places.display().to_string();
    for (oneway, reversed) in [("yes", false), ("true", false), ("1", false), ("-1", true)] {
        let osm = dir.path().join("oneway.osm");
        std::fs::write(&osm, one_way_osm(oneway, reversed)).unwrap();
        let d = drive_matrix(&osm.display().to_string(), &p, &p, "5000");
        let key = |a: &str, b: &str| d[&(a.to_string(), b.to_string())];
        let (east, west) = (key("w", "e"), key("e", "w"));
        // East along the sign: about 364 m at the tertiary default of 30 km/h.
        assert!((east.0 - 364.0).abs() < 6.0, "oneway={oneway}: {east:?}");
        assert!((east.1 - east.0 * 0.06 / 30.0).abs() < 0.02, "{east:?}");
        // West: round the loop, 222 + 364 + 222 m at the residential 20 km/h.
        assert!((west.0 - 808.0).abs() < 8.0, "oneway={oneway}: {west:?}");
        assert!(west.1 > 2.0 * east.1, "{west:?} vs {east:?}");
        // The lane's dead end is reached from both, and left toward neither.
        assert!(d.contains_key(&("w".into(), "dead".into())));
        assert!(!d.contains_key(&("dead".into(), "w".into())), "{d:?}");
        assert!(!d.contains_key(&("dead".into(), "e".into())), "{d:?}");
    }
    // Walking the same streets is the same both ways.
    let osm = dir.path().join("oneway.osm").display().to_string();
    let o = run_ok(&[
        "network",
        "matrix",
        "--network",
        &osm,
        "--from",
        &p,
        "--to",
        &p,
        "--max-m",
        "5000",
    ]);
    let walk = stdout(&o);
    assert!(walk.contains("w,e,36") && walk.contains("e,w,36"), "{walk}");
}

#[test]
fn a_stop_in_a_one_way_trap_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let osm = write("oneway.osm", &one_way_osm("yes", false));
    let cands = write("cands.csv", PLACES);
    let demand = write("demand.csv", "id,lat,lon,population\nh,35.001,139.002,10\n");
    let route = |cands: &str, stops: &str| {
        let stops = write("stops.csv", stops);
        run(&[
            "route",
            "--demand",
            &demand,
            "--candidates",
            cands,
            "--stops",
            &stops,
            "--depot",
            "w",
            "--travel",
            "network",
            "--network",
            &osm,
        ])
    };
    let trapped = route(&cands, "id\ne\ndead\n");
    assert_eq!(trapped.status.code(), Some(2), "{}", stderr(&trapped));
    let message = stderr(&trapped);
    assert!(message.contains("no drive from `dead`"), "{message}");
    assert!(message.contains("oneway.osm"), "{message}");
    assert!(stdout(&trapped).is_empty());
    let open = route(&cands, "id\ne\n");
    assert!(open.status.success(), "{}", stderr(&open));
    let far = write(
        "far.csv",
        "id,lat,lon\nw,35.00002,139.0\nfar,35.01,139.002\n",
    );
    let off = route(&far, "id\nfar\n");
    assert_eq!(off.status.code(), Some(2), "{}", stderr(&off));
    assert!(
        stderr(&off).contains("`far` more than 250 m"),
        "{}",
        stderr(&off)
    );
}

/// `route` over the Nerima example, every candidate a stop, from the depot `s1`; the flags
/// after it are the test's own.
fn nerima_route<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let base = [
        "route",
        "--data",
        "examples/network",
        "--stops",
        "examples/network/candidates.csv",
        "--depot",
        "s1",
    ];
    [&base[..], rest].concat()
}

/// The 64 Nerima demand points as places (`id,lat,lon`).
fn nerima_places(dir: &std::path::Path) -> (String, HashMap<String, LatLon>) {
    let text = std::fs::read_to_string("examples/network/demand.csv").unwrap();
    let mut out = String::from("id,lat,lon\n");
    let mut at = HashMap::new();
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        out += &format!("{},{},{}\n", f[0], f[1], f[2]);
        at.insert(
            f[0].to_string(),
            LatLon::new(f[1].parse().unwrap(), f[2].parse().unwrap()),
        );
    }
    let path = dir.join("places.csv");
    std::fs::write(&path, out).unwrap();
    (path.display().to_string(), at)
}

#[test]
fn nerima_drives_keep_to_the_speeds_and_one_ways_make_them_differ_by_direction() {
    let dir = tempfile::tempdir().unwrap();
    let (places, at) = nerima_places(dir.path());
    let net = nerima().display().to_string();
    let d = drive_matrix(&net, &places, &places, "20000");
    // One point (p16) joins the one-way tunnel of route 441, which leaves the extract: it is
    // reached from everywhere and reaches nothing else. Every other pair is driven.
    let trapped: Vec<&String> = at
        .keys()
        .filter(|a| {
            at.keys()
                .all(|b| b == *a || !d.contains_key(&((*a).clone(), b.clone())))
        })
        .collect();
    assert_eq!(trapped, [&"p16".to_string()], "places that cannot be left");
    assert_eq!(
        d.len(),
        64 * 64 - 63,
        "every other pair is driven in 2 km of Tokyo"
    );
    let mut asymmetric = 0;
    for ((a, b), &(metres, minutes)) in &d {
        // No street here is faster than 40 km/h (maxspeed 40, secondary's default), none
        // slower than 10 km/h (living streets, service roads, the legs).
        assert!(
            minutes >= metres * 0.06 / 40.0 - 0.01,
            "{a}→{b}: {metres} m {minutes} min"
        );
        assert!(
            minutes <= metres * 0.06 / 10.0 + 0.01,
            "{a}→{b}: {metres} m {minutes} min"
        );
        assert!(
            metres >= haversine_m(at[a], at[b]) - 0.1,
            "{a}→{b}: {metres} m"
        );
        if let Some(back) = d.get(&(b.clone(), a.clone())) {
            if (back.1 - minutes).abs() > 0.05 {
                asymmetric += 1;
            }
        }
    }
    assert!(
        asymmetric >= 20,
        "only {asymmetric} drives differ by direction"
    );
    // The cut is on the fastest drive's length.
    let near = drive_matrix(&net, &places, &places, "800");
    assert!(!near.is_empty() && near.len() < d.len());
    for (k, v) in &d {
        assert_eq!(near.get(k), (v.0 <= 800.0).then_some(v), "{k:?}");
    }
}

#[test]
fn route_travel_network_takes_its_legs_from_the_drives_and_names_them() {
    let net = nerima().display().to_string();
    let cands = "examples/network/candidates.csv";
    let d = drive_matrix(&net, cands, cands, "20000");
    let v = run_json(&nerima_route(&[
        "--travel",
        "network",
        "--network",
        &net,
        "--visits-per-week",
        "1",
        "--format",
        "json",
    ]));
    let travel = &v["rules"]["travel"];
    assert_eq!(travel["kind"], "network", "{travel}");
    assert_eq!(travel["file"], net.as_str());
    assert_eq!(travel["profile"], "drive");
    assert!(travel["credit"].as_str().unwrap().contains("OpenStreetMap"));
    let mut legs = 0;
    for day in v["days"].as_array().unwrap() {
        let mut from = "s1".to_string();
        let mut km = 0.0;
        for stop in day["stops"].as_array().unwrap() {
            let to = stop["id"].as_str().unwrap().to_string();
            let (metres, minutes) = d[&(from.clone(), to.clone())];
            let shown = stop["drive_min"].as_f64().unwrap();
            assert!(
                (shown - minutes).abs() <= 0.051,
                "{from}→{to}: {shown} vs {minutes}"
            );
            km += metres / 1000.0;
            from = to;
            legs += 1;
        }
        if from != "s1" {
            km += d[&(from.clone(), "s1".to_string())].0 / 1000.0;
        }
        let shown = day["km"].as_f64().unwrap();
        assert!(
            (shown - km).abs() <= 0.01,
            "{}: {shown} vs {km}",
            day["day"]
        );
    }
    assert!(legs >= 3, "{v}");
    let text = stdout(&run_ok(&nerima_route(&[
        "--travel",
        "network",
        "--network",
        &net,
    ])));
    assert!(
        text.contains("fastest drives along the streets of"),
        "{text}"
    );
}

#[test]
fn travel_network_needs_its_extract_and_the_extract_alone_keeps_straight_drives() {
    let net = nerima().display().to_string();
    let without = run(&nerima_route(&["--travel", "network"]));
    assert_eq!(without.status.code(), Some(2), "{}", stderr(&without));
    assert!(
        stderr(&without).contains("--network"),
        "{}",
        stderr(&without)
    );
    // --network alone measures the walks; the drives stay as --travel says (straight).
    let kind = |extra: &[&str]| {
        let v = run_json(&nerima_route(&[extra, &["--format", "json"]].concat()));
        v["rules"]["travel"]["kind"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(kind(&["--network", &net]), "straight_line");
    assert_eq!(kind(&["--network", &net, "--travel", "network"]), "network");
    let both = run(&nerima_route(&[
        "--travel",
        "network",
        "--network",
        &net,
        "--travel-matrix",
        "x.csv",
    ]));
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    let matrix = run(&nerima_route(&["--travel", "matrix"]));
    assert_eq!(matrix.status.code(), Some(2), "{}", stderr(&matrix));
    assert!(
        stderr(&matrix).contains("--travel-matrix"),
        "{}",
        stderr(&matrix)
    );
}

#[test]
fn a_dem_with_the_drive_profile_is_refused_not_ignored() {
    let net = nerima().display().to_string();
    let o = run(&[
        "network",
        "matrix",
        "--network",
        &net,
        "--from",
        super::DEMAND,
        "--to",
        super::SITES,
        "--profile",
        "drive",
        "--dem",
        "hills.asc",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--dem") && stderr(&o).contains("--profile drive"));
}
