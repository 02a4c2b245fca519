//! The long tables: robustness counted only where a site was free, `--sites` one record per
//! solved scenario × candidate, and both checked as output files before any work.

use super::{ids, read, Run, FILE};
use crate::helpers::{json, run, stderr};
use serde_json::Value;

#[test]
fn robustness_counts_only_the_scenarios_where_a_site_was_free() {
    // 妙行寺 required in half the sweep: counted as chosen only where the solver chose it.
    let r = Run::new(
        "[baseline]\np = 4\n\
         [[sweep]]\nname = \"free\"\np = [2, 3, 4, 5]\n\
         [[sweep]]\nname = \"required\"\nrequire = [\"myogyoji\"]\np = [2, 3, 4, 5]\n\
         [[scenario]]\nname = \"excluded\"\nexclude = [\"myogyoji\"]\n",
    );
    let (rj, rc) = (r.out("rob.json"), r.out("rob.csv"));
    let v = json(&r.go(&["--format", "json", "--robustness", &rj], 0));
    r.go(&["--format", "json", "--robustness", &rc], 0);
    let rob: Value = serde_json::from_str(&read(&r.path("rob.json"))).unwrap();
    assert_eq!(rob, v["robustness"], "the file is the batch's own table");
    let m = rob
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["candidate"] == "myogyoji")
        .unwrap();
    let rows = v["rows"].as_array().unwrap();
    let free = rows
        .iter()
        .filter(|x| ids(&x["require"]).is_empty() && ids(&x["exclude"]).is_empty());
    let chosen = free
        .clone()
        .filter(|x| ids(&x["stops"]).contains(&"myogyoji".into()))
        .count();
    assert_eq!(m["free_in"], free.count());
    assert_eq!(m["free_in"], 5);
    assert_eq!(
        (m["required_in"].as_u64(), m["excluded_in"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(m["chosen_in"], chosen);
    let share = m["share"].as_f64().unwrap();
    assert!((share - chosen as f64 / 5.0).abs() < 1e-6);
    // Ranked by share, then chosen_in; the CSV holds the same records.
    let shares: Vec<f64> = rob
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["share"].as_f64().unwrap_or(-1.0))
        .collect();
    assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
    let text = read(&r.path("rob.csv"));
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        csv.headers().unwrap(),
        mobile_stops::report::ROBUSTNESS_KEYS.as_slice()
    );
    let first = csv.records().next().unwrap().unwrap();
    assert_eq!(&first[1], rob[0]["candidate"].as_str().unwrap());
}

#[test]
fn sites_is_one_record_per_solved_scenario_and_candidate() {
    let r = Run::new(FILE);
    let (sj, sc) = (r.out("sites.json"), r.out("sites.csv"));
    let v = json(&r.go(&["--format", "json", "--sites", &sj], 2));
    let sites: Value = serde_json::from_str(&read(&r.path("sites.json"))).unwrap();
    let sites = sites.as_array().unwrap();
    let data = mobile_stops::io::embedded::dataset().unwrap();
    let n = data.candidates.data.sites.len();
    // Six solved rows; "everything" removes one candidate and adds one.
    assert_eq!(sites.len(), 6 * n);
    for row in v["rows"].as_array().unwrap() {
        let id = row["scenario"].as_str().unwrap();
        let mine: Vec<&Value> = sites.iter().filter(|s| s["scenario"] == id).collect();
        if row["status"] == "error" {
            assert!(mine.is_empty(), "a failed row chose nothing");
            continue;
        }
        let chosen: Vec<String> = mine
            .iter()
            .filter(|s| s["chosen"] == true)
            .map(|s| s["candidate"].as_str().unwrap().to_string())
            .collect();
        let mut stops = ids(&row["stops"]);
        let mut sorted = chosen.clone();
        sorted.sort();
        stops.sort();
        assert_eq!(sorted, stops, "{id}");
        let unique: f64 = mine
            .iter()
            .map(|s| s["unique_weight"].as_f64().unwrap())
            .sum();
        assert!(unique <= row["covered_weight"].as_f64().unwrap() + 1e-6);
        for s in &mine {
            let c = s["candidate"].as_str().unwrap();
            assert_eq!(
                s["required"],
                ids(&row["require"]).contains(&c.to_string()),
                "{id} {c}"
            );
            assert_eq!(
                s["excluded"],
                ids(&row["exclude"]).contains(&c.to_string()),
                "{id} {c}"
            );
            if s["chosen"] == false {
                assert_eq!(
                    (s["unique_weight"].as_f64(), s["forced"].as_bool()),
                    (Some(0.0), Some(false))
                );
            }
        }
    }
    let everything: Vec<&str> = sites
        .iter()
        .filter(|s| s["scenario"] == "everything")
        .map(|s| s["candidate"].as_str().unwrap())
        .collect();
    assert!(everything.contains(&"hall") && !everything.contains(&"sannosha_enzo"));
    // The CSV: the same records under the same keys, on any thread count.
    r.go(&["--format", "json", "--sites", &sc], 2);
    let text = read(&r.path("sites.csv"));
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        csv.headers().unwrap(),
        mobile_stops::report::SITE_KEYS.as_slice()
    );
    assert_eq!(csv.records().count(), sites.len());
    let two = r.out("two.csv");
    let o = run(&[
        "--threads",
        "2",
        "scenarios",
        &r.file,
        "--quiet",
        "--sites",
        &two,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&two).unwrap(),
        std::fs::read(r.path("sites.csv")).unwrap()
    );
}

#[test]
fn table_files_are_checked_before_any_work() {
    let r = Run::new(FILE);
    let o = run(&["scenarios", &r.file, "--sites", &r.out("sites.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("sites.txt: expected a file name ending in .csv or .json for --sites"),
        "{}",
        stderr(&o)
    );
    let same = r.out("x.csv");
    let o = run(&["scenarios", &r.file, "--out", &same, "--robustness", &same]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--out and --robustness both naming it"),
        "{}",
        stderr(&o)
    );
    let input = r.out("s.csv");
    std::fs::copy(crate::helpers::fixture("small_candidates.csv"), &input).unwrap();
    let toml = format!("[data]\ncandidates = \"s.csv\"\n{FILE}");
    std::fs::write(&r.file, toml).unwrap();
    let o = run(&["scenarios", &r.file, "--robustness", &input]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("naming the same file as the scenario file's [data] candidates"),
        "{}",
        stderr(&o)
    );
    assert!(!r.path("x.csv").exists() && !r.path("sites.txt").exists());
}
