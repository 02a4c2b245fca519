//! The output formats a command may ask for, and the one way JSON is written, so every JSON
//! file ends the same (pretty, with a final newline).

/// Output format of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// UTF-8 CSV with BOM, for Excel.
    Csv,
    /// `{"summary": …, "candidates": […]}`.
    Json,
    /// Points for QGIS: candidates (rank), stops (solve), stop sets (compare) or every
    /// scenario's stops (scenarios).
    Geojson,
}

impl crate::param::Choice for Format {
    const ALL: &'static [Format] = &[Format::Table, Format::Csv, Format::Json, Format::Geojson];

    fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Geojson => "geojson",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Format::Table => "Aligned text for a terminal",
            Format::Csv => "UTF-8 CSV with BOM, for Excel",
            Format::Json => "`{\"summary\": …, \"candidates\": […]}`",
            Format::Geojson => {
                "Points for QGIS: candidates (rank), stops (solve), stop sets (compare) or every \
                 scenario's stops (scenarios)"
            }
        }
    }
}

/// Output format of `route`: the rank formats plus a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl crate::param::Choice for RouteFormat {
    const ALL: &'static [RouteFormat] = &[
        RouteFormat::Table,
        RouteFormat::Csv,
        RouteFormat::Json,
        RouteFormat::Geojson,
        RouteFormat::Ics,
    ];

    fn name(self) -> &'static str {
        match self {
            RouteFormat::Table => "table",
            RouteFormat::Csv => "csv",
            RouteFormat::Json => "json",
            RouteFormat::Geojson => "geojson",
            RouteFormat::Ics => "ics",
        }
    }

    fn help(self) -> &'static str {
        match self {
            RouteFormat::Table => "Each day's run and the residents' timetable, for a terminal",
            RouteFormat::Csv => "One row per visit (UTF-8 with BOM, for Excel)",
            RouteFormat::Json => "Rules, totals, runs and timetable",
            RouteFormat::Geojson => "Stops, depot and each run as a line, for QGIS",
            RouteFormat::Ics => {
                "An iCalendar file of weekly recurring visits to import into a phone's calendar"
            }
        }
    }
}

/// JSON as written to a file: pretty-printed, ending with a newline.
pub(crate) fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values always serialise");
    out.push(b'\n');
    out
}
