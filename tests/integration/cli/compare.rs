//! End-to-end tests of `mobile-stops compare`: numbers agree with `rank` and with each other,
//! sets come from ids, names or solve files, every format, and bad sets exit 2 naming the set.

use crate::helpers::{fixture, run, run_json as json, stderr};
use serde_json::Value;

#[test]
fn one_stop_sets_reach_what_rank_says_and_unions_never_exceed_the_sum() {
    let rank = json(&["rank", "--format", "json"]);
    let cands = rank["candidates"].as_array().unwrap();
    let (a, b) = (&cands[0], &cands[1]);
    let ida = a["id"].as_str().unwrap();
    let idb = b["id"].as_str().unwrap();
    let both = format!("both={ida},{idb}");
    let c = json(&[
        "compare",
        "--set",
        &format!("a={ida}"),
        "--set",
        &format!("b={idb}"),
        "--set",
        &both,
        "--format",
        "json",
    ]);
    let sets = c["sets"].as_array().unwrap();
    let aged = |k: usize| sets[k]["aged_65_plus_reached"].as_f64().unwrap();
    let close = |x: f64, y: f64| (x - y).abs() < 0.01;
    assert!(close(aged(0), a["reach_65_plus"].as_f64().unwrap()));
    assert!(close(aged(1), b["reach_65_plus"].as_f64().unwrap()));
    assert!(aged(2) <= aged(0) + aged(1) + 0.01 && aged(2) >= aged(0).max(aged(1)) - 0.01);
    let total = c["totals"]["aged_65_plus"].as_f64().unwrap();
    for s in sets {
        let sum = s["aged_65_plus_reached"].as_f64().unwrap()
            + s["uncovered_aged_65_plus"].as_f64().unwrap();
        assert!(close(sum, total), "reached + not reached = total");
    }
    assert_eq!(sets[2]["added_vs_first"], serde_json::json!([idb]));
    assert_eq!(sets[1]["dropped_vs_first"], serde_json::json!([ida]));
}

#[test]
fn names_ids_and_solve_files_give_the_same_set() {
    let dir = tempfile::tempdir().unwrap();
    let solved = dir.path().join("s.json").display().to_string();
    let o = run(&["solve", "--p", "3", "--format", "json", "--out", &solved]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&solved).unwrap()).unwrap();
    let ids: Vec<&str> = s["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let c = json(&[
        "compare",
        "--set",
        &format!("file=@{solved}"),
        "--set",
        &format!("ids={}", ids.join(",")),
        "--set",
        "council=日枝神社、妙行寺,宝蔵寺",
        "--format",
        "json",
    ]);
    let sets = c["sets"].as_array().unwrap();
    assert_eq!(
        sets[0]["aged_65_plus_reached"],
        sets[1]["aged_65_plus_reached"]
    );
    assert_eq!(
        sets[2]["stops"],
        serde_json::json!(["hiejinja", "myogyoji", "hozoji"])
    );
    // The solved set reaches at least as much as any other set of three.
    assert!(
        sets[0]["weight_reached"].as_f64().unwrap() >= sets[2]["weight_reached"].as_f64().unwrap()
    );
}

#[test]
fn every_format_and_surveys_and_shops_fill_every_column() {
    let d = fixture("small_demand.csv");
    let cands = fixture("small_candidates.csv");
    let surveys = fixture("small_surveys.csv");
    let stores = fixture("small_stores.csv");
    let base = [
        "compare",
        "--demand",
        &d,
        "--candidates",
        &cands,
        "--surveys",
        &surveys,
        "--stores",
        &stores,
        "--set",
        "one=s1",
        "--set",
        "two=s1,s2",
    ];
    let with = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        let o = run(&a);
        assert!(o.status.success(), "{a:?}: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let v: Value = serde_json::from_str(&with(&["--format", "json"])).unwrap();
    for s in v["sets"].as_array().unwrap() {
        let b = &s["potential_users"];
        let (lo, est, hi) = (
            b["low"].as_f64().unwrap(),
            b["estimate"].as_f64().unwrap(),
            b["high"].as_f64().unwrap(),
        );
        assert!(lo <= est && est <= hi, "{b}");
        assert!(s["far_from_shop_reached"].is_number());
    }
    let csv = with(&["--format", "csv"]);
    assert_eq!(csv.lines().count(), 3);
    let geo: Value = serde_json::from_str(&with(&["--format", "geojson"])).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 3);
    let table = with(&["--lang", "ja"]);
    assert!(
        table.contains("到達65歳以上") && table.contains("two"),
        "{table}"
    );
}

#[test]
fn bad_sets_exit_2_and_name_the_set() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("l.csv");
    std::fs::write(&list, "id\nhiejinja\nghost\n").unwrap();
    let file = format!("f=@{}", list.display());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--set", "a=hiejinja"], "two or more sets"),
        (
            vec!["--set", "a=hiejinja", "--set", "b=nope"],
            "`nope` in set `b`",
        ),
        (
            vec!["--set", "a=hiejinja", "--set", "a=myogyoji"],
            "`a` twice",
        ),
        (vec!["--set", "a=hiejinja", "--set", "b"], "NAME=STOP"),
        (
            vec!["--set", "a=hiejinja,hiejinja", "--set", "b=hozoji"],
            "twice in set `a`",
        ),
        (
            vec!["--set", "a=hiejinja", "--set", &file],
            "l.csv:3:1: expected a candidate id",
        ),
        (
            vec!["--set", "a=hiejinja", "--set", "b=@/no/such.json"],
            "/no/such.json: expected a readable file",
        ),
    ];
    for (rest, want) in cases {
        let mut args = vec!["compare"];
        args.extend(&rest);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{rest:?}");
        assert!(stderr(&o).contains(want), "{rest:?}: {}", stderr(&o));
    }
}

#[test]
fn without_surveys_no_set_claims_buyers() {
    let v = json(&[
        "compare",
        "--set",
        "a=hiejinja",
        "--set",
        "b=myogyoji",
        "--format",
        "json",
    ]);
    for s in v["sets"].as_array().unwrap() {
        assert!(s["potential_users"].is_null(), "{s}");
        assert!(s["buyers_per_visit"].is_null(), "{s}");
    }
    let o = run(&["compare", "--set", "a=hiejinja", "--set", "b=myogyoji"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("-0.0"));
}
