//! Walking on the real street network: an OpenStreetMap extract (XML or PBF) read around the
//! data, the walking graph it gives, each point joined to its nearest walkable street, and the
//! network distances from every site to the demand within a radius.
//!
//! A walking circle crosses rivers, rail lines and expressways; these distances do not. The
//! first step of the street-network work: distances and a check of what was read. The data is
//! OpenStreetMap's, © OpenStreetMap contributors (ODbL): every output showing it says so.

mod area;
mod cache;
mod check;
mod costs;
pub mod dem;
mod dijkstra;
mod drive;
mod graph;
mod load;
mod matrix;
mod pbf;
mod profile;
mod read;
mod snap;
mod stored;
mod tags;
mod view;
mod xml;

pub use area::Area;
pub use cache::{cache_key, cached_or_build, default_cache_dir, CacheKey};
pub use check::{check, CheckReport, StrandedComponent};
pub use costs::{street_costs, StreetCosts};
pub use dem::{Dem, HillStats};
pub use drive::{drive_lists, write_drive_rows, DriveLeg, DriveLists, Joining};
pub use graph::{Graph, GraphStats};
pub use load::{NetworkSpec, UNBOUNDED_MARGIN_M};
pub use matrix::{network_lists, write_rows, OffNetwork, SiteLists};
pub use profile::{minutes_per_m, Profile};
pub use read::{read_network, read_streets, ReadStats};
pub use snap::{Snap, Snapper};
pub use tags::{drivable, maxspeed_kmh, walkable, Drive, Oneway};
pub use view::StreetNet;

/// The credit OpenStreetMap's licence (ODbL) asks of every output built on its data.
pub const CREDIT: &str = "© OpenStreetMap contributors";

/// How far (metres) a point may lie from the nearest walkable street and still be joined to
/// it; beyond, it is off network and never given a straight-line distance instead.
pub const SNAP_MAX_M: f64 = 250.0;

/// Kept around the area of the data beyond the radius and the snapping distance, so a long
/// street segment crossing the area's edge is still read whole.
pub const MARGIN_M: f64 = 1000.0;
