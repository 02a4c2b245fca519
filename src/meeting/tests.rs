//! The meeting without sockets: rebasing, refusing, restoring from the session, explaining.

use super::*;
use crate::pipeline::{CouncilOptions, ModelOptions};
use serde_json::json;

fn setup(p: usize) -> Setup {
    let data = crate::io::embedded::dataset().unwrap();
    let model = ModelOptions {
        p: Some(p),
        ..ModelOptions::default()
    };
    Setup {
        data,
        council: CouncilOptions {
            model,
            ..CouncilOptions::default()
        },
        memory: Default::default(),
        walk: None,
    }
}

fn req(base: u64, who: &str, op: serde_json::Value) -> Request {
    serde_json::from_value(json!({"base": base, "who": who, "op": op})).unwrap()
}

const AT: &str = "2026-12-06T09:00:00+09:00";

#[test]
fn a_session_replays_to_the_same_state_history_included() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = Meeting::open(setup(4), Some(Session::open(dir.path()).unwrap())).unwrap();
    let ops = [
        json!({"kind": "set_role", "id": "hiejinja", "role": "required"}),
        json!({"kind": "add_candidate", "name": "集会所", "lat": 35.36, "lon": 139.40, "vehicle_slots": 6}),
        json!({"kind": "name_set", "name": "案A"}),
        json!({"kind": "set_p", "p": 3}),
        json!({"kind": "compare_with", "name": "案A"}),
        json!({"kind": "undo", "version": 1}),
    ];
    for op in ops {
        let v = m.version();
        m.apply(req(v, "projector", op), AT.into()).unwrap();
    }
    let before = m.state_json(serde_json::Value::Null);
    assert_eq!(before["changed"]["named"]["name"], "案A");
    assert_eq!(
        before["history"][0]["what"],
        "取り消し: 1（日枝神社（中島） を必須に）"
    );
    drop(m);
    let again = Meeting::open(setup(4), Some(Session::open(dir.path()).unwrap())).unwrap();
    assert_eq!(again.state_json(serde_json::Value::Null), before);
    let csv = std::fs::read_to_string(dir.path().join(CANDIDATES)).unwrap();
    assert!(csv.contains("new-1,35.36,139.4,集会所"));
}

#[test]
fn stale_changes_rebase_or_are_refused_and_nothing_half_applies() {
    let mut m = Meeting::open(setup(4), None).unwrap();
    m.apply(
        req(0, "a", json!({"kind": "set_radius", "radius_m": 600.0})),
        AT.into(),
    )
    .unwrap();
    let clash = m.apply(
        req(0, "b", json!({"kind": "set_radius", "radius_m": 700.0})),
        AT.into(),
    );
    let err = clash.unwrap_err();
    assert_eq!((err.status, err.version), (409, Some(1)));
    assert!(
        err.message
            .starts_with("a が版 1 で同じものを変更しました（徒歩圏 600 m）"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("画面はいま版 1 です"),
        "{}",
        err.message
    );
    let moved = json!({"kind": "move_candidate", "id": "hozoji", "lat": 35.371, "lon": 139.411});
    assert_eq!(m.apply(req(0, "b", moved), AT.into()), Ok(2));
    // An undo touches what it takes back: a change to the same candidate after it clashes.
    let slots = json!({"kind": "set_slots", "id": "hozoji", "vehicle_slots": 4});
    m.apply(req(2, "c", slots), AT.into()).unwrap();
    let undo = m.apply(
        req(2, "d", json!({"kind": "undo", "version": 2})),
        AT.into(),
    );
    assert_eq!(undo.unwrap_err().status, 409);
    assert_eq!(m.version(), 3);
    assert_eq!(m.edits().model.radius_m, 600.0);
}

#[test]
fn an_unsolvable_state_is_still_served_with_its_reason() {
    let mut m = Meeting::open(setup(2), None).unwrap();
    for id in ["hiejinja", "myogyoji", "hozoji"] {
        let v = m.version();
        let op = json!({"kind": "set_role", "id": id, "role": "required"});
        m.apply(req(v, "t", op), AT.into()).unwrap();
    }
    let st = m.state_json(serde_json::Value::Null);
    assert_eq!(st["answer"]["status"], "infeasible");
    assert!(!st["answer"]["message"].as_str().unwrap().is_empty());
    assert_eq!(st["answer"]["chosen"], json!([]));
    assert_eq!(st["version"], 3, "the state is still served");
    let name = m.apply(
        req(3, "t", json!({"kind": "name_set", "name": "x"})),
        AT.into(),
    );
    assert!(name
        .unwrap_err()
        .message
        .starts_with("name: 名前を付ける停留所がありません"));
    assert_eq!(m.why("hozoji").unwrap()["chosen"], false);
}

#[test]
fn why_a_stop_names_whom_only_it_reaches_and_its_stand_in() {
    let m = Meeting::open(setup(4), None).unwrap();
    let a = m.answer();
    let j = a.chosen[0];
    let id = &a.chosen_ids[0];
    let why = m.why(id).unwrap();
    assert_eq!(why["chosen"], true);
    let cover = &a.solved.as_ref().unwrap().cover;
    for cell in why["only_it"]["cells"].as_array().unwrap() {
        let i = cell.as_u64().unwrap() as u32;
        let by: Vec<usize> = a
            .chosen
            .iter()
            .copied()
            .filter(|&k| cover.points_of(k).contains(&i))
            .collect();
        assert_eq!(by, vec![j], "cell {i} reached by it alone");
    }
    let stand_in = why["best_replacement"]["id"].as_str().unwrap();
    assert!(!a.chosen_ids.iter().any(|c| c == stand_in));
    let other = m
        .edits()
        .candidates
        .sites
        .iter()
        .find(|s| !a.chosen_ids.contains(&s.id))
        .unwrap();
    let not = m.why(&other.id).unwrap();
    assert_eq!(not["chosen"], false);
    assert!(!not["reason"].as_str().unwrap().is_empty());
    assert!(m.why("no-such").is_none());
}

#[test]
fn an_english_meeting_says_its_refusals_in_english() {
    let mut s = setup(4);
    s.council.lang = crate::report::Lang::En;
    let mut m = Meeting::open(s, None).unwrap();
    let radius = |r: f64| json!({"kind": "set_radius", "radius_m": r});
    m.apply(req(0, "a", radius(600.0)), AT.into()).unwrap();
    let err = m.apply(req(0, "b", radius(700.0)), AT.into()).unwrap_err();
    assert!(
        err.message
            .starts_with("a changed this at version 1 (radius 600 m)"),
        "{}",
        err.message
    );
    let p = m.apply(req(1, "b", json!({"kind": "set_p", "p": 0})), AT.into());
    assert_eq!(p.unwrap_err().message, "p: expected 1 to 35, found 0");
}

#[test]
fn a_change_that_leaves_no_answer_reports_what_was_lost() {
    let mut m = Meeting::open(setup(4), None).unwrap();
    for id in ["hiejinja", "myogyoji"] {
        let v = m.version();
        let op = json!({"kind": "set_role", "id": id, "role": "required"});
        m.apply(req(v, "t", op), AT.into()).unwrap();
    }
    let before = m.answer().clone();
    assert!(before.population > 0.0 && before.chosen_ids.len() == 4);
    m.apply(req(2, "t", json!({"kind": "set_p", "p": 1})), AT.into())
        .unwrap();
    let st = m.state_json(serde_json::Value::Null);
    assert_eq!(st["answer"]["status"], "infeasible");
    let msg = st["answer"]["message"].as_str().unwrap();
    assert!(msg.starts_with("必須の停留所が 2 か所"), "{msg}");
    let prev = &st["changed"]["previous"];
    assert_eq!(prev["version"], 2);
    assert_eq!(prev["population"], json!(-before.population), "{prev}");
    assert_eq!(prev["aged"], json!(-before.aged), "{prev}");
    assert_eq!(prev["dropped"], json!(before.chosen_ids), "{prev}");
    assert_eq!(prev["added"], json!([]));
    assert_eq!(prev["unsolved"], true, "said outright, not only as a loss");
    // Back to an answer: the stops come back as added, the people as a gain.
    m.apply(
        req(3, "t", json!({"kind": "undo", "version": 3})),
        AT.into(),
    )
    .unwrap();
    let back = m.state_json(serde_json::Value::Null)["changed"]["previous"].clone();
    assert_eq!(back["population"], json!(before.population), "{back}");
    assert_eq!(back["added"], json!(before.chosen_ids));
    assert_eq!(back["unsolved"], false);
}
