//! From stops to a week: where the depot is, which candidate each stop is, how often it is
//! visited, how long each drive takes, and the planned week (or why it does not fit).

use super::model::ModelOptions;
use super::stop_names::{depot_by_name, NamedDepot};
use super::week::{Visits, WeekOptions};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::io::{read_stop_list, ListedStop};
use crate::model::{CandidateSite, Dataset, LatLon, LocalText};
use crate::param::Param;
use crate::report::{proof_words, Lang};
use crate::route::week::clock;
use crate::route::{Place, RouteProblem, Unfit, WeekPlan, WeekRules, COORDINATES_DEPOT, WEEKDAYS};
use crate::solve::{solve, solve_warnings, stop_warnings, Instance, Status, StopWarning};
use crate::spatial::DataExtent;
use std::collections::HashMap;
use std::path::PathBuf;

/// The part of the time limit a solve-then-route run gives the solve.
pub const SOLVE_SHARE: f64 = 0.75;

/// A depot farther than this from the demand data is a typo, not a plan.
const DEPOT_MAX_KM: f64 = 50.0;

/// Where the stops of a week come from.
#[derive(Debug, Clone, PartialEq)]
pub enum StopSource {
    /// A `solve --format json` result or a CSV with an `id` column.
    File(PathBuf),
    /// Ids or names only one candidate has, separated by `,` (`妙行寺,s2`).
    List(String),
    /// Solve first with these options.
    Solve(ModelOptions),
}

/// A week planned for its stops, or the reason it does not fit.
#[derive(Debug, Clone)]
pub struct RoutePlan {
    /// The routing problem: depot, stops, visits, travel, rules.
    pub problem: RouteProblem,
    /// Where the stops came from, in words (a file name or the solve that chose them): the
    /// planner's English names the flags, the Japanese says it in words.
    pub stops_from: LocalText,
    /// The week, or why it does not fit and what would.
    pub week: std::result::Result<WeekPlan, Unfit>,
    /// Stops that add no one (reach nobody, or stand where another stop does), indexing
    /// `problem.stops`: the week is still planned, the writers say so.
    pub warnings: Vec<StopWarning>,
}

/// Plans the week of `source`'s stops on `data`: the route-from-stops pipeline. A solve first
/// gets [`SOLVE_SHARE`] of the time left and the week's search the rest.
///
/// ```
/// use mobile_stops::pipeline::{plan_route, ModelOptions, StopSource, WeekOptions};
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let source = StopSource::Solve(ModelOptions { p: Some(6), ..ModelOptions::default() });
/// let week = WeekOptions {
///     depot: Some("hiejinja".into()),
///     visits_per_week: "2".into(),
///     ..WeekOptions::default()
/// };
/// let planned = plan_route(&data, &source, &week, Default::default()).unwrap();
/// let plan = planned.week.expect("six stops twice a week fit Monday to Friday");
/// // Every stop is visited twice, at the same time on both days.
/// assert_eq!(planned.problem.stops.len(), 6);
/// assert!(!plan.runs.is_empty());
/// ```
pub fn plan_route(
    data: &Dataset,
    source: &StopSource,
    week: &WeekOptions,
    budget: Budget,
) -> Result<RoutePlan> {
    let (rules, visits) = week.rules()?;
    let (listed, stops_from, solved) = stops(data, source, &visits, budget)?;
    let problem = build_problem(week, rules, &visits, data, &listed, &stops_from.en, budget)?;
    let warnings = match solved {
        Some(w) => w,
        None => listed_warnings(data, &problem.stops, budget)?,
    };
    let week = problem.plan_until(budget.deadline);
    Ok(RoutePlan {
        problem,
        stops_from,
        week,
        warnings,
    })
}

/// The stops as listed (from a file or a fresh solve), where they came from, and a solve's
/// warnings about them (in list order).
fn stops(data: &Dataset, source: &StopSource, visits: &Visits, budget: Budget) -> Result<Listed> {
    let model = match source {
        StopSource::File(path) => {
            let src = SourceText::read(path, budget)?;
            let column = match visits {
                Visits::Column(c) => Some(c.as_str()),
                Visits::All(_) => None,
            };
            let from = LocalText::new(src.name.clone(), format!("停留所ファイル {}", src.name));
            return Ok((read_stop_list(&src, column)?, from, None));
        }
        StopSource::List(raw) => {
            let from = LocalText::new(format!("--stops {raw}"), format!("指定した停留所 {raw}"));
            return Ok((super::stop_names::listed_by_name(raw, data)?, from, None));
        }
        StopSource::Solve(model) => model,
    };
    let (inst, capacitated) = model.planning_instance(data)?;
    let mut params = model.params(capacitated, budget);
    params.deadline = crate::budget::share(params.deadline, SOLVE_SHARE);
    let res = solve(&inst, &params)?;
    if res.outcome.status == Status::Infeasible {
        return Err(Error::Infeasible {
            reason: format!(
                "solve found no set of stops: {}",
                res.outcome.note.clone().unwrap_or_default()
            ),
        });
    }
    let listed = solved_stops(&inst, &res.outcome.open);
    let en = format!(
        "solve --model {}{}: {}",
        format!("{:?}", params.model).to_lowercase(),
        res.p.map_or(String::new(), |p| format!(" --p {p}")),
        proof_words(&res, Lang::En)
    );
    let ja = format!(
        "{}で選定（{}{}）",
        Lang::Ja.model(params.model),
        res.p.map_or(String::new(), |p| format!("{p} か所、")),
        proof_words(&res, Lang::Ja)
    );
    let from = LocalText::new(en, ja);
    Ok((listed, from, Some(solve_warnings(&inst, &res))))
}

/// Listed stops, where they came from, and a solve's warnings about them.
type Listed = (Vec<ListedStop>, LocalText, Option<Vec<StopWarning>>);

/// The warnings of stops a planner listed: reach measured as a default solve would (the
/// default walking radius, the default weight, streets when the data has them).
fn listed_warnings(data: &Dataset, stops: &[Place], budget: Budget) -> Result<Vec<StopWarning>> {
    let model = ModelOptions::default();
    let (inst, _) = model.planning_instance(data)?;
    let cover = inst.checked_coverage(model.radius_m, budget)?;
    let index: HashMap<&str, usize> = inst
        .sites
        .iter()
        .enumerate()
        .map(|(j, s)| (s.id.as_str(), j))
        .collect();
    let reach: Vec<f64> = stops
        .iter()
        .map(|p| {
            index
                .get(p.id.as_str())
                .map_or(0.0, |&j| cover.sum(j, &inst.weight))
        })
        .collect();
    let at: Vec<Option<LatLon>> = stops.iter().map(|p| p.location).collect();
    Ok(stop_warnings(&reach, &at))
}

/// The depot: coordinates near the data, or the id or unambiguous name of a candidate or
/// shop.
fn depot(raw: &str, data: &Dataset) -> Result<Place> {
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

/// A solve's chosen sites as a stop list (what a stops file would have listed).
pub fn solved_stops(inst: &Instance, open: &[usize]) -> Vec<ListedStop> {
    open.iter()
        .map(|&j| ListedStop {
            id: inst.sites[j].id.clone(),
            at: Location::file("solve"),
            visits: None,
        })
        .collect()
}

/// The routing problem for listed stops: depot, places, visits and travel.
pub fn build_problem(
    week: &WeekOptions,
    rules: WeekRules,
    visits: &Visits,
    data: &Dataset,
    listed: &[ListedStop],
    stops_from: &str,
    budget: Budget,
) -> Result<RouteProblem> {
    let raw = week.depot.as_deref().ok_or_else(|| {
        Error::param(
            Param::Depot,
            "LAT,LON or a candidate or shop id or name",
            "no --depot",
        )
    })?;
    let depot = depot(raw, data)?;
    if listed.is_empty() {
        return Err(Error::Infeasible {
            reason: format!("no stops to route ({stops_from})"),
        });
    }
    let (stops, visits) = resolve(listed, data, visits)?;
    let travel = super::travel::travel(week, &depot, &stops, data, budget)?;
    Ok(RouteProblem {
        depot,
        stops,
        visits,
        stop_rules: Vec::new(),
        depots: Vec::new(),
        travel,
        rules,
    })
}

/// The error for a week that does not fit: the planner's reason with stop names, and what
/// would fit.
pub fn unfit_error(u: &Unfit, stops: &[Place]) -> Error {
    let mut reason = u.reason.clone();
    if !u.far_stops.is_empty() {
        let names: Vec<&str> = u.far_stops.iter().map(|&i| stops[i].id.as_str()).collect();
        reason.push_str(&format!(" [{}]", names.join(", ")));
    }
    Error::Infeasible {
        reason: format!("{reason}; {}", u.suggestion),
    }
}

/// A week that does not fit as a status document: the reason, the stops too far and each
/// verified way to make it fit.
pub fn unfit_json(u: &Unfit, stops: &[Place], rules: &WeekRules) -> serde_json::Value {
    serde_json::json!({
        "status": "infeasible",
        "reason": u.reason,
        "suggestion": u.suggestion,
        "stops_too_far": u.far_stops.iter().map(|&i| &stops[i].id).collect::<Vec<_>>(),
        "would_fit": {
            "window": u.window_needed_min.map(|w| format!(
                "{}-{}", clock(rules.window_start), clock(rules.window_start + w))),
            "extra_day": u.extra_day.map(|d| WEEKDAYS[d as usize].0),
            "extra_truck": u.extra_truck,
        },
    })
}
