//! `mobile-stops report`: the council report (HTML or Markdown) from data, model and week flags.

use super::args::DataArgs;
use super::compare::{resolve_set, split_sets};
use super::route::{build_problem, solved_stops, unfit_error, WeekArgs};
use super::solve::ModelArgs;
use clap::{Args, ValueEnum};
use mobile_stops::budget::MemoryLimit;
use mobile_stops::compare::{compare, StopSet};
use mobile_stops::explain::explain;
use mobile_stops::io;
use mobile_stops::report::{council_html, council_markdown, map_svg, CouncilReport, Lang, MapSpec};
use mobile_stops::score::{score, TermWeights};
use mobile_stops::solve::{solve, Status, FAR_FROM_SHOP};
use mobile_stops::Param;
use mobile_stops::{Error, ScoreParams};
use std::path::PathBuf;

/// Output format of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page (inline CSS and SVG) that opens offline and prints on A4.
    Html,
    /// Text for minutes and email (the map stays in the HTML).
    Markdown,
}

/// Flags of `report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub week: WeekArgs,
    /// Another stop set to compare with the chosen one: `NAME=STOPS` or `NAME=@FILE` (repeat).
    #[arg(long = "set", value_name = "NAME=STOPS")]
    pub sets: Vec<String>,
    /// Term weights of the ranked list, e.g. reach=1,need=1,far=1.
    #[arg(long, value_name = "TERM=W,..")]
    pub weights: Option<String>,
    /// How many survey answers the prior (overall rate) is worth.
    #[arg(long, default_value_t = 10.0, allow_negative_numbers = true)]
    pub prior_answers: f64,
    /// Within this many percent of the chosen set, an alternative counts as as good.
    #[arg(long, default_value_t = 5.0, allow_negative_numbers = true)]
    pub tolerance_pct: f64,
    /// Heading of the report.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output (replaced only when complete).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language (Japanese by default: the report is for the council).
    #[arg(long, value_enum, default_value = "ja")]
    pub lang: Lang,
    /// Add the time of writing (off by default so the same input gives the same bytes).
    #[arg(long)]
    pub stamp: bool,
}

/// Validates flags, solves, explains, and writes the report.
pub fn run(args: &ReportArgs, memory: MemoryLimit) -> Result<(), Error> {
    args.model.validate()?;
    if !(args.tolerance_pct.is_finite() && (0.0..=100.0).contains(&args.tolerance_pct)) {
        return Err(Error::param(
            Param::TolerancePct,
            "a percentage from 0 to 100",
            format!("`{}`", args.tolerance_pct),
        ));
    }
    if args.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::param(
            Param::Title,
            "a non-empty title",
            "an empty one",
        ));
    }
    split_sets(&args.sets, 0)?;
    let week = match args.week.depot {
        Some(_) => Some(args.week.rules()?),
        None => None,
    };
    let score_params = ScoreParams {
        radius_m: args.model.radius_m,
        vehicles: args.model.vehicles,
        weight_column: args
            .model
            .objective_weight
            .clone()
            .filter(|c| c != FAR_FROM_SHOP),
        weights: match &args.weights {
            Some(w) => TermWeights::parse(w)?,
            None => TermWeights::default(),
        },
        shop_distance_m: args.model.shop_distance_m,
        prior_answers: args.prior_answers,
        memory,
        ..ScoreParams::default()
    };
    score_params.validate()?;
    let data = io::load_dataset(&args.data.paths(), memory)?;
    let table = score(&data, &score_params)?;
    let (inst, capacitated) = args.model.planning_instance(&data)?;
    let mut params = args.model.params(capacitated, memory)?;
    // One time limit for the whole report: half of what is left for the solve, then the
    // re-solves behind "alternatives" (four fifths of the rest when a timetable follows).
    let end = params.deadline;
    params.deadline = mobile_stops::budget::share(end, 0.5);
    let res = solve(&inst, &params)?;
    params.deadline = mobile_stops::budget::share(end, if week.is_some() { 0.8 } else { 1.0 });
    if res.outcome.status == Status::Infeasible {
        return Err(Error::Infeasible {
            reason: res.outcome.note.clone().unwrap_or_default(),
        });
    }
    let mut chosen = res.outcome.open.clone();
    chosen.sort_unstable();
    let map = map_svg(&MapSpec::new(&data, &chosen, params.radius_m), args.lang)?;
    let comparison = if args.sets.is_empty() {
        None
    } else {
        let mut sets = vec![StopSet {
            name: args.lang.pick("chosen", "選定案").to_string(),
            sites: chosen.clone(),
        }];
        for (name, stops) in split_sets(&args.sets, 1)? {
            if name == sets[0].name {
                return Err(Error::param(
                    Param::Set,
                    format!("a name other than `{name}` (the chosen set)"),
                    format!("`{name}`"),
                ));
            }
            sets.push(resolve_set(&name, &stops, &data, memory)?);
        }
        Some(compare(&data, &table, &sets))
    };
    // The re-solves last: everything else is done, so they can use the time left.
    let why = explain(&inst, &params, &res, args.tolerance_pct / 100.0, 8)?;
    let route = match (week, &args.week.depot) {
        (Some((rules, visits)), Some(_)) => {
            let listed = solved_stops(&inst, &chosen);
            let problem =
                build_problem(&args.week, rules, &visits, &data, &listed, "solve", memory)?;
            match problem.plan_until(end) {
                Ok(plan) => Some((problem, plan)),
                Err(u) => return Err(unfit_error(&u, &problem.stops)),
            }
        }
        _ => None,
    };
    let report = CouncilReport {
        title: args.title.clone().unwrap_or_else(|| {
            args.lang
                .pick("Mobile grocery stops: proposal", "移動販売の停留所案")
                .to_string()
        }),
        data: &data,
        table: &table,
        inst: &inst,
        res: &res,
        why: &why,
        map_svg: map,
        comparison: comparison.as_ref(),
        route: route.as_ref().map(|(p, plan)| (p, plan)),
        stamp: args.stamp.then(|| {
            format!(
                "{} {}",
                args.lang.pick("written", "作成"),
                chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
            )
        }),
    };
    let text = match args.format {
        ReportFormat::Html => council_html(&report, args.lang),
        ReportFormat::Markdown => council_markdown(&report, args.lang),
    };
    super::emit(args.out.as_deref(), text.as_bytes())
}
