//! `examples/walk_costs.csv`, the cost matrix the README and `--help` examples read: the
//! embedded data's pairs within 1,200 m in a straight line, at that distance × 1.25 (a street
//! detour) in metres and at 60 m a minute (an older resident's pace, a convention) in
//! minutes. Regenerated with `MOBILE_STOPS_BLESS=1`; the test keeps it true to its words.

use super::{embedded, pairs};
use std::fmt::Write;

/// The file's text, from the embedded data and the library's own distance.
fn expected() -> String {
    let data = embedded();
    let (ids, sites) = (&data.demand.data.ids, &data.candidates.data.sites);
    let mut text = String::from("from,to,metres,minutes\n");
    for (i, j, m) in pairs(|_, _, m| (m <= 1200.0).then_some(m * 1.25)) {
        let _ = writeln!(text, "{},{},{:.1},{:.2}", ids[i], sites[j].id, m, m / 60.0);
    }
    text
}

#[test]
fn the_example_cost_matrix_is_the_straight_line_with_a_detour() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/walk_costs.csv");
    let want = expected();
    if std::env::var_os("MOBILE_STOPS_BLESS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let got = std::fs::read_to_string(path).unwrap();
    assert!(
        got == want,
        "examples/walk_costs.csv differs: run with MOBILE_STOPS_BLESS=1"
    );
}
