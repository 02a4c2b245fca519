//! The library's errors in the command line's words: a [`Param`] becomes the flag that sets it,
//! and "raise the memory limit" names `--max-memory-gb`. The library never knows its flags
//! (the same errors reach a scenario file's rows and the meeting page); only this file does.

use mobile_stops::{Error, Param};

/// The flag that sets `param` (or, for what no flag sets, the words the user knows it by).
pub fn flag(param: Param) -> &'static str {
    use Param::*;
    match param {
        Model => "--model",
        P => "--p",
        RadiusM => "--radius-m",
        Require => "--require",
        Exclude => "--exclude",
        Capacity => "--capacity",
        MinWeightPerStop => "--min-weight-per-stop",
        ObjectiveWeight => "--objective-weight",
        AllowNoSpace => "--allow-no-space",
        Vehicles => "--vehicles",
        ShopDistanceM => "--shop-distance-m",
        TimeLimitS => "--time-limit-s",
        Seed => "--seed",
        Method => "--method",
        Weight => "--weight",
        Weights => "--weights",
        PriorAnswers => "--prior-answers",
        MaxMemoryGb => "--max-memory-gb",
        Threads => "--threads",
        Depot => "--depot",
        Window => "--window",
        Days => "--days",
        ServiceMin => "--service-min",
        SpeedKmh => "--speed-kmh",
        Detour => "--detour",
        TravelMatrix => "--travel-matrix",
        Travel => "--travel",
        Dem => "--dem",
        MaxStopsPerDay => "--max-stops-per-day",
        Trucks => "--trucks",
        Break => "--break",
        Pin => "--pin",
        Week => "--week",
        VisitsPerWeek => "--visits-per-week",
        PurchasesPerWeek => "--purchases-per-week",
        MinutesPerCustomer => "--minutes-per-customer",
        StartDate => "--start-date",
        Until => "--until",
        Weeks => "--weeks",
        Holidays => "--holidays",
        SkipDates => "--skip-dates",
        IcsDir => "--ics-dir",
        Leaflet => "--leaflet",
        Stops => "--stops",
        Set => "--set",
        Title => "--title",
        TolerancePct => "--tolerance-pct",
        Format => "--format",
        Instance => "--instance",
        ExportDir => "data export",
        MapStops => "map stops",
        CostMatrix => "--cost-matrix",
        Cost => "--cost",
        Assignments => "--assignments",
        // Scenario-file keys without a flag keep the file's spelling.
        other => other.name(),
    }
}

/// The message printed after `mobile-stops: `.
pub fn text(e: &Error) -> String {
    match e {
        Error::Param {
            param,
            expected,
            found,
        } => format!("{}: expected {expected}, found {found}", flag(*param)),
        Error::TooLarge {
            what,
            need,
            limit,
            hint,
        } => format!(
            "{what} needs about {need} of memory, more than the limit of {limit}; {hint}raise \
             the limit with --max-memory-gb N (or MOBILE_STOPS_MAX_MEMORY_GB=N) if this machine \
             has the memory"
        ),
        other => other.to_string(),
    }
}

/// The error as `--format json` prints it: the library's fields, with the flag for a
/// parameter and the command line's message.
pub fn json(e: &Error) -> serde_json::Value {
    let mut v = e.to_json();
    let obj = &mut v["error"];
    obj["message"] = text(e).into();
    if let Error::Param { param, .. } = e {
        if let Some(map) = obj.as_object_mut() {
            // Same keys, same order as before the library named parameters: `flag` where
            // `param` was.
            let fields: Vec<(String, serde_json::Value)> = std::mem::take(map)
                .into_iter()
                .map(|(k, val)| match k.as_str() {
                    "param" => ("flag".to_string(), flag(*param).into()),
                    _ => (k, val),
                })
                .collect();
            map.extend(fields);
        }
    }
    v
}

/// A command-line error that belongs to no parameter (a flag clap could not parse).
pub fn command_line(found: &str) -> serde_json::Value {
    serde_json::json!({ "error": {
        "message": format!("command line: expected valid flags (see --help), found {found}"),
        "exit_code": 2,
        "kind": "usage",
        "flag": "command line",
        "expected": "valid flags (see --help)",
        "found": found,
    }})
}
