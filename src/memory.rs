//! How much memory a run may use, checked before the big allocations rather than discovered
//! by the operating system killing the process halfway through a council's batch.
//!
//! The few structures that grow with the input (the text of a data file, the walking-radius
//! pairs, a dense point × site matrix, a MIP model) estimate their size first and refuse with
//! [`Error::TooLarge`] when it exceeds the limit: 80 % of the machine's memory unless set with
//! [`set_limit_bytes`] (the command line's `--max-memory-gb` or `MOBILE_STOPS_MAX_MEMORY_GB`).

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicU64, Ordering};

/// The limit set by the caller, 0 when unset.
static LIMIT: AtomicU64 = AtomicU64::new(0);

/// Used when the machine's memory cannot be read.
const FALLBACK: u64 = 8 << 30;

/// Sets the process-wide limit in bytes (0 restores the default).
pub fn set_limit_bytes(bytes: u64) {
    LIMIT.store(bytes, Ordering::Relaxed);
}

/// The limit in bytes: the one set, else 80 % of the machine's memory.
pub fn limit_bytes() -> u64 {
    match LIMIT.load(Ordering::Relaxed) {
        0 => machine_bytes().map_or(FALLBACK, |m| m / 5 * 4),
        set => set,
    }
}

/// Total memory from `/proc/meminfo` (Linux); `None` elsewhere.
fn machine_bytes() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Refuses `what` when it needs more than the limit; `hint` says how to need less.
pub fn check(what: impl Into<String>, need: u64, hint: &str) -> Result<()> {
    let limit = limit_bytes();
    if need <= limit {
        return Ok(());
    }
    Err(Error::TooLarge {
        what: what.into(),
        need: size(need),
        limit: size(limit),
        hint: hint.to_string(),
    })
}

/// Bytes as a person reads them: "820 MB", "12.4 GB".
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.0} MB", b / 1e6)
    } else {
        format!("{:.0} kB", (b / 1e3).max(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_above_the_limit_and_says_how_to_raise_it() {
        let limit = limit_bytes();
        assert!(limit > 0);
        assert!(check("a small thing", 1024, "").is_ok());
        let err = check("the radius pairs", limit + 1, "use a smaller radius").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("the radius pairs"), "{text}");
        assert!(text.contains("--max-memory-gb"), "{text}");
        assert!(text.contains("use a smaller radius"), "{text}");
        assert_eq!(err.exit_code(), 2);
        assert_eq!(size(820_000_000), "820 MB");
        assert_eq!(size(12_400_000_000), "12.4 GB");
    }
}
