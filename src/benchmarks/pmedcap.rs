//! Capacitated p-median instances of Osman & Christofides (1994), OR-Library `pmedcap1`.
//!
//! Each problem is a block
//!
//! ```text
//! k v        problem number and its best known (proven optimal) value
//! n p Q      points, medians, capacity of every median
//! id x y q   n lines: id 1..n in order, integer coordinates, integer demand
//! ```
//!
//! OR-Library's `pmedcap1` holds 20 such blocks after a first line with the problem count;
//! the copies in `shared/benchmarks` hold one block per file without that line. Both are read
//! here. The published optima hold only with distances = Euclidean distance *truncated* to an
//! integer, so that is the matrix built.

use super::{check_clock, check_matrix, check_points, Lines, Record, LINES_PER_CLOCK_CHECK};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::solve::DistanceProblem;

/// Largest coordinate magnitude accepted: keeps every squared distance within `u64` and every
/// truncated distance within `u32` (the files use 1..100).
const COORD_MAX: i64 = 1_000_000_000;

/// One capacitated p-median problem with its truncated-Euclidean distance matrix.
///
/// Deviations from a float-only layout, because the file holds integers and capacity checks
/// should be exact: coordinates are `i64`, capacity and demands are `u64`. The best known
/// value is always present in this format, so it is not optional.
#[derive(Debug, Clone, PartialEq)]
pub struct CapInstance {
    /// Problem number `k` as OR-Library numbers it (1..20 in `pmedcap1`).
    pub number: usize,
    /// Number of points; each is a customer and a candidate median.
    pub n: usize,
    /// Number of medians to open.
    pub p: usize,
    /// Capacity of every median (the format has one value for all).
    pub capacity: u64,
    /// Point coordinates, in file order (0-based index = id - 1).
    pub points: Vec<(i64, i64)>,
    /// Demand of each point.
    pub demand: Vec<u64>,
    /// `floor(euclidean distance)`, `n * n`, row-major; what the published optima assume.
    pub dist: Vec<u32>,
    /// The value the file states for the problem (the proven optimum for `pmedcap1`).
    pub best_known: f64,
}

impl CapInstance {
    /// Truncated distance between 0-based points `i` and `j`; panics if either is `>= n`.
    pub fn dist(&self, i: usize, j: usize) -> u32 {
        assert!(i < self.n && j < self.n, "point out of range");
        self.dist[i * self.n + j]
    }

    /// Sum of all demands; at most `p * capacity` in any feasible problem.
    pub fn total_demand(&self) -> u64 {
        self.demand.iter().sum()
    }

    /// The instance as a solver input: distances are not multiplied by demand (the published
    /// objective), so every client has weight 1; demands and capacities are [`Self::demands`]
    /// and [`Self::capacities`].
    pub fn problem(&self) -> DistanceProblem {
        super::unit_weight_problem(self.n, &self.dist)
    }

    /// Demand of each point, as the capacity constraint counts it.
    pub fn demands(&self) -> Vec<f64> {
        self.demand.iter().map(|&q| q as f64).collect()
    }

    /// The capacity of every site (all equal in this benchmark).
    pub fn capacities(&self) -> Vec<f64> {
        vec![self.capacity as f64; self.n]
    }
}

/// One problem block as read, before the distance matrix is built.
struct Block {
    number: usize,
    line: u64,
    best_known: f64,
    n: usize,
    p: usize,
    capacity: u64,
    points: Vec<(i64, i64)>,
    demand: Vec<u64>,
}

/// Reads problem `instance` (1-based, the `k` of its `k v` line) of a `pmedcap` file.
///
/// The whole file is checked, not only the requested block, so a damaged file fails whichever
/// problem is asked for. Fails with an [`Error::Input`] naming the line (and token) on: a
/// block header that is not `k v` / `n p Q` with `1 <= p <= n`; a point line with other than
/// four fields, an id out of order, a coordinate that is not a whole number, a negative
/// demand; fewer or more blocks than a leading count line says; a problem number used twice;
/// trailing text; and a requested `instance` that is not in the file. Without a budget: see
/// [`read_pmedcap_within`].
pub fn read_pmedcap(name: &str, text: &str, instance: usize) -> Result<CapInstance> {
    read_pmedcap_within(name, text, instance, &Budget::default())
}

/// [`read_pmedcap`] within a run's budget: a block whose points (or, for the requested
/// problem, whose n × n matrix) the memory limit cannot hold is refused from its `n p Q`
/// line, and a deadline that passes while reading or building the matrix ends the reading
/// (an `Error::Param` on `time_limit_s`).
pub fn read_pmedcap_within(
    name: &str,
    text: &str,
    instance: usize,
    budget: &Budget,
) -> Result<CapInstance> {
    let blocks = read_blocks(name, text, Some(instance), budget)?;
    let numbers: Vec<String> = blocks.iter().map(|b| b.number.to_string()).collect();
    let Some(b) = blocks.into_iter().find(|b| b.number == instance) else {
        return Err(Error::input(
            Location::at(name, 1, None),
            format!("a problem number {instance} (the `k` of a `k v` line)"),
            format!("problem number(s) {}", numbers.join(", ")),
        ));
    };
    let n = b.n;
    let mut dist = vec![0u32; n * n];
    for (i, &(xi, yi)) in b.points.iter().enumerate() {
        check_clock(budget, name, || {
            format!(
                "computing the distances of its {n} points (row {} of {n})",
                i + 1
            )
        })?;
        for (j, &(xj, yj)) in b.points.iter().enumerate() {
            let (dx, dy) = (xi.abs_diff(xj), yi.abs_diff(yj));
            // |dx|, |dy| <= 2e9: the sum of squares fits u64 and its root fits u32.
            dist[i * n + j] = isqrt(dx * dx + dy * dy) as u32;
        }
    }
    Ok(CapInstance {
        number: b.number,
        n,
        p: b.p,
        capacity: b.capacity,
        points: b.points,
        demand: b.demand,
        dist,
        best_known: b.best_known,
    })
}

/// Number of problem blocks in a `pmedcap` file (20 for OR-Library's `pmedcap1`, 1 for the
/// one-problem copies), after checking the whole file as [`read_pmedcap`] does.
pub fn count_pmedcap(name: &str, text: &str) -> Result<usize> {
    read_blocks(name, text, None, &Budget::default()).map(|b| b.len())
}

/// Every block of the file; the matrix of problem `wanted` is checked against the memory
/// limit as soon as its size is read.
fn read_blocks(
    name: &str,
    text: &str,
    wanted: Option<usize>,
    budget: &Budget,
) -> Result<Vec<Block>> {
    let mut lines = Lines::new(name, text);
    let Some(first) = lines.next_any() else {
        return Err(Error::input(
            Location::at(name, 1, None),
            "a problem line `k v` (or a problem count)",
            "an empty file",
        ));
    };
    let (count, mut pending) = if first.tokens.len() == 1 {
        let c: usize = first.int_min(0, 1, "the number of problems")?;
        (Some(c), None)
    } else {
        (None, Some(first))
    };
    let mut blocks: Vec<Block> = Vec::new();
    loop {
        if count.is_some_and(|c| blocks.len() == c) {
            lines.end(&format!("the {} problems of the count line", blocks.len()))?;
            break;
        }
        let head = match pending.take().or_else(|| lines.next_any()) {
            Some(rec) => rec,
            None if count.is_none() => break,
            None => {
                return Err(Error::input(
                    Location::at(name, lines.last + 1, None),
                    format!(
                        "problem {} of the {} of the count line, `k v`",
                        blocks.len() + 1,
                        count.unwrap_or(0)
                    ),
                    "the end of the file",
                ))
            }
        };
        let b = read_block(&mut lines, head, wanted, budget)?;
        if let Some(prev) = blocks.iter().find(|o| o.number == b.number) {
            return Err(Error::input(
                Location::at(name, b.line, Some(1)),
                "a problem number not used before",
                format!("`{}` again (also line {})", b.number, prev.line),
            ));
        }
        blocks.push(b);
    }
    Ok(blocks)
}

fn read_block(
    lines: &mut Lines<'_>,
    head: Record<'_>,
    wanted: Option<usize>,
    budget: &Budget,
) -> Result<Block> {
    head.width(2, "a problem line `k v`")?;
    let number: usize = head.int_min(0, 1, "a problem number k")?;
    let best_known = head.tokens[1]
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| {
            head.error(
                1,
                "a best known value, a number 0 or more",
                crate::io::text::describe(head.tokens[1]),
            )
        })?;
    let sizes = lines.next(3, &format!("problem {number}: a line `n p Q`"))?;
    let n: usize = sizes.int_min(0, 1, "n, the number of points")?;
    let p: usize = sizes.int_in(1, 1, n, "p, the number of medians")?;
    let capacity: u64 = sizes.int(2, "Q, the capacity of a median (0 or more)")?;
    // A point and its demand: 16 + 8 bytes, then as many again in the solve instance.
    check_points(lines.name, n, 48, budget)?;
    if wanted == Some(number) {
        check_matrix(lines.name, n, "distance matrix", budget)?;
    }
    let mut points = Vec::with_capacity(n.min(1 << 20));
    let mut demand = Vec::with_capacity(n.min(1 << 20));
    for id in 1..=n {
        if id % LINES_PER_CLOCK_CHECK == 0 {
            check_clock(budget, lines.name, || {
                format!("reading point line {id} of {n} of problem {number}")
            })?;
        }
        let rec = lines.next(
            4,
            &format!("problem {number}: point line {id} of {n}, `id x y q`"),
        )?;
        rec.int_in(0, id, id, "the point id (ids run 1..n in order)")?;
        let x = rec.int_in(1, -COORD_MAX, COORD_MAX, "an x coordinate")?;
        let y = rec.int_in(2, -COORD_MAX, COORD_MAX, "a y coordinate")?;
        let q: u64 = rec.int(3, "a demand (0 or more)")?;
        points.push((x, y));
        demand.push(q);
    }
    Ok(Block {
        number,
        line: head.line,
        best_known,
        n,
        p,
        capacity,
        points,
        demand,
    })
}

/// `floor(sqrt(v))`, exactly (a float root can be one off near perfect squares).
fn isqrt(v: u64) -> u64 {
    let mut r = (v as f64).sqrt() as u64;
    while r * r > v {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= v {
        r += 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "2\n 1 7\n 3 1 10\n 1 0 0 4\n 2 3 4 5\n 3 1 1 1\n 2 9.5\n 1 1 3\n 1 5 5 3\n";

    #[test]
    fn reads_one_block_and_truncates_distances() {
        let c = read_pmedcap("c", " 4 16 \n 3 1 10 \n 1 0 0 4 \n 2 3 4 5 \n 3 1 1 1 ", 4).unwrap();
        assert_eq!((c.number, c.n, c.p, c.capacity), (4, 3, 1, 10));
        assert_eq!(c.best_known, 16.0);
        assert_eq!(c.points, vec![(0, 0), (3, 4), (1, 1)]);
        assert_eq!(c.demand, vec![4, 5, 1]);
        assert_eq!(c.total_demand(), 10);
        assert_eq!(c.dist(0, 1), 5);
        assert_eq!(c.dist(0, 2), 1); // sqrt 2 = 1.41
        assert_eq!(c.dist(1, 2), 3); // sqrt 13 = 3.61, truncated not rounded
        assert_eq!(c.dist(2, 1), 3);
        assert_eq!(c.dist(1, 1), 0);
    }

    #[test]
    fn reads_instance_k_of_a_multi_problem_file() {
        assert_eq!(count_pmedcap("m", TWO).unwrap(), 2);
        let c = read_pmedcap("m", TWO, 2).unwrap();
        assert_eq!((c.number, c.n, c.capacity, c.best_known), (2, 1, 3, 9.5));
        let e = read_pmedcap("m", TWO, 3).unwrap_err().to_string();
        assert_eq!(
            e,
            "m:1: expected a problem number 3 (the `k` of a `k v` line), found problem number(s) 1, 2"
        );
    }

    #[test]
    fn isqrt_is_exact() {
        for v in [
            0u64,
            1,
            2,
            3,
            4,
            8,
            9,
            10,
            99,
            100,
            101,
            8_000_000_000_000_000_000,
        ] {
            let r = isqrt(v);
            assert!(r * r <= v && (r + 1) * (r + 1) > v, "{v}");
        }
    }

    fn err(text: &str, k: usize) -> String {
        read_pmedcap("c.txt", text, k).unwrap_err().to_string()
    }

    #[test]
    fn malformed_files_name_line_and_token() {
        assert_eq!(
            err("", 1),
            "c.txt:1: expected a problem line `k v` (or a problem count), found an empty file"
        );
        assert!(err("1 5\n2 3 9\n", 1)
            .starts_with("c.txt:2:2: expected p, the number of medians (1 to 2)"));
        assert!(err("1 5\n2 1 -9\n", 1).starts_with("c.txt:2:3: expected Q, the capacity"));
        assert_eq!(
            err("1 5\n2 1 9\n1 0 0 1\n", 1),
            "c.txt:4: expected problem 1: point line 2 of 2, `id x y q`, found the end of the file"
        );
        assert!(err("1 5\n2 1 9\n1 0 0 1\n3 0 0 1\n", 1)
            .starts_with("c.txt:4:1: expected the point id"));
        assert!(err("1 5\n2 1 9\n1 0 0 1\n2 0 0 -1\n", 1)
            .starts_with("c.txt:4:4: expected a demand (0 or more), a whole number, found `-1`"));
        assert!(err("1 5\n2 1 9\n1 0 0 1\n2 0.5 0 1\n", 1)
            .starts_with("c.txt:4:2: expected an x coordinate"));
        assert!(err("1 5\n2 1 9\n1 0 0 1\n2 0 0\n", 1)
            .starts_with("c.txt:4: expected problem 1: point line 2"));
        assert!(err("1 x\n2 1 9\n", 1).starts_with("c.txt:1:2: expected a best known value"));
        assert!(err("1 5\n1 1 9\n1 0 0 1\nrest\n", 1)
            .starts_with("c.txt:4: expected a problem line `k v`, found 1 field"));
        assert!(err("3\n1 5\n1 1 9\n1 0 0 1\n", 1)
            .starts_with("c.txt:5: expected problem 2 of the 3 of the count line"));
        assert!(err("1\n1 5\n1 1 9\n1 0 0 1\n2 5\n", 1)
            .starts_with("c.txt:5:1: expected the end of the file after the 1 problems"));
        assert_eq!(
            err("1 5\n1 1 9\n1 0 0 1\n1 6\n1 1 9\n1 0 0 1\n", 1),
            "c.txt:4:1: expected a problem number not used before, found `1` again (also line 1)"
        );
    }
}
