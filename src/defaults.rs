//! The defaults a council gets when it says nothing, each written once.
//!
//! The command line, the scenario files and the library's `Default` impls must agree: a
//! scenario that leaves a value out has to give the same answer as `rank` without the flag.
//! Every such number is named here, with the reason it was chosen.

/// Walking radius in metres (straight line): the same distance as [`SHOP_DISTANCE_M`], so
/// "within reach of a stop" and "far from a shop" speak of one walk.
pub const RADIUS_M: f64 = 500.0;

/// Distance in metres from every food shop beyond which an older resident counts as far from
/// one: the MAFF definition of 食料品アクセス困難人口.
pub const SHOP_DISTANCE_M: f64 = 500.0;

/// Vehicles a stop must hold: the truck plus customers' and helpers' vehicles, as the
/// Chigasaki council asks.
pub const VEHICLES: u64 = 5;

/// How many survey answers the prior (the overall would-use rate) is worth: "I would use it"
/// from three people says little, so each site's rate is pulled towards the overall rate as if
/// it had this many more answers at that rate, and a site with fewer answers is flagged.
pub const PRIOR_ANSWERS: f64 = 10.0;

/// Width of one parking bay in metres: the standard Japanese bay.
pub const BAY_WIDTH_M: f64 = 2.5;

/// Length of one parking bay in metres: the standard Japanese bay.
pub const BAY_LENGTH_M: f64 = 5.0;

/// Width in metres of the manoeuvring aisle beside a row of bays: room to back a car out.
pub const AISLE_M: f64 = 6.0;

/// Weight of each score term: equal, so no term counts more until a council says so.
pub const TERM_WEIGHT: f64 = 1.0;

/// Seed of every random choice: any fixed number gives repeatable answers; 1 is the one the
/// README's measurements used.
pub const SEED: u64 = 1;

/// Within this many percent of the chosen set an alternative counts as as good: a council
/// would not argue over a few percent of the people reached.
pub const TOLERANCE_PCT: f64 = 5.0;

/// Minutes the truck stands at each stop: the mobile-sales operators' usual half hour.
pub const SERVICE_MIN: f64 = 30.0;

/// Leaving the depot and back by: a supermarket's working day for its trucks.
pub const WINDOW: &str = "10:00-16:00";

/// Working weekdays.
pub const DAYS: &str = "mon,tue,wed,thu,fri";

/// Visits per week of every stop: once, unless a column or the planner says twice.
pub const VISITS_PER_WEEK: &str = "1";

/// Average driving speed in town for straight-line travel, km/h.
pub const SPEED_KMH: f64 = 20.0;

/// Walking speed on the flat, metres per second, that turns a walk's (flat-equivalent) metres
/// into minutes: 0.8 m/s, the planning value for frail walkers (DOMAIN.md), rather than the 1.0
/// m/s pedestrian signals are timed for (which about 95 % of all pedestrians reach). A stop
/// serves the older residents who find the walk to a shop hard, so their pace is the one a
/// council should read; minutes never change who is within the radius, only what is shown.
pub const WALK_SPEED_M_S: f64 = 0.8;

/// Road distance over straight-line distance in a Japanese town.
pub const DETOUR: f64 = 1.3;

/// Trucks working each day.
pub const TRUCKS: usize = 1;

/// The week's shape: `pack` fills as few truck-days as the rules allow, because that is how a
/// supermarket runs mobile sales (a truck and its driver cost a day whether it makes two stops
/// or eight, and a day it does not run is free for other work); `spread` (the shortest longest
/// day) is there for a council that wants every day short and alike.
pub const WEEK: &str = "pack";

/// Weeks a calendar (`route --format ics`) runs without `--until` or `--weeks`: a quarter, so
/// a leaflet's events end when the leaflet is due to be reprinted rather than never.
pub const CALENDAR_WEEKS: u32 = 13;

/// Purchases one user makes a week: an assumption, not a measured figure. No public figure was
/// found for how often a user buys at a stop-type (station) mobile sale; とくし丸 calls on its
/// regular customers twice a week (public reports), so a regular buyer buys at most twice, and
/// a survey's "would use" also counts occasional users: once a week is taken. A council with
/// its own count says `--purchases-per-week`.
pub const PURCHASES_PER_WEEK: f64 = 1.0;

/// Minutes one customer takes at the truck (choosing, paying, bagging, a word with the seller):
/// an assumption, not a measured figure: two to three minutes is a guess for a light truck
/// with one seller, and three is taken so the capacity is not over-stated (30 minutes serve
/// 10 customers). A council that has timed a stop says `--minutes-per-customer`.
pub const MINUTES_PER_CUSTOMER: f64 = 3.0;

/// Driving speeds (km/h) by OpenStreetMap `highway` class, used where a way has no usable
/// `maxspeed` tag. These are speeds a small truck keeps in a Japanese town, junctions and
/// signals included, not legal limits: ordinary roads without a sign are 60 km/h by law, and
/// residential zones are often Zone 30, but narrow residential streets (生活道路, mostly
/// `residential` and `unclassified` in Japan) are driven far slower, living streets and
/// car-park aisles (`service`) at a walking pace. Classes not listed are not driven (see
/// [`crate::network::drivable`]).
pub const DRIVE_KMH: [(&str, f64); 15] = [
    ("motorway", 80.0),
    ("motorway_link", 40.0),
    ("trunk", 50.0),
    ("trunk_link", 30.0),
    ("primary", 40.0),
    ("primary_link", 30.0),
    ("secondary", 40.0),
    ("secondary_link", 30.0),
    ("tertiary", 30.0),
    ("tertiary_link", 20.0),
    ("unclassified", 20.0),
    ("residential", 20.0),
    ("road", 20.0),
    ("living_street", 10.0),
    ("service", 10.0),
];

/// Driving speed (km/h) on a way not meant for cars that a sign opens to them
/// (`motor_vehicle=yes` on a track or a path): a walking pace, as on a living street.
pub const DRIVE_OTHER_KMH: f64 = 10.0;

/// Driving speed (km/h) of the leg between a place and the street it joins (a forecourt, a
/// car park, a lane too small to be mapped): slow, as on a car-park aisle.
pub const DRIVE_LEG_KMH: f64 = 10.0;
