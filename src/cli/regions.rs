//! `mobile-stops regions split|solve`: many areas planned as independent tasks of a cluster's
//! array job, then joined by `merge`.

use super::args::OutputArgs;
use super::merge::MergeArgs;
use clap::{Args, Subcommand};
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::io::text::SourceText;
use mobile_stops::io::{embedded, load_dataset, DataPaths};
use mobile_stops::pipeline::{merge_regions, open_regions, shard_bytes, RegionSet};
use mobile_stops::regions::outline::read_outlines;
use mobile_stops::regions::{split, BudgetRule, RegionBy, SplitOptions};
use mobile_stops::report::{render_regions, Format};
use mobile_stops::scenario::record::RowRecord;
use mobile_stops::scenario::shard::ShardSpec;
use mobile_stops::solve::Model;
use mobile_stops::{Error, Location};
use std::path::{Path, PathBuf};

/// `regions` actions.
#[derive(Subcommand, Debug)]
pub enum RegionsCommand {
    /// One folder per region (its demand, the candidates within reach of it) and the region
    /// table (regions.csv: each region's budget p) with the settings (regions.toml).
    #[command(after_help = super::examples::REGIONS_SPLIT)]
    Split(SplitArgs),
    /// Solve every region (or shard I of N of them, for an array job) on its own.
    #[command(after_help = super::examples::REGIONS_SOLVE)]
    Solve(SolveArgs),
}

/// Flags of `regions split`.
#[derive(Args, Debug)]
pub struct SplitArgs {
    /// Directory with demand.csv and candidates.csv.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Demand points CSV or e-Stat mesh table (repeat for several mesh files).
    #[arg(long, value_name = "FILE")]
    pub demand: Vec<PathBuf>,
    /// Candidate sites CSV.
    #[arg(long, value_name = "FILE")]
    pub candidates: Option<PathBuf>,
    /// How to draw regions: mesh1 (80 km squares), mesh2 (10 km squares), or a GeoJSON file of
    /// outlines (国土数値情報 N03 municipalities: one region per N03_007 code).
    #[arg(long, value_name = "mesh1|mesh2|FILE.geojson")]
    pub by: String,
    /// The outline property that names a region (default: N03_007, code, id or name).
    #[arg(long, value_name = "F")]
    pub name_field: Option<String>,
    /// The largest walking radius the regions will solve with: candidates this close to a
    /// region's demand are kept with it, across its border.
    #[arg(long, value_name = "M", default_value_t = mobile_stops::defaults::RADIUS_M)]
    pub radius_m: f64,
    /// The model every region solves.
    #[arg(long, value_parser = super::args::choice::<Model>(), default_value = "mclp")]
    pub model: Model,
    /// The same number of stops in every region.
    #[arg(long, value_name = "N", group = "budget_rule")]
    pub p: Option<usize>,
    /// One stop per N aged 65+ in a region (rounded up, at least one).
    #[arg(long, value_name = "N", group = "budget_rule")]
    pub stops_per_aged: Option<f64>,
    /// A CSV `region,p` giving each region's number of stops.
    #[arg(long, value_name = "FILE", group = "budget_rule")]
    pub budget: Option<PathBuf>,
    /// The folder to write (new or empty).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Flags of `regions solve`.
#[derive(Args, Debug)]
pub struct SolveArgs {
    /// The folder `regions split` wrote.
    pub dir: PathBuf,
    /// Solve only shard I of N of the regions (split by expected cost) and write a shard
    /// result for `merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// --shard from a Slurm array task (SLURM_ARRAY_TASK_ID, _MIN, _MAX or _COUNT).
    #[arg(long, conflicts_with = "shard")]
    pub shard_from_env: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl RegionsCommand {
    /// Whether errors are written as JSON.
    pub fn json(&self) -> bool {
        matches!(self, RegionsCommand::Solve(a) if a.output.format == Format::Json)
    }
}

/// Runs a `regions` action.
pub fn run(action: &RegionsCommand, memory: MemoryLimit) -> Result<(), Error> {
    let budget = super::budget(None, memory)?;
    match action {
        RegionsCommand::Split(a) => run_split(a, budget),
        RegionsCommand::Solve(a) => run_solve(a, budget),
    }
}

fn run_split(a: &SplitArgs, budget: Budget) -> Result<(), Error> {
    if !(a.radius_m.is_finite() && a.radius_m > 0.0) {
        return Err(Error::input(
            Location::file("--radius-m"),
            "metres > 0",
            a.radius_m.to_string(),
        ));
    }
    let rule = match (a.p, a.stops_per_aged, &a.budget) {
        (Some(p), _, _) => BudgetRule::Uniform(p),
        (_, Some(n), _) if n.is_finite() && n > 0.0 => BudgetRule::PerAged(n),
        (_, Some(n), _) => {
            return Err(Error::input(
                Location::file("--stops-per-aged"),
                "a number > 0",
                n.to_string(),
            ))
        }
        (_, _, Some(f)) => BudgetRule::Table(
            mobile_stops::regions::table::read_budget(f, budget)?,
            f.display().to_string(),
        ),
        _ => {
            return Err(Error::input(
                Location::file("regions split"),
                "a budget: --p N, --stops-per-aged N or --budget FILE.csv (region,p)",
                "none",
            ))
        }
    };
    let by = match a.by.as_str() {
        "mesh1" => RegionBy::Mesh1,
        "mesh2" => RegionBy::Mesh2,
        file => {
            let src = SourceText::read(Path::new(file), budget)?;
            RegionBy::Outlines(read_outlines(&src, a.name_field.as_deref())?, src.name)
        }
    };
    let paths = DataPaths {
        data_dir: a.data.clone(),
        demand: a.demand.clone(),
        candidates: a.candidates.clone(),
        ..DataPaths::default()
    };
    let data = load_dataset(&paths, budget)?;
    let candidates = match (&a.candidates, &a.data) {
        (Some(p), _) => SourceText::read(p, budget)?,
        (None, Some(d)) => SourceText::read(&d.join("candidates.csv"), budget)?,
        (None, None) => SourceText::utf8("embedded:candidates.csv", embedded::CANDIDATES),
    };
    let opts = SplitOptions {
        by,
        budget: rule,
        model: a.model,
        radius_m: a.radius_m,
    };
    let s = split(&data, &candidates, &opts, &a.out)?;
    let none = s.rows.iter().filter(|r| r.candidates == 0).count();
    eprintln!(
        "mobile-stops: {} regions written to {} ({} with no candidate within {} m, {} with p \
         lowered to their candidates, {} demand points in no region)",
        s.rows.len(),
        a.out.display(),
        none,
        a.radius_m,
        s.capped,
        s.outside
    );
    Ok(())
}

fn run_solve(a: &SolveArgs, budget: Budget) -> Result<(), Error> {
    let spec = if a.shard_from_env {
        Some(ShardSpec::from_env(|k| std::env::var(k).ok())?)
    } else {
        a.shard
            .as_deref()
            .map(|t| ShardSpec::parse(t, "--shard"))
            .transpose()?
    };
    let set = open_regions(&a.dir, budget)?;
    if let Some(spec) = spec {
        let command = super::command_line::shown_command("regions");
        let body = set.run_shard(spec, command, budget)?;
        return super::emit(a.output.out.as_deref(), &shard_bytes(&body));
    }
    let all: Vec<usize> = (0..set.rows.len()).collect();
    set.check_data(&all)?;
    let records = set.solve(&all, budget);
    write(&set, &records, &a.output)
}

/// Writes the regions' results in the format asked for (the same bytes whether solved here or
/// merged from shards).
fn write(set: &RegionSet, records: &[RowRecord], output: &OutputArgs) -> Result<(), Error> {
    let bytes = render_regions(&set.table, &set.settings, &set.rows, records, output.format)
        .ok_or_else(|| {
            Error::input(
                Location::file("--format"),
                "json, csv or table for regions",
                "geojson",
            )
        })?;
    super::emit(output.out.as_deref(), &bytes)
}

/// `merge` of region shards.
pub fn merge(args: &MergeArgs, budget: Budget) -> Result<(), Error> {
    let extra = [
        ("--report", &args.report),
        ("--sites", &args.sites),
        ("--robustness", &args.robustness),
    ];
    if let Some((flag, _)) = extra.iter().find(|(_, p)| p.is_some()) {
        return Err(Error::input(
            Location::file(*flag),
            "a flag of scenario merges",
            "region shards",
        ));
    }
    let (set, records) = merge_regions(&args.shards, budget)?;
    write(&set, &records, &args.output)
}
