//! The HTTP routes of docs/serve-api.md: the embedded page, the state, operations, why, the
//! event stream and the downloads, every one behind the guard.

use super::app::App;
use super::page;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use futures_util::stream::Stream;
use mobile_stops::meeting::{Refusal, Request as OpRequest};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// Largest request body (an operation is a few hundred bytes).
pub const BODY_LIMIT: usize = 1 << 20;
/// A body not fully sent within this is given up on.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// A comment line this often keeps proxies from closing the event stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The router of one server.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/api/state", get(state))
        .route("/api/op", post(op))
        .route("/api/why/{id}", get(why))
        .route("/api/events", get(events))
        .route("/download/{file}", get(super::downloads::download))
        .fallback(asset)
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// `{"error": message}` with `status`.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = serde_json::json!({ "error": message.into() });
    (status, json_headers(), body.to_string()).into_response()
}

fn json_headers() -> [(header::HeaderName, HeaderValue); 2] {
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ]
}

async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let mut res = match app.guard.check(req.method(), req.uri(), req.headers()) {
        Some((status, message)) => error(status, message),
        None => next.run(req).await,
    };
    // The token is in the page's URL: no Referer may carry it to a tile server.
    let h = res.headers_mut();
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn state(State(app): State<Arc<App>>) -> Response {
    (json_headers(), app.state()).into_response()
}

async fn op(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Response {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return too_large();
    }
    let bytes =
        match tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, BODY_LIMIT)).await {
            Err(_) => {
                return error(
                    StatusCode::REQUEST_TIMEOUT,
                    "the request body did not arrive in time",
                )
            }
            Ok(Err(e)) if is_length_limit(&e) => return too_large(),
            Ok(Err(e)) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("the request body could not be read: {e}"),
                )
            }
            Ok(Ok(b)) => b,
        };
    let req: OpRequest = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("expected {{\"base\": N, \"who\": TEXT, \"op\": {{\"kind\": …}}}}: {e}"),
            )
        }
    };
    match app.apply(req).await {
        Ok(doc) => (json_headers(), doc).into_response(),
        Err(r) => refused(r),
    }
}

fn too_large() -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("a request body of at most {BODY_LIMIT} bytes"),
    )
}

fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        if s.to_string().contains("length limit") {
            return true;
        }
        source = s.source();
    }
    false
}

/// A refused operation as its status with `{"error", "version"?}`.
fn refused(r: Refusal) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut body = serde_json::json!({ "error": r.message });
    if let Some(v) = r.version {
        body["version"] = v.into();
    }
    (status, json_headers(), body.to_string()).into_response()
}

async fn why(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let shown: String = id.chars().take(80).collect();
    match app.with_meeting(move |m| m.why(&id)).await.flatten() {
        Some(doc) => (json_headers(), doc.to_string()).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            format!("no candidate has the id `{shown}`"),
        ),
    }
}

async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = app.version.subscribe();
    let first = *rx.borrow();
    let stream = futures_util::stream::unfold((rx, Some(first)), |(mut rx, first)| async move {
        let v = match first {
            Some(v) => v,
            None => {
                rx.changed().await.ok()?;
                *rx.borrow_and_update()
            }
        };
        let event = Event::default()
            .event("state")
            .data(format!("{{\"version\":{v}}}"));
        Some((Ok(event), (rx, None)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

/// The embedded page's files; any other path is 404 (nothing reaches the file system).
async fn asset(method: Method, uri: axum::http::Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET for the page's files",
        );
    }
    match page::asset(uri.path()) {
        Some((kind, bytes)) => {
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ];
            (headers, Bytes::from_static(bytes)).into_response()
        }
        None => error(StatusCode::NOT_FOUND, "no such page"),
    }
}
