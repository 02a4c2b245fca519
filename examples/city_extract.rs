//! Writes a generated city-sized OpenStreetMap XML extract around the embedded
//! northern-Chigasaki data (`benchmarks::city_extract`), to time `rank --network` on it as a
//! planner would run it (`benches/city.rs` has the benchmark; the README the figures).
//!
//! Run: `cargo run --release --example city_extract -- OUT.osm [margin_m] [spacing_m]`
//! (defaults 3000 and 50: about 300,000 nodes).

use mobile_stops::benchmarks::city_extract::{write_osm_xml, CityExtractSpec};
use mobile_stops::budget::Budget;
use mobile_stops::io::{load_dataset, DataPaths};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: city_extract OUT.osm [margin_m] [spacing_m]");
        std::process::exit(2);
    };
    let number = |i: usize, default: f64| {
        args.get(i)
            .map(|a| a.parse().expect("a number"))
            .unwrap_or(default)
    };
    let data = load_dataset(&DataPaths::default(), Budget::default()).expect("embedded data");
    let mut places = data.demand.data.locations.clone();
    places.extend(data.candidates.data.sites.iter().map(|s| s.location));
    let spec = CityExtractSpec {
        spacing_m: number(2, 50.0),
        ..CityExtractSpec::around(&places, number(1, 3000.0), 1).expect("places")
    };
    let t = Instant::now();
    let size = write_osm_xml(out.as_ref(), &spec).expect("writable");
    println!(
        "{out}: {} nodes, {} ways ({} walkable), {:.1} MB, {}, written in {:.2} s",
        size.nodes,
        size.ways,
        size.street_ways,
        size.bytes as f64 / 1e6,
        spec.area,
        t.elapsed().as_secs_f64()
    );
}
