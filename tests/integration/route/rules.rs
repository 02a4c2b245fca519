//! The week as an operator runs it, on the embedded data: per-stop windows, service minutes
//! and days from the stops file, a lunch break, trucks with their own depots, pinned leaflet
//! times, and one timetable from every source of the same stops.

use super::minutes;
use crate::helpers::{command_json, run, run_ok, stderr};
use serde_json::Value;

/// Every visit of a JSON route: (day, truck, id, arrive, depart, drive to it).
fn visits(v: &Value) -> Vec<(String, i64, String, i64, i64, f64)> {
    let mut out = Vec::new();
    for d in v["days"].as_array().expect("days") {
        for s in d["stops"].as_array().expect("stops") {
            out.push((
                d["day"].as_str().unwrap().to_string(),
                d["truck"].as_i64().unwrap(),
                s["id"].as_str().unwrap().to_string(),
                minutes(s["arrive"].as_str().unwrap()),
                minutes(s["depart"].as_str().unwrap()),
                s["drive_min"].as_f64().unwrap(),
            ));
        }
    }
    out
}

const EIGHT: &str = "hachioji_jinja_motomura,hie_jinja_hagizono,honshagu_yabata,\
imajuku_green_heim,kumano_jinja_owada,kumano_jinja_takada,myogyoji,sannosha_enzo";

#[test]
fn stop_windows_service_minutes_and_days_from_the_stops_file_are_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stops = dir.path().join("stops.csv");
    std::fs::write(
        &stops,
        "id,window,service_min,days,memo\n\
         myogyoji,13:00-14:30,,,afternoon\n\
         kumano_jinja_takada,,45,,\n\
         sannosha_enzo,,,thu,\n\
         hie_jinja_hagizono,10:00-10:40;14:00-15:00,,,\n\
         imajuku_green_heim,,,,\n",
    )
    .expect("write");
    let stops = stops.display().to_string();
    let args = ["--stops", &stops, "--depot", "hiejinja", "--format", "json"];
    let out = run_ok(&[&["route"], &args[..]].concat());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let seen = visits(&v);
    assert_eq!(seen.len(), 5);
    for (day, _, id, arrive, depart, _) in &seen {
        match id.as_str() {
            "myogyoji" => assert!(*arrive >= 780 && *depart <= 870, "{arrive}-{depart}"),
            "kumano_jinja_takada" => assert_eq!(depart - arrive, 45),
            "sannosha_enzo" => assert_eq!(day, "thu"),
            "hie_jinja_hagizono" => assert!(
                (*arrive >= 600 && *depart <= 640) || (*arrive >= 840 && *depart <= 900),
                "{arrive}-{depart}"
            ),
            _ => assert_eq!(depart - arrive, 30, "the week's default service"),
        }
    }
    // The column nothing reads is named, once.
    let err = stderr(&out);
    assert_eq!(err.matches("`memo`").count(), 1, "{err}");
}

#[test]
fn a_break_is_taken_inside_its_span() {
    let v = command_json(
        "route",
        &[
            "--stops",
            EIGHT,
            "--depot",
            "hiejinja",
            "--visits-per-week",
            "2",
            "--break",
            "12:00-13:00/45",
        ],
    );
    let seen = visits(&v);
    let mut runs_past_noon = 0;
    for d in v["days"].as_array().unwrap() {
        let day: Vec<_> = seen
            .iter()
            .filter(|x| x.0 == d["day"].as_str().unwrap() && x.1 == d["truck"].as_i64().unwrap())
            .collect();
        let Some(last) = day.last() else { continue };
        if last.4 <= 735 {
            continue;
        }
        runs_past_noon += 1;
        // Some gap between two visits holds 45 minutes inside 12:00–13:00 besides the drive
        // (a minute of rounding either side).
        let fits = day.windows(2).any(|w| {
            let free_from = w[0].4.max(720);
            let free_to = ((w[1].3 as f64 - w[1].5).floor() as i64).min(780);
            free_to - free_from >= 45 - 2
        });
        assert!(fits, "{day:?}");
    }
    assert!(runs_past_noon > 0, "the test needs a run across noon");
    // Each day's JSON lists its breaks, and the leaflet names them.
    let breaks: Vec<&Value> = v["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["breaks"].as_array().unwrap())
        .collect();
    assert_eq!(breaks.len(), runs_past_noon);
    for b in &breaks {
        let (s, e) = (
            minutes(b["start"].as_str().unwrap()),
            minutes(b["end"].as_str().unwrap()),
        );
        assert!(s >= 720 && e <= 780 && e - s == 45, "{b}");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("leaflet.html");
    let h = html.display().to_string();
    run_ok(&[
        "route",
        "--stops",
        EIGHT,
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--break",
        "12:00-13:00/45",
        "--leaflet",
        &h,
        "--out",
        "/dev/null",
    ]);
    let page = std::fs::read_to_string(&html).expect("leaflet");
    let start = breaks[0]["start"].as_str().unwrap();
    assert!(
        page.contains("break (no sales)") && page.contains(start),
        "{page}"
    );
}

#[test]
fn two_trucks_start_from_their_own_depots() {
    let dir = tempfile::tempdir().expect("temp dir");
    let trucks = dir.path().join("trucks.csv");
    std::fs::write(
        &trucks,
        "id,depot,window,days\neast,hiejinja,09:00-15:00,\"mon,wed\"\nwest,妙行寺,10:00-16:00,\"tue,thu\"\n",
    )
    .expect("write");
    let stops = dir.path().join("stops.csv");
    std::fs::write(
        &stops,
        "id,days\nkumano_jinja_owada,tue\nhachioji_jinja_motomura,thu\nimajuku_green_heim,mon\nhie_jinja_hagizono,wed\n",
    )
    .expect("write");
    let (trucks, stops) = (trucks.display().to_string(), stops.display().to_string());
    let out = run_ok(&[
        "route", "--stops", &stops, "--trucks", &trucks, "--format", "geojson",
    ]);
    let g: Value = serde_json::from_slice(&out.stdout).expect("geojson");
    let depot_of = |id: &str| {
        let v = command_json("route", &["--stops", id, "--depot", id]);
        (
            v["depot"]["lon"].as_f64().unwrap(),
            v["depot"]["lat"].as_f64().unwrap(),
        )
    };
    let (east, west) = (depot_of("hiejinja"), depot_of("myogyoji"));
    let mut starts = Vec::new();
    for f in g["features"].as_array().unwrap() {
        if f["geometry"]["type"] != "LineString" {
            continue;
        }
        let c = &f["geometry"]["coordinates"];
        let first = (c[0][0].as_f64().unwrap(), c[0][1].as_f64().unwrap());
        let last = c.as_array().unwrap().last().unwrap();
        assert_eq!(
            first,
            (last[0].as_f64().unwrap(), last[1].as_f64().unwrap())
        );
        let day = f["properties"]["day"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase();
        starts.push((day, first));
    }
    assert_eq!(starts.len(), 4, "{starts:?}");
    for (day, at) in starts {
        let want = if day == "tue" || day == "thu" {
            west
        } else {
            east
        };
        assert_eq!(at, want, "{day}");
    }
}

#[test]
fn pinned_stops_keep_day_and_time_when_a_stop_is_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    let printed = dir.path().join("printed.csv");
    let json = dir.path().join("printed.json");
    let base = ["--depot", "hiejinja", "--visits-per-week", "2"];
    let p = printed.display().to_string();
    let j = json.display().to_string();
    run_ok(
        &[
            &["route", "--stops", EIGHT],
            &base[..],
            &["--format", "csv", "--out", &p],
        ]
        .concat(),
    );
    run_ok(
        &[
            &["route", "--stops", EIGHT],
            &base[..],
            &["--format", "json", "--out", &j],
        ]
        .concat(),
    );
    let nine = format!("{EIGHT},tsurumine_hachimangu_hamanogo");
    let before = visits(&command_json(
        "route",
        &[&["--stops", EIGHT], &base[..]].concat(),
    ));
    let unpinned = visits(&command_json(
        "route",
        &[&["--stops", &nine], &base[..]].concat(),
    ));
    let key = |x: &(String, i64, String, i64, i64, f64)| (x.2.clone(), x.0.clone(), x.3);
    let moved = |after: &[(String, i64, String, i64, i64, f64)]| {
        before
            .iter()
            .filter(|b| !after.iter().any(|a| key(a) == key(b)))
            .count()
    };
    assert!(
        moved(&unpinned) > 0,
        "without pins the new stop moves others"
    );
    for pin in [&p, &j] {
        let after = visits(&command_json(
            "route",
            &[&["--stops", &nine], &base[..], &["--pin", pin]].concat(),
        ));
        assert_eq!(moved(&after), 0, "{pin}: every printed day and time kept");
        assert_eq!(after.len(), before.len() + 2);
    }
}

#[test]
fn a_printed_leaflet_pins_its_published_windows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = [
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--out",
        "/dev/null",
    ];
    let nine = format!("{EIGHT},tsurumine_hachimangu_hamanogo");
    for lang in ["en", "ja"] {
        let before = dir.path().join(format!("8.{lang}.csv"));
        let after = dir.path().join(format!("9.{lang}.csv"));
        let (b, a) = (before.display().to_string(), after.display().to_string());
        run_ok(
            &[
                &["route", "--stops", EIGHT, "--lang", lang, "--leaflet", &b],
                &base[..],
            ]
            .concat(),
        );
        run_ok(
            &[
                &[
                    "route",
                    "--stops",
                    &nine,
                    "--lang",
                    lang,
                    "--pin",
                    &b,
                    "--leaflet",
                    &a,
                ],
                &base[..],
            ]
            .concat(),
        );
        let rows = |p: &std::path::Path| -> Vec<String> {
            let text = std::fs::read_to_string(p).expect("leaflet");
            text.lines().skip(1).map(str::to_string).collect()
        };
        let (old, new) = (rows(&before), rows(&after));
        assert_eq!(new.len(), old.len() + 1, "{lang}");
        for row in &old {
            assert!(new.contains(row), "{lang}: {row} reprinted unchanged");
        }
    }
}

#[test]
fn pins_that_cannot_all_be_kept_name_the_conflict_and_the_least_move() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pins = dir.path().join("pins.csv");
    // Two stops 2 km apart pinned to the same minute of the same day, one truck.
    std::fs::write(
        &pins,
        "day,id,arrive\nMon,myogyoji,11:00\nMon,kumano_jinja_takada,11:00\n",
    )
    .expect("write");
    let out = run(&[
        "route",
        "--stops",
        "myogyoji,kumano_jinja_takada",
        "--depot",
        "hiejinja",
        "--pin",
        &pins.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot all be kept"), "{err}");
    assert!(
        err.contains("妙行寺") && err.contains("熊野神社（高田）"),
        "{err}"
    );
    assert!(err.contains("least change that fits: move"), "{err}");
    assert!(err.contains("mon 11:00 →"), "{err}");
}
