//! Buyers per visit on a small hand-made survey input: potential users × purchases per week ÷
//! visits per week, the capacity of one visit, the flag when buyers exceed it, the assumptions
//! shown beside the numbers, and bad assumptions refused naming the flag.

use crate::helpers::{json, run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

/// Two stops far apart: `big` with 100 aged 65+ around it, `small` with 6; each has 10 survey
/// answers within reach, `yes_big` and `yes_small` of them "would use".
struct Town {
    dir: tempfile::TempDir,
    aged: [f64; 2],
    answers: [(u64, u64); 2],
}

impl Town {
    fn new(visits_column: Option<[&str; 2]>) -> Town {
        let dir = tempfile::tempdir().unwrap();
        let aged = [100.0, 6.0];
        let answers = [(10, 7), (10, 3)];
        let p = |name: &str| dir.path().join(name);
        // Each stop's people live in two points some 100 m from it.
        std::fs::write(
            p("demand.csv"),
            format!(
                "id,lat,lon,population,aged_65_plus\n\
                 b1,35.3505,139.4000,150,{}\nb2,35.3495,139.4000,150,{}\n\
                 s1,35.3705,139.4200,10,{}\ns2,35.3695,139.4200,10,{}\n",
                aged[0] / 2.0,
                aged[0] / 2.0,
                aged[1] / 2.0,
                aged[1] / 2.0
            ),
        )
        .unwrap();
        let (head, v) = match visits_column {
            Some([a, b]) => (",visits", [format!(",{a}"), format!(",{b}")]),
            None => ("", [String::new(), String::new()]),
        };
        std::fs::write(
            p("candidates.csv"),
            format!(
                "id,lat,lon,name{head}\nbig,35.3500,139.4000,団地{}\nsmall,35.3700,139.4200,神社{}\n",
                v[0], v[1]
            ),
        )
        .unwrap();
        std::fs::write(
            p("surveys.csv"),
            format!(
                "lat,lon,respondents,would_use\n35.3501,139.4001,{},{}\n35.3701,139.4201,{},{}\n",
                answers[0].0, answers[0].1, answers[1].0, answers[1].1
            ),
        )
        .unwrap();
        Town { dir, aged, answers }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn args<'a>(&'a self, cmd: &'a str, extra: &[&'a str]) -> Vec<String> {
        let mut v = vec![cmd.to_string()];
        for (flag, file) in [
            ("--demand", "demand.csv"),
            ("--candidates", "candidates.csv"),
            ("--surveys", "surveys.csv"),
        ] {
            v.push(flag.into());
            v.push(self.path().join(file).display().to_string());
        }
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    }

    /// Potential users of stop `k` worked out from the inputs: the would-use share is the
    /// posterior mean of Beta(m·p̄ + yes, m·(1 − p̄) + no), m = 10 answers (the default prior).
    fn users(&self, k: usize) -> f64 {
        let (n, y): (u64, u64) = self
            .answers
            .iter()
            .fold((0, 0), |(n, y), a| (n + a.0, y + a.1));
        let overall = y as f64 / n as f64;
        let (a, b) = ((10.0 * overall).max(0.5), (10.0 * (1.0 - overall)).max(0.5));
        let (n_k, y_k) = self.answers[k];
        let rate = (a + y_k as f64) / (a + b + n_k as f64);
        self.aged[k] * rate
    }
}

fn ok(args: &[String]) -> std::process::Output {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&a);
    assert!(o.status.success(), "{a:?}: {}", stderr(&o));
    o
}

fn candidate<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

fn has_flag(c: &Value, flag: &str) -> bool {
    c["flags"].as_array().unwrap().iter().any(|f| f == flag)
}

#[test]
fn buyers_per_visit_is_users_times_purchases_over_visits_and_over_capacity_is_flagged() {
    let town = Town::new(None);
    let (purchases, visits, service, per_customer): (f64, f64, f64, f64) = (1.5, 2.0, 20.0, 3.0);
    let flags = [
        "--purchases-per-week",
        "1.5",
        "--visits-per-week",
        "2",
        "--service-min",
        "20",
        "--minutes-per-customer",
        "3",
    ];
    let mut with_json = flags.to_vec();
    with_json.extend(["--format", "json"]);
    let v = json(&ok(&town.args("rank", &with_json)));
    let capacity = (service / per_customer).floor();
    for (k, id) in ["big", "small"].iter().enumerate() {
        let c = candidate(&v, id);
        let users = town.users(k);
        let got_users = c["potential_users"]["estimate"].as_f64().unwrap();
        assert!(
            (got_users - users).abs() < 0.01,
            "{id}: {got_users} vs {users}"
        );
        let b = &c["buyers_per_visit"];
        let want = users * purchases / visits;
        assert!(
            (b["estimate"].as_f64().unwrap() - want).abs() < 0.01,
            "{id}: {b} vs {want}"
        );
        // The interval scales the same way.
        for end in ["low", "high"] {
            let u = c["potential_users"][end].as_f64().unwrap();
            let got = b[end].as_f64().unwrap();
            assert!((got - u * purchases / visits).abs() < 0.02, "{id} {end}");
        }
        assert_eq!(b["capacity_per_visit"].as_f64(), Some(capacity));
        assert_eq!(b["visits_per_week"].as_f64(), Some(visits));
        assert_eq!(b["purchases_per_week"].as_f64(), Some(purchases));
        let over = want > capacity;
        assert_eq!(b["over_capacity"].as_bool(), Some(over), "{id}");
        assert_eq!(has_flag(c, "over_capacity"), over, "{id}");
    }
    assert!(has_flag(candidate(&v, "big"), "over_capacity"));
    assert!(!has_flag(candidate(&v, "small"), "over_capacity"));
    // The assumptions ride along in the summary.
    let model = &v["summary"]["buyers_model"];
    assert_eq!(model["purchases_per_week"].as_f64(), Some(purchases));
    assert_eq!(model["purchases_per_week_basis"], "assumption");
    assert_eq!(model["minutes_per_customer_basis"], "assumption");
    assert_eq!(model["capacity_per_visit"].as_f64(), Some(capacity));

    // The table says the same, with its assumptions and the flag's meaning.
    let table = stdout(&ok(&town.args("rank", &flags)));
    for want in [
        "1.5 purchases a week per user (assumed)",
        "2 visits a week",
        "one visit serves 6 customers (20 min at the stop ÷ 3 min per customer, assumed)",
        "over capacity: more buyers than one visit can serve",
    ] {
        assert!(table.contains(want), "{want}\n{table}");
    }
}

#[test]
fn each_stop_can_have_its_own_visits_from_a_column() {
    let town = Town::new(Some(["2", "1"]));
    let v = json(&ok(
        &town.args("rank", &["--visits-per-week", "visits", "--format", "json"])
    ));
    for (k, (id, visits)) in [("big", 2.0), ("small", 1.0)].into_iter().enumerate() {
        let b = &candidate(&v, id)["buyers_per_visit"];
        assert_eq!(b["visits_per_week"].as_f64(), Some(visits));
        let want = town.users(k) / visits;
        assert!(
            (b["estimate"].as_f64().unwrap() - want).abs() < 0.01,
            "{id}"
        );
    }
    // A bad value names the file, line and column.
    let bad = Town::new(Some(["2", "weekly"]));
    let args = bad.args("rank", &["--visits-per-week", "visits"]);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&a);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("candidates.csv:3") && err.contains("`visits`") && err.contains("weekly"),
        "{err}"
    );
}

#[test]
fn compare_and_report_show_buyers_beside_their_assumptions() {
    let town = Town::new(None);
    let v = json(&ok(&town.args(
        "compare",
        &[
            "--set",
            "one=big",
            "--set",
            "two=big,small",
            "--format",
            "json",
        ],
    )));
    let sets = v["sets"].as_array().unwrap();
    assert_eq!(sets[0]["stops_over_capacity"], serde_json::json!(["big"]));
    let both = &sets[1];
    let want = town.users(0) + town.users(1);
    let got = both["buyers_per_visit"]["estimate"].as_f64().unwrap();
    assert!((got - want).abs() < 0.01, "{got} vs {want}");
    assert_eq!(v["buyers_model"]["capacity_per_visit"].as_f64(), Some(10.0));
    // Small's 6 aged 65+ cannot exceed 10 buyers: only big is named.
    let table = stdout(&ok(
        &town.args("compare", &["--set", "one=big", "--set", "two=big,small"])
    ));
    assert!(
        table.contains(
            "two: 団地, 神社 (adds 神社; drops —) — more buyers than one visit can serve: 団地\n"
        ),
        "{table}"
    );

    let md = stdout(&ok(&town.args(
        "report",
        &[
            "--p",
            "1",
            "--format",
            "markdown",
            "--lang",
            "en",
            "--purchases-per-week",
            "0.5",
        ],
    )));
    let ranking = &md[md.find("Ranked list").expect("a ranking section")..];
    for want in [
        "buyers per visit = potential users",
        "0.5 purchases a week per user (assumed)",
        "one visit serves 10 customers (30 min at the stop ÷ 3 min per customer, assumed)",
        "potential users (95 %)",
        "buyers per visit (95 %)",
        "one visit serves",
    ] {
        assert!(ranking.contains(want), "{want}\n{ranking}");
    }
    let ja = stdout(&ok(
        &town.args("report", &["--p", "1", "--format", "markdown"])
    ));
    assert!(
        ja.contains("1回あたり購入者") && ja.contains("仮定"),
        "{ja}"
    );
}

#[test]
fn bad_assumptions_are_refused_naming_the_flag() {
    let cases: [(&[&str], &str); 7] = [
        (&["--purchases-per-week", "0"], "--purchases-per-week"),
        (&["--purchases-per-week", "-1"], "--purchases-per-week"),
        (&["--purchases-per-week", "NaN"], "--purchases-per-week"),
        (&["--purchases-per-week", "2"], "--purchases-per-week"),
        (&["--minutes-per-customer", "0"], "--minutes-per-customer"),
        (&["--minutes-per-customer", "inf"], "--minutes-per-customer"),
        (&["--visits-per-week", "0"], "--visits-per-week"),
    ];
    for (cmd, extra) in [("rank", vec![]), ("report", vec!["--p", "3"])] {
        for (flags, name) in cases {
            let mut args = vec![cmd];
            args.extend(&extra);
            args.extend(flags);
            let o = run(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            let err = stderr(&o);
            assert!(err.contains(name), "{args:?}: {err}");
        }
    }
    let mut args = vec!["rank", "--purchases-per-week", "x", "--format", "json"];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--purchases-per-week"));
    args[2] = "0";
    let v: Value = serde_json::from_str(&stderr(&run(&args))).unwrap();
    assert_eq!(v["error"]["flag"], "--purchases-per-week");
}
