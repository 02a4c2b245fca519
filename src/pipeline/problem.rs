//! The routing problem of listed stops: the depot (or each truck's), which candidate each stop
//! is, how often and under which rules it is visited, the pins of a printed leaflet, and the
//! travel between them all.
//!
//! The stops are put in the candidates file's order before anything is planned, so the same
//! stops give the same week whether they came from a solve, a stops file or a list typed in
//! any order (`route --stops`, `route --p` and the report print one timetable).

use super::stop_names::{depot_by_name, NamedDepot};
use super::stop_rules::per_stop;
use super::trucks::{fleet_rules, read_trucks, TruckRow};
use super::week::{Visits, WeekOptions};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::io::ListedStop;
use crate::model::{CandidateSite, Dataset, LatLon, LocalText};
use crate::param::Param;
use crate::route::{Place, RouteProblem, StopRules, WeekRules, COORDINATES_DEPOT};
use crate::spatial::DataExtent;
use std::collections::HashMap;

/// A depot farther than this from the demand data is a typo, not a plan.
const DEPOT_MAX_KM: f64 = 50.0;

/// A routing problem and the notes its inputs deserve (columns nothing reads).
#[derive(Debug, Clone)]
pub struct BuiltProblem {
    /// The problem, stops in the candidates file's order.
    pub problem: RouteProblem,
    /// Notes for the planner, in English and Japanese.
    pub notes: Vec<LocalText>,
}

/// The routing problem for listed stops: depot(s), places, visits, per-stop rules, pins and
/// travel.
pub fn build_problem(
    week: &WeekOptions,
    mut rules: WeekRules,
    visits: &Visits,
    data: &Dataset,
    listed: &[ListedStop],
    stops_from: &str,
    budget: Budget,
) -> Result<BuiltProblem> {
    let (main, rows) = depots(week, &rules, data, budget)?;
    if listed.is_empty() {
        return Err(Error::Infeasible {
            reason: format!("no stops to route ({stops_from})"),
        });
    }
    let mut listed = listed.to_vec();
    let order: HashMap<&str, usize> = data
        .candidates
        .data
        .sites
        .iter()
        .enumerate()
        .map(|(j, c)| (c.id.as_str(), j))
        .collect();
    listed.sort_by_key(|s| order.get(s.id.as_str()).copied().unwrap_or(usize::MAX));
    let (stops, mut counts) = resolve(&listed, data, visits)?;
    let depots = extra_depots(&main, rows.as_deref());
    if let Some(rows) = &rows {
        let n = stops.len();
        let index_of = |p: &Place| {
            if p.id == main.id && p.location == main.location {
                0
            } else {
                1 + n + depots.iter().position(|d| d == p).expect("listed depot")
            }
        };
        fleet_rules(rows, &mut rules, &index_of);
    }
    let fleet = rules.fleet_from(0);
    let own = per_stop(&listed, data, &fleet)?;
    if matches!(visits, Visits::All(_)) {
        for (c, v) in counts.iter_mut().zip(&own.visits) {
            *c = v.unwrap_or(*c);
        }
    }
    let mut stop_rules: Vec<StopRules> = own.rules;
    if let Some(path) = &week.pin {
        let src = SourceText::read(path, budget)?;
        super::pins::apply_pins(&src, &stops, &mut stop_rules, &mut counts, &rules)?;
    }
    let places: Vec<&Place> = std::iter::once(&main)
        .chain(&stops)
        .chain(&depots)
        .collect();
    let travel = super::travel::travel(week, &places, data, budget)?;
    Ok(BuiltProblem {
        problem: RouteProblem {
            depot: main,
            stops,
            visits: counts,
            stop_rules,
            depots,
            travel,
            rules,
        },
        notes: own.notes,
    })
}

/// The main depot (`--depot`, else the first truck's) and the trucks file's rows, if any.
fn depots(
    week: &WeekOptions,
    rules: &WeekRules,
    data: &Dataset,
    budget: Budget,
) -> Result<(Place, Option<Vec<TruckRow>>)> {
    let given = week
        .depot
        .as_deref()
        .map(|raw| depot(raw, data))
        .transpose()?;
    let rows = match &week.trucks_file {
        Some(path) => {
            let src = SourceText::read(path, budget)?;
            let of = |raw: &str| depot(raw, data);
            Some(read_trucks(&src, rules, given.as_ref(), &of)?)
        }
        None => None,
    };
    let main = match (given, &rows) {
        (Some(d), _) => d,
        (None, Some(rows)) => rows[0].depot.clone(),
        (None, None) => {
            return Err(Error::param(
                Param::Depot,
                "LAT,LON or a candidate or shop id or name (or a trucks file with depots)",
                "no --depot",
            ))
        }
    };
    Ok((main, rows))
}

/// The trucks' depots other than the main one, each once, in the file's order.
fn extra_depots(main: &Place, rows: Option<&[TruckRow]>) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    for r in rows.unwrap_or_default() {
        let same = r.depot.id == main.id && r.depot.location == main.location;
        if !same && !out.contains(&r.depot) {
            out.push(r.depot.clone());
        }
    }
    out
}

/// The depot: coordinates near the data, or the id or unambiguous name of a candidate or
/// shop.
pub(super) fn depot(raw: &str, data: &Dataset) -> Result<Place> {
    let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
    if let [a, b] = parts[..] {
        if let (Ok(lat), Ok(lon)) = (a.parse::<f64>(), b.parse::<f64>()) {
            return depot_at(raw, lat, lon, data);
        }
    }
    Ok(match depot_by_name(raw, data)? {
        NamedDepot::Candidate(j) => place(&data.candidates.data.sites[j]),
        NamedDepot::Shop(k) => {
            let s = &data.stores.as_ref().expect("a shop was found").data[k];
            Place {
                id: s.id.clone(),
                name: s.name.clone(),
                location: Some(s.location),
            }
        }
    })
}

/// A depot given as coordinates: on the globe and within reach of the data.
fn depot_at(raw: &str, lat: f64, lon: f64, data: &Dataset) -> Result<Place> {
    if !((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
        return Err(Error::param(
            Param::Depot,
            "LAT,LON in degrees (latitude -90 to 90, longitude -180 to 180)",
            format!("`{raw}`"),
        ));
    }
    let at = LatLon::new(lat, lon);
    let off = DataExtent::new(&data.demand.data.footprint).distance_m(at) / 1000.0;
    if off > DEPOT_MAX_KM {
        return Err(Error::param(
            Param::Depot,
            format!("a place within {DEPOT_MAX_KM} km of the demand data (is latitude first?)"),
            format!("`{raw}`, {off:.0} km away"),
        ));
    }
    Ok(Place {
        id: COORDINATES_DEPOT.into(),
        name: None,
        location: Some(at),
    })
}

fn place(c: &CandidateSite) -> Place {
    Place {
        id: c.id.clone(),
        name: c.name.clone(),
        location: Some(c.location),
    }
}

/// The candidates file's column holding visits per week, when some stop needs it.
fn visits_column(listed: &[ListedStop], data: &Dataset, visits: &Visits) -> Result<Option<usize>> {
    let cands = &data.candidates;
    match visits {
        Visits::Column(c) if listed.iter().any(|s| s.visits.is_none()) => cands
            .data
            .extra_columns
            .iter()
            .position(|x| x.eq_ignore_ascii_case(c))
            .map(Some)
            .ok_or_else(|| {
                Error::param(
                    Param::VisitsPerWeek,
                    format!(
                        "1, 2 or a column of the stops file or of {} ({})",
                        cands.source,
                        cands.data.extra_columns.join(", ")
                    ),
                    format!("`{c}`"),
                )
            }),
        _ => Ok(None),
    }
}

/// Each listed stop's candidate site and visits per week.
fn resolve(
    listed: &[ListedStop],
    data: &Dataset,
    visits: &Visits,
) -> Result<(Vec<Place>, Vec<u8>)> {
    let cands = &data.candidates;
    let by_id: HashMap<&str, &CandidateSite> = cands
        .data
        .sites
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let column = visits_column(listed, data, visits)?;
    let mut places = Vec::with_capacity(listed.len());
    let mut counts = Vec::with_capacity(listed.len());
    for s in listed {
        let Some(c) = by_id.get(s.id.as_str()) else {
            return Err(Error::input(
                s.at.clone(),
                format!("a candidate id of {}", cands.source),
                format!("`{}`", s.id),
            ));
        };
        let v = match (visits, s.visits, column) {
            (Visits::All(n), _, _) => *n,
            (_, Some(n), _) => n,
            (_, None, Some(k)) => visits_of(c, k, data)?,
            (Visits::Column(_), None, None) => unreachable!("column resolved above"),
        };
        places.push(place(c));
        counts.push(v);
    }
    Ok((places, counts))
}

/// A candidate's visits per week from column `k` of the candidates file: 1 or 2.
fn visits_of(c: &CandidateSite, k: usize, data: &Dataset) -> Result<u8> {
    let cands = &data.candidates;
    match crate::model::parse::parse_number(c.extra[k].trim()) {
        Some(v) if v == 1.0 || v == 2.0 => Ok(v as u8),
        _ => {
            let at = match c.line {
                Some(line) => Location::at(&cands.source, line, None),
                None => Location::file(&cands.source),
            };
            Err(Error::input(
                at,
                format!(
                    "1 or 2 in column `{}` for candidate `{}`",
                    cands.data.extra_columns[k], c.id
                ),
                format!("`{}`", c.extra[k]),
            ))
        }
    }
}
