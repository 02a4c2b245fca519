//! How much memory a run may use, checked before the big allocations rather than discovered
//! by the operating system killing the process halfway through a council's batch.
//!
//! The few structures that grow with the input (the text of a data file, the walking-radius
//! pairs, a dense point × site matrix, a MIP model) estimate their size first and refuse with
//! [`Error::TooLarge`] when it exceeds the caller's [`MemoryLimit`] (by default 80 % of the
//! machine's memory).

use crate::error::{Error, Result};
use crate::param::Param;

/// The smallest limit a person may give, in gigabytes (1 kB): the smallest size the messages
/// show, so a refusal always states the limit that was given. Small limits stay allowed on
/// purpose: the tests and the worked examples use kilobyte limits to show refusals on small
/// data.
pub const MIN_GIGABYTES: f64 = 0.000_001;

/// Used when the machine's memory cannot be read.
const FALLBACK: u64 = 8 << 30;

/// The memory a run may use, in bytes: a value handed down with the work, so two runs in one
/// process (a test suite, the meeting page's sessions) can have different limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryLimit {
    bytes: u64,
}

impl Default for MemoryLimit {
    /// 80 % of the machine's memory.
    fn default() -> Self {
        MemoryLimit {
            bytes: machine_bytes().map_or(FALLBACK, |m| m / 5 * 4),
        }
    }
}

impl MemoryLimit {
    /// A limit of `bytes` (at least one byte).
    pub fn bytes(bytes: u64) -> Self {
        MemoryLimit {
            bytes: bytes.max(1),
        }
    }

    /// A limit in gigabytes as a person gives it; refused unless a number from
    /// [`MIN_GIGABYTES`] (1 kB) to 10⁶. A value such as `1e-10` (0.1 bytes, likely a typo for
    /// `1e10`) is refused with a message rather than rounded to a 1-byte limit that refuses
    /// every file while its messages speak of "1 kB".
    pub fn gigabytes(gb: f64) -> Result<Self> {
        if !(gb.is_finite() && (MIN_GIGABYTES..=1e6).contains(&gb)) {
            return Err(Error::param(
                Param::MaxMemoryGb,
                format!("a number of gigabytes from {MIN_GIGABYTES:.6} (1 kB) to 1000000"),
                format!("`{gb}`"),
            ));
        }
        Ok(MemoryLimit::bytes((gb * 1e9).round() as u64))
    }

    /// The limit in bytes.
    pub fn get(self) -> u64 {
        self.bytes
    }

    /// Refuses `what` when it needs more than the limit; `hint` says how to need less.
    pub fn check(self, what: impl Into<String>, need: u64, hint: &str) -> Result<()> {
        self.check_wide(what, u128::from(need), hint)
    }

    /// [`Self::check`] for a need computed in `u128`, so that a size stated by a hostile header
    /// (n = 4·10⁹ points, n² entries) is reported as it is rather than wrapped or saturated.
    pub fn check_wide(self, what: impl Into<String>, need: u128, hint: &str) -> Result<()> {
        if need <= u128::from(self.bytes) {
            return Ok(());
        }
        Err(Error::TooLarge {
            what: what.into(),
            need: size_f64(need as f64),
            limit: size(self.bytes),
            hint: hint.to_string(),
        })
    }
}

/// Total memory from `/proc/meminfo` (Linux); `None` elsewhere. Read once per process: it is
/// a fact of the machine, and every `Default` of a parameter set asks for it (a batch of
/// 100,000 scenarios spent half its time re-reading the file).
fn machine_bytes() -> Option<u64> {
    static MACHINE: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    *MACHINE.get_or_init(|| {
        let info = std::fs::read_to_string("/proc/meminfo").ok()?;
        let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    })
}

/// Bytes as a person reads them: "820 MB", "12.4 GB", "1.2 TB".
pub fn size(bytes: u64) -> String {
    size_f64(bytes as f64)
}

fn size_f64(b: f64) -> String {
    if b >= 1e12 {
        format!("{:.1} TB", b / 1e12)
    } else if b >= 1e9 {
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
    fn refuses_above_the_limit_and_says_how_to_need_less() {
        let limit = MemoryLimit::default();
        assert!(limit.get() > 0);
        assert!(limit.check("a small thing", 1024, "").is_ok());
        let err = MemoryLimit::bytes(1000)
            .check("the radius pairs", 1001, "use a smaller radius; ")
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("the radius pairs"), "{text}");
        assert!(text.contains("max_memory_gb"), "{text}");
        assert!(text.contains("use a smaller radius"), "{text}");
        assert_eq!(err.exit_code(), 2);
        assert_eq!(size(820_000_000), "820 MB");
        assert_eq!(size(12_400_000_000), "12.4 GB");
        assert!(MemoryLimit::gigabytes(0.0).is_err());
        let tiny = MemoryLimit::gigabytes(1e-10).unwrap_err().to_string();
        assert!(tiny.contains("from 0.000001 (1 kB)"), "{tiny}");
        assert_eq!(MemoryLimit::gigabytes(0.000_001).unwrap().get(), 1000);
        assert!(MemoryLimit::bytes(1)
            .check_wide("n²", 192 * 10u128.pow(18), "")
            .unwrap_err()
            .to_string()
            .contains("192000000.0 TB"));
        assert_eq!(MemoryLimit::gigabytes(2.0).unwrap().get(), 2_000_000_000);
    }
}
