//! `mobile-stops scenarios FILE.toml`: many what-if variants solved in parallel.

use super::args::OutputArgs;
use super::paths::Inputs;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mobile_stops::budget::MemoryLimit;
use mobile_stops::model::CostUnit;
use mobile_stops::pipeline::load_scenarios_with;
use mobile_stops::report::{render_scenarios, scenarios_html, ScenarioPage};
use mobile_stops::{Error, Param};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Flags of `scenarios`.
#[derive(Args, Debug)]
pub struct ScenariosArgs {
    /// The scenario file (TOML): [data], [baseline], [[scenario]], [[sweep]].
    pub file: PathBuf,
    /// Also write the results as a self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// End the whole batch within S seconds of starting: running solves stop with their best
    /// so far, scenarios not started are listed as not run (a scenario's own `time_limit_s`
    /// still caps its solve).
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub time_limit_s: Option<f64>,
    /// Demand × candidate costs, CSV `from,to,metres` (replaces the file's [data] cost_matrix;
    /// pairs not listed are unreachable).
    #[arg(long, value_name = "FILE")]
    pub cost_matrix: Option<PathBuf>,
    /// Which column of --cost-matrix to read: metres, or minutes (then radius_m is minutes).
    #[arg(long, value_parser = super::args::choice::<CostUnit>(), default_value = "metres", requires = "cost_matrix")]
    pub cost: CostUnit,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Validates flags, runs the batch (with a progress bar on a terminal), writes the rows and
/// the optional HTML report; exit 2 after writing when a scenario failed.
pub fn run(args: &ScenariosArgs, memory: MemoryLimit) -> Result<(), Error> {
    if args.output.format == mobile_stops::report::Format::Geojson {
        return Err(Error::param(
            Param::Format,
            "table, csv or json (scenario rows have no single map)",
            "geojson",
        ));
    }
    let budget = super::budget(args.time_limit_s, memory)?;
    let (out, report) = (args.output.out.as_deref(), args.report.as_deref());
    let inputs = Inputs::default()
        .file("the scenario file", Some(&args.file))
        .file("--cost-matrix", args.cost_matrix.as_deref());
    inputs.check(out, report)?;
    let costs = args.cost_matrix.as_deref().map(|p| (p, args.cost));
    let input = load_scenarios_with(&args.file, costs, budget)?;
    // The [data] files are known once the scenario file is read; still before any solving.
    inputs
        .data(&input.file.data, "the scenario file's [data] ")
        .check(out, report)?;
    let bar =
        ProgressBar::with_draw_target(Some(input.rows() as u64), ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} scenarios {per_sec} eta {eta}")
            .expect("a valid template"),
    );
    let show = !args.quiet && std::io::stderr().is_terminal();
    let start = Instant::now();
    let tick = || {
        // Only batches longer than a second get a bar.
        if show && bar.is_hidden() && start.elapsed() > Duration::from_secs(1) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.inc(1);
    };
    let done = input.run(budget, &tick);
    bar.finish_and_clear();
    let (batch, source) = (&done.batch, &done.source);
    let bytes = render_scenarios(batch, source, args.output.format, args.output.lang);
    // The results first: a bad --report path must not lose them.
    super::emit(args.output.out.as_deref(), &bytes)?;
    if let Some(path) = &args.report {
        let page = ScenarioPage {
            batch,
            file: source,
            data: Some(&input.data),
            command: Some(super::command_line::shown_command("scenarios")),
        };
        let html = scenarios_html(&page, args.output.lang);
        super::output::write_atomic(path, html.as_bytes())?;
    }
    if batch.not_run > 0 {
        eprintln!(
            "mobile-stops: {} of {} scenarios not run: the time limit ended first (their rows \
             say so)",
            batch.not_run,
            batch.rows.len()
        );
    }
    done.failure().map_or(Ok(()), Err)
}
