//! The limits a run keeps: its wall time (`--time-limit-s`), its memory (`--max-memory-gb`),
//! its output files when a signal interrupts it, and inputs built to break them (`hostile`:
//! huge stated sizes, endless streams, absurd flags, very wide headers). These tests run the binary as a child; the
//! wall-clock ones take the machine alone (`helpers::alone`).

#[cfg(unix)]
mod batch_signals;
mod hostile;
mod memory;
#[cfg(unix)]
mod signals;
mod time;
mod time_data;
