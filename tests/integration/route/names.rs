//! Stops and depots by name (`--stops 妙行寺`, `--depot 日枝神社`) on the embedded data:
//! the same week as by id, "did you mean" for a slip, a shared name refused with its ids,
//! the depot named in Japanese output, and the warnings about stops that add no one.

use crate::helpers::{command_json, run, run_ok, stderr, stdout};
use serde_json::Value;

/// The planned week of a JSON route: everything but where the stops came from.
fn week(mut v: Value) -> Value {
    v.as_object_mut().expect("an object").remove("stops_from");
    v
}

#[test]
fn stops_by_name_plan_the_same_week_as_by_id_or_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ids");
    std::fs::write(&file, "id\nmyogyoji\nkumano_jinja_takada\nsannosha_enzo\n").expect("write");
    let file = file.display().to_string();
    let plan = |stops: &str| {
        week(command_json(
            "route",
            &[
                "--stops",
                stops,
                "--depot",
                "hiejinja",
                "--visits-per-week",
                "2",
            ],
        ))
    };
    let by_id = plan("myogyoji,kumano_jinja_takada,sannosha_enzo");
    assert_eq!(plan("妙行寺, 熊野神社（高田）、山王社"), by_id);
    // A file without an extension is still a file, because it exists; `@` says so outright.
    assert_eq!(plan(&file), by_id);
    assert_eq!(plan(&format!("@{file}")), by_id);
    assert_eq!(by_id["timetable"].as_array().map(Vec::len), Some(3));
    // The depot by name is the depot by id.
    let named = command_json(
        "route",
        &["--stops", "妙行寺", "--depot", "日枝神社（中島）"],
    );
    let id = command_json("route", &["--stops", "妙行寺", "--depot", "hiejinja"]);
    assert_eq!(named["depot"], id["depot"]);
    assert_eq!(named["depot"]["id"], "hiejinja");
}

#[test]
fn slips_get_did_you_mean_and_shared_names_list_their_ids() {
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["--stops", "妙行時", "--depot", "hiejinja"],
            &["--stops", "did you mean `myogyoji` (妙行寺)?"],
        ),
        (
            &[
                "--stops",
                "myogyoji,ＳＡＮＮＯＳＨＡ_ENZ",
                "--depot",
                "hiejinja",
            ],
            &["did you mean `sannosha_enzo`"],
        ),
        (
            &["--stops", "myogyoji", "--depot", "hiejnja"],
            &["--depot", "did you mean `hiejinja`"],
        ),
        (
            &["--stops", "熊野神社", "--depot", "hiejinja"],
            &["--stops", "`kumano_jinja_owada`", "`kumano_jinja_takada`"],
        ),
        (
            &["--stops", "myogyoji", "--depot", "熊野神社"],
            &["--depot", "`kumano_jinja_owada`", "`kumano_jinja_takada`"],
        ),
    ];
    for (args, words) in cases {
        let mut all = vec!["route"];
        all.extend(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
        for w in words {
            assert!(stderr(&o).contains(w), "{args:?}: no {w} in {}", stderr(&o));
        }
    }
    // A value that looks like a file is read as one, so a missing file says so.
    let o = run(&["route", "--stops", "missing.csv", "--depot", "hiejinja"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.csv"), "{}", stderr(&o));
}

#[test]
fn japanese_output_names_the_depot() {
    let route = |depot: &str| {
        let o = run_ok(&[
            "route",
            "--stops",
            "妙行寺",
            "--depot",
            depot,
            "--lang",
            "ja",
        ]);
        stdout(&o)
    };
    let at = route("35.33,139.38");
    assert!(at.contains("拠点: 出発地 35.33000, 139.38000"), "{at}");
    assert!(!at.contains("depot"), "{at}");
    assert!(route("妙行寺").contains("拠点: 妙行寺 (myogyoji)"));
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("r.md").display().to_string();
    run_ok(&[
        "report",
        "--p",
        "3",
        "--depot",
        "35.33,139.38",
        "--format",
        "markdown",
        "--out",
        &out,
    ]);
    let text = std::fs::read_to_string(&out).expect("report written");
    assert!(text.contains("拠点：出発地。"), "no depot sentence");
    assert!(!text.contains("拠点：depot"));
}

#[test]
fn stops_that_add_no_one_are_flagged_in_solve_route_and_report() {
    // goryo_jinja_nango lies outside the census mesh; matsuo_daijin_imajuku stands on
    // imajuku_green_heim's coordinates (both at 今宿's representative point).
    let stops = "goryo_jinja_nango,imajuku_green_heim,matsuo_daijin_imajuku";
    let solved = command_json("solve", &["--p", "3", "--require", stops]);
    assert_eq!(
        solved["warnings"],
        serde_json::json!([
            {"kind": "serves_nobody", "stop": "goryo_jinja_nango"},
            {"kind": "shares_place", "stop": "matsuo_daijin_imajuku", "with": "imajuku_green_heim"},
        ])
    );
    let text = stdout(&run_ok(&["solve", "--p", "3", "--require", stops]));
    assert!(
        text.contains("warning: 御霊神社 (goryo_jinja_nango) serves nobody"),
        "{text}"
    );
    // A solve that picks its own stops has nothing to warn about.
    assert!(command_json("solve", &["--p", "3"])
        .get("warnings")
        .is_none());
    let o = run_ok(&["route", "--stops", stops, "--depot", "hiejinja"]);
    assert!(
        stdout(&o).contains("Timetable"),
        "the week is still planned"
    );
    let notes = stderr(&o);
    assert!(
        notes.contains("note: 御霊神社 (goryo_jinja_nango) serves nobody"),
        "{notes}"
    );
    assert!(
        notes.contains("松尾大神 (matsuo_daijin_imajuku) stands at the same coordinates as 今宿グリーンハイム (imajuku_green_heim)"),
        "{notes}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("r.md").display().to_string();
    let report = [
        "report",
        "--p",
        "3",
        "--require",
        stops,
        "--format",
        "markdown",
    ];
    run_ok(&[&report[..], &["--out", &out]].concat());
    let text = std::fs::read_to_string(&out).expect("report written");
    assert!(
        text.contains("松尾大神は今宿グリーンハイムと同じ座標です"),
        "no sentence"
    );
    assert!(text.contains("御霊神社の徒歩圏内にはデータ上の対象者がいません"));
}
