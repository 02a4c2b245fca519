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
}

/// A stop to serve: its place in the travel matrix and its visits per week (1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekStop {
    /// Index into the travel matrix.
    pub place: usize,
    /// Visits per week.
    pub visits: u8,
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
    /// Visits in order.
    pub visits: Vec<Visit>,
    /// Driving minutes, depot to depot.
    pub drive_min: f64,
    /// Minutes spent waiting so that a twice-weekly stop keeps the same time on both days.
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
