//! The limits a run keeps: its wall time (`--time-limit-s`), its memory (`--max-memory-gb`),
//! and its output files when a signal interrupts it. These tests run the binary as a child; the
//! wall-clock ones take the machine alone (`helpers::alone`).

mod memory;
#[cfg(unix)]
mod signals;
mod time;
