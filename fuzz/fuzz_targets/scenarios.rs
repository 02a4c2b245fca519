//! The scenario TOML reader on arbitrary bytes: parses (expanding sweeps) or fails naming the
//! file; a sweep must not expand into a hang or an out-of-memory.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mobile_stops::scenario::read_scenarios;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let name = "fuzz.toml";
    let Some(src) = common::decode(name, data) else {
        return;
    };
    common::check(name, read_scenarios(&src, Path::new("/fuzz")));
});
