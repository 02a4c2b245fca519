//! Progress of a scenario batch on standard error: a bar on a terminal, a line every 5 s
//! where a bar cannot be drawn (a pipe, a file: Jupyter's `!cmd`, `subprocess`, a batch
//! log), or nothing.
//!
//! The ETA weighs each scenario still to finish by its expected cost
//! ([`mobile_stops::scenario::cost`]), not by the mean time per row: a sweep whose last rows
//! are p = 50 at 800 m is not nearly done when most rows are. The solving threads only add to
//! two counters; one thread of this module draws, so progress costs the batch nothing.

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How `--progress` shows a batch's progress.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar on a terminal; `plain` when standard error is a pipe or a file (both only for
    /// batches longer than a second).
    Auto,
    /// A bar (drawn only on a terminal).
    Bar,
    /// A line every 5 s (done/total, scenarios per second, elapsed, ETA) and a final one.
    Plain,
    /// Nothing (as `--quiet`).
    None,
}

/// Seconds between two plain lines.
const PLAIN_EVERY: Duration = Duration::from_secs(5);
/// How often the bar is redrawn.
const BAR_EVERY: Duration = Duration::from_millis(100);
/// Under `auto`, shorter batches show nothing: a quick run stays quiet in a script.
const AUTO_AFTER: Duration = Duration::from_secs(1);
/// The expected costs are scaled so that they add up to about this (bar positions are
/// integers).
const SCALE: f64 = (1u64 << 40) as f64;

/// Whether a bar is on the terminal now, so a message printed from the signal handler can
/// clear its line first.
static BAR_ON_SCREEN: AtomicBool = AtomicBool::new(false);

/// Clears the bar's line, if a bar is on the terminal, so the next message starts on a line
/// of its own.
pub fn clear_bar_line() {
    if BAR_ON_SCREEN.load(Ordering::SeqCst) {
        eprint!("\r\x1b[2K");
    }
}

/// What the solving threads and the drawing thread share.
struct Counts {
    rows: usize,
    /// Each row's expected cost, scaled by [`SCALE`] over their total.
    weights: Vec<u64>,
    total: u64,
    done: AtomicUsize,
    done_weight: AtomicU64,
    start: Instant,
    /// The batch's time limit: the ETA never goes past it.
    deadline: Option<Instant>,
}

/// A moment of the batch, as a line says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Rows done, of `rows`.
    pub done: usize,
    /// Rows in the batch.
    pub rows: usize,
    /// Since the batch started.
    pub elapsed: Duration,
    /// Time still needed, from the expected cost left; `None` before any row is done.
    pub eta: Option<Duration>,
}

impl Counts {
    fn snapshot(&self) -> Snapshot {
        let elapsed = self.start.elapsed();
        let done_w = self.done_weight.load(Ordering::Relaxed).min(self.total);
        let eta = (done_w > 0).then(|| {
            let left = (self.total - done_w) as f64 / done_w as f64;
            let eta = elapsed.mul_f64(left.min(1e6));
            match self.deadline {
                Some(d) => eta.min(d.saturating_duration_since(Instant::now())),
                None => eta,
            }
        });
        Snapshot {
            done: self.done.load(Ordering::Relaxed).min(self.rows),
            rows: self.rows,
            elapsed,
            eta,
        }
    }
}

/// The progress of one batch, drawn while it runs.
pub struct Progress {
    counts: Arc<Counts>,
    mode: ProgressMode,
    bar: Option<ProgressBar>,
    drawer: Option<(Sender<()>, JoinHandle<()>)>,
}

impl Progress {
    /// Starts showing a batch of rows with these expected costs (`auto` resolved against
    /// standard error).
    pub fn start(mode: ProgressMode, costs: &[f64], deadline: Option<Instant>) -> Progress {
        let sum: f64 = costs
            .iter()
            .map(|c| c.max(0.0))
            .sum::<f64>()
            .max(f64::MIN_POSITIVE);
        let weights: Vec<u64> = costs
            .iter()
            .map(|c| (c.max(0.0) / sum * SCALE) as u64 + 1)
            .collect();
        let counts = Arc::new(Counts {
            rows: costs.len(),
            total: weights.iter().sum(),
            weights,
            done: AtomicUsize::new(0),
            done_weight: AtomicU64::new(0),
            start: Instant::now(),
            deadline,
        });
        let terminal = std::io::stderr().is_terminal();
        let (shown, delay) = match mode {
            ProgressMode::Auto if terminal => (ProgressMode::Bar, AUTO_AFTER),
            ProgressMode::Auto => (ProgressMode::Plain, AUTO_AFTER),
            other => (other, Duration::ZERO),
        };
        let bar = (shown == ProgressMode::Bar).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(counts.total), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {msg}").expect("a valid template"),
            );
            bar
        });
        let drawer = match shown {
            ProgressMode::Bar => Some(draw_bar(&counts, bar.clone(), delay)),
            ProgressMode::Plain => Some(draw_lines(&counts)),
            _ => None,
        };
        Progress {
            counts,
            mode,
            bar,
            drawer,
        }
    }

    /// Row `i` is done (called from the solving threads).
    pub fn tick(&self, i: usize) {
        let c = &self.counts;
        c.done.fetch_add(1, Ordering::Relaxed);
        let w = c.weights.get(i).copied().unwrap_or(0);
        c.done_weight.fetch_add(w, Ordering::Relaxed);
    }

    /// Stops drawing: clears the bar, or prints the final line (under `auto` only for a
    /// batch longer than a second). `finished` rows were solved or failed; the others were
    /// not run (`interrupted` says why).
    pub fn finish(mut self, finished: usize, interrupted: bool) {
        if let Some((stop, handle)) = self.drawer.take() {
            drop(stop);
            let _ = handle.join();
        }
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            BAR_ON_SCREEN.store(false, Ordering::SeqCst);
            return;
        }
        // Without a bar, `auto` is plain lines (standard error is not a terminal).
        let at = self.counts.snapshot();
        let last_line = match self.mode {
            ProgressMode::Plain => true,
            ProgressMode::Auto => at.elapsed > AUTO_AFTER,
            ProgressMode::Bar | ProgressMode::None => false,
        };
        if last_line {
            eprintln!("{}", final_line(&at, finished, interrupted));
        }
    }
}

/// The bar, redrawn from the counts every [`BAR_EVERY`] once `delay` has passed.
fn draw_bar(
    counts: &Arc<Counts>,
    bar: Option<ProgressBar>,
    delay: Duration,
) -> (Sender<()>, JoinHandle<()>) {
    let bar = bar.expect("a bar to draw");
    every(counts, BAR_EVERY, move |c| {
        if c.start.elapsed() < delay {
            return;
        }
        if bar.is_hidden() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            BAR_ON_SCREEN.store(!bar.is_hidden(), Ordering::SeqCst);
        }
        bar.set_position(c.done_weight.load(Ordering::Relaxed).min(c.total));
        bar.set_message(bar_body(&c.snapshot()));
    })
}

/// A line every [`PLAIN_EVERY`].
fn draw_lines(counts: &Arc<Counts>) -> (Sender<()>, JoinHandle<()>) {
    every(counts, PLAIN_EVERY, |c| {
        eprintln!("mobile-stops: {}", line_body(&c.snapshot()));
    })
}

/// Runs `draw` every `period` on a thread of its own until the returned sender is dropped;
/// nothing is drawn once the run is stopping (the rows then left count as done at once).
fn every(
    counts: &Arc<Counts>,
    period: Duration,
    draw: impl Fn(&Counts) + Send + 'static,
) -> (Sender<()>, JoinHandle<()>) {
    let (tx, rx) = channel::<()>();
    let counts = Arc::clone(counts);
    let handle = std::thread::spawn(move || loop {
        match rx.recv_timeout(period) {
            Err(RecvTimeoutError::Timeout) if !mobile_stops::budget::stopped() => draw(&counts),
            Err(RecvTimeoutError::Timeout) => {}
            _ => return,
        }
    });
    (tx, handle)
}

/// `12/31 scenarios, 2.4/s, 5.0 s elapsed, eta 7.0 s`.
pub fn line_body(s: &Snapshot) -> String {
    let secs = s.elapsed.as_secs_f64();
    let eta = s.eta.map_or_else(|| "unknown".to_string(), duration);
    format!(
        "{}/{} scenarios, {}/s, {} elapsed, eta {eta}",
        s.done,
        s.rows,
        rate(s.done, secs),
        duration(s.elapsed)
    )
}

/// Beside the bar, short enough for an 80-column terminal: `12/31 scenarios 2.4/s eta 7.0 s`.
fn bar_body(s: &Snapshot) -> String {
    let eta = s.eta.map_or_else(|| "unknown".to_string(), duration);
    let secs = s.elapsed.as_secs_f64();
    format!(
        "{}/{} scenarios {}/s eta {eta}",
        s.done,
        s.rows,
        rate(s.done, secs)
    )
}

/// The last line: how many finished and in how long.
fn final_line(s: &Snapshot, finished: usize, interrupted: bool) -> String {
    let secs = s.elapsed.as_secs_f64();
    let how = if interrupted {
        ", then interrupted"
    } else {
        ""
    };
    format!(
        "mobile-stops: {finished}/{} scenarios finished in {} ({}/s){how}",
        s.rows,
        duration(s.elapsed),
        rate(finished, secs)
    )
}

/// Scenarios per second with two or three significant digits.
fn rate(done: usize, secs: f64) -> String {
    let r = done as f64 / secs.max(1e-9);
    if r >= 10.0 {
        format!("{r:.0}")
    } else if r >= 1.0 {
        format!("{r:.1}")
    } else {
        format!("{r:.2}")
    }
}

/// `4.2 s`, `37 s`, `2 min 05 s`, `1 h 03 min`.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    let whole = d.as_secs();
    if s < 10.0 {
        format!("{s:.1} s")
    } else if whole < 60 {
        format!("{whole} s")
    } else if whole < 3600 {
        format!("{} min {:02} s", whole / 60, whole % 60)
    } else {
        format!("{} h {:02} min", whole / 3600, whole % 3600 / 60)
    }
}

#[cfg(test)]
mod tests;
