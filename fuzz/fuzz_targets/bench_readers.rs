//! The benchmark readers (OR-Library pmed, pmedcap, SJC) on arbitrary bytes: each parses or
//! fails naming the file; none panics, and a header's sizes cannot make one allocate or loop
//! beyond what the file's lines back up.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mobile_stops::benchmarks::{count_pmedcap, read_pmed, read_pmedcap, read_sjc};

fuzz_target!(|data: &[u8]| {
    let name = "fuzz.txt";
    // `solve --orlib/--pmedcap/--sjc` decode the file like every other input.
    let Some(src) = common::decode(name, data) else {
        return;
    };
    let text = src.text.as_str();
    common::check(name, read_pmed(name, text));
    common::check(name, read_sjc(name, text));
    common::check(name, count_pmedcap(name, text));
    common::check(name, read_pmedcap(name, text, 1));
    common::check(name, read_pmedcap(name, text, 2));
});
