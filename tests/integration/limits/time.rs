//! `--time-limit-s` bounds the whole command, reading and writing included, on every command
//! that solves: the process ends within 5 % of the limit, with the best answer found (status
//! `time_limit`) or a proven one. The instances are ones this machine cannot finish in the
//! limit (an SJC818 p-center takes ~20 s, its MCLP at 400 m over a minute).
//!
//! Each case takes the machine alone (`helpers::alone`): no other test of this binary runs
//! heavy work meanwhile, so no case's clock is slowed by another's work.

use crate::helpers::{alone, json, shared, stderr, BIN};
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const LIMIT_S: f64 = 3.0;

/// Runs the binary with `--time-limit-s limit`; its output and wall time.
pub(super) fn timed(args: &[&str], limit: f64) -> (Output, Duration) {
    let _alone = alone();
    let limit = limit.to_string();
    let start = Instant::now();
    let out = Command::new(BIN)
        .args(args)
        .args(["--time-limit-s", &limit])
        .output()
        .expect("the binary runs");
    (out, start.elapsed())
}

/// Within 5 % of the limit; and when the search was cut, it used most of it.
pub(super) fn assert_on_time(wall: Duration, limit: f64, cut: bool, what: &str) {
    let w = wall.as_secs_f64();
    assert!(
        w <= 1.05 * limit,
        "{what}: {w:.3} s for a {limit} s limit (more than 5 % over)"
    );
    if cut {
        assert!(
            w >= 0.85 * limit,
            "{what}: stopped early, {w:.3} s of {limit} s"
        );
    }
}

fn sjc818() -> String {
    shared("mclp-sjc-lorena/instances/SJC818.txt")
        .display()
        .to_string()
}

/// 60,000 demand points and 2,000 candidate sites (seeded): MCLP with 120 stops at 250 m is
/// beyond the limit here.
fn planning_data() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("mobile-stops-time-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut demand = String::from("id,lat,lon,population,aged_65_plus\n");
        for i in 0..60_000 {
            let pop: u32 = rng.gen_range(1..=60);
            demand.push_str(&format!(
                "d{i},{:.6},{:.6},{pop},{}\n",
                35.30 + rng.gen::<f64>() * 0.06,
                139.35 + rng.gen::<f64>() * 0.07,
                rng.gen_range(0..=pop)
            ));
        }
        let mut sites = String::from("id,lat,lon,name,kind,vehicle_slots\n");
        for j in 0..2_000 {
            sites.push_str(&format!(
                "c{j},{:.6},{:.6},site {j},hall,{}\n",
                35.30 + rng.gen::<f64>() * 0.06,
                139.35 + rng.gen::<f64>() * 0.07,
                [4, 5, 6, 8][rng.gen_range(0..4)]
            ));
        }
        std::fs::write(dir.join("demand.csv"), demand).unwrap();
        std::fs::write(dir.join("candidates.csv"), sites).unwrap();
        let mut stops = String::from("id\n");
        for j in 1..=240 {
            stops.push_str(&format!("c{j}\n"));
        }
        std::fs::write(dir.join("stops.csv"), stops).unwrap();
        dir
    })
}

fn data_flag() -> String {
    planning_data().display().to_string()
}

#[test]
fn solve_ends_on_time_with_every_model_and_method() {
    let j = sjc818();
    let pmed40 = shared("orlib-pmed/instances/pmed40.txt")
        .display()
        .to_string();
    let cases: Vec<(Vec<&str>, usize)> = vec![
        (
            vec!["--model", "mclp", "--p", "30", "--radius-m", "400"],
            30,
        ),
        (vec!["--model", "pcenter", "--p", "60"], 60),
        (vec!["--model", "lscp", "--radius-m", "300"], 0),
        (
            vec!["--model", "pmedian", "--p", "40", "--capacity", "2000"],
            40,
        ),
        (
            vec![
                "--model",
                "mclp",
                "--p",
                "30",
                "--radius-m",
                "400",
                "--capacity",
                "100",
            ],
            30,
        ),
    ];
    for (args, p) in cases {
        let mut all = vec!["solve", "--sjc", &j, "--format", "json"];
        all.extend(&args);
        let (out, wall) = timed(&all, LIMIT_S);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let v = json(&out);
        let status = v["status"].as_str().unwrap().to_string();
        assert!(status == "time_limit" || status == "optimal", "{status}");
        assert_on_time(wall, LIMIT_S, status == "time_limit", &args.join(" "));
        if p > 0 {
            assert_eq!(v["stops"].as_array().unwrap().len(), p, "{args:?}");
        }
    }
    // The MIP is abandoned at nine tenths of the time; the specialised solver answers after.
    let (out, wall) = timed(
        &[
            "solve", "--orlib", &pmed40, "--model", "pmedian", "--method", "mip", "--format",
            "json",
        ],
        LIMIT_S,
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_on_time(wall, LIMIT_S, true, "pmed40 as a MIP");
    assert_eq!(v["stops"].as_array().unwrap().len(), 90);
    assert!(
        v["note"].as_str().unwrap_or("").contains("did not finish"),
        "{}",
        v["note"]
    );
}

#[test]
fn route_splits_one_limit_between_the_solve_and_the_week() {
    let d = data_flag();
    let (out, wall) = timed(
        &[
            "route",
            "--data",
            &d,
            "--p",
            "120",
            "--radius-m",
            "250",
            "--depot",
            "c0",
            "--days",
            "mon,tue,wed,thu,fri",
            "--trucks",
            "4",
            "--format",
            "json",
        ],
        LIMIT_S,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_on_time(wall, LIMIT_S, false, "route after a solve");
    let v = json(&out);
    assert!(
        v["stops_from"].as_str().unwrap().contains("time limit"),
        "{}",
        v["stops_from"]
    );
    // A week search alone (stops given) ends on time too, and says it was cut short rather
    // than that nothing fits.
    let stops = planning_data().join("stops.csv").display().to_string();
    let week = |days: &str, trucks: &str, limit: f64| {
        let args = [
            "route",
            "--data",
            &d,
            "--stops",
            &stops,
            "--depot",
            "c0",
            "--visits-per-week",
            "2",
            "--days",
            days,
            "--trucks",
            trucks,
        ];
        timed(&args, limit)
    };
    let (out, wall) = week("mon,tue,wed,thu,fri,sat", "5", 1.0);
    assert_eq!(out.status.code(), Some(3));
    assert_on_time(wall, 1.0, false, "route of 240 twice-weekly stops");
    assert!(
        stderr(&out).contains("time limit ended the search"),
        "{}",
        stderr(&out)
    );
    // The "what would fit" analysis re-plans changed weeks whose units hold dozens of stops
    // (the 240 twice-weekly stops on 2 trucks × 3 days): each ordering inside it keeps the
    // clock.
    let (out, wall) = week("mon,tue,wed", "2", 0.5);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_on_time(wall, 0.5, false, "what would fit for 240 stops on 2 trucks");
}

#[test]
fn report_ends_on_time_and_says_which_re_solves_it_skipped() {
    let d = data_flag();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let (out, wall) = timed(
        &[
            "report",
            "--data",
            &d,
            "--p",
            "120",
            "--radius-m",
            "250",
            "--lang",
            "en",
            "--out",
            html.to_str().unwrap(),
        ],
        LIMIT_S,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_on_time(wall, LIMIT_S, false, "report");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("stopped at the time limit"),
        "the solve was cut"
    );
    assert!(
        text.contains("The time limit ended before") || text.contains("not proven"),
        "the re-solves say what they could not prove"
    );
}

/// Runs the scenario file `toml` as JSON under `limit`: exit 0 within 5 % of it; the result.
fn batch_on_time(toml: &Path, limit: f64, what: &str) -> serde_json::Value {
    let file = toml.to_str().unwrap();
    let (out, wall) = timed(&["scenarios", file, "--format", "json", "--quiet"], limit);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_on_time(wall, limit, false, what);
    json(&out)
}

#[test]
fn a_scenario_batch_ends_on_time_and_answers_every_row() {
    let d = planning_data();
    let toml = d.join("batch.toml");
    std::fs::write(
        &toml,
        "[data]\ndemand = \"demand.csv\"\ncandidates = \"candidates.csv\"\n\
         [baseline]\np = 120\nradius_m = 250.0\n\
         [[sweep]]\nname = \"p\"\np = [100, 120, 140, 160]\nradius_m = [200.0, 250.0]\n",
    )
    .unwrap();
    let v = batch_on_time(&toml, LIMIT_S, "scenarios");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 9);
    let statuses: Vec<&str> = rows.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"time_limit"), "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == "time_limit" || *s == "optimal"),
        "every scenario answered in its share of the time: {statuses:?}"
    );
}

#[test]
fn a_hundred_thousand_row_batch_keeps_time_to_write_its_rows() {
    // 10 × 9,999 scenarios on the embedded data: writing the rows alone takes about half a
    // second, so the search must stop early enough to leave it that time.
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("big.toml");
    let radii: Vec<String> = (0..9_999).map(|i| format!("{}", 300 + i)).collect();
    std::fs::write(
        &toml,
        format!(
            "[baseline]\np = 3\n[[sweep]]\nname = \"grid\"\np = [1,2,3,4,5,6,7,8,9,10]\n\
             radius_m = [{}]\n",
            radii.join(",")
        ),
    )
    .unwrap();
    let v = batch_on_time(&toml, 2.0, "100,000-row scenarios");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 99_991);
    let late: Vec<_> = rows.iter().filter(|r| r["status"] == "not_run").collect();
    assert!(!late.is_empty());
    assert!(
        late.iter().all(|r| r["not_run_reason"] == "time_limit"),
        "{}",
        late[0]
    );
    assert_eq!(v["interrupted"], 0);
}
