//! The week's shape and the times residents read: `--week pack` fills fewer days than
//! `--week spread` on the embedded data and keeps every rule doing it; published times sit on
//! 5-minute marks inside each stay in every format, while the driver's runs keep the minute.

use super::{check_rules, minutes, route_json};
use crate::helpers::{run, stderr};
use serde_json::Value;

/// Runs that leave the depot.
fn days_used(v: &Value) -> usize {
    v["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["stops"].as_array().unwrap().is_empty())
        .count()
}

/// Every visit: arrival and departure, exact and published, in minutes.
fn visit_times(v: &Value) -> Vec<Vec<[i64; 4]>> {
    let t = |s: &Value, k: &str| minutes(s[k].as_str().unwrap());
    v["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["stops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    [
                        t(s, "arrive"),
                        t(s, "depart"),
                        t(s, "published_arrive"),
                        t(s, "published_depart"),
                    ]
                })
                .collect()
        })
        .collect()
}

#[test]
fn pack_uses_fewer_days_than_spread_on_the_embedded_data() {
    let week = |shape: &str, extra: &[&str]| {
        let mut a = vec!["--p", "8", "--depot", "hiejinja", "--week", shape];
        a.extend(extra);
        route_json(&a)
    };
    let pack = week("pack", &[]);
    let spread = week("spread", &[]);
    assert_eq!(pack["rules"]["week"], "pack");
    assert_eq!(spread["rules"]["week"], "spread");
    // 8 stops × 30 min and under an hour of driving fit one 10:00–16:00 day; spread uses all five.
    assert_eq!(days_used(&pack), 1, "{pack}");
    assert_eq!(days_used(&spread), 5, "{spread}");
    assert!(pack["totals"]["drive_min"].as_f64() < spread["totals"]["drive_min"].as_f64());
    check_rules(&pack, (600, 960), &|_| 1);
    // Pack is the default.
    let default = route_json(&["--p", "8", "--depot", "hiejinja"]);
    assert_eq!(default, pack);
    // Twice a week: one pair of days instead of four days.
    let pack = week("pack", &["--visits-per-week", "2"]);
    let spread = week("spread", &["--visits-per-week", "2"]);
    assert_eq!(days_used(&pack), 2, "{pack}");
    assert!(days_used(&spread) > days_used(&pack), "{spread}");
    check_rules(&pack, (600, 960), &|_| 2);
}

#[test]
fn pack_keeps_every_rule_when_the_rules_bind() {
    // A short window, a stop limit and two trucks: pack must still end every run in the
    // window, keep 30 minutes at every stop after the drive to it, and hold the limit.
    let args = [
        "--p",
        "10",
        "--depot",
        "hiejinja",
        "--window",
        "09:30-12:00",
        "--max-stops-per-day",
        "4",
        "--trucks",
        "2",
        "--visits-per-week",
        "2",
        "--days",
        "mon,tue,wed,thu,fri,sat",
    ];
    let v = route_json(&[&args[..], &["--week", "pack"]].concat());
    check_rules(&v, (570, 720), &|_| 2);
    for day in v["days"].as_array().unwrap() {
        let stops = day["stops"].as_array().unwrap();
        assert!(stops.len() <= 4, "{day}");
        let mut clock = 570;
        for s in stops {
            let (a, d) = (
                minutes(s["arrive"].as_str().unwrap()),
                minutes(s["depart"].as_str().unwrap()),
            );
            let drive = s["drive_min"].as_f64().unwrap();
            // Minutes are rounded for display: allow one either way.
            assert!(a as f64 >= clock as f64 + drive - 1.0, "{day}");
            assert_eq!(d - a, 30, "{day}");
            clock = d;
        }
    }
    // 20 visits, four a run at most: at least five truck-days; spread, asked the same, uses
    // more of the twelve.
    assert!(days_used(&v) >= 5, "{v}");
    let spread = route_json(&[&args[..], &["--week", "spread"]].concat());
    assert!(days_used(&spread) > days_used(&v), "{spread}");
}

/// 17 minutes a stop and 23 km/h put times off every 5-minute mark: `route` or `report` with
/// those and `extra`, standard output.
fn odd_times(cmd: &str, extra: &[&str]) -> String {
    let mut a = vec![
        cmd,
        "--p",
        "8",
        "--depot",
        "hiejinja",
        "--service-min",
        "17",
        "--speed-kmh",
        "23",
        "--visits-per-week",
        "2",
    ];
    a.extend(extra);
    let o = run(&a);
    assert!(o.status.success(), "{a:?}: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// Asserts both ends of every "HH:MM–HH:MM" in `rows` are on a 5-minute mark; the count.
fn ranges_on_marks<'a>(rows: impl Iterator<Item = &'a str>) -> usize {
    let mut n = 0;
    for row in rows {
        for word in row.split(|c: char| c.is_whitespace() || c == '|') {
            if let Some((a, b)) = word.split_once('–') {
                assert!(minutes(a) % 5 == 0 && minutes(b) % 5 == 0, "{row}");
                n += 1;
            }
        }
    }
    n
}

#[test]
fn published_times_sit_inside_each_stay_on_marks_and_never_overlap() {
    let v: Value = serde_json::from_str(&odd_times("route", &["--format", "json"])).unwrap();
    let mut off_mark = 0;
    for run in visit_times(&v) {
        let mut last_until = 0;
        for [a, d, from, until] in run {
            assert!(from % 5 == 0 && until % 5 == 0, "{from} {until}");
            assert!(
                a <= from && from < until && until <= d,
                "{a} {d}: {from} {until}"
            );
            assert!(from >= last_until, "published windows never overlap");
            last_until = until;
            off_mark += usize::from(a % 5 != 0);
        }
    }
    assert!(off_mark > 0, "the exact times are kept, not rounded");
    for t in v["timetable"].as_array().unwrap() {
        let from = minutes(t["published_arrive"].as_str().unwrap());
        assert_eq!(from % 5, 0, "{t}");
    }
    // CSV: exact and published columns side by side.
    let csv = odd_times("route", &["--format", "csv"]);
    let mut lines = csv.lines();
    let first = lines.next().unwrap().trim_start_matches('\u{feff}');
    let head: Vec<&str> = first.split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (pa, pd) = (col("published_arrive"), col("published_depart"));
    let (ea, ed) = (col("arrive"), col("depart"));
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(minutes(f[pa]) % 5, 0, "{line}");
        assert_eq!(minutes(f[pd]) % 5, 0, "{line}");
        assert!(minutes(f[ea]) <= minutes(f[pa]) && minutes(f[pd]) <= minutes(f[ed]));
    }
}

#[test]
fn every_view_residents_read_shows_five_minute_marks() {
    // The table's timetable (not the driver's runs above it).
    let table = odd_times("route", &[]);
    let timetable = table.split("Timetable").nth(1).unwrap();
    assert_eq!(ranges_on_marks(timetable.lines()), 8, "{table}");
    // The report's timetable.
    let report = odd_times("report", &["--format", "markdown", "--lang", "en"]);
    let section = report.split("## Weekly timetable").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    assert_eq!(ranges_on_marks(section.lines()), 8, "{section}");
    // The calendar residents import: every start and end on a mark.
    let ics = odd_times("route", &["--format", "ics", "--start-date", "2027-01-04"]);
    let stamps: Vec<&str> = ics
        .lines()
        .filter(|l| l.starts_with("DTSTART;") || l.starts_with("DTEND;"))
        .collect();
    assert_eq!(stamps.len(), 16, "{ics}");
    for l in stamps {
        let hhmm = &l[l.len() - 6..l.len() - 2];
        assert_eq!(hhmm[2..].parse::<u32>().unwrap() % 5, 0, "{l}");
    }
}
