//! What-if scenarios: a baseline and its variants, solved side by side in parallel and
//! ranked by how robust each candidate's choice is.
//!
//! Councils ask "what if we walk only 300 m?" or "what if 白峰寺 says no?". A scenario file
//! ([`spec`]) names the variants; [`apply`] turns each into a data variant and solver
//! parameters; the batch ([`batch`]) shares the data and the walking-radius coverage between
//! them and returns one [`Row`] per scenario in file order, identical for any thread count;
//! [`sites`] says what each candidate was in each solved scenario, and [`robust`] counts how
//! often each is chosen where it was free to be.

pub mod apply;
pub mod batch;
pub mod cost;
pub mod record;
pub mod robust;
pub mod row;
pub mod shard;
pub mod sites;
pub mod spec;

pub use batch::{first_failure, run_batch, Batch, INTERRUPTED, NOT_RUN};
pub use robust::Robustness;
pub use row::{NotRunReason, Row, RowOutcome, Solved};
pub use sites::{candidates, site_facts, SiteFact};
pub use spec::{read_scenarios, NewCandidate, Overrides, Scenario, ScenarioFile};
