//! `regions split` and `regions solve`: one folder per region with its demand and the
//! candidates within reach across its border, budgets from a rule or a table, a region with
//! no candidate reported as a row, shards merged into what one run writes, and outlines that
//! overlap or are invalid refused with nothing written.

use super::shard::run_in;
use serde_json::Value;
use std::path::Path;

/// Two neighbouring 2nd-level mesh squares (533945 | 533946, border at 139.75° E) and a third
/// (533947) whose demand has no candidate within reach.
fn data(d: &Path) {
    let mut demand = String::from("id,lat,lon,population,aged_65_plus\n");
    for (k, lon) in [139.740, 139.742, 139.744, 139.760, 139.762, 139.950]
        .iter()
        .enumerate()
    {
        demand.push_str(&format!("d{k},35.70,{lon},{},{}\n", 100 + k, 30 + k));
    }
    std::fs::write(d.join("demand.csv"), demand).unwrap();
    // a1 sits 0.5 m west of the border: about 950 m from the demand east of it.
    let sites = "id,lat,lon,name\na0,35.70,139.741,西\na1,35.70,139.7495,境\nb0,35.70,139.761,東\n";
    std::fs::write(d.join("candidates.csv"), sites).unwrap();
}

fn json(d: &Path, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(d.join(name)).unwrap()).unwrap()
}

/// The data split by 2nd-level mesh, 1 km margin, one stop per 40 aged 65+; its stderr.
fn mesh_split(d: &Path) -> String {
    data(d);
    let split = [
        "regions",
        "split",
        "--demand",
        "demand.csv",
        "--candidates",
        "candidates.csv",
        "--by",
        "mesh2",
        "--radius-m",
        "1000",
        "--stops-per-aged",
        "40",
        "--out",
        "reg",
    ];
    let (code, err) = run_in(d, &split);
    assert_eq!(code, 0, "{err}");
    err
}

#[test]
fn mesh_regions_keep_border_candidates_and_say_which_have_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let err = mesh_split(d);
    assert!(
        err.contains("3 regions") && err.contains("1 with no candidate"),
        "{err}"
    );
    let table = std::fs::read_to_string(d.join("reg/regions.csv")).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "region,name,dir,p,points,candidates,population,aged_65_plus,data_hash"
    );
    // 533945: three points (aged 30+31+32 = 93 → p = ⌈93/40⌉ = 3, lowered to its 2 sites);
    // 533946: two points, the border site a1 and b0; 533947: one point, no site.
    assert!(
        lines[1].starts_with("533945,533945,533945,2,3,2,303,93,blake3:"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("533946,533946,533946,2,2,2,207,67,blake3:"),
        "{table}"
    );
    assert!(
        lines[3].starts_with("533947,533947,533947,1,1,0,105,35,blake3:"),
        "{table}"
    );
    let east = std::fs::read_to_string(d.join("reg/533946/candidates.csv")).unwrap();
    assert_eq!(
        east,
        "id,lat,lon,name\na1,35.70,139.7495,境\nb0,35.70,139.761,東\n"
    );
    let west = std::fs::read_to_string(d.join("reg/533945/demand.csv")).unwrap();
    assert_eq!(west.lines().count(), 4, "{west}");
}

#[test]
fn regions_solved_here_or_as_shards_merge_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mesh_split(d);
    let (code, err) = run_in(
        d,
        &[
            "regions", "solve", "reg", "--format", "json", "--out", "all.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let all = json(d, "all.json");
    let rows = all["rows"].as_array().unwrap();
    assert_eq!(rows[2]["status"], "no_candidate");
    assert!(rows[2]["note"]
        .as_str()
        .unwrap()
        .contains("no candidate site within 1000 m"));
    assert_eq!(rows[0]["status"], "optimal");
    assert_eq!(all["totals"]["regions"], 3);
    assert_eq!(all["totals"]["no_candidate"], 1);
    assert!(all["budget_note"]
        .as_str()
        .unwrap()
        .contains("modelling choice"));
    // Every aged person of the first two squares is within 1 km of a chosen stop.
    assert_eq!(all["totals"]["aged_65_plus_reached"], 93.0 + 67.0);

    // Two shards merged: the same bytes, in JSON and CSV.
    for i in 0..2 {
        let (spec, out) = (format!("{i}/2"), format!("r-{i}.json"));
        let (code, err) = run_in(
            d,
            &["regions", "solve", "reg", "--shard", &spec, "--out", &out],
        );
        assert_eq!(code, 0, "{err}");
    }
    for format in ["json", "csv"] {
        let all = format!("all.{format}");
        assert_eq!(
            run_in(
                d,
                &["regions", "solve", "reg", "--format", format, "--out", &all]
            )
            .0,
            0
        );
        let merged = format!("merged.{format}");
        let args = [
            "merge", "r-1.json", "r-0.json", "--format", format, "--out", &merged,
        ];
        let (code, err) = run_in(d, &args);
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::read(d.join(&all)).unwrap() == std::fs::read(d.join(&merged)).unwrap());
    }
    let csv = std::fs::read_to_string(d.join("merged.csv")).unwrap();
    assert!(csv.lines().last().unwrap().starts_with("total,"), "{csv}");
    // A region's data changed after solving: refused.
    std::fs::write(d.join("reg/533947/demand.csv"), "id,lat,lon\n").unwrap();
    let (code, err) = run_in(d, &["merge", "r-0.json", "r-1.json", "--out", "x.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("changed since"), "{err}");
    assert!(!d.join("x.json").exists());
}

/// A FeatureCollection of squares `[west, south, east, north]` named by `code`.
fn outlines(squares: &[(&str, [f64; 4])]) -> String {
    let features: Vec<String> = squares
        .iter()
        .map(|(code, [w, s, e, n])| {
            format!(
                r#"{{"type":"Feature","properties":{{"N03_004":"町{code}","N03_007":"{code}"}},"geometry":{{"type":"Polygon","coordinates":[[[{w},{s}],[{e},{s}],[{e},{n}],[{w},{n}],[{w},{s}]]]}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

#[test]
fn outlines_split_by_code_and_bad_outlines_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    data(d);
    let good = outlines(&[
        ("14001", [139.7, 35.6, 139.75, 35.8]),
        ("14002", [139.75, 35.6, 139.8, 35.8]),
    ]);
    std::fs::write(d.join("n03.geojson"), good).unwrap();
    std::fs::write(d.join("budget.csv"), "region,p\n14001,1\n14002,2\n").unwrap();
    let split = |by: &str, out: &str| {
        run_in(
            d,
            &[
                "regions",
                "split",
                "--demand",
                "demand.csv",
                "--candidates",
                "candidates.csv",
                "--by",
                by,
                "--radius-m",
                "1000",
                "--budget",
                "budget.csv",
                "--out",
                out,
            ],
        )
    };
    let (code, err) = split("n03.geojson", "reg");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("2 regions") && err.contains("1 demand points in no region"),
        "{err}"
    );
    let table = std::fs::read_to_string(d.join("reg/regions.csv")).unwrap();
    assert!(table.contains("\n14001,町14001,14001,1,3,2,"), "{table}");
    assert!(table.contains("\n14002,町14002,14002,2,2,2,"), "{table}");

    // Overlapping outlines: refused naming both, nothing written.
    let overlap = outlines(&[
        ("14001", [139.7, 35.6, 139.76, 35.8]),
        ("14002", [139.75, 35.6, 139.8, 35.8]),
    ]);
    std::fs::write(d.join("overlap.geojson"), overlap).unwrap();
    let (code, err) = split("overlap.geojson", "o");
    assert_eq!(code, 2);
    assert!(
        err.contains("do not overlap") && err.contains("14001") && err.contains("14002"),
        "{err}"
    );
    assert!(!d.join("o").exists());
    // A ring crossing itself (a bow tie).
    let bow = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"N03_007":"9"},"geometry":{"type":"Polygon","coordinates":[[[139.7,35.6],[139.8,35.8],[139.8,35.6],[139.7,35.8],[139.7,35.6]]]}}]}"#;
    std::fs::write(d.join("bow.geojson"), bow).unwrap();
    let (code, err) = split("bow.geojson", "b");
    assert_eq!(code, 2);
    assert!(
        err.contains("bow.geojson at features[0]") && err.contains("self-intersection"),
        "{err}"
    );
    assert!(!d.join("b").exists());
    // A budget table that leaves a region out.
    std::fs::write(d.join("budget.csv"), "region,p\n14001,1\n").unwrap();
    let (code, err) = split("n03.geojson", "t");
    assert_eq!(code, 2);
    assert!(
        err.contains("budget.csv") && err.contains("first `14002`"),
        "{err}"
    );
    assert!(!d.join("t").exists());
}
