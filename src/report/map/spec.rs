//! What a map shows: the data, the chosen stops, the radius, and optionally the shading column
//! and title.

use crate::model::Dataset;

/// What to draw. Kept apart from the solvers' types so the map can show any set of stops: a
/// solve result, the council's own picks, or a what-if.
#[derive(Debug, Clone, Copy)]
pub struct MapSpec<'a> {
    /// The data the plan rests on; its demand, candidates and shops are all drawn.
    pub data: &'a Dataset,
    /// Chosen stops as indices into `data.candidates` (duplicates are drawn once).
    pub chosen: &'a [usize],
    /// Walking radius in metres: circles and uncovered pockets use it.
    pub radius_m: f64,
    /// Column to shade by; `None` takes `aged_65_plus`, else `population`, else `weight`, else
    /// every point counts 1.
    pub weight_column: Option<&'a str>,
    /// Heading; `None` gives a standard one in the chosen language.
    pub title: Option<&'a str>,
}

impl<'a> MapSpec<'a> {
    /// A map of `chosen` with the default shading and title, the usual case for a report.
    pub fn new(data: &'a Dataset, chosen: &'a [usize], radius_m: f64) -> Self {
        MapSpec {
            data,
            chosen,
            radius_m,
            weight_column: None,
            title: None,
        }
    }
}
