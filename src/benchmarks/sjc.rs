//! São José dos Campos point sets (Lorena & Pereira 2002), the usual MCLP/LSCP benchmarks.
//!
//! Format (tab-separated, CRLF in the published files; read here by whitespace tokens):
//!
//! ```text
//! N 9999 p S     header: number of points, the literal 9999, then p and S
//! x y a          N lines: integer coordinates in metres, integer demand
//! ```
//!
//! In the published files `p` and `S` are the literal letters: both are parameters the user
//! chooses (commonly S = 800 or 1200 m). Every point is both a demand point and a candidate
//! site. Coverage is decided exactly on integers, `dx*dx + dy*dy <= S*S`, because one point
//! pair in each file lies at exactly 1200 m.

use super::{check_clock, check_points, Lines, LINES_PER_CLOCK_CHECK};
use crate::budget::Budget;
use crate::error::Result;
use crate::io::text::describe;
use crate::solve::instance::plane;
use crate::spatial::Coverage;

/// Largest demand accepted, so that every demand and every sum of them is exact in `f64`.
const DEMAND_MAX: u64 = 1 << 53;

/// One SJC point set.
///
/// Deviation from a plain `p: usize, s: f64` header: the published files hold placeholders
/// there, so both are `Option`s, `None` for the placeholder letters `p` and `S`.
#[derive(Debug, Clone, PartialEq)]
pub struct SjcInstance {
    /// Number of points.
    pub n: usize,
    /// `p` as written in the header, `None` for the placeholder `p`.
    pub p_in_file: Option<usize>,
    /// `S` as written in the header, `None` for the placeholder `S`.
    pub s_in_file: Option<f64>,
    /// Integer coordinates in metres, file order.
    pub points: Vec<(i64, i64)>,
    /// Demand (population) of each point; whole numbers in the file.
    pub demand: Vec<f64>,
}

impl SjcInstance {
    /// Whether a facility at point `site` covers point `point` (0-based) with service distance
    /// `radius` metres, by the benchmark's rule `dx*dx + dy*dy <= radius*radius`.
    ///
    /// Exact for whole-number radii, the convention every published SJC value uses; a
    /// fractional radius is compared in `f64`. A negative or NaN radius covers nothing.
    /// Panics if an index is `>= n`, like slice indexing.
    pub fn covers(&self, site: usize, point: usize, radius: f64) -> bool {
        plane::covers(&self.points, site, point, radius)
    }

    /// Sum of all demands (the denominator of "share of demand covered").
    pub fn total_demand(&self) -> f64 {
        self.demand.iter().sum()
    }

    /// Coverage lists for service distance `radius` by [`Self::covers`]: every point is a
    /// candidate site; distances are Euclidean metres.
    pub fn coverage(&self, radius: f64) -> Coverage {
        plane::coverage(&self.points, radius)
    }
}

/// Reads an SJC file.
///
/// Fails with an [`Error::Input`](crate::Error::Input) naming the line (and token) on: a header
/// that is not `N 9999 p S` (with `p` a whole number or the letter `p`, `S` a number or the
/// letter `S`); fewer or more data lines than `N`; a data line with other than three fields; a
/// coordinate or demand that is not a whole number; a negative demand. Without a budget: see
/// [`read_sjc_within`].
pub fn read_sjc(name: &str, text: &str) -> Result<SjcInstance> {
    read_sjc_within(name, text, &Budget::default())
}

/// Bytes per point of an SJC set once it is a solve instance: the coordinates and demand
/// (24, twice: reader and instance), the point's id text and its site record (`SiteInfo`,
/// about 200 with the id's allocation). Coverage lists are estimated later by the solve.
const SJC_BYTES_PER_POINT: u64 = 300;

/// [`read_sjc`] within a run's budget: `N` points the memory limit cannot hold are refused
/// from the header line, and a deadline that passes while the lines are read ends the
/// reading (an `Error::Param` on `time_limit_s`).
pub fn read_sjc_within(name: &str, text: &str, budget: &Budget) -> Result<SjcInstance> {
    let mut lines = Lines::new(name, text);
    let head = lines.next(4, "a header `N 9999 p S`")?;
    let n: usize = head.int_min(0, 1, "N, the number of points")?;
    if head.tokens[1] != "9999" {
        return Err(head.error(
            1,
            "the literal `9999` of the SJC header",
            describe(head.tokens[1]),
        ));
    }
    let p_in_file = match head.tokens[2] {
        "p" => None,
        _ => Some(head.int_in(2, 1, n, "p, or the placeholder `p`")?),
    };
    let s_in_file = match head.tokens[3] {
        "S" => None,
        t => Some(
            t.parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .ok_or_else(|| {
                    head.error(
                        3,
                        "S, a distance 0 or more, or the placeholder `S`",
                        describe(t),
                    )
                })?,
        ),
    };
    check_points(name, n, SJC_BYTES_PER_POINT, budget)?;
    let mut points = Vec::with_capacity(n.min(1 << 20));
    let mut demand = Vec::with_capacity(n.min(1 << 20));
    for i in 1..=n {
        if i % LINES_PER_CLOCK_CHECK == 0 {
            check_clock(budget, name, || format!("reading point line {i} of {n}"))?;
        }
        let rec = lines.next(3, &format!("point line {i} of {n}, `x y demand`"))?;
        let x: i64 = rec.int(0, "an x coordinate in metres")?;
        let y: i64 = rec.int(1, "a y coordinate in metres")?;
        let a: u64 = rec.int_in(2, 0, DEMAND_MAX, "a demand")?;
        points.push((x, y));
        demand.push(a as f64);
    }
    lines.end(&format!("the {n} point lines of the header"))?;
    Ok(SjcInstance {
        n,
        p_in_file,
        s_in_file,
        points,
        demand,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tabs_crlf_and_placeholders() {
        let s = read_sjc(
            "s",
            "3\t9999\tp\tS\r\n0\t0\t5\t\r\n3\t4\t2\t\r\n800\t0\t1\t",
        )
        .unwrap();
        assert_eq!((s.n, s.p_in_file, s.s_in_file), (3, None, None));
        assert_eq!(s.points, vec![(0, 0), (3, 4), (800, 0)]);
        assert_eq!(s.total_demand(), 8.0);
        let s = read_sjc("s", "1 9999 1 800.5\n7 7 0\n").unwrap();
        assert_eq!((s.p_in_file, s.s_in_file), (Some(1), Some(800.5)));
    }

    #[test]
    fn coverage_is_the_squared_integer_rule() {
        let s = read_sjc("s", "4 9999 p S\n0 0 1\n3 4 1\n800 0 1\n-566 566 1\n").unwrap();
        assert!(s.covers(0, 1, 5.0));
        assert!(!s.covers(0, 1, 4.0));
        assert!(s.covers(0, 2, 800.0)); // exactly on the circle counts
        assert!(!s.covers(0, 2, 799.0));
        assert!(s.covers(2, 0, 800.0));
        // 566^2 * 2 = 640712 > 640000: just outside 800 m, although sqrt rounds close.
        assert!(!s.covers(0, 3, 800.0));
        assert!(s.covers(0, 3, 801.0));
        assert!(!s.covers(0, 1, 4.9999)); // fractional radius: 25 > 24.999
        assert!(s.covers(0, 1, 5.5));
        assert!(!s.covers(0, 1, -1.0));
        assert!(!s.covers(0, 1, f64::NAN));
        assert!(s.covers(1, 1, 0.0));
    }

    fn err(text: &str) -> String {
        read_sjc("j.txt", text).unwrap_err().to_string()
    }

    #[test]
    fn malformed_files_name_line_and_token() {
        assert!(err("2 9999 p\n")
            .starts_with("j.txt:1: expected a header `N 9999 p S`, found 3 field(s)"));
        assert!(err("2 999 p S\n").starts_with("j.txt:1:2: expected the literal `9999`"));
        assert!(err("2 9999 3 S\n")
            .starts_with("j.txt:1:3: expected p, or the placeholder `p` (1 to 2)"));
        assert!(err("2 9999 p x\n").starts_with("j.txt:1:4: expected S, a distance"));
        assert_eq!(
            err("2 9999 p S\n1 2 3\n"),
            "j.txt:3: expected point line 2 of 2, `x y demand`, found the end of the file"
        );
        assert!(err("1 9999 p S\n1 2.5 3\n").starts_with(
            "j.txt:2:2: expected a y coordinate in metres, a whole number, found `2.5`"
        ));
        assert!(err("1 9999 p S\n1 2 -3\n").starts_with("j.txt:2:3: expected a demand"));
        assert!(err("1 9999 p S\n1 2 3 4\n").starts_with("j.txt:2:4: expected point line 1 of 1"));
        assert!(err("1 9999 p S\n1 2 3\n4 5 6\n")
            .starts_with("j.txt:3:1: expected the end of the file after the 1 point lines"));
    }
}
