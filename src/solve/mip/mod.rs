//! The textbook MIP formulations, modelled with good_lp, as an independent cross-check.
//!
//! The specialised solvers (Lagrangian branch and bound, covering reductions) are fast
//! because they are clever, and clever code can be wrong in ways a benchmark misses. The same
//! models written as plain MIPs and handed to a generic solver give a second opinion: tests
//! compare both on seeded instances, and `solve --mip` lets a user check an answer. The
//! default build uses the pure-Rust microlp solver (small instances only: it has no cuts);
//! `--features highs` switches to HiGHS.
//!
//! Under a deadline the model is built and solved on a worker thread that the caller stops
//! waiting for at the deadline (neither solver checks its clock often enough to promise a
//! limit on its own); every entry point then returns `None` and the caller answers from
//! elsewhere. The abandoned thread ends at the solver's own time limit.
//!
//! Modules, by what they own: `formulation` (the shared model skeleton and the solver call
//! under a deadline), `models` (one formulation per location model), `measure` (the objective
//! of an open set, computed the same way for every model).

mod formulation;
mod measure;
mod models;
#[cfg(test)]
mod tests;

pub use measure::{center_cost, covered_weight, median_cost};
pub use models::{lscp, mclp, pcenter, pmedian, pmedian_capacitated};

/// Which generic solver this build uses, for the result's notes.
pub const SOLVER: &str = if cfg!(feature = "highs") {
    "HiGHS"
} else {
    "microlp"
};
