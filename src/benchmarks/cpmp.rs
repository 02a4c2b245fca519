//! Capacitated p-median point sets of Lorena & Senne (SJC, p3038) and Stefanello, de Araújo
//! & Müller (TSPLIB-based), as collected in `shared/benchmarks/cpmp-lorena-senne-stefanello`.
//!
//! ```text
//! n p          header
//! x y Q d      n lines: coordinates, capacity of the point as a median, demand
//! ```
//!
//! Every point is a customer and a candidate median. Coordinates are whole numbers or carry
//! a few decimals (`2830.00`, `36.49`); the three layouts of the collection differ only in
//! whitespace and line endings, so the file is read by tokens. The literature's values hold
//! with the Euclidean distance *truncated to 5 decimals* per pair (the folder's README checks
//! this on all 41 reference solutions), so that is the matrix built, computed exactly on
//! scaled integers: a float root is off by one unit in the fifth decimal often enough to
//! move a 4,461-point sum.

use super::{check_clock, check_points, Lines, Record, LINES_PER_CLOCK_CHECK};
use crate::budget::Budget;
use crate::error::Result;
use crate::io::text::describe;

/// Most decimals a coordinate may carry: with [`COORD_MAX`] every scaled squared distance,
/// times the 10¹⁰ of the fifth-decimal truncation, stays within `u128`.
const MAX_DECIMALS: usize = 5;

/// Largest coordinate magnitude accepted (the collection's largest is about 4.4 · 10⁵).
const COORD_MAX: f64 = 1e8;

/// Bytes per point pair from reading to the end of the capacitated search: the matrix read
/// (8), the instance's copy (8), the solver's costs (8), each client's sites by cost (4), and
/// the p-median start's own matrices. Measured: 1,098 MB peak on fnl4461 (19.9 M pairs), 55
/// bytes a pair.
const SOLVE_BYTES_PER_ENTRY: u64 = 56;

/// The distance grid of the published values: 10⁻⁵.
const TRUNC_SCALE: u128 = 100_000;

/// One capacitated p-median point set, with its truncated-Euclidean distance matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct CpmpInstance {
    /// Number of points; each is a customer and a candidate median.
    pub n: usize,
    /// Number of medians the file asks for.
    pub p: usize,
    /// Coordinates as read.
    pub points: Vec<(f64, f64)>,
    /// Capacity of each point if chosen as a median (the same in every published file, but
    /// the format allows one per point, so one per point is kept).
    pub capacity: Vec<f64>,
    /// Demand of each point.
    pub demand: Vec<f64>,
    /// `trunc5(euclidean distance)`, `n * n`, row-major.
    pub dist: Vec<f64>,
}

impl CpmpInstance {
    /// The instance as a solver input: every point a client of weight 1 (the published values
    /// do not weight distances by demand) and a site.
    pub fn problem(&self) -> crate::solve::DistanceProblem {
        crate::solve::DistanceProblem {
            clients: self.n,
            sites: self.n,
            dist: self.dist.clone(),
            weight: vec![1.0; self.n],
        }
    }
}

/// A coordinate as an integer count of `10^-decimals`, with its number of decimals.
struct Fixed {
    units: i128,
    decimals: usize,
}

/// Reads a point set without a budget: see [`read_cpmp_within`].
pub fn read_cpmp(name: &str, text: &str) -> Result<CpmpInstance> {
    read_cpmp_within(name, text, &Budget::default())
}

/// Reads a point set within a run's budget: the n × n matrix is refused from the header when
/// the memory limit cannot hold it, and the deadline is kept while reading and while the
/// matrix is built.
///
/// Fails with an [`crate::Error::Input`] naming the line and token on: a header that is not
/// `n p` with `1 <= p <= n`; a point line with other than four fields; a coordinate that is
/// not a number with at most five decimals, or beyond ±10⁸; a negative or non-numeric
/// capacity or demand; fewer or more than `n` point lines.
pub fn read_cpmp_within(name: &str, text: &str, budget: &Budget) -> Result<CpmpInstance> {
    let mut lines = Lines::new(name, text);
    let head = lines.next(2, "a header line `n p`")?;
    let n: usize = head.int_min(0, 1, "n, the number of points")?;
    let p: usize = head.int_in(1, 1, n, "p, the number of medians")?;
    check_points(name, n, 64, budget)?;
    let need = (n as u128) * (n as u128) * u128::from(SOLVE_BYTES_PER_ENTRY);
    budget.memory.check_wide(
        format!("{name}: the {n} × {n} distance matrix and its capacitated search"),
        need,
        "use an instance with fewer points; ",
    )?;
    let mut fixed = Vec::with_capacity(n.min(1 << 20));
    let mut inst = CpmpInstance {
        n,
        p,
        points: Vec::with_capacity(n.min(1 << 20)),
        capacity: Vec::with_capacity(n.min(1 << 20)),
        demand: Vec::with_capacity(n.min(1 << 20)),
        dist: Vec::new(),
    };
    for i in 1..=n {
        if i % LINES_PER_CLOCK_CHECK == 0 {
            check_clock(budget, name, || format!("reading point line {i} of {n}"))?;
        }
        let rec = lines.next(4, &format!("point line {i} of {n}, `x y Q d`"))?;
        let x = coordinate(&rec, 0, "an x coordinate")?;
        let y = coordinate(&rec, 1, "a y coordinate")?;
        inst.points.push((value(&rec, 0)?, value(&rec, 1)?));
        inst.capacity
            .push(amount(&rec, 2, "Q, the capacity of the point as a median")?);
        inst.demand
            .push(amount(&rec, 3, "d, the demand of the point")?);
        fixed.push((x, y));
    }
    lines.end(&format!("the {n} point lines of the header"))?;
    inst.dist = matrix(name, &fixed, budget)?;
    Ok(inst)
}

/// The truncated distances, on a common scale of the largest number of decimals read.
fn matrix(name: &str, fixed: &[(Fixed, Fixed)], budget: &Budget) -> Result<Vec<f64>> {
    let decimals = fixed
        .iter()
        .map(|(x, y)| x.decimals.max(y.decimals))
        .max()
        .unwrap_or(0);
    let up = |f: &Fixed| f.units * 10i128.pow((decimals - f.decimals) as u32);
    let pts: Vec<(i128, i128)> = fixed.iter().map(|(x, y)| (up(x), up(y))).collect();
    // trunc5(sqrt(S) / 10^k) = floor(sqrt(S · 10^(10 − 2k))): exact on integers.
    let factor = 10u128.pow((2 * (MAX_DECIMALS - decimals)) as u32);
    let n = pts.len();
    let mut dist = vec![0.0; n * n];
    for (i, &(xi, yi)) in pts.iter().enumerate() {
        check_clock(budget, name, || {
            format!(
                "computing the distances of its {n} points (row {} of {n})",
                i + 1
            )
        })?;
        for j in 0..i {
            let (dx, dy) = (xi.abs_diff(pts[j].0), yi.abs_diff(pts[j].1));
            let units = (factor * (dx * dx + dy * dy)).isqrt();
            let d = units as f64 / TRUNC_SCALE as f64;
            dist[i * n + j] = d;
            dist[j * n + i] = d;
        }
    }
    Ok(dist)
}

/// Token `index` as a fixed-point coordinate.
fn coordinate(rec: &Record<'_>, index: usize, what: &str) -> Result<Fixed> {
    let t = rec.tokens[index];
    let expected = || format!("{what}, a number with at most {MAX_DECIMALS} decimals within ±10⁸");
    let bad = || rec.error(index, expected(), describe(t));
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > MAX_DECIMALS {
        return Err(bad());
    }
    let v: f64 = body.parse().map_err(|_| bad())?;
    if v > COORD_MAX {
        return Err(bad());
    }
    let units: i128 = format!("{whole}{frac}").parse().map_err(|_| bad())?;
    Ok(Fixed {
        units: if neg { -units } else { units },
        decimals: frac.len(),
    })
}

/// Token `index` (a coordinate already checked) as a float.
fn value(rec: &Record<'_>, index: usize) -> Result<f64> {
    let t = rec.tokens[index];
    t.parse()
        .map_err(|_| rec.error(index, "a number", describe(t)))
}

/// Token `index` as a finite number of 0 or more.
fn amount(rec: &Record<'_>, index: usize, what: &str) -> Result<f64> {
    let t = rec.tokens[index];
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| rec.error(index, format!("{what}, a number 0 or more"), describe(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tabs_crlf_and_decimals_and_truncates_to_five_decimals() {
        let text = "3\t1\t\t\r\n0\t0\t10\t4\r\n1.5\t1\t10\t5\r\n3\t4\t10\t1\r\n\r\n";
        let c = read_cpmp("c", text).unwrap();
        assert_eq!((c.n, c.p), (3, 1));
        assert_eq!(c.points[1], (1.5, 1.0));
        assert_eq!(c.demand, vec![4.0, 5.0, 1.0]);
        assert_eq!(c.capacity, vec![10.0; 3]);
        // sqrt(3.25) = 1.8027756377..., truncated (not rounded) to 1.80277
        assert_eq!(c.dist[1], 1.80277);
        assert_eq!(c.dist[3], 1.80277);
        assert_eq!(c.dist[2], 5.0);
        // sqrt(1.5² + 3²) = sqrt(11.25) = 3.3541019662...
        assert_eq!(c.dist[5], 3.3541);
        assert_eq!(c.dist[4], 0.0);
    }

    fn err(text: &str) -> String {
        read_cpmp("c.dat", text).unwrap_err().to_string()
    }

    #[test]
    fn malformed_files_name_line_and_token() {
        assert_eq!(
            err(""),
            "c.dat:1: expected a header line `n p`, found the end of the file"
        );
        assert!(err("2 3\n").starts_with("c.dat:1:2: expected p, the number of medians (1 to 2)"));
        assert!(err("1 1\n0 0 5\n").starts_with("c.dat:2: expected point line 1 of 1"));
        assert!(err("1 1\n0 0.123456 5 1\n").starts_with("c.dat:2:2: expected a y coordinate"));
        assert!(err("1 1\n1e3 0 5 1\n").starts_with("c.dat:2:1: expected an x coordinate"));
        assert!(err("1 1\n200000000.5 0 5 1\n").starts_with("c.dat:2:1: expected an x"));
        assert!(err("1 1\n0 0 -5 1\n").starts_with("c.dat:2:3: expected Q, the capacity"));
        assert!(err("1 1\n0 0 5 x\n").starts_with("c.dat:2:4: expected d, the demand"));
        assert!(err("2 1\n0 0 5 1\n").starts_with("c.dat:3: expected point line 2 of 2"));
        assert!(err("1 1\n0 0 5 1\n0 0 5 1\n")
            .starts_with("c.dat:3:1: expected the end of the file after the 1 point lines"));
    }

    #[test]
    fn negative_coordinates_and_mixed_decimals_share_one_scale() {
        let c = read_cpmp("c", "2 1\n-3 0 1 1\n0 4.0001 1 1\n").unwrap();
        // sqrt(9 + 4.0001²) = sqrt(25.00080001) = 5.0000800006...
        assert_eq!(c.dist[1], 5.00008);
    }
}
