//! The integration tests, one binary (building one per file linked the whole crate each time).
//! Each module tests one capability of `mobile-stops`, through the built binary or the library;
//! `helpers` holds what they share. Data stays in `tests/data`, `tests/bad_inputs` and
//! `tests/expected`.

mod helpers;

mod cli;
mod costs;
mod council_text;
mod determinism;
mod golden;
mod limits;
mod network;
mod readers;
mod report;
mod route;
mod scenarios;
mod scenarios_progress;
mod scoring;
mod serve;
mod serve_browser;
mod solve;
