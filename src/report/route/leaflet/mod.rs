//! The residents' leaflet: for each stop its name, address, weekdays, published time and the
//! first and last day the truck actually comes, as a printable page (HTML, A4, large type) or
//! a spreadsheet (CSV) a council merges into its own newsletter.
//!
//! The dates come from the calendar the ICS uses ([`crate::calendar::Series`]): the first
//! date on or after the start that falls on one of the stop's weekdays and is not skipped
//! (a national holiday with `--holidays jp`, a `--skip-dates` day), the last such date up to
//! the series' end, and the skipped days that fall on the stop's weekdays, so a resident is
//! told "no visit on 1月11日" rather than waiting in the cold.

mod html;

#[cfg(test)]
mod tests;

use super::info::RouteInfo;
use super::timetable::timetable_rows;
use crate::calendar::Series;
use crate::report::csv::neutralise;
use crate::report::labels::Lang;
use crate::route::{RouteProblem, WeekPlan};
use chrono::{Datelike, Days, NaiveDate};
use std::path::Path;

/// What a leaflet file is written as, chosen by its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafletFormat {
    /// A self-contained page to print: a table of every stop, then one page per stop.
    Html,
    /// One row per stop, UTF-8 with a BOM so Excel reads the Japanese.
    Csv,
}

impl LeafletFormat {
    /// The format a file name asks for (`.html`, `.htm`, `.csv`, any case); `None` for any
    /// other name, which the caller refuses naming its flag.
    pub fn from_path(path: &Path) -> Option<LeafletFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(LeafletFormat::Html),
            "csv" => Some(LeafletFormat::Csv),
            _ => None,
        }
    }
}

/// One stop as the leaflet shows it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    /// The stop's name (its id when it has none).
    pub(super) name: String,
    /// The stop's id.
    pub(super) id: String,
    /// The candidates' `address`, when given.
    pub(super) address: Option<String>,
    /// Weekdays of the visits, ascending (0 = Monday).
    pub(super) weekdays: Vec<u8>,
    /// "Tue, Fri" / "火・金".
    pub(super) days: String,
    /// The published time ("10:20–10:45", or each day's start when they differ).
    pub(super) time: String,
    /// The first day the truck comes, inside the calendar.
    pub(super) first: Option<NaiveDate>,
    /// The last day it comes.
    pub(super) last: Option<NaiveDate>,
    /// Skipped days on its weekdays.
    pub(super) skipped: Vec<NaiveDate>,
}

/// Every stop of the plan in timetable order, with its dates in the calendar.
pub(super) fn entries(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
) -> Vec<Entry> {
    let by_stop = plan.by_stop(p.stops.len());
    timetable_rows(p, plan, lang)
        .into_iter()
        .map(|(i, days, time)| {
            let s = &p.stops[i];
            let mut weekdays: Vec<u8> = by_stop[i].iter().map(|v| v.day).collect();
            weekdays.dedup();
            let cal = &info.calendar;
            Entry {
                name: s.label().to_string(),
                id: s.id.clone(),
                address: info.addresses.get(&s.id).cloned(),
                first: weekdays.iter().filter_map(|&d| first_on(cal, d)).min(),
                last: weekdays.iter().filter_map(|&d| last_on(cal, d)).max(),
                skipped: cal
                    .skip
                    .iter()
                    .copied()
                    .filter(|d| weekdays.contains(&weekday(*d)))
                    .collect(),
                weekdays,
                days,
                time,
            }
        })
        .collect()
}

/// Monday = 0, as the plan counts weekdays.
fn weekday(date: NaiveDate) -> u8 {
    date.weekday().num_days_from_monday() as u8
}

/// The first day of the series on weekday `day` that is not skipped.
fn first_on(cal: &Series, day: u8) -> Option<NaiveDate> {
    let ahead = (u32::from(day) + 7 - u32::from(weekday(cal.start))) % 7;
    let mut date = cal.start.checked_add_days(Days::new(u64::from(ahead)))?;
    while cal.skip.binary_search(&date).is_ok() {
        date = date.checked_add_days(Days::new(7))?;
    }
    (date <= cal.last).then_some(date)
}

/// The last day of the series on weekday `day` that is not skipped.
fn last_on(cal: &Series, day: u8) -> Option<NaiveDate> {
    let back = (u32::from(weekday(cal.last)) + 7 - u32::from(day)) % 7;
    let mut date = cal.last.checked_sub_days(Days::new(u64::from(back)))?;
    while cal.skip.binary_search(&date).is_ok() {
        date = date.checked_sub_days(Days::new(7))?;
    }
    (date >= cal.start).then_some(date)
}

/// The leaflet in `format`, ready to write.
pub fn route_leaflet(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
    format: LeafletFormat,
) -> Vec<u8> {
    match format {
        LeafletFormat::Html => html::leaflet_html(p, plan, info, lang).into_bytes(),
        LeafletFormat::Csv => leaflet_csv(&entries(p, plan, info, lang), lang),
    }
}

/// One row per stop; dates as YYYY-MM-DD, skipped days separated by spaces.
fn leaflet_csv(entries: &[Entry], lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: [(&str, &str); 8] = [
        ("stop", "停留所"),
        ("id", "ID"),
        ("address", "住所"),
        ("days", "曜日"),
        ("time", "時刻"),
        ("first_date", "初回"),
        ("last_date", "最終回"),
        ("no_visit_on", "休み"),
    ];
    w.write_record(header.iter().map(|(en, ja)| lang.pick(en, ja)))
        .expect("writing to memory");
    let iso = |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string());
    for e in entries {
        let skipped: Vec<String> = e.skipped.iter().map(|d| iso(Some(*d))).collect();
        let row = [
            neutralise(&e.name),
            neutralise(&e.id),
            neutralise(e.address.as_deref().unwrap_or("")),
            e.days.clone(),
            e.time.clone(),
            iso(e.first),
            iso(e.last),
            skipped.join(" "),
        ];
        w.write_record(&row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}
