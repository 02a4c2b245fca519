//! Writers for the ranked list: a terminal table, CSV for Excel, JSON, and GeoJSON for QGIS.
//!
//! Every writer renders into memory; the caller writes the bytes in one go (see
//! the binary's atomic write), so a failure never leaves a partial file.
//!
//! This file only names the writers; each lives in its own file, and shared pieces (formats,
//! escaping, labels, rounding from [`crate::model::number`]) sit in files every writer imports
//! directly, so imports between the writers run one way.

mod buyers;
mod compare;
mod compare_rows;
mod council;
mod csv;
mod escape;
mod flat;
mod fonts;
mod format;
mod json;
mod labels;
mod left_out;
mod map;
mod rank;
mod regions;
mod route;
mod scenarios;
mod solve;
mod stop_warnings;
mod streets_json;
mod table;
mod vocab;

pub use crate::model::number::round;
pub use compare::{
    compare_csv, compare_geojson, compare_json, compare_table, metric_rows, render_compare,
    set_lines,
};
pub use council::{council_html, council_markdown, method_title, CouncilReport};
pub use escape::esc;
pub use fonts::FONT_FAMILY;
pub use format::{Format, RouteFormat};
pub use json::{rank_geojson, rank_json};
pub use labels::Lang;
pub use map::{map_svg, Depot, MapSpec};
pub use rank::render_rank;
pub use regions::{render_regions, BUDGET_NOTE, REGION_KEYS};
pub use route::{
    render_route, route_csv, route_geojson, route_ics_per_stop, route_json, route_leaflet,
    route_table, weekday_name, LeafletFormat, RouteInfo, ICS_FIRST_START, ICS_LAST_START,
};
pub use scenarios::{
    render_scenarios, robustness_table, scenarios_geojson, scenarios_html, scenarios_json,
    sites_table, ScenarioPage, TableFormat, ROBUSTNESS_KEYS, ROW_KEYS, SITE_KEYS,
};
pub use solve::{
    assignments_csv, assignments_geojson, proof_words, render_solve, solve_json, sorted_ids,
    RunInfo,
};
pub use stop_warnings::{warning_words, warnings_json};
