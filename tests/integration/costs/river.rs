//! A river (costs across one line of longitude tripled) changes the answer, and the answer is
//! the optimum of the models as spopt's `from_cost_matrix` states them: MCLP covers a point
//! when its cost to a chosen stop is at most the radius, p-median sums weight × cost to the
//! cheapest chosen stop, p-center takes the largest such cost. Checked by brute force over
//! every set of three sites.

use super::{aged, arg, embedded, river_pairs, write_matrix, Pair};
use crate::helpers::command_json;
use serde_json::Value;

/// Every set of `p` sites among `allowed`.
fn sets(allowed: &[usize], p: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut pick = Vec::new();
    fn go(
        allowed: &[usize],
        p: usize,
        from: usize,
        pick: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if pick.len() == p {
            out.push(pick.clone());
            return;
        }
        for k in from..allowed.len() {
            pick.push(allowed[k]);
            go(allowed, p, k + 1, pick, out);
            pick.pop();
        }
    }
    go(allowed, p, 0, &mut pick, &mut out);
    out
}

/// The matrix as a dense table, infinite where a pair is not listed.
fn dense(pairs: &[Pair], n: usize, m: usize) -> Vec<Vec<f64>> {
    let mut d = vec![vec![f64::INFINITY; m]; n];
    for &(i, j, c) in pairs {
        d[i][j] = c;
    }
    d
}

/// The sites a solve may choose: all but those it lists as excluded.
fn allowed(v: &Value) -> Vec<usize> {
    let data = embedded();
    let excluded: Vec<&str> = v["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let sites = &data.candidates.data.sites;
    (0..sites.len())
        .filter(|&j| !excluded.contains(&sites[j].id.as_str()))
        .collect()
}

/// Site indices of a solve's `stops`.
fn chosen(v: &Value) -> Vec<usize> {
    let data = embedded();
    let mut out: Vec<usize> = v["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| data.candidates.data.index_of(s.as_str().unwrap()).unwrap())
        .collect();
    out.sort_unstable();
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(1.0)
}

#[test]
fn a_river_changes_the_choice_and_every_model_is_optimal_on_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let river = river_pairs();
    let file = write_matrix(dir.path(), "river.csv", "metres", &river);
    let (w, m) = (aged(), embedded().candidates.data.sites.len());
    let d = dense(&river, w.len(), m);
    let with = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--cost-matrix", arg(&file)]);
        command_json("solve", &all)
    };
    let nearest = |s: &[usize], i: usize| s.iter().map(|&j| d[i][j]).fold(f64::INFINITY, f64::min);

    // MCLP: covered when the cost is at most the radius.
    let args = ["--model", "mclp", "--p", "3", "--radius-m", "700"];
    let (plain, v) = (command_json("solve", &args), with(&args));
    let covered = |s: &[usize]| -> f64 {
        (0..w.len())
            .filter(|&i| nearest(s, i) <= 700.0)
            .map(|i| w[i])
            .sum()
    };
    let best = sets(&allowed(&v), 3)
        .iter()
        .map(|s| covered(s))
        .fold(0.0, f64::max);
    assert_eq!(v["status"], "optimal");
    assert!(
        close(v["objective"].as_f64().unwrap(), best),
        "{} vs {best}",
        v["objective"]
    );
    assert!(close(covered(&chosen(&v)), best));
    assert!(close(v["covered_weight"].as_f64().unwrap(), best));
    assert_ne!(
        (&plain["stops"], &plain["objective"]),
        (&v["stops"], &v["objective"]),
        "the river changes the MCLP answer"
    );
    // The generic MIP solver agrees (an independent second opinion on the same matrix).
    let mip = with(&[
        "--model",
        "mclp",
        "--p",
        "3",
        "--radius-m",
        "700",
        "--method",
        "mip",
    ]);
    assert!(close(mip["objective"].as_f64().unwrap(), best));

    // p-median: weight × cost to the cheapest chosen stop.
    let v = with(&["--model", "pmedian", "--p", "3"]);
    let total = |s: &[usize]| -> f64 { (0..w.len()).map(|i| w[i] * nearest(s, i)).sum() };
    let best = sets(&allowed(&v), 3)
        .iter()
        .map(|s| total(s))
        .fold(f64::INFINITY, f64::min);
    assert_eq!(v["status"], "optimal");
    assert!(
        close(v["objective"].as_f64().unwrap(), best),
        "{} vs {best}",
        v["objective"]
    );
    assert!(close(total(&chosen(&v)), best));
    let plain = command_json("solve", &["--model", "pmedian", "--p", "3"]);
    assert!(
        plain["objective"].as_f64().unwrap() < best,
        "the river makes walks longer"
    );

    // p-center: the largest cost from a weighted point to its cheapest chosen stop.
    let v = with(&["--model", "pcenter", "--p", "3"]);
    let worst = |s: &[usize]| -> f64 {
        (0..w.len())
            .filter(|&i| w[i] > 0.0)
            .map(|i| nearest(s, i))
            .fold(0.0, f64::max)
    };
    let best = sets(&allowed(&v), 3)
        .iter()
        .map(|s| worst(s))
        .fold(f64::INFINITY, f64::min);
    assert!(
        close(v["objective"].as_f64().unwrap(), best),
        "{} vs {best}",
        v["objective"]
    );
}

#[test]
fn a_matrix_in_minutes_reads_the_radius_as_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let metres = river_pairs();
    let minutes: Vec<Pair> = metres.iter().map(|&(i, j, c)| (i, j, c / 60.0)).collect();
    let m = write_matrix(dir.path(), "m.csv", "metres", &metres);
    let t = write_matrix(dir.path(), "t.csv", "minutes", &minutes);
    let by_metres = command_json(
        "solve",
        &["--p", "4", "--radius-m", "480", "--cost-matrix", arg(&m)],
    );
    let by_minutes = command_json(
        "solve",
        &[
            "--p",
            "4",
            "--radius-m",
            "8",
            "--cost-matrix",
            arg(&t),
            "--cost",
            "minutes",
        ],
    );
    assert_eq!(by_metres["stops"], by_minutes["stops"]);
    assert_eq!(by_metres["objective"], by_minutes["objective"]);
    let notes = by_minutes["notes"].to_string();
    assert!(notes.contains("read as minutes"), "{notes}");
    // The same file read as metres is refused with the flag that reads it.
    let o = crate::helpers::run(&["solve", "--p", "4", "--cost-matrix", arg(&t)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(crate::helpers::stderr(&o).contains("read it with --cost minutes"));
}

#[test]
fn the_covering_lists_are_the_pairs_with_cost_at_most_the_radius() {
    use mobile_stops::io::{load_dataset, DataPaths};
    use mobile_stops::{Instance, PlanningOptions};
    let dir = tempfile::tempdir().unwrap();
    let river = river_pairs();
    let file = write_matrix(dir.path(), "river.csv", "metres", &river);
    let paths = DataPaths {
        cost_matrix: Some(file),
        ..DataPaths::default()
    };
    let data = load_dataset(&paths, Default::default()).unwrap();
    let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
    let cover = inst.coverage(700.0);
    let m = data.candidates.data.sites.len();
    for j in 0..m {
        let mut want: Vec<(u32, f32)> = river
            .iter()
            .filter(|&&(_, s, c)| s == j && c <= 700.0)
            .map(|&(i, _, c)| (i as u32, c as f32))
            .collect();
        want.sort_by_key(|w| w.0);
        let got: Vec<(u32, f32)> = cover
            .points_of(j)
            .iter()
            .copied()
            .zip(cover.distances_of(j).iter().copied())
            .collect();
        assert_eq!(got, want, "site {j}");
    }
}
