//! The capacitated p-median against the Lorena–Senne / Stefanello collection: every file reads
//! by the folder's conventions, the small proven instances (SJC1, SJC2, lin318_005) are reached
//! and proven through `solve --cpmp`, and a bound reported under a time limit is valid.

use super::{num, solve_json};
use crate::helpers::*;
use mobile_stops::benchmarks::{read_cpmp, CpmpInstance};

const DIR: &str = "cpmp-lorena-senne-stefanello";

/// `best.csv` rows: instance, n, p, value, proven.
fn best() -> Vec<(String, usize, usize, f64, bool)> {
    text(&format!("{DIR}/best.csv"))
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let n = f[1].parse().unwrap();
            (
                f[0].into(),
                n,
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
                f[4] == "true",
            )
        })
        .collect()
}

/// The instance file of `name` (`.dat` for Lorena–Senne, `.txt` for Stefanello et al.).
fn file_of(name: &str) -> String {
    let ext = if name.starts_with("SJC") || name.starts_with("p3038") {
        "dat"
    } else {
        "txt"
    };
    format!("{DIR}/instances/{name}.{ext}")
}

fn load(name: &str) -> CpmpInstance {
    let rel = file_of(name);
    read_cpmp(&rel, &text(&rel)).unwrap_or_else(|e| panic!("{e}"))
}

/// The cost of a plan recomputed from the points (not the matrix): truncated to 5 decimals.
fn trunc5(c: &CpmpInstance, i: usize, j: usize) -> f64 {
    let (a, b) = (c.points[i], c.points[j]);
    ((a.0 - b.0).hypot(a.1 - b.1) * 1e5).floor() / 1e5
}

#[test]
fn every_file_reads_with_the_sizes_and_capacities_of_the_folder() {
    let rows = best();
    assert_eq!(rows.len(), 41);
    for (name, n, p, _, _) in rows {
        let c = load(&name);
        assert_eq!((c.n, c.p), (n, p), "{name}");
        assert!(c.capacity.iter().all(|&q| q == c.capacity[0]), "{name}");
        let total: f64 = c.demand.iter().sum();
        assert!(total <= p as f64 * c.capacity[0], "{name}: Σd {total}");
        // Spot checks of the exact truncation against a float computation away from ties.
        for (i, j) in [(0, n - 1), (n / 2, n / 3), (1, 2)] {
            let f = trunc5(&c, i, j);
            assert!((c.dist[i * n + j] - f).abs() <= 1.01e-5, "{name} {i} {j}");
        }
    }
}

#[test]
fn sjc1_sjc2_and_lin318_005_are_reached_and_proven_through_the_cli() {
    let _turn = share_machine();
    let rows = best();
    for name in ["SJC1", "SJC2", "lin318_005"] {
        let row = rows.iter().find(|r| r.0 == name).unwrap();
        assert!(row.4, "{name} is proven in best.csv");
        let path = bench_arg(&file_of(name));
        let v = solve_json(&["--model", "pmedian", "--cpmp", &path]);
        assert_eq!(v["status"], "optimal", "{name}: {v}");
        // The literature prints the trunc5 sum rounded to 2 decimals.
        assert!(
            (num(&v, "objective") - row.3).abs() <= 0.005 + 1e-9,
            "{name}: {v}"
        );
        assert_eq!(num(&v, "bound"), num(&v, "objective"), "{name}");
        assert_eq!(v["p"], row.2, "{name}: p from the file");
        check_plan(name, &v);
    }
}

/// The stops chosen can be the plan reported: p distinct points whose capacities hold all the
/// demand, and whose nearest-stop cost (what a plan ignoring capacity would pay) is no more
/// than the objective.
fn check_plan(name: &str, v: &serde_json::Value) {
    let c = load(name);
    let open: Vec<usize> = v["stops"]
        .as_array()
        .unwrap_or_else(|| panic!("stops in {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().parse::<usize>().unwrap() - 1)
        .collect();
    let mut distinct = open.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!((open.len(), distinct.len()), (c.p, c.p), "{name}");
    // Uncapacitated assignment to the open points is a lower bound on the objective.
    let nearest: f64 = (0..c.n)
        .map(|i| {
            open.iter()
                .map(|&j| c.dist[i * c.n + j])
                .fold(f64::INFINITY, f64::min)
        })
        .sum();
    assert!(nearest <= num(v, "objective") + 1e-6, "{name}: {nearest}");
    let room: f64 = open.iter().map(|&j| c.capacity[j]).sum();
    assert!(c.demand.iter().sum::<f64>() <= room, "{name}");
}

#[test]
fn a_benchmark_plan_is_written_client_by_client_as_the_file_measures_it() {
    let _turn = share_machine();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sjc2.csv");
    let c = load("SJC2");
    let v = solve_json(&[
        "--model",
        "pmedian",
        "--cpmp",
        &bench_arg(&file_of("SJC2")),
        "--assignments",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        head[..3],
        ["id", "weight", "served_by"],
        "no lat/lon: {head:?}"
    );
    let stops: Vec<&str> = v["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let mut load = vec![0.0; c.n];
    let mut total = 0.0;
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), c.n, "every client once");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[0].parse::<usize>().unwrap(), i + 1, "in file order");
        assert!(
            stops.contains(&&row[2]),
            "{} served by a chosen stop",
            &row[0]
        );
        let j = row[2].parse::<usize>().unwrap() - 1;
        load[j] += c.demand[i];
        let d: f64 = row[4].parse().unwrap();
        assert!((d - trunc5(&c, i, j)).abs() <= 1.01e-5, "client {i}: {d}");
        total += d;
    }
    assert!(
        (0..c.n).all(|j| load[j] <= c.capacity[j]),
        "capacities hold"
    );
    assert!(
        (total - num(&v, "objective")).abs() <= 1e-6,
        "{total} vs {v}"
    );
    // GeoJSON needs positions: refused before any work, nothing written.
    let geo = dir.path().join("sjc2.geojson");
    let o = run(&[
        "solve",
        "--model",
        "pmedian",
        "--cpmp",
        &bench_arg(&file_of("SJC2")),
        "--assignments",
        geo.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a .csv file for benchmark files"),
        "{}",
        stderr(&o)
    );
    assert!(!geo.exists());
}

#[test]
fn a_bound_under_a_time_limit_stays_below_the_proven_optimum() {
    let _turn = share_machine();
    let rows = best();
    for (name, limit) in [("lin318_040", "3"), ("SJC4b", "2")] {
        let row = rows.iter().find(|r| r.0 == name).unwrap();
        let path = bench_arg(&file_of(name));
        let v = solve_json(&[
            "--model",
            "pmedian",
            "--cpmp",
            &path,
            "--time-limit-s",
            limit,
        ]);
        let obj = num(&v, "objective");
        if !v["bound"].is_null() {
            let bound = num(&v, "bound");
            assert!(bound <= obj + 1e-9, "{name}: {v}");
            assert!(
                bound <= row.3 + 0.005,
                "{name}: bound {bound} above the optimum"
            );
        }
        assert!(
            obj >= row.3 - 0.005,
            "{name}: {obj} below the proven optimum"
        );
    }
}

#[test]
fn a_missing_field_names_the_file_line_and_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.dat");
    std::fs::write(&bad, "2 1\n0 0 10 1\n3 4 10\n").unwrap();
    let out = run(&[
        "solve",
        "--model",
        "pmedian",
        "--cpmp",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.dat:3: expected point line 2 of 2, `x y Q d`, found 3 field(s)"),
        "{err}"
    );
}
