//! The one entry point for `solve` output: the result in the format asked for.

use super::csv::solve_csv;
use super::json::{solve_geojson, solve_json, RunInfo};
use super::table::solve_table;
use crate::report::format::{pretty, Format};
use crate::report::labels::Lang;
use crate::solve::{Instance, SolveResult};

/// Renders a solve result in the chosen format; `None` when the format cannot show this
/// instance (GeoJSON needs positions on the Earth).
pub fn render_solve(
    inst: &Instance,
    res: &SolveResult,
    info: RunInfo,
    format: Format,
    lang: Lang,
) -> Option<Vec<u8>> {
    Some(match format {
        Format::Table => solve_table(inst, res, lang).into_bytes(),
        Format::Csv => solve_csv(inst, res, lang),
        Format::Json => pretty(&solve_json(inst, res, info, lang)),
        Format::Geojson => pretty(&solve_geojson(inst, res, info, lang)?),
    })
}
