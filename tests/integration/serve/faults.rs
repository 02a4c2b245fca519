//! One client's bad or slow requests never block the others: many half-open connections,
//! garbage, a stalled body, while a normal client still reads the state at once; the
//! half-sent requests are dropped after the header deadline.

use super::{session_dir, Server};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// 50 connections that send half a request and stop, 20 that say nothing, 10 that send
/// garbage, and one that stalls inside a declared body.
fn bad_clients(s: &Server) -> (Vec<TcpStream>, Vec<TcpStream>, Vec<TcpStream>, TcpStream) {
    let connect = || TcpStream::connect(&s.addr).expect("connects");
    let half: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut c = connect();
            c.write_all(b"GET /api/state HTTP/1.1\r\nHost: ").unwrap();
            c
        })
        .collect();
    let silent: Vec<TcpStream> = (0..20).map(|_| connect()).collect();
    let garbage: Vec<TcpStream> = (0..10)
        .map(|k| {
            let mut c = connect();
            let junk: Vec<u8> = (0..2000u32).map(|i| (i * 31 + k * 7) as u8).collect();
            let _ = c.write_all(&junk);
            let _ = c.write_all(b"\r\n\r\n");
            c
        })
        .collect();
    let mut stalled = connect();
    let head = format!(
        "POST /api/op HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{{\"base\":",
        s.addr
    );
    stalled.write_all(head.as_bytes()).unwrap();
    (half, silent, garbage, stalled)
}

#[test]
fn half_open_connections_and_garbage_leave_the_page_working() {
    let dir = session_dir();
    let s = Server::start(dir.path(), &["--p", "4"]);
    let (half, silent, mut garbage, _stalled) = bad_clients(&s);
    let mut worst = Duration::ZERO;
    for _ in 0..10 {
        let t = Instant::now();
        let st = s.state();
        worst = worst.max(t.elapsed());
        assert_eq!(st["version"], 0);
    }
    assert!(
        worst < Duration::from_millis(500),
        "state took {worst:?} beside the bad clients"
    );
    let t = Instant::now();
    let applied = s.apply(json!({"kind": "set_p", "p": 3}));
    assert_eq!(
        applied["version"], 1,
        "a change goes through while a body stalls"
    );
    assert!(t.elapsed() < Duration::from_secs(3));
    for g in &mut garbage {
        g.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut reply = Vec::new();
        let _ = g.read_to_end(&mut reply);
        let text = String::from_utf8_lossy(&reply);
        assert!(
            reply.is_empty() || text.starts_with("HTTP/1.1 4"),
            "garbage gets a 4xx or is closed: {text}"
        );
    }
    // The header deadline (5 s) closes the half-sent requests.
    std::thread::sleep(Duration::from_secs(6));
    let closed = half
        .iter()
        .filter(|c| {
            c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            let mut rest = Vec::new();
            let mut r: &TcpStream = c;
            match r.read_to_end(&mut rest) {
                Ok(_) => true,
                Err(e) => !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
            }
        })
        .count();
    assert_eq!(
        closed,
        half.len(),
        "every half-open connection was closed by the server"
    );
    drop(silent);
    assert_eq!(s.state()["version"], 1);
}
