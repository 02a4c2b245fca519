//! What a council reads must be true: shares against the area it governs, sites outside the
//! data shown as not measurable (never 0), look-alike names told apart, sites on one point
//! never offered as each other's replacement, and a summary that says what was optimised and
//! what was not measured, in words rather than flags.

use crate::helpers::{format_json, run, run_ok, stderr, stdout};
use serde_json::Value;
use std::fs;

/// A scratch directory with the given files.
fn files(list: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in list {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn arg(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

#[test]
fn a_site_outside_the_data_is_not_measurable_and_named_in_the_comparison() {
    let council = "council=hiejinja,myogyoji,hozoji";
    let c = format_json(&["compare", "--set", council, "--set", "rest=myogyoji,hozoji"]);
    let sets = c["sets"].as_array().unwrap();
    assert_eq!(
        sets[0]["stops_not_measurable"],
        serde_json::json!(["hiejinja"])
    );
    assert_eq!(sets[1]["stops_not_measurable"], serde_json::json!([]));
    // The sums leave the unmeasurable stop out: the council's set reaches exactly what its two
    // measurable stops reach.
    for key in ["people_reached", "aged_65_plus_reached", "weight_reached"] {
        assert_eq!(sets[0][key], sets[1][key], "{key}");
    }
    let table = stdout(&run_ok(&[
        "compare",
        "--set",
        council,
        "--set",
        "y=myogyoji",
        "--lang",
        "ja",
    ]));
    assert!(table.contains("測定不可の停留所"), "{table}");
    assert!(
        table.contains("1 か所は需要データの範囲外で測定できません（日枝神社（中島））"),
        "{table}"
    );
    // The ranked list shows it as not measurable, not as a score of 0.
    let rank = stdout(&run_ok(&["rank", "--lang", "ja"]));
    let row = rank.lines().find(|l| l.contains(" hiejinja ")).unwrap();
    assert!(row.contains("測定不可") && !row.contains(" 0.0 "), "{row}");
}

#[test]
fn look_alike_names_are_told_apart_and_still_selectable() {
    let rank = format_json(&["rank"]);
    let names: Vec<&str> = rank["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "every name shown is unambiguous");
    for shown in [
        "日枝神社（中島）",
        "日枝神社（萩園）",
        "山王社(日枝神社)（円蔵）",
    ] {
        assert!(names.contains(&shown), "{shown} in {names:?}");
    }
    // The name as the file writes it, the name shown, and an unambiguous alias all select.
    for (name, id) in [
        ("日枝神社", "hiejinja"),
        ("日枝神社（中島）", "hiejinja"),
        ("山王社", "sannosha_enzo"),
    ] {
        let c = format_json(&[
            "compare",
            "--set",
            &format!("x={name}"),
            "--set",
            "y=hozoji",
        ]);
        assert_eq!(c["sets"][0]["stops"], serde_json::json!([id]), "{name}");
    }
    // A name two sites go by is refused with both named.
    let o = run(&["compare", "--set", "x=八幡神社", "--set", "y=hozoji"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("`hachiman_jinja_hagizono` (八幡神社（萩園）)")
            && e.contains("`hachiman_jinja_amanuma` (八幡神社（甘沼）)"),
        "{e}"
    );
}

/// Three homes by a shrine and a hall that share one point, and a temple by a fourth home
/// far to the east.
fn one_point_data() -> tempfile::TempDir {
    files(&[
        (
            "demand.csv",
            "id,lat,lon,population,aged_65_plus\n\
             d1,35.3500,139.4000,100,40\nd2,35.3502,139.4002,100,40\n\
             d3,35.3498,139.3998,100,40\nd4,35.3500,139.4200,100,30\n",
        ),
        (
            "candidates.csv",
            "id,lat,lon,name,kind\n\
             a,35.3500,139.4000,東の社,shrine\n\
             a2,35.3500,139.4000,集会所,community_centre\n\
             b,35.3500,139.4150,西の寺,temple\n",
        ),
    ])
}

#[test]
fn sites_on_one_point_are_flagged_and_never_each_others_replacement() {
    let dir = one_point_data();
    let data = ["--data", &arg(&dir, "")];
    let rank = format_json(&[&["rank"][..], &data].concat());
    for c in rank["candidates"].as_array().unwrap() {
        let shared = c["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "shared_point");
        assert_eq!(shared, c["id"] != "b", "{}", c["id"]);
    }
    let md = stdout(&run_ok(
        &[
            &["report", "--p", "1", "--format", "markdown", "--lang", "en"][..],
            &data,
        ]
        .concat(),
    ));
    let why = md.split("## Why each stop").nth(1).unwrap();
    // The shrine is chosen (ties go to the first id); the hall on its point would win back
    // most, but it is the same place: the replacement offered is the temple.
    let row: Vec<&str> = why
        .lines()
        .find(|l| l.starts_with("| 東の社 "))
        .unwrap()
        .split('|')
        .map(str::trim)
        .collect();
    assert_eq!(row[4], "西の寺", "{row:?}");
    let hall = why.lines().find(|l| l.starts_with("| 集会所 ")).unwrap();
    assert!(hall.contains("same point as the chosen 東の社"), "{hall}");
}

#[test]
fn the_summary_says_what_was_optimised_against_the_city_and_what_is_not_measured() {
    let ja = stdout(&run_ok(&[
        "report", "--p", "5", "--format", "markdown", "--lang", "ja",
    ]));
    let summary = ja
        .split("## まとめ")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    assert!(summary.contains("65歳以上の人が最も多く徒歩圏（直線 500 m）に入る 5 か所の組み合わせ"));
    assert!(summary.contains("茅ヶ崎市内"), "{summary}");
    assert!(summary.contains("面積の約"), "{summary}");
    assert!(summary.contains("食料品店の一覧と所在地を集めて") || summary.contains("食料品店"));
    assert!(!summary.contains("--"), "no flag in the summary: {summary}");
    // The forced stop is named.
    assert!(
        summary.contains("は、外すと 5 % 以上悪くなる「外せない」停留所です"),
        "{summary}"
    );
    let en = stdout(&run_ok(&[
        "report", "--p", "5", "--format", "markdown", "--lang", "en",
    ]));
    let summary = en
        .split("## Summary")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    assert!(summary.contains("the 5 stops that bring the most people aged 65+ within walking"));
    assert!(
        summary.contains("Need") && !summary.contains("--"),
        "{summary}"
    );
}

#[test]
fn shares_are_of_the_people_inside_the_given_area() {
    // A square around the first two homes only.
    let dir = one_point_data();
    let area = r#"{"type":"Feature","properties":{"name":"テスト町"},"geometry":{"type":"Polygon",
        "coordinates":[[[139.3995,35.3499],[139.401,35.3499],[139.401,35.351],[139.3995,35.351],[139.3995,35.3499]]]}}"#;
    fs::write(dir.path().join("area.geojson"), area).unwrap();
    let c = format_json(&[
        "compare",
        "--data",
        &arg(&dir, ""),
        "--set",
        "x=a",
        "--set",
        "y=b",
    ]);
    let a: &Value = &c["area"];
    assert_eq!(a["name"], "テスト町");
    assert_eq!(a["points"], 2);
    assert_eq!(a["aged_65_plus"], 80.0);
    // The shrine reaches the three homes around it; the share counts only the two inside.
    let set = &c["sets"][0];
    assert_eq!(set["aged_65_plus_reached"], 120.0);
    assert_eq!(set["in_area"]["aged_65_plus"], 80.0);
    assert_eq!(set["aged_65_plus_share"], 1.0);
    // A bad outline names the file and where.
    fs::write(
        dir.path().join("area.geojson"),
        "{\"type\":\"Polygon\",\n\"coordinates\":[[[1,2]]]}",
    )
    .unwrap();
    let o = run(&["rank", "--data", &arg(&dir, "")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "area.geojson at geometry.coordinates[0]: expected a ring of at least 4 positions"
        ),
        "{}",
        stderr(&o)
    );
}
