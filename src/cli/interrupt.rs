//! Ctrl-C, SIGTERM or SIGHUP while `scenarios` runs its batch: the finished rows are kept.
//!
//! Every other moment (reading the data, any other command) keeps the rule of
//! [`super::output`]: the signal handler removes the unfinished output and exits 130 at once.
//! While a batch runs, the handler instead asks every search to stop
//! ([`mobile_stops::budget::stop_all`]) and returns; the batch then ends within one deadline
//! check, its unfinished rows say `not_run` / `interrupted`, every output is written whole as
//! usual, and the command exits 130 naming the files. A second signal is not absorbed: it
//! ends the process the usual way (nothing half-written is left).

use std::sync::{Mutex, PoisonError};

#[derive(Debug)]
struct State {
    /// A batch is running (or its results are being written): keep the finished work.
    keeping: bool,
    /// A signal came while keeping.
    signalled: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    keeping: false,
    signalled: false,
});

fn lock() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// While this lives, the first signal stops the searches instead of ending the process.
#[must_use = "the finished work is kept only while the guard lives"]
pub struct KeepFinished(());

/// Keeps the finished work from now until [`KeepFinished::end`] (or the guard is dropped).
pub fn keep_finished() -> KeepFinished {
    lock().keeping = true;
    KeepFinished(())
}

impl KeepFinished {
    /// Signals end the process again from now on; returns whether one came meanwhile (then
    /// the searches were stopped). A signal after this call takes the usual path, so none is
    /// lost between the answer and the exit.
    pub fn end(self) -> bool {
        let mut s = lock();
        s.keeping = false;
        s.signalled
    }
}

impl Drop for KeepFinished {
    fn drop(&mut self) {
        lock().keeping = false;
    }
}

/// For the signal handler: `true` when the signal was taken as "stop and keep what is done"
/// (a batch is running and this is its first signal), after asking every search to stop.
pub fn absorb() -> bool {
    let mut s = lock();
    if !s.keeping || s.signalled {
        return false;
    }
    s.signalled = true;
    mobile_stops::budget::stop_all();
    true
}

/// Ends an interrupted `scenarios` after its outputs are written: the message on a line of
/// its own (on a terminal the `^C` the terminal echoed is cleared first), exit 130.
pub fn exit_interrupted(message: &str) -> ! {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[2K");
    }
    eprintln!("{message}");
    std::process::exit(super::EXIT_INTERRUPTED)
}
