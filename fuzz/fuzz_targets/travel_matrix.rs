//! The travel-matrix reader on arbitrary bytes, for the place lists `route` passes: parses or
//! fails naming the file, never panics.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mobile_stops::io::read_travel_matrix;

fuzz_target!(|data: &[u8]| {
    let name = "fuzz.csv";
    let Some(src) = common::decode(name, data) else {
        return;
    };
    // Ids another candidate or a shop could have: allowed in the file, skipped.
    let known = |id: &str| id.starts_with('c') || id == "shop";
    // The ids of the bad-input catalogue and of the property tests, then a depot that is also
    // a stop (one id, two places).
    for places in [
        &["hiejinja", "myogyoji"][..],
        &["d", "a", "b"][..],
        &["d", "a", "d"][..],
    ] {
        common::check(name, read_travel_matrix(&src, places, &known));
    }
    // The file's own `from` ids as the places, so a complete matrix of any ids gets past the
    // missing-pair check into the rest of the reader.
    let mut own: Vec<&str> = Vec::new();
    for line in src.text.lines().skip(1).take(64) {
        let id = line.split([',', ';', '\t']).next().unwrap_or("").trim();
        if !own.contains(&id) {
            own.push(id);
        }
    }
    common::check(name, read_travel_matrix(&src, &own, &known));
});
