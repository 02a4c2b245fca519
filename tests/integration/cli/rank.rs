//! `mobile-stops rank` end to end: every format (table, JSON, CSV, GeoJSON) in both languages,
//! `--out`, export–edit–rank again, the same bytes on one and two threads, and a CP932 e-Stat
//! file. Ranking is the first thing a planner runs, so its outputs are checked field by field.

use super::{refs, small};
use crate::helpers::{fixture, format_json as json, run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

#[test]
fn default_rank_lists_every_embedded_candidate_with_its_terms() {
    let o = run(&["rank"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "624 demand points",
        "population 232,022",
        "walking radius: 500 m",
        "not used: far from a shop",
        "not used: expressed need",
        "southern band",
        "日枝神社",
        "今宿グリーンハイム",
        "outside data",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    let ranked = out
        .lines()
        .filter(|l| {
            l.trim_start()
                .split(' ')
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(ranked, 35);
    let ja = stdout(&run(&["rank", "--lang", "ja"]));
    assert!(
        ja.contains("徒歩圏: 500 m") && ja.contains("スペース不明"),
        "{ja}"
    );
}

#[test]
fn json_has_the_documented_fields_and_nulls_for_missing_terms() {
    let v = json(&["rank"]);
    let s = &v["summary"];
    assert_eq!(s["demand_points"], 624);
    assert_eq!(s["total_population"], 232022.0);
    assert_eq!(s["total_weight"], 64940.0);
    assert_eq!(s["candidates"], 35);
    assert_eq!(s["radius_m"], 500.0);
    assert_eq!(s["terms_used"], serde_json::json!(["reach"]));
    assert_eq!(s["mesh"]["suppressed_cells"], 35);
    let cands = v["candidates"].as_array().unwrap();
    assert_eq!(cands.len(), 35);
    for (i, c) in cands.iter().enumerate() {
        assert_eq!(c["rank"], i + 1);
        for key in [
            "id",
            "name",
            "kind",
            "score",
            "reach_weight",
            "reach_population",
            "reach_65_plus",
            "far_from_shop_65_plus",
            "need",
            "potential_users",
            "buyers_per_visit",
            "space",
            "flags",
        ] {
            assert!(c.get(key).is_some(), "candidate lacks {key}");
        }
        assert!(c["far_from_shop_65_plus"].is_null());
        assert!(c["need"].is_null() && c["potential_users"].is_null());
        assert!(c["buyers_per_visit"].is_null());
        assert_eq!(c["space"]["status"], "unknown");
    }
    let hie = cands.iter().find(|c| c["id"] == "hiejinja").unwrap();
    assert!(hie["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "outside_data"));
    // A site outside the data is not measurable: null reach and score, never 0.
    assert_eq!(hie["measurable"], false);
    assert!(hie["score"].is_null() && hie["reach_weight"].is_null());
    assert!(hie["reach_65_plus"].is_null());
    // Measured sites first; scores never increase down the list; equal scores by id.
    let measured: Vec<&Value> = cands.iter().filter(|c| c["measurable"] == true).collect();
    assert!(cands[..measured.len()]
        .iter()
        .all(|c| c["measurable"] == true));
    for w in measured.windows(2) {
        let (a, b) = (
            w[0]["score"].as_f64().unwrap(),
            w[1]["score"].as_f64().unwrap(),
        );
        assert!(a > b || (a == b && w[0]["id"].as_str() < w[1]["id"].as_str()));
    }
}

#[test]
fn all_terms_with_stores_and_surveys() {
    let args = small(&[
        "--stores",
        &fixture("small_stores.csv"),
        "--surveys",
        &fixture("small_surveys.csv"),
        "--radius-m",
        "300",
    ]);
    let v = json(&refs(&args));
    assert_eq!(
        v["summary"]["terms_used"],
        serde_json::json!(["reach", "far", "need"])
    );
    let by_id = |id: &str| {
        v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let s1 = by_id("s1");
    // a and b are within 300 m of s1; both live within 500 m of the shop m1.
    assert_eq!(s1["reach_65_plus"], 90.0);
    assert_eq!(s1["far_from_shop_65_plus"], 0.0);
    assert_eq!(s1["need"]["respondents"], 20);
    assert_eq!(s1["space"]["status"], "fits");
    let s2 = by_id("s2");
    assert_eq!(s2["far_from_shop_65_plus"], 90.0);
    assert_eq!(s2["space"]["vehicles_fit"], 5);
    assert!(s2["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "few_survey_answers"));
    let s3 = by_id("s3");
    assert_eq!(s3["eligible"], false);
    assert!(s3["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "no_space"));
    assert_eq!(s3["extra"]["owner"], "shrine, local");
    let b = &s1["potential_users"];
    assert!(
        b["low"].as_f64() <= b["estimate"].as_f64() && b["estimate"].as_f64() <= b["high"].as_f64()
    );
}

#[test]
fn csv_has_bom_neutralised_formulas_and_extra_columns() {
    let o = run(&refs(&small(&["--format", "csv"])));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&o.stdout[3..]);
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "rank");
    assert_eq!(headers.iter().next_back(), Some("owner"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let s3 = rows.iter().find(|r| &r[1] == "s3").unwrap();
    assert_eq!(&s3[2], "'=HYPERLINK(\"x\")");
    let ja = run(&refs(&small(&["--format", "csv", "--lang", "ja"])));
    assert!(String::from_utf8_lossy(&ja.stdout).contains("順位"));
}

#[test]
fn geojson_is_a_feature_collection_of_candidate_points() {
    let v = json(&["rank"]);
    let o = run(&["rank", "--format", "geojson"]);
    let g: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    let f = g["features"].as_array().unwrap();
    assert_eq!(f.len(), 35);
    assert_eq!(f[0]["geometry"]["type"], "Point");
    assert_eq!(f[0]["properties"]["id"], v["candidates"][0]["id"]);
    assert_eq!(
        f[0]["geometry"]["coordinates"][0],
        v["candidates"][0]["lon"]
    );
    assert!(f[0]["properties"]["district"].is_string() || f[0]["properties"]["district"].is_null());
}

#[test]
fn out_writes_the_file_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rank.json");
    let o = run(&["rank", "--format", "json", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["candidates"].as_array().unwrap().len(), 35);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_edit_and_rank_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("mine");
    let o = run(&["data", "export", d.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["demand.csv", "candidates.csv", "notes.csv", "SOURCE.md"] {
        assert!(d.join(f).exists(), "{f}");
    }
    // Same numbers as the embedded data.
    let embedded = json(&["rank"]);
    let exported = json(&["rank", "--data", d.to_str().unwrap()]);
    assert_eq!(embedded["candidates"], exported["candidates"]);
    assert_eq!(
        embedded["summary"]["total_weight"],
        exported["summary"]["total_weight"]
    );
    // A second export refuses to overwrite the planner's edits.
    let again = run(&["data", "export", d.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    // Edit: give 白峰寺 room for 6 vehicles and add a new site; rank again.
    let path = d.join("candidates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let slots = header.iter().position(|h| *h == "vehicle_slots").unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for line in lines.iter_mut().filter(|l| l.starts_with("hakuhoji,")) {
        let mut f: Vec<&str> = line.split(',').collect();
        f[slots] = "6";
        *line = f.join(",");
    }
    let mut new_row = vec![""; header.len()];
    new_row[0] = "new_site";
    new_row[1] = "35.3600";
    new_row[2] = "139.4000";
    lines.push(new_row.join(","));
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let edited = json(&["rank", "--data", d.to_str().unwrap()]);
    let cands = edited["candidates"].as_array().unwrap();
    assert_eq!(cands.len(), 36);
    let h = cands.iter().find(|c| c["id"] == "hakuhoji").unwrap();
    assert_eq!(h["space"]["status"], "fits");
    assert!(cands.iter().any(|c| c["id"] == "new_site"));
}

#[test]
fn same_output_with_one_and_two_threads() {
    for format in ["json", "csv", "table"] {
        let args = small(&[
            "--stores",
            &fixture("small_stores.csv"),
            "--surveys",
            &fixture("small_surveys.csv"),
            "--format",
            format,
        ]);
        let mut one = vec!["--threads", "1"];
        one.extend(refs(&args));
        let mut two = vec!["--threads", "2"];
        two.extend(refs(&args));
        assert_eq!(run(&one).stdout, run(&two).stdout, "{format}");
    }
    assert_eq!(
        run(&["--threads", "1", "rank", "--format", "json"]).stdout,
        run(&["--threads", "2", "rank", "--format", "json"]).stdout
    );
}

#[test]
fn cp932_estat_file_reads_like_the_utf8_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/tblT001142Q5339_subset.csv"),
    )
    .unwrap();
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!bad);
    let p = dir.path().join("tblT001142Q5339.txt");
    std::fs::write(&p, &bytes).unwrap();
    let v = json(&["rank", "--demand", p.to_str().unwrap()]);
    assert_eq!(v["summary"]["total_population"], 232022.0);
    assert_eq!(v["summary"]["total_65_plus"], 64940.0);
    // --data DIR finds the e-Stat table by its header when there is no demand.csv.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/candidates.csv"),
        dir.path().join("candidates.csv"),
    )
    .unwrap();
    let d = json(&["rank", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(d["candidates"], json(&["rank"])["candidates"]);
}
