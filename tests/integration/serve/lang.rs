//! What the server says in words comes in the meeting's language (`--lang ja`, the default
//! page language, or `--lang en`): refusals, the 409 conflict, the reason an answer cannot be
//! solved, and "what changed" when a change leaves no answer.

use super::{session_dir, Server};
use serde_json::{json, Value};

/// Posts `op` on `base` as `who`, returning the status and the error text.
fn refused(s: &Server, base: u64, who: &str, op: Value) -> (u16, String) {
    let r = s.op(&json!({"base": base, "who": who, "op": op}));
    (r.status, r.error())
}

#[test]
fn a_japanese_meeting_is_told_in_japanese_with_the_same_facts() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4", "--lang", "ja"]);
    let (status, p) = refused(&s, 0, "t", json!({"kind": "set_p", "p": 0}));
    assert_eq!(status, 400);
    assert_eq!(p, "p: 1〜35 の範囲で指定してください（入力値 0）");
    let role = json!({"kind": "set_role", "id": "nope", "role": "required"});
    let (_, unknown) = refused(&s, 0, "t", role);
    assert!(
        unknown.starts_with("id: ") && unknown.contains("「nope」"),
        "{unknown}"
    );
    let add = json!({"kind": "add_candidate", "name": "x", "lat": 36.5, "lon": 139.4});
    let (_, far) = refused(&s, 0, "t", add);
    assert!(far.starts_with("lat, lon: データから 5 km 以内"), "{far}");
    for id in ["hiejinja", "myogyoji"] {
        s.apply(json!({"kind": "set_role", "id": id, "role": "required"}));
    }
    let before = s.state()["answer"].clone();
    let st = s.apply(json!({"kind": "set_p", "p": 1}));
    assert_eq!(st["answer"]["status"], "infeasible");
    let why = st["answer"]["message"].as_str().unwrap();
    assert!(
        why.starts_with("必須の停留所が 2 か所") && why.contains("p = 1"),
        "{why}"
    );
    let prev = &st["changed"]["previous"];
    assert_eq!(prev["unsolved"], true, "{prev}");
    let lost = -before["reach"]["population"].as_f64().unwrap();
    assert!(
        lost < 0.0 && prev["population"].as_f64() == Some(lost),
        "{prev}"
    );
    assert_eq!(
        prev["dropped"], before["chosen"],
        "every stop the answer had"
    );
    let (_, undo) = refused(&s, 3, "t", json!({"kind": "undo", "version": 9}));
    assert!(
        undo.starts_with("version: ") && undo.contains("1〜3"),
        "{undo}"
    );
    let (status, clash) = refused(&s, 2, "tablet-2", json!({"kind": "set_p", "p": 3}));
    assert_eq!(status, 409);
    assert_eq!(
        clash,
        "test が版 3 で同じものを変更しました（停留所数 1）。画面はいま版 3 です。\
         確かめて、まだ必要なら変更をやり直してください"
    );
    for m in [p, unknown, far, why.to_string(), undo, clash] {
        assert!(
            !m.contains("expected") && !m.contains("changed"),
            "English: {m}"
        );
    }
}

#[test]
fn an_english_meeting_keeps_its_english() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4", "--lang", "en"]);
    let (_, p) = refused(&s, 0, "t", json!({"kind": "set_p", "p": 0}));
    assert_eq!(p, "p: expected 1 to 35, found 0");
    for id in ["hiejinja", "myogyoji"] {
        s.apply(json!({"kind": "set_role", "id": id, "role": "required"}));
    }
    let st = s.apply(json!({"kind": "set_p", "p": 1}));
    let why = st["answer"]["message"].as_str().unwrap();
    assert_eq!(why, "2 stops are required but only 1 may open (p = 1)");
    let (status, clash) = refused(&s, 2, "tablet-2", json!({"kind": "set_p", "p": 3}));
    assert_eq!(status, 409);
    assert!(
        clash.starts_with("test changed this at version 3 (1 stops)"),
        "{clash}"
    );
}
