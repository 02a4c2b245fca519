//! The streets a run measured its distances on, as the outputs need them: what to draw, and
//! who could not be joined to them.
//!
//! The street graph itself lives in [`crate::network`], above the model; the dataset holds it
//! through [`StreetView`] so the map can draw the streets and each stop's walks without the
//! model knowing how they were found.

use super::LatLon;
use std::sync::Arc;

/// What the map asks of the streets.
pub trait StreetView: std::fmt::Debug + Send + Sync {
    /// Every street segment kept, as its two ends.
    fn segments(&self) -> Vec<[LatLon; 2]>;

    /// The stretches of street walked to reach a stop at `site` from within `reach` (the
    /// radius's unit): whole segments, and the reached part of those walked only partly.
    /// Empty when the site is off the network.
    fn walked(&self, site: LatLon, reach: f64) -> Vec<[LatLon; 2]>;
}

/// The streets of one run.
#[derive(Debug, Clone)]
pub struct Streets {
    /// The segments and the walks.
    pub view: Arc<dyn StreetView>,
    /// Whether walking costs follow the slopes of an elevation model (flat-equivalent metres).
    pub hills: bool,
    /// How far the walks were followed (`None`: every pair).
    pub reach: Option<f64>,
    /// The snapping distance, metres.
    pub snap_max_m: f64,
    /// Demand points off the network (indices, ascending).
    pub off_points: Vec<usize>,
    /// Candidates off the network (indices, ascending).
    pub off_sites: Vec<usize>,
    /// Walkable ways whose nodes were partly missing from the extract.
    pub cut_ways: u64,
}

impl PartialEq for Streets {
    /// The same streets: the same view, and the same numbers read from it.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.view, &other.view)
            && self.hills == other.hills
            && self.reach == other.reach
            && self.snap_max_m == other.snap_max_m
            && self.off_points == other.off_points
            && self.off_sites == other.off_sites
            && self.cut_ways == other.cut_ways
    }
}
