//! What-if scenarios: a baseline and its variants, solved side by side in parallel and
//! ranked by how robust each candidate's choice is.
//!
//! Councils ask "what if we walk only 300 m?" or "what if 白峰寺 says no?". A scenario file
//! ([`spec`]) names the variants; the runner ([`run`]) shares the data and the walking-radius
//! coverage between them and returns one row per scenario in file order, identical for any
//! thread count.

pub mod run;
pub mod spec;

pub use run::{run_batch, Batch, Robustness, Row, Solved, NOT_RUN};
pub use spec::{read_scenarios, NewCandidate, Overrides, Scenario, ScenarioFile};
