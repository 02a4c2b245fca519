//! `mobile-stops scenarios FILE.toml`: many what-if variants solved in parallel.

use super::args::OutputArgs;
use super::paths::Inputs;
use super::progress::{Progress, ProgressMode};
use clap::Args;
use mobile_stops::budget::MemoryLimit;
use mobile_stops::model::{CostUnit, Dataset};
use mobile_stops::network;
use mobile_stops::pipeline::{load_scenarios_with, DistanceSource, ScenarioRun};
use mobile_stops::report::{
    render_scenarios, robustness_table, scenarios_html, sites_table, Format, ScenarioPage,
    TableFormat,
};
use mobile_stops::scenario::cost::CostModel;
use mobile_stops::scenario::record::{replay, RowRecord};
use mobile_stops::scenario::Batch;
use mobile_stops::{Error, Location};
use std::path::{Path, PathBuf};

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
    /// Progress on standard error: `auto` is a bar on a terminal and a line every 5 s when
    /// standard error is a pipe or a file (both only for batches longer than a second). The
    /// ETA weighs the scenarios left by their expected cost (model, p, radius, data size).
    #[arg(long, value_enum, value_name = "HOW", default_value = "auto")]
    pub progress: ProgressMode,
    /// No progress (the same as `--progress none`).
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
    /// OpenStreetMap extract (replaces the file's [data] network): distances from demand
    /// points to candidates are walked along its streets.
    #[command(flatten)]
    pub streets: super::args::StreetArgs,
    /// Run only shard I of N (0 ≤ I < N: rows split by expected cost, the same split on every
    /// machine) and write a shard result for `merge` to --out; --format, --report, --sites and
    /// --robustness belong to `merge`.
    #[arg(long, value_name = "I/N", conflicts_with_all = ["report", "sites", "robustness"])]
    pub shard: Option<String>,
    /// --shard from a Slurm array task: I = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, N =
    /// SLURM_ARRAY_TASK_MAX − MIN + 1 (or SLURM_ARRAY_TASK_COUNT).
    #[arg(long, conflicts_with_all = ["shard", "report", "sites", "robustness"])]
    pub shard_from_env: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Validates flags, runs the batch (with its progress), writes the rows, then the optional
/// HTML report and long tables; exit 2 after writing when a scenario failed. Ctrl-C, SIGTERM or SIGHUP during the
/// batch stops it and writes every output with the finished rows (the others `not_run`,
/// `interrupted`), then exits 130 naming the files (see [`super::interrupt`]).
pub fn run(args: &ScenariosArgs, memory: MemoryLimit) -> Result<(), Error> {
    let budget = super::budget(args.time_limit_s, memory)?;
    if let Some(spec) = super::shard::spec(args)? {
        return super::shard::run(args, spec, budget);
    }
    Written::of(args)?;
    let out = args.output.out.as_deref();
    let outputs = [
        ("--out", out),
        ("--report", args.report.as_deref()),
        ("--sites", args.sites.as_deref()),
        ("--robustness", args.robustness.as_deref()),
    ];
    let inputs = Inputs::default()
        .file("the scenario file", Some(&args.file))
        .file("--cost-matrix", args.cost_matrix.as_deref())
        .file("--network", args.streets.network.as_deref())
        .file("--dem", args.streets.dem.as_deref());
    inputs.check_all(&outputs)?;
    let input = load_scenarios_with(&args.file, distances(args), budget)?;
    // The [data] files are known once the scenario file is read; still before any solving.
    inputs
        .data(&input.file.data, "the scenario file's [data] ")
        .check_all(&outputs)?;
    // From here a signal keeps the finished rows: they are written below, whole.
    let keep = super::interrupt::keep_finished();
    let model = CostModel::new(&input.data);
    let costs: Vec<f64> = input.file.scenarios.iter().map(|s| model.cost(s)).collect();
    let mode = if args.quiet {
        ProgressMode::None
    } else {
        args.progress
    };
    let progress = Progress::start(mode, &costs, budget.deadline);
    let done = input.run(budget, &|i| progress.tick(i));
    // Written from the rows' records, as `merge` writes shards' rows: the same bytes.
    let records: Vec<RowRecord> = done.batch.rows.iter().map(RowRecord::of).collect();
    let done = ScenarioRun {
        batch: replay(&records, &input.file, &input.data).expect("records of this run read back"),
        source: done.source,
    };
    let (batch, source) = (&done.batch, &done.source);
    progress.finish(batch.rows.len() - batch.not_run, batch.interrupted() > 0);
    let command = super::command_line::shown_command("scenarios");
    Written::of(args)?.write(batch, source, &input.data, &command)?;
    let late = batch.not_run - batch.interrupted();
    if late > 0 {
        eprintln!(
            "mobile-stops: {late} of {} scenarios not run: the time limit ended first (their \
             rows say so)",
            batch.rows.len()
        );
    }
    if keep.end() {
        if let Some(e) = done.failure() {
            super::report_error(&e, args.output.format == Format::Json);
        }
        super::interrupt::exit_interrupted(&interrupted(batch, out.is_none()));
    }
    done.failure().map_or(Ok(()), Err)
}

/// Distances the flags give instead of the file's `[data]`.
pub fn distances(args: &ScenariosArgs) -> Option<DistanceSource<'_>> {
    let matrix = args
        .cost_matrix
        .as_deref()
        .map(|p| DistanceSource::Matrix(p, args.cost));
    let streets = args.streets.network.as_deref().map(|p| {
        let snap = args.streets.snap_max_m.unwrap_or(network::SNAP_MAX_M);
        DistanceSource::Streets(p, snap, args.streets.dem.as_deref())
    });
    matrix.or(streets)
}

/// What an interrupted batch left: how many rows finished, the files written in full (every
/// output goes through the writer's registry, so none is forgotten), and how the rest read.
fn interrupted(batch: &Batch, to_stdout: bool) -> String {
    let rows = batch.rows.len();
    let cut = batch.interrupted();
    let mut files: Vec<String> = super::output::written()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if to_stdout {
        files.insert(0, "standard output".into());
    }
    let finished = rows - batch.not_run;
    if cut == 0 {
        // The signal came while the results were written: no row was cut short.
        return format!(
            "mobile-stops: interrupted while writing the results, none cut short ({finished} of \
             {rows} scenarios finished); written in full: {}.",
            files.join(", ")
        );
    }
    format!(
        "mobile-stops: interrupted after {finished} of {rows} scenarios finished; written in \
         full with the finished rows: {}. The other {cut} rows say status not_run, reason \
         interrupted; robustness counts only the finished rows.",
        files.join(", ")
    )
}

/// The long tables asked for (`--sites`, `--robustness`), each with its format from its
/// extension, checked before any work.
struct Tables<'a> {
    sites: Option<(&'a Path, TableFormat)>,
    robustness: Option<(&'a Path, TableFormat)>,
}

/// Every output of a batch asked for: the results (`--out`, in `--format` and `--lang`), the
/// page (`--report`) and the long tables. `scenarios` and `merge` both write through this.
pub struct Written<'a> {
    /// The results' file (none: standard output).
    pub out: Option<&'a Path>,
    /// The format and language.
    pub output: &'a OutputArgs,
    /// The HTML page.
    pub report: Option<&'a Path>,
    tables: Tables<'a>,
}

impl<'a> Written<'a> {
    fn of(args: &'a ScenariosArgs) -> Result<Written<'a>, Error> {
        Written::new(&args.output, &args.report, &args.sites, &args.robustness)
    }

    /// The outputs named by these flags; a table's extension is checked here, before any work.
    pub fn new(
        output: &'a OutputArgs,
        report: &'a Option<PathBuf>,
        sites: &'a Option<PathBuf>,
        robustness: &'a Option<PathBuf>,
    ) -> Result<Written<'a>, Error> {
        Ok(Written {
            out: output.out.as_deref(),
            output,
            report: report.as_deref(),
            tables: Tables::of(sites, robustness)?,
        })
    }

    /// Writes the results first (a bad --report path must not lose them), then the page with
    /// `command` in its box, then the tables.
    pub fn write(
        &self,
        batch: &Batch,
        source: &str,
        data: &Dataset,
        command: &str,
    ) -> Result<(), Error> {
        let (format, lang) = (self.output.format, self.output.lang);
        let bytes = render_scenarios(batch, source, data, format, lang);
        super::emit(self.out, &bytes)?;
        if let Some(path) = self.report {
            let page = ScenarioPage {
                batch,
                file: source,
                data: Some(data),
                command: Some(command.to_string()),
            };
            let html = scenarios_html(&page, lang);
            super::output::write_atomic(path, html.as_bytes())?;
        }
        self.tables.write(batch, data)
    }
}

impl<'a> Tables<'a> {
    fn of(
        sites: &'a Option<PathBuf>,
        robustness: &'a Option<PathBuf>,
    ) -> Result<Tables<'a>, Error> {
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
            sites: format("--sites", sites)?,
            robustness: format("--robustness", robustness)?,
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
