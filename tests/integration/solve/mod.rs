//! The solvers: every model through `mobile-stops solve` against the textbook MIP and published
//! optima, and the covering and p-median solvers as a library against the OR-Library and SJC
//! benchmarks and brute force. This module holds the optimum tables and checks they share.

mod by_name;
mod cli_models;
mod cli_rules;
mod cover_benchmarks;
mod cover_brute;
mod cover_limits;
mod cpmp_benchmarks;
mod median_benchmarks;
mod median_brute;
mod median_rules;

use crate::helpers::{bench_arg, command_json, text};
use mobile_stops::solve::{DistanceProblem, Outcome, SiteRules, Status};
use serde_json::Value;

/// `solve ARGS --format json`: success asserted, JSON parsed.
fn solve_json(args: &[&str]) -> Value {
    command_json("solve", args)
}

/// The value in column `col` of the row of a benchmark CSV whose first fields equal `key`.
fn optimum(rel: &str, key: &[&str], col: usize) -> f64 {
    let text = std::fs::read_to_string(bench_arg(rel)).expect("benchmark csv");
    text.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| key.iter().enumerate().all(|(k, v)| f[k] == *v))
        .unwrap_or_else(|| panic!("{key:?} not in {rel}"))[col]
        .parse()
        .expect("number")
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
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

fn pmed_optimum(k: usize) -> f64 {
    let opt = optima("orlib-pmed/optima.csv");
    let (name, v) = &opt[k - 1];
    assert_eq!(name, &format!("pmed{k}"));
    *v
}

fn cpmp_optimum(k: usize) -> f64 {
    let opt = optima("orlib-cpmp-osman-christofides/optima.csv");
    let (name, v) = &opt[k - 1];
    assert_eq!(name, &format!("cpmp{k:02}"));
    *v
}

/// The p-median objective of `open`, computed here independently of the solver.
fn pmedian_cost(problem: &DistanceProblem, open: &[usize]) -> f64 {
    (0..problem.clients)
        .map(|i| {
            open.iter()
                .map(|&j| problem.weight[i] * problem.dist(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .sum()
}

/// Checks what every feasible outcome must satisfy.
fn check_outcome(problem: &DistanceProblem, rules: &SiteRules, out: &Outcome) {
    assert_eq!(out.open.len(), rules.p, "{out:?}");
    assert!(
        out.open.windows(2).all(|w| w[0] < w[1]),
        "ascending: {out:?}"
    );
    assert!(
        out.open.iter().all(|&j| rules.allowed[j]),
        "allowed: {out:?}"
    );
    assert!(
        rules.required.iter().all(|j| out.open.contains(j)),
        "required: {out:?}"
    );
    let cost = pmedian_cost(problem, &out.open);
    assert!(
        (cost - out.objective).abs() <= 1e-9 * cost.abs().max(1.0),
        "{cost} vs {out:?}"
    );
    assert!(
        out.bound <= out.objective + 1e-9 * cost.abs().max(1.0),
        "{out:?}"
    );
}

fn assert_proven(o: &Outcome, expected: f64, what: &str) {
    assert_eq!(o.status, Status::Optimal, "{what}: {o:?}");
    assert_eq!(o.objective, expected, "{what}: {o:?}");
    assert_eq!(o.bound, expected, "{what}: {o:?}");
}
