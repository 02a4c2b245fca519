//! The search behind the weekly plan: which truck-day runs each stop, in what order, and the
//! clock times that follow.
//!
//! A week is one run per truck and working day (module `ctx`). A twice-weekly stop sits in two
//! runs of one truck, on days at least two days apart (cyclically: Sunday and Monday are
//! neighbours), anywhere among the once-weekly stops; the clock (module `clock`) times a
//! truck's days together and starts such a stop on both days at the later of the two times
//! they reach it, so it keeps one time on both days by construction. Windows, service
//! minutes, the break and each truck's hours, days and stop limit are kept by the clock too:
//! whatever a run breaks counts as minutes beyond the rules.
//!
//! Stops are placed by cheapest insertion (module `insert`: bound to a time or days first,
//! then farthest first), then ruin and recreate improves the week (module `search`), judged by
//! the cost (module `cost`: minutes beyond the rules first; then the longest day and driving
//! for `spread`, or trucks, truck-days and driving for `pack`, which also tries to do without
//! each truck and truck-day, module `pack`); finally each run is ordered exactly when that
//! helps (Held–Karp, ≤ 12). Every scan runs in index order, ties keep the earlier choice and
//! the random choices come from a fixed seed, so the plan is deterministic.

mod clock;
mod cost;
mod ctx;
mod insert;
mod pack;
mod search;

pub use ctx::{twin_pairs, Ctx, State};
pub(crate) use search::{attempt, fits_in_time};
