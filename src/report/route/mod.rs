//! Writers for the weekly plan: each day's run as a driver reads it, each stop's weekday and
//! time as a resident reads it, and totals a council can cost.
//!
//! Every writer reads the same timetable order and totals ([`timetable`]) and the same
//! weekday names ([`weekday`]), so the table, the spreadsheet, the map layers and the
//! calendar never disagree.

mod csv;
mod ics;
mod info;
mod json;
mod leaflet;
mod render;
pub(super) mod runsheet;
mod table;
#[cfg(test)]
pub(super) mod testkit;
pub(super) mod timetable;
mod weekday;

pub use csv::route_csv;
pub use ics::{route_ics_per_stop, ICS_FIRST_START, ICS_LAST_START};
pub use info::RouteInfo;
pub use json::{route_geojson, route_json};
pub use leaflet::{route_leaflet, LeafletFormat};
pub use render::render_route;
pub use table::route_table;
pub use weekday::weekday_name;
