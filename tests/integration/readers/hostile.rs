//! Hostile inputs that once came out wrong rather than refused: calendar dates past what
//! iCalendar can spell (a panic, then a five-digit year), candidate columns named like the
//! writers' own (values lost or headers repeated), bidirectional controls in names (a line
//! printed backwards), census files covering the same cells twice (residents counted twice),
//! and ids holding a comma in a stop set.

use crate::helpers::{fixture, run, run_ok, stderr, stdout};
use serde_json::Value;

const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_inputs");

/// Three candidates, the first with an id holding a comma (quoted, as a CSV cell).
const COMMA_IDS: &str =
    "id,lat,lon,name\n\"a,b\",35.3505,139.4005,one\nc,35.36,139.41,two\nd,35.34,139.39,three\n";

/// A candidates file with `text` in `dir`, as a command-line argument.
fn candidates(dir: &tempfile::TempDir, text: &str) -> String {
    let path = dir.path().join("candidates.csv");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `route --format ics` of the two-stop list, from `date`, writing to `out`.
fn calendar(date: &str, out: &std::path::Path) -> std::process::Output {
    let stops = format!("{BAD}/stops_myogyoji.csv");
    let out = out.display().to_string();
    run(&[
        "route",
        "--stops",
        &stops,
        "--depot",
        "hiejinja",
        "--format",
        "ics",
        "--start-date",
        date,
        "--out",
        &out,
    ])
}

#[test]
fn far_start_dates_exit_2_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("week.ics");
    for date in [
        "+262142-12-31",
        "9999-12-31",
        "9999-12-25",
        "0001-01-01",
        "1969-12-31",
    ] {
        let o = calendar(date, &out);
        let msg = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{date}: {msg}");
        assert!(
            msg.contains("--start-date: expected a date"),
            "{date}: {msg}"
        );
        assert!(!msg.contains("panicked"), "{date}: {msg}");
        assert!(!out.exists(), "{date}: nothing written");
    }
    // The last start whose first week stays within 9999 writes four-digit years only.
    let o = calendar("9999-12-24", &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let ics = std::fs::read_to_string(&out).unwrap();
    for line in ics.lines().filter(|l| l.starts_with("DT")) {
        let stamp = line.rsplit(':').next().unwrap();
        assert_eq!(stamp.find('T'), Some(8), "{line}");
        assert!(stamp[..8].bytes().all(|b| b.is_ascii_digit()), "{line}");
    }
}

/// Candidates whose extra columns meet the writers' names: `score` (ours), `extra_score`
/// (what ours would be renamed to) and `EXTRA_SCORE_2` (the next try, in other case).
fn colliding_candidates(dir: &std::path::Path) -> String {
    let path = dir.join("cands.csv");
    std::fs::write(
        &path,
        "id,lat,lon,name,score,extra_score,EXTRA_SCORE_2,owner\n\
         s1,35.3505,139.4005,a,v1,v2,v3,city\n\
         s2,35.3600,139.4100,b,w1,w2,w3,temple\n",
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn colliding_extra_columns_keep_every_value_in_csv_and_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let cands = colliding_candidates(dir.path());
    let demand = fixture("small_demand.csv");
    for lang in ["en", "ja"] {
        let args = ["rank", "--demand", &demand, "--candidates", &cands];
        let mut csv_args = args.to_vec();
        csv_args.extend(["--format", "csv", "--lang", lang]);
        let csv = stdout(&run_ok(&csv_args));
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let header: Vec<String> = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_lowercase)
            .collect();
        let mut unique = header.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), header.len(), "{lang}: {header:?}");
        let row = csv.lines().find(|l| l.contains(",s1,")).unwrap();
        for v in ["v1", "v2", "v3", "city"] {
            assert!(row.split(',').any(|c| c == v), "{lang}: {v} in {row}");
        }
    }
    let args = [
        "rank",
        "--demand",
        &demand,
        "--candidates",
        &cands,
        "--format",
        "geojson",
    ];
    let v: Value = serde_json::from_str(&stdout(&run_ok(&args))).unwrap();
    let s1 = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["id"] == "s1")
        .unwrap();
    let props = s1["properties"].as_object().unwrap();
    assert!(props["score"].is_number(), "our score stays ours");
    for want in ["v1", "v2", "v3", "city"] {
        assert!(props.values().any(|p| p == want), "{want} in {props:?}");
    }
}

#[test]
fn a_right_to_left_override_in_a_name_is_neutralised_in_table_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let cands = candidates(
        &dir,
        "id,lat,lon,name\ns1,35.3505,139.4005,abc\u{202E}def\ns2,35.36,139.41,north\u{2066}x\n",
    );
    let demand = fixture("small_demand.csv");
    let base = ["--demand", &demand, "--candidates", &cands];
    let table = stdout(&run_ok(&[&["rank"][..], &base].concat()));
    let html = stdout(&run_ok(&[&["report"][..], &base, &["--p", "1"]].concat()));
    let csv = stdout(&run_ok(
        &[&["rank"][..], &base, &["--format", "csv"]].concat(),
    ));
    for (what, text) in [("table", &table), ("html", &html), ("csv", &csv)] {
        let bidi = ['\u{202E}', '\u{2066}'];
        assert!(!text.contains(bidi), "{what} holds a bidi control");
        assert!(text.contains("abc\u{FFFD}def"), "{what}: {text}");
    }
}

#[test]
fn census_files_covering_the_same_cells_are_refused_naming_both() {
    let census = format!("{BAD}/census_1km.csv");
    let o = run(&["rank", "--demand", &census, "--demand", &census]);
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(
        msg.contains("census_1km.csv:3:1: expected census cells that no other demand file covers")
            && msg.contains("`53390209` again, also in"),
        "{msg}"
    );
}

#[test]
fn a_stop_set_can_name_an_id_holding_a_comma() {
    let dir = tempfile::tempdir().unwrap();
    let cands = candidates(&dir, COMMA_IDS);
    let demand = fixture("small_demand.csv");
    let o = run_ok(&[
        "compare",
        "--demand",
        &demand,
        "--candidates",
        &cands,
        "--set",
        "x=\"a,b\",c",
        "--set",
        "y=d",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.to_string().contains("a,b"), "{v}");
}

#[test]
fn require_and_exclude_can_name_an_id_holding_a_comma() {
    let dir = tempfile::tempdir().unwrap();
    let cands = candidates(&dir, COMMA_IDS);
    let demand = fixture("small_demand.csv");
    let solve = |p: &str, flags: &[&str]| {
        let mut args = vec![
            "solve",
            "--demand",
            &demand,
            "--candidates",
            &cands,
            "--p",
            p,
            "--allow-no-space",
            "--format",
            "json",
        ];
        args.extend_from_slice(flags);
        run(&args)
    };
    let o = solve("2", &["--require", "\"a,b\""]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        v["stops"].as_array().unwrap().iter().any(|s| s == "a,b"),
        "{v}"
    );
    let o = solve("1", &["--exclude", "\"a,b\",c"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let stops = v["stops"].as_array().unwrap();
    assert!(stops.iter().all(|s| s != "a,b" && s != "c"), "{v}");
    // Unquoted, the comma splits: `a` alone is no candidate, and the error says which flag.
    let o = solve("2", &["--require", "a,b"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--require"), "{}", stderr(&o));
}
