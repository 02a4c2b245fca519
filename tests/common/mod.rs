//! Where the published benchmarks live and how to read them: part of the integration tests'
//! helpers (`tests/integration/helpers.rs` includes this file), and included by path by
//! `benches/pmedian.rs` too. Each uses a different subset, hence the `dead_code` allowance.
#![allow(dead_code)]

use mobile_stops::benchmarks::{
    read_pmed, read_pmedcap, read_sjc, CapInstance, PmedInstance, SjcInstance,
};
use std::path::{Path, PathBuf};

/// A file under `../shared/benchmarks` (where CI has it too).
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/benchmarks")
        .join(rel)
}

/// The text of a benchmark file; a missing file fails the test naming it.
pub fn text(rel: &str) -> String {
    let path = shared(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Rows of a benchmark CSV after the header, split on commas.
pub fn csv_rows(rel: &str) -> Vec<Vec<String>> {
    text(rel)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// OR-Library `pmedK`.
pub fn pmed(k: usize) -> PmedInstance {
    let rel = format!("orlib-pmed/instances/pmed{k}.txt");
    read_pmed(&rel, &text(&rel)).unwrap_or_else(|e| panic!("{e}"))
}

/// Osman–Christofides problem `k` (its own file).
pub fn cpmp(k: usize) -> CapInstance {
    let rel = format!("orlib-cpmp-osman-christofides/instances/cpmp{k:02}.txt");
    read_pmedcap(&rel, &text(&rel), k).unwrap_or_else(|e| panic!("{e}"))
}

/// An SJC point set by name, e.g. `SJC324`.
pub fn sjc(name: &str) -> SjcInstance {
    let rel = format!("mclp-sjc-lorena/instances/{name}.txt");
    read_sjc(&rel, &text(&rel)).unwrap_or_else(|e| panic!("{e}"))
}
