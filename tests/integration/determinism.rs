//! Same input, same output: every command that computes runs with 1 and 2 threads, twice each
//! (and with two seeds where a seed applies), and its output must be byte-identical once the
//! wall-clock fields (`seconds`) and the reported thread count are taken out.

use crate::helpers::{run, stderr};
use serde_json::Value;

/// Removes the run facts that may differ: wall time (`seconds`) and the thread count itself.
fn without_timings(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("seconds");
            m.remove("threads");
            m.values_mut().for_each(without_timings);
        }
        Value::Array(a) => a.iter_mut().for_each(without_timings),
        _ => {}
    }
}

fn output(threads: &str, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["--threads", threads];
    all.extend(args);
    let o = run(&all);
    assert!(
        o.status.success() || o.status.code() == Some(2) && args[0] == "scenarios",
        "{all:?}: {}",
        stderr(&o)
    );
    match serde_json::from_slice::<Value>(&o.stdout) {
        Ok(mut v) => {
            without_timings(&mut v);
            serde_json::to_vec(&v).unwrap()
        }
        Err(_) => o.stdout,
    }
}

#[test]
fn every_command_gives_the_same_bytes_on_one_and_two_threads() {
    let scenarios = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenarios.toml");
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["rank", "--format", "json"],
        vec!["solve", "--p", "6", "--format", "json"],
        vec![
            "solve", "--model", "pmedian", "--p", "4", "--format", "json",
        ],
        vec![
            "route",
            "--p",
            "8",
            "--depot",
            "hiejinja",
            "--visits-per-week",
            "2",
            "--format",
            "json",
        ],
        vec![
            "compare",
            "--set",
            "a=hiejinja,myogyoji",
            "--set",
            "b=hozoji",
            "--format",
            "json",
        ],
        vec!["report", "--p", "5", "--depot", "hiejinja"],
        vec!["scenarios", scenarios, "--quiet", "--format", "json"],
    ];
    for seed in ["1", "2"] {
        commands.push(vec![
            "solve",
            "--p",
            "6",
            "--method",
            "heuristic",
            "--seed",
            seed,
            "--format",
            "json",
        ]);
    }
    for args in &commands {
        let first = output("1", args);
        assert!(!first.is_empty(), "{args:?}");
        for threads in ["1", "2", "2"] {
            assert!(
                output(threads, args) == first,
                "{args:?} differs on {threads} thread(s)"
            );
        }
    }
}
