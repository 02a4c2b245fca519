//! Readers that turn planning files into the validated [`crate::model`], and nothing else.
//!
//! Each reader takes decoded text ([`SourceText`]) so the same code reads a user's file and the
//! embedded dataset. Errors always carry `FILE:LINE:COLUMN`.

pub(crate) mod area;
mod candidates;
pub mod columns;
mod costs;
mod dataset;
pub mod demand_checks;
pub mod embedded;
mod estat;
pub mod fingerprint;
pub mod notes;
mod places;
mod points;
mod stoplist;
mod streets;
pub mod text;
mod travel;

pub use area::read_area;
pub use candidates::read_candidates;
pub use costs::read_cost_matrix;
pub use dataset::{load_dataset, read_demand, read_demand_text, DataPaths};
pub use estat::{is_estat, read_estat};
pub use places::{read_stores, read_surveys};
pub use points::read_points;
pub use stoplist::{read_stop_list, visits_cell, ListedCell, ListedStop};
pub use text::SourceText;
pub use travel::read_travel_matrix;

use crate::error::Result;
use std::collections::HashMap;
use text::Cells;

/// Rejects a second row with an id already seen, naming the first row's line.
fn check_unique<'a>(
    seen: &mut HashMap<&'a str, u64>,
    cells: &Cells<'a>,
    col: usize,
) -> Result<String> {
    let id = cells.id(col)?;
    // Keyed by the cell's text in the table (the same text as the id), so a file of millions
    // of rows does not allocate every id twice.
    if let Some(first) = seen.insert(cells.text(col), cells.line()) {
        return Err(cells.error(
            col,
            "a unique id",
            format!("`{id}` again (first on line {first})"),
        ));
    }
    Ok(id)
}
