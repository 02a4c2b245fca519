//! `mobile-stops solve`: choose a set of stops with a location model and say what is proven.

use super::args::{DataArgs, OutputArgs};
use clap::Args;
use mobile_stops::benchmarks::{benchmark_instance, Benchmark};
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::defaults::{RADIUS_M, SEED, SHOP_DISTANCE_M, VEHICLES};
use mobile_stops::pipeline::{split_list, ModelOptions};
use mobile_stops::report::{assignments_csv, assignments_geojson, render_solve, Format, RunInfo};
use mobile_stops::solve::assignment::assignments;
use mobile_stops::solve::{solve, Method, Model, Status};
use mobile_stops::{io, Error, Param};
use std::path::PathBuf;

const DATA_FLAGS: [&str; 6] = [
    "data",
    "demand",
    "candidates",
    "surveys",
    "stores",
    "cost_matrix",
];

/// The location model and its rules: shared by `solve` and by `route` when it solves first.
#[derive(Args, Debug, Clone)]
pub struct ModelArgs {
    /// Location model.
    #[arg(long, value_parser = super::args::choice::<Model>(), default_value = "mclp")]
    pub model: Model,
    /// Number of stops (mclp, pmedian, pcenter); benchmark files supply their own.
    #[arg(long, value_name = "N")]
    pub p: Option<usize>,
    /// Walking radius in metres (covering models; also reported for the others); minutes with
    /// --cost minutes.
    #[arg(long, default_value_t = RADIUS_M, allow_negative_numbers = true)]
    pub radius_m: f64,
    /// Sites that must be chosen, by id or by a name only one candidate has, as --set takes
    /// them (one holding a comma in double quotes: "a,b").
    #[arg(long, value_name = "ID|NAME,..")]
    pub require: Vec<String>,
    /// Sites that must not be chosen, by id or by a name only one candidate has (one holding
    /// a comma in double quotes).
    #[arg(long, value_name = "ID|NAME,..")]
    pub exclude: Vec<String>,
    /// Stop capacity: one number for every site, or a numeric column of the candidates file
    /// (capacitated MCLP, single-source capacitated p-median).
    #[arg(long, value_name = "COLUMN|VALUE", allow_negative_numbers = true)]
    pub capacity: Option<String>,
    /// Least objective weight within the radius for a site to be worth a stop.
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub min_weight_per_stop: Option<f64>,
    /// Demand column the objective counts (population, aged_65_plus, far_from_shop, ...).
    #[arg(long, value_name = "COLUMN")]
    pub objective_weight: Option<String>,
    /// Also allow sites whose space is known not to fit the vehicles.
    #[arg(long)]
    pub allow_no_space: bool,
    /// Vehicles a stop must hold (the truck plus customers' and helpers' vehicles).
    #[arg(long, default_value_t = VEHICLES)]
    pub vehicles: u64,
    /// Distance from every shop beyond which an older resident counts as far (far_from_shop).
    #[arg(long, default_value_t = SHOP_DISTANCE_M, allow_negative_numbers = true)]
    pub shop_distance_m: f64,
    /// End within S seconds of starting, reading and writing included: solves stop with the
    /// best answer and bound so far (status time_limit), a timetable with the best week found.
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub time_limit_s: Option<f64>,
    /// Seed of the heuristics; the same seed gives the same answer on any thread count.
    #[arg(long, default_value_t = SEED)]
    pub seed: u64,
    /// exact: reductions + Lagrangian branch and bound; heuristic: parallel multi-start with a
    /// proven bound (fast on huge data); mip: the textbook MIP via good_lp (a second opinion).
    #[arg(long, value_parser = super::args::choice::<Method>(), default_value = "exact")]
    pub method: Method,
}

/// Flags of `solve`.
#[derive(Args, Debug)]
pub struct SolveArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub streets: super::args::StreetArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    /// OR-Library p-median file (p from the file unless --p).
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub orlib: Option<PathBuf>,
    /// OR-Library capacitated p-median file (pmedcap1 or one problem of it); with --instance.
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub pmedcap: Option<PathBuf>,
    /// Capacitated p-median point set of Lorena & Senne or Stefanello et al. (`n p`, then
    /// `x y Q d` per point; p from the file unless --p).
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub cpmp: Option<PathBuf>,
    /// Problem number within a --pmedcap file.
    #[arg(long, value_name = "K", requires = "pmedcap")]
    pub instance: Option<usize>,
    /// Also write each demand point's stop: id, lat, lon, weight, served_by (the nearest
    /// chosen stop; the assigned one with --capacity in pmedian), the distance and
    /// within_radius. CSV, or GeoJSON points when FILE ends in .geojson. With a benchmark
    /// file: CSV without lat and lon, the plan as the file measures it.
    #[arg(long, value_name = "FILE")]
    pub assignments: Option<PathBuf>,
    /// SJC point set (Lorena & Pereira); needs --p for mclp and --radius-m.
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub sjc: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl ModelArgs {
    /// How far walks along the streets must go: the radius for the covering models, every
    /// pair for the p-median and p-center (they need each point's nearest stop).
    pub fn reach(&self) -> Option<f64> {
        matches!(self.model, Model::Mclp | Model::Lscp).then_some(self.radius_m)
    }

    /// The library's model options from the flags.
    pub fn options(&self) -> Result<ModelOptions, Error> {
        let ids = |raw: &[String], param: Param| -> Result<Vec<String>, Error> {
            let lists = raw.iter().map(|r| split_list(r, param));
            Ok(lists.collect::<Result<Vec<_>, _>>()?.concat())
        };
        Ok(ModelOptions {
            model: self.model,
            p: self.p,
            radius_m: self.radius_m,
            require: ids(&self.require, Param::Require)?,
            exclude: ids(&self.exclude, Param::Exclude)?,
            capacity: self.capacity.clone(),
            min_weight_per_stop: self.min_weight_per_stop,
            objective_weight: self.objective_weight.clone(),
            allow_no_space: self.allow_no_space,
            vehicles: self.vehicles,
            shop_distance_m: self.shop_distance_m,
            seed: self.seed,
            method: self.method,
        })
    }

    /// The run's budget: `--time-limit-s` counted from the start of the command.
    pub fn budget(&self, memory: MemoryLimit) -> Result<Budget, Error> {
        super::budget(self.time_limit_s, memory)
    }
}

impl SolveArgs {
    /// The benchmark file named by the flags, if any.
    fn benchmark(&self) -> Option<Benchmark> {
        let k = self.instance.unwrap_or(1);
        let orlib = self.orlib.clone().map(Benchmark::Orlib);
        let pmedcap = self.pmedcap.clone().map(|p| Benchmark::Pmedcap(p, k));
        let cpmp = self.cpmp.clone().map(Benchmark::Cpmp);
        orlib
            .or(pmedcap)
            .or(cpmp)
            .or(self.sjc.clone().map(Benchmark::Sjc))
    }

    /// Checks the flags that do not depend on the data.
    fn validate(&self) -> Result<(), Error> {
        self.model.options()?.validate()?;
        let bench = self.benchmark().is_some();
        if bench && self.model.objective_weight.is_some() {
            return Err(Error::param(
                Param::ObjectiveWeight,
                "planning data (benchmark files have one weight)",
                "a benchmark file",
            ));
        }
        if self.instance == Some(0) {
            return Err(Error::param(
                Param::Instance,
                "a problem number of 1 or more",
                "`0`",
            ));
        }
        if bench && self.assignments.as_deref().is_some_and(is_geojson) {
            return Err(Error::param(
                Param::Assignments,
                "a .csv file for benchmark files (their points have no map positions)",
                "a .geojson file",
            ));
        }
        if self.output.format == Format::Geojson && bench {
            return Err(Error::param(
                Param::Format,
                "table, csv or json for benchmark files (they have no map positions)",
                "geojson",
            ));
        }
        Ok(())
    }
}

/// Validates flags, reads the instance, solves and writes. Infeasible: the result is still
/// written (it says why), then exit code 3.
pub fn run(args: &SolveArgs, memory: MemoryLimit) -> Result<(), Error> {
    args.validate()?;
    super::paths::Inputs::default()
        .data(&args.streets.paths(&args.data, args.model.reach()), "--")
        .file("--orlib", args.orlib.as_deref())
        .file("--pmedcap", args.pmedcap.as_deref())
        .file("--cpmp", args.cpmp.as_deref())
        .file("--sjc", args.sjc.as_deref())
        .check_named(
            args.output.out.as_deref(),
            &[("--assignments", args.assignments.as_deref())],
        )?;
    let model = args.model.options()?;
    let budget = args.model.budget(memory)?;
    let (inst, capacitated) = match args.benchmark() {
        Some(b) => benchmark_instance(&b, model.model, model.capacity()?.as_ref(), budget)?,
        None => model.planning_instance(&io::load_dataset(
            &args.streets.paths(&args.data, args.model.reach()),
            budget,
        )?)?,
    };
    let params = model.params(capacitated, budget);
    let result = solve(&inst, &params)?;
    let info = RunInfo {
        threads: rayon::current_num_threads(),
    };
    let bytes = render_solve(&inst, &result, info, args.output.format, args.output.lang)
        .ok_or_else(|| {
            Error::param(
                Param::Format,
                "table, csv or json for data without map positions",
                "geojson",
            )
        })?;
    super::emit(args.output.out.as_deref(), &bytes)?;
    if let Some(path) = &args.assignments {
        write_assignments(path, &inst, &result)?;
    }
    if result.outcome.status == Status::Infeasible {
        return Err(Error::Infeasible {
            reason: result.outcome.note.clone().unwrap_or_default(),
        });
    }
    Ok(())
}

/// Whether `--assignments` names a GeoJSON file (else it is CSV): one rule for the check
/// before any work and for the writing.
fn is_geojson(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("geojson"))
}

/// Writes `--assignments`: GeoJSON points when the name ends in `.geojson`, else CSV.
fn write_assignments(
    path: &std::path::Path,
    inst: &mobile_stops::Instance,
    result: &mobile_stops::SolveResult,
) -> Result<(), Error> {
    let list = assignments(inst, result).ok_or_else(|| {
        Error::param(
            Param::Assignments,
            "data with positions or a distance matrix",
            "neither",
        )
    })?;
    let bytes = if is_geojson(path) {
        assignments_geojson(inst, &list, result.params.radius_m)
    } else {
        assignments_csv(inst, &list)
    };
    super::output::write_atomic(path, &bytes)
}
