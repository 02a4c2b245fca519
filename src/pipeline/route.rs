//! From stops to a week: where the depot is, which candidate each stop is, how often it is
//! visited, how long each drive takes, and the planned week (or why it does not fit).

use super::model::ModelOptions;
use super::problem::build_problem;
use super::week::{Visits, WeekOptions};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::io::{read_stop_list, ListedStop};
use crate::model::{Dataset, LatLon, LocalText};
use crate::report::{proof_words, Lang};
use crate::route::week::clock;
use crate::route::{Place, RouteProblem, Unfit, WeekPlan, WeekRules, WEEKDAYS};
use crate::solve::{solve, solve_warnings, stop_warnings, Instance, Status, StopWarning};
use std::collections::HashMap;
use std::path::PathBuf;

/// The part of the time limit a solve-then-route run gives the solve.
pub const SOLVE_SHARE: f64 = 0.75;

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
    /// Notes on the inputs (a stops list's columns nothing reads).
    pub notes: Vec<LocalText>,
}

/// Warnings computed in list order, pointed at the problem's stops (which are in the
/// candidates file's order).
fn renumber(w: &[StopWarning], listed: &[ListedStop], stops: &[Place]) -> Vec<StopWarning> {
    let to: Vec<usize> = listed
        .iter()
        .map(|s| {
            stops
                .iter()
                .position(|p| p.id == s.id)
                .expect("every listed stop")
        })
        .collect();
    w.iter().map(|w| w.renumbered(&to)).collect()
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
    let built = build_problem(week, rules, &visits, data, &listed, &stops_from.en, budget)?;
    let problem = built.problem;
    let warnings = match solved {
        Some(w) => renumber(&w, &listed, &problem.stops),
        None => listed_warnings(data, &problem.stops, budget)?,
    };
    let week = problem.plan_until(budget.deadline);
    Ok(RoutePlan {
        problem,
        stops_from,
        week,
        warnings,
        notes: built.notes,
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
    // Only the listed stops are measured: a town's thousands of candidates would spend the
    // week's time on a courtesy. Walks along streets are indexed by every candidate, so
    // those data keep them all.
    let only_listed;
    let data = if data.streets.is_none() {
        let mut d = data.clone();
        d.candidates
            .data
            .sites
            .retain(|c| stops.iter().any(|p| p.id == c.id));
        only_listed = d;
        &only_listed
    } else {
        data
    };
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

/// A solve's chosen sites as a stop list (what a stops file would have listed).
pub fn solved_stops(inst: &Instance, open: &[usize]) -> Vec<ListedStop> {
    open.iter()
        .map(|&j| ListedStop {
            id: inst.sites[j].id.clone(),
            at: Location::file("solve"),
            visits: None,
            cells: Vec::new(),
        })
        .collect()
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
        "pins_in_conflict": u.pins.iter().flat_map(|c| &c.stops).map(|&i| &stops[i].id).collect::<Vec<_>>(),
        "least_pin_move": u.pins.as_ref().and_then(|c| c.least.as_ref()).map(|m| serde_json::json!({
            "id": stops[m.stop].id,
            "from": {"days": m.from.0.iter().map(|&d| WEEKDAYS[d as usize].0).collect::<Vec<_>>(), "arrive": clock(m.from.1)},
            "to": {"days": m.to.0.iter().map(|&d| WEEKDAYS[d as usize].0).collect::<Vec<_>>(), "arrive": clock(m.to.1)},
        })),
    })
}
