//! Checks of the map against its own output: well-formed, to scale, escaped, deterministic,
//! naming what a council looks for, and readable in print.

mod data;
mod land;
mod marks;
mod output;
mod support;
