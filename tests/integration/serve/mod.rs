//! `mobile-stops serve` over real sockets against the built binary: a server on a free port
//! (the URL read from its first line of output), requests written by hand so every header
//! (Host, Origin, a lying Content-Length, half a request) is under the test's control.

mod downloads;
mod faults;
mod lang;
mod network;
mod ops;
mod security;
mod soak;

use crate::helpers::command;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

/// A running server, killed when dropped.
pub struct Server {
    child: Child,
    /// `host:port`.
    pub addr: String,
    /// The token of a non-loopback bind.
    pub token: Option<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `serve --port 0 --session SESSION ARGS…`, once its URL is printed.
    pub fn start(session: &Path, args: &[&str]) -> Server {
        let mut child = command()
            .args(["serve", "--port", "0", "--session"])
            .arg(session)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut first = String::new();
        let out = child.stdout.take().expect("piped");
        let mut reader = BufReader::new(out);
        reader.read_line(&mut first).expect("the URL line");
        // Keep draining (the QR code) so the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        let url = first.trim();
        assert!(url.starts_with("http://"), "first line is the URL: {url:?}");
        let rest = &url["http://".len()..];
        let (addr, query) = rest.split_once('/').expect("a path");
        let token = query.strip_prefix("?token=").map(str::to_string);
        Server {
            child,
            addr: addr.to_string(),
            token,
        }
    }

    /// Kills the server at once (SIGKILL).
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// `path` with the token appended when the server has one.
    pub fn path(&self, path: &str) -> String {
        match &self.token {
            Some(t) if path.contains('?') => format!("{path}&token={t}"),
            Some(t) => format!("{path}?token={t}"),
            None => path.to_string(),
        }
    }

    /// A GET with the right Host.
    pub fn get(&self, path: &str) -> Reply {
        let head = format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\n",
            self.path(path),
            self.addr
        );
        self.send(&head, b"")
    }

    /// The current state.
    pub fn state(&self) -> Value {
        let r = self.get("/api/state");
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    /// A same-origin JSON POST of `body` to /api/op.
    pub fn op(&self, body: &Value) -> Reply {
        self.post_raw(
            &self.path("/api/op"),
            &[("Origin", &format!("http://{}", self.addr))],
            body.to_string().as_bytes(),
        )
    }

    /// `{"base", "who", "op"}` on the current version, asserting it was applied.
    pub fn apply(&self, op: Value) -> Value {
        let base = self.state()["version"].as_u64().unwrap();
        let r = self.op(&serde_json::json!({"base": base, "who": "test", "op": op}));
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    /// A POST with these extra headers (Host and Content-Type: application/json are set).
    pub fn post_raw(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut head = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        self.send(&head, body)
    }

    /// Sends `head` (request line and headers, without the blank line) and `body`, reads the
    /// whole reply.
    pub fn send(&self, head: &str, body: &[u8]) -> Reply {
        let mut s = TcpStream::connect(&self.addr).expect("connects");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut bytes = format!("{head}Connection: close\r\n\r\n").into_bytes();
        bytes.extend_from_slice(body);
        // Written on its own thread: a server that answers before reading a large body
        // (413) must not leave this test stuck writing.
        let mut w = s.try_clone().expect("a second handle");
        let writer = std::thread::spawn(move || {
            let _ = w.write_all(&bytes);
        });
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let _ = writer.join();
        Reply::parse(&raw)
    }
}

/// A whole HTTP reply.
#[derive(Debug)]
pub struct Reply {
    /// The status code (0 when none came).
    pub status: u16,
    /// Header lines, lower-cased names.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let rest = raw.get(split + 4..).unwrap_or_default();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked {
            dechunk(rest)
        } else {
            rest.to_vec()
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("JSON ({e}): {}", self.text()))
    }

    /// The error message of an error reply (asserting the `{"error": TEXT}` shape).
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .expect("{\"error\": TEXT}")
            .to_string()
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&rest[start..(start + size).min(rest.len())]);
        rest = rest.get(start + size + 2..).unwrap_or_default();
    }
    out
}

/// A fresh session folder under the build's temporary folder.
pub fn session_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("serve-session-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary folder")
}
