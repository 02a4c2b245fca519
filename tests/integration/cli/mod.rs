//! The command line on planning data: `rank` (formats, export, determinism), `data export`
//! and its round trip, `compare`, and the error contract every command shares. This module holds the small-fixture argument builder.

mod buyers;
mod compare;
mod errors;
mod examples;
mod export;
mod outputs;
mod rank;

use crate::helpers::fixture;

fn small(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ["rank", "--demand"].iter().map(|s| s.to_string()).collect();
    v.push(fixture("small_demand.csv"));
    v.push("--candidates".into());
    v.push(fixture("small_candidates.csv"));
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}
