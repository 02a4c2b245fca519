//! `--pin`: a timetable this tool wrote (route's CSV or JSON, or a leaflet's CSV), as
//! printed. Residents already know those days and times, so each pinned stop keeps them: its
//! visits become exactly its pinned days, and its window exactly one visit at its pinned time.
//! The search then fits the other stops around them, by the same rules as any window.

use super::week::{clock_time, weekday, weekday_list};
use crate::error::{Error, Location, Result};
use crate::io::text::{describe, SourceText, Table};
use crate::route::clock::PUBLISHED_STEP_MIN;
use crate::route::{Pin, Place, StopRules, WeekRules};

/// One pinned visit as read.
struct PinRow {
    stop: String,
    days: Vec<u8>,
    at_min: f64,
    /// The printed end of the stay, when the row gives a published window (`10:10–10:35`).
    printed: Option<Printed>,
    at: Location,
}

/// A published time: 5-minute marks inside the stay, its end when printed.
#[derive(Clone, Copy)]
struct Printed {
    end: Option<f64>,
}

/// Reads the pins of `src` and applies them to the stops they name: days, one-visit window,
/// visits per week.
pub fn apply_pins(
    src: &SourceText,
    stops: &[Place],
    rules: &mut [StopRules],
    visits: &mut [u8],
    week: &WeekRules,
) -> Result<()> {
    let rows = if src.text.trim_start().starts_with('{') {
        json_rows(src)?
    } else {
        csv_rows(src)?
    };
    let mut pinned: Vec<Vec<Visit>> = vec![Vec::new(); stops.len()];
    for r in rows {
        let i = find_stop(&r.stop, stops).ok_or_else(|| {
            Error::input(
                r.at.clone(),
                "a stop of the routed set (a pin keeps a stop that is routed)",
                format!("`{}`", r.stop),
            )
        })?;
        for d in r.days {
            pinned[i].push((d, r.at_min, r.printed.map(|p| p.end), r.at.clone()));
        }
    }
    let fleet = week.fleet_from(0);
    for (i, pins) in pinned.iter_mut().enumerate() {
        if pins.is_empty() {
            continue;
        }
        pins.sort_by_key(|p| p.0);
        let service = rules[i].service_min.unwrap_or(week.service_min);
        let pin = checked_pin(pins, stops[i].label(), service, &rules[i].windows, &fleet)?;
        visits[i] = pin.days.count_ones() as u8;
        rules[i].pin = Some(pin);
    }
    Ok(())
}

/// One stop's pinned visits (sorted by day) as a pin: one or two days, two days at least two
/// apart, one time, inside a truck's hours on those days and inside the stop's windows.
fn checked_pin(
    pins: &[Visit],
    label: &str,
    service: f64,
    own: &[(f64, f64)],
    fleet: &[crate::route::Truck],
) -> Result<Pin> {
    let (t, at) = (pins[0].1, pins.last().expect("not empty").3.clone());
    let bad = |expected: &str, found: String| Err(Error::input(at.clone(), expected, found));
    let days: Vec<u8> = pins.iter().map(|p| p.0).collect();
    if pins.len() > 2 || days.windows(2).any(|w| w[0] == w[1]) {
        return bad(
            "each stop pinned on one or two different days",
            format!("`{label}` on {} visits", pins.len()),
        );
    }
    if pins.iter().any(|p| (p.1 - t).abs() > 1e-9) {
        return bad(
            "the same time on both days of a stop (as the leaflet prints it)",
            format!("`{label}` at two times"),
        );
    }
    if let [a, b] = days[..] {
        let gap = b - a;
        if gap.min(7 - gap) < 2 {
            return bad(
                "two pinned days at least two days apart",
                format!("`{label}` on neighbouring days"),
            );
        }
    }
    let in_hours = days.iter().all(|&d| {
        fleet.iter().any(|k| {
            k.days.contains(&d) && t >= k.window_start - 1e-9 && t + service <= k.window_end + 1e-9
        })
    });
    let in_window = own.is_empty()
        || own
            .iter()
            .any(|&(o, c)| t >= o - 1e-9 && t + service <= c + 1e-9);
    if !(in_hours && in_window) {
        return bad(
            "a pinned time inside a truck's hours on its days and inside the stop's windows",
            format!("`{label}` at {}", crate::route::clock::clock(t)),
        );
    }
    let mut pin = Pin::exact(t, days.iter().fold(0, |m, &d| m | (1 << d)));
    if let Some(end) = pins[0].2 {
        // A published window: the arrival was rounded up to it, and the departure down to
        // its end, so any start that publishes the same window keeps the pin.
        pin.earliest = t - PUBLISHED_STEP_MIN as f64 + 0.51;
        if let Some(end) = end {
            let (lo, hi) = (
                end - service - 0.49,
                end - service + PUBLISHED_STEP_MIN as f64 - 0.51,
            );
            if lo.max(pin.earliest) <= hi.min(pin.latest) {
                pin.earliest = pin.earliest.max(lo);
                pin.latest = pin.latest.min(hi);
            }
        }
    }
    Ok(pin)
}

/// One pinned visit: weekday, printed arrival, the printed window's end (`Some(None)` for a
/// published arrival without its end, `None` for an exact one), where it was read.
type Visit = (u8, f64, Option<Option<f64>>, Location);

/// The stop a pin names: by id, else by a name only one stop has.
fn find_stop(name: &str, stops: &[Place]) -> Option<usize> {
    if let Some(i) = stops.iter().position(|p| p.id == name) {
        return Some(i);
    }
    let named: Vec<usize> = (0..stops.len())
        .filter(|&i| stops[i].name.as_deref() == Some(name))
        .collect();
    (named.len() == 1).then(|| named[0])
}

/// Rows of a CSV timetable: route's (one row per visit: day, id, arrive) or a leaflet's (one
/// row per stop: name or id, days, time).
fn csv_rows(src: &SourceText) -> Result<Vec<PinRow>> {
    let table = Table::parse(src, crate::io::columns::PINS)?;
    let stop = match table.column("id") {
        Some(c) => c,
        None => table.require("name", "the pinned stop's id or name")?,
    };
    let day = match table.column("days") {
        Some(c) => c,
        None => table.require("day", "the weekday(s) of the visit")?,
    };
    let exact = table.column("arrive");
    let time = ["arrive", "published_arrive", "time"]
        .iter()
        .find_map(|n| table.column(n))
        .map_or_else(|| table.require("arrive", "the arrival HH:MM"), Ok)?;
    let end_col = table.column("published_depart");
    table.require_rows("pinned visits")?;
    let mut out = Vec::new();
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let at = |c: usize| Location::at(&src.name, rec.line, Some(c + 1));
        let days = weekday_list(cells.text(day)).ok_or_else(|| {
            cells.error(
                day,
                "weekdays such as Mon or 火・金",
                describe(cells.text(day)),
            )
        })?;
        let mut parts = cells.text(time).split(['–', '-', '〜', '~']);
        let first = parts.next().unwrap_or("");
        let at_min = clock_time(first)
            .ok_or_else(|| cells.error(time, "a time HH:MM", describe(cells.text(time))))?;
        let end = parts
            .next()
            .or(end_col.map(|c| cells.text(c)))
            .and_then(clock_time);
        out.push(PinRow {
            stop: cells.text(stop).trim().to_string(),
            days,
            at_min,
            printed: exact.is_none().then_some(Printed { end }),
            at: at(stop),
        });
    }
    Ok(out)
}

/// Rows of route's JSON: `days[].stops[]` with `id` and `arrive`.
fn json_rows(src: &SourceText) -> Result<Vec<PinRow>> {
    let whole = Location::file(&src.name);
    let doc: serde_json::Value = serde_json::from_str(&src.text).map_err(|e| {
        Error::input(
            Location::at(&src.name, e.line() as u64, Some(e.column())),
            "a route --format json timetable",
            e.to_string(),
        )
    })?;
    let Some(days) = doc.get("days").and_then(|d| d.as_array()) else {
        return Err(Error::input(
            whole,
            "a `days` array (the output of `route --format json`)",
            "no `days` array",
        ));
    };
    let mut out = Vec::new();
    for (k, d) in days.iter().enumerate() {
        let here = |what: &str| Location::file(format!("{} ({what})", src.name));
        let day = d
            .get("day")
            .and_then(|x| x.as_str())
            .and_then(weekday)
            .ok_or_else(|| Error::input(here(&format!("days[{k}].day")), "a weekday", "none"))?;
        for (n, s) in d
            .get("stops")
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
            .enumerate()
        {
            let path = format!("days[{k}].stops[{n}]");
            let id = s.get("id").and_then(|x| x.as_str());
            let t = s
                .get("arrive")
                .and_then(|x| x.as_str())
                .and_then(clock_time);
            let (Some(id), Some(t)) = (id, t) else {
                return Err(Error::input(
                    here(&path),
                    "an `id` and an `arrive` HH:MM",
                    s.to_string(),
                ));
            };
            out.push(PinRow {
                stop: id.to_string(),
                days: vec![day],
                at_min: t,
                printed: None,
                at: here(&path),
            });
        }
    }
    Ok(out)
}
