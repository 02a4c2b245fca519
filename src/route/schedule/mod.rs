//! The search behind the weekly plan: which unit (day, truck, or pair of days) each stop joins,
//! in what order, and the clock times that follow.
//!
//! Twice-weekly stops live in *twin groups*, one per pair of working days at least two days
//! apart (cyclically: Sunday and Monday are neighbours) and truck. A day runs its twin groups
//! first, in one global order, then its once-weekly stops. A group starts on both of its days
//! at the later of the two ready times (the other day's truck waits), so a stop keeps the same
//! time on both days by construction, whichever pairs a day belongs to.
//!
//! Stops are placed by cheapest insertion (farthest first, so outlying stops shape the runs),
//! then relocation and swap moves run while they lower the cost (module `cost`: overflow
//! beyond the window first; then the longest day and driving for `spread`, or truck-days,
//! trucks and driving for `pack`, which also tries to empty whole truck-days, module `pack`);
//! finally each
//! day's once-weekly stops are ordered exactly (Held–Karp, ≤ 12) and each group's order is
//! chosen among exact candidates, never accepting a worse week. Every scan runs in index order
//! and ties keep the earlier choice, so the plan is deterministic.

mod clock;
mod cost;
mod ctx;
mod insert;
mod pack;
mod search;

pub use ctx::{twin_pairs, Ctx, State};
pub(crate) use search::attempt;
