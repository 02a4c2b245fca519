//! The readers of every input format: the bad-input catalogue through the command line, the
//! benchmark readers against the real files, the e-Stat reader against census totals,
//! Japanese headers both ways, and property-based fuzzing that no reader panics.

mod bad_inputs;
mod benchmarks;
mod estat;
mod fuzz;
mod hostile;
mod japanese;
