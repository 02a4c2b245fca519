//! Facts a route writer shows that the plan itself does not hold.

use crate::calendar::Series;
use std::collections::BTreeMap;

/// Facts about the run that are not part of the plan itself.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteInfo {
    /// Where the stops came from ("stops.json", "solve mclp p=8: optimal (proven)"), in
    /// both languages (JSON gives the English).
    pub stops_from: crate::model::LocalText,
    /// Where the data came from (the dataset label).
    pub data: crate::model::DataLabel,
    /// The days the calendar (`ics`) covers and skips.
    pub calendar: Series,
    /// Each stop's street address by id (the candidates' `address` column), for the
    /// calendar's LOCATION: a resident's phone can then find the stop.
    pub addresses: BTreeMap<String, String>,
    /// Stops that add nothing (serve nobody, or stand where another stop stands), indexing
    /// the problem's stops: the JSON lists them so a program reading the plan sees what the
    /// terminal printed as notes.
    pub warnings: Vec<crate::solve::StopWarning>,
}
