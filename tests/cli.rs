//! End-to-end tests of the `mobile-stops` binary: every format, export and re-rank, determinism
//! across thread counts, and the bad-input catalogue of issue #3.

mod common;
use common::{fixture, run, stderr};

use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let o = run(&all);
    assert!(o.status.success(), "{:?}: {}", args, stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

fn small(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ["rank", "--demand"].iter().map(|s| s.to_string()).collect();
    v.push(fixture("small_demand.csv"));
    v.push("--candidates".into());
    v.push(fixture("small_candidates.csv"));
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

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
            "expected_buyers",
            "space",
            "flags",
        ] {
            assert!(c.get(key).is_some(), "candidate lacks {key}");
        }
        assert!(c["far_from_shop_65_plus"].is_null());
        assert!(c["need"].is_null() && c["expected_buyers"].is_null());
        assert_eq!(c["space"]["status"], "unknown");
    }
    let hie = cands.iter().find(|c| c["id"] == "hiejinja").unwrap();
    assert!(hie["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "outside_data"));
    // Scores never increase down the list; equal scores are ordered by id.
    for w in cands.windows(2) {
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
    let b = &s1["expected_buyers"];
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
    for f in ["demand.csv", "candidates.csv", "SOURCE.md"] {
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

/// One bad input: the files to write, the arguments (with `{dir}` for the temp dir), and the
/// `FILE:LINE[:COLUMN]` location and words the message must contain.
struct Bad {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    location: &'static str,
    words: &'static str,
}

const DEMAND: &str = "id,lat,lon,population,aged_65_plus\na,35.35,139.40,100,30\n";
const CANDS: &str = "id,lat,lon\ns,35.35,139.40\n";

const BAD: &[Bad] = &[
    Bad { name: "missing file", files: &[("c.csv", CANDS)], args: &["--demand", "{dir}/nope.csv", "--candidates", "{dir}/c.csv"], location: "nope.csv", words: "expected a readable file, found no such file" },
    Bad { name: "empty file", files: &[("d.csv", ""), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:1", words: "found an empty file" },
    Bad { name: "header only", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2", words: "no data rows" },
    Bad { name: "missing column", files: &[("d.csv", "id,lat,population\na,35.3,10\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:1", words: "expected a column `lon`" },
    Bad { name: "non-numeric", files: &[("d.csv", "id,lat,lon,population\na,35.35,139.40,many\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "expected a number in column `population`, found `many`" },
    Bad { name: "NaN", files: &[("d.csv", "id,lat,lon,population\na,35.35,139.40,NaN\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "found `NaN`" },
    Bad { name: "latitude out of range", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\ns,91,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2:2", words: "expected a latitude in degrees between -90 and 90, found `91`" },
    Bad { name: "longitude out of range", files: &[("d.csv", "id,lat,lon\na,35,181\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:3", words: "longitude" },
    Bad { name: "negative weight", files: &[("d.csv", "id,lat,lon,weight\na,35.35,139.40,-3\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "expected zero or more" },
    Bad { name: "duplicate id", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\ns,35.35,139.40\nt,35.36,139.40\ns,35.37,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:4:1", words: "expected a unique id, found `s` again (first on line 2)" },
    Bad { name: "unknown --weight", files: &[("d.csv", DEMAND), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv", "--weight", "elderly"], location: "--weight", words: "population, aged_65_plus" },
    Bad { name: "radius zero", files: &[], args: &["--radius-m", "0"], location: "--radius-m", words: "greater than 0" },
    Bad { name: "radius negative", files: &[], args: &["--radius-m", "-5"], location: "--radius-m", words: "greater than 0" },
    Bad { name: "malformed mesh code", files: &[("d.csv", "id,mesh_code,population\na,53390209,10\nb,5339020915,5\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:3:2", words: "digit 10 is 1 to 4" },
    Bad { name: "e-Stat cut mid-row", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020911,0,,,65,45\n5339020913,0,,,2"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4", words: "expected 6 fields as in the header, found 5 fields" },
    Bad { name: "e-Stat cut before a merged cell", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020911,0,,,65,45\n5339020924,1,,5339020923,11,7\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4:4", words: "suppressed cell 5339020923" },
    Bad { name: "e-Stat star in a published row", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020911,0,,,65,*\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:3:6", words: "found `*`" },
    Bad { name: "would_use above respondents", files: &[("s.csv", "lat,lon,respondents,would_use\n35.35,139.40,3,5\n")], args: &["--surveys", "{dir}/s.csv"], location: "s.csv:2:4", words: "at most the 3 respondents" },
    Bad { name: "width without length", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon,width_m,length_m\ns,35.35,139.40,12,\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2:5", words: "width_m and length_m together" },
    Bad { name: "short row", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon,name\ns,35.35\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2", words: "expected 4 fields as in the header, found 2 fields" },
    Bad { name: "missing stores file", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\ns,35.35,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv", "--stores", "{dir}/bad.csv"], location: "bad.csv", words: "expected a readable file" },
    Bad { name: "unknown weights term", files: &[], args: &["--weights", "size=1"], location: "--weights", words: "one of reach, need, far" },
    Bad { name: "CRLF line numbers", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\r\ns,35.35,139.40\r\nu,91,139.40\r\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:3:2", words: "found `91`" },
    Bad { name: "blank lines count", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\n\n\nu,91,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:4:2", words: "found `91`" },
    Bad { name: "unterminated quote", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon,name\ns,35.35,139.40,\"open\nt,35.36,139.40,x\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2", words: "never closed" },
    Bad { name: "decimal comma", files: &[("d.csv", "id;lat;lon\na;35,35;139.40\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:2", words: "use a dot for decimals" },
    Bad { name: "e-Stat GASSAN twice", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020923,2,5339020924,,2,*\n5339020924,1,,5339020923;5339020923,11,7\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4:4", words: "each merged cell once" },
    Bad { name: "e-Stat suppressed cell with a number", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019,T001142022\n,,,,　人口（総数）,　６５歳以上人口　総数,　７５歳以上人口　総数\n5339020923,2,5339020924,,2,*,*\n5339020924,1,,5339020923;5339020913,11,7,3\n5339020913,2,5339020924,,2,3,*\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:5:6", words: "`*` as in the other suppressed cells" },
    Bad { name: "e-Stat mixed mesh levels", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001\n,,,,　人口（総数）\n53390209,0,,,100\n5339020911,0,,,65\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4:1", words: "mesh codes of one level (8 digits" },
    Bad { name: "weight too large", files: &[("d.csv", "id,lat,lon,weight\na,35.35,139.40,1e308\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "at most 1e12" },
];

fn expand(arg: &str, dir: &Path) -> String {
    arg.replace("{dir}", dir.to_str().unwrap())
}

#[test]
fn bad_inputs_exit_2_with_a_located_message_and_no_output_file() {
    for case in BAD {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in case.files {
            std::fs::write(dir.path().join(name), body).unwrap();
        }
        let out: PathBuf = dir.path().join("out.csv");
        let mut args = vec!["rank".to_string()];
        args.extend(case.args.iter().map(|a| expand(a, dir.path())));
        args.extend(["--out".to_string(), out.display().to_string()]);
        let o = run(&refs(&args));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", case.name);
        assert!(err.starts_with("mobile-stops: "), "{}: {err}", case.name);
        assert_eq!(err.lines().count(), 1, "{}: one line: {err}", case.name);
        assert!(
            err.contains(case.location),
            "{}: no {:?} in {err}",
            case.name,
            case.location
        );
        assert!(
            err.contains(case.words),
            "{}: no {:?} in {err}",
            case.name,
            case.words
        );
        assert!(!err.contains("panicked"), "{}: {err}", case.name);
        assert!(!out.exists(), "{}: output file left behind", case.name);

        // The same error as JSON under --format json.
        args.extend(["--format".to_string(), "json".to_string()]);
        let o = run(&refs(&args));
        assert_eq!(o.status.code(), Some(2), "{}", case.name);
        let v: serde_json::Value = serde_json::from_slice(&o.stderr)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", case.name, stderr(&o)));
        assert!(
            v["error"]["message"].as_str().unwrap().contains(case.words),
            "{}",
            case.name
        );
    }
}

#[test]
fn json_error_carries_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.csv");
    std::fs::write(&d, "id,lat,lon\na,95,139\n").unwrap();
    let o = run(&["rank", "--demand", d.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(v["error"]["line"], 2);
    assert_eq!(v["error"]["column"], 2);
    assert_eq!(v["error"]["found"], "`95`");
    assert!(o.stdout.is_empty());
}

#[test]
fn failed_run_keeps_an_existing_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rank.csv");
    std::fs::write(&out, "previous").unwrap();
    let o = run(&["rank", "--radius-m", "0", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
}

#[test]
fn an_internal_fault_is_exit_1_with_a_short_message_and_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rank.csv");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_mobile-stops"))
        .args(["rank", "--format", "csv", "--out", out.to_str().unwrap()])
        .env("MOBILE_STOPS_TEST_PANIC", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("mobile-stops: internal error"), "{err}");
    assert!(err.contains("please report it"), "{err}");
    assert!(
        !err.contains("panicked at") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one short line: {err}");
    assert!(o.stdout.is_empty());
    assert!(!out.exists());
}
