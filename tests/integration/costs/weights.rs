//! No silent switch: a demand header that nearly names `aged_65_plus` is said in the notes
//! ("did you mean"), with the weight the results fell back to; rows with more people aged 65+
//! than people get a warning naming how many and the first line.

use crate::helpers::{command_json, run_ok, stdout};
use std::path::PathBuf;

fn put(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p: PathBuf = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

const SITES: &str = "id,lat,lon\ns1,35.3505,139.4005\ns2,35.36,139.41\n";

/// A demand file whose aged column is headed `aged`.
fn demand(aged: &str, rows: &[(u32, u32)]) -> String {
    let mut t = format!("id,lat,lon,population,{aged}\n");
    for (k, (p, a)) in rows.iter().enumerate() {
        t.push_str(&format!("p{k},35.35{k},139.40{k},{p},{a}\n"));
    }
    t
}

#[test]
fn a_near_miss_aged_header_is_named_with_did_you_mean_and_the_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let sites = put(&dir, "s.csv", SITES);
    let rows = [(100, 40), (80, 20), (50, 10)];
    for header in ["aged_65plus", "aged65+", "65才以上", "Aged 65 Plus"] {
        let d = put(&dir, "d.csv", &demand(header, &rows));
        let v = command_json("rank", &["--demand", &d, "--candidates", &sites]);
        let s = &v["summary"];
        assert_eq!(s["weight_column"], "population", "{header}: the fallback");
        let notes = s["notes"].to_string();
        assert!(
            notes.contains(&format!(
                "`{header}` is not read as aged 65+: did you mean `aged_65_plus`?"
            )) && notes.contains("falls back to `population`"),
            "{header}: {notes}"
        );
        let v = command_json(
            "solve",
            &["--demand", &d, "--candidates", &sites, "--p", "1"],
        );
        assert!(v["notes"]
            .to_string()
            .contains("did you mean `aged_65_plus`?"));
        let ja = stdout(&run_ok(&[
            "rank",
            "--demand",
            &d,
            "--candidates",
            &sites,
            "--lang",
            "ja",
        ]));
        assert!(ja.contains("`aged_65_plus` のことですか？"), "{ja}");
    }
    // The real name, and a Japanese name the reader knows, switch nothing and say nothing.
    for header in ["aged_65_plus", "65歳以上人口", "６５歳以上"] {
        let d = put(&dir, "d.csv", &demand(header, &rows));
        let v = command_json("rank", &["--demand", &d, "--candidates", &sites]);
        assert_eq!(v["summary"]["weight_column"], "aged_65_plus", "{header}");
        assert_eq!(v["summary"]["notes"], serde_json::json!([]), "{header}");
    }
    // The report says it too, among its cautions.
    let d = put(&dir, "d.csv", &demand("aged_65plus", &rows));
    let md = stdout(&run_ok(&[
        "report",
        "--demand",
        &d,
        "--candidates",
        &sites,
        "--p",
        "1",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]));
    let plain = md.replace('\\', "");
    assert!(plain.contains("did you mean `aged_65_plus`?"), "{md}");
}

#[test]
fn rows_with_more_aged_than_people_are_counted_and_the_first_line_named() {
    let dir = tempfile::tempdir().unwrap();
    let sites = put(&dir, "s.csv", SITES);
    let d = put(
        &dir,
        "d.csv",
        &demand("aged_65_plus", &[(100, 40), (10, 500), (50, 10), (3, 4)]),
    );
    let v = command_json("rank", &["--demand", &d, "--candidates", &sites]);
    let notes = v["summary"]["notes"].to_string();
    assert!(
        notes.contains(&format!(
            "warning: 2 demand rows have more people aged 65+ than people (first: {d}:3, `p1`: 500 aged 65+ of 10)"
        )),
        "{notes}"
    );
    let table = stdout(&run_ok(&[
        "solve",
        "--demand",
        &d,
        "--candidates",
        &sites,
        "--p",
        "1",
    ]));
    assert!(table.contains("note: warning: 2 demand rows"), "{table}");
    let fine = put(
        &dir,
        "ok.csv",
        &demand("aged_65_plus", &[(100, 40), (10, 10)]),
    );
    let v = command_json("rank", &["--demand", &fine, "--candidates", &sites]);
    assert!(!v["summary"]["notes"].to_string().contains("warning"));
}
