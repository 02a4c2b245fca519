//! The files the meeting hands out, for the agreed set: the council report (`report`'s
//! HTML), the week as `route` writes it (CSV, ICS), the stops, and the edited candidates.

use super::app::App;
use super::routes::error;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mobile_stops::calendar::{Series, SeriesOptions};
use mobile_stops::meeting::Outputs;
use mobile_stops::pipeline::{start_date, unfit_error};
use mobile_stops::report::{council_html, render_route, Lang, RouteFormat, RouteInfo};
use std::collections::HashMap;
use std::sync::Arc;

/// `GET /download/{file}`.
pub async fn download(
    State(app): State<Arc<App>>,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let cp932 = q
        .get("encoding")
        .is_some_and(|e| e.eq_ignore_ascii_case("cp932"));
    let name = file.clone();
    // A copy of this version: the report takes a while, and the room goes on meanwhile.
    let outputs = app.meeting.lock().await.outputs();
    let made = tokio::task::spawn_blocking(move || make(&outputs, &name, cp932))
        .await
        .ok();
    match made {
        Some(Ok((kind, bytes))) => {
            let disposition = format!("attachment; filename=\"{file}\"");
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&disposition)
                        .unwrap_or(HeaderValue::from_static("attachment")),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ];
            (headers, bytes).into_response()
        }
        Some(Err((status, message))) => error(status, message),
        None => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the download failed inside the server",
        ),
    }
}

type Made = Result<(&'static str, Vec<u8>), (StatusCode, String)>;

fn make(m: &Outputs, file: &str, cp932: bool) -> Made {
    let lang = m.setup().council.lang;
    match file {
        "report.html" => report(m, lang),
        "timetable.csv" => timetable(m, RouteFormat::Csv, lang).map(|b| ("text/csv; charset=utf-8", b)),
        "timetable.ics" => timetable(m, RouteFormat::Ics, lang).map(|b| ("text/calendar; charset=utf-8", b)),
        "stops.json" => {
            let mut b = serde_json::to_vec_pretty(&m.stops_json()).expect("JSON values always serialise");
            b.push(b'\n');
            Ok(("application/json; charset=utf-8", b))
        }
        "stops.csv" => Ok(("text/csv; charset=utf-8", m.stops_csv())),
        "candidates.csv" => {
            let kind = if cp932 { "text/csv; charset=shift_jis" } else { "text/csv; charset=utf-8" };
            Ok((kind, m.candidates_csv(cp932)))
        }
        _ => Err((StatusCode::NOT_FOUND, format!(
            "no download `{}`: report.html, timetable.csv, timetable.ics, stops.json, stops.csv, candidates.csv",
            file.chars().take(80).collect::<String>()
        ))),
    }
}

fn failed(e: mobile_stops::Error) -> (StatusCode, String) {
    (StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
}

/// The council report as `report` writes it for the same flags and edits, stamped with the
/// time and the session's version.
fn report(m: &Outputs, lang: Lang) -> Made {
    let done = m.council_report().map_err(failed)?;
    let mut r = done.report(m.data(), Some(mobile_stops::pipeline::stamp_now(lang)));
    let session = m.session.as_ref().map(|d| d.display().to_string());
    let session = session.unwrap_or_default();
    r.command = Some(format!(
        "{} ({} {session}, {} {})",
        super::super::command_line::shown_command("serve"),
        lang.pick("session", "セッション"),
        lang.pick("version", "版"),
        m.version
    ));
    Ok((
        "text/html; charset=utf-8",
        council_html(&r, lang).into_bytes(),
    ))
}

/// The agreed set's week as `route --stops IDS` writes it (the calendar from the coming
/// Monday, as `route` without `--start-date`).
fn timetable(
    m: &Outputs,
    format: RouteFormat,
    lang: Lang,
) -> Result<Vec<u8>, (StatusCode, String)> {
    let Some(planned) = m.route_plan().map_err(failed)? else {
        return Err((
            StatusCode::NOT_FOUND,
            "no timetable: start serve with --depot (or a trucks file) to plan the week".into(),
        ));
    };
    let plan = match &planned.week {
        Ok(plan) => plan,
        Err(u) => return Err(failed(unfit_error(u, &planned.problem.stops))),
    };
    let start = start_date(None).map_err(failed)?;
    let (calendar, _) = Series::new(start, &SeriesOptions::default()).map_err(failed)?;
    let data = m.data();
    let info = RouteInfo {
        stops_from: planned.stops_from.clone(),
        data: data.label.clone(),
        calendar,
        addresses: super::super::calendar::addresses(&data.candidates.data),
        warnings: planned.warnings.clone(),
    };
    render_route(&planned.problem, plan, &info, format, lang)
        .ok_or((StatusCode::NOT_FOUND, "no such timetable format".into()))
}
