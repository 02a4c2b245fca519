//! `mobile-stops solve`: choose a set of stops with a location model and say what is proven.

use super::args::{DataArgs, OutputArgs};
use clap::Args;
use mobile_stops::benchmarks::{
    pmed_instance, pmedcap_instance, read_pmed, read_pmedcap, read_sjc, sjc_instance,
};
use mobile_stops::budget::MemoryLimit;
use mobile_stops::io::text::SourceText;
use mobile_stops::report::{render_solve, Format, RunInfo};
use mobile_stops::score::SpaceParams;
use mobile_stops::solve::{
    solve, CapacitySpec, Instance, Method, Model, PlanningOptions, SolveParams, Status,
};
use mobile_stops::Param;
use mobile_stops::{io, Dataset, Error};
use std::path::PathBuf;

const DATA_FLAGS: [&str; 5] = ["data", "demand", "candidates", "surveys", "stores"];

/// The location model and its rules: shared by `solve` and by `route` when it solves first.
#[derive(Args, Debug, Clone)]
pub struct ModelArgs {
    /// Location model.
    #[arg(long, value_enum, default_value = "mclp")]
    pub model: Model,
    /// Number of stops (mclp, pmedian, pcenter); benchmark files supply their own.
    #[arg(long, value_name = "N")]
    pub p: Option<usize>,
    /// Walking radius in metres (covering models; also reported for the others).
    #[arg(long, default_value_t = 500.0, allow_negative_numbers = true)]
    pub radius_m: f64,
    /// Sites that must be chosen, by id.
    #[arg(long, value_name = "ID,..", value_delimiter = ',')]
    pub require: Vec<String>,
    /// Sites that must not be chosen, by id.
    #[arg(long, value_name = "ID,..", value_delimiter = ',')]
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
    #[arg(long, default_value_t = 5)]
    pub vehicles: u64,
    /// Distance from every shop beyond which an older resident counts as far (far_from_shop).
    #[arg(long, default_value_t = 500.0, allow_negative_numbers = true)]
    pub shop_distance_m: f64,
    /// End within S seconds of starting, reading and writing included: solves stop with the
    /// best answer and bound so far (status time_limit), a timetable with the best week found.
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub time_limit_s: Option<f64>,
    /// Seed of the heuristics; the same seed gives the same answer on any thread count.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// exact: reductions + Lagrangian branch and bound; heuristic: parallel multi-start with a
    /// proven bound (fast on huge data); mip: the textbook MIP via good_lp (a second opinion).
    #[arg(long, value_enum, default_value = "exact")]
    pub method: Method,
}

/// Flags of `solve`.
#[derive(Args, Debug)]
pub struct SolveArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    /// OR-Library p-median file (p from the file unless --p).
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub orlib: Option<PathBuf>,
    /// OR-Library capacitated p-median file (pmedcap1 or one problem of it); with --instance.
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub pmedcap: Option<PathBuf>,
    /// Problem number within a --pmedcap file.
    #[arg(long, value_name = "K", requires = "pmedcap")]
    pub instance: Option<usize>,
    /// SJC point set (Lorena & Pereira); needs --p for mclp and --radius-m.
    #[arg(long, value_name = "FILE", conflicts_with_all = DATA_FLAGS, group = "bench")]
    pub sjc: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl ModelArgs {
    /// Solver parameters from the flags.
    pub fn params(&self, capacitated: bool, memory: MemoryLimit) -> Result<SolveParams, Error> {
        let deadline = super::deadline(self.time_limit_s)?;
        Ok(SolveParams {
            model: self.model,
            p: self.p,
            radius_m: self.radius_m,
            require: self.require.clone(),
            exclude: self.exclude.clone(),
            allow_no_space: self.allow_no_space,
            min_weight_per_stop: self.min_weight_per_stop,
            capacitated,
            time_limit: None,
            deadline,
            seed: self.seed,
            method: self.method,
            memory,
        })
    }

    fn capacity(&self) -> Result<Option<CapacitySpec>, Error> {
        self.capacity
            .as_deref()
            .map(CapacitySpec::parse)
            .transpose()
    }

    /// The planning instance of a dataset, and whether it is capacitated.
    pub fn planning_instance(&self, data: &Dataset) -> Result<(Instance, bool), Error> {
        let capacity = self.capacity()?;
        let opts = PlanningOptions {
            objective_weight: self.objective_weight.clone(),
            shop_distance_m: self.shop_distance_m,
            vehicles: self.vehicles,
            space: SpaceParams::default(),
            capacity: capacity.clone(),
        };
        Ok((Instance::from_dataset(data, &opts)?, capacity.is_some()))
    }

    /// Checks the flags that do not depend on the data.
    pub fn validate(&self) -> Result<(), Error> {
        if self.vehicles == 0 {
            return Err(Error::param(Param::Vehicles, "at least 1 vehicle", "`0`"));
        }
        if !(self.shop_distance_m.is_finite() && self.shop_distance_m > 0.0) {
            return Err(Error::param(
                Param::ShopDistanceM,
                "a distance in metres greater than 0",
                format!("`{}`", self.shop_distance_m),
            ));
        }
        Ok(())
    }
}

impl SolveArgs {
    /// Reads the instance named by the flags: a benchmark file or planning data.
    fn instance(&self, memory: MemoryLimit) -> Result<(Instance, bool), Error> {
        let capacity = self.model.capacity()?;
        let bench_capacity = |inst: &mut Instance| -> Result<bool, Error> {
            match &capacity {
                None => Ok(false),
                Some(CapacitySpec::Value(v)) => {
                    for s in &mut inst.sites {
                        s.capacity = Some(*v);
                    }
                    Ok(true)
                }
                Some(CapacitySpec::Column(c)) => Err(Error::param(
                    Param::Capacity,
                    "a number (benchmark files have no candidate columns)",
                    format!("`{c}`"),
                )),
            }
        };
        if let Some(path) = &self.orlib {
            let (name, text) = read_text(path, memory)?;
            let mut inst = pmed_instance(&name, &read_pmed(&name, &text)?);
            let cap = bench_capacity(&mut inst)?;
            return Ok((inst, cap));
        }
        if let Some(path) = &self.pmedcap {
            let (name, text) = read_text(path, memory)?;
            let k = self.instance.unwrap_or(1);
            let mut inst = pmedcap_instance(&name, &read_pmedcap(&name, &text, k)?);
            if capacity.is_some() {
                bench_capacity(&mut inst)?;
            }
            return Ok((
                inst,
                matches!(self.model.model, Model::Pmedian | Model::Mclp),
            ));
        }
        if let Some(path) = &self.sjc {
            let (name, text) = read_text(path, memory)?;
            let mut inst = sjc_instance(&name, &read_sjc(&name, &text)?);
            let cap = bench_capacity(&mut inst)?;
            return Ok((inst, cap));
        }
        let data = io::load_dataset(&self.data.paths(), memory)?;
        self.model.planning_instance(&data)
    }

    fn validate(&self) -> Result<(), Error> {
        self.model.validate()?;
        let bench = self.orlib.is_some() || self.pmedcap.is_some() || self.sjc.is_some();
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
        Ok(())
    }
}

fn read_text(path: &std::path::Path, memory: MemoryLimit) -> Result<(String, String), Error> {
    let name = path.display().to_string();
    let text = SourceText::read(path, memory)?;
    Ok((name, text.text))
}

/// Validates flags, reads the instance, solves and writes. Infeasible: the result is still
/// written (it says why), then exit code 3.
pub fn run(args: &SolveArgs, memory: MemoryLimit) -> Result<(), Error> {
    args.validate()?;
    if args.output.format == Format::Geojson
        && (args.orlib.is_some() || args.sjc.is_some() || args.pmedcap.is_some())
    {
        return Err(Error::param(
            Param::Format,
            "table, csv or json for benchmark files (they have no map positions)",
            "geojson",
        ));
    }
    let (inst, capacitated) = args.instance(memory)?;
    let params = args.model.params(capacitated, memory)?;
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
    if result.outcome.status == Status::Infeasible {
        return Err(Error::Infeasible {
            reason: result.outcome.note.clone().unwrap_or_default(),
        });
    }
    Ok(())
}
