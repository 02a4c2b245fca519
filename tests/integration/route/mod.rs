//! `mobile-stops route` end to end: day runs against brute force, the timetable rules on real
//! output, weeks that do not fit, every format, pack against spread and the published times,
//! determinism, and the bad-input contract.
//! This module holds the seeded candidate file and the rule checker the tests share.

mod calendar;
mod day_runs;
mod errors;
mod leaflet;
mod names;
mod one_timetable;
mod rule_errors;
mod rules;
mod shape;
mod table_sums;
mod week;

use crate::helpers::{command_json, fixture};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

/// `route ARGS --format json`: success asserted, JSON parsed.
fn route_json(args: &[&str]) -> Value {
    command_json("route", args)
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

/// Runs `route` on `data`'s `cands` with each case's flags and `--out out`: exit 2, the
/// expected words on standard error, nothing written.
fn assert_refused(data: &Data, cands: &str, cases: Vec<(Vec<&str>, &str)>, out: &str) {
    for (rest, want) in cases {
        let mut rest = rest.clone();
        rest.extend(["--out", out]);
        let args = data.args(cands, &rest);
        let o = crate::helpers::run(&args);
        let err = crate::helpers::stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{rest:?}: {err}");
        assert!(err.contains(want), "{rest:?}: want {want:?}, got {err}");
        assert!(!std::path::Path::new(out).exists(), "{rest:?} wrote a file");
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
