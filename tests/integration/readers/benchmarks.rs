//! The benchmark readers against the real files in `../shared/benchmarks`: sizes from the
//! folder READMEs, distances checked by hand, the duplicate-edge and truncation conventions the
//! published optima depend on, brute-force sanity checks against the optima tables, and
//! located errors for malformed input.

use crate::helpers::*;
use mobile_stops::benchmarks::{count_pmedcap, read_pmed, read_pmedcap, read_sjc, PmedInstance};
use rayon::prelude::*;

/// The p-median objective: every vertex (weight 1) to its nearest median.
fn pmedian_cost(inst: &PmedInstance, medians: &[usize]) -> u64 {
    (0..inst.n)
        .map(|i| medians.iter().map(|&j| inst.dist(i, j)).min().unwrap() as u64)
        .sum()
}

// ---------------------------------------------------------------- OR-Library pmed

/// The README table: n, m (edge lines) and the p of each instance, in order pmed1..pmed40.
const PMED_TABLE: [(usize, usize, &[usize]); 9] = [
    (100, 200, &[5, 10, 10, 20, 33]),
    (200, 800, &[5, 10, 20, 40, 67]),
    (300, 1800, &[5, 10, 30, 60, 100]),
    (400, 3200, &[5, 10, 40, 80, 133]),
    (500, 5000, &[5, 10, 50, 100, 167]),
    (600, 7200, &[5, 10, 60, 120, 200]),
    (700, 9800, &[5, 10, 70, 140]),
    (800, 12800, &[5, 10, 80]),
    (900, 16200, &[5, 10, 90]),
];

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "about a minute unoptimised (Floyd–Warshall up to n = 900); run with --release"
)]
fn every_pmed_file_reads_with_the_sizes_of_the_readme() {
    let _turn = share_machine();
    let expected: Vec<(usize, usize, usize)> = PMED_TABLE
        .iter()
        .flat_map(|&(n, m, ps)| ps.iter().map(move |&p| (n, m, p)))
        .collect();
    assert_eq!(expected.len(), 40);
    let optima = csv_rows("orlib-pmed/optima.csv");
    assert_eq!(optima.len(), 40);
    let start = std::time::Instant::now();
    let got: Vec<(usize, usize, usize)> = (1..=40usize)
        .into_par_iter()
        .map(|k| {
            let inst = pmed(k);
            // Shortest paths: zero diagonal, symmetric, all finite (the reader checks that).
            for i in 0..inst.n {
                assert_eq!(inst.dist(i, i), 0, "pmed{k}");
                for j in 0..i {
                    assert_eq!(inst.dist(i, j), inst.dist(j, i), "pmed{k} {i} {j}");
                }
            }
            let row = &optima[k - 1];
            assert_eq!(row[0], format!("pmed{k}"));
            assert_eq!((row[1].parse(), row[2].parse()), (Ok(inst.n), Ok(inst.p)));
            (inst.n, inst.m, inst.p)
        })
        .collect();
    eprintln!(
        "read all 40 pmed files (Floyd–Warshall included) in {:.2?}",
        start.elapsed()
    );
    assert_eq!(got, expected);
}

#[test]
fn pmed1_distances_follow_last_line_wins() {
    let _turn = share_machine();
    let raw = text("orlib-pmed/instances/pmed1.txt");
    let lines: Vec<&str> = raw.lines().collect();
    // The two repeated pairs of pmed1, each written reversed the second time, with a
    // different cost (line numbers are 1-based).
    assert_eq!(lines[19].trim(), "19 20 22");
    assert_eq!(lines[103].trim(), "20 19 30");
    assert_eq!(lines[116].trim(), "30 70 5");
    assert_eq!(lines[175].trim(), "70 30 74");

    let g = pmed(1);
    assert_eq!((g.n, g.m, g.p), (100, 200, 5));
    // Checked independently with Dijkstra on the last-line-wins graph; with the minimum of
    // duplicates these two would be 5 and 22.
    assert_eq!(g.dist(29, 69), 74);
    assert_eq!(g.dist(69, 29), 74);
    assert_eq!(g.dist(18, 19), 30);
    // Line 2 is the edge `1 2 30`, also the shortest path; the others need several edges.
    assert_eq!(g.dist(0, 1), 30);
    assert_eq!(g.dist(0, 99), 88);
    assert_eq!(g.dist(0, 49), 119);
}

#[test]
fn pmed_solutions_never_beat_the_published_optimum() {
    let _turn = share_machine();
    // Not a solver: a greedy solution and some spread-out ones for the n = 100 instances must
    // cost at least the proven optimum. Distances that came out too short (for instance from
    // keeping the minimum of duplicate edges) would break this for some of them.
    let optima = csv_rows("orlib-pmed/optima.csv");
    for k in 1..=5 {
        let g = pmed(k);
        let opt: u64 = optima[k - 1][3].parse().unwrap();
        let mut greedy: Vec<usize> = Vec::new();
        while greedy.len() < g.p {
            let best = (0..g.n)
                .filter(|j| !greedy.contains(j))
                .min_by_key(|&j| {
                    let mut trial = greedy.clone();
                    trial.push(j);
                    pmedian_cost(&g, &trial)
                })
                .unwrap();
            greedy.push(best);
        }
        let cost = pmedian_cost(&g, &greedy);
        assert!(cost >= opt, "pmed{k}: greedy {cost} < optimum {opt}");
        // A sane matrix puts greedy near the optimum (it is within a few percent here).
        assert!(cost * 10 <= opt * 11, "pmed{k}: greedy {cost} vs {opt}");
        for shift in 0..g.n {
            let spread: Vec<usize> = (0..g.p).map(|i| (shift + i * g.n / g.p) % g.n).collect();
            assert!(pmedian_cost(&g, &spread) >= opt, "pmed{k} shift {shift}");
        }
    }
}

// ---------------------------------------------------------------- pmedcap (Osman–Christofides)

#[test]
fn every_pmedcap_problem_reads_with_plausible_capacities() {
    let _turn = share_machine();
    let optima = csv_rows("orlib-cpmp-osman-christofides/optima.csv");
    assert_eq!(optima.len(), 20);
    for k in 1..=20 {
        let c = cpmp(k);
        let (n, p) = if k <= 10 { (50, 5) } else { (100, 10) };
        assert_eq!(
            (c.number, c.n, c.p, c.capacity),
            (k, n, p, 120),
            "cpmp{k:02}"
        );
        assert_eq!(
            (c.points.len(), c.demand.len(), c.dist.len()),
            (n, n, n * n)
        );
        let row = &optima[k - 1];
        assert_eq!(row[0], format!("cpmp{k:02}"));
        assert_eq!(c.best_known, row[3].parse::<f64>().unwrap(), "cpmp{k:02}");
        assert!(c.total_demand() <= p as u64 * c.capacity, "cpmp{k:02}");
        assert!(c
            .points
            .iter()
            .all(|&(x, y)| (1..=100).contains(&x) && (1..=100).contains(&y)));
        let rel = format!("orlib-cpmp-osman-christofides/instances/cpmp{k:02}.txt");
        assert_eq!(count_pmedcap(&rel, &text(&rel)).unwrap(), 1);
    }
    assert_eq!(cpmp(1).total_demand(), 490);
    assert_eq!(cpmp(20).total_demand(), 1124);
}

#[test]
fn pmedcap_distances_are_truncated() {
    let _turn = share_machine();
    let c = cpmp(1);
    // Points 1 (2, 62) and 18 (14, 50): sqrt(12² + 12²) = 16.97, truncated to 16 (rounding
    // would give 17).
    assert_eq!((c.points[0], c.points[17]), ((2, 62), (14, 50)));
    assert_eq!(c.dist(0, 17), 16);
    assert_eq!(c.dist(17, 0), 16);
    // Points 1 (2, 62) and 2 (80, 25): sqrt(78² + 37²) = sqrt(7453) = 86.33.
    assert_eq!(c.dist(0, 1), 86);
    for i in 0..c.n {
        for j in 0..c.n {
            let (dx, dy) = (
                (c.points[i].0 - c.points[j].0) as f64,
                (c.points[i].1 - c.points[j].1) as f64,
            );
            assert_eq!(c.dist(i, j), (dx * dx + dy * dy).sqrt().floor() as u32);
        }
    }
}

#[test]
fn pmedcap_reads_problem_k_of_the_concatenated_orlib_file() {
    let _turn = share_machine();
    // Rebuild OR-Library's `pmedcap1` (count line, then the 20 blocks) from the copies.
    let mut all = String::from(" 20\n");
    for k in 1..=20 {
        let rel = format!("orlib-cpmp-osman-christofides/instances/cpmp{k:02}.txt");
        all.push_str(&text(&rel));
        all.push('\n'); // cpmp10 has no final newline
    }
    assert_eq!(count_pmedcap("pmedcap1", &all).unwrap(), 20);
    for k in [1, 10, 11, 20] {
        assert_eq!(read_pmedcap("pmedcap1", &all, k).unwrap(), cpmp(k));
    }
    let e = read_pmedcap("pmedcap1", &all, 21).unwrap_err().to_string();
    assert!(
        e.starts_with("pmedcap1:1: expected a problem number 21"),
        "{e}"
    );
}

// ---------------------------------------------------------------- SJC (MCLP)

const SJC_TABLE: [(usize, u64); 5] = [
    (324, 12152),
    (402, 15984),
    (500, 19707),
    (708, 24192),
    (818, 29168),
];

#[test]
fn every_sjc_file_reads_with_the_sizes_of_the_readme() {
    let _turn = share_machine();
    for (n, total) in SJC_TABLE {
        let s = sjc(&format!("SJC{n}"));
        assert_eq!((s.n, s.points.len(), s.demand.len()), (n, n, n));
        assert_eq!((s.p_in_file, s.s_in_file), (None, None));
        assert_eq!(s.total_demand(), total as f64, "SJC{n}");
        assert!(s.demand.iter().all(|&a| (1.0..=992.0).contains(&a)));
        // README: exactly one pair at exactly 1200 m, none at exactly 800 m, one duplicate
        // point.
        let mut at = [0; 3];
        for i in 0..n {
            for j in 0..i {
                let (dx, dy) = (s.points[i].0 - s.points[j].0, s.points[i].1 - s.points[j].1);
                match dx * dx + dy * dy {
                    0 => at[0] += 1,
                    640_000 => at[1] += 1,
                    1_440_000 => {
                        at[2] += 1;
                        assert!(s.covers(i, j, 1200.0) && !s.covers(i, j, 1199.0));
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(at, [1, 0, 1], "SJC{n}");
    }
    let s = sjc("SJC324");
    assert!(s.covers(59, 261, 1200.0));
    assert!(s.covers(261, 59, 1200.0));
    assert!(!s.covers(59, 261, 1199.0));
}

#[test]
fn sjc_one_facility_optimum_equals_brute_force() {
    let _turn = share_machine();
    // For p = 1 the MCLP optimum is the best single site: an exact check of `covers` against
    // the computed optima table.
    for row in csv_rows("mclp-sjc-lorena/mclp_computed_optima.csv") {
        if row[2] != "1" {
            continue;
        }
        let s = sjc(&format!("SJC{}", row[1]));
        let radius: f64 = row[3].parse().unwrap();
        let best = (0..s.n)
            .map(|site| {
                (0..s.n)
                    .filter(|&i| s.covers(site, i, radius))
                    .map(|i| s.demand[i])
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        assert_eq!(
            best,
            row[4].parse::<f64>().unwrap(),
            "{} S={radius}",
            row[0]
        );
    }
}

// ---------------------------------------------------------------- malformed input

#[test]
fn malformed_pmed_files_name_file_and_line() {
    let _turn = share_machine();
    for (text, at) in [
        ("3 3 1\n1 2 5\n2 3 1\n", "bad.txt:4:"), // fewer edge lines than m
        ("3 2 1\n1 2 5\n2 4 1\n", "bad.txt:3:2:"), // vertex outside 1..n
        ("3 2 1\n1 2 5\n2 3 1.5\n", "bad.txt:3:3:"), // not an integer
        ("3 2 1\n1 2 5\n2 3 1\n3 1 1\n", "bad.txt:4:1:"), // trailing line
        ("3 2 1\n1 2 5\n1 2 1\n", "bad.txt:1:"), // vertex 3 unreachable
        ("3 2 one\n", "bad.txt:1:3:"),
    ] {
        let e = read_pmed("bad.txt", text).unwrap_err().to_string();
        assert!(e.starts_with(at), "{text:?}: {e}");
    }
}

#[test]
fn malformed_pmedcap_files_name_file_and_line() {
    let _turn = share_machine();
    let good = "1 10\n2 1 5\n1 0 0 2\n2 3 4 2\n";
    assert_eq!(read_pmedcap("bad.txt", good, 1).unwrap().dist(0, 1), 5);
    for (text, k, at) in [
        (good, 2, "bad.txt:1:"),                                  // no problem 2
        ("1 10\n2 1 5\n1 0 0 2\n", 1, "bad.txt:4:"),              // one point line missing
        ("1 10\n2 1 5\n1 0 0 2\n2 3 4 -2\n", 1, "bad.txt:4:4:"),  // negative demand
        ("1 10\n2 1 -5\n", 1, "bad.txt:2:3:"),                    // negative capacity
        ("1 10\n2 1 5\n1 0 0 2\n3 3 4 2\n", 1, "bad.txt:4:1:"),   // id out of order
        ("1 10\n2 1 5\n1 0 0 2\n2 3 4 2 9\n", 1, "bad.txt:4:5:"), // trailing token
        ("2\n1 10\n2 1 5\n1 0 0 2\n2 3 4 2\n", 1, "bad.txt:6:"),  // count says 2 problems
    ] {
        let e = read_pmedcap("bad.txt", text, k).unwrap_err().to_string();
        assert!(e.starts_with(at), "{text:?}: {e}");
    }
}

#[test]
fn malformed_sjc_files_name_file_and_line() {
    let _turn = share_machine();
    for (text, at) in [
        ("2\t9999\tp\tS\r\n1\t2\t3\t\r\n", "bad.txt:3:"), // fewer lines than N
        ("1\t9999\tp\tS\r\n1\tx\t3\t\r\n", "bad.txt:2:2:"),
        ("1\t9999\tp\tS\r\n1\t2\t-3\t\r\n", "bad.txt:2:3:"),
        ("1\t9999\tp\tS\r\n1\t2\t3\t\r\n4\t5\t6\r\n", "bad.txt:3:1:"),
        ("1\t9999\tp\r\n", "bad.txt:1:"),
    ] {
        let e = read_sjc("bad.txt", text).unwrap_err().to_string();
        assert!(e.starts_with(at), "{text:?}: {e}");
    }
}
