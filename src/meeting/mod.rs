//! The council meeting's live state (`mobile-stops serve`): the members' changes as numbered
//! operations on the library pipeline, the answer after each (the same solve as `solve` and
//! `report`), what changed, why a stop, and the session log that restores it all after a crash.
//!
//! The server in `cli/serve` only moves these values over HTTP; everything a meeting decides
//! (validation, rebasing, undo, the answer) lives here, where it is tested without sockets.

mod answer;
pub mod candidates_csv;
mod check;
mod edits;
mod op;
mod out;
mod reasons;
mod session;
mod state;
mod view;
mod why;
mod words;

pub use answer::{Answer, Solved, SOLVE_LIMIT};
pub use check::Bounds;
pub use edits::{Edits, Entry, NamedSet};
pub use op::{Op, Refusal, Request, Role, Target};
pub use out::{Agreed, Outputs};
pub use session::{Session, CANDIDATES, OPERATIONS};
pub use state::{Meeting, Setup, Walk};
pub use view::answer_json;

#[cfg(test)]
mod tests;
