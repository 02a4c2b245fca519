//! The fleet: `--trucks N` alike trucks, or a trucks file where each truck has its own depot,
//! hours, days, stop limit and break (`id,depot,window,days,max_stops_per_day,break`); an empty
//! cell keeps the week's flag.
//!
//! A supermarket with two stores sends each truck out from its own store in its own hours; a
//! week planned as if they were alike sends one of them across town twice a day.

use super::stop_rules::parse_break;
use super::week::{span, weekday};
use crate::error::{Error, Location, Result};
use crate::io::text::{SourceText, Table};
use crate::route::{Break, Place, WeekRules};

/// One truck as its file gives it, its depot still a place (the travel matrix comes later).
#[derive(Debug, Clone, PartialEq)]
pub struct TruckRow {
    /// Its name.
    pub id: String,
    /// Where it starts and ends.
    pub depot: Place,
    /// Its hours, minutes after midnight.
    pub window: (f64, f64),
    /// Its weekdays, ascending.
    pub days: Vec<u8>,
    /// Most stops a day.
    pub max_stops_per_day: Option<usize>,
    /// Its break.
    pub brk: Option<Break>,
}

/// Reads a trucks file; `default_depot` (the `--depot`, when given) fills empty depot cells,
/// `rules` the other empty cells; `depot_of` turns a cell's text into a place.
pub fn read_trucks(
    src: &SourceText,
    rules: &WeekRules,
    default_depot: Option<&Place>,
    depot_of: &dyn Fn(&str) -> Result<Place>,
) -> Result<Vec<TruckRow>> {
    let table = Table::parse(src, crate::io::columns::TRUCKS)?;
    let id = table.require("id", "the truck's name")?;
    let col = |n: &str| table.column(n);
    let (depot, window_col, days, max, brk_col) = (
        col("depot"),
        col("window"),
        col("days"),
        col("max_stops_per_day"),
        col("break"),
    );
    table.require_rows("trucks")?;
    let mut out: Vec<TruckRow> = Vec::new();
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let at = |c: usize| Location::at(&src.name, rec.line, Some(c + 1));
        let text = |c: Option<usize>| c.map(|c| cells.text(c).trim()).filter(|t| !t.is_empty());
        let bad = |c: usize, expected: &str| {
            Error::input(at(c), expected, format!("`{}`", cells.text(c).trim()))
        };
        let name = cells.id(id)?;
        if out.iter().any(|t| t.id == name) {
            return Err(bad(id, "each truck once"));
        }
        let place = match (text(depot), default_depot) {
            (Some(raw), _) => depot_of(raw).map_err(|e| {
                Error::input(
                    at(depot.expect("a cell was read")),
                    "a depot: LAT,LON or the id or name of a candidate or shop",
                    format!("`{raw}` ({e})"),
                )
            })?,
            (None, Some(p)) => p.clone(),
            (None, None) => {
                return Err(Error::input(
                    Location::at(&src.name, rec.line, depot.map(|c| c + 1)),
                    "a depot for every truck (a `depot` column, or --depot)",
                    "none",
                ))
            }
        };
        let window = match (text(window_col), window_col) {
            (Some(raw), Some(c)) => span(raw).map_err(|why| bad(c, why))?,
            _ => (rules.window_start, rules.window_end),
        };
        let days = match (text(days), days) {
            (Some(raw), Some(c)) => day_list(raw)
                .ok_or_else(|| bad(c, "weekdays such as mon,tue,wed or 月・火・水, each once"))?,
            _ => rules.days.clone(),
        };
        let max_stops_per_day = match (text(max), max) {
            (Some(raw), Some(c)) => match raw.parse::<usize>() {
                Ok(m) if (1..=1000).contains(&m) => Some(m),
                _ => return Err(bad(c, "1 to 1000 stops")),
            },
            _ => rules.max_stops_per_day,
        };
        let brk = match (text(brk_col), brk_col) {
            (Some(raw), Some(c)) => Some(parse_break(raw).map_err(|why| bad(c, &why))?),
            _ => rules.brk,
        };
        if brk.is_some_and(|b| !break_fits(&b, window)) {
            let here = match (text(brk_col), brk_col) {
                (Some(_), Some(c)) => at(c),
                _ => Location::at(&src.name, rec.line, window_col.map(|c| c + 1)),
            };
            return Err(Error::input(
                here,
                "a break inside the truck's hours",
                format!(
                    "hours {}-{}",
                    crate::route::clock::clock(window.0),
                    crate::route::clock::clock(window.1)
                ),
            ));
        }
        out.push(TruckRow {
            id: name,
            depot: place,
            window,
            days,
            max_stops_per_day,
            brk,
        });
    }
    if out.len() > 50 {
        return Err(Error::input(
            Location::file(&src.name),
            "1 to 50 trucks",
            format!("{} trucks", out.len()),
        ));
    }
    Ok(out)
}

/// Whether a break can be taken inside hours `window`: its span and the hours overlap by at
/// least its length.
pub fn break_fits(b: &Break, window: (f64, f64)) -> bool {
    b.from.max(window.0) + b.minutes <= b.to.min(window.1) + 1e-9
}

/// Weekdays separated by `,`, `、`, `・`, `/` or spaces, each once, ascending.
fn day_list(raw: &str) -> Option<Vec<u8>> {
    let mut days = Vec::new();
    for t in raw
        .split([',', '、', '・', '/', ' ', '，'])
        .filter(|t| !t.trim().is_empty())
    {
        let d = weekday(t)?;
        if days.contains(&d) {
            return None;
        }
        days.push(d);
    }
    days.sort_unstable();
    (!days.is_empty()).then_some(days)
}

/// The trucks of a file as the planner's fleet, each depot an index of the travel matrix
/// (`index_of`), and the week's days the union of theirs.
pub fn fleet_rules(rows: &[TruckRow], rules: &mut WeekRules, index_of: &dyn Fn(&Place) -> usize) {
    rules.fleet = rows
        .iter()
        .map(|r| crate::route::Truck {
            id: r.id.clone(),
            depot: index_of(&r.depot),
            window_start: r.window.0,
            window_end: r.window.1,
            days: r.days.clone(),
            max_stops_per_day: r.max_stops_per_day,
            brk: r.brk,
        })
        .collect();
    let mut days: Vec<u8> = rows.iter().flat_map(|r| r.days.iter().copied()).collect();
    days.sort_unstable();
    days.dedup();
    rules.days = days;
    rules.trucks = rows.len();
}
