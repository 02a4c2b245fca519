//! Who may talk to the meeting: the Host header names this server (DNS rebinding), the token
//! is carried when bound beyond loopback (a shared Wi-Fi), and a state-changing request comes
//! from this page (CSRF).

use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use std::net::IpAddr;

/// The checks of one server.
#[derive(Debug, Clone)]
pub struct Guard {
    /// Required on every request when bound beyond loopback.
    pub token: Option<String>,
    /// `host:port` values the Host header may have.
    pub hosts: Vec<String>,
    /// Bound to every address (0.0.0.0 or ::): any IP literal with our port is ours too (a
    /// rebinding attack needs a domain name, and the token still guards it).
    pub any_ip: bool,
    /// The port.
    pub port: u16,
}

impl Guard {
    /// The guard for a server bound to `ip:port`, with a fresh token unless loopback.
    pub fn new(ip: IpAddr, port: u16) -> Guard {
        let shown = |ip: IpAddr| match ip {
            IpAddr::V4(a) => format!("{a}:{port}"),
            IpAddr::V6(a) => format!("[{a}]:{port}"),
        };
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        if !hosts.contains(&shown(ip)) {
            hosts.push(shown(ip));
        }
        Guard {
            token: (!ip.is_loopback()).then(new_token),
            hosts,
            any_ip: ip.is_unspecified(),
            port,
        }
    }

    /// `None` when the request may go on, else the status and the message.
    pub fn check(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
    ) -> Option<(StatusCode, String)> {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !self.host_ok(host) {
            return Some((
                StatusCode::MISDIRECTED_REQUEST,
                format!(
                    "this server answers to {}, not to the Host `{}`",
                    self.hosts.join(", "),
                    host.chars().take(100).collect::<String>()
                ),
            ));
        }
        if let Some(token) = &self.token {
            if !carries(uri, headers, token) {
                return Some((
                    StatusCode::UNAUTHORIZED,
                    "a token is needed: open the URL the server printed (with ?token=…)".into(),
                ));
            }
        }
        if method == Method::POST && !self.same_origin(headers) {
            return Some((
                StatusCode::FORBIDDEN,
                "changes are accepted only from this server's own page".into(),
            ));
        }
        None
    }

    fn host_ok(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        if self.hosts.contains(&host) {
            return true;
        }
        if !self.any_ip {
            return false;
        }
        let Some((name, port)) = host.rsplit_once(':') else {
            return false;
        };
        let name = name.trim_start_matches('[').trim_end_matches(']');
        port == self.port.to_string() && name.parse::<IpAddr>().is_ok()
    }

    /// An `Origin` naming this server, or none with a JSON body (a form of another site
    /// cannot send `application/json` without the browser asking first).
    fn same_origin(&self, headers: &HeaderMap) -> bool {
        match headers.get(header::ORIGIN) {
            Some(origin) => origin
                .to_str()
                .ok()
                .and_then(|o| o.strip_prefix("http://"))
                .is_some_and(|h| self.host_ok(h)),
            None => headers
                .get(header::CONTENT_TYPE)
                .and_then(|c| c.to_str().ok())
                .is_some_and(|c| {
                    c.trim()
                        .to_ascii_lowercase()
                        .starts_with("application/json")
                }),
        }
    }
}

/// Whether the request carries `token` (`?token=` or `Authorization: Bearer`), compared in
/// time that does not depend on where the first difference is.
fn carries(uri: &Uri, headers: &HeaderMap, token: &str) -> bool {
    let from_query = uri
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="));
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "));
    [from_query, from_header]
        .into_iter()
        .flatten()
        .any(|given| same(given.trim(), token))
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// 128 random bits from the operating system, as hex.
fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in list {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn hosts_tokens_and_origins_are_checked() {
        let loop_ = Guard::new("127.0.0.1".parse().unwrap(), 8080);
        assert!(loop_.token.is_none());
        let get = |g: &Guard, uri: &str, h: &[(&'static str, &str)]| {
            g.check(&Method::GET, &uri.parse().unwrap(), &headers(h))
                .map(|e| e.0)
        };
        assert_eq!(get(&loop_, "/", &[("host", "localhost:8080")]), None);
        assert_eq!(
            get(&loop_, "/", &[("host", "evil.example:8080")]),
            Some(StatusCode::MISDIRECTED_REQUEST)
        );
        let post = |g: &Guard, h: &[(&'static str, &str)]| {
            g.check(&Method::POST, &"/api/op".parse().unwrap(), &headers(h))
                .map(|e| e.0)
        };
        let host = ("host", "127.0.0.1:8080");
        assert_eq!(
            post(&loop_, &[host, ("origin", "http://127.0.0.1:8080")]),
            None
        );
        assert_eq!(
            post(&loop_, &[host, ("origin", "http://evil.example")]),
            Some(StatusCode::FORBIDDEN)
        );
        assert_eq!(
            post(&loop_, &[host, ("content-type", "text/plain")]),
            Some(StatusCode::FORBIDDEN)
        );
        assert_eq!(
            post(&loop_, &[host, ("content-type", "application/json")]),
            None
        );
        let lan = Guard::new("0.0.0.0".parse().unwrap(), 9000);
        let token = lan.token.clone().unwrap();
        assert_eq!(token.len(), 32);
        let lan_host = ("host", "192.168.1.20:9000");
        assert_eq!(
            get(&lan, "/api/state", &[lan_host]),
            Some(StatusCode::UNAUTHORIZED)
        );
        assert_eq!(
            get(&lan, "/api/state?token=wrong", &[lan_host]),
            Some(StatusCode::UNAUTHORIZED)
        );
        assert_eq!(
            get(&lan, &format!("/api/state?token={token}"), &[lan_host]),
            None
        );
        let bearer = format!("Bearer {token}");
        assert_eq!(
            get(&lan, "/", &[lan_host, ("authorization", &bearer)]),
            None
        );
        let named = ("host", "rebind.example:9000");
        assert_eq!(
            get(&lan, &format!("/?token={token}"), &[named]),
            Some(StatusCode::MISDIRECTED_REQUEST)
        );
    }
}
