//! Stopping every search at once, for a front end that was asked to stop (Ctrl-C, SIGTERM,
//! SIGHUP) but still has finished work to keep.
//!
//! A signal is a fact of the whole process, not of one run, so this is the one part of the
//! budget that is not handed down as a value: once [`stop_all`] is called, [`super::passed`]
//! answers "yes" for every deadline, including none, and each search ends at its next check
//! (a branch-and-bound node, a subgradient round, a chunk of input) exactly as if its
//! deadline had come. Until then nothing changes: the check is one relaxed atomic load, and
//! results stay identical run to run.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set once, never cleared: a process asked to stop does not start again.
static STOP: AtomicBool = AtomicBool::new(false);

/// Ends every search in this process at its next deadline check. Meant for a signal
/// handler that wants the finished work kept (the `scenarios` command writes its finished
/// rows); a library caller that only wants a time limit sets a deadline instead.
pub fn stop_all() {
    STOP.store(true, Ordering::SeqCst);
}

/// Whether [`stop_all`] was called: a caller tells a result cut short by it from one cut
/// short by its own time limit.
pub fn stopped() -> bool {
    STOP.load(Ordering::Relaxed)
}
