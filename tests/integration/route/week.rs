//! The week a route plans: every timetable rule on real output (windows, visits per week,
//! trucks, days apart), a solve result file or a visits column driving the week, weeks that do
//! not fit (exit 3 saying what would), every format, and the same bytes on any thread count.

use super::{check_rules, route_json, Data};
use crate::helpers::{fixture, json, run, run_json, stderr};
use serde_json::Value;
use std::path::Path;

#[test]
fn one_command_goes_from_data_to_a_timetable_that_keeps_every_rule() {
    // Embedded data: solve first, then route with every stop twice a week and two trucks.
    let v = route_json(&[
        "--p",
        "8",
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--trucks",
        "2",
    ]);
    assert_eq!(v["status"], "planned");
    assert!(v["stops_from"].as_str().unwrap().contains("optimal"));
    assert_eq!(v["totals"]["visits"], 16);
    check_rules(&v, (600, 960), &|_| 2);
    // The same stops as solve chose.
    let solved = run_json(&["solve", "--p", "8", "--format", "json"]);
    let mut routed: Vec<&str> = v["timetable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    routed.sort_unstable();
    let chosen: Vec<&str> = solved["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(routed, chosen);
}

#[test]
fn a_solve_result_file_and_a_visits_column_drive_the_week() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    let solved = data.path("solved.json");
    let demand = fixture("small_demand.csv");
    let o = run(&[
        "solve",
        "--demand",
        &demand,
        "--candidates",
        &cands,
        "--model",
        "pmedian",
        "--p",
        "6",
        "--format",
        "json",
        "--out",
        &solved,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let args = data.args(
        &cands,
        &[
            "--stops",
            &solved,
            "--depot",
            "35.35,139.40",
            "--visits-per-week",
            "visits",
            "--window",
            "09:00-12:00",
        ],
    );
    let v = route_json(&args[1..]);
    let twice = |id: &str| {
        if id[1..].parse::<usize>().unwrap() % 3 == 0 {
            2
        } else {
            1
        }
    };
    check_rules(&v, (540, 720), &twice);
    assert_eq!(v["depot"]["id"], "depot");
    // A CSV's own column wins over the candidates file.
    let list = data.write("list.csv", "id,visits\nc1,2\nc2,1\n");
    let args = data.args(
        &cands,
        &[
            "--stops",
            &list,
            "--depot",
            "c9",
            "--visits-per-week",
            "visits",
        ],
    );
    let v = route_json(&args[1..]);
    check_rules(&v, (600, 960), &|id| if id == "c1" { 2 } else { 1 });
}

#[test]
fn a_week_that_does_not_fit_exits_3_and_says_what_would() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    let list = data.write(
        "list.csv",
        &format!(
            "id\n{}\n",
            (0..6)
                .map(|i| format!("c{i}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    );
    let out = data.path("plan.txt");
    // Six stops of 20 minutes fill a two-hour day before any driving; two days fit.
    let args = data.args(
        &cands,
        &[
            "--stops",
            &list,
            "--depot",
            "c9",
            "--days",
            "mon",
            "--service-min",
            "20",
            "--speed-kmh",
            "40",
            "--window",
            "10:00-12:00",
            "--out",
            &out,
        ],
    );
    let o = run(&args);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains("do not fit") && msg.contains("needs"), "{msg}");
    assert!(
        msg.contains("one more day (tue)")
            && msg.contains("window (10:00–")
            && msg.contains("one more truck"),
        "{msg}"
    );
    assert!(!Path::new(&out).exists(), "no timetable is written");
    // JSON says the same in fields, and the suggested window really fits.
    let mut json_args = args.clone();
    json_args.truncate(json_args.len() - 2);
    json_args.extend(["--format", "json"]);
    let o = run(&json_args);
    assert_eq!(o.status.code(), Some(3));
    let v = json(&o);
    assert_eq!(v["status"], "infeasible");
    let window = v["would_fit"]["window"].as_str().unwrap().to_string();
    let mut wider = args.clone();
    wider.truncate(wider.len() - 2);
    let k = wider.iter().position(|a| *a == "10:00-12:00").unwrap();
    wider[k] = &window;
    let o = run(&wider);
    assert!(o.status.success(), "{window}: {}", stderr(&o));
    // A stop too far for any window is named.
    let far = data.write(
        "far.csv",
        "id,lat,lon\nnear,35.35,139.40\nfar,35.35,139.80\n",
    );
    let list = data.write("farlist.csv", "id\nfar\n");
    let o = run(&data.args(
        &far,
        &[
            "--stops",
            &list,
            "--depot",
            "near",
            "--window",
            "10:00-11:00",
        ],
    ));
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("[far]"), "{}", stderr(&o));
}

#[test]
fn every_format_says_the_same_week() {
    let base = [
        "route",
        "--p",
        "8",
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--days",
        "tue,fri",
    ];
    let with = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        let o = run(&a);
        assert!(o.status.success(), "{a:?}: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let csv = with(&["--format", "csv"]);
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 1 + 16, "a header and a row per visit");
    let geo: Value = serde_json::from_str(&with(&["--format", "geojson"])).unwrap();
    let features = geo["features"].as_array().unwrap();
    assert_eq!(
        features
            .iter()
            .filter(|f| f["properties"]["role"] == "stop")
            .count(),
        8
    );
    assert_eq!(
        features
            .iter()
            .filter(|f| f["geometry"]["type"] == "LineString")
            .count(),
        2
    );
    let ics = with(&[
        "--format",
        "ics",
        "--start-date",
        "2026-12-01",
        "--lang",
        "ja",
    ]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        8,
        "one recurring event per stop"
    );
    assert_eq!(ics.matches("RRULE:FREQ=WEEKLY;BYDAY=TU,FR").count(), 8);
    assert!(ics.contains("DTSTART;TZID=Asia/Tokyo:20261201T"));
    assert!(ics.lines().all(|l| l.len() <= 75));
    let table = with(&["--lang", "ja"]);
    assert!(
        table.contains("火曜日") && table.contains("火・金"),
        "{table}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes_on_any_thread_count() {
    let args = [
        "route",
        "--p",
        "10",
        "--depot",
        "35.34,139.39",
        "--visits-per-week",
        "2",
        "--format",
        "json",
    ];
    let one = run(&[&["--threads", "1"], &args[..]].concat());
    let two = run(&[&["--threads", "2"], &args[..]].concat());
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn weekend_neighbours_are_not_two_days_apart_and_empty_solves_exit_3() {
    let o = run(&[
        "route",
        "--p",
        "3",
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--days",
        "sun,mon",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("two days apart"), "{}", stderr(&o));
    // Fri and Mon are three days apart: a valid pair.
    let v = route_json(&[
        "--p",
        "3",
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--days",
        "mon,fri",
    ]);
    check_rules(&v, (600, 960), &|_| 2);
    let o = run(&[
        "route",
        "--depot",
        "hiejinja",
        "--model",
        "lscp",
        "--radius-m",
        "50",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("no stops to route"), "{}", stderr(&o));
}
