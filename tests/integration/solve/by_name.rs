//! `--require` and `--exclude` take sites as `--set` does: by id or by a name only one site
//! has (and in a scenario file the same); a name two sites share, or one no site has, is
//! refused listing the sites that come close.

use super::solve_json;
use crate::helpers::{fixture, run, stderr};
use serde_json::Value;

fn stops(v: &Value) -> Vec<String> {
    let mut s: Vec<String> = v["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    s.sort();
    s
}

#[test]
fn require_and_exclude_take_unique_names_as_ids() {
    let by_id = solve_json(&[
        "--p",
        "4",
        "--require",
        "hiejinja,myogyoji",
        "--exclude",
        "sannosha_enzo",
    ]);
    // Names (one in a full-width, spaced spelling of its id), with a Japanese comma.
    let by_name = solve_json(&[
        "--p",
        "4",
        "--require",
        "日枝神社、 ＭＹＯＧＹＯＪＩ ",
        "--exclude",
        "山王社(日枝神社)",
    ]);
    assert_eq!(stops(&by_name), stops(&by_id));
    assert_eq!(by_name["objective"], by_id["objective"]);
    // The result speaks of ids, whatever the planner typed.
    assert_eq!(
        by_name["required"],
        serde_json::json!(["hiejinja", "myogyoji"])
    );
    assert_eq!(by_name["excluded"][0]["id"], "sannosha_enzo");
    assert!(!stops(&by_name).contains(&"sannosha_enzo".to_string()));
    // Without the rules the excluded site is chosen: the names did change the answer.
    assert!(stops(&solve_json(&["--p", "4"])).contains(&"sannosha_enzo".to_string()));
}

#[test]
fn a_shared_or_unknown_name_is_refused_listing_the_sites_that_match() {
    let dir = tempfile::tempdir().unwrap();
    let cands = dir.path().join("c.csv");
    std::fs::write(
        &cands,
        "id,lat,lon,name\nh1,35.3505,139.4005,日枝神社\nh2,35.3600,139.4100,日枝神社\n\
         t1,35.3400,139.3900,八幡神社（甘沼）\n",
    )
    .unwrap();
    let c = cands.display().to_string();
    let d = fixture("small_demand.csv");
    let data = ["--demand", d.as_str(), "--candidates", c.as_str()];
    let cases: [(&str, &str, &str); 4] = [
        (
            "--require",
            "日枝神社",
            "--require: expected a name only one candidate has, or the id, found `日枝神社`, \
             the name of 2 candidates: `h1` (日枝神社［h1］), `h2` (日枝神社［h2］)",
        ),
        (
            "--exclude",
            "日枝神社",
            "--exclude: expected a name only one candidate has",
        ),
        (
            "--exclude",
            "八幡",
            "found `八幡`, which is neither; candidates whose id or name contains it: \
             `t1` (八幡神社（甘沼）)",
        ),
        (
            "--require",
            "nowhere",
            "found `nowhere`, which is neither; no candidate's id or name contains it",
        ),
    ];
    for (flag, value, want) in cases {
        let mut args = vec!["solve", "--p", "1"];
        args.extend(data);
        args.extend([flag, value]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}");
        assert!(stderr(&o).contains(want), "{flag} {value}: {}", stderr(&o));
    }
    // The id is always the way out of a shared name.
    let mut args = vec!["--p", "1"];
    args.extend(data);
    args.extend(["--require", "h2"]);
    assert_eq!(stops(&solve_json(&args)), ["h2"]);
}

#[test]
fn a_report_and_a_scenario_take_names_and_mark_required_sites_as_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let o = run(&[
        "report",
        "--p",
        "3",
        "--require",
        "日枝神社",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        "[baseline]\nmodel = \"mclp\"\np = 4\n[[scenario]]\nname = \"by name\"\n\
         require = [\"日枝神社\"]\nexclude = [\"山王社(日枝神社)\"]\n",
    )
    .unwrap();
    let v = crate::helpers::format_json(&["scenarios", file.to_str().unwrap(), "--quiet"]);
    let row = &v["rows"][1];
    assert_eq!(row["name"], "by name");
    let list = row["stops"].as_array().unwrap();
    let k = list.iter().position(|s| s == "hiejinja").expect("required");
    // Required, so in every optimal set: the re-solve without it must not stumble on the name.
    assert_eq!(row["forced"][k], true);
    assert!(!list.iter().any(|s| s == "sannosha_enzo"));
}
