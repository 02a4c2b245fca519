//! The load the issue names, run by hand (ignored by default: it takes a minute):
//! `cargo test --release --test integration serve::soak -- --ignored --nocapture`.
//! 50 event-stream clients while 20 operations a second arrive for 60 s from four writers on
//! stale versions: every applied operation is in the log exactly once, none is lost, every
//! client ends on the last version, and the server's memory stays flat.

use super::{session_dir, Server};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;
const WRITERS: u64 = 4;
const PER_SECOND: u64 = 20;
const SECONDS: u64 = 60;

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("VmRSS: 0 kB");
    line.split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// A client following the event stream; its last version seen.
fn subscriber(s: &Server, last: Arc<AtomicU64>) {
    let mut t = TcpStream::connect(&s.addr).unwrap();
    let req = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.path("/api/events"),
        s.addr
    );
    t.write_all(req.as_bytes()).unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        let mut text = String::new();
        while let Ok(n) = t.read(&mut buf) {
            if n == 0 {
                break;
            }
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
            while let Some(k) = text.find("data: {\"version\":") {
                let rest = &text[k + 17..];
                let Some(end) = rest.find('}') else { break };
                if let Ok(v) = rest[..end].parse::<u64>() {
                    last.fetch_max(v, Ordering::SeqCst);
                }
                text = rest[end..].to_string();
            }
        }
    });
}

fn op_for(k: u64, w: u64) -> serde_json::Value {
    let ids = ["hiejinja", "myogyoji", "hozoji", "hakuhoji"];
    let role = ["free", "required", "excluded"][(k % 3) as usize];
    match (k + w) % 4 {
        0 => {
            json!({"kind": "set_slots", "id": ids[(k % 4) as usize], "vehicle_slots": (k % 9) + 1})
        }
        1 => json!({"kind": "set_role", "id": ids[(w % 4) as usize], "role": role}),
        2 => json!({"kind": "set_p", "p": 3 + k % 4}),
        _ => json!({"kind": "set_radius", "radius_m": 400.0 + (k % 5) as f64 * 50.0}),
    }
}

/// What one writer sent: the `who` of each applied operation, the conflicts, the slowest
/// reply.
type Sent = (Vec<String>, u64, Duration);

/// Writer `w`: its share of the operations, on time, each on the version its last reply gave.
fn writer(s: &Server, w: u64, started: Instant) -> Sent {
    let (mut applied, mut conflicts, mut base, mut worst) =
        (Vec::new(), 0u64, 0u64, Duration::ZERO);
    let every = Duration::from_millis(1000 * WRITERS / PER_SECOND);
    for k in 0..SECONDS * PER_SECOND / WRITERS {
        let due = started + every * k as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let who = format!("w{w}-{k}");
        let t = Instant::now();
        let r = s.op(&json!({"base": base, "who": who, "op": op_for(k, w)}));
        worst = worst.max(t.elapsed());
        match r.status {
            200 => {
                base = r.json()["version"].as_u64().unwrap();
                applied.push(who);
            }
            409 => {
                conflicts += 1;
                base = r.json()["version"].as_u64().unwrap();
            }
            other => panic!("{who}: {other} {}", r.text()),
        }
    }
    (applied, conflicts, worst)
}

#[test]
#[ignore = "a minute of load; run by hand, figures in the README"]
fn fifty_subscribers_and_twenty_operations_a_second_for_a_minute() {
    let dir = session_dir();
    let s = Arc::new(Server::start(dir.path(), &["--p", "4"]));
    let lasts: Vec<Arc<AtomicU64>> = (0..CLIENTS).map(|_| Arc::new(AtomicU64::new(0))).collect();
    for l in &lasts {
        subscriber(&s, l.clone());
    }
    std::thread::sleep(Duration::from_millis(500));
    let rss_start = rss_kb(s.pid());
    let started = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let s = s.clone();
            std::thread::spawn(move || writer(&s, w, started))
        })
        .collect();
    let (mut applied, mut conflicts, mut worst) = (Vec::new(), 0, Duration::ZERO);
    for w in writers {
        let (a, c, t) = w.join().unwrap();
        applied.extend(a);
        conflicts += c;
        worst = worst.max(t);
    }
    let elapsed = started.elapsed();
    let final_version = s.state()["version"].as_u64().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while lasts
        .iter()
        .any(|l| l.load(Ordering::SeqCst) != final_version)
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let rss_end = rss_kb(s.pid());
    let log = std::fs::read_to_string(dir.path().join("operations.jsonl")).unwrap();
    let mut logged: Vec<String> = log
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["who"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let total = (SECONDS * PER_SECOND) as usize;
    println!(
        "soak: {total} operations sent in {:.1} s: {} applied, {conflicts} refused as conflicts (409), \
         final version {final_version}, slowest reply {} ms; {CLIENTS} subscribers all on {final_version}: {}; \
         server RSS {} kB at start, {} kB at end",
        elapsed.as_secs_f64(),
        applied.len(),
        worst.as_millis(),
        lasts.iter().all(|l| l.load(Ordering::SeqCst) == final_version),
        rss_start,
        rss_end
    );
    assert_eq!(
        applied.len() + conflicts as usize,
        total,
        "every operation answered"
    );
    assert_eq!(
        final_version as usize,
        applied.len(),
        "no operation lost or applied twice"
    );
    applied.sort();
    logged.sort();
    assert_eq!(logged, applied, "the log holds each applied operation once");
    for l in &lasts {
        assert_eq!(
            l.load(Ordering::SeqCst),
            final_version,
            "every client ends on the last version"
        );
    }
    assert!(
        rss_end < rss_start * 2 + 20_000,
        "memory flat: {rss_start} kB → {rss_end} kB"
    );
}

impl Server {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}
