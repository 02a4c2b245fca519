//! The planning-data readers (demand points, e-Stat mesh tables, candidates, surveys, shops) on
//! arbitrary bytes: each parses or fails naming the file; none panics, hangs or balloons.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mobile_stops::io;

fuzz_target!(|data: &[u8]| {
    let name = "fuzz.csv";
    let Some(src) = common::decode(name, data) else {
        return;
    };
    common::check(name, io::read_points(&src));
    common::check(name, io::read_estat(&src));
    common::check(name, io::read_candidates(&src));
    common::check(name, io::read_surveys(&src));
    common::check(name, io::read_stores(&src));
    // What `--demand` does: sniff the format, read, and derive the summary notes.
    common::check(name, io::read_demand_text(src));
});
