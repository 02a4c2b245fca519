//! A day's run as a driver reads it, line by line: each visit, each wait, each break, and
//! the minutes of the truck's hours they use, so the table and the council's report never
//! tell the same run two ways.
//!
//! People read clock times to the minute, so every duration shown is a difference of two
//! clock marks as shown (rounded to the minute): the late start is leave − opening, a visit
//! is departure − arrival, a wait ends at the mark it is shown ending at, driving is what the
//! marks leave for it, spare is closing − back. Differences of rounded marks telescope, so
//! late start + stops + waits + breaks + driving + spare is the truck's window to the minute,
//! which sums of separately rounded durations are not ("back 12:56 … spare 3 h 05 min" in a
//! 6 h window once added up to 6 h 01 min).
//!
//! Within the gap between two stops the planner's clock runs: a wait for the break to open,
//! the break (taken where the truck stands), the drive, then a wait for the next stop's
//! window or for a twice-weekly stop's other day ([`crate::route::schedule`]). The sheet
//! places the marks the same way, from the travel matrix, so each wait is shown where it is
//! spent.

mod words;

#[cfg(test)]
mod tests;

pub(crate) use words::{
    back_line, day_label, duration, leave_line, run_head, step_words, sum_words,
};

use crate::route::{RouteProblem, Run, Truck};

/// A wait this long or longer (minutes, as shown) is a line of its own; shorter ones are
/// counted in the run's waiting total only, so the list stays a list of stops.
pub(crate) const WAIT_LINE_MIN: i64 = 10;

/// Tolerance of the planner's clock: float sums of the same minutes in another order.
const EPS: f64 = 1e-6;

/// One line of a run, in clock order, with its marks in whole minutes after midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A visit: the stop's index in the problem and the stay as shown.
    Visit {
        /// Place in the run, from 1.
        order: usize,
        /// Index into the problem's stops.
        stop: usize,
        /// Arrival as shown.
        from: i64,
        /// Departure as shown.
        to: i64,
    },
    /// Standing still: for a stop's window, a twin's other day, or the break to open.
    Wait {
        /// From.
        from: i64,
        /// Until.
        to: i64,
        /// What the wait is before.
        then: Next,
    },
    /// A break.
    Break {
        /// Start as shown.
        from: i64,
        /// End as shown.
        to: i64,
    },
}

impl Step {
    /// The step's minutes as shown.
    pub(crate) fn minutes(&self) -> i64 {
        match *self {
            Step::Visit { from, to, .. }
            | Step::Wait { from, to, .. }
            | Step::Break { from, to } => to - from,
        }
    }

    /// Whether the step is a line of its own (every visit and break; a wait of
    /// [`WAIT_LINE_MIN`] or more).
    pub(crate) fn shown(&self) -> bool {
        !matches!(self, Step::Wait { .. }) || self.minutes() >= WAIT_LINE_MIN
    }
}

/// What a wait comes before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// The visit to this stop (index into the problem's stops).
    Stop(usize),
    /// The break.
    Break,
    /// The drive home.
    Depot,
}

/// One run as shown: the truck's window, leaving and return marks, every step, and the
/// minutes of each kind. `late + at_stops + waiting + breaks + driving + spare` is the
/// window's length exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sheet {
    /// The truck's own hours (opening, closing).
    pub(crate) window: (i64, i64),
    /// Leaving the depot.
    pub(crate) leave: i64,
    /// Back at the depot.
    pub(crate) back: i64,
    /// Visits, waits and breaks in clock order (every wait, shown or not).
    pub(crate) steps: Vec<Step>,
    /// Minutes at stops.
    pub(crate) at_stops: i64,
    /// Minutes of driving: the rest of the time between leaving and coming back.
    pub(crate) driving: i64,
    /// Minutes waiting after leaving (breaks not included).
    pub(crate) waiting: i64,
    /// Minutes of breaks.
    pub(crate) breaks: i64,
}

impl Sheet {
    /// Minutes the truck leaves after its window opens (its first stop opens later).
    pub(crate) fn late(&self) -> i64 {
        self.leave - self.window.0
    }

    /// Minutes of the window left after the truck is back.
    pub(crate) fn spare(&self) -> i64 {
        self.window.1 - self.back
    }

    /// Minutes from leaving to coming back.
    pub(crate) fn on_road(&self) -> i64 {
        self.back - self.leave
    }
}

/// The truck a run belongs to: the fleet's, or one of the alike trucks from the depot.
pub(crate) fn truck_of(p: &RouteProblem, run: &Run) -> Truck {
    let mut fleet = p.rules.fleet_from(0);
    if run.truck < fleet.len() {
        return fleet.swap_remove(run.truck);
    }
    Truck {
        id: format!("{}", run.truck + 1),
        depot: run.depot,
        window_start: p.rules.window_start,
        window_end: p.rules.window_end,
        days: p.rules.days.clone(),
        max_stops_per_day: p.rules.max_stops_per_day,
        brk: p.rules.brk,
    }
}

/// A clock mark as shown: the minute a time is printed at.
fn mark(minutes: f64) -> i64 {
    minutes.round() as i64
}

/// The sheet of a run that leaves its depot; `None` for a day without a run.
pub(crate) fn sheet(p: &RouteProblem, run: &Run) -> Option<Sheet> {
    run.visits.first()?;
    let truck = truck_of(p, run);
    let mut s = Sheet {
        window: (mark(truck.window_start), mark(truck.window_end)),
        leave: mark(run.leave),
        back: mark(run.return_at),
        steps: Vec::new(),
        at_stops: 0,
        driving: 0,
        waiting: 0,
        breaks: 0,
    };
    let mut breaks = run.breaks.clone();
    breaks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut breaks = breaks.into_iter().peekable();
    // Where the truck stands, the exact clock, and the last mark shown.
    let (mut at, mut clock, mut shown) = (run.depot, run.leave, s.leave);
    let mut order = 0;
    let targets = run
        .visits
        .iter()
        .map(|v| (v.stop + 1, v.arrive, Some(v)))
        .chain([(run.depot, run.return_at, None)]);
    for (place, arrive, visit) in targets {
        let arrive_mark = mark(arrive).max(shown);
        // Breaks taken before this leg, where the truck stands.
        while let Some(&(start, end)) = breaks.peek().filter(|b| b.1 <= arrive + EPS) {
            breaks.next();
            let from = mark(start).clamp(shown, arrive_mark);
            let to = mark(end).clamp(from, arrive_mark);
            s.wait(shown, from, Next::Break);
            s.breaks += to - from;
            s.steps.push(Step::Break { from, to });
            (shown, clock) = (to, end);
        }
        let there = mark(clock + p.travel.minutes.get(at, place)).clamp(shown, arrive_mark);
        s.driving += there - shown;
        s.wait(
            there,
            arrive_mark,
            visit.map_or(Next::Depot, |v| Next::Stop(v.stop)),
        );
        shown = arrive_mark;
        if let Some(v) = visit {
            let to = mark(v.depart).max(shown);
            s.at_stops += to - shown;
            order += 1;
            s.steps.push(Step::Visit {
                order,
                stop: v.stop,
                from: shown,
                to,
            });
            (shown, clock, at) = (to, v.depart, place);
        }
    }
    // The return mark is the last mark: a return shown before the last departure (it cannot
    // be, the drive home takes time) would still telescope.
    s.back = shown;
    Some(s)
}

impl Sheet {
    /// Records a wait from `from` to `to` before `then` (nothing when empty).
    fn wait(&mut self, from: i64, to: i64, then: Next) {
        if to <= from {
            return;
        }
        self.waiting += to - from;
        self.steps.push(Step::Wait { from, to, then });
    }
}
