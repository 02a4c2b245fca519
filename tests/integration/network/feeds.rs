//! What `network matrix` writes is what `--cost-matrix` reads: the streets of Nerima, fed
//! back, reach no more than the circles did, and the solve still proves its answer.

use super::nerima_matrix;
use crate::helpers::{run, run_json, stderr};

#[test]
fn a_network_matrix_feeds_every_model_through_the_cost_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = dir.path().join("walk.csv");
    let m = matrix.display().to_string();
    nerima_matrix("500", &m);
    let text = std::fs::read_to_string(&matrix).unwrap();
    assert!(text.starts_with("from,to,metres\n"), "{text}");
    assert!(text.lines().count() > 5, "{text}");
    let base = [
        "solve",
        "--data",
        "examples/network",
        "--radius-m",
        "500",
        "--p",
        "2",
    ];
    let circle = run_json(&[&base[..], &["--format", "json"]].concat());
    let streets = run_json(&[&base[..], &["--cost-matrix", &m, "--format", "json"]].concat());
    assert_eq!(streets["status"], "optimal", "{streets}");
    let (c, s) = (
        circle["objective"].as_f64().unwrap(),
        streets["objective"].as_f64().unwrap(),
    );
    // Every street distance is at least the straight line, so no more is reached in 500 m.
    assert!(s <= c, "streets {s} > circles {c}");
    // p-median and p-center must serve everyone: with pairs only within 500 m some points
    // have no listed cost, which is said (exit 3), never answered with a straight line.
    let short = run(&[
        "solve",
        "--data",
        "examples/network",
        "--model",
        "pmedian",
        "--p",
        "3",
        "--cost-matrix",
        &m,
    ]);
    assert_eq!(short.status.code(), Some(3), "{}", stderr(&short));
    assert!(
        stderr(&short).contains("no cost in the cost matrix"),
        "{}",
        stderr(&short)
    );
    let wide = dir.path().join("wide.csv").display().to_string();
    nerima_matrix("5000", &wide);
    for model in ["pmedian", "pcenter"] {
        let v = run_json(&[
            "solve",
            "--data",
            "examples/network",
            "--model",
            model,
            "--p",
            "3",
            "--cost-matrix",
            &wide,
            "--format",
            "json",
        ]);
        assert_eq!(v["status"], "optimal", "{model}: {v}");
        assert_eq!(v["stops"].as_array().unwrap().len(), 3, "{model}: {v}");
    }
}
