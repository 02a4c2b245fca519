//! Inputs too large for the memory a run may use are refused before they are read or built,
//! with exit 2 and a message that says what needed how much, the limit, and how to raise it.

use crate::helpers::{command, output, run, stderr};

/// Runs with `--max-memory-gb gb` and returns (exit code, stderr).
fn limited(args: &[&str], gb: &str) -> (Option<i32>, String) {
    let mut all = args.to_vec();
    all.extend(["--max-memory-gb", gb]);
    let o = run(&all);
    (o.status.code(), stderr(&o))
}

fn assert_refused(args: &[&str], gb: &str, names: &str) {
    let (code, err) = limited(args, gb);
    assert_eq!(code, Some(2), "{args:?}: {err}");
    assert!(err.contains(names), "{args:?} should name {names}: {err}");
    assert!(err.contains("needs about"), "{err}");
    assert!(err.contains("more than the limit of"), "{err}");
    assert!(
        err.contains("--max-memory-gb"),
        "says how to raise it: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn each_large_structure_is_refused_up_front_and_names_itself() {
    // The walking-radius pairs (rank, solve, report and compare all build them).
    for cmd in ["rank", "solve", "report"] {
        assert_refused(
            &[cmd, "--radius-m", "3000"],
            "0.0002",
            "3000 m walking radius",
        );
    }
    // The dense matrix of p-median and p-center.
    assert_refused(
        &["solve", "--model", "pmedian", "--p", "3"],
        "0.0002",
        "distance matrix",
    );
    // A MIP model.
    assert_refused(
        &["solve", "--method", "mip", "--p", "3"],
        "0.0002",
        "MIP (method mip)",
    );
    // An input file, before it is read.
    let dir = tempfile::tempdir().unwrap();
    let demand = dir.path().join("demand.csv");
    let mut text = String::from("id,lat,lon,population\n");
    for i in 0..5_000 {
        text.push_str(&format!("p{i},35.3{i:04},139.4,10\n"));
    }
    std::fs::write(&demand, text).unwrap();
    assert_refused(
        &["rank", "--demand", demand.to_str().unwrap()],
        "0.0001",
        "demand.csv",
    );
}

#[test]
fn the_same_run_passes_with_the_limit_raised_and_the_limit_is_checked() {
    let (code, err) = limited(&["rank", "--radius-m", "3000"], "1");
    assert_eq!(code, Some(0), "{err}");
    for bad in ["0", "-1", "NaN", "inf"] {
        let (code, err) = limited(&["rank"], bad);
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(err.contains("--max-memory-gb"), "{err}");
    }
    // The environment sets the same limit.
    let o = output(
        command()
            .args(["solve", "--model", "pmedian", "--p", "3"])
            .env("MOBILE_STOPS_MAX_MEMORY_GB", "0.0002"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("distance matrix"), "{}", stderr(&o));
}

#[test]
fn a_scenario_whose_radius_is_too_large_keeps_its_row_and_the_others_solve() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("s.toml");
    std::fs::write(
        &toml,
        "[baseline]\np = 3\n[[scenario]]\nname = \"wide\"\nradius_m = 5000.0\n",
    )
    .unwrap();
    let o = run(&[
        "scenarios",
        toml.to_str().unwrap(),
        "--format",
        "csv",
        "--max-memory-gb",
        "0.0004",
    ]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let wide = out
        .lines()
        .find(|l| l.starts_with("wide"))
        .expect("its row");
    assert!(wide.contains("needs about"), "{wide}");
    let base = out
        .lines()
        .find(|l| l.contains("baseline"))
        .expect("baseline row");
    assert!(base.contains("optimal"), "{base}");
}

#[test]
fn solving_is_refused_where_scoring_the_same_pairs_still_fits() {
    // Solving builds more per walking-radius pair than scoring does (the point-to-site lists
    // and the search's state): a limit between the two estimates lets `rank` run and refuses
    // `solve` up front. The pairs are counted as the check counts them, without a cap.
    let data = mobile_stops::io::embedded::dataset().unwrap();
    let index = mobile_stops::spatial::SphereIndex::new(&data.demand.data.locations);
    let sites = data.candidates.data.locations();
    let pairs = index.estimate_pairs(&sites, 3000.0, usize::MAX) as f64;
    let gb = format!("{:.9}", pairs * 34.0 / 1e9);
    let (code, err) = limited(&["rank", "--radius-m", "3000"], &gb);
    assert_eq!(code, Some(0), "rank at {gb} GB: {err}");
    let (code, err) = limited(&["solve", "--radius-m", "3000", "--p", "5"], &gb);
    assert_eq!(code, Some(2), "solve at {gb} GB: {err}");
    assert!(err.contains("walking radius"), "{err}");
}
