//! The one entry point for `route` output: the plan in the format asked for.

use super::csv::route_csv;
use super::ics::route_ics;
use super::info::RouteInfo;
use super::json::{route_geojson, route_json};
use super::table::route_table;
use crate::report::format::{pretty, RouteFormat};
use crate::report::labels::Lang;
use crate::route::{RouteProblem, WeekPlan};

/// Renders the plan in the chosen format; `None` when the format needs positions the places
/// lack (GeoJSON), or for a calendar whose start lies outside [`super::ICS_FIRST_START`]
/// to [`super::ICS_LAST_START`] (which `pipeline::start_date` refuses first,
/// saying why).
pub fn render_route(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    format: RouteFormat,
    lang: Lang,
) -> Option<Vec<u8>> {
    Some(match format {
        RouteFormat::Table => route_table(p, plan, info, lang).into_bytes(),
        RouteFormat::Csv => route_csv(p, plan, lang),
        RouteFormat::Json => pretty(&route_json(p, plan, info, lang)),
        RouteFormat::Geojson => pretty(&route_geojson(p, plan, info, lang)?),
        RouteFormat::Ics => route_ics(p, plan, info, lang, None)?.into_bytes(),
    })
}
