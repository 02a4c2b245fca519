//! The guard of a meeting laptop on a shared Wi-Fi: token, Host, Origin, body size, malformed
//! JSON and every operation's limits, each answered with its status and `{"error": TEXT}`.

use super::{session_dir, Server};
use serde_json::json;

#[test]
fn a_non_loopback_bind_needs_its_token() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--host", "0.0.0.0", "--p", "3"]);
    let token = s.token.clone().expect("a token in the printed URL");
    assert_eq!(token.len(), 32);
    let host = format!("Host: {}\r\n", s.addr);
    let bare = s.send(&format!("GET /api/state HTTP/1.1\r\n{host}"), b"");
    assert_eq!(bare.status, 401);
    assert!(bare.error().contains("token"));
    let wrong = s.send(
        &format!("GET /api/state?token={} HTTP/1.1\r\n{host}", "0".repeat(32)),
        b"",
    );
    assert_eq!(wrong.status, 401);
    let page = s.send(&format!("GET / HTTP/1.1\r\n{host}"), b"");
    assert_eq!(page.status, 401, "the page itself needs the token");
    let events = s.send(&format!("GET /api/events HTTP/1.1\r\n{host}"), b"");
    assert_eq!(events.status, 401);
    let op = json!({"base": 0, "who": "x", "op": {"kind": "set_p", "p": 2}});
    let unauth = s.post_raw("/api/op", &[], op.to_string().as_bytes());
    assert_eq!(unauth.status, 401);
    assert_eq!(s.state()["version"], 0, "nothing applied without the token");
    let bearer = s.send(
        &format!("GET /api/state HTTP/1.1\r\n{host}Authorization: Bearer {token}\r\n"),
        b"",
    );
    assert_eq!(bearer.status, 200);
    assert_eq!(s.op(&op).status, 200);
    assert_eq!(s.state()["version"], 1);
}

#[test]
fn wrong_host_cross_origin_oversized_and_malformed_requests_are_refused() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "3"]);
    // DNS rebinding: a page of another name resolving to 127.0.0.1.
    let rebound = s.send(
        "GET /api/state HTTP/1.1\r\nHost: attacker.example:80\r\n",
        b"",
    );
    assert_eq!(rebound.status, 421);
    assert!(rebound.error().contains("attacker.example"));
    let port = s.addr.rsplit(':').next().unwrap();
    let other_port = s.send("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:1\r\n", b"");
    assert_eq!(other_port.status, 421);
    let localhost = s.send(
        &format!("GET /api/state HTTP/1.1\r\nHost: localhost:{port}\r\n"),
        b"",
    );
    assert_eq!(localhost.status, 200);
    let op = json!({"base": 0, "who": "x", "op": {"kind": "set_p", "p": 2}}).to_string();
    let cross = s.post_raw(
        "/api/op",
        &[("Origin", "http://attacker.example")],
        op.as_bytes(),
    );
    assert_eq!(cross.status, 403);
    let null_origin = s.post_raw("/api/op", &[("Origin", "null")], op.as_bytes());
    assert_eq!(null_origin.status, 403);
    // A form post (no Origin, not JSON) is a CSRF shape too.
    let head = format!(
        "POST /api/op HTTP/1.1\r\nHost: {}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n",
        s.addr,
        op.len()
    );
    assert_eq!(s.send(&head, op.as_bytes()).status, 403);
    let big = vec![b' '; (1 << 20) + 10];
    let oversized = s.op_bytes(&big);
    assert_eq!(oversized.status, 413);
    assert!(oversized.error().contains("bytes"));
    // Declared too large: refused before a byte of the body is read.
    let head = format!(
        "POST /api/op HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n",
        s.addr
    );
    assert_eq!(s.send(&head, b"").status, 413);
    // Not declared (chunked): cut at the limit while reading.
    let mut chunked = Vec::new();
    for _ in 0..20 {
        chunked.extend_from_slice(format!("{:x}\r\n", 65536).as_bytes());
        chunked.extend(std::iter::repeat_n(b' ', 65536));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let head = format!(
        "POST /api/op HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
        s.addr
    );
    assert_eq!(s.send(&head, &chunked).status, 413);
    for bad in [
        &b"{\"base\": 0, \"op\": "[..],
        b"not json",
        b"{\"base\": 0, \"op\": {\"kind\": \"launch\"}}",
    ] {
        let r = s.op_bytes(bad);
        assert_eq!(r.status, 400, "{}", r.text());
        assert!(!r.error().is_empty());
    }
    assert_eq!(s.state()["version"], 0, "nothing was applied");
    assert_eq!(s.get("/../../etc/passwd").status, 404);
    assert_eq!(s.get("/src/main.rs").status, 404);
    let why = s.get("/api/why/nope");
    assert_eq!(why.status, 404);
}

#[test]
fn every_operation_is_validated_with_a_message() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "3"]);
    let refused = |op: serde_json::Value, field: &str| {
        let r = s.op(&json!({"base": 0, "who": "tablet", "op": op}));
        assert_eq!(r.status, 400, "{op}: {}", r.text());
        let msg = r.error();
        assert!(msg.starts_with(field), "{op}: {msg}");
    };
    let add =
        |lat: f64, lon: f64| json!({"kind": "add_candidate", "name": "x", "lat": lat, "lon": lon});
    refused(add(95.0, 139.4), "lat, lon");
    refused(add(35.35, 200.0), "lat, lon");
    refused(add(36.5, 139.4), "lat, lon");
    let slots = json!({"kind": "set_slots", "id": "hiejinja", "vehicle_slots": -2});
    refused(slots, "vehicle_slots");
    let unknown = json!({"kind": "set_role", "id": "no-such-site", "role": "required"});
    refused(unknown, "id");
    let long =
        json!({"kind": "add_candidate", "name": "長".repeat(81), "lat": 35.35, "lon": 139.4});
    refused(long, "name");
    refused(json!({"kind": "set_p", "p": 0}), "p");
    refused(json!({"kind": "set_radius", "radius_m": 1e9}), "radius_m");
    refused(json!({"kind": "set_vehicles", "vehicles": 51}), "vehicles");
    refused(json!({"kind": "set_model", "model": "magic"}), "model");
    refused(
        json!({"kind": "set_objective", "weight": "income"}),
        "weight",
    );
    refused(json!({"kind": "undo", "version": 7}), "version");
    refused(
        json!({"kind": "compare_with", "name": "nobody's list"}),
        "name",
    );
    let r = s.op(&json!({"base": 0, "who": "w".repeat(41), "op": {"kind": "set_p", "p": 2}}));
    assert_eq!(r.status, 400);
    assert!(r.error().starts_with("who"));
    let r = s.op(&json!({"base": 5, "who": "t", "op": {"kind": "set_p", "p": 2}}));
    assert_eq!(r.status, 400, "a base from the future");
    assert_eq!(s.state()["version"], 0);
    // A name that is markup stays text in the state (the page escapes it).
    let name = "<img src=x onerror=alert(1)>";
    let st = s.apply(json!({"kind": "add_candidate", "name": name, "lat": 35.35, "lon": 139.4}));
    let added = st["candidates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(added["name"], name);
    assert_eq!(added["id"], "new-1");
}

impl Server {
    /// A same-origin POST of raw bytes to /api/op.
    pub fn op_bytes(&self, body: &[u8]) -> super::Reply {
        self.post_raw(
            &self.path("/api/op"),
            &[("Origin", &format!("http://{}", self.addr))],
            body,
        )
    }
}

#[test]
fn a_base_map_is_offered_only_when_asked_for_and_only_as_a_tile_template() {
    let dir = session_dir();
    let plain = Server::start(dir.path(), &["--p", "3"]);
    assert_eq!(plain.state()["tiles"], serde_json::Value::Null);
    plain.kill();
    let gsi = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png";
    let dir2 = session_dir();
    let s = Server::start(dir2.path(), &["--p", "3", "--tiles", gsi, "--lang", "en"]);
    let st = s.state();
    assert_eq!(st["tiles"]["url"], gsi);
    assert!(st["tiles"]["attribution"]
        .as_str()
        .unwrap()
        .contains("地理院タイル"));
    assert_eq!(st["lang"], "en");
    let o = crate::helpers::run(&["serve", "--port", "0", "--tiles", "file:///etc/passwd"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(crate::helpers::stderr(&o).contains("{z}"));
}
