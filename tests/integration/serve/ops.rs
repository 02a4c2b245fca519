//! One state for the whole room: versions, rebase or 409, undo, every screen told within a
//! second, and a SIGKILL that loses nothing.

use super::{session_dir, Server};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn chosen(state: &Value) -> Vec<String> {
    let ids = state["answer"]["chosen"].as_array().unwrap();
    ids.iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_stale_base_is_rebased_unless_someone_changed_the_same_thing() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    let first = json!({"base": 0, "who": "projector", "op": {"kind": "set_p", "p": 3}});
    assert_eq!(s.op(&first).status, 200);
    let same = json!({"base": 0, "who": "tablet-2", "op": {"kind": "set_p", "p": 5}});
    let r = s.op(&same);
    assert_eq!(r.status, 409, "{}", r.text());
    let body = r.json();
    assert_eq!(body["version"], 1);
    let msg = body["error"].as_str().unwrap();
    assert!(
        msg.contains("projector") && msg.contains("版 1") && msg.contains("停留所数 3"),
        "{msg}"
    );
    assert_eq!(
        s.state()["options"]["p"],
        3,
        "the refused change did not apply"
    );
    let other = json!({"base": 0, "who": "tablet-2", "op": {"kind": "set_role", "id": "hiejinja", "role": "required"}});
    let r = s.op(&other);
    assert_eq!(r.status, 200, "{}", r.text());
    let st = r.json();
    assert_eq!(st["version"], 2);
    assert_eq!(st["options"]["p"], 3, "rebased on top of the newer change");
    assert!(chosen(&st).contains(&"hiejinja".to_string()));
    let history = st["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["who"], "tablet-2");
    assert_eq!(st["changed"]["previous"]["version"], 1);
    // The same candidate changed after the base: refused.
    let stale = json!({"base": 1, "who": "tablet-3", "op": {"kind": "set_slots", "id": "hiejinja", "vehicle_slots": 2}});
    assert_eq!(s.op(&stale).status, 409);
}

#[test]
fn undo_is_the_state_replayed_without_the_operation() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    let before = s.state();
    let first = chosen(&before)[0].clone();
    let st = s.apply(json!({"kind": "set_role", "id": first, "role": "excluded"}));
    assert!(!chosen(&st).contains(&first));
    s.apply(json!({"kind": "set_radius", "radius_m": 600.0}));
    let st = s.apply(json!({"kind": "undo", "version": 1}));
    assert_eq!(st["version"], 3);
    let mine = st["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == first.as_str())
        .unwrap()
        .clone();
    assert_eq!(mine["role"], "free");
    assert_eq!(st["options"]["radius_m"], 600.0, "the later change stays");
    let history = st["history"].as_array().unwrap();
    let undone: Vec<bool> = history
        .iter()
        .map(|h| h["undone"].as_bool().unwrap())
        .collect();
    assert_eq!(
        undone,
        vec![false, false, true],
        "newest first; version 1 undone"
    );
    // The same as never having excluded it: a fresh server with only the radius change.
    let fresh_dir = session_dir();
    let fresh = Server::start(fresh_dir.path(), &["--p", "4"]);
    let only = fresh.apply(json!({"kind": "set_radius", "radius_m": 600.0}));
    assert_eq!(chosen(&st), chosen(&only));
    assert_eq!(st["answer"]["reach"], only["answer"]["reach"]);
    let again = s.op(&json!({"base": 3, "who": "t", "op": {"kind": "undo", "version": 1}}));
    assert_eq!(again.status, 400, "already undone");
    let redo = s.apply(json!({"kind": "undo", "version": 3}));
    assert!(
        !chosen(&redo).contains(&first),
        "an undo of the undo puts it back"
    );
}

/// An event stream reader: the raw bytes so far.
struct Events(TcpStream, Vec<u8>);

impl Events {
    fn open(s: &Server) -> Events {
        let mut t = TcpStream::connect(&s.addr).unwrap();
        let req = format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\n\r\n",
            s.path("/api/events"),
            s.addr
        );
        t.write_all(req.as_bytes()).unwrap();
        Events(t, Vec::new())
    }

    /// Waits up to `limit` for `data: {"version":N}`; the time it took.
    fn wait_for(&mut self, version: u64, limit: Duration) -> Option<Duration> {
        let start = Instant::now();
        let needle = format!("data: {{\"version\":{version}}}");
        let mut buf = [0u8; 4096];
        loop {
            if String::from_utf8_lossy(&self.1).contains(&needle) {
                return Some(start.elapsed());
            }
            let left = limit.checked_sub(start.elapsed())?;
            self.0
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            match self.0.read(&mut buf) {
                Ok(0) => return None,
                Ok(n) => self.1.extend_from_slice(&buf[..n]),
                Err(_) => return None,
            }
        }
    }
}

#[test]
fn two_subscribers_both_see_a_change_within_a_second() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    let mut a = Events::open(&s);
    let mut b = Events::open(&s);
    assert!(
        a.wait_for(0, Duration::from_secs(5)).is_some(),
        "the current version on connect"
    );
    assert!(b.wait_for(0, Duration::from_secs(5)).is_some());
    assert!(String::from_utf8_lossy(&a.1).contains("event: state"));
    let sent = Instant::now();
    let r = s.op(&json!({"base": 0, "who": "projector", "op": {"kind": "set_p", "p": 3}}));
    assert_eq!(r.status, 200);
    for ev in [&mut a, &mut b] {
        ev.wait_for(1, Duration::from_secs(1))
            .expect("the change within a second");
    }
    assert!(sent.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_killed_server_restarts_on_exactly_the_same_state() {
    let dir = session_dir();
    let args = ["--p", "4", "--depot", "hiejinja"];
    let s = Server::start(dir.path(), &args);
    s.apply(json!({"kind": "set_role", "id": "hiejinja", "role": "required"}));
    s.apply(
        json!({"kind": "add_candidate", "name": "公民館", "site_kind": "community_centre",
                   "lat": 35.36, "lon": 139.40, "vehicle_slots": 6}),
    );
    s.apply(json!({"kind": "move_candidate", "id": "new-1", "lat": 35.355, "lon": 139.405}));
    s.apply(json!({"kind": "name_set", "name": "council list"}));
    s.apply(json!({"kind": "set_p", "p": 5}));
    s.apply(json!({"kind": "compare_with", "name": "council list"}));
    s.apply(json!({"kind": "undo", "version": 5}));
    let before = s.get("/api/state");
    assert_eq!(before.status, 200);
    let log = std::fs::read_to_string(dir.path().join("operations.jsonl")).unwrap();
    assert_eq!(
        log.lines().count(),
        7,
        "one fsynced line per applied operation"
    );
    s.kill();
    let again = Server::start(dir.path(), &args);
    let after = again.get("/api/state");
    assert_eq!(after.status, 200);
    assert!(
        before.body == after.body,
        "byte-identical state after SIGKILL and restart"
    );
    let st = after.json();
    assert_eq!(st["version"], 7);
    assert_eq!(st["history"].as_array().unwrap().len(), 7);
    assert!(st["changed"]["named"]["name"] == "council list");
    // And it goes on from there.
    let next = again.apply(json!({"kind": "set_p", "p": 3}));
    assert_eq!(next["version"], 8);
    assert!(next["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "new-1" && c["moved"] == true));
}

#[test]
fn a_second_server_on_the_same_session_is_refused() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    s.apply(json!({"kind": "set_p", "p": 3}));
    let session = dir.path().to_str().unwrap();
    let o = crate::helpers::run(&["serve", "--port", "0", "--session", session]);
    assert_eq!(o.status.code(), Some(2));
    let err = crate::helpers::stderr(&o);
    assert!(
        err.contains("operations.jsonl") && err.contains("in use"),
        "{err}"
    );
    assert_eq!(s.state()["version"], 1, "the first server goes on");
}
