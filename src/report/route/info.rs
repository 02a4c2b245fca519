//! Facts a route writer shows that the plan itself does not hold.

use chrono::NaiveDate;

/// Facts about the run that are not part of the plan itself.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteInfo {
    /// Where the stops came from ("stops.json", "solve mclp p=8: optimal (proven)"), in
    /// both languages (JSON gives the English).
    pub stops_from: crate::model::LocalText,
    /// Where the data came from (the dataset label).
    pub data: crate::model::DataLabel,
    /// The first day the calendar (`ics`) may show a visit.
    pub calendar_start: NaiveDate,
}
