//! The ranked list in the format asked for.

use super::csv::rank_csv;
use super::format::{pretty, Format};
use super::json::{rank_geojson, rank_json};
use super::labels::Lang;
use super::table::rank_table;
use crate::score::ScoreTable;

/// Renders a ranked list in the chosen format and language.
pub fn render_rank(table: &ScoreTable, format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Table => rank_table(table, lang).into_bytes(),
        Format::Csv => rank_csv(table, lang),
        Format::Json => pretty(&rank_json(table, lang)),
        Format::Geojson => pretty(&rank_geojson(table, lang)),
    }
}
