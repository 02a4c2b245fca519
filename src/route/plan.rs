//! The week's plan as values: the rules a council sets, the stops to serve, and the runs and
//! visits that come out.
//!
//! The search ([`super::schedule`]), the planner's front door ([`super::week`]) and every
//! writer share these types, so they sit below all of them and use nothing of the route module
//! (only the crate's parameter names and defaults, for the week's shape).

/// English and Japanese weekday names, Monday first.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "月"),
    ("tue", "火"),
    ("wed", "水"),
    ("thu", "木"),
    ("fri", "金"),
    ("sat", "土"),
    ("sun", "日"),
];

/// What the week's search aims for once every rule is kept.
///
/// A supermarket pays for a truck-day whether the truck makes two stops or eight, so it fills
/// as few truck-days as the rules allow ([`Pack`](WeekShape::Pack), the default, see
/// [`crate::defaults::WEEK`]); a council that wants every day short and alike can ask for the
/// shortest longest day instead ([`Spread`](WeekShape::Spread)), which thins the stops over the
/// working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekShape {
    /// The shortest longest day, then the least driving: stops spread thin over the week.
    Spread,
    /// As few truck-days as the rules allow, then as few trucks, then the least driving.
    Pack,
}

impl crate::param::Choice for WeekShape {
    const ALL: &'static [WeekShape] = &[WeekShape::Pack, WeekShape::Spread];

    fn name(self) -> &'static str {
        match self {
            WeekShape::Spread => "spread",
            WeekShape::Pack => "pack",
        }
    }

    fn help(self) -> &'static str {
        match self {
            WeekShape::Spread => "The shortest longest day: stops spread thin over the week",
            WeekShape::Pack => {
                "As few truck-days as the rules allow, as mobile sales run (then fewest trucks, \
                 least driving)"
            }
        }
    }
}

impl Default for WeekShape {
    fn default() -> Self {
        use crate::param::Choice;
        WeekShape::from_name(crate::defaults::WEEK).expect("the default names a week shape")
    }
}

/// A break a truck takes during its run: `minutes` long, starting no earlier than `from` and
/// ending no later than `to` (`--break 12:00-13:00/45`).
///
/// Drivers take lunch where the run allows, so the planner places it: before the first leg whose
/// next stop would end past the break's latest start, at the stop the truck stands at. A run
/// back at its depot before then owes no break on the road.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Earliest start, minutes after midnight.
    pub from: f64,
    /// Latest end, minutes after midnight.
    pub to: f64,
    /// Length in minutes.
    pub minutes: f64,
}

impl Break {
    /// The latest minute the break may start and still end by `to`.
    pub fn latest_start(&self) -> f64 {
        self.to - self.minutes
    }
}

/// One truck of a fleet whose trucks differ (`--trucks FILE`): each leaves its own depot in its
/// own hours on its own days, as a supermarket with two stores runs them.
#[derive(Debug, Clone, PartialEq)]
pub struct Truck {
    /// The name the operator uses for it.
    pub id: String,
    /// Its depot as an index into the travel matrix.
    pub depot: usize,
    /// Leaving its depot, minutes after midnight.
    pub window_start: f64,
    /// Back at its depot at the latest.
    pub window_end: f64,
    /// Weekdays it works (0 = Monday), ascending.
    pub days: Vec<u8>,
    /// Most stops it makes in a day.
    pub max_stops_per_day: Option<usize>,
    /// Its break, if it takes one.
    pub brk: Option<Break>,
}

/// The week the truck works.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRules {
    /// Working weekdays, 0 = Monday … 6 = Sunday, ascending and distinct.
    pub days: Vec<u8>,
    /// Leaving the depot, minutes after midnight.
    pub window_start: f64,
    /// Back at the depot at the latest, minutes after midnight.
    pub window_end: f64,
    /// Minutes the truck stands at each stop.
    pub service_min: f64,
    /// Trucks working each day.
    pub trucks: usize,
    /// Most stops one truck makes in a day.
    pub max_stops_per_day: Option<usize>,
    /// Fill as few truck-days as possible, or spread the stops thin.
    pub shape: WeekShape,
    /// The break every truck takes (`--break`), unless a fleet says otherwise.
    pub brk: Option<Break>,
    /// Trucks that differ; empty means `trucks` alike trucks leaving the planner's depot in the
    /// window above on every working day.
    pub fleet: Vec<Truck>,
}

impl WeekRules {
    /// The trucks as the planner sees them: the fleet, or `trucks` alike ones from `depot`.
    pub fn fleet_from(&self, depot: usize) -> Vec<Truck> {
        if !self.fleet.is_empty() {
            return self.fleet.clone();
        }
        (0..self.trucks)
            .map(|k| Truck {
                id: format!("{}", k + 1),
                depot,
                window_start: self.window_start,
                window_end: self.window_end,
                days: self.days.clone(),
                max_stops_per_day: self.max_stops_per_day,
                brk: self.brk,
            })
            .collect()
    }

    /// The number of trucks the week plans for.
    pub fn truck_count(&self) -> usize {
        if self.fleet.is_empty() {
            self.trucks
        } else {
            self.fleet.len()
        }
    }
}

/// What one stop asks of the week beyond its visit count: its own service minutes, the hours
/// it may be visited, the weekdays it allows, and a pinned time residents already know.
///
/// A pin acts as a window of exactly one visit on exactly the pinned days, so the search keeps
/// it by the same rule that keeps every window; the stop's own windows and days stay beside it
/// so that a conflict can be explained by lifting the pin.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StopRules {
    /// Minutes the truck stands here, when not the week's default.
    pub service_min: Option<f64>,
    /// Windows the whole visit must lie in (minutes after midnight), ascending; empty = any.
    pub windows: Vec<(f64, f64)>,
    /// Weekdays allowed, as bits (bit 0 = Monday); 0 = every day.
    pub days: u8,
    /// The days and time printed on the leaflet, when pinned.
    pub pin: Option<Pin>,
}

/// A stop's days and arrival as a printed leaflet gives them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pin {
    /// Arrival as printed, minutes after midnight.
    pub at: f64,
    /// Weekdays as bits (bit 0 = Monday).
    pub days: u8,
    /// The earliest start that still prints as printed.
    pub earliest: f64,
    /// The latest start that still prints as printed.
    pub latest: f64,
}

impl Pin {
    /// A pin on an exact minute (a driver's `arrive`): any start the clock rounds to it.
    pub fn exact(at: f64, days: u8) -> Pin {
        Pin {
            at,
            days,
            earliest: at - 0.49,
            latest: at + 0.49,
        }
    }
}

impl StopRules {
    /// Whether the stop may be visited on weekday `day` (its pinned days when pinned).
    pub fn allows(&self, day: u8) -> bool {
        let days = self.pin.map_or(self.days, |p| p.days);
        days == 0 || days & (1 << day) != 0
    }

    /// Whether anything restricts when the stop is visited.
    pub fn bound(&self) -> bool {
        self.pin.is_some() || !self.windows.is_empty() || self.days != 0
    }
}

/// A stop to serve: its place in the travel matrix, its visits per week (1 or 2) and its own
/// rules.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekStop {
    /// Index into the travel matrix.
    pub place: usize,
    /// Visits per week.
    pub visits: u8,
    /// Service, windows, days and pin of this stop.
    pub rules: StopRules,
}

impl WeekStop {
    /// A stop with the week's default rules.
    pub fn new(place: usize, visits: u8) -> WeekStop {
        WeekStop {
            place,
            visits,
            rules: StopRules::default(),
        }
    }
}

/// One visit in a day's run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visit {
    /// Index into the stops given to [`plan_week`](super::week::plan_week).
    pub stop: usize,
    /// Arrival, minutes after midnight.
    pub arrive: f64,
    /// Departure, minutes after midnight.
    pub depart: f64,
}

/// One truck's run on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Weekday, 0 = Monday.
    pub day: u8,
    /// Truck number, from 0.
    pub truck: usize,
    /// The truck's depot (travel matrix index).
    pub depot: usize,
    /// Leaving the depot: the window's start, or later when the first stop opens later.
    pub leave: f64,
    /// Visits in order.
    pub visits: Vec<Visit>,
    /// Breaks taken on the road, `(start, end)`.
    pub breaks: Vec<(f64, f64)>,
    /// Driving minutes, depot to depot.
    pub drive_min: f64,
    /// Minutes spent waiting after leaving: for a stop's window or pin, or so that a
    /// twice-weekly stop keeps the same time on both days (a break is not a wait).
    pub wait_min: f64,
    /// Back at the depot, minutes after midnight.
    pub return_at: f64,
    /// Minutes of the window left unused.
    pub idle_min: f64,
}

/// The weekly plan: one run per working day and truck, in day then truck order.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    /// The runs.
    pub runs: Vec<Run>,
}

/// One visit of a stop seen from the stop: which day, which truck, when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopVisit {
    /// Weekday, 0 = Monday.
    pub day: u8,
    /// Truck number, from 0.
    pub truck: usize,
    /// Arrival, minutes after midnight.
    pub arrive: f64,
    /// Departure, minutes after midnight.
    pub depart: f64,
}

impl WeekPlan {
    /// Each stop's visits in weekday order: the resident's view ("Tue and Fri at 10:30").
    pub fn by_stop(&self, stops: usize) -> Vec<Vec<StopVisit>> {
        let mut out = vec![Vec::new(); stops];
        for run in &self.runs {
            for v in &run.visits {
                out[v.stop].push(StopVisit {
                    day: run.day,
                    truck: run.truck,
                    arrive: v.arrive,
                    depart: v.depart,
                });
            }
        }
        for v in &mut out {
            v.sort_by_key(|x| (x.day, x.truck));
        }
        out
    }
}
