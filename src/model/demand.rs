//! Where people live and how many: the demand side of every model.

use super::LatLon;

/// Name of the total-population column, as the readers produce it.
pub const POPULATION: &str = "population";
/// Name of the aged-65-and-over column (the MAFF definition of older people).
pub const AGED_65_PLUS: &str = "aged_65_plus";

/// Columns tried, in order, when no weight column is named: a planner's own `weight`, else
/// the older residents, else everyone.
pub const DEFAULT_WEIGHT_COLUMNS: [&str; 3] = ["weight", AGED_65_PLUS, POPULATION];

/// One numeric attribute of every demand point.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandColumn {
    /// Column name, e.g. `population`.
    pub name: String,
    /// One value per demand point, zero or more, finite.
    pub values: Vec<f64>,
}

/// What the e-Stat reader did with secrecy-treated cells, so the summary can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MeshSummary {
    /// Cells published as they are (HTKSYORI = 0).
    pub published_cells: usize,
    /// Merge targets (HTKSYORI = 1) whose breakdown includes other cells.
    pub merge_targets: usize,
    /// Suppressed cells (HTKSYORI = 2) merged into a target.
    pub suppressed_cells: usize,
}

/// How the demand was given.
#[derive(Debug, Clone, PartialEq)]
pub enum DemandFormat {
    /// A points CSV (`id,lat,lon,…` or `id,mesh_code,…`).
    Points,
    /// One or more e-Stat census mesh tables as downloaded.
    EstatMesh(MeshSummary),
}

/// Demand points in columns: ids, locations and numeric attributes side by side, so a million
/// points cost a few vectors, not a million small structs.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    /// Unique ids (mesh codes for census data).
    pub ids: Vec<String>,
    /// Where each point's people are placed.
    pub locations: Vec<LatLon>,
    /// Numeric attributes, all the same length as `ids`.
    pub columns: Vec<DemandColumn>,
    /// Points that outline the area the data covers (cell corners, or the points themselves);
    /// candidates near its edge are flagged because their reach is under-counted.
    pub footprint: Vec<LatLon>,
    /// The reader that produced it.
    pub format: DemandFormat,
}

impl Demand {
    /// Number of demand points.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are no points (readers never produce this).
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The values of a column by name (case-insensitive).
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .map(|c| c.values.as_slice())
    }

    /// The column the weight defaults to ([`DEFAULT_WEIGHT_COLUMNS`]), as the data names it;
    /// `None`: each point counts 1.
    pub fn default_weight_column(&self) -> Option<&str> {
        DEFAULT_WEIGHT_COLUMNS.iter().find_map(|n| {
            self.columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(n))
                .map(|c| c.name.as_str())
        })
    }

    /// Column names in order.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// Sum of a column, in point order (deterministic).
    pub fn total(&self, name: &str) -> Option<f64> {
        self.column(name).map(|v| v.iter().fold(0.0, |a, b| a + b))
    }
}
