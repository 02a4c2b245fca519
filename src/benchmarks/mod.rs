//! Benchmark inputs: readers for published facility-location benchmark files, the solver
//! inputs built from them ([`pmed_instance`], [`pmedcap_instance`], [`cpmp_instance`],
//! [`sjc_instance`]), and
//! seeded [`synthetic`] datasets, [`street_grid`] street graphs and [`city_extract`] OSM files
//! for speed measurements.
//!
//! A solver that scores real planning data cannot show it is right on that data: nobody knows
//! the best answer there. Published instances with proven optima can: if a p-median or
//! covering solver reproduces the literature's value on OR-Library `pmed1`–`pmed40`, the
//! Osman–Christofides capacitated set or the São José dos Campos point sets, its model and
//! search are right, and a regression shows up as a number that moved. These readers follow
//! the exact conventions those optima depend on (see `shared/benchmarks/*/README.md`):
//!
//! - [`read_pmed`]: OR-Library graphs; a later duplicate edge line overwrites the earlier
//!   one, then Floyd–Warshall.
//! - [`read_pmedcap`]: capacitated p-median points; Euclidean distance truncated to an integer.
//! - [`read_cpmp`]: the Lorena–Senne and Stefanello et al. capacitated point sets; Euclidean
//!   distance truncated to five decimals.
//! - [`read_sjc`]: MCLP point sets; coverage tested exactly on squared integers ([`SjcInstance::covers`]).
//!
//! Each reader has a `*_within` form taking the run's [`Budget`]: the size the header states is
//! checked against the memory limit before anything of that size is built (a 280 kB file can
//! state 20,000 vertices, a 4.8 GB matrix), and the deadline is checked while lines are read
//! and while the quadratic or cubic matrices are built, so a time limit is kept even when the
//! file alone takes longer (see `out_of_time`).
//!
//! Every malformed file is an [`Error::Input`] naming the file, the line
//! and, where one token is at fault, its position on the line (the "column" is the 1-based
//! token number, as the files are whitespace-separated). Nothing is skipped silently, except
//! blank lines, which carry no data.

pub mod city_extract;
mod cpmp;
mod file;
mod instance;
mod orlib;
mod pmedcap;
mod sjc;
pub mod street_grid;
pub mod synthetic;

pub use cpmp::{read_cpmp, read_cpmp_within, CpmpInstance};
pub use file::{benchmark_instance, Benchmark};
pub use instance::{cpmp_instance, pmed_instance, pmedcap_instance, sjc_instance};
pub use orlib::{read_pmed, read_pmed_within, PmedInstance};
pub use pmedcap::{count_pmedcap, read_pmedcap, read_pmedcap_within, CapInstance};
pub use sjc::{read_sjc, read_sjc_within, SjcInstance};

use crate::budget::{passed, Budget};
use crate::error::{Error, Location, Result};
use crate::io::text::describe;
use crate::param::Param;
use std::str::FromStr;

/// Bytes per entry of an n × n benchmark matrix while it becomes a solve instance: the
/// reader's `u32` matrix (4) and the `f64` copy the instance holds (8) are alive together.
const MATRIX_BYTES_PER_ENTRY: u64 = 12;

/// How many lines are read between two looks at the clock: often enough that a file read
/// past the deadline stops within milliseconds, rarely enough to cost nothing.
const LINES_PER_CLOCK_CHECK: usize = 1 << 14;

/// Refuses an `n` × `n` matrix the memory limit cannot hold, before any of it (or anything of
/// size `n`) is allocated. The need is computed in `u128` so that a header such as
/// `4000000000 0 5` gets its true size in the message rather than a wrapped one.
fn check_matrix(name: &str, n: usize, what: &str, budget: &Budget) -> Result<()> {
    let need = (n as u128) * (n as u128) * u128::from(MATRIX_BYTES_PER_ENTRY);
    budget.memory.check_wide(
        format!("{name}: the {n} × {n} {what}"),
        need,
        "use an instance with fewer points; ",
    )
}

/// Refuses `n` points of `per_point` bytes each that the memory limit cannot hold.
fn check_points(name: &str, n: usize, per_point: u64, budget: &Budget) -> Result<()> {
    let need = (n as u128) * u128::from(per_point);
    budget.memory.check_wide(
        format!("{name}: {n} points ({per_point} bytes each)"),
        need,
        "use an instance with fewer points; ",
    )
}

/// The error when the time limit ends before a benchmark file is read: a usage error on
/// `time_limit_s` (exit 2), not [`Error::TooLarge`], because the file may fit in memory and
/// a longer limit would read it. No answer exists yet, so there is nothing to report as
/// `time_limit`; `phase` says how far the reading got.
pub(crate) fn out_of_time(name: &str, phase: String) -> Error {
    Error::param(
        Param::TimeLimitS,
        format!("enough time to read {name} before the search (or no limit)"),
        format!("the limit ended while {phase}"),
    )
}

/// Fails with [`out_of_time`] when the deadline has passed; `phase` is only built then.
fn check_clock(budget: &Budget, name: &str, phase: impl FnOnce() -> String) -> Result<()> {
    if passed(budget.deadline) {
        return Err(out_of_time(name, phase()));
    }
    Ok(())
}

/// An n × n integer matrix where every point is a client of weight 1 and a site: how both
/// OR-Library p-median formats state their objective.
fn unit_weight_problem(n: usize, dist: &[u32]) -> crate::solve::DistanceProblem {
    crate::solve::DistanceProblem {
        clients: n,
        sites: n,
        dist: dist.iter().map(|&d| f64::from(d)).collect(),
        weight: vec![1.0; n],
    }
}

/// Non-blank lines of a whitespace-separated file, each read as one record of a known width.
struct Lines<'a> {
    name: &'a str,
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
    /// Number of the last line handed out (or looked at), for end-of-file messages.
    last: u64,
}

/// One line split into whitespace tokens.
struct Record<'a> {
    name: &'a str,
    line: u64,
    tokens: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        Lines {
            name,
            lines: text.lines().enumerate(),
            last: 0,
        }
    }

    /// The next non-blank line, whatever its width; `None` at the end of the text.
    fn next_any(&mut self) -> Option<Record<'a>> {
        for (i, text) in self.lines.by_ref() {
            self.last = i as u64 + 1;
            let tokens: Vec<&str> = text.split_whitespace().collect();
            if !tokens.is_empty() {
                return Some(Record {
                    name: self.name,
                    line: self.last,
                    tokens,
                });
            }
        }
        None
    }

    /// The next non-blank line, which must hold exactly `width` tokens described by `what`.
    fn next(&mut self, width: usize, what: &str) -> Result<Record<'a>> {
        match self.next_any() {
            Some(rec) => {
                rec.width(width, what)?;
                Ok(rec)
            }
            None => Err(Error::input(
                Location::at(self.name, self.last + 1, None),
                what,
                "the end of the file",
            )),
        }
    }

    /// Fails if anything but blank lines follows.
    fn end(&mut self, after: &str) -> Result<()> {
        match self.next_any() {
            None => Ok(()),
            Some(rec) => Err(rec.error(
                0,
                format!("the end of the file after {after}"),
                format!("another line starting `{}`", rec.tokens[0]),
            )),
        }
    }
}

impl Record<'_> {
    /// Checks the token count: too few names the line, too many points at the first extra token.
    fn width(&self, width: usize, what: &str) -> Result<()> {
        if self.tokens.len() < width {
            return Err(Error::input(
                Location::at(self.name, self.line, None),
                what,
                format!("{} field(s)", self.tokens.len()),
            ));
        }
        if self.tokens.len() > width {
            return Err(self.error(
                width,
                format!("{what}, and nothing after it"),
                format!("an extra field {}", describe(self.tokens[width])),
            ));
        }
        Ok(())
    }

    /// An error at token `index` (0-based); the column in the message is 1-based.
    fn error(&self, index: usize, expected: impl Into<String>, found: impl Into<String>) -> Error {
        Error::input(
            Location::at(self.name, self.line, Some(index + 1)),
            expected,
            found,
        )
    }

    /// Token `index` as an integer type; `what` says what it means and its valid range.
    fn int<T: FromStr>(&self, index: usize, what: &str) -> Result<T> {
        let t = self.tokens[index];
        t.parse()
            .map_err(|_| self.error(index, format!("{what}, a whole number"), describe(t)))
    }

    /// Token `index` as an integer of at least `lo`.
    fn int_min<T: FromStr + PartialOrd + std::fmt::Display>(
        &self,
        index: usize,
        lo: T,
        what: &str,
    ) -> Result<T> {
        let what = format!("{what} ({lo} or more)");
        let v: T = self.int(index, &what)?;
        if v < lo {
            return Err(self.error(index, what, describe(self.tokens[index])));
        }
        Ok(v)
    }

    /// Token `index` as an integer within `lo..=hi`.
    fn int_in<T: FromStr + PartialOrd + std::fmt::Display>(
        &self,
        index: usize,
        lo: T,
        hi: T,
        what: &str,
    ) -> Result<T> {
        let v: T = self.int(index, &format!("{what} ({lo} to {hi})"))?;
        if v < lo || v > hi {
            return Err(self.error(
                index,
                format!("{what} ({lo} to {hi})"),
                describe(self.tokens[index]),
            ));
        }
        Ok(v)
    }
}
