//! One timetable for the same stops: `route --stops` in any order, `route --p` and the
//! council report print the same week, and the report plans a trucks file's week as route
//! does.

use crate::helpers::{command_json, run_ok, stdout};

#[test]
fn route_stops_route_p_and_the_report_print_one_timetable() {
    let solved = command_json("solve", &["--p", "8"]);
    let mut ids: Vec<String> = solved["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    ids.reverse();
    let rules = [
        "--depot",
        "hiejinja",
        "--visits-per-week",
        "2",
        "--lang",
        "ja",
    ];
    let by_p = command_json("route", &[&["--p", "8"], &rules[..]].concat());
    let listed = ids.join(",");
    let by_stops = command_json("route", &[&["--stops", &listed], &rules[..]].concat());
    assert_eq!(by_p["timetable"], by_stops["timetable"]);
    assert_eq!(by_p["days"], by_stops["days"]);
    let table = stdout(&run_ok(&[&["route", "--p", "8"], &rules[..]].concat()));
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("r.html");
    let h = html.display().to_string();
    run_ok(&[&["report", "--p", "8", "--out", &h], &rules[..4]].concat());
    let report = std::fs::read_to_string(&html).expect("report");
    let section = &report[report.find("id=\"timetable\"").expect("a timetable")..];
    for row in by_p["timetable"].as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        let time = format!(
            "{}–{}",
            row["published_arrive"].as_str().unwrap(),
            row["published_depart"].as_str().unwrap()
        );
        let cell = format!("<td>{name}</td><td>");
        let at = section
            .find(&cell)
            .unwrap_or_else(|| panic!("{name} in the report"));
        let line = &section[at..at + section[at..].find("</tr>").unwrap()];
        assert!(line.contains(&time), "{line} has {time}");
        assert!(table.contains(&time), "the table has {time}");
    }
}

#[test]
fn the_report_plans_a_trucks_file_week_with_its_break() {
    let dir = tempfile::tempdir().expect("temp dir");
    let trucks = dir.path().join("trucks.csv");
    std::fs::write(
        &trucks,
        "id,depot,window,days,break\neast,hiejinja,09:00-15:00,\"mon,wed\",12:00-13:00/45\n",
    )
    .expect("write");
    let html = dir.path().join("r.html");
    let t = trucks.display().to_string();
    let h = html.display().to_string();
    // No --depot: the trucks file names it.
    run_ok(&[
        "report",
        "--p",
        "8",
        "--visits-per-week",
        "2",
        "--trucks",
        &t,
        "--out",
        &h,
    ]);
    let report = std::fs::read_to_string(&html).expect("report");
    let runs = &report[report.find("id=\"runs\"").expect("each day's run")..];
    let runs = &runs[..runs.find("</section>").unwrap()];
    assert!(runs.contains("休憩"), "{runs}");
    assert!(runs.contains("09:00"), "the truck's own hours: {runs}");
}
