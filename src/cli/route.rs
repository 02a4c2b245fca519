//! `mobile-stops route`: the chosen stops as each day's run and a weekly timetable.

use super::args::DataArgs;
use super::solve::ModelArgs;
use clap::{Args, ValueEnum};
use mobile_stops::budget::MemoryLimit;
use mobile_stops::calendar::Series;
use mobile_stops::defaults::{
    DAYS, DETOUR, SERVICE_MIN, SPEED_KMH, TRUCKS, VISITS_PER_WEEK, WEEK, WINDOW,
};
use mobile_stops::network::NetworkSpec;
use mobile_stops::pipeline::{
    plan_route, start_date, unfit_error, unfit_json, StopSource, WeekOptions,
};
use mobile_stops::report::{render_route, warning_words, Lang, RouteFormat, RouteInfo};
use mobile_stops::route::WeekShape;
use mobile_stops::{io, Error, Param};
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

/// Flags of `route`.
#[derive(Args, Debug)]
pub struct RouteArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub streets: super::args::StreetArgs,
    /// The stops: a `solve --format json` result or a CSV with an `id` column (`@FILE`, or
    /// any value that exists as a file or looks like a path: holds `/` or ends in `.json`,
    /// `.csv`, `.txt`), else ids or names only one candidate has, separated by `,`
    /// (`妙行寺,s2`). Without it, route solves first with the model flags below.
    #[arg(long, value_name = "FILE|STOP,..", conflicts_with_all = SOLVE_FLAGS)]
    pub stops: Option<String>,
    #[command(flatten)]
    pub week: WeekArgs,
    /// First day of the calendar (`--format ics`), YYYY-MM-DD; default the coming Monday (Japan time).
    #[arg(long, value_name = "DATE")]
    pub start_date: Option<String>,
    #[command(flatten)]
    pub calendar: super::calendar::CalendarArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output format.
    #[arg(long, value_parser = super::args::choice::<RouteFormat>(), default_value = "table")]
    pub format: RouteFormat,
    /// Write to FILE instead of standard output (a file is replaced only when complete; a FIFO
    /// or device such as /dev/stdout is written to directly).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of labels and weekday names.
    #[arg(long, value_parser = super::args::choice::<Lang>(), default_value = "en")]
    pub lang: Lang,
    /// Also write the residents' leaflet: each stop's address, days, time, first and last
    /// date (from --start-date, --until/--weeks, --holidays, --skip-dates); `.html` a page to
    /// print, `.csv` a spreadsheet. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub leaflet: Vec<PathBuf>,
}

/// The week's rules: shared by `route` and by `report` (which plans a week when `--depot` is
/// given).
#[derive(Args, Debug, Clone)]
pub struct WeekArgs {
    /// Where every run starts and ends: `LAT,LON`, or the id or a name only one candidate or
    /// shop has.
    #[arg(long, value_name = "LAT,LON|ID|NAME", allow_hyphen_values = true)]
    pub depot: Option<String>,
    /// Minutes the truck stands at each stop.
    #[arg(long, default_value_t = SERVICE_MIN, allow_negative_numbers = true)]
    pub service_min: f64,
    /// Leaving the depot and back by, `HH:MM-HH:MM`.
    #[arg(long, default_value = WINDOW)]
    pub window: String,
    /// Working weekdays (mon … sun, or 月 … 日).
    #[arg(
        long,
        value_name = "DAY,..",
        value_delimiter = ',',
        default_value = DAYS
    )]
    pub days: Vec<String>,
    /// Visits per week: 1, 2, or a column (of the --stops CSV or the candidates file) with 1 or 2
    /// per stop.
    #[arg(long, value_name = "1|2|COLUMN", default_value = VISITS_PER_WEEK)]
    pub visits_per_week: String,
    /// Average driving speed for straight-line travel.
    #[arg(long, default_value_t = SPEED_KMH, allow_negative_numbers = true)]
    pub speed_kmh: f64,
    /// Road distance over straight-line distance.
    #[arg(long, default_value_t = DETOUR, allow_negative_numbers = true)]
    pub detour: f64,
    /// Travel-time matrix CSV `from,to,minutes[,km]` (replaces straight lines); a depot given
    /// as LAT,LON is `depot` in it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["speed_kmh", "detour"])]
    pub travel_matrix: Option<PathBuf>,
    /// Where drive times come from: `straight` (straight line × --detour at --speed-kmh),
    /// `matrix` (--travel-matrix), `network` (the fastest drives along the streets of
    /// --network, the extract the walks are measured on: one-way streets along their sign,
    /// speeds from maxspeed or per-class defaults). Default: matrix with --travel-matrix, else
    /// straight.
    #[arg(long, value_enum)]
    pub travel: Option<TravelArg>,
    /// Most stops one truck makes in a day.
    #[arg(long, value_name = "N")]
    pub max_stops_per_day: Option<usize>,
    /// Trucks: up to N alike trucks (`pack` sends as few as the rules allow), or a trucks CSV
    /// `id,depot,window,days,max_stops_per_day,break` giving each truck its own depot, hours,
    /// days, stop limit and break (empty cells keep the flags).
    #[arg(long, value_name = "N|FILE", default_value_t = TRUCKS.to_string())]
    pub trucks: String,
    /// A break every truck takes: `HH:MM-HH:MM/MINUTES`, e.g. `12:00-13:00/45` (45 minutes
    /// somewhere between 12:00 and 13:00).
    #[arg(long = "break", value_name = "SPAN/MIN")]
    pub brk: Option<String>,
    /// A timetable this tool wrote (route's CSV or JSON, or a leaflet CSV), as printed: its
    /// stops keep their days and times and new stops are fitted around them.
    #[arg(long, value_name = "FILE")]
    pub pin: Option<PathBuf>,
    /// The week's shape once every rule is kept: `pack` fills as few truck-days as the rules
    /// allow (how mobile sales run); `spread` keeps the longest day as short as it can.
    #[arg(long, value_parser = super::args::choice::<WeekShape>(), default_value = WEEK)]
    pub week: WeekShape,
}

/// Where `--travel` takes drive times from.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TravelArg {
    /// Straight line × --detour at --speed-kmh.
    Straight,
    /// The --travel-matrix file.
    Matrix,
    /// The fastest drives along the streets of --network.
    Network,
}

impl WeekArgs {
    /// The library's week options from the flags, with `network` the extract given to
    /// --network (driven with --travel network); refused when --travel and the files given
    /// disagree.
    pub fn options(&self, network: Option<NetworkSpec>) -> Result<WeekOptions, Error> {
        self.check_travel(network.is_some())?;
        let drive = network.filter(|_| self.travel == Some(TravelArg::Network));
        Ok(WeekOptions {
            depot: self.depot.clone(),
            service_min: self.service_min,
            window: self.window.clone(),
            days: self.days.clone(),
            visits_per_week: self.visits_per_week.clone(),
            speed_kmh: self.speed_kmh,
            detour: self.detour,
            travel_matrix: self.travel_matrix.clone(),
            drive_network: drive.map(|spec| NetworkSpec {
                profile: mobile_stops::network::Profile::Drive,
                dem: None,
                ..spec
            }),
            max_stops_per_day: self.max_stops_per_day,
            trucks: self.truck_count(),
            trucks_file: self.trucks_file(),
            brk: self.brk.clone(),
            pin: self.pin.clone(),
            shape: self.week,
        })
    }

    /// `--trucks N`: the count (a file counts its rows later).
    fn truck_count(&self) -> usize {
        self.trucks
            .trim()
            .parse::<i64>()
            .map_or(TRUCKS, |n| usize::try_from(n).unwrap_or(0))
    }

    /// `--trucks FILE`: anything that is not a whole number.
    pub fn trucks_file(&self) -> Option<PathBuf> {
        let t = self.trucks.trim();
        (t.parse::<i64>().is_err()).then(|| PathBuf::from(t))
    }

    fn check_travel(&self, network: bool) -> Result<(), Error> {
        let matrix = self.travel_matrix.is_some();
        let found = match self.travel {
            Some(TravelArg::Straight) if matrix => "--travel-matrix",
            Some(TravelArg::Network) if matrix => "--travel-matrix",
            Some(TravelArg::Network) if !network => "no --network",
            Some(TravelArg::Matrix) if !matrix => "no --travel-matrix",
            _ => return Ok(()),
        };
        let kind = self.travel.map_or("no --travel", |t| match t {
            TravelArg::Straight => "--travel straight",
            TravelArg::Matrix => "--travel matrix",
            TravelArg::Network => "--travel network",
        });
        Err(Error::param(
            Param::Travel,
            format!(
                "--travel-matrix FILE with --travel matrix, --network FILE with --travel \
                 network (given: {kind})"
            ),
            found,
        ))
    }
}

impl RouteArgs {
    /// Checks the flags before any file is opened; the calendar's span.
    fn check(&self) -> Result<Series, Error> {
        self.week.options(self.streets.spec(None))?.rules()?;
        let given = (self.start_date.is_some())
            .then_some(Param::StartDate)
            .or(self.calendar.first_given());
        super::leaflet::formats(&self.leaflet)?;
        let dated = self.format == RouteFormat::Ics || !self.leaflet.is_empty();
        if let Some(param) = given.filter(|_| !dated) {
            return Err(Error::param(
                param,
                "--format ics or --leaflet (only the calendar and the leaflet have dates)",
                format!("--format {:?}", self.format).to_lowercase(),
            ));
        }
        self.model.options()?.validate()?;
        self.calendar
            .series(start_date(self.start_date.as_deref())?)
    }
}

/// Validates flags, reads data and stops, plans the week and writes it. A week that does not
/// fit writes nothing but the reason (JSON: a status document), exit code 3.
pub fn run(args: &RouteArgs, memory: MemoryLimit) -> Result<(), Error> {
    let start = args.check()?;
    let source = match &args.stops {
        Some(raw) => StopSource::given(raw),
        None => StopSource::Solve(args.model.options()?),
    };
    let stops_file = match &source {
        StopSource::File(path) => Some(path.as_path()),
        _ => None,
    };
    super::paths::Inputs::default()
        .data(&args.streets.paths(&args.data, args.model.reach()), "--")
        .file("--stops", stops_file)
        .file("--travel-matrix", args.week.travel_matrix.as_deref())
        .file("--trucks", args.week.trucks_file().as_deref())
        .file("--pin", args.week.pin.as_deref())
        .check_all(&super::leaflet::outputs(args.out.as_deref(), &args.leaflet))?;
    let budget = args.model.budget(memory)?;
    let data = io::load_dataset(&args.streets.paths(&args.data, args.model.reach()), budget)?;
    let week = args.week.options(args.streets.spec(None))?;
    let planned = plan_route(&data, &source, &week, budget)?;
    let (problem, out) = (&planned.problem, args.out.as_deref());
    let label = |k: usize| {
        let p = &problem.stops[k];
        p.name
            .as_ref()
            .map_or_else(|| p.id.clone(), |n| format!("{n} ({})", p.id))
    };
    for n in &planned.notes {
        let note = args.lang.pick("note", "注意");
        eprintln!("mobile-stops: {note}: {}", args.lang.pick(&n.en, &n.ja));
    }
    for w in &planned.warnings {
        let note = args.lang.pick("note", "注意");
        eprintln!(
            "mobile-stops: {note}: {}",
            warning_words(w, &label, args.lang)
        );
    }
    match &planned.week {
        Ok(plan) => {
            let info = RouteInfo {
                stops_from: planned.stops_from.clone(),
                data: data.label.clone(),
                calendar: start,
                addresses: super::calendar::addresses(&data.candidates.data),
                warnings: planned.warnings.clone(),
            };
            let bytes =
                render_route(problem, plan, &info, args.format, args.lang).ok_or_else(|| {
                    Error::param(Param::Format, "a format other than geojson", "geojson")
                })?;
            super::emit(out, &bytes)?;
            if let Some(dir) = &args.calendar.ics_dir {
                super::calendar::write_ics_dir(dir, problem, plan, &info, args.lang)?;
            }
            super::leaflet::write(&args.leaflet, problem, plan, &info, args.lang)
        }
        Err(u) => {
            if args.format == RouteFormat::Json {
                let doc = unfit_json(u, &problem.stops, &problem.rules);
                let mut bytes =
                    serde_json::to_vec_pretty(&doc).expect("JSON values always serialise");
                bytes.push(b'\n');
                super::emit(out, &bytes)?;
            }
            Err(unfit_error(u, &problem.stops))
        }
    }
}
