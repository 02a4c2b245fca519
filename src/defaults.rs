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
