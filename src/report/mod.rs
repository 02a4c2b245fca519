//! Writers for the ranked list: a terminal table, CSV for Excel, JSON, and GeoJSON for QGIS.
//!
//! Every writer renders into memory; the caller writes the bytes in one go (see
//! [`crate::output::write_atomic`]), so a failure never leaves a partial file.

mod compare;
mod council;
mod csv;
mod flat;
mod ics;
mod json;
mod labels;
mod map;
mod route;
mod scenarios;
mod solve;
mod table;

pub use compare::{
    compare_csv, compare_geojson, compare_json, compare_table, metric_rows, render_compare,
    set_lines,
};
pub use council::{council_html, council_markdown, CouncilReport};
pub use json::{rank_geojson, rank_json};
pub use labels::Lang;
pub use map::{map_svg, MapSpec};
pub use route::{
    render_route, route_csv, route_geojson, route_json, route_table, weekday_name, RouteInfo,
};
pub use scenarios::{render_scenarios, scenarios_html, scenarios_json};
pub use solve::{proof_words, render_solve, solve_json, sorted_ids, RunInfo};

pub use crate::model::number::round;

use crate::score::ScoreTable;

/// Output format of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// UTF-8 CSV with BOM, for Excel.
    Csv,
    /// `{"summary": …, "candidates": […]}`.
    Json,
    /// Points for QGIS: candidates (rank), stops (solve) or stop sets (compare).
    Geojson,
}

/// Output format of `route`: the rank formats plus a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RouteFormat {
    /// Each day's run and the residents' timetable, for a terminal.
    Table,
    /// One row per visit (UTF-8 with BOM, for Excel).
    Csv,
    /// Rules, totals, runs and timetable.
    Json,
    /// Stops, depot and each run as a line, for QGIS.
    Geojson,
    /// An iCalendar file of weekly recurring visits to import into a phone's calendar.
    Ics,
}

/// Renders a ranked list in the chosen format and language.
pub fn render_rank(table: &ScoreTable, format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Table => table::rank_table(table, lang).into_bytes(),
        Format::Csv => csv::rank_csv(table, lang),
        Format::Json => pretty(&rank_json(table, lang)),
        Format::Geojson => pretty(&rank_geojson(table, lang)),
    }
}

fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values always serialise");
    out.push(b'\n');
    out
}

/// Escapes user text for HTML and SVG element content and attribute values, so a candidate
/// named `<script>` is shown, never run. Control characters become
/// spaces: XML 1.0 forbids most of them, and a newline would break a one-line label.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
