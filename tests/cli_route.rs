//! End-to-end tests of `mobile-stops route`: day runs against brute force, the timetable rules
//! on real output, weeks that do not fit (exit 3 with what would), every format, determinism,
//! and the bad-input contract (exit 2, FILE:LINE or the flag named, nothing written).

mod common;
use common::{fixture, run, stderr};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::path::Path;

fn route_json(args: &[&str]) -> Value {
    let mut all = vec!["route"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let o = run(&all);
    assert!(o.status.success(), "{all:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// Ten candidate sites around (35.35, 139.40) with a `visits` column, and the small demand file.
struct Data {
    dir: tempfile::TempDir,
}

impl Data {
    fn new() -> Data {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut text = String::from("id,lat,lon,name,visits\n");
        for i in 0..10 {
            text += &format!(
                "c{i},{:.5},{:.5},site {i},{}\n",
                35.35 + rng.gen_range(-0.03..0.03),
                139.40 + rng.gen_range(-0.03..0.03),
                if i % 3 == 0 { 2 } else { 1 }
            );
        }
        std::fs::write(dir.path().join("cands.csv"), text).expect("write");
        Data { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.dir.path().join(name), text).expect("write");
        self.path(name)
    }

    /// `--demand … --candidates …` followed by `rest`.
    fn args<'a>(&'a self, cands: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
        let demand: &'static str = Box::leak(fixture("small_demand.csv").into_boxed_str());
        let mut v = vec!["route", "--demand", demand, "--candidates", cands];
        v.extend(rest);
        v
    }
}

/// Minutes of a closed tour through `order` under matrix `m` (index 0 the depot).
fn tour(m: &[Vec<u32>], order: &[usize]) -> u32 {
    let mut at = 0;
    let mut total = 0;
    for &s in order {
        total += m[at][s];
        at = s;
    }
    total + m[at][0]
}

/// The least tour over all orders (Heap's algorithm).
fn brute_force(m: &[Vec<u32>]) -> u32 {
    let mut a: Vec<usize> = (1..m.len()).collect();
    let n = a.len();
    let mut best = tour(m, &a);
    let mut c = vec![0; n];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                a.swap(0, i);
            } else {
                a.swap(c[i], i);
            }
            best = best.min(tour(m, &a));
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    best
}

#[test]
fn day_runs_equal_brute_force_on_seeded_asymmetric_matrices() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    for (seed, k) in [(1u64, 3usize), (2, 5), (3, 7), (4, 8), (5, 9), (6, 9)] {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // Place 0 is the depot (c9), places 1..=k the stops c0..c(k-1).
        let ids: Vec<String> = std::iter::once("c9".to_string())
            .chain((0..k).map(|i| format!("c{i}")))
            .collect();
        let m: Vec<Vec<u32>> = (0..=k)
            .map(|a| {
                (0..=k)
                    .map(|b| if a == b { 0 } else { rng.gen_range(1..60) })
                    .collect()
            })
            .collect();
        let mut matrix = String::from("from,to,minutes\n");
        for a in 0..=k {
            for b in 0..=k {
                if a != b {
                    matrix += &format!("{},{},{}\n", ids[a], ids[b], m[a][b]);
                }
            }
        }
        let mpath = data.write("m.csv", &matrix);
        let spath = data.write("s.csv", &format!("id\n{}\n", ids[1..].join("\n")));
        let args = data.args(
            &cands,
            &[
                "--stops",
                &spath,
                "--travel-matrix",
                &mpath,
                "--depot",
                "c9",
                "--days",
                "mon",
                "--window",
                "00:00-24:00",
                "--service-min",
                "1",
            ],
        );
        let v = route_json(&args[1..]);
        let day = &v["days"][0];
        assert_eq!(day["stops"].as_array().unwrap().len(), k);
        let got = day["drive_min"].as_f64().unwrap();
        assert_eq!(got, f64::from(brute_force(&m)), "seed {seed}, {k} stops");
        // The reported order really drives that long.
        let order: Vec<usize> = day["stops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                ids.iter()
                    .position(|x| x == s["id"].as_str().unwrap())
                    .unwrap()
            })
            .collect();
        assert_eq!(f64::from(tour(&m, &order)), got);
    }
}

fn minutes(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').unwrap();
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

/// Every rule of the issue, checked on a JSON plan.
fn check_rules(v: &Value, window: (i64, i64), visits: &dyn Fn(&str) -> usize) {
    let mut seen: std::collections::BTreeMap<String, Vec<(usize, String)>> = Default::default();
    let day_index = |d: &str| {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .position(|x| *x == d)
            .unwrap()
    };
    let mut lengths = Vec::new();
    for day in v["days"].as_array().unwrap() {
        let stops = day["stops"].as_array().unwrap();
        if stops.is_empty() {
            continue;
        }
        let back = minutes(day["return"].as_str().unwrap());
        assert!(back <= window.1, "run back by the window's end: {day}");
        let mut clock = window.0;
        for s in stops {
            let a = minutes(s["arrive"].as_str().unwrap());
            assert!(a >= clock, "visits in order: {day}");
            clock = minutes(s["depart"].as_str().unwrap());
            seen.entry(s["id"].as_str().unwrap().to_string())
                .or_default()
                .push((
                    day_index(day["day"].as_str().unwrap()),
                    s["arrive"].as_str().unwrap().into(),
                ));
        }
        lengths.push(back - window.0);
    }
    for t in v["timetable"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        let got = &seen[id];
        assert_eq!(got.len(), visits(id), "{id} visited its count");
        if got.len() == 2 {
            assert!(got[0].0.abs_diff(got[1].0) >= 2, "{id}: two days apart");
            assert_eq!(got[0].1, got[1].1, "{id}: same time on both days");
        }
    }
    assert_eq!(seen.len(), v["timetable"].as_array().unwrap().len());
}

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
    let o = run(&["solve", "--p", "8", "--format", "json"]);
    let solved: Value = serde_json::from_slice(&o.stdout).unwrap();
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
    let v: Value = serde_json::from_slice(&o.stdout).expect("an infeasible status document");
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
fn bad_input_exits_2_names_the_place_and_writes_nothing() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    let unknown = data.write("unknown.csv", "id\nc1\nnope\n");
    let twice = data.write("twice.csv", "id\nc1\nc1\n");
    let bad_visits = data.write("v.csv", "id,visits\nc1,3\n");
    let json = data.write(
        "s.json",
        "{\n  \"stops\": [\n    \"c1\",\n    \"ghost\"\n  ]\n}\n",
    );
    let ok = data.write("ok.csv", "id\nc1\nc2\n");
    let missing = data.write(
        "m1.csv",
        "from,to,minutes\nc9,c1,5\nc1,c9,5\nc9,c2,5\nc2,c9,5\nc1,c2,4\n",
    );
    let negative = data.write("m2.csv", "from,to,minutes\nc9,c1,-5\n");
    let typo = data.write("m3.csv", "from,to,minutes\nc9,cX,5\n");
    let out = data.path("never.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--stops", &unknown, "--depot", "c9"],
            "unknown.csv:3:1: expected a candidate id",
        ),
        (
            vec!["--stops", &twice, "--depot", "c9"],
            "twice.csv:3:1: expected each stop once",
        ),
        (
            vec![
                "--stops",
                &bad_visits,
                "--depot",
                "c9",
                "--visits-per-week",
                "visits",
            ],
            "v.csv:2:2: expected 1 or 2",
        ),
        (
            vec!["--stops", &json, "--depot", "c9"],
            "s.json:4:5: expected a candidate id",
        ),
        (
            vec!["--stops", &ok, "--depot", "0,0"],
            "--depot: expected a place within 50 km",
        ),
        (
            vec!["--stops", &ok, "--depot", "139.4,35.35"],
            "--depot: expected LAT,LON in degrees",
        ),
        (
            vec!["--stops", &ok, "--depot", "shop9"],
            "--depot: expected LAT,LON or the id",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--window", "16:00-10:00"],
            "--window: expected a window that ends after it starts",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--travel-matrix", &missing],
            "m1.csv: expected a row `c2,c1,MINUTES`",
        ),
        (
            vec![
                "--stops",
                &ok,
                "--depot",
                "c9",
                "--travel-matrix",
                &negative,
            ],
            "m2.csv:2:3: expected driving minutes",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--travel-matrix", &typo],
            "m3.csv:2:2: expected the depot, a stop",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--days", "mon,funday"],
            "--days: expected weekdays",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--service-min", "0"],
            "--service-min: expected minutes",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--visits-per-week", "3"],
            "--visits-per-week: expected 1, 2",
        ),
        (
            vec![
                "--stops",
                &ok,
                "--depot",
                "c9",
                "--visits-per-week",
                "often",
            ],
            "--visits-per-week: expected 1, 2 or a column",
        ),
        (
            vec![
                "--stops",
                &ok,
                "--depot",
                "c9",
                "--format",
                "ics",
                "--start-date",
                "1/12/2026",
            ],
            "--start-date: expected a date",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--p", "3"],
            "cannot be used with",
        ),
        (
            vec!["--stops", &ok, "--depot", "c9", "--window", "+10:+00-16:00"],
            "--window: expected a window as HH:MM-HH:MM",
        ),
        (
            vec![
                "--stops",
                &ok,
                "--depot",
                "c9",
                "--start-date",
                "2027-01-04",
            ],
            "--start-date: expected --format ics",
        ),
        (
            vec![
                "--stops",
                &ok,
                "--depot",
                "c9",
                "--max-stops-per-day",
                "9223372036854775808",
            ],
            "--max-stops-per-day: expected 1 to 1000 stops",
        ),
        (
            vec!["--stops", "/no/such/stops.csv", "--depot", "c9"],
            "/no/such/stops.csv: expected a readable file",
        ),
    ];
    for (rest, want) in cases {
        let mut rest = rest.clone();
        rest.extend(["--out", &out]);
        let args = data.args(&cands, &rest);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{rest:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(want),
            "{rest:?}: want {want:?}, got {}",
            stderr(&o)
        );
        assert!(!Path::new(&out).exists(), "{rest:?} wrote a file");
    }
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

#[test]
fn a_depot_that_is_also_a_stop_and_a_bad_visits_cell_in_the_candidates() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    let list = data.write("l.csv", "id\nc1\nc2\n");
    let matrix = data.write("m.csv", "from,to,minutes\nc1,c2,10\nc2,c1,12\n");
    // Depot c1 is also a stop: no row c1→c1 is needed.
    let args = data.args(
        &cands,
        &[
            "--stops",
            &list,
            "--depot",
            "c1",
            "--travel-matrix",
            &matrix,
            "--days",
            "mon",
        ],
    );
    let v = route_json(&args[1..]);
    assert_eq!(v["days"][0]["drive_min"], 22.0);
    // A candidates file whose visits column has 3 on line 4 (c2).
    let text = std::fs::read_to_string(&cands).unwrap();
    let bad: String = text
        .lines()
        .enumerate()
        .map(|(k, l)| {
            if k == 3 {
                format!("{}3\n", &l[..l.len() - 1])
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let bad_cands = data.write("bad.csv", &bad);
    let o = run(&data.args(
        &bad_cands,
        &[
            "--stops",
            &list,
            "--depot",
            "c1",
            "--visits-per-week",
            "visits",
        ],
    ));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.csv:4: expected 1 or 2 in column `visits` for candidate `c2`"),
        "{}",
        stderr(&o)
    );
}
