//! p-median solvers against the OR-Library optima, brute force on small random instances,
//! site rules, thread-count independence and time limits.

use mobile_stops::bench::{read_pmed, read_pmedcap, CapInstance, PmedInstance};
use mobile_stops::solve::median;
use mobile_stops::solve::{Limits, SiteRules, Status};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/benchmarks")
        .join(rel)
}

fn text(rel: &str) -> String {
    let path = shared(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `instance -> optimum` from a benchmark `optima.csv`.
fn optima(rel: &str) -> Vec<(String, f64)> {
    text(rel)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[3].parse().unwrap())
        })
        .collect()
}

fn pmed(k: usize) -> PmedInstance {
    let rel = format!("orlib-pmed/instances/pmed{k}.txt");
    read_pmed(&rel, &text(&rel)).unwrap_or_else(|e| panic!("{e}"))
}

#[allow(dead_code)]
fn cpmp(k: usize) -> CapInstance {
    let rel = format!("orlib-cpmp-osman-christofides/instances/cpmp{k:02}.txt");
    read_pmedcap(&rel, &text(&rel), k).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
#[ignore = "prints the time of every pmed instance; run with --release -- --ignored --nocapture"]
fn pmed_all_times() {
    let opt = optima("orlib-pmed/optima.csv");
    let mut total = 0.0;
    for k in 1..=40 {
        let inst = pmed(k);
        let t = Instant::now();
        let out = median::solve(
            &inst.problem(),
            &SiteRules::open(inst.n, inst.p),
            &Limits::default(),
        );
        let s = t.elapsed().as_secs_f64();
        total += s;
        println!(
            "pmed{k:<2} n={:<3} p={:<3} obj={:<6} opt={:<6} bound={:<8} nodes={:<5} {:?} {s:.3}s",
            inst.n,
            inst.p,
            out.objective,
            opt[k - 1].1,
            out.bound,
            out.nodes,
            out.status
        );
        assert_eq!(out.objective, opt[k - 1].1, "pmed{k}");
        assert_eq!(out.status, Status::Optimal, "pmed{k}");
    }
    println!("total {total:.2}s");
}

#[test]
#[ignore = "debug one instance: PMED=k"]
fn pmed_one() {
    let k: usize = std::env::var("PMED").unwrap().parse().unwrap();
    let inst = pmed(k);
    let t = Instant::now();
    let out = median::solve(
        &inst.problem(),
        &SiteRules::open(inst.n, inst.p),
        &Limits::default(),
    );
    println!(
        "pmed{k} {:?} obj={} nodes={} {:.3}s",
        out.status,
        out.objective,
        out.nodes,
        t.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "prints the time of every pmedcap instance; run with --release -- --ignored --nocapture"]
fn cpmp_all_times() {
    let opt = optima("orlib-cpmp-osman-christofides/optima.csv");
    let only: Option<usize> = std::env::var("CPMP").ok().and_then(|v| v.parse().ok());
    let mut total = 0.0;
    for k in 1..=20 {
        if only.is_some_and(|o| o != k) {
            continue;
        }
        let inst = cpmp(k);
        let t = Instant::now();
        let out = median::solve_capacitated(
            &inst.problem(),
            &inst.demands(),
            &inst.capacities(),
            &SiteRules::open(inst.n, inst.p),
            &Limits::new(Some(std::time::Duration::from_secs(120)), 1),
        );
        let s = t.elapsed().as_secs_f64();
        total += s;
        println!(
            "cpmp{k:02} n={:<3} p={:<2} obj={:<6} opt={:<6} bound={:<8} nodes={:<6} {:?} {s:.3}s",
            inst.n,
            inst.p,
            out.objective,
            opt[k - 1].1,
            out.bound,
            out.nodes,
            out.status
        );
    }
    println!("total {total:.2}s");
}
