//! Reading scenario files: expansion, order, names, limits and errors at FILE:LINE:COLUMN.

use super::*;
use crate::error::Result;
use crate::io::text::SourceText;
use std::path::Path;

fn read(text: &str) -> Result<ScenarioFile> {
    let src = SourceText::utf8("s.toml", text);
    read_scenarios(&src, Path::new("/d"))
}

#[test]
fn sweeps_expand_in_file_order_over_the_baseline() {
    let f = read(
        "[baseline]\nmodel = \"mclp\"\np = 5\nradius_m = 500\n\n[[sweep]]\nname = \"grid\"\np = [3, 4]\nradius_m = [300.0, 400.0, 500.0]\n\n[[scenario]]\nname = \"short walk\"\nradius_m = 300\n\n[[scenario]]\nname = \"without\"\nexclude = [\"hakuhoji\"]\ncapacity = 3000\n",
    )
    .unwrap();
    let names: Vec<&str> = f.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[0], "baseline");
    assert_eq!(names[1], "grid: p=3, radius_m=300.0");
    assert_eq!(names[6], "grid: p=4, radius_m=500.0");
    assert!(
        read("[[scenario]]\nname = \"a\"\n[[scenario]]\nname = \"a\"\n")
            .unwrap_err()
            .to_string()
            .contains("s.toml:3: expected a different name")
    );
    let err = read("[baseline]\nmodel = \"foo\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("s.toml:2:9") && err.contains("`model`"),
        "{err}"
    );
    assert_eq!(names[7], "short walk");
    assert_eq!(f.scenarios.len(), 1 + 6 + 2);
    assert_eq!(f.scenarios[2].settings.p, Some(3));
    assert_eq!(f.scenarios[2].settings.radius_m, Some(400.0));
    assert_eq!(f.scenarios[7].settings.p, Some(5), "baseline kept");
    assert_eq!(f.scenarios[8].settings.capacity.as_deref(), Some("3000"));
    assert_eq!(f.scenarios[8].line, 15);
}

#[test]
fn a_long_baseline_list_times_a_large_sweep_is_an_error_not_gigabytes() {
    // 5 KB: 700 required ids copied into each of 17^4 = 83,521 sweep scenarios took over
    // 2 GB (the `scenarios` fuzz target's memory limit) before the byte budget.
    let ids: Vec<String> = (0..700).map(|i| format!("\"a{i}\"")).collect();
    let vals: Vec<String> = (1..18).map(|v| v.to_string()).collect();
    let vals = vals.join(",");
    let text = format!(
        "[baseline]\nrequire = [{}]\n[[sweep]]\nname = \"s\"\np = [{vals}]\nseed = [{vals}]\nvehicles = [{vals}]\nradius_m = [{vals}]\n",
        ids.join(",")
    );
    let err = read(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("s.toml:3:1: expected scenarios that fit in 256 MiB"),
        "{err}"
    );
    // Ordinary settings still expand to tens of thousands of scenarios.
    let f = read(&format!(
        "[baseline]\nrequire = [\"a\", \"b\"]\n[[sweep]]\nname = \"s\"\np = [{vals}]\nseed = [{vals}]\nvehicles = [{vals}]\nradius_m = [{vals}]\n"
    ))
    .unwrap();
    assert_eq!(f.scenarios.len(), 1 + 17 * 17 * 17 * 17);
    assert_eq!(
        f.scenarios[1].name,
        "s: p=1, radius_m=1.0, vehicles=1, seed=1"
    );
}

#[test]
fn bad_files_name_line_and_column() {
    let cases = [
        ("[baseline]\np = \"five\"\n", "s.toml:2:5: expected a scenario file"),
        ("[baseline]\npp = 5\n", "s.toml:2:1: expected a scenario file"),
        ("[[scenario]]\np = 3\n", "s.toml:1:1: expected a `name`"),
        ("[[scenario]]\nname = \"x\"\np = [3, 4]\n", "s.toml:1:1: expected one value of `p`"),
        ("[[sweep]]\nname = \"x\"\np = 3\n", "s.toml:1:1: expected at least one list"),
        ("[[sweep]]\nname = \"x\"\np = []\n", "s.toml:1:1: expected values in `p`"),
        ("[baseline\n", "s.toml:1:10: expected a scenario file"),
        ("[[sweep]]\nname = \"x\"\np = [1,2,3,4,5,6,7,8,9,10]\nseed = [1,2,3,4,5,6,7,8,9,10]\nradius_m = [1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,9.0,10.0]\nvehicles = [1,2,3,4,5,6,7,8,9,10]\nshop_distance_m = [1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,9.0,10.0]\n", "expected at most 100000 scenarios"),
    ];
    for (text, want) in cases {
        let err = read(text).unwrap_err().to_string();
        assert!(err.contains(want), "{text:?}: {err}");
    }
}

#[test]
fn blank_ids_are_refused_wherever_a_scenario_names_one() {
    let add = "[[scenario]]\nname = \"a\"\nadd_candidates = [{ id = \"\u{3000}\", lat = 35.3, lon = 139.4 }]\n";
    let cases = [
        (add.to_string(), "s.toml:3:18"),
        (
            "[baseline]\nrequire = [\"c1\", \" \"]\n".to_string(),
            "s.toml:2:11",
        ),
        ("[baseline]\nexclude = [\"\"]\n".to_string(), "s.toml:2:11"),
        (
            "[[sweep]]\nname = \"s\"\nremove_candidates = [[\"c1\"], [\"\"]]\n".to_string(),
            "s.toml:3:21",
        ),
    ];
    for (text, at) in cases {
        let err = read(&text).unwrap_err().to_string();
        assert!(
            err.starts_with(at) && err.contains("a blank candidate id"),
            "{text}: {err}"
        );
    }
    // Ids are trimmed as the candidates CSV trims them; sweeps still expand lists of ids.
    let f = read("[[sweep]]\nname = \"s\"\nrequire = [[\" c1 \"], [\"c1\", \"c2\"]]\n").unwrap();
    assert_eq!(
        f.scenarios[1].settings.require,
        Some(vec!["c1".to_string()])
    );
    assert_eq!(f.scenarios[2].name, "s: require=[\"c1\",\"c2\"]");
}

#[test]
fn ids_are_names_or_sweep_names_numbered_from_one_and_unique() {
    let f = read(
        "[baseline]\np = 5\n[[sweep]]\nname = \"grid\"\np = [3, 4]\nradius_m = [300, 400.0]\n\
         [[scenario]]\nname = \"short walk\"\nradius_m = 300\n",
    )
    .unwrap();
    let ids: Vec<(&str, Option<&str>)> = f
        .scenarios
        .iter()
        .map(|s| (s.id.as_str(), s.sweep.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [
            ("baseline", None),
            ("grid#1", Some("grid")),
            ("grid#2", Some("grid")),
            ("grid#3", Some("grid")),
            ("grid#4", Some("grid")),
            ("short walk", None),
        ]
    );
    // The last key varies fastest: #2 is p = 3 at 400 m, #3 is p = 4 at 300 m.
    assert_eq!(f.scenarios[2].settings.radius_m, Some(400.0));
    assert_eq!(f.scenarios[3].settings.p, Some(4));
    let err = read("[[sweep]]\nname = \"g\"\np = [3, 4]\n[[sweep]]\nname = \"g\"\np = [5, 6]\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("s.toml:4: expected a different id") && err.contains("`g#1` again"),
        "{err}"
    );
}
