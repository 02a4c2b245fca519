//! The bad-input contract of `route`: exit 2, the file and line or the flag named, nothing
//! written; and the depot being one of the stops.

use super::{assert_refused, route_json, Data};
use crate::helpers::{run, stderr};

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
    assert_refused(&data, &cands, cases, &out);
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
