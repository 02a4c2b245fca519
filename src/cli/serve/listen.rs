//! Binding, the printed URL (first line of standard output, so scripts and tests can read it;
//! with a QR code for tablets when a token is needed), and the accept loop: each connection
//! on its own task with a deadline for its request headers, and a cap on open connections, so
//! a client that opens many, sends half a request or garbage leaves the page working for the
//! rest.

use super::app::App;
use super::guard::Guard;
use super::ServeArgs;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use mobile_stops::meeting::Meeting;
use mobile_stops::Error;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// A request's headers must arrive within this (a half-sent request is dropped after it).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Most connections open at once (a projector, a dozen tablets and their event streams use
/// a few dozen); more wait in the listen queue until one closes.
pub const MAX_CONNECTIONS: usize = 512;

/// Serves `meeting` until the process is interrupted.
pub fn serve(meeting: Meeting, args: &ServeArgs, tiles: serde_json::Value) -> Result<(), Error> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("the server", "starting", e))?;
    rt.block_on(run(meeting, args, tiles))
}

async fn run(meeting: Meeting, args: &ServeArgs, tiles: serde_json::Value) -> Result<(), Error> {
    let addr = SocketAddr::new(args.host, args.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::io(addr.to_string(), "listening on", e))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io(addr.to_string(), "listening on", e))?
        .port();
    let guard = Guard::new(args.host, port);
    let url = url(args.host, port, guard.token.as_deref());
    announce(&url, guard.token.is_some(), args.lang);
    if args.open {
        open_browser(&url);
    }
    let app = App::new(meeting, guard, tiles);
    let router = super::routes::router(app);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = slots
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let (stream, _) = match listener.accept().await {
            Ok(c) => c,
            // Out of file descriptors and the like: wait a moment rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(64 * 1024)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// The address a tablet can reach: for a wildcard bind, this machine's address on the
/// network its default route uses (found without sending anything).
fn url(host: IpAddr, port: u16, token: Option<&str>) -> String {
    let shown = if host.is_unspecified() {
        lan_address().unwrap_or(host)
    } else {
        host
    };
    let host = match shown {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => format!("[{a}]"),
    };
    match token {
        Some(t) => format!("http://{host}:{port}/?token={t}"),
        None => format!("http://{host}:{port}/"),
    }
}

fn lan_address() -> Option<IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // A UDP "connect" only picks the route; no packet leaves.
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// The URL first (alone on the first line of standard output), then how to use it.
fn announce(url: &str, token: bool, lang: mobile_stops::report::Lang) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{url}");
    if token {
        if let Ok(code) = qrcode::QrCode::new(url.as_bytes()) {
            let art = code
                .render::<qrcode::render::unicode::Dense1x2>()
                .quiet_zone(true)
                .build();
            let _ = writeln!(out, "{art}");
        }
    }
    let _ = out.flush();
    let note = if token {
        lang.pick(
            "mobile-stops: serving the meeting page; tablets on this network open the URL above \
             (or scan the code); requests without its token are refused. Ctrl-C stops.",
            "mobile-stops: 会議ページを公開中。同じネットワークのタブレットは上のURLを開くか\
             QRコードを読み取ってください（トークンのない要求は拒否します）。Ctrl-C で終了。",
        )
    } else {
        lang.pick(
            "mobile-stops: serving the meeting page on this computer only. Ctrl-C stops.",
            "mobile-stops: このパソコンだけに会議ページを公開中。Ctrl-C で終了。",
        )
    };
    eprintln!("{note}");
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("mobile-stops: could not open a browser; open {url}");
    }
}
