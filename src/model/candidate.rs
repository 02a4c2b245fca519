//! Candidate stop sites and what is known of their space.

use super::LatLon;

/// A site a council could ask the truck to stop at: a shrine, temple, community centre,
/// housing-estate car park. Space fields are optional because they are often unknown; unknown
/// is kept distinct from "does not fit".
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateSite {
    /// Unique id.
    pub id: String,
    /// Where the truck would stand.
    pub location: LatLon,
    /// Display name (Japanese names are kept as written).
    pub name: Option<String>,
    /// The name as the input wrote it, when [`Candidates::disambiguate_names`] had to add a
    /// town to `name`; kept so a site can still be selected by what its file calls it.
    pub written_name: Option<String>,
    /// Kind of site, e.g. `shrine`, `temple`, `housing_estate`.
    pub kind: Option<String>,
    /// Parking places the owner says are available.
    pub vehicle_slots: Option<u64>,
    /// Usable area in square metres.
    pub area_m2: Option<f64>,
    /// Usable width in metres (goes with `length_m`).
    pub width_m: Option<f64>,
    /// Usable length in metres (goes with `width_m`).
    pub length_m: Option<f64>,
    /// Free text carried to every output.
    pub note: Option<String>,
    /// Values of the extra columns, aligned with [`Candidates::extra_columns`].
    pub extra: Vec<String>,
    /// The line it was read from, so later checks (a visits column) can point at it.
    pub line: Option<u64>,
}

/// All candidate sites with the names of the extra columns they carry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidates {
    /// Sites in file order.
    pub sites: Vec<CandidateSite>,
    /// Names of columns beyond the known ones, carried through to outputs.
    pub extra_columns: Vec<String>,
}

impl Candidates {
    /// Every site's position, in file order: what coverage and solvers index by.
    pub fn locations(&self) -> Vec<LatLon> {
        self.sites.iter().map(|s| s.location).collect()
    }

    /// Position of a site by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }
}
