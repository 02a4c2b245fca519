//! The names of the parameters a caller sets, so that an error can say which one is wrong
//! without knowing how it was set.
//!
//! The library is driven from three places that spell the same parameter differently: a flag
//! on the command line (`--radius-m`), a key in a scenario file (`radius_m`) and a field on the
//! meeting page. An [`Error::Param`](crate::Error::Param) carries a [`Param`]; each front end
//! maps it back to its own spelling (the binary to its flags), and the library's own text uses
//! [`Param::name`], which is the scenario file's key.

use std::fmt;

/// A parameter of a library call, named once for every front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Param {
    /// The location model (mclp, lscp, pmedian, pcenter).
    Model,
    /// The number of stops.
    P,
    /// The walking radius in metres.
    RadiusM,
    /// Sites that must be chosen.
    Require,
    /// Sites that must not be chosen.
    Exclude,
    /// What a stop can serve.
    Capacity,
    /// The least weight within the radius for a site to be worth a stop.
    MinWeightPerStop,
    /// The demand column the objective counts.
    ObjectiveWeight,
    /// Whether sites without room for the vehicles may be chosen.
    AllowNoSpace,
    /// Vehicles a stop must hold.
    Vehicles,
    /// Distance from every shop beyond which an older resident counts as far.
    ShopDistanceM,
    /// The time the whole run may take, in seconds.
    TimeLimitS,
    /// Seed of the heuristics.
    Seed,
    /// How to solve (exact, heuristic, mip).
    Method,
    /// The demand column the ranked list weights by.
    Weight,
    /// The weights of the score's terms.
    Weights,
    /// How many survey answers the prior is worth.
    PriorAnswers,
    /// The memory the run may use, in GB.
    MaxMemoryGb,
    /// Worker threads.
    Threads,
    /// Where every run of the week starts and ends.
    Depot,
    /// When the truck leaves the depot and is back.
    Window,
    /// Working weekdays.
    Days,
    /// Minutes the truck stands at a stop.
    ServiceMin,
    /// Driving speed for straight-line travel.
    SpeedKmh,
    /// Road distance over straight-line distance.
    Detour,
    /// A travel-time matrix file.
    TravelMatrix,
    /// Where drive times come from (straight line, a matrix, the street network).
    Travel,
    /// `--dem`: the elevation grid walks are priced on.
    Dem,
    /// Most stops one truck makes in a day.
    MaxStopsPerDay,
    /// Trucks working each day, or the file of a fleet.
    Trucks,
    /// The break every truck takes.
    Break,
    /// A printed timetable whose stops keep their days and times.
    Pin,
    /// Whether the week fills as few truck-days as possible or spreads the stops thin.
    Week,
    /// Visits per week of each stop.
    VisitsPerWeek,
    /// How many times a week one user buys.
    PurchasesPerWeek,
    /// Minutes one customer takes at the truck.
    MinutesPerCustomer,
    /// First day of the calendar.
    StartDate,
    /// Last day of the calendar's series.
    Until,
    /// Weeks the calendar's series runs.
    Weeks,
    /// Whose public holidays the calendar skips.
    Holidays,
    /// Further days the calendar skips.
    SkipDates,
    /// Folder of one calendar per stop.
    IcsDir,
    /// The residents' printable timetable (HTML or CSV).
    Leaflet,
    /// A list of stops to plan.
    Stops,
    /// A stop set to compare.
    Set,
    /// The heading of a report.
    Title,
    /// How close to the chosen set an alternative counts as as good, in percent.
    TolerancePct,
    /// The output format.
    Format,
    /// The problem number within a benchmark file.
    Instance,
    /// Candidates a scenario removes.
    RemoveCandidates,
    /// Candidates a scenario adds.
    AddCandidates,
    /// The factor a scenario scales survey answers by.
    SurveyScale,
    /// The directory the embedded data is exported to.
    ExportDir,
    /// The chosen sites drawn on a map.
    MapStops,
    /// A demand × candidate cost matrix file.
    CostMatrix,
    /// Which column of the cost matrix is read (metres or minutes).
    Cost,
    /// The file each demand point's stop is written to.
    Assignments,
}

impl Param {
    /// The parameter's name as a scenario file spells it (and as the library's messages say it).
    pub fn name(self) -> &'static str {
        use Param::*;
        match self {
            Model => "model",
            P => "p",
            RadiusM => "radius_m",
            Require => "require",
            Exclude => "exclude",
            Capacity => "capacity",
            MinWeightPerStop => "min_weight_per_stop",
            ObjectiveWeight => "objective_weight",
            AllowNoSpace => "allow_no_space",
            Vehicles => "vehicles",
            ShopDistanceM => "shop_distance_m",
            TimeLimitS => "time_limit_s",
            Seed => "seed",
            Method => "method",
            Weight => "weight",
            Weights => "weights",
            PriorAnswers => "prior_answers",
            MaxMemoryGb => "max_memory_gb",
            Threads => "threads",
            Depot => "depot",
            Window => "window",
            Days => "days",
            ServiceMin => "service_min",
            SpeedKmh => "speed_kmh",
            Detour => "detour",
            TravelMatrix => "travel_matrix",
            Travel => "travel",
            Dem => "dem",
            MaxStopsPerDay => "max_stops_per_day",
            Trucks => "trucks",
            Break => "break",
            Pin => "pin",
            Week => "week",
            VisitsPerWeek => "visits_per_week",
            PurchasesPerWeek => "purchases_per_week",
            MinutesPerCustomer => "minutes_per_customer",
            StartDate => "start_date",
            Until => "until",
            Weeks => "weeks",
            Holidays => "holidays",
            SkipDates => "skip_dates",
            IcsDir => "ics_dir",
            Leaflet => "leaflet",
            Stops => "stops",
            Set => "set",
            Title => "title",
            TolerancePct => "tolerance_pct",
            Format => "format",
            Instance => "instance",
            RemoveCandidates => "remove_candidates",
            AddCandidates => "add_candidates",
            SurveyScale => "survey_scale",
            ExportDir => "export_dir",
            MapStops => "map_stops",
            CostMatrix => "cost_matrix",
            Cost => "cost",
            Assignments => "assignments",
        }
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parameter with a fixed set of values (a model, a method, a format, a language), spelled the
/// same by every front end: the command line lists them in `--help`, a form in a menu.
pub trait Choice: Copy + Sized + Send + Sync + 'static {
    /// Every value, in the order a list of them is shown.
    const ALL: &'static [Self];

    /// The value's name, as typed.
    fn name(self) -> &'static str;

    /// One line on what the value means.
    fn help(self) -> &'static str;

    /// The value called `name`, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }
}
