//! `scenarios --shard I/N` and `merge`: every output merged from shards is byte for byte what
//! one machine writes, for every format, any N (more shards than rows too), and the Slurm
//! array's variables give the same shard as the flag.

use crate::helpers::{command, output, stderr};
use std::path::Path;

/// A sweep with a failing row (exit 2 after writing), an added candidate and removed one.
pub const SWEEP: &str = r#"
[baseline]
model = "mclp"
p = 4
radius_m = 500

[[scenario]]
name = "typo"
exclude = ["hakujoji"]

[[scenario]]
name = "new hall"
add_candidates = [{ id = "hall", lat = 35.35, lon = 139.40, name = "公民館" }]
remove_candidates = ["sannosha_enzo"]

[[sweep]]
name = "grid"
p = [3, 5, 7]
radius_m = [300, 800]

[[sweep]]
name = "median"
model = "pmedian"
p = [2, 6]
"#;

/// Runs the binary in `dir`; returns the exit code and stderr.
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let o = output(command().current_dir(dir).args(args));
    (o.status.code().unwrap_or(-1), stderr(&o))
}

/// Writes the sweep and `n` shards of it (`shard-I.json`) in `dir`.
pub fn shards(dir: &Path, n: usize) {
    std::fs::write(dir.join("w.toml"), SWEEP).unwrap();
    for i in 0..n {
        let (spec, out) = (format!("{i}/{n}"), format!("shard-{i}.json"));
        let (code, err) = run_in(
            dir,
            &["scenarios", "w.toml", "--shard", &spec, "--out", &out],
        );
        assert_eq!(code, 0, "shard {spec}: {err}");
    }
}

fn shard_names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("shard-{i}.json")).collect()
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_format_merged_from_shards_is_byte_identical_to_the_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    shards(d, 3);
    // The same output names both times: the page's command box shows --sites and
    // --robustness with their files, as the planner typed them.
    let outputs = ["out", "page.html", "sites.csv", "rob.json"];
    for (format, lang) in [
        ("json", "en"),
        ("csv", "en"),
        ("table", "ja"),
        ("geojson", "en"),
    ] {
        let flags = [
            "--format",
            format,
            "--lang",
            lang,
            "--out",
            "out",
            "--report",
            "page.html",
            "--sites",
            "sites.csv",
            "--robustness",
            "rob.json",
        ];
        let mut single = vec!["scenarios", "w.toml"];
        single.extend(flags);
        let (code, err) = run_in(d, &single);
        assert_eq!(code, 2, "the typo row fails, after writing: {err}");
        let first: Vec<Vec<u8>> = outputs.iter().map(|f| read(d, f)).collect();
        outputs
            .iter()
            .for_each(|f| std::fs::remove_file(d.join(f)).unwrap());
        let names = shard_names(3);
        let mut merge: Vec<&str> = vec!["merge"];
        merge.extend(names.iter().map(String::as_str));
        merge.extend(flags);
        let (code, err) = run_in(d, &merge);
        assert_eq!(code, 2, "merge says the typo row failed too: {err}");
        assert!(err.contains("typo"), "{err}");
        for (name, bytes) in outputs.iter().zip(&first) {
            assert!(read(d, name) == *bytes, "{format}: {name} differs");
        }
    }
    // The page says how the batch was made: the command, as the single run shows it.
    let html = String::from_utf8(read(d, "page.html")).unwrap();
    assert!(
        html.contains("mobile-stops scenarios w.toml --format geojson"),
        "command box"
    );
}

#[test]
fn more_shards_than_rows_and_the_slurm_variables_give_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = 16; // the sweep has 11 rows: five shards are empty
    shards(d, n);
    let empty = (0..n)
        .filter(|i| {
            String::from_utf8(read(d, &format!("shard-{i}.json")))
                .unwrap()
                .contains("\"rows\":[]")
        })
        .count();
    assert_eq!(empty, 5);
    let single = [
        "scenarios",
        "w.toml",
        "--format",
        "json",
        "--out",
        "single.json",
    ];
    assert_eq!(run_in(d, &single).0, 2);
    let mut merge: Vec<String> = vec!["merge".into()];
    merge.extend(shard_names(n).into_iter().rev()); // any order
    merge.extend(["--format", "json", "--out", "merged.json"].map(String::from));
    let args: Vec<&str> = merge.iter().map(String::as_str).collect();
    assert_eq!(run_in(d, &args).0, 2);
    assert!(read(d, "single.json") == read(d, "merged.json"));
    // Task 13 of an array 10-25 is shard 3 of 16.
    let o = output(
        command()
            .current_dir(d)
            .args([
                "scenarios",
                "w.toml",
                "--shard-from-env",
                "--out",
                "env.json",
            ])
            .env("SLURM_ARRAY_TASK_ID", "13")
            .env("SLURM_ARRAY_TASK_MIN", "10")
            .env("SLURM_ARRAY_TASK_MAX", "25"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(d, "env.json") == read(d, "shard-3.json"));
    // Outside an array job the flag says what it needs.
    let (code, err) = run_in(
        d,
        &["scenarios", "w.toml", "--shard-from-env", "--out", "x.json"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("SLURM_ARRAY_TASK_ID"), "{err}");
    assert!(!d.join("x.json").exists());
}
