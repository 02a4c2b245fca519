//! The fleet: `--trucks N` alike trucks, or a trucks file where each truck has its own depot,
//! hours, days, stop limit and break (`id,depot,window,days,max_stops_per_day,break`); an empty
//! cell keeps the week's flag.
//!
//! A supermarket with two stores sends each truck out from its own store in its own hours; a
//! week planned as if they were alike sends one of them across town twice a day.

use super::stop_rules::parse_break;
use super::week::{span, weekday_list};
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

/// The columns of a trucks file (only `id` is required).
struct Cols {
    id: usize,
    depot: Option<usize>,
    window: Option<usize>,
    days: Option<usize>,
    max: Option<usize>,
    brk: Option<usize>,
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
    let col = |n: &str| table.column(n);
    let cols = Cols {
        id: table.require("id", "the truck's name")?,
        depot: col("depot"),
        window: col("window"),
        days: col("days"),
        max: col("max_stops_per_day"),
        brk: col("break"),
    };
    table.require_rows("trucks")?;
    let mut out: Vec<TruckRow> = Vec::new();
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let at = |c: usize| Location::at(&src.name, rec.line, Some(c + 1));
        let name = cells.id(cols.id)?;
        if out.iter().any(|t| t.id == name) {
            return Err(Error::input(
                at(cols.id),
                "each truck once",
                format!("`{name}`"),
            ));
        }
        let text = |c: Option<usize>| c.map(|c| cells.text(c).trim()).filter(|t| !t.is_empty());
        let depot = match (text(cols.depot), default_depot) {
            (Some(raw), _) => depot_of(raw).map_err(|e| {
                Error::input(
                    at(cols.depot.expect("a cell was read")),
                    "a depot: LAT,LON or the id or name of a candidate or shop",
                    format!("`{raw}` ({e})"),
                )
            })?,
            (None, Some(p)) => p.clone(),
            (None, None) => {
                return Err(Error::input(
                    Location::at(&src.name, rec.line, cols.depot.map(|c| c + 1)),
                    "a depot for every truck (a `depot` column, or --depot)",
                    "none",
                ))
            }
        };
        let mut row = hours(&cols, &text, &at, rules)?;
        row.id = name;
        row.depot = depot;
        out.push(row);
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

/// A row's hours, days, stop limit and break (its id and depot left for the caller).
fn hours<'a>(
    cols: &Cols,
    text: &dyn Fn(Option<usize>) -> Option<&'a str>,
    at: &dyn Fn(usize) -> Location,
    rules: &WeekRules,
) -> Result<TruckRow> {
    let bad =
        |c: usize, expected: &str, raw: &str| Error::input(at(c), expected, format!("`{raw}`"));
    let cell = |c: Option<usize>| c.and_then(|c| text(Some(c)).map(|t| (c, t)));
    let window = match cell(cols.window) {
        Some((c, raw)) => span(raw).map_err(|why| bad(c, why, raw))?,
        None => (rules.window_start, rules.window_end),
    };
    let days = match cell(cols.days) {
        Some((c, raw)) => day_list(raw).ok_or_else(|| {
            bad(
                c,
                "weekdays such as mon,tue,wed or 月・火・水, each once",
                raw,
            )
        })?,
        None => rules.days.clone(),
    };
    let max_stops_per_day = match cell(cols.max) {
        Some((c, raw)) => match raw.parse::<usize>() {
            Ok(m) if (1..=1000).contains(&m) => Some(m),
            _ => return Err(bad(c, "1 to 1000 stops", raw)),
        },
        None => rules.max_stops_per_day,
    };
    let brk = match cell(cols.brk) {
        Some((c, raw)) => Some(parse_break(raw).map_err(|why| bad(c, &why, raw))?),
        None => rules.brk,
    };
    if brk.is_some_and(|b| !break_fits(&b, window)) {
        let here = cell(cols.brk).or(cell(cols.window)).map(|(c, _)| c);
        return Err(Error::input(
            here.map_or_else(|| at(cols.id), at),
            "a break inside the truck's hours",
            format!(
                "hours {}-{}",
                crate::route::clock::clock(window.0),
                crate::route::clock::clock(window.1)
            ),
        ));
    }
    Ok(TruckRow {
        id: String::new(),
        depot: Place {
            id: String::new(),
            name: None,
            location: None,
        },
        window,
        days,
        max_stops_per_day,
        brk,
    })
}

/// Whether a break can be taken inside hours `window`: its span and the hours overlap by at
/// least its length.
pub fn break_fits(b: &Break, window: (f64, f64)) -> bool {
    b.from.max(window.0) + b.minutes <= b.to.min(window.1) + 1e-9
}

/// Weekdays each once, ascending ([`weekday_list`]).
fn day_list(raw: &str) -> Option<Vec<u8>> {
    let mut days = weekday_list(raw)?;
    days.sort_unstable();
    let n = days.len();
    days.dedup();
    (days.len() == n).then_some(days)
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
