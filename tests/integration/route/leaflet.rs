//! `route --leaflet FILE` on the embedded data: each stop's address, days, time and the first
//! and last day the truck actually comes (holidays and skipped days walked day by day here),
//! a page that shows a hostile name as text, and nothing written when a flag or the week is
//! wrong; and the JSON's new per-run facts and warnings.

use crate::helpers::{run, run_ok, stderr};
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

/// The first and last day from `start` to `last` on one of `days` ("mon", …) outside `skip`,
/// walked day by day.
fn expected_dates(
    start: NaiveDate,
    last: NaiveDate,
    days: &[&str],
    skip: &BTreeSet<NaiveDate>,
) -> (String, String) {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let visits: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|x| *x <= last)
        .filter(|x| days.contains(&NAMES[x.weekday().num_days_from_monday() as usize]))
        .filter(|x| !skip.contains(x))
        .collect();
    let iso = |x: Option<&NaiveDate>| x.map_or(String::new(), |x| x.to_string());
    (iso(visits.first()), iso(visits.last()))
}

/// Reads a leaflet CSV (BOM first) into its header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).expect("leaflet CSV written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("a row").iter().map(String::from).collect())
        .collect();
    (head, rows)
}

/// Checks one leaflet row against the plan's timetable entry `t` and the page; whether the
/// stop is visited on Mondays and has an address.
fn check_row(row: &[String], t: &Value, skip: &BTreeSet<NaiveDate>, html: &str) -> [bool; 2] {
    assert_eq!(row[1], t["id"].as_str().unwrap(), "timetable order");
    let days: Vec<&str> = t["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    let (first, last) = expected_dates(d("2027-01-04"), d("2027-01-31"), &days, skip);
    assert_eq!((&row[5], &row[6]), (&first, &last), "{row:?}");
    let monday = days.contains(&"mon");
    if monday {
        assert_ne!(row[5], "2027-01-11", "no visit on 成人の日");
        assert!(row[7].contains("2027-01-11"), "{row:?}");
    }
    if !row[4].contains(',') {
        let (from, until) = (&t["published_arrive"], &t["published_depart"]);
        let published = format!("{}–{}", from.as_str().unwrap(), until.as_str().unwrap());
        assert_eq!(row[4], published);
    }
    if row[1] == "myogyoji" {
        assert_eq!(row[2], "松林3-5-5", "the candidates' address column");
    }
    let f = d(&first);
    let ja = format!("{}年{}月{}日", f.year(), f.month(), f.day());
    assert!(html.contains(&ja), "{ja} on the page");
    assert!(html.contains(&format!("<h2>{}</h2>", row[0])));
    [monday, !row[2].is_empty()]
}

#[test]
fn leaflet_dates_skip_holidays_and_skipped_days_as_the_calendar_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |n: &str| dir.path().join(n).display().to_string();
    let (csv_path, html_path, json_path) = (path("l.csv"), path("l.html"), path("plan.json"));
    // 成人の日 (Mon 2027-01-11) is the only national holiday from 2027-01-04 to 01-31.
    let mut skip: BTreeSet<NaiveDate> = [d("2027-01-11")].into();
    skip.extend(d("2027-01-04").iter_days().take(3));
    for (visits, p) in [("2", "8"), ("1", "12")] {
        let flags = format!(
            "route --p {p} --depot hiejinja --visits-per-week {visits} --window 10:00-13:00 \
             --start-date 2027-01-04 --weeks 4 --holidays jp --skip-dates 2027-01-04..2027-01-06 \
             --lang ja --format json"
        );
        let mut args: Vec<&str> = flags.split_whitespace().collect();
        args.extend([
            "--leaflet",
            &csv_path,
            "--leaflet",
            &html_path,
            "--out",
            &json_path,
        ]);
        run_ok(&args);
        let plan: Value =
            serde_json::from_str(&std::fs::read_to_string(&json_path).expect("plan")).unwrap();
        let (head, rows) = read_csv(Path::new(&csv_path));
        let want = [
            "停留所",
            "ID",
            "住所",
            "曜日",
            "時刻",
            "初回",
            "最終回",
            "休み",
        ];
        assert_eq!(head, want);
        let timetable = plan["timetable"].as_array().expect("timetable");
        assert_eq!(rows.len(), timetable.len());
        let html = std::fs::read_to_string(&html_path).expect("leaflet page");
        let (mut mondays, mut addressed) = (0, 0);
        for (row, t) in rows.iter().zip(timetable) {
            let [monday, address] = check_row(row, t, &skip, &html);
            mondays += usize::from(monday);
            addressed += usize::from(address);
        }
        assert!(mondays > 0, "a Monday stop is checked");
        assert!(addressed * 2 > rows.len(), "addresses shown: {rows:?}");
        assert!(html.contains("<html lang=\"ja\">"));
        assert!(html.contains("2027年1月4日（月）～2027年1月31日（日）"));
        assert_eq!(html.matches("<section class=\"stop\"").count(), rows.len());
    }
}

#[test]
fn a_hostile_name_is_text_on_the_page_and_in_english() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cands = dir.path().join("c.csv");
    std::fs::write(
        &cands,
        "id,lat,lon,name,address\n\
         x1,35.35,139.40,<img src=x onerror=alert(1)>,<b>1-2</b>\n\
         x2,35.36,139.41,second,\n",
    )
    .expect("write");
    let html = dir.path().join("l.html");
    run_ok(&[
        "route",
        "--candidates",
        cands.to_str().unwrap(),
        "--stops",
        "x1,x2",
        "--depot",
        "35.34,139.40",
        "--leaflet",
        html.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&html).expect("page");
    assert!(!page.contains("<img") && !page.contains("<b>"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&lt;b&gt;1-2&lt;/b&gt;"));
    assert!(page.contains("<html lang=\"en\">") && page.contains("<p class=\"days\">Every "));
}

/// `route` with the flags in `words` (split at spaces) then `paths` as they are.
fn route(words: &str, paths: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = words.split_whitespace().collect();
    args.extend(paths);
    run(&args)
}

#[test]
fn a_bad_leaflet_name_or_a_week_that_does_not_fit_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (out, leaflet, pdf) = (
        dir.path().join("plan.txt"),
        dir.path().join("l.csv"),
        dir.path().join("l.pdf"),
    );
    let (o, l, f) = (
        out.to_str().unwrap(),
        leaflet.to_str().unwrap(),
        pdf.to_str().unwrap(),
    );
    let nothing = || !out.exists() && !leaflet.exists() && !pdf.exists();
    let r = route(
        "route --p 5 --depot hiejinja",
        &["--out", o, "--leaflet", l, "--leaflet", f],
    );
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    let why = stderr(&r);
    assert!(
        why.contains("--leaflet: expected a file name ending in .html"),
        "{why}"
    );
    assert!(why.contains("l.pdf"));
    assert!(nothing());
    // The same file twice, or an input, is refused before any work.
    let cands = dir.path().join("c.csv");
    std::fs::write(&cands, "id,lat,lon\nx1,35.35,139.40\n").expect("write");
    let c = cands.to_str().unwrap();
    for paths in [
        vec!["--leaflet", l, "--leaflet", l],
        vec!["--candidates", c, "--leaflet", c],
        vec!["--out", l, "--leaflet", l],
    ] {
        let r = route("route --p 1 --depot 35.34,139.40", &paths);
        assert_eq!(r.status.code(), Some(2), "{paths:?}: {}", stderr(&r));
        assert!(stderr(&r).contains("--leaflet"), "{}", stderr(&r));
    }
    assert_eq!(
        std::fs::read_to_string(&cands).unwrap(),
        "id,lat,lon\nx1,35.35,139.40\n"
    );
    // A week that does not fit: exit 3, no leaflet.
    let unfit = "route --p 12 --depot hiejinja --days mon --window 10:00-12:00 --weeks 2";
    let r = route(unfit, &["--leaflet", l]);
    assert_eq!(r.status.code(), Some(3), "{}", stderr(&r));
    assert!(nothing());
    // Calendar flags without --leaflet or --format ics are still refused.
    let r = route("route --p 5 --depot hiejinja --holidays jp", &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        stderr(&r).contains("--format ics or --leaflet"),
        "{}",
        stderr(&r)
    );
}

#[test]
fn json_runs_say_their_truck_depot_hours_breaks_and_waits_and_the_plan_its_warnings() {
    let stops = "goryo_jinja_nango,imajuku_green_heim,matsuo_daijin_imajuku,myogyoji";
    let v = crate::helpers::command_json(
        "route",
        &[
            "--stops",
            stops,
            "--depot",
            "hiejinja",
            "--window",
            "09:30-15:00",
        ],
    );
    assert_eq!(
        v["warnings"],
        serde_json::json!([
            {"kind": "serves_nobody", "stop": "goryo_jinja_nango"},
            {"kind": "shares_place", "stop": "matsuo_daijin_imajuku", "with": "imajuku_green_heim"},
        ])
    );
    let mut used = 0;
    for day in v["days"].as_array().unwrap() {
        assert_eq!(day["truck_id"], "1");
        assert_eq!(day["depot"], "hiejinja");
        assert_eq!(day["window"], "09:30-15:00");
        assert_eq!(day["breaks"], serde_json::json!([]));
        let Some(first) = day["stops"].as_array().unwrap().first() else {
            continue;
        };
        used += 1;
        // Without windows the truck leaves when its window opens and never waits.
        assert_eq!(day["leave"], "09:30");
        assert_eq!(day["waits"], serde_json::json!([]));
        assert!(
            first["drive_min"].as_f64().unwrap() > 0.0,
            "drive from its depot"
        );
    }
    assert!(used > 0);
}
