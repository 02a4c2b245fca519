//! The server's shared state: the meeting behind one lock (one operation at a time, solved
//! off the async threads), the state document cached per version so reading never waits for a
//! solve, and the version channel the event streams follow.

use super::guard::Guard;
use axum::body::Bytes;
use mobile_stops::meeting::{Meeting, Refusal, Request};
use serde_json::Value;
use std::sync::{Arc, RwLock};
use tokio::sync::{watch, Mutex};

/// Everything a request handler needs.
pub struct App {
    /// The meeting; the lock queues operations in arrival order.
    pub meeting: Arc<Mutex<Meeting>>,
    /// The state document of the current version.
    pub state: RwLock<(u64, Bytes)>,
    /// The current version, for the event streams.
    pub version: watch::Sender<u64>,
    /// Who may ask.
    pub guard: Guard,
    /// The base map the state offers.
    pub tiles: Value,
}

impl App {
    /// The app around `meeting`, its state rendered once.
    pub fn new(meeting: Meeting, guard: Guard, tiles: Value) -> Arc<App> {
        let v = meeting.version();
        let doc = render(&meeting, &tiles);
        Arc::new(App {
            meeting: Arc::new(Mutex::new(meeting)),
            state: RwLock::new((v, doc)),
            version: watch::channel(v).0,
            guard,
            tiles,
        })
    }

    /// The cached state document.
    pub fn state(&self) -> Bytes {
        self.state.read().map(|s| s.1.clone()).unwrap_or_default()
    }

    /// Applies `req` (waiting its turn, solving on a blocking thread), caches the new
    /// state and tells the event streams. Returns the new state document.
    pub async fn apply(self: &Arc<App>, req: Request) -> Result<Bytes, Refusal> {
        let meeting = self.meeting.clone().lock_owned().await;
        let app = self.clone();
        let done = tokio::task::spawn_blocking(move || {
            let mut m = meeting;
            let v = m.apply(req, now_japan())?;
            let doc = render(&m, &app.tiles);
            if let Ok(mut s) = app.state.write() {
                *s = (v, doc.clone());
            }
            app.version.send_replace(v);
            Ok(doc)
        });
        done.await.unwrap_or_else(|e| {
            Err(Refusal {
                status: 500,
                message: format!("the operation failed inside the server: {e}"),
                version: None,
            })
        })
    }

    /// Runs `f` on the meeting on a blocking thread (a report can take seconds).
    pub async fn with_meeting<T: Send + 'static>(
        self: &Arc<App>,
        f: impl FnOnce(&Meeting) -> T + Send + 'static,
    ) -> Option<T> {
        let meeting = self.meeting.clone().lock_owned().await;
        tokio::task::spawn_blocking(move || f(&meeting)).await.ok()
    }
}

fn render(m: &Meeting, tiles: &Value) -> Bytes {
    let doc = m.state_json(tiles.clone());
    Bytes::from(serde_json::to_vec(&doc).expect("JSON values always serialise"))
}

/// Now in Japan time, RFC 3339 to the second: the history's "when".
pub fn now_japan() -> String {
    let jst = chrono::FixedOffset::east_opt(9 * 3600).expect("a valid offset");
    chrono::Utc::now()
        .with_timezone(&jst)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}
