//! One way in for every command that walks or drives the streets: which extract, how points
//! join it, and the graph it gives around the data.
//!
//! `network matrix`, `network check`, the data a ranking or a solve reads (`--network`), and a
//! route's drive times all build their graph here, so the rules (the area kept, the snapping
//! distance, hills, the profile) are the same wherever the streets are used.

use super::{read_streets, Area, Graph, Profile, ReadStats};
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
    /// Walking or driving: which ways are kept and what their segments cost.
    pub profile: Profile,
}

impl NetworkSpec {
    /// The extract at `file` for walking, with the default snapping distance and no limit on
    /// the walks.
    pub fn new(file: impl Into<PathBuf>) -> NetworkSpec {
        NetworkSpec {
            file: file.into(),
            snap_max_m: super::SNAP_MAX_M,
            reach: None,
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

    /// Reads the extract around `places` and builds its graph for the profile.
    pub fn graph(
        &self,
        places: &[LatLon],
        reach_m: Option<f64>,
        budget: Budget,
    ) -> Result<(Graph, ReadStats)> {
        let area = self
            .area(places, reach_m)
            .expect("readers refuse files without rows");
        read_streets(&self.file, area, self.profile, budget.memory)
    }
}
