//! `mobile-stops network matrix|check`: walking distances along an OpenStreetMap extract's
//! streets, and what the extract gives around the data.

use super::args::DataArgs;
use super::network_render as render;
use clap::{Args, Subcommand, ValueEnum};
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::model::LatLon;
use mobile_stops::network::{self, Graph, ReadStats, Snapper};
use mobile_stops::{io, Error};
use std::path::PathBuf;

/// The `network` subcommands.
#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Distances along the streets: walking, one row `from,to,metres` per pair within
    /// --max-m, for --cost-matrix or any other tool; driving (--profile drive), one row
    /// `from,to,metres,minutes`. --from is read as demand (a points CSV with id,lat,lon, or
    /// e-Stat mesh tables), --to as candidate sites (id,lat,lon).
    #[command(after_help = super::examples::NETWORK_MATRIX)]
    Matrix(MatrixArgs),
    /// What an extract gives around the data: nodes, ways, walkable km, ways cut, points and
    /// candidates off the network, and pieces of the network with demand but no candidate.
    #[command(after_help = super::examples::NETWORK_CHECK)]
    Check(CheckArgs),
}

/// Flags both subcommands share.
#[derive(Args, Debug)]
pub struct NetworkArgs {
    /// OpenStreetMap extract: PBF (.osm.pbf, e.g. Geofabrik, BBBike) or XML (.osm, OSM API,
    /// JOSM). Only the streets around the data are kept.
    #[arg(long, value_name = "FILE")]
    pub network: PathBuf,
    /// A point farther than this from every walkable street is off network (reported, given
    /// no distance).
    #[arg(long, value_name = "M", default_value_t = network::SNAP_MAX_M, value_parser = positive_metres, allow_negative_numbers = true)]
    pub snap_max_m: f64,
    /// Elevation grid for hills: GeoTIFF (.tif) or ESRI ASCII grid (.asc), single band,
    /// latitude/longitude on JGD2011, JGD2000 or WGS 84. Each street then costs the metres on
    /// the flat that take as long to walk (Tobler; uphill and downhill apart), so --max-m and
    /// --radius-m mean "as far as that many metres take on the flat", and minutes are added.
    /// It must cover every street around the data.
    #[arg(long, value_name = "FILE")]
    pub dem: Option<PathBuf>,
    /// Walking speed on the flat (m/s) for the minutes shown with --dem: 0.8 is the planning
    /// value for frail walkers; pedestrian signals are timed for 1.0.
    #[arg(long, value_name = "M_S", default_value_t = mobile_stops::defaults::WALK_SPEED_M_S, value_parser = walk_speed, allow_negative_numbers = true)]
    pub walk_speed_m_s: f64,
    /// Keep built street graphs in DIR, so the next run on the same extract and area starts
    /// at once [default: $XDG_CACHE_HOME/mobile-stops, else ~/.cache/mobile-stops].
    #[arg(long, value_name = "DIR", conflicts_with = "no_network_cache")]
    pub network_cache: Option<PathBuf>,
    /// Read the extract every time; neither read nor write the graph cache.
    #[arg(long)]
    pub no_network_cache: bool,
}

impl NetworkArgs {
    /// The extract and its rules, as every command using the streets takes them.
    pub fn spec(&self) -> network::NetworkSpec {
        network::NetworkSpec {
            snap_max_m: self.snap_max_m,
            dem: self.dem.clone(),
            walk_speed_m_s: self.walk_speed_m_s,
            cache: match (self.no_network_cache, &self.network_cache) {
                (true, _) => None,
                (false, Some(dir)) => Some(dir.clone()),
                (false, None) => network::default_cache_dir(),
            },
            ..network::NetworkSpec::new(&self.network)
        }
    }
}

/// Flags of `network matrix`.
#[derive(Args, Debug)]
pub struct MatrixArgs {
    #[command(flatten)]
    pub net: NetworkArgs,
    /// Demand points: a CSV with id,lat,lon (or an e-Stat mesh table); the `from` column.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// Candidate sites: a CSV with id,lat,lon; the `to` column.
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
    /// Pairs farther apart than this along the streets are left out (with --dem, in
    /// flat-equivalent metres; driving: the fastest drive's length, legs included).
    #[arg(long, value_name = "M", default_value_t = mobile_stops::defaults::RADIUS_M, value_parser = positive_metres, allow_negative_numbers = true)]
    pub max_m: f64,
    /// Walk (metres, every walkable way both directions, from each --from to each --to) or
    /// drive (one-way streets along their sign, speeds from maxspeed or a per-class default;
    /// the fastest drive from each --from to each --to, in metres and minutes).
    #[arg(long, value_enum, default_value = "walk")]
    pub profile: ProfileArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: MatrixFormat,
    /// Write to FILE instead of standard output (replaced only when complete).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Flags of `network check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub net: NetworkArgs,
    #[command(flatten)]
    pub data: DataArgs,
    /// The walking radius the streets are read for around the data.
    #[arg(long, value_name = "M", default_value_t = mobile_stops::defaults::RADIUS_M, value_parser = positive_metres, allow_negative_numbers = true)]
    pub radius_m: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: CheckFormat,
    /// Write to FILE instead of standard output (replaced only when complete).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// How `network matrix` writes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatrixFormat {
    /// `from,to,metres`, the cost-matrix file.
    Csv,
    /// The pairs with what was off network and the credit.
    Json,
}

/// Who uses the streets in `network matrix`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileArg {
    /// On foot: `from,to,metres`.
    Walk,
    /// By car: `from,to,metres,minutes`.
    Drive,
}

/// How `network check` writes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// Lines for a terminal.
    Table,
    /// For scripts.
    Json,
}

impl NetworkCommand {
    /// Whether errors are printed as JSON.
    pub fn json(&self) -> bool {
        match self {
            NetworkCommand::Matrix(a) => a.format == MatrixFormat::Json,
            NetworkCommand::Check(a) => a.format == CheckFormat::Json,
        }
    }
}

/// A distance in metres: a finite number above zero, else clap's usage error (exit 2).
pub fn positive_metres(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(m) if m.is_finite() && m > 0.0 && m <= 100_000.0 => Ok(m),
        _ => Err(format!(
            "expected metres greater than 0 (at most 100000), found `{s}`"
        )),
    }
}

/// A walking speed in m/s: above 0 and at most 3 (a run), else clap's usage error (exit 2).
fn walk_speed(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 3.0 => Ok(v),
        _ => Err(format!(
            "expected a walking speed in m/s above 0 (at most 3), found `{s}`"
        )),
    }
}

/// Runs a `network` subcommand.
pub fn run(cmd: &NetworkCommand, memory: MemoryLimit) -> Result<(), Error> {
    let budget = Budget {
        deadline: None,
        memory,
    };
    match cmd {
        NetworkCommand::Matrix(a) => matrix(a, budget),
        NetworkCommand::Check(a) => check(a, budget),
    }
}

fn matrix(a: &MatrixArgs, budget: Budget) -> Result<(), Error> {
    if a.profile == ProfileArg::Drive && a.net.dem.is_some() {
        // Slopes price walks; a drive's minutes come from its speeds: never silently ignored.
        return Err(Error::param(
            mobile_stops::Param::Dem,
            "--dem with --profile walk (slopes price walks; drives take their speeds)",
            "--profile drive",
        ));
    }
    super::paths::Inputs::default()
        .file("--network", Some(&a.net.network))
        .file("--dem", a.net.dem.as_deref())
        .file("--from", Some(&a.from))
        .file("--to", Some(&a.to))
        .check(a.out.as_deref(), None)?;
    let from = io::read_demand(std::slice::from_ref(&a.from), budget)?.data;
    let to = io::read_candidates(&io::SourceText::read(&a.to, budget)?)?;
    let sites = to.locations();
    let site_ids: Vec<String> = to.sites.iter().map(|s| s.id.clone()).collect();
    if a.profile == ProfileArg::Drive {
        return super::network_drive::matrix(a, &from, &sites, &site_ids, budget);
    }
    let (graph, stats) = read(&a.net, &from.locations, &sites, a.max_m, budget)?;
    let hills = stats.hills.as_ref();
    let snapper = Snapper::new(&graph);
    let lists = network::network_lists(
        &graph,
        &snapper,
        &from.locations,
        &sites,
        a.max_m,
        a.net.snap_max_m,
        budget,
    )?;
    let bytes = match a.format {
        MatrixFormat::Csv => {
            let mut buf = Vec::new();
            let speed = hills.map(|_| a.net.walk_speed_m_s);
            network::write_rows(&lists, &from.ids, &site_ids, speed, &mut buf)
                .map_err(|e| Error::io("the matrix", "writing", e))?;
            buf
        }
        MatrixFormat::Json => render::matrix_json(a, hills, &lists, &from.ids, &site_ids),
    };
    super::emit(a.out.as_deref(), &bytes)?;
    eprintln!(
        "mobile-stops: {}",
        render::matrix_note(a, hills, &lists, &from.ids, &site_ids)
    );
    Ok(())
}

fn check(a: &CheckArgs, budget: Budget) -> Result<(), Error> {
    super::paths::Inputs::default()
        .file("--network", Some(&a.net.network))
        .file("--dem", a.net.dem.as_deref())
        .data(&a.data.paths(), "--")
        .check(a.out.as_deref(), None)?;
    let data = io::load_dataset(&a.data.paths(), budget)?;
    let points = &data.demand.data.locations;
    let sites = data.candidates.data.locations();
    let weight = mobile_stops::score::weight_column(&data, None)?;
    let weights: Vec<f64> = match weight.as_deref().and_then(|w| data.demand.data.column(w)) {
        Some(w) => w.to_vec(),
        None => vec![1.0; points.len()],
    };
    let (graph, stats) = read(&a.net, points, &sites, a.radius_m, budget)?;
    let report = network::check(&graph, stats, points, &weights, &sites, a.net.snap_max_m);
    let bytes = render::check(a, &report, &data, weight.as_deref());
    super::emit(a.out.as_deref(), &bytes)
}

/// Reads the extract around `points` and `sites`: wide enough for walks of `radius_m` and
/// legs of the snapping distance, plus a margin.
fn read(
    net: &NetworkArgs,
    points: &[LatLon],
    sites: &[LatLon],
    radius_m: f64,
    budget: Budget,
) -> Result<(Graph, ReadStats), Error> {
    let all: Vec<LatLon> = points.iter().chain(sites).copied().collect();
    net.spec().graph(&all, Some(radius_m), budget)
}
