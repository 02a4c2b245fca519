//! What the meeting hands out is what the commands write: the report as `report` for the same
//! flags and edits, the timetable as `route --stops` for the agreed set, the candidates as a
//! file `rank --data` reads (UTF-8 with BOM, or CP932).

use super::{session_dir, Server};
use crate::helpers::{run_json, run_ok, stdout};
use serde_json::json;

/// The page without the lines that differ by design: the command that made it and the time.
fn without_stamp(html: &str) -> String {
    html.lines()
        .filter(|l| !l.starts_with("<p>コマンド: ") && !l.starts_with("<p>作成 2"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_report_is_reports_html_for_the_same_flags_and_edits() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    let first = s.state()["answer"]["chosen"][0]
        .as_str()
        .unwrap()
        .to_string();
    s.apply(json!({"kind": "set_role", "id": first, "role": "excluded"}));
    s.apply(json!({"kind": "set_role", "id": "hiejinja", "role": "required"}));
    s.apply(json!({"kind": "set_p", "p": 3}));
    let r = s.get("/download/report.html");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let page = r.text();
    assert!(page.contains("<p>作成 2"), "the download carries its time");
    let cli = stdout(&run_ok(&[
        "report",
        "--p",
        "3",
        "--exclude",
        &first,
        "--require",
        "hiejinja",
    ]));
    assert_eq!(without_stamp(&page), without_stamp(&cli));
    // A named set is compared as `report --set NAME=STOPS` compares it.
    let st = s.apply(json!({"kind": "name_set", "name": "council"}));
    let stops: Vec<&str> = st["answer"]["chosen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let set = format!("council={}", stops.join(","));
    let cli = stdout(&run_ok(&[
        "report",
        "--p",
        "3",
        "--exclude",
        &first,
        "--require",
        "hiejinja",
        "--set",
        &set,
    ]));
    assert_eq!(
        without_stamp(&s.get("/download/report.html").text()),
        without_stamp(&cli)
    );
}

#[test]
fn the_timetable_is_routes_for_the_agreed_set() {
    let dir = session_dir();
    let s = Server::start(
        dir.path(),
        &["--p", "4", "--depot", "hiejinja", "--lang", "en"],
    );
    s.apply(json!({"kind": "set_p", "p": 3}));
    let st = s.apply(json!({"kind": "name_set", "name": "agreed"}));
    // A later change does not move the agreed set.
    s.apply(json!({"kind": "set_p", "p": 5}));
    let stops: Vec<&str> = st["answer"]["chosen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let list = stops.join(",");
    for (file, format) in [("timetable.csv", "csv"), ("timetable.ics", "ics")] {
        let r = s.get(&format!("/download/{file}"));
        assert_eq!(r.status, 200, "{file}: {}", r.text());
        let cli = run_ok(&[
            "route", "--stops", &list, "--depot", "hiejinja", "--format", format, "--lang", "en",
        ]);
        assert_eq!(r.text(), stdout(&cli), "{file}");
    }
    let js = s.get("/download/stops.json").json();
    assert_eq!(js["name"], "agreed");
    let ids: Vec<&str> = js["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, stops);
    let csv = s.get("/download/stops.csv").text();
    assert!(csv.starts_with("\u{feff}id,name,kind,lat,lon,vehicle_slots"));
    assert_eq!(csv.lines().count(), stops.len() + 1);
    let dir2 = session_dir();
    let no_week = Server::start(dir2.path(), &["--p", "4"]);
    let r = no_week.get("/download/timetable.ics");
    assert_eq!(r.status, 404);
    assert!(r.error().contains("--depot"));
    assert_eq!(no_week.get("/download/secrets.txt").status, 404);
}

#[test]
fn edited_candidates_are_a_file_rank_reads_in_utf8_and_cp932() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    s.apply(
        json!({"kind": "add_candidate", "name": "公民館の駐車場", "site_kind": "car_park",
                   "lat": 35.36, "lon": 139.40, "vehicle_slots": 6}),
    );
    s.apply(json!({"kind": "set_slots", "id": "hiejinja", "vehicle_slots": 3}));
    s.apply(json!({"kind": "move_candidate", "id": "myogyoji", "lat": 35.345, "lon": 139.426}));
    let utf8 = s.get("/download/candidates.csv");
    assert_eq!(utf8.status, 200);
    assert!(
        utf8.body.starts_with(b"\xef\xbb\xbf"),
        "UTF-8 with a byte-order mark"
    );
    let kept = std::fs::read(dir.path().join("candidates.csv")).unwrap();
    assert_eq!(kept, utf8.body, "the session keeps the same file current");
    let cp932 = s.get("/download/candidates.csv?encoding=cp932");
    assert_eq!(cp932.status, 200);
    let (decoded, _, bad) = encoding_rs::SHIFT_JIS.decode(&cp932.body);
    assert!(!bad);
    assert_eq!(
        decoded.as_bytes(),
        &utf8.body[3..],
        "the same text in CP932"
    );
    let data = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let d = data.path().to_str().unwrap();
    run_ok(&["data", "export", d]);
    for body in [&utf8.body, &cp932.body] {
        std::fs::write(data.path().join("candidates.csv"), body).unwrap();
        let ranked = run_json(&["rank", "--data", d, "--format", "json"]);
        let rows = ranked["candidates"]
            .as_array()
            .or(ranked["ranking"].as_array())
            .expect("ranked rows");
        let find = |id: &str| {
            rows.iter()
                .find(|r| r["id"] == id)
                .unwrap_or_else(|| panic!("{id} ranked"))
        };
        assert_eq!(find("new-1")["name"], "公民館の駐車場");
        assert_eq!(rows.len(), 36);
        let _ = find("hiejinja");
    }
    let slots = String::from_utf8(utf8.body[3..].to_vec()).unwrap();
    assert!(slots
        .lines()
        .any(|l| l.starts_with("hiejinja,") && l.contains(",shrine,3,")));
    assert!(slots
        .lines()
        .any(|l| l.starts_with("myogyoji,35.345,139.426,")));
}
