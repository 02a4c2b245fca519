//! Checks of the map against its own output: well-formed, to scale, escaped, deterministic.

mod data;
mod output;
mod support;
