//! How much memory a run may use, checked before the big allocations rather than discovered
//! by the operating system killing the process halfway through a council's batch.
//!
//! The few structures that grow with the input (the text of a data file, the walking-radius
//! pairs, a dense point × site matrix, a MIP model) estimate their size first and refuse with
//! [`Error::TooLarge`] when it exceeds the caller's [`MemoryLimit`] (by default 80 % of the
//! machine's memory).

use crate::error::{Error, Result};
use crate::param::Param;

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

    /// A limit in gigabytes as a person gives it; refused unless a positive number.
    pub fn gigabytes(gb: f64) -> Result<Self> {
        if !(gb.is_finite() && gb > 0.0 && gb <= 1e6) {
            return Err(Error::param(
                Param::MaxMemoryGb,
                "a number of gigabytes greater than 0",
                format!("`{gb}`"),
            ));
        }
        Ok(MemoryLimit::bytes((gb * 1e9) as u64))
    }

    /// The limit in bytes.
    pub fn get(self) -> u64 {
        self.bytes
    }

    /// Refuses `what` when it needs more than the limit; `hint` says how to need less.
    pub fn check(self, what: impl Into<String>, need: u64, hint: &str) -> Result<()> {
        if need <= self.bytes {
            return Ok(());
        }
        Err(Error::TooLarge {
            what: what.into(),
            need: size(need),
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
        assert_eq!(MemoryLimit::gigabytes(2.0).unwrap().get(), 2_000_000_000);
    }
}
