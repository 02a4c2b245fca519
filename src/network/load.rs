//! One way in for every command that walks or drives the streets: which extract, how points
//! join it, and the graph it gives around the data.
//!
//! `network matrix`, `network check`, the data a ranking or a solve reads (`--network`), and a
//! route's drive times all build their graph here, so the rules (the area kept, the snapping
//! distance, hills, the profile) are the same wherever the streets are used.

use super::{dem, read_streets, Area, Graph, Profile, ReadStats};
use crate::budget::Budget;
use crate::error::Result;
use crate::model::LatLon;
use std::path::PathBuf;

/// How far around the data the streets are kept when the walks have no limit (metres).
pub const UNBOUNDED_MARGIN_M: f64 = 5000.0;

/// Which extract and how to use it.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkSpec {
    /// The OpenStreetMap extract (XML or PBF).
    pub file: PathBuf,
    /// A point farther than this (metres) from every walkable street is off network.
    pub snap_max_m: f64,
    /// How far the walks are followed, in the radius's unit; `None`: without limit (the
    /// p-median and p-center need every pair). Commands set it from their radius.
    pub reach: Option<f64>,
    /// An elevation grid (ESRI ASCII `.asc` or GeoTIFF): with it every segment costs its
    /// flat-equivalent metres up and down (Tobler), so a radius means "as far as R metres take
    /// on the flat"; without it the walks are on the flat.
    pub dem: Option<PathBuf>,
    /// Walking speed on the flat (m/s) turning those metres into minutes in outputs.
    pub walk_speed_m_s: f64,
    /// Where built graphs are kept between runs (see [`super::cache`]); `None`: always read
    /// the extract.
    pub cache: Option<PathBuf>,
    /// Walking or driving: which ways are kept and what their segments cost.
    pub profile: Profile,
}

impl NetworkSpec {
    /// The extract at `file` with the default snapping distance, no limit on the walks, and
    /// graphs cached in the default directory ([`super::default_cache_dir`]), so every command
    /// gets the fast second run without asking.
    pub fn new(file: impl Into<PathBuf>) -> NetworkSpec {
        NetworkSpec {
            file: file.into(),
            snap_max_m: super::SNAP_MAX_M,
            reach: None,
            dem: None,
            walk_speed_m_s: crate::defaults::WALK_SPEED_M_S,
            cache: super::default_cache_dir(),
            profile: Profile::Walk,
        }
    }

    /// The file as it is named in messages.
    pub fn source(&self) -> String {
        self.file.display().to_string()
    }

    /// The part of the extract kept around `places`: walks of `reach_m` (unbounded walks
    /// keep [`UNBOUNDED_MARGIN_M`] around the data: a shortest path between two of its points
    /// rarely leaves it farther), legs of the snapping distance and a margin.
    pub fn area(&self, places: &[LatLon], reach_m: Option<f64>) -> Option<Area> {
        let reach = reach_m.unwrap_or(UNBOUNDED_MARGIN_M);
        Area::around(places, reach + self.snap_max_m + super::MARGIN_M)
    }

    /// Minutes a walk of `metres` (flat-equivalent with a DEM) takes at the walking speed.
    pub fn minutes(&self, metres: f64) -> f64 {
        metres / self.walk_speed_m_s / 60.0
    }

    /// Reads the extract around `places` and builds its graph (or takes it from the cache
    /// when the same extract was built for the same area before), for the profile, a walk's
    /// segments priced by their slopes when there is a DEM (read first: a wrong grid is refused before a large
    /// extract is read). Every street node must lie on the grid's data. The cache holds the
    /// streets before their slopes, so one cached extract serves every grid.
    pub fn graph(
        &self,
        places: &[LatLon],
        reach_m: Option<f64>,
        budget: Budget,
    ) -> Result<(Graph, ReadStats)> {
        let area = self
            .area(places, reach_m)
            .expect("readers refuse files without rows");
        // Slopes price walks; a drive's minutes come from its speeds.
        let dem = self.dem.as_ref().filter(|_| self.profile == Profile::Walk);
        let grid = match dem {
            Some(path) => Some(dem::Dem::read(path, budget.memory)?),
            None => None,
        };
        let read = || read_streets(&self.file, area, self.profile, budget.memory);
        let (graph, mut stats) = match &self.cache {
            None => read()?,
            Some(dir) => match super::cache_key(self, &area) {
                Ok(key) => {
                    let (graph, stats) = super::cached_or_build(dir, key, read)?;
                    let n = graph.stats();
                    let file = self.source();
                    super::graph::fits(budget.memory, self.profile, &file, n.nodes, n.segments)?;
                    (graph, stats)
                }
                // An extract that cannot be hashed cannot be read either: the read says why.
                Err(_) => read()?,
            },
        };
        match grid {
            Some(grid) => {
                let (graph, hills) = dem::hill_costs(graph, &grid)?;
                stats.hills = Some(hills);
                Ok((graph, stats))
            }
            None => Ok((graph, stats)),
        }
    }
}
