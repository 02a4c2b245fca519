//! Flag groups shared by the commands that read data and write results.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::Args;
use mobile_stops::io::DataPaths;
use mobile_stops::model::CostUnit;
use mobile_stops::report::{Format, Lang};
use mobile_stops::Choice;
use std::path::PathBuf;

/// Where the data comes from. No flags: the embedded northern-Chigasaki dataset. `--data DIR`
/// reads a directory; each file flag replaces one part (of the directory or of the embedded data).
#[derive(Args, Debug, Clone, Default)]
pub struct DataArgs {
    /// Directory with demand.csv (or e-Stat mesh files), candidates.csv, and optional surveys.csv, stores.csv.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Demand points CSV or e-Stat mesh table (repeat for several mesh files).
    #[arg(long, value_name = "FILE")]
    pub demand: Vec<PathBuf>,
    /// Candidate sites CSV.
    #[arg(long, value_name = "FILE")]
    pub candidates: Option<PathBuf>,
    /// Survey answers CSV.
    #[arg(long, value_name = "FILE")]
    pub surveys: Option<PathBuf>,
    /// Existing food shops CSV.
    #[arg(long, value_name = "FILE")]
    pub stores: Option<PathBuf>,
    /// The area the council governs: a GeoJSON outline (e.g. MLIT N03). Shares are stated
    /// against the people inside it (default: Chigasaki's outline with the embedded data;
    /// area.geojson in a --data directory).
    #[arg(long, value_name = "FILE")]
    pub area: Option<PathBuf>,
    /// Demand × candidate costs, CSV `from,to,metres` (demand id, candidate id; e.g. walking
    /// metres from a street network): reach and distance are read from it instead of the
    /// straight line; pairs not listed are unreachable.
    #[arg(long, value_name = "FILE")]
    pub cost_matrix: Option<PathBuf>,
    /// Which column of --cost-matrix to read: metres, or minutes (then --radius-m is read as
    /// minutes).
    #[arg(long, value_parser = super::args::choice::<CostUnit>(), default_value = "metres", requires = "cost_matrix")]
    pub cost: CostUnit,
}

impl DataArgs {
    /// The library's view of the same flags.
    pub fn paths(&self) -> DataPaths {
        DataPaths {
            data_dir: self.data.clone(),
            demand: self.demand.clone(),
            candidates: self.candidates.clone(),
            surveys: self.surveys.clone(),
            stores: self.stores.clone(),
            area: self.area.clone(),
            cost_matrix: self.cost_matrix.clone(),
            cost: self.cost,
            network: None,
            added_sites: Vec::new(),
        }
    }
}

/// Walking along the streets of an OpenStreetMap extract instead of the straight line.
#[derive(Args, Debug, Clone, Default)]
pub struct StreetArgs {
    /// OpenStreetMap extract, PBF (.osm.pbf: Geofabrik, BBBike) or XML (.osm: OSM API, JOSM):
    /// every distance from a demand point to a candidate is then walked along its streets.
    /// Only the streets around the data are read.
    #[arg(long, value_name = "FILE", conflicts_with = "cost_matrix")]
    pub network: Option<PathBuf>,
    /// With --network: a point farther than this from every walkable street is off network
    /// (reported, and reached by no stop) [default: 250].
    #[arg(long, value_name = "M", requires = "network", value_parser = super::network::positive_metres, allow_negative_numbers = true)]
    pub snap_max_m: Option<f64>,
    /// With --network: an elevation grid (GeoTIFF or ESRI ASCII .asc, latitude/longitude):
    /// walks cost their slopes (Tobler), so --radius-m means as far as that many metres take
    /// on the flat.
    #[arg(long, value_name = "FILE", requires = "network")]
    pub dem: Option<PathBuf>,
    /// With --network: keep built street graphs in DIR, so the next run on the same extract
    /// starts at once [default: $XDG_CACHE_HOME/mobile-stops, else ~/.cache/mobile-stops].
    #[arg(
        long,
        value_name = "DIR",
        requires = "network",
        conflicts_with = "no_network_cache"
    )]
    pub network_cache: Option<PathBuf>,
    /// With --network: read the extract every time; neither read nor write the graph cache.
    #[arg(long, requires = "network")]
    pub no_network_cache: bool,
}

impl StreetArgs {
    /// `data`'s paths, walked along the streets when --network is given, as far as `reach`
    /// (`None`: every pair, for the p-median and p-center).
    pub fn paths(&self, data: &DataArgs, reach: Option<f64>) -> DataPaths {
        let mut paths = data.paths();
        paths.network = self.spec(reach);
        paths
    }

    /// The extract and its rules (`None` without --network), walked as far as `reach`.
    pub fn spec(&self, reach: Option<f64>) -> Option<mobile_stops::network::NetworkSpec> {
        let file = self.network.as_ref()?;
        Some(mobile_stops::network::NetworkSpec {
            snap_max_m: self.snap_max_m.unwrap_or(mobile_stops::network::SNAP_MAX_M),
            reach,
            dem: self.dem.clone(),
            cache: match (self.no_network_cache, &self.network_cache) {
                (true, _) => None,
                (false, Some(dir)) => Some(dir.clone()),
                (false, None) => mobile_stops::network::default_cache_dir(),
            },
            ..mobile_stops::network::NetworkSpec::new(file)
        })
    }
}

/// How and where results are written.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_parser = super::args::choice::<Format>(), default_value = "table")]
    pub format: Format,
    /// Write to FILE instead of standard output (a file is replaced only when complete; a FIFO
    /// or device such as /dev/stdout is written to directly).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of labels and notes.
    #[arg(long, value_parser = super::args::choice::<Lang>(), default_value = "en")]
    pub lang: Lang,
}

/// A flag whose values are one of the library's [`Choice`]s: `--help` lists each with its help
/// line, and anything else is refused by clap with the list.
pub fn choice<T: Choice + Clone>() -> impl TypedValueParser<Value = T> {
    let values = T::ALL
        .iter()
        .map(|v| PossibleValue::new(v.name()).help(v.help()));
    PossibleValuesParser::new(values).map(|s| T::from_name(&s).expect("clap checked the name"))
}
