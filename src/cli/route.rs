//! `mobile-stops route`: the chosen stops as each day's run and a weekly timetable.

use super::args::DataArgs;
use super::solve::ModelArgs;
use chrono::{Datelike, Days, FixedOffset, NaiveDate, Utc};
use clap::Args;
use mobile_stops::budget::MemoryLimit;
use mobile_stops::io::text::SourceText;
use mobile_stops::io::{read_stop_list, read_travel_matrix, ListedStop};
use mobile_stops::report::{proof_words, render_route, Lang, RouteFormat, RouteInfo};
use mobile_stops::route::week::clock;
use mobile_stops::route::{Place, RouteProblem, Travel, Unfit, WeekRules, WEEKDAYS};
use mobile_stops::solve::{solve, Instance, Status};
use mobile_stops::spatial::DataExtent;
use mobile_stops::Param;
use mobile_stops::{io, CandidateSite, Dataset, Error, LatLon, Location};
use std::collections::HashMap;
use std::path::PathBuf;

/// Flags that only mean something when route solves first.
const SOLVE_FLAGS: [&str; 13] = [
    "model",
    "p",
    "radius_m",
    "require",
    "exclude",
    "capacity",
    "min_weight_per_stop",
    "objective_weight",
    "allow_no_space",
    "vehicles",
    "shop_distance_m",
    "seed",
    "method",
];

/// The part of the time limit a solve-then-route run gives the solve.
pub const SOLVE_SHARE: f64 = 0.75;

/// A depot farther than this from the demand data is a typo, not a plan.
const DEPOT_MAX_KM: f64 = 50.0;

/// Flags of `route`.
#[derive(Args, Debug)]
pub struct RouteArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The stops: a `solve --format json` result or a CSV with an `id` column. Without it,
    /// route solves first with the model flags below.
    #[arg(long, value_name = "FILE", conflicts_with_all = SOLVE_FLAGS)]
    pub stops: Option<PathBuf>,
    #[command(flatten)]
    pub week: WeekArgs,
    /// First day of the calendar (`--format ics`), YYYY-MM-DD; default the coming Monday (Japan time).
    #[arg(long, value_name = "DATE")]
    pub start_date: Option<String>,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: RouteFormat,
    /// Write to FILE instead of standard output (replaced only when complete).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of labels and weekday names.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: Lang,
}

/// The week's rules: shared by `route` and by `report` (which plans a week when `--depot` is
/// given).
#[derive(Args, Debug, Clone)]
pub struct WeekArgs {
    /// Where every run starts and ends: `LAT,LON` or a candidate or shop id.
    #[arg(long, value_name = "LAT,LON|ID", allow_hyphen_values = true)]
    pub depot: Option<String>,
    /// Minutes the truck stands at each stop.
    #[arg(long, default_value_t = 30.0, allow_negative_numbers = true)]
    pub service_min: f64,
    /// Leaving the depot and back by, `HH:MM-HH:MM`.
    #[arg(long, default_value = "10:00-16:00")]
    pub window: String,
    /// Working weekdays (mon … sun, or 月 … 日).
    #[arg(
        long,
        value_name = "DAY,..",
        value_delimiter = ',',
        default_value = "mon,tue,wed,thu,fri"
    )]
    pub days: Vec<String>,
    /// Visits per week: 1, 2, or a column (of the --stops CSV or the candidates file) with 1 or 2
    /// per stop.
    #[arg(long, value_name = "1|2|COLUMN", default_value = "1")]
    pub visits_per_week: String,
    /// Average driving speed for straight-line travel.
    #[arg(long, default_value_t = 20.0, allow_negative_numbers = true)]
    pub speed_kmh: f64,
    /// Road distance over straight-line distance.
    #[arg(long, default_value_t = 1.3, allow_negative_numbers = true)]
    pub detour: f64,
    /// Travel-time matrix CSV `from,to,minutes[,km]` (replaces straight lines); a depot given
    /// as LAT,LON is `depot` in it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["speed_kmh", "detour"])]
    pub travel_matrix: Option<PathBuf>,
    /// Most stops one truck makes in a day.
    #[arg(long, value_name = "N")]
    pub max_stops_per_day: Option<usize>,
    /// Trucks working each day.
    #[arg(long, default_value_t = 1)]
    pub trucks: usize,
}

/// Flags read into rules, checked before any file is opened.
struct Checked {
    rules: WeekRules,
    visits: Visits,
    start: NaiveDate,
}

/// How many visits a week each stop gets.
pub enum Visits {
    All(u8),
    Column(String),
}

impl WeekArgs {
    /// Checks the flags and returns the week's rules and how visits are counted.
    pub fn rules(&self) -> Result<(WeekRules, Visits), Error> {
        let (window_start, window_end) = parse_window(&self.window)?;
        if !(self.service_min.is_finite() && self.service_min > 0.0 && self.service_min <= 600.0) {
            return Err(Error::param(
                Param::ServiceMin,
                "minutes greater than 0 and at most 600",
                format!("`{}`", self.service_min),
            ));
        }
        if !(self.speed_kmh.is_finite() && self.speed_kmh > 0.0 && self.speed_kmh <= 200.0) {
            return Err(Error::param(
                Param::SpeedKmh,
                "a speed greater than 0 and at most 200 km/h",
                format!("`{}`", self.speed_kmh),
            ));
        }
        if !(self.detour.is_finite() && (1.0..=5.0).contains(&self.detour)) {
            return Err(Error::param(
                Param::Detour,
                "a factor from 1 (straight roads) to 5",
                format!("`{}`", self.detour),
            ));
        }
        if self.trucks == 0 || self.trucks > 50 {
            return Err(Error::param(
                Param::Trucks,
                "1 to 50 trucks",
                format!("`{}`", self.trucks),
            ));
        }
        if let Some(m) = self.max_stops_per_day {
            if m == 0 || m > 1000 {
                return Err(Error::param(
                    Param::MaxStopsPerDay,
                    "1 to 1000 stops",
                    format!("`{m}`"),
                ));
            }
        }
        let visits = match self.visits_per_week.trim() {
            "1" => Visits::All(1),
            "2" => Visits::All(2),
            c if c.is_empty() || c.parse::<f64>().is_ok() => {
                return Err(Error::param(
                    Param::VisitsPerWeek,
                    "1, 2 or a column name",
                    format!("`{c}`"),
                ))
            }
            c => Visits::Column(c.to_string()),
        };
        Ok((
            WeekRules {
                days: parse_days(&self.days)?,
                window_start,
                window_end,
                service_min: self.service_min,
                trucks: self.trucks,
                max_stops_per_day: self.max_stops_per_day,
            },
            visits,
        ))
    }
}

impl RouteArgs {
    fn check(&self) -> Result<Checked, Error> {
        let (rules, visits) = self.week.rules()?;
        if self.start_date.is_some() && self.format != RouteFormat::Ics {
            return Err(Error::param(
                Param::StartDate,
                "--format ics (only the calendar has dates)",
                format!("--format {:?}", self.format).to_lowercase(),
            ));
        }
        self.model.validate()?;
        Ok(Checked {
            rules,
            visits,
            start: match &self.start_date {
                Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                    Error::param(Param::StartDate, "a date as YYYY-MM-DD", format!("`{s}`"))
                })?,
                None => coming_monday(),
            },
        })
    }

    /// The stops as listed (from a file or a fresh solve) and where they came from.
    fn stops(
        &self,
        data: &Dataset,
        visits: &Visits,
        memory: MemoryLimit,
    ) -> Result<(Vec<ListedStop>, String), Error> {
        if let Some(path) = &self.stops {
            let src = SourceText::read(path, memory)?;
            let column = match visits {
                Visits::Column(c) => Some(c.as_str()),
                Visits::All(_) => None,
            };
            return Ok((read_stop_list(&src, column)?, src.name));
        }
        let (inst, capacitated) = self.model.planning_instance(data)?;
        let mut params = self.model.params(capacitated, memory)?;
        // Three quarters of what is left for the solve, the rest for planning the week.
        params.deadline = mobile_stops::budget::share(params.deadline, SOLVE_SHARE);
        let res = solve(&inst, &params)?;
        if res.outcome.status == Status::Infeasible {
            return Err(Error::Infeasible {
                reason: format!(
                    "solve found no set of stops: {}",
                    res.outcome.note.clone().unwrap_or_default()
                ),
            });
        }
        let listed = solved_stops(&inst, &res.outcome.open);
        let from = format!(
            "solve --model {}{}: {}",
            format!("{:?}", params.model).to_lowercase(),
            res.p.map_or(String::new(), |p| format!(" --p {p}")),
            proof_words(&res, Lang::En)
        );
        Ok((listed, from))
    }
}

/// `HH:MM-HH:MM` (also with an en dash or 〜) into minutes after midnight.
fn parse_window(raw: &str) -> Result<(f64, f64), Error> {
    let bad = |why: &str| Error::param(Param::Window, why, format!("`{raw}`"));
    let norm = raw.trim().replace(['–', '〜', '~'], "-");
    let (a, b) = norm
        .split_once('-')
        .ok_or_else(|| bad("a window as HH:MM-HH:MM, e.g. 10:00-16:00"))?;
    let time = |t: &str| -> Option<f64> {
        let (h, m) = t.trim().split_once(':')?;
        let digits =
            |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
        if !(digits(h) && digits(m)) {
            return None;
        }
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(f64::from(h * 60 + m))
    };
    let (Some(start), Some(end)) = (time(a), time(b)) else {
        return Err(bad("a window as HH:MM-HH:MM, e.g. 10:00-16:00"));
    };
    if end <= start {
        return Err(bad("a window that ends after it starts"));
    }
    Ok((start, end))
}

/// Weekday names (English three letters or full, Japanese) into 0 = Monday, ascending.
fn parse_days(raw: &[String]) -> Result<Vec<u8>, Error> {
    let mut days = Vec::new();
    for r in raw {
        let t = r.trim().to_lowercase();
        let day = WEEKDAYS.iter().position(|(en, ja)| {
            t.get(..3) == Some(en)
                && "monday tuesday wednesday thursday friday saturday sunday"
                    .split(' ')
                    .any(|full| full.starts_with(&t))
                || t == *ja
                || t == format!("{ja}曜")
                || t == format!("{ja}曜日")
        });
        match day {
            Some(d) if !days.contains(&(d as u8)) => days.push(d as u8),
            Some(_) => {
                return Err(Error::param(
                    Param::Days,
                    "each weekday once",
                    format!("`{r}` twice"),
                ))
            }
            None => {
                return Err(Error::param(
                    Param::Days,
                    "weekdays such as mon,tue,wed or 月,火,水",
                    format!("`{r}`"),
                ))
            }
        }
    }
    if days.is_empty() {
        return Err(Error::param(Param::Days, "at least one weekday", "none"));
    }
    days.sort_unstable();
    Ok(days)
}

/// The Monday on or after today in Japan, where the timetable runs.
fn coming_monday() -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset");
    let today = Utc::now().with_timezone(&jst).date_naive();
    let ahead = (7 - today.weekday().num_days_from_monday()) % 7;
    today + Days::new(u64::from(ahead))
}

/// The depot: coordinates near the data, or the id of a candidate or shop.
fn depot(raw: &str, data: &Dataset) -> Result<Place, Error> {
    let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
    if let [a, b] = parts[..] {
        if let (Ok(lat), Ok(lon)) = (a.parse::<f64>(), b.parse::<f64>()) {
            if !((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
                return Err(Error::param(
                    Param::Depot,
                    "LAT,LON in degrees (latitude -90 to 90, longitude -180 to 180)",
                    format!("`{raw}`"),
                ));
            }
            let at = LatLon::new(lat, lon);
            let off = DataExtent::new(&data.demand.data.footprint).distance_m(at) / 1000.0;
            if off > DEPOT_MAX_KM {
                return Err(Error::param(
                    Param::Depot,
                    format!(
                        "a place within {DEPOT_MAX_KM} km of the demand data (is latitude first?)"
                    ),
                    format!("`{raw}`, {off:.0} km away"),
                ));
            }
            return Ok(Place {
                id: "depot".into(),
                name: None,
                location: Some(at),
            });
        }
    }
    let id = raw.trim();
    if let Some(c) = data.candidates.data.sites.iter().find(|c| c.id == id) {
        return Ok(place(c));
    }
    if let Some(s) = data
        .stores
        .as_ref()
        .and_then(|s| s.data.iter().find(|s| s.id == id))
    {
        return Ok(Place {
            id: s.id.clone(),
            name: s.name.clone(),
            location: Some(s.location),
        });
    }
    Err(Error::param(
        Param::Depot,
        "LAT,LON or the id of a candidate site or shop",
        format!("`{raw}`"),
    ))
}

fn place(c: &CandidateSite) -> Place {
    Place {
        id: c.id.clone(),
        name: c.name.clone(),
        location: Some(c.location),
    }
}

/// Each listed stop's candidate site and visits per week.
fn resolve(
    listed: &[ListedStop],
    data: &Dataset,
    visits: &Visits,
) -> Result<(Vec<Place>, Vec<u8>), Error> {
    let cands = &data.candidates;
    let by_id: HashMap<&str, &CandidateSite> = cands
        .data
        .sites
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let column = match visits {
        Visits::Column(c) if listed.iter().any(|s| s.visits.is_none()) => Some(
            cands
                .data
                .extra_columns
                .iter()
                .position(|x| x.eq_ignore_ascii_case(c))
                .ok_or_else(|| {
                    Error::param(
                        Param::VisitsPerWeek,
                        format!(
                            "1, 2 or a column of the stops file or of {} ({})",
                            cands.source,
                            cands.data.extra_columns.join(", ")
                        ),
                        format!("`{c}`"),
                    )
                })?,
        ),
        _ => None,
    };
    let mut places = Vec::with_capacity(listed.len());
    let mut counts = Vec::with_capacity(listed.len());
    for s in listed {
        let Some(c) = by_id.get(s.id.as_str()) else {
            return Err(Error::input(
                s.at.clone(),
                format!("a candidate id of {}", cands.source),
                format!("`{}`", s.id),
            ));
        };
        let v = match (visits, s.visits, column) {
            (Visits::All(n), _, _) => *n,
            (_, Some(n), _) => n,
            (_, None, Some(k)) => match mobile_stops::io::text::parse_number(c.extra[k].trim()) {
                Some(v) if v == 1.0 || v == 2.0 => v as u8,
                _ => {
                    let at = match c.line {
                        Some(line) => Location::at(&cands.source, line, None),
                        None => Location::file(&cands.source),
                    };
                    return Err(Error::input(
                        at,
                        format!(
                            "1 or 2 in column `{}` for candidate `{}`",
                            cands.data.extra_columns[k], c.id
                        ),
                        format!("`{}`", c.extra[k]),
                    ));
                }
            },
            (Visits::Column(_), None, None) => unreachable!("column resolved above"),
        };
        places.push(place(c));
        counts.push(v);
    }
    Ok((places, counts))
}

fn travel(
    args: &WeekArgs,
    depot: &Place,
    stops: &[Place],
    data: &Dataset,
    memory: MemoryLimit,
) -> Result<Travel, Error> {
    let Some(path) = &args.travel_matrix else {
        let pts: Vec<LatLon> = std::iter::once(depot)
            .chain(stops)
            .map(|p| p.location.expect("data places have positions"))
            .collect();
        return Ok(Travel::straight(&pts, args.speed_kmh, args.detour));
    };
    let src = SourceText::read(path, memory)?;
    let ids: Vec<&str> = std::iter::once(depot)
        .chain(stops)
        .map(|p| p.id.as_str())
        .collect();
    let known = |id: &str| {
        data.candidates.data.sites.iter().any(|c| c.id == id)
            || data
                .stores
                .as_ref()
                .is_some_and(|s| s.data.iter().any(|s| s.id == id))
    };
    read_travel_matrix(&src, &ids, &known)
}

/// A solve's chosen sites as a stop list (what `--stops` would have read).
pub fn solved_stops(inst: &Instance, open: &[usize]) -> Vec<ListedStop> {
    open.iter()
        .map(|&j| ListedStop {
            id: inst.sites[j].id.clone(),
            at: Location::file("solve"),
            visits: None,
        })
        .collect()
}

/// The routing problem for listed stops: depot, places, visits and travel.
pub fn build_problem(
    week: &WeekArgs,
    rules: WeekRules,
    visits: &Visits,
    data: &Dataset,
    listed: &[ListedStop],
    stops_from: &str,
    memory: MemoryLimit,
) -> Result<RouteProblem, Error> {
    let raw = week.depot.as_deref().ok_or_else(|| {
        Error::param(
            Param::Depot,
            "LAT,LON or a candidate or shop id",
            "no --depot",
        )
    })?;
    let depot = depot(raw, data)?;
    if listed.is_empty() {
        return Err(Error::Infeasible {
            reason: format!("no stops to route ({stops_from})"),
        });
    }
    let (stops, visits) = resolve(listed, data, visits)?;
    let travel = travel(week, &depot, &stops, data, memory)?;
    Ok(RouteProblem {
        depot,
        stops,
        visits,
        travel,
        rules,
    })
}

/// The message for a week that does not fit: the planner's reason with stop names, and what
/// would fit.
pub fn unfit_error(u: &Unfit, stops: &[Place]) -> Error {
    let mut reason = u.reason.clone();
    if !u.far_stops.is_empty() {
        let names: Vec<&str> = u.far_stops.iter().map(|&i| stops[i].id.as_str()).collect();
        reason.push_str(&format!(" [{}]", names.join(", ")));
    }
    Error::Infeasible {
        reason: format!("{reason}; {}", u.suggestion),
    }
}

fn unfit_json(u: &Unfit, stops: &[Place], rules: &WeekRules) -> serde_json::Value {
    serde_json::json!({
        "status": "infeasible",
        "reason": u.reason,
        "suggestion": u.suggestion,
        "stops_too_far": u.far_stops.iter().map(|&i| &stops[i].id).collect::<Vec<_>>(),
        "would_fit": {
            "window": u.window_needed_min.map(|w| format!(
                "{}-{}", clock(rules.window_start), clock(rules.window_start + w))),
            "extra_day": u.extra_day.map(|d| WEEKDAYS[d as usize].0),
            "extra_truck": u.extra_truck,
        },
    })
}

/// Validates flags, reads data and stops, plans the week and writes it. A week that does not
/// fit writes nothing but the reason (JSON: a status document), exit code 3.
pub fn run(args: &RouteArgs, memory: MemoryLimit) -> Result<(), Error> {
    let checked = args.check()?;
    let data = io::load_dataset(&args.data.paths(), memory)?;
    let (listed, stops_from) = args.stops(&data, &checked.visits, memory)?;
    let problem = build_problem(
        &args.week,
        checked.rules,
        &checked.visits,
        &data,
        &listed,
        &stops_from,
        memory,
    )?;
    let out = args.out.as_deref();
    match problem.plan_until(super::deadline(args.model.time_limit_s)?) {
        Ok(plan) => {
            let info = RouteInfo {
                stops_from,
                data: data.label.clone(),
                calendar_start: checked.start,
            };
            let bytes =
                render_route(&problem, &plan, &info, args.format, args.lang).ok_or_else(|| {
                    Error::param(Param::Format, "a format other than geojson", "geojson")
                })?;
            super::emit(out, &bytes)
        }
        Err(u) => {
            if args.format == RouteFormat::Json {
                let mut bytes =
                    serde_json::to_vec_pretty(&unfit_json(&u, &problem.stops, &problem.rules))
                        .expect("JSON values always serialise");
                bytes.push(b'\n');
                super::emit(out, &bytes)?;
            }
            Err(unfit_error(&u, &problem.stops))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_days_parse_or_say_why() {
        assert_eq!(parse_window("10:00-16:00").unwrap(), (600.0, 960.0));
        assert_eq!(parse_window("9:30〜24:00").unwrap(), (570.0, 1440.0));
        for bad in [
            "16:00-10:00",
            "10:00",
            "10-16",
            "25:00-26:00",
            "10:00-10:00",
        ] {
            assert!(parse_window(bad).is_err(), "{bad}");
        }
        let d = |v: &[&str]| parse_days(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(d(&["fri", "Mon", "水曜日"]).unwrap(), vec![0, 2, 4]);
        assert_eq!(d(&["tuesday", "木"]).unwrap(), vec![1, 3]);
        assert!(d(&["mon", "月"]).is_err());
        assert!(d(&["funday"]).is_err());
    }
}
