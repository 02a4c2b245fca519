//! When a solver must stop, and which random stream it draws from.

use std::time::{Duration, Instant};

/// Time limit and seed shared by every solver.
///
/// The deadline is checked between units of work (a branch-and-bound node, a subgradient
/// round, an interchange pass), so `--time-limit-s` is honoured to within one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Stop searching after this instant; `None` means run to proven optimality.
    pub deadline: Option<Instant>,
    /// Seed of every random choice (heuristic starts, tie shuffles).
    pub seed: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            deadline: None,
            seed: 1,
        }
    }
}

impl Limits {
    /// Limits that end `seconds` from now (`None`: no limit).
    pub fn new(time_limit: Option<Duration>, seed: u64) -> Limits {
        Limits {
            deadline: time_limit.map(|d| Instant::now() + d),
            seed,
        }
    }

    /// These limits, ending at `deadline` if that comes first.
    pub fn until(self, deadline: Option<Instant>) -> Limits {
        let deadline = match (self.deadline, deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Limits { deadline, ..self }
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        crate::budget::passed(self.deadline)
    }
}
