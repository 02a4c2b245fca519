//! A generated OpenStreetMap extract the size of a city, written as OSM XML, for measuring
//! and testing `--network` end to end on the embedded northern-Chigasaki data.
//!
//! No Chigasaki extract can be obtained on the development machine, and the graph generator
//! ([`super::street_grid`]) builds a graph, not a file: the reader, the cache key's hash of the
//! file and the cache itself would go unmeasured. This one writes what a planner downloads:
//! streets as OSM ways of realistic classes (secondary, tertiary, residential, service,
//! footway, steps, some private), split the way mappers split them and bent by shape nodes;
//! buildings, a river, a motorway and a railway that walkers cannot use (no walkable
//! `highway` tag), and bridges that are streets sharing their end nodes with the streets on
//! either bank. Seeded: the same spec writes the same bytes.

mod layout;
mod osm_xml;

pub use osm_xml::write_osm_xml;

use crate::model::LatLon;
use crate::network::Area;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CityExtractSpec {
    /// The box the streets fill.
    pub area: Area,
    /// Distance between neighbouring crossings, metres (Japanese residential blocks are
    /// 40–100 m).
    pub spacing_m: f64,
    /// Share of street segments missing at random (dead ends, private ground).
    pub missing_share: f64,
    /// Holes of up to 6 × 6 blocks with no street inside (parks, schools, farmland), per km².
    pub holes_per_km2: f64,
    /// Distance between the bridges over the river, which runs east–west through the middle.
    pub bridge_every_m: f64,
    /// Share of blocks holding a mapped building (four nodes and a closed way).
    pub building_share: f64,
    /// The random seed: the same spec writes the same file.
    pub seed: u64,
}

impl CityExtractSpec {
    /// A city cut around `places` (a dataset's demand and candidates) with `margin_m` on every
    /// side, as dense as a Japanese suburb's extract: crossings 50 m apart, a building on
    /// most blocks, a bridge every 1.5 km. Around the embedded data with a 3 km margin it has
    /// about 320,000 nodes (48 MB), the size of a Geofabrik- or BBBike-cut city.
    pub fn around(places: &[LatLon], margin_m: f64, seed: u64) -> Option<CityExtractSpec> {
        Some(CityExtractSpec {
            area: Area::around(places, margin_m)?,
            spacing_m: 50.0,
            missing_share: 0.08,
            holes_per_km2: 1.0,
            bridge_every_m: 1500.0,
            building_share: 0.4,
            seed,
        })
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractSize {
    /// Nodes in the file.
    pub nodes: u64,
    /// Ways in the file (streets, buildings, the river, the motorway and the railway).
    pub ways: u64,
    /// Of those, ways with a walkable `highway` tag.
    pub street_ways: u64,
    /// The file's length.
    pub bytes: u64,
}
