//! Writers for a solve result: what was chosen, what is proven about it, and what each stop
//! does. The table says in words what was proven ("optimal", "within 0.8 % of optimal"),
//! because a council reads sentences, not gap columns.

mod assignments;
mod csv;
mod json;
mod order;
mod render;
mod table;
pub(super) mod words;

pub use assignments::{assignments_csv, assignments_geojson};
pub use json::{solve_json, RunInfo};
pub use order::sorted_ids;
pub use render::render_solve;
pub use words::proof_words;
