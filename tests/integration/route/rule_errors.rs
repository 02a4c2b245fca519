//! The bad-input contract for the week's own rules: stop windows, service minutes, breaks,
//! pins and trucks files. Exit 2, the file, line and column (or the flag) named, nothing
//! written.

use super::{assert_refused, Data};

#[test]
fn bad_stop_rules_breaks_pins_and_trucks_exit_2_naming_the_place() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    let backwards = data.write("w1.csv", "id,window\nc1,10:00-11:00\nc2,11:30-10:00\n");
    let outside = data.write("w2.csv", "id,window\nc1,17:00-18:00\n");
    let zero = data.write("s0.csv", "id,service_min\nc1,0\n");
    let nan = data.write("sn.csv", "id,service_min\nc1,NaN\n");
    let ok = data.write("ok.csv", "id\nc1\nc2\n");
    let stranger = data.write("p1.csv", "day,id,arrive\nMon,c1,10:30\nTue,c5,11:00\n");
    let late = data.write("p2.csv", "day,id,arrive\nMon,c1,15:50\n");
    let windowed = data.write("w3.csv", "id,window\nc1,10:00-11:00\nc2,\n");
    let off_window = data.write("p3.csv", "day,id,arrive\nMon,c1,13:00\n");
    let trucks = data.write("t1.csv", "id,depot\na,c9\nb,nowhere\n");
    let truck_break = data.write("t2.csv", "id,depot,break\na,c9,12:00-12:30/45\n");
    let out = data.path("never.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--stops", &backwards],
            "w1.csv:3:2: expected a window that ends after it starts",
        ),
        (
            vec!["--stops", &outside],
            "w2.csv:2:2: expected a window inside the trucks' hours",
        ),
        (
            vec!["--stops", &zero],
            "s0.csv:2:2: expected service minutes greater than 0",
        ),
        (
            vec!["--stops", &nan],
            "sn.csv:2:2: expected service minutes greater than 0",
        ),
        (
            vec!["--stops", &ok, "--break", "12:00-12:30/45"],
            "--break: expected a break no longer than its span",
        ),
        (
            vec!["--stops", &ok, "--break", "17:00-18:00/30"],
            "--break: expected a break inside the window",
        ),
        (
            vec!["--stops", &ok, "--pin", &stranger],
            "p1.csv:3:2: expected a stop of the routed set",
        ),
        (
            vec!["--stops", &ok, "--pin", &late],
            "p2.csv:2:2: expected a pinned time inside",
        ),
        (
            vec!["--stops", &windowed, "--pin", &off_window],
            "p3.csv:2:2: expected a pinned time inside",
        ),
        (
            vec!["--stops", &ok, "--trucks", &trucks],
            "t1.csv:3:2: expected a depot",
        ),
        (
            vec!["--stops", &ok, "--trucks", &truck_break],
            "t2.csv:2:3: expected a break no longer",
        ),
        (
            vec!["--stops", &ok, "--trucks", "0"],
            "--trucks: expected 1 to 50 trucks",
        ),
    ];
    // A trucks file names its own depots.
    let cases = cases
        .into_iter()
        .map(|(mut rest, want)| {
            if !rest.contains(&"--trucks") || want.starts_with("--") {
                rest.extend(["--depot", "c9"]);
            }
            (rest, want)
        })
        .collect();
    assert_refused(&data, &cands, cases, &out);
}
