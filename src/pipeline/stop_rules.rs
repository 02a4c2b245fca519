//! Each stop's own rules, as a stops list or the candidates file gives them: the hours it may
//! be visited (`window`), its service minutes (`service_min`), the weekdays it allows (`days`)
//! and its visits per week (`visits_per_week`). An empty cell keeps the week's flag.
//!
//! An operator who writes `morning only` into a column the tool does not read must hear it, so
//! every column of a stops list that nothing reads is named in a note.

use super::week::{span, weekday_list};
use crate::error::{Error, Location, Result};
use crate::io::text::{fold, parse_number, Field};
use crate::io::ListedStop;
use crate::model::{CandidateSite, Dataset, LocalText};
use crate::route::{Break, StopRules, Truck};

/// The columns a stop's rules come from, in the order their notes list them.
const RULE_FIELDS: [Field; 4] = [
    crate::io::columns::VISITS_PER_WEEK,
    crate::io::columns::WINDOW,
    crate::io::columns::SERVICE_MIN,
    crate::io::columns::DAYS,
];

/// The stops' own rules, the visits per week their cells give, and notes on unread columns.
#[derive(Debug, Clone, Default)]
pub struct PerStop {
    /// Per stop, in list order.
    pub rules: Vec<StopRules>,
    /// Per stop: visits per week from a `visits_per_week` cell, when there is one.
    pub visits: Vec<Option<u8>>,
    /// Columns of the stops list nothing reads.
    pub notes: Vec<LocalText>,
}

/// One cell holding a rule: its text and where it was read (with the column's name for
/// messages about a candidates file, whose cells have no column number).
struct RuleCell<'a> {
    text: &'a str,
    at: Location,
}

/// Reads every stop's rules: a stops list's cells first, else the candidates file's columns of
/// the same names. `fleet` is the trucks' hours and days, against which windows and days are
/// checked.
pub fn per_stop(listed: &[ListedStop], data: &Dataset, fleet: &[Truck]) -> Result<PerStop> {
    let mut out = PerStop {
        notes: unread_columns(listed),
        ..PerStop::default()
    };
    let by_id: std::collections::HashMap<&str, &CandidateSite> = data
        .candidates
        .data
        .sites
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    for s in listed {
        let cell = |field: &Field| -> Option<RuleCell> {
            let own = s.cells.iter().find(|c| c.field == Some(field.name));
            match own {
                Some(c) if !c.text.is_empty() => Some(RuleCell {
                    text: &c.text,
                    at: c.at.clone(),
                }),
                Some(_) => None,
                None => by_id
                    .get(s.id.as_str())
                    .and_then(|c| candidate_cell(c, data, field)),
            }
        };
        let [visits, window, service, days] = RULE_FIELDS.each_ref().map(cell);
        let service_min = service.map(|c| service_of(&c)).transpose()?;
        let mut rules = StopRules {
            service_min,
            days: days.map(|c| day_set(&c, fleet)).transpose()?.unwrap_or(0),
            ..StopRules::default()
        };
        if let Some(c) = window {
            let need = service_min.unwrap_or(0.0);
            rules.windows = windows(&c, fleet, need)?;
        }
        out.visits.push(visits.map(|c| visits_of(&c)).transpose()?);
        out.rules.push(rules);
    }
    Ok(out)
}

/// The cell of `field` in a candidate's extra columns (by its name or an alias), when not empty.
fn candidate_cell<'a>(c: &'a CandidateSite, data: &Dataset, field: &Field) -> Option<RuleCell<'a>> {
    let cands = &data.candidates;
    let k = cands
        .data
        .extra_columns
        .iter()
        .position(|h| field.names().any(|n| fold(n) == fold(h)))?;
    let text = c.extra[k].trim();
    if text.is_empty() {
        return None;
    }
    let file = format!(
        "{} (column `{}`)",
        cands.source, cands.data.extra_columns[k]
    );
    let at = match c.line {
        Some(line) => Location::at(&file, line, None),
        None => Location::file(&file),
    };
    Some(RuleCell { text, at })
}

/// One note naming every column of the stops list that no rule reads.
fn unread_columns(listed: &[ListedStop]) -> Vec<LocalText> {
    let Some(first) = listed.iter().find(|s| !s.cells.is_empty()) else {
        return Vec::new();
    };
    let unread: Vec<String> = first
        .cells
        .iter()
        .filter(|c| c.field.is_none())
        .map(|c| format!("`{}`", c.column))
        .collect();
    if unread.is_empty() {
        return Vec::new();
    }
    let file = &first.at.file;
    let reads = "id, visits_per_week, window, service_min, days";
    vec![LocalText::new(
        format!(
            "column(s) {} of {file} are not used (route reads {reads})",
            unread.join(", ")
        ),
        format!(
            "{file} の列 {} は使われません（使う列: {reads}）",
            unread.join("、")
        ),
    )]
}

fn bad(c: &RuleCell, expected: impl Into<String>) -> Error {
    Error::input(c.at.clone(), expected, format!("`{}`", c.text))
}

fn visits_of(c: &RuleCell) -> Result<u8> {
    match parse_number(c.text) {
        Some(v) if v == 1.0 || v == 2.0 => Ok(v as u8),
        _ => Err(bad(c, "1 or 2 visits per week")),
    }
}

fn service_of(c: &RuleCell) -> Result<f64> {
    match parse_number(c.text) {
        Some(v) if v.is_finite() && v > 0.0 && v <= 600.0 => Ok(v),
        _ => Err(bad(c, "service minutes greater than 0 and at most 600")),
    }
}

/// Weekdays separated by `,`, `、`, `・`, `/`, `;` or spaces, each worked by some truck.
fn day_set(c: &RuleCell, fleet: &[Truck]) -> Result<u8> {
    // A stop's cell may also separate its days by `;`, as its windows are.
    let Some(days) = weekday_list(&c.text.replace(';', ",")) else {
        return Err(bad(c, "weekdays such as mon,thu or 月・木"));
    };
    if days
        .iter()
        .any(|d| !fleet.iter().any(|k| k.days.contains(d)))
    {
        return Err(bad(
            c,
            "weekdays a truck works (see --days or the trucks file)",
        ));
    }
    Ok(days.iter().fold(0, |m, &d| m | (1 << d)))
}

/// Windows separated by `;`, ascending; each must hold a visit of `service` minutes inside some
/// truck's hours.
fn windows(c: &RuleCell, fleet: &[Truck], service: f64) -> Result<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for part in c.text.split([';', '；']).filter(|p| !p.trim().is_empty()) {
        let (open, close) =
            span(part).map_err(|why| bad(c, format!("{why} (several separated by ;)")))?;
        let inside = fleet
            .iter()
            .any(|k| open.max(k.window_start) + service.max(1.0) <= close.min(k.window_end) + 1e-9);
        if !inside {
            let hours: Vec<String> = fleet
                .iter()
                .map(|k| {
                    format!(
                        "{}-{}",
                        crate::route::clock::clock(k.window_start),
                        crate::route::clock::clock(k.window_end)
                    )
                })
                .collect();
            return Err(bad(
                c,
                format!(
                    "a window inside the trucks' hours ({}) long enough for a visit",
                    hours.join(", ")
                ),
            ));
        }
        out.push((open, close));
    }
    if out.is_empty() {
        return Err(bad(
            c,
            "visiting hours HH:MM-HH:MM (several separated by ;)",
        ));
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(out)
}

/// `HH:MM-HH:MM/MINUTES` into a break, or what was expected.
pub fn parse_break(raw: &str) -> std::result::Result<Break, String> {
    let shape = "a break as HH:MM-HH:MM/MINUTES, e.g. 12:00-13:00/45";
    let (spanned, minutes) = raw.trim().split_once('/').ok_or(shape)?;
    let (from, to) = span(spanned).map_err(|_| shape.to_string())?;
    let minutes = parse_number(minutes.trim()).ok_or(shape)?;
    if !(minutes.is_finite() && minutes > 0.0) {
        return Err("break minutes greater than 0".into());
    }
    if minutes > to - from {
        return Err(format!(
            "a break no longer than its span ({} min)",
            to - from
        ));
    }
    Ok(Break { from, to, minutes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn truck() -> Truck {
        Truck {
            id: "1".into(),
            depot: 0,
            window_start: 600.0,
            window_end: 960.0,
            days: vec![0, 1, 2, 3, 4],
            max_stops_per_day: None,
            brk: None,
        }
    }

    fn cell(text: &str) -> RuleCell<'_> {
        RuleCell {
            text,
            at: Location::at("s.csv", 2, Some(3)),
        }
    }

    #[test]
    fn windows_days_and_breaks_parse_or_name_the_cell() {
        let k = [truck()];
        assert_eq!(
            windows(&cell("13:00-15:00; 10:00-11:30"), &k, 30.0).unwrap(),
            vec![(600.0, 690.0), (780.0, 900.0)]
        );
        for bad in ["11:30-10:00", "morning", "17:00-18:00", "09:00-10:15"] {
            let e = windows(&cell(bad), &k, 30.0).unwrap_err().to_string();
            assert!(e.starts_with("s.csv:2:3: expected"), "{bad}: {e}");
        }
        assert_eq!(day_set(&cell("月・木"), &k).unwrap(), 0b1001);
        assert_eq!(day_set(&cell("tue, fri"), &k).unwrap(), 0b10010);
        assert!(
            day_set(&cell("sat"), &k).is_err(),
            "no truck works Saturday"
        );
        assert!(day_set(&cell("funday"), &k).is_err());
        for bad in ["0", "-5", "NaN", "x", "700"] {
            assert!(service_of(&cell(bad)).is_err(), "{bad}");
        }
        let b = parse_break("12:00-13:00/45").unwrap();
        assert_eq!(
            (b.from, b.to, b.minutes, b.latest_start()),
            (720.0, 780.0, 45.0, 735.0)
        );
        assert!(parse_break("12:00-12:30/45")
            .unwrap_err()
            .contains("no longer"));
        assert!(parse_break("12:00-13:00").is_err());
        assert!(parse_break("12:00-13:00/0").is_err());
    }
}
