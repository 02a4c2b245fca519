//! The council report pipeline: score every candidate, solve, compare the sets the council
//! brought, draw the map (with those sets and the week's depot), explain each stop (with
//! re-solves) and plan the week, all within one time budget. The command line's `report` and
//! the meeting page both call [`council`].

use super::model::ModelOptions;
use super::problem::build_problem;
use super::route::{solved_stops, unfit_error};
use super::sets::{resolve_set, split_sets};
use super::week::WeekOptions;
use crate::budget::{share, Budget};
use crate::defaults::TOLERANCE_PCT;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::param::Param;
use crate::report::{map_svg, CouncilReport, Depot, Lang, MapSpec};
use crate::route::{Place, RouteProblem, WeekPlan};
use crate::score::compare::{compare, Comparison, Measure, SetMetrics, StopSet};
use crate::score::{score, ScoreParams, ScoreTable, TermWeights};
use crate::solve::explain::{explain_with, Explanation};
use crate::solve::{solve_with, validate, Instance, SolveResult, Status, FAR_FROM_SHOP};

/// Strong candidates not chosen that the report explains.
const STRONG_NOT_CHOSEN: usize = 8;

/// What the council asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilOptions {
    /// The model and its rules.
    pub model: ModelOptions,
    /// The week, when a depot is known (then the report has a timetable).
    pub week: Option<WeekOptions>,
    /// Other stop sets to compare with the chosen one: `NAME=STOPS` or `NAME=@FILE`.
    pub sets: Vec<String>,
    /// Term weights of the ranked list, e.g. `reach=1,need=1,far=1`.
    pub weights: Option<String>,
    /// How many survey answers the prior is worth.
    pub prior_answers: f64,
    /// What turns potential users into buyers per visit, and what one visit can serve.
    pub buyers: crate::score::BuyersParams,
    /// Within this many percent of the chosen set, an alternative counts as as good.
    pub tolerance_pct: f64,
    /// Heading of the report (a default in the report's language otherwise).
    pub title: Option<String>,
    /// Language of the map's labels and the chosen set's name.
    pub lang: Lang,
}

impl Default for CouncilOptions {
    fn default() -> Self {
        CouncilOptions {
            model: ModelOptions::default(),
            week: None,
            sets: Vec::new(),
            weights: None,
            prior_answers: crate::defaults::PRIOR_ANSWERS,
            buyers: crate::score::BuyersParams::default(),
            tolerance_pct: TOLERANCE_PCT,
            title: None,
            lang: Lang::Ja,
        }
    }
}

impl CouncilOptions {
    /// Checks everything that does not need the data, so a typo fails before a long read.
    pub fn validate(&self) -> Result<()> {
        self.model.validate()?;
        if !(self.tolerance_pct.is_finite() && (0.0..=100.0).contains(&self.tolerance_pct)) {
            return Err(Error::param(
                Param::TolerancePct,
                "a percentage from 0 to 100",
                format!("`{}`", self.tolerance_pct),
            ));
        }
        if self.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::param(
                Param::Title,
                "a non-empty title",
                "an empty one",
            ));
        }
        split_sets(&self.sets, 0)?;
        if let Some(week) = &self.week {
            week.rules()?;
        }
        Ok(())
    }

    /// The ranked list's parameters: the model's radius, vehicles and shop distance.
    pub fn score_params(&self, budget: Budget) -> Result<ScoreParams> {
        let m = &self.model;
        let params = ScoreParams {
            radius_m: m.radius_m,
            vehicles: m.vehicles,
            weight_column: m.objective_weight.clone().filter(|c| c != FAR_FROM_SHOP),
            weights: match &self.weights {
                Some(w) => TermWeights::parse(w)?,
                None => TermWeights::default(),
            },
            shop_distance_m: m.shop_distance_m,
            prior_answers: self.prior_answers,
            buyers: self.buyers.clone(),
            budget,
            ..ScoreParams::default()
        };
        params.validate()?;
        Ok(params)
    }
}

/// Everything a council report shows, computed once; [`Council::report`] lends it to the
/// writers.
#[derive(Debug, Clone)]
pub struct Council {
    /// Heading of the report.
    pub title: String,
    /// The ranked list.
    pub table: ScoreTable,
    /// The solved instance.
    pub inst: Instance,
    /// The solve.
    pub res: SolveResult,
    /// Why each stop, alternatives.
    pub why: Explanation,
    /// The map (SVG).
    pub map_svg: String,
    /// Stop sets side by side, when asked for.
    pub comparison: Option<Comparison>,
    /// The chosen set measured like a compared set: whom it reaches inside the council's
    /// area, for the summary's shares.
    pub chosen: SetMetrics,
    /// The weekly timetable, when a week was given.
    pub route: Option<(RouteProblem, WeekPlan)>,
}

/// Runs the council pipeline on `data`. The time is split: half of what is left for the solve,
/// then the comparison, the week's depot and travel, and the map (which shows them), then the
/// re-solves behind "alternatives" (four fifths of the rest when a timetable follows), then the
/// week's plan.
///
/// ```
/// use mobile_stops::pipeline::{council, CouncilOptions, ModelOptions, WeekOptions};
/// use mobile_stops::report::{council_html, Lang};
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let opts = CouncilOptions {
///     model: ModelOptions { p: Some(5), ..ModelOptions::default() },
///     week: Some(WeekOptions { depot: Some("hiejinja".into()), ..WeekOptions::default() }),
///     sets: vec!["council=hiejinja,myogyoji".into()],
///     ..CouncilOptions::default()
/// };
/// let done = council(&data, &opts, Default::default()).unwrap();
/// assert!(done.res.is_optimal());
/// assert_eq!(done.res.outcome.open.len(), 5);
/// let html = council_html(&done.report(&data, None), Lang::Ja);
/// assert!(html.contains("<svg") && html.contains("日枝神社"));
/// ```
pub fn council(data: &Dataset, opts: &CouncilOptions, budget: Budget) -> Result<Council> {
    opts.validate()?;
    let table = score(data, &opts.score_params(budget)?)?;
    let (inst, capacitated) = opts.model.planning_instance(data)?;
    let mut params = opts.model.params(capacitated, budget);
    let end = params.deadline;
    params.deadline = share(end, 0.5);
    // The walking-radius lists once, within the solve's share of the time, for the solve and
    // for the re-solves behind "alternatives".
    validate(&inst, &params)?;
    let cover_budget = Budget {
        deadline: params.deadline,
        memory: budget.memory,
    };
    let cover = inst.checked_coverage(params.radius_m, cover_budget)?;
    let res = solve_with(&inst, &params, &cover)?;
    params.deadline = share(end, if opts.week.is_some() { 0.8 } else { 1.0 });
    if res.outcome.status == Status::Infeasible {
        return Err(Error::Infeasible {
            reason: res.outcome.note.clone().unwrap_or_default(),
        });
    }
    let mut chosen = res.outcome.open.clone();
    chosen.sort_unstable();
    let comparison = comparison(data, &table, opts, &chosen, budget)?;
    let chosen_set = StopSet {
        name: opts.lang.pick("chosen", "選定案").to_string(),
        sites: chosen.clone(),
    };
    let chosen_reach = Measure::new(data, &table).set(&chosen_set, &chosen);
    // The week's problem (depot, stops, travel) before the map, which draws its depot.
    let problem = match &opts.week {
        Some(week) => {
            let (rules, visits) = week.rules()?;
            let listed = solved_stops(&inst, &chosen);
            let built = build_problem(week, rules, &visits, data, &listed, "solve", budget)?;
            Some(built.problem)
        }
        None => None,
    };
    let depot = problem.as_ref().map(|p| &p.depot);
    // The map's pockets may take half of what is left; the re-solves keep the other half.
    let map_end = share(end, 0.5);
    let map = draw_map(
        data,
        &inst,
        &chosen,
        comparison.as_ref(),
        depot,
        opts,
        map_end,
    )?;
    // The re-solves last but the week: everything else is done, so they can use the time left.
    let tolerance = opts.tolerance_pct / 100.0;
    let why = explain_with(&inst, &params, &res, &cover, tolerance, STRONG_NOT_CHOSEN)?;
    let route = match problem {
        Some(problem) => match problem.plan_until(end) {
            Ok(plan) => Some((problem, plan)),
            Err(u) => return Err(unfit_error(&u, &problem.stops)),
        },
        None => None,
    };
    let title = opts.title.clone().unwrap_or_else(|| {
        let title = opts
            .lang
            .pick("Mobile grocery stops: proposal", "移動販売の停留所案");
        title.to_string()
    });
    Ok(Council {
        title,
        table,
        inst,
        res,
        why,
        map_svg: map,
        comparison,
        chosen: chosen_reach,
        route,
    })
}

/// The map of the chosen stops, shaded by what the solve counted, with the members of the
/// compared sets named and the week's depot drawn.
fn draw_map(
    data: &Dataset,
    inst: &Instance,
    chosen: &[usize],
    comparison: Option<&Comparison>,
    depot: Option<&Place>,
    opts: &CouncilOptions,
    deadline: Option<std::time::Instant>,
) -> Result<String> {
    let mut marked: Vec<usize> = comparison
        .map(|c| {
            let sets = c.sets.iter().skip(1);
            sets.flat_map(|m| m.set.sites.iter().copied()).collect()
        })
        .unwrap_or_default();
    marked.sort_unstable();
    marked.dedup();
    let depot = depot.and_then(|p| {
        p.location.map(|location| Depot {
            location,
            name: opts.lang.place(p),
        })
    });
    let spec = MapSpec {
        weight_column: inst.weight_column.as_deref(),
        weights: Some(&inst.weight),
        marked: &marked,
        depot,
        deadline,
        ..MapSpec::new(data, chosen, opts.model.radius_m)
    };
    map_svg(&spec, opts.lang)
}

/// The chosen set beside the council's own sets, when it brought any.
fn comparison(
    data: &Dataset,
    table: &ScoreTable,
    opts: &CouncilOptions,
    chosen: &[usize],
    budget: Budget,
) -> Result<Option<Comparison>> {
    if opts.sets.is_empty() {
        return Ok(None);
    }
    let mut sets = vec![StopSet {
        name: opts.lang.pick("chosen", "選定案").to_string(),
        sites: chosen.to_vec(),
    }];
    for (name, stops) in split_sets(&opts.sets, 1)? {
        if name == sets[0].name {
            return Err(Error::param(
                Param::Set,
                format!("a name other than `{name}` (the chosen set)"),
                format!("`{name}`"),
            ));
        }
        sets.push(resolve_set(&name, &stops, data, budget)?);
    }
    Ok(Some(compare(data, table, &sets)))
}

impl Council {
    /// The report's view of this council's results on `data` (the data they were computed
    /// from), with an optional time stamp line.
    pub fn report<'a>(&'a self, data: &'a Dataset, stamp: Option<String>) -> CouncilReport<'a> {
        CouncilReport {
            title: self.title.clone(),
            data,
            table: &self.table,
            inst: &self.inst,
            res: &self.res,
            why: &self.why,
            map_svg: self.map_svg.clone(),
            comparison: self.comparison.as_ref(),
            chosen: &self.chosen,
            route: self.route.as_ref().map(|(p, plan)| (p, plan)),
            stamp,
            command: None,
        }
    }
}

/// A time stamp line in `lang`: "written 2026-12-05 09:00 UTC". Off by default, so the same
/// input gives the same bytes.
pub fn stamp_now(lang: Lang) -> String {
    format!(
        "{} {}",
        lang.pick("written", "作成"),
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    )
}
