//! What a map shows: the data, the chosen stops, the radius, and optionally the shading column,
//! the sites to label besides the stops, the depot and the title.

use crate::model::{Dataset, LatLon};

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
    /// Column to shade by, the one the solve counted; `None` takes the ranking's default
    /// (`weight`, else `aged_65_plus`, else `population`), else every point counts 1.
    pub weight_column: Option<&'a str>,
    /// The values of `weight_column`, one per demand point, when the column is computed rather
    /// than read (the solve's `far_from_shop`); `None` reads the column from the demand.
    pub weights: Option<&'a [f64]>,
    /// Sites to label besides the chosen stops: the members of the sets a council brought to
    /// compare. Candidates the data marks as the council's own (`proposed_by` = `council`)
    /// are labelled without being listed here.
    pub marked: &'a [usize],
    /// Where every run starts and ends, drawn with its own symbol when known.
    pub depot: Option<Depot<'a>>,
    /// Heading; `None` gives a standard one in the chosen language.
    pub title: Option<&'a str>,
    /// The run's time limit: grouping the uncovered pockets (seconds on hundreds of
    /// thousands of points) gives up at it, and the legend says the pockets were not drawn.
    pub deadline: Option<std::time::Instant>,
}

/// The week's depot as the map draws it.
#[derive(Debug, Clone, Copy)]
pub struct Depot<'a> {
    /// Where it is.
    pub location: LatLon,
    /// What the timetable calls it (a name, or an id).
    pub name: &'a str,
}

impl<'a> MapSpec<'a> {
    /// A map of `chosen` with the default shading and title, the usual case for a report.
    pub fn new(data: &'a Dataset, chosen: &'a [usize], radius_m: f64) -> Self {
        MapSpec {
            data,
            chosen,
            radius_m,
            weight_column: None,
            weights: None,
            marked: &[],
            depot: None,
            title: None,
            deadline: None,
        }
    }
}

impl MapSpec<'_> {
    /// The radius as the map writes it: `500 m` on the straight line or a cost matrix of
    /// metres, `10 min` (`10分`) on one of minutes.
    pub(super) fn radius_words(&self, lang: crate::report::Lang) -> String {
        let r = super::style::metres_text(self.radius_m);
        match self.data.costs.as_ref().map(|c| c.data.unit) {
            Some(crate::model::CostUnit::Minutes) => format!("{r}{}", lang.pick(" min", "分")),
            _ => format!("{r}{}", lang.pick(" m", "m")),
        }
    }

    /// Whether reach comes from a cost matrix: then no circle is drawn (the streets, not a
    /// circle, decide who is reached).
    pub(super) fn by_cost_matrix(&self) -> bool {
        self.data.costs.is_some()
    }
}
