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
        passed(self.deadline)
    }
}

/// Whether `deadline` has passed (never, without one).
pub fn passed(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}

/// The instant `fraction` of the time left before `deadline` from now: how one limit is split
/// between a command's steps (a solve, then its re-solves; a solve, then the week's search).
pub fn share(deadline: Option<Instant>, fraction: f64) -> Option<Instant> {
    deadline.map(|d| {
        let now = Instant::now();
        now + d.saturating_duration_since(now).mul_f64(fraction)
    })
}
