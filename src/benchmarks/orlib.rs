//! OR-Library uncapacitated p-median graphs `pmed1`–`pmed40` (Beasley 1985).
//!
//! Format: a line `n m p`, then `m` lines `i j cost` (1-based vertex ids, undirected edges),
//! whitespace-separated. The published optima hold only for the matrix OR-Library prescribes:
//! edge lines applied in file order, a later line for the same pair *overwriting* the earlier
//! one (not the minimum of the two), then Floyd–Warshall. Every vertex is both a client of
//! weight 1 and a candidate site.

use super::{check_clock, check_matrix, Lines, LINES_PER_CLOCK_CHECK};
use crate::budget::{passed, Budget};
use crate::error::{Error, Location, Result};
use crate::solve::DistanceProblem;

/// "No path yet" in the distance matrix. Half of `u32::MAX`, so that the sum of two entries
/// never overflows; edge costs are limited so that no real path reaches it.
const INF: u32 = u32::MAX / 2;

/// One p-median instance: the all-pairs shortest-path matrix and the `p` of the file.
///
/// The matrix is what a solver works on; keeping it dense and row-major (`dist[i * n + j]`,
/// 0-based vertices) makes the inner loops of a local search plain slice scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PmedInstance {
    /// Number of vertices (clients and candidate sites alike).
    pub n: usize,
    /// Number of edge lines in the file (duplicates included), as the header states; kept so
    /// tests can compare the file with the published table.
    pub m: usize,
    /// Number of medians to open, as the file states.
    pub p: usize,
    /// Shortest-path distances, `n * n`, row-major; symmetric with a zero diagonal.
    pub dist: Vec<u32>,
}

impl PmedInstance {
    /// Shortest-path distance between 0-based vertices `i` and `j`; panics if either is
    /// `>= n`, like slice indexing.
    pub fn dist(&self, i: usize, j: usize) -> u32 {
        assert!(i < self.n && j < self.n, "vertex out of range");
        self.dist[i * self.n + j]
    }

    /// The instance as a solver input: every vertex a client of weight 1 and a candidate site.
    pub fn problem(&self) -> DistanceProblem {
        super::unit_weight_problem(self.n, &self.dist)
    }
}

/// Reads an OR-Library `pmed` file and builds its shortest-path matrix.
///
/// `name` is only used in error messages. Fails with an [`Error::Input`] naming the line (and
/// token) on: a header that is not three whole numbers with `1 <= p <= n`; fewer or more edge
/// lines than `m`; a line with other than three fields; a vertex id outside `1..=n`; a
/// self-loop; a cost that is not a whole number `>= 0` (or so large that a path could
/// overflow); and a graph that is not connected. Without a budget: see [`read_pmed_within`].
pub fn read_pmed(name: &str, text: &str) -> Result<PmedInstance> {
    read_pmed_within(name, text, &Budget::default())
}

/// [`read_pmed`] within a run's budget: an `n` whose matrix the memory limit cannot hold is
/// refused from the header line ([`Error::TooLarge`]), and a deadline that passes while the
/// edges are read or the shortest paths computed ends the reading (an `Error::Param` on
/// `time_limit_s`) instead of running on for hours.
pub fn read_pmed_within(name: &str, text: &str, budget: &Budget) -> Result<PmedInstance> {
    let mut lines = Lines::new(name, text);
    let head = lines.next(3, "a header `n m p`")?;
    let n: usize = head.int_min(0, 1, "n, the number of vertices")?;
    let m: usize = head.int(1, "m, the number of edge lines")?;
    let p: usize = head.int_in(2, 1, n, "p, the number of medians")?;
    check_matrix(name, n, "shortest-path matrix", budget)?;
    // Any simple path has at most n - 1 edges; keep its length below INF.
    let max_cost = (INF - 1) / (n.max(2) - 1).min(INF as usize) as u32;

    let mut edges: Vec<(usize, usize, u32)> = Vec::with_capacity(m.min(1 << 20));
    for e in 1..=m {
        if e % LINES_PER_CLOCK_CHECK == 0 {
            check_clock(budget, name, || format!("reading edge line {e} of {m}"))?;
        }
        let rec = lines.next(3, &format!("edge line {e} of {m}, `i j cost`"))?;
        let i: usize = rec.int_in(0, 1, n, "a vertex id")?;
        let j: usize = rec.int_in(1, 1, n, "a vertex id")?;
        if i == j {
            return Err(rec.error(
                1,
                format!("a vertex other than {i} (an edge joins two vertices)"),
                format!("`{j}`"),
            ));
        }
        let cost: u32 = rec.int_in(2, 0, max_cost, "an edge cost")?;
        edges.push((i - 1, j - 1, cost));
    }
    lines.end(&format!("the {m} edge lines of the header"))?;

    let disconnected = |found: String| {
        Error::input(
            Location::at(name, head.line, None),
            format!("a connected graph on the {n} vertices of the header"),
            found,
        )
    };
    // A vertex in no edge line: say so before allocating an n * n matrix for nothing (and
    // before allocating anything of size n when m edges cannot even touch n vertices).
    if n > 1 && m.saturating_mul(2) < n {
        return Err(disconnected(format!(
            "{m} edge lines, too few to touch all {n} vertices"
        )));
    }
    let mut seen = vec![false; n];
    for &(i, j, _) in &edges {
        seen[i] = true;
        seen[j] = true;
    }
    if n > 1 {
        if let Some(v) = seen.iter().position(|&s| !s) {
            return Err(disconnected(format!("vertex {} in no edge line", v + 1)));
        }
    }

    let mut dist = vec![INF; n * n];
    for i in 0..n {
        dist[i * n + i] = 0;
    }
    for &(i, j, cost) in &edges {
        // In file order, so a later line for the same pair overwrites the earlier one.
        dist[i * n + j] = cost;
        dist[j * n + i] = cost;
    }
    if let Err(k) = floyd_warshall(&mut dist, n, budget) {
        return Err(super::out_of_time(
            name,
            format!("computing the shortest paths between its {n} vertices (round {k} of {n})"),
        ));
    }
    if let Some(k) = dist.iter().position(|&d| d >= INF) {
        return Err(disconnected(format!(
            "no path between vertex {} and vertex {}",
            k / n + 1,
            k % n + 1
        )));
    }
    Ok(PmedInstance { n, m, p, dist })
}

/// All-pairs shortest paths in place on a dense row-major matrix whose entries are `<= INF`.
///
/// Row `k` does not change in round `k` (its diagonal is 0), so a copy of it can be added to
/// every other row as one slice operation, which the compiler turns into vector min/add.
///
/// The deadline is looked at once per round (n² work, under a second even at n = 20,000):
/// `Err(k)` is the 1-based round it had passed before.
fn floyd_warshall(dist: &mut [u32], n: usize, budget: &Budget) -> std::result::Result<(), usize> {
    let mut row_k = vec![0u32; n];
    for k in 0..n {
        if passed(budget.deadline) {
            return Err(k + 1);
        }
        row_k.copy_from_slice(&dist[k * n..(k + 1) * n]);
        for row in dist.chunks_exact_mut(n) {
            let dik = row[k];
            if dik >= INF {
                continue; // nothing reaches k from this row yet
            }
            for (d, &dkj) in row.iter_mut().zip(&row_k) {
                *d = (*d).min(dik + dkj);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_duplicate_overwrites_then_shortest_paths() {
        // 1-2 first costs 1, then 10 (later wins, not the minimum 1).
        let p = read_pmed("t", " 3 3 1 \n 1 2 1 \n 1 3 2 \n 2 1 10 \n").unwrap();
        assert_eq!((p.n, p.m, p.p), (3, 3, 1));
        assert_eq!(p.dist(0, 1), 10);
        assert_eq!(p.dist(0, 2), 2);
        assert_eq!(p.dist(2, 1), 12);
        // With an edge 2-3 of cost 2, the path 1-3-2 (4) beats the overwritten edge (10).
        let p = read_pmed("t", "3 4 1\n1 2 1\n1 3 2\n2 1 10\n2 3 2\n").unwrap();
        assert_eq!(p.dist(0, 1), 4);
        assert_eq!(p.dist(1, 0), 4);
        assert_eq!(p.dist(1, 1), 0);
    }

    #[test]
    fn single_vertex_needs_no_edges() {
        let p = read_pmed("t", "1 0 1\n").unwrap();
        assert_eq!(p.dist, vec![0]);
    }

    fn err(text: &str) -> String {
        read_pmed("g.txt", text).unwrap_err().to_string()
    }

    #[test]
    fn the_budget_is_kept_from_the_header_and_through_the_shortest_paths() {
        use crate::budget::MemoryLimit;
        let text = "3 2 1\n1 2 5\n2 3 1\n";
        let small = Budget {
            deadline: None,
            memory: MemoryLimit::bytes(100),
        };
        let e = read_pmed_within("g.txt", text, &small).unwrap_err();
        assert!(matches!(e, Error::TooLarge { .. }), "{e}");
        assert!(
            e.to_string().contains("the 3 × 3 shortest-path matrix"),
            "{e}"
        );
        let over = Budget {
            deadline: Some(std::time::Instant::now()),
            memory: MemoryLimit::default(),
        };
        let e = read_pmed_within("g.txt", text, &over).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("(round 1 of 3)"), "{e}");
        assert!(read_pmed_within("g.txt", text, &Budget::default()).is_ok());
    }

    #[test]
    fn malformed_files_name_line_and_token() {
        assert_eq!(
            err(""),
            "g.txt:1: expected a header `n m p`, found the end of the file"
        );
        assert!(err("3 2 4\n").starts_with("g.txt:1:3: expected p, the number of medians (1 to 3)"));
        assert_eq!(
            err("3 2 1\n1 2 5\n"),
            "g.txt:3: expected edge line 2 of 2, `i j cost`, found the end of the file"
        );
        assert!(
            err("3 2 1\n1 2 5\n2 4 1\n").starts_with("g.txt:3:2: expected a vertex id (1 to 3)")
        );
        assert!(err("3 2 1\n1 2 5\n0 3 1\n").starts_with("g.txt:3:1: expected a vertex id"));
        assert!(err("3 2 1\n1 2 5\n2 3 x\n").contains("g.txt:3:3: expected an edge cost"));
        assert!(err("3 2 1\n1 2 5\n2 3 -1\n").contains("g.txt:3:3:"));
        assert!(err("3 2 1\n1 2 5\n2 3\n").starts_with("g.txt:3: expected edge line 2 of 2"));
        assert!(err("3 2 1\n1 2 5\n2 3 1 7\n").contains("g.txt:3:4: expected edge line 2 of 2, `i j cost`, and nothing after it, found an extra field `7`"));
        assert!(
            err("3 2 1\n1 2 5\n2 2 1\n").starts_with("g.txt:3:2: expected a vertex other than 2")
        );
        assert_eq!(
            err("3 1 1\n1 2 5\n2 3 1\n"),
            "g.txt:3:1: expected the end of the file after the 1 edge lines of the header, found another line starting `2`"
        );
        assert_eq!(
            err("3 1 1\n1 2 5\n"),
            "g.txt:1: expected a connected graph on the 3 vertices of the header, found 1 edge lines, too few to touch all 3 vertices"
        );
        assert_eq!(
            err("4 2 1\n1 2 5\n2 3 5\n"),
            "g.txt:1: expected a connected graph on the 4 vertices of the header, found vertex 4 in no edge line"
        );
        assert_eq!(
            err("4 2 1\n1 2 5\n3 4 1\n"),
            "g.txt:1: expected a connected graph on the 4 vertices of the header, found no path between vertex 1 and vertex 3"
        );
        assert!(err("3 1 1\n1 2 99999999999\n").contains("g.txt:2:3: expected an edge cost (0 to "));
    }
}
