//! The stop-list reader (a solve's JSON or a CSV with `id`) on arbitrary bytes, with and
//! without a visits column: parses or fails naming the file, never panics.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mobile_stops::io::read_stop_list;

fuzz_target!(|data: &[u8]| {
    let name = "fuzz.csv";
    let Some(src) = common::decode(name, data) else {
        return;
    };
    common::check(name, read_stop_list(&src, None));
    common::check(name, read_stop_list(&src, Some("visits")));
});
