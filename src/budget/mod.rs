//! What a run may spend: time and memory. At the bottom of the crate, so every layer (reading,
//! coverage, solving, the week's search, a scenario batch) takes its share of one budget given
//! by the caller as a value, never from a global; the one exception is [`stop_all`], since a
//! signal is the whole process's.

mod memory;
mod stop;
mod time;

pub use memory::{size, MemoryLimit, MIN_GIGABYTES};
pub use stop::{stop_all, stopped};
pub use time::{deadline_after, passed, share, AFTER_SEARCH};

use std::time::Instant;

/// One run's budget: the instant its searches must end and the memory it may use. A front end
/// builds it once (the command line from `--time-limit-s` counted from the start of the
/// process, and `--max-memory-gb`) and hands it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Budget {
    /// When searching must stop; `None`: run to proven optimality.
    pub deadline: Option<Instant>,
    /// The memory the run may use.
    pub memory: MemoryLimit,
}
