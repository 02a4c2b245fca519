//! `mobile-stops scenarios FILE.toml`: many what-if variants solved in parallel.

use super::args::OutputArgs;
use super::paths::Inputs;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mobile_stops::budget::MemoryLimit;
use mobile_stops::model::Dataset;
use mobile_stops::pipeline::load_scenarios;
use mobile_stops::report::{
    render_scenarios, robustness_table, scenarios_html, sites_table, ScenarioPage, TableFormat,
};
use mobile_stops::scenario::Batch;
use mobile_stops::{Error, Location};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Flags of `scenarios`.
#[derive(Args, Debug)]
pub struct ScenariosArgs {
    /// The scenario file (TOML): [data], [baseline], [[scenario]], [[sweep]].
    pub file: PathBuf,
    /// Also write the results as a self-contained HTML page (charts, then every row).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Also write one record per solved scenario × candidate (chosen, forced, required,
    /// excluded, unique_weight): CSV or JSON by the file's extension.
    #[arg(long, value_name = "FILE")]
    pub sites: Option<PathBuf>,
    /// Also write each candidate's robustness (share of the scenarios where it was free to be
    /// chosen that chose it): CSV or JSON by the file's extension.
    #[arg(long, value_name = "FILE")]
    pub robustness: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// End the whole batch within S seconds of starting: running solves stop with their best
    /// so far, scenarios not started are listed as not run (a scenario's own `time_limit_s`
    /// still caps its solve).
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub time_limit_s: Option<f64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Validates flags, runs the batch (with a progress bar on a terminal), writes the rows, then
/// the optional HTML report and long tables; exit 2 after writing when a scenario failed.
pub fn run(args: &ScenariosArgs, memory: MemoryLimit) -> Result<(), Error> {
    let budget = super::budget(args.time_limit_s, memory)?;
    let tables = Tables::of(args)?;
    let outputs = [
        ("--out", args.output.out.as_deref()),
        ("--report", args.report.as_deref()),
        ("--sites", args.sites.as_deref()),
        ("--robustness", args.robustness.as_deref()),
    ];
    let inputs = Inputs::default().file("the scenario file", Some(&args.file));
    inputs.check_all(&outputs)?;
    let input = load_scenarios(&args.file, budget)?;
    // The [data] files are known once the scenario file is read; still before any solving.
    inputs
        .data(&input.file.data, "the scenario file's [data] ")
        .check_all(&outputs)?;
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
    let bytes = render_scenarios(
        batch,
        source,
        &input.data,
        args.output.format,
        args.output.lang,
    );
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
    tables.write(batch, &input.data)?;
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

/// The long tables asked for (`--sites`, `--robustness`), each with its format from its
/// extension, checked before any work.
struct Tables<'a> {
    sites: Option<(&'a Path, TableFormat)>,
    robustness: Option<(&'a Path, TableFormat)>,
}

impl<'a> Tables<'a> {
    fn of(args: &'a ScenariosArgs) -> Result<Tables<'a>, Error> {
        let format = |flag: &str, path: &'a Option<PathBuf>| match path.as_deref() {
            None => Ok(None),
            Some(p) => match TableFormat::of(p) {
                Some(f) => Ok(Some((p, f))),
                None => Err(Error::input(
                    Location::file(p.display().to_string()),
                    format!("a file name ending in .csv or .json for {flag} (its format)"),
                    "another extension",
                )),
            },
        };
        Ok(Tables {
            sites: format("--sites", &args.sites)?,
            robustness: format("--robustness", &args.robustness)?,
        })
    }

    /// Writes each table asked for, atomically like every result file.
    fn write(&self, batch: &Batch, data: &Dataset) -> Result<(), Error> {
        if let Some((path, format)) = self.sites {
            super::output::write_atomic(path, &sites_table(batch, data, format))?;
        }
        if let Some((path, format)) = self.robustness {
            super::output::write_atomic(path, &robustness_table(batch, format))?;
        }
        Ok(())
    }
}
