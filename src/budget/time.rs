//! Splitting one time limit between the steps of a run.

use crate::error::{Error, Result};
use crate::param::Param;
use std::time::{Duration, Instant};

/// The share of a time limit kept back for what follows the search (describing the answer,
/// rendering, writing), so the whole run ends within the limit.
pub const AFTER_SEARCH: f64 = 0.03;

/// The instant the searching must stop for a run that started at `started` to end within
/// `time_limit_s` (`None` without a limit); a limit that is not a positive number of seconds is
/// refused.
pub fn deadline_after(started: Instant, time_limit_s: Option<f64>) -> Result<Option<Instant>> {
    match time_limit_s {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 && s <= 1e7 => {
            let limit = Duration::from_secs_f64(s).mul_f64(1.0 - AFTER_SEARCH);
            Ok(Some(started + limit))
        }
        Some(s) => Err(Error::param(
            Param::TimeLimitS,
            "a number of seconds greater than 0",
            format!("`{s}`"),
        )),
    }
}

/// Whether `deadline` has passed (never, without one), or the process was asked to stop
/// ([`super::stop_all`]), which every deadline honours as if it had come.
pub fn passed(deadline: Option<Instant>) -> bool {
    super::stopped() || deadline.is_some_and(|d| Instant::now() >= d)
}

/// The instant `fraction` of the time left before `deadline` from now: how one limit is split
/// between a run's steps (a solve, then its re-solves; a solve, then the week's search).
pub fn share(deadline: Option<Instant>, fraction: f64) -> Option<Instant> {
    deadline.map(|d| {
        let now = Instant::now();
        now + d.saturating_duration_since(now).mul_f64(fraction)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_keeps_a_reserve_and_refuses_nonsense() {
        let t0 = Instant::now();
        let d = deadline_after(t0, Some(10.0)).unwrap().unwrap();
        assert_eq!(d - t0, Duration::from_secs_f64(9.7));
        assert_eq!(deadline_after(t0, None).unwrap(), None);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let e = deadline_after(t0, Some(bad)).unwrap_err();
            assert!(matches!(
                e,
                Error::Param {
                    param: Param::TimeLimitS,
                    ..
                }
            ));
        }
        assert!(!passed(None));
        assert!(passed(Some(t0)));
        assert_eq!(share(None, 0.5), None);
    }
}
