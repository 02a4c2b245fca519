//! `route --format ics` as a leaflet's calendar: the series ends (UNTIL), holidays and other
//! days are skipped (EXDATE), one file per stop, LOCATION from the address column, GEO, and
//! bad calendar flags refused with nothing written.

use super::Data;
use crate::helpers::{run, run_ok, stderr, stdout};
use std::path::Path;

const BASE: [&str; 10] = [
    "route",
    "--p",
    "8",
    "--depot",
    "hiejinja",
    "--visits-per-week",
    "2",
    "--format",
    "ics",
    "--start-date",
];

fn ics(extra: &[&str]) -> String {
    let mut args: Vec<&str> = BASE.to_vec();
    args.push("2027-01-04");
    args.extend(extra);
    stdout(&run_ok(&args))
}

/// The events of a calendar, each unfolded into its content lines.
fn events(text: &str) -> Vec<Vec<String>> {
    let unfolded = text.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut cur: Option<Vec<String>> = None;
    for l in unfolded.split("\r\n") {
        match l {
            "BEGIN:VEVENT" => cur = Some(Vec::new()),
            "END:VEVENT" => out.push(cur.take().expect("END after BEGIN")),
            _ => {
                if let Some(c) = cur.as_mut() {
                    c.push(l.to_string());
                }
            }
        }
    }
    out
}

fn field<'a>(event: &'a [String], name: &str) -> Vec<&'a str> {
    event
        .iter()
        .filter_map(|l| l.strip_prefix(name))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v))
        .collect()
}

/// Every BEGIN has its END in order, lines are CRLF-ended and at most 75 octets.
fn well_formed(text: &str) {
    assert!(text.ends_with("\r\n"));
    let mut open = Vec::new();
    for l in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(l.len() <= 75, "line over 75 octets: {l}");
        if let Some(k) = l.strip_prefix("BEGIN:") {
            open.push(k.to_string());
        } else if let Some(k) = l.strip_prefix("END:") {
            assert_eq!(open.pop().as_deref(), Some(k), "END:{k} closes its BEGIN");
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
}

#[test]
fn series_end_on_until_weeks_or_a_quarter() {
    for (extra, last) in [
        (vec!["--until", "2027-03-31"], "20270331"),
        (vec!["--weeks", "4"], "20270131"),
        (vec![], "20270404"),
    ] {
        let text = ics(&extra);
        well_formed(&text);
        let evs = events(&text);
        assert!(!evs.is_empty());
        for e in &evs {
            let rule = field(e, "RRULE")[0];
            let until = rule.split(';').find_map(|p| p.strip_prefix("UNTIL="));
            assert_eq!(until, Some(format!("{last}T145959Z").as_str()), "{extra:?}");
            let start = field(e, "DTSTART")[0];
            assert!(&start[..8] <= last, "first visit inside the series");
        }
    }
}

#[test]
fn holidays_and_skip_dates_become_exdates_on_their_weekdays_only() {
    let text = ics(&[
        "--holidays",
        "jp",
        "--skip-dates",
        "2027-01-05..2027-01-06,2027-01-15",
    ]);
    well_formed(&text);
    let evs = events(&text);
    let mut mondays = 0;
    for e in &evs {
        let rule = field(e, "RRULE")[0]
            .split(';')
            .find_map(|p| p.strip_prefix("BYDAY="))
            .expect("BYDAY");
        let exdates: Vec<&str> = field(e, "EXDATE").iter().map(|d| &d[..8]).collect();
        let time = &field(e, "DTSTART")[0][8..];
        for x in field(e, "EXDATE") {
            assert_eq!(&x[8..], time, "EXDATE at the event's own time");
        }
        for (day, date) in [
            ("MO", "20270111"),
            ("TU", "20270105"),
            ("WE", "20270106"),
            ("FR", "20270115"),
        ] {
            let on = rule.contains(day);
            assert_eq!(
                exdates.contains(&date),
                on,
                "{day} {date}: {rule} {exdates:?}"
            );
        }
        mondays += usize::from(rule.contains("MO"));
    }
    assert!(mondays > 0, "the plan has a Monday stop");
    let plain = ics(&[]);
    assert!(!plain.contains("EXDATE"), "no skipped days unless asked");
    let mut args: Vec<&str> = BASE.to_vec();
    args.extend(["2027-01-04", "--until", "2028-02-01", "--holidays", "jp"]);
    let late = run_ok(&args);
    assert!(
        stderr(&late).contains("holidays before 2026 or after 2027 are not skipped"),
        "{}",
        stderr(&late)
    );
    assert!(stdout(&late).contains("UNTIL=20280201T145959Z"));
    assert!(!stderr(&run_ok(
        &[&BASE[..], &["2027-01-04", "--holidays", "jp"]].concat()
    ))
    .contains("warning"));
}

#[test]
fn ics_dir_writes_one_calendar_per_stop_with_only_its_events() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("stops");
    let all_path = dir.path().join("all.ics");
    let mut args: Vec<&str> = BASE.to_vec();
    let (f, a) = (folder.display().to_string(), all_path.display().to_string());
    args.extend(["2027-01-04", "--ics-dir", &f, "--out", &a]);
    run_ok(&args);
    let all = std::fs::read_to_string(&all_path).expect("combined calendar");
    let mut total = 0;
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "one file per stop: {names:?}");
    for path in names {
        let text = std::fs::read_to_string(&path).expect("read");
        well_formed(&text);
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let evs = events(&text);
        assert!(!evs.is_empty(), "{stem}");
        for e in &evs {
            let uid = field(e, "UID")[0];
            assert!(uid.starts_with(&format!("{stem}-")), "{uid} in {stem}.ics");
            let line = format!("UID:{uid}");
            assert!(all.contains(&line), "same event in the combined file");
        }
        total += evs.len();
    }
    assert_eq!(
        total,
        events(&all).len(),
        "every event in exactly one stop file"
    );
}

#[test]
fn location_is_the_address_column_else_the_name_and_geo_is_given() {
    let data = Data::new();
    let cands = data.write(
        "addr.csv",
        "id,lat,lon,name,address\nc1,35.35,139.40,site one,\"茅ヶ崎市松林3-5-5, 北\"\n\
         c2,35.36,139.41,site two,\nc9,35.355,139.405,depot site,\n",
    );
    let stops = data.write("stops.csv", "id\nc1\nc2\n");
    let args = data.args(
        &cands,
        &["--stops", &stops, "--depot", "c9", "--format", "ics"],
    );
    let text = stdout(&run_ok(&args));
    let evs = events(&text);
    assert_eq!(evs.len(), 2);
    for e in &evs {
        let uid = field(e, "UID")[0];
        let (loc, geo) = (field(e, "LOCATION")[0], field(e, "GEO")[0]);
        if uid.starts_with("c1-") {
            assert_eq!(loc, "茅ヶ崎市松林3-5-5\\, 北");
            assert_eq!(geo, "35.350000;139.400000");
        } else {
            assert_eq!(loc, "site two");
            assert_eq!(geo, "35.360000;139.410000");
        }
    }
}

#[test]
fn bad_calendar_flags_exit_2_name_the_flag_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a_file = dir.path().join("file.txt");
    std::fs::write(&a_file, "x").unwrap();
    let out = dir.path().join("never.ics");
    let folder = dir.path().join("never");
    let (file, o, f) = (
        a_file.display().to_string(),
        out.display().to_string(),
        folder.display().to_string(),
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--until", "2027-01-03"],
            "--until: expected a date on or after --start-date",
        ),
        (
            vec!["--until", "3/1/2027"],
            "--until: expected a date as YYYY-MM-DD",
        ),
        (vec!["--weeks", "0"], "--weeks: expected at least 1 week"),
        (
            vec!["--skip-dates", "2027-01-03..2027-01-01"],
            "--skip-dates: expected a date or a range",
        ),
        (
            vec!["--skip-dates", "tomorrow"],
            "--skip-dates: expected a date as YYYY-MM-DD",
        ),
        (vec!["--ics-dir", &file], "--ics-dir: expected a folder"),
        (
            vec!["--until", "2027-02-01", "--weeks", "3"],
            "cannot be used with",
        ),
        (vec!["--holidays", "us"], "invalid value 'us'"),
    ];
    for (extra, expected) in cases {
        let mut args: Vec<&str> = BASE.to_vec();
        args.extend(["2027-01-04", "--out", &o, "--ics-dir", &f]);
        if extra[0] == "--ics-dir" {
            args.truncate(args.len() - 2);
        }
        args.extend(&extra);
        let r = run(&args);
        assert_eq!(r.status.code(), Some(2), "{extra:?}: {}", stderr(&r));
        assert!(stderr(&r).contains(expected), "{extra:?}: {}", stderr(&r));
        assert!(!out.exists() && !folder.exists(), "{extra:?} wrote nothing");
    }
    let table = run(&["route", "--p", "8", "--depot", "hiejinja", "--weeks", "4"]);
    assert_eq!(table.status.code(), Some(2));
    assert!(stderr(&table).contains("--weeks: expected --format ics"));
    assert!(Path::new(&file).is_file());
}
