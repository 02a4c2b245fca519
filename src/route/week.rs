//! Which weekday (and truck) serves each stop, and in what order: the weekly timetable.
//!
//! Residents remember "Tuesdays and Fridays at 10:30", so a stop visited twice a week must
//! keep the same time on both days. The planner makes that hold by construction: days are
//! paired (at least two days apart, e.g. Tue–Fri), each pair and truck has one *twin group*
//! of twice-weekly stops, and both days of the pair start with that group in the same order;
//! once-weekly stops follow. Stops are placed by cheapest insertion (farthest first, so
//! outlying stops shape the runs), then moved between days while that shortens the week or
//! evens it out; finally each day is ordered exactly (Held–Karp) where it has at most 12
//! stops. Everything is deterministic: scans run in index order and ties keep the earlier
//! choice.

use super::tour::{best_path, path_minutes, TravelTimes};

/// English and Japanese weekday names, Monday first.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "月"),
    ("tue", "火"),
    ("wed", "水"),
    ("thu", "木"),
    ("fri", "金"),
    ("sat", "土"),
    ("sun", "日"),
];

/// The week the truck works.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRules {
    /// Working weekdays, 0 = Monday … 6 = Sunday, ascending and distinct.
    pub days: Vec<u8>,
    /// Leaving the depot, minutes after midnight.
    pub window_start: f64,
    /// Back at the depot at the latest, minutes after midnight.
    pub window_end: f64,
    /// Minutes the truck stands at each stop.
    pub service_min: f64,
    /// Trucks working each day.
    pub trucks: usize,
    /// Most stops one truck makes in a day.
    pub max_stops_per_day: Option<usize>,
}

/// A stop to serve: its place in the travel matrix and its visits per week (1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekStop {
    /// Index into the travel matrix.
    pub place: usize,
    /// Visits per week.
    pub visits: u8,
}

/// One visit in a day's run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visit {
    /// Index into the stops given to [`plan_week`].
    pub stop: usize,
    /// Arrival, minutes after midnight.
    pub arrive: f64,
    /// Departure, minutes after midnight.
    pub depart: f64,
}

/// One truck's run on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Weekday, 0 = Monday.
    pub day: u8,
    /// Truck number, from 0.
    pub truck: usize,
    /// Visits in order.
    pub visits: Vec<Visit>,
    /// Driving minutes, depot to depot.
    pub drive_min: f64,
    /// Back at the depot, minutes after midnight.
    pub return_at: f64,
    /// Minutes of the window left unused.
    pub idle_min: f64,
}

/// The weekly plan: one run per working day and truck, in day then truck order.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    /// The runs.
    pub runs: Vec<Run>,
}

/// One visit of a stop seen from the stop: which day, which truck, when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopVisit {
    /// Weekday, 0 = Monday.
    pub day: u8,
    /// Truck number, from 0.
    pub truck: usize,
    /// Arrival, minutes after midnight.
    pub arrive: f64,
    /// Departure, minutes after midnight.
    pub depart: f64,
}

impl WeekPlan {
    /// Each stop's visits in weekday order: the resident's view ("Tue and Fri at 10:30").
    pub fn by_stop(&self, stops: usize) -> Vec<Vec<StopVisit>> {
        let mut out = vec![Vec::new(); stops];
        for run in &self.runs {
            for v in &run.visits {
                out[v.stop].push(StopVisit {
                    day: run.day,
                    truck: run.truck,
                    arrive: v.arrive,
                    depart: v.depart,
                });
            }
        }
        for v in &mut out {
            v.sort_by_key(|x| (x.day, x.truck));
        }
        out
    }
}

/// Why the stops do not fit, and what would.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfit {
    /// What does not fit.
    pub reason: String,
    /// What would fit, in words ("needs one more day (sat) or a 7-hour window (10:00–17:00)").
    pub suggestion: String,
    /// Stops (indices) that do not fit even alone: the drive there and back plus service is
    /// longer than the window.
    pub far_stops: Vec<usize>,
    /// The shortest window (minutes, in quarter hours) that fits with the same days and
    /// trucks, if one ending by midnight does.
    pub window_needed_min: Option<f64>,
    /// A weekday (0 = Monday) whose addition makes the week fit.
    pub extra_day: Option<u8>,
    /// Whether one more truck makes the week fit.
    pub extra_truck: bool,
}

impl Unfit {
    fn rule(reason: impl Into<String>, suggestion: impl Into<String>) -> Unfit {
        Unfit {
            reason: reason.into(),
            suggestion: suggestion.into(),
            far_stops: Vec::new(),
            window_needed_min: None,
            extra_day: None,
            extra_truck: false,
        }
    }
}

/// Work units: a (day, truck) slot holds once-weekly stops; a (pair, truck) twin group holds
/// twice-weekly stops shown at the start of both days of the pair.
#[derive(Debug, Clone)]
struct State {
    /// Per slot (day index × trucks + truck): once-weekly stops in visiting order.
    singles: Vec<Vec<usize>>,
    /// Per group (pair index × trucks + truck): twice-weekly stops in visiting order.
    twins: Vec<Vec<usize>>,
}

struct Ctx<'a> {
    t: &'a TravelTimes,
    depot: usize,
    stops: &'a [WeekStop],
    rules: &'a WeekRules,
    /// Pairs of day indices (into rules.days) for twice-weekly stops.
    pairs: Vec<(usize, usize)>,
    /// For each day index, its pair index.
    pair_of_day: Vec<Option<usize>>,
}

impl Ctx<'_> {
    fn slots(&self) -> usize {
        self.rules.days.len() * self.rules.trucks
    }

    fn group_of_slot(&self, slot: usize) -> Option<usize> {
        let (d, k) = (slot / self.rules.trucks, slot % self.rules.trucks);
        self.pair_of_day[d].map(|p| p * self.rules.trucks + k)
    }

    /// The places of a slot's day in order: its twin group, then its singles.
    fn sequence(&self, s: &State, slot: usize) -> Vec<usize> {
        let mut seq: Vec<usize> = self
            .group_of_slot(slot)
            .map(|g| s.twins[g].clone())
            .unwrap_or_default();
        seq.extend(&s.singles[slot]);
        seq.into_iter().map(|i| self.stops[i].place).collect()
    }

    /// Driving plus service minutes of a slot.
    fn duration(&self, s: &State, slot: usize) -> (f64, usize) {
        let seq = self.sequence(s, slot);
        if seq.is_empty() {
            return (0.0, 0);
        }
        let drive = path_minutes(self.t, self.depot, self.depot, &seq);
        (drive + self.rules.service_min * seq.len() as f64, seq.len())
    }

    fn window(&self) -> f64 {
        self.rules.window_end - self.rules.window_start
    }

    /// Lower is better: overflow beyond the window or stop limit first, then the longest day
    /// (balance), then total driving.
    fn cost(&self, s: &State) -> f64 {
        let mut overflow = 0.0;
        let mut longest: f64 = 0.0;
        let mut total = 0.0;
        for slot in 0..self.slots() {
            let (d, n) = self.duration(s, slot);
            overflow += (d - self.window()).max(0.0);
            if let Some(m) = self.rules.max_stops_per_day {
                overflow += 1000.0 * n.saturating_sub(m) as f64;
            }
            longest = longest.max(d);
            total += d;
        }
        1e6 * overflow + 10.0 * longest + total
    }

    fn fits(&self, s: &State) -> bool {
        (0..self.slots()).all(|slot| {
            let (d, n) = self.duration(s, slot);
            d <= self.window() + 1e-9 && self.rules.max_stops_per_day.is_none_or(|m| n <= m)
        })
    }

    /// Orders every group and slot exactly (twins as a closed tour, singles as the path from
    /// the last twin back to the depot; for a group the worse of its two days decides).
    fn polish(&self, s: &mut State) {
        for g in 0..s.twins.len() {
            let places: Vec<usize> = s.twins[g].iter().map(|&i| self.stops[i].place).collect();
            let order = best_path(self.t, self.depot, self.depot, &places);
            s.twins[g] = reorder(&s.twins[g], self.stops, &order);
        }
        for slot in 0..self.slots() {
            let start = self
                .group_of_slot(slot)
                .and_then(|g| s.twins[g].last())
                .map_or(self.depot, |&i| self.stops[i].place);
            let places: Vec<usize> = s.singles[slot]
                .iter()
                .map(|&i| self.stops[i].place)
                .collect();
            let order = best_path(self.t, start, self.depot, &places);
            s.singles[slot] = reorder(&s.singles[slot], self.stops, &order);
        }
    }
}

/// Stops (indices) rearranged to follow `places`.
fn reorder(stops_here: &[usize], stops: &[WeekStop], places: &[usize]) -> Vec<usize> {
    let mut left: Vec<usize> = stops_here.to_vec();
    places
        .iter()
        .map(|&p| {
            let k = left
                .iter()
                .position(|&i| stops[i].place == p)
                .expect("same places");
            left.remove(k)
        })
        .collect()
}

/// The pairing of working days for twice-weekly stops: as many pairs as possible, each at
/// least two days apart, spread as evenly as possible (Mon–Thu and Tue–Fri rather than
/// Mon–Wed and Tue–Thu).
pub fn day_pairs(days: &[u8]) -> Vec<(usize, usize)> {
    /// A pairing and its score: (pairs, smallest gap, total gap), larger is better.
    type Scored = (Vec<(usize, usize)>, (usize, u32, u32));
    fn search(days: &[u8], used: &mut Vec<bool>, cur: &mut Vec<(usize, usize)>, best: &mut Scored) {
        let score = (
            cur.len(),
            cur.iter()
                .map(|&(a, b)| u32::from(days[b] - days[a]))
                .min()
                .unwrap_or(0),
            cur.iter().map(|&(a, b)| u32::from(days[b] - days[a])).sum(),
        );
        if score > best.1 {
            *best = (cur.clone(), score);
        }
        let Some(a) = (0..days.len()).find(|&a| !used[a]) else {
            return;
        };
        used[a] = true;
        search(days, used, cur, best); // a stays single
        for b in a + 1..days.len() {
            if !used[b] && days[b] - days[a] >= 2 {
                used[b] = true;
                cur.push((a, b));
                search(days, used, cur, best);
                cur.pop();
                used[b] = false;
            }
        }
        used[a] = false;
    }
    let mut best = (Vec::new(), (0, 0, 0));
    search(
        days,
        &mut vec![false; days.len()],
        &mut Vec::new(),
        &mut best,
    );
    let mut pairs = best.0;
    pairs.sort_unstable();
    pairs
}

/// Plans the week, or says why the stops do not fit and what would.
pub fn plan_week(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
) -> Result<WeekPlan, Unfit> {
    if let Some(s) = stops.iter().find(|s| s.visits == 0 || s.visits > 2) {
        return Err(Unfit::rule(
            format!("{} visits a week asked for a stop", s.visits),
            "use 1 or 2 visits per week",
        ));
    }
    if rules.days.is_empty() || rules.trucks == 0 {
        return Err(Unfit::rule(
            "no working day or no truck",
            "give at least one day and one truck",
        ));
    }
    if stops.iter().any(|s| s.visits == 2) && day_pairs(&rules.days).is_empty() {
        return Err(Unfit::rule(
            "twice-weekly stops need two working days at least two days apart",
            "add a working day (e.g. --days mon,wed,fri) or visit once a week",
        ));
    }
    match attempt(t, depot, stops, rules) {
        Ok(plan) => Ok(plan),
        Err(longest) => Err(unfit(t, depot, stops, rules, longest)),
    }
}

/// One planning attempt: the timetable, or the longest day of the best week found.
fn attempt(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
) -> Result<WeekPlan, f64> {
    let pairs = day_pairs(&rules.days);
    if stops.iter().any(|s| s.visits == 2) && pairs.is_empty() {
        return Err(f64::INFINITY);
    }
    let mut pair_of_day = vec![None; rules.days.len()];
    for (p, &(a, b)) in pairs.iter().enumerate() {
        pair_of_day[a] = Some(p);
        pair_of_day[b] = Some(p);
    }
    let ctx = Ctx {
        t,
        depot,
        stops,
        rules,
        pairs,
        pair_of_day,
    };
    let state = search(&ctx);
    if ctx.fits(&state) {
        Ok(timetable(&ctx, &state))
    } else {
        Err((0..ctx.slots())
            .map(|slot| ctx.duration(&state, slot).0)
            .fold(0.0, f64::max))
    }
}

/// Construction by cheapest insertion, farthest stop first, then relocation moves.
fn search(ctx: &Ctx) -> State {
    let mut s = State {
        singles: vec![Vec::new(); ctx.slots()],
        twins: vec![Vec::new(); ctx.pairs.len() * ctx.rules.trucks],
    };
    let mut order: Vec<usize> = (0..ctx.stops.len()).collect();
    order.sort_by(|&a, &b| {
        let da =
            ctx.t.get(ctx.depot, ctx.stops[a].place) + ctx.t.get(ctx.stops[a].place, ctx.depot);
        let db =
            ctx.t.get(ctx.depot, ctx.stops[b].place) + ctx.t.get(ctx.stops[b].place, ctx.depot);
        (ctx.stops[b].visits, db)
            .partial_cmp(&(ctx.stops[a].visits, da))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    for i in order {
        s = best_insertion(ctx, &s, i);
    }
    // Relocate stops while the week gets better.
    for _ in 0..50 {
        let before = ctx.cost(&s);
        let mut improved = false;
        for i in 0..ctx.stops.len() {
            let removed = remove(&s, i);
            let cand = best_insertion(ctx, &removed, i);
            if ctx.cost(&cand) < ctx.cost(&s) - 1e-9 {
                s = cand;
                improved = true;
            }
        }
        if !improved || ctx.cost(&s) >= before - 1e-9 {
            break;
        }
    }
    ctx.polish(&mut s);
    s
}

fn remove(s: &State, i: usize) -> State {
    let mut out = s.clone();
    for v in out.singles.iter_mut().chain(out.twins.iter_mut()) {
        v.retain(|&x| x != i);
    }
    out
}

/// The state with stop `i` inserted where the week costs least (first best in scan order).
fn best_insertion(ctx: &Ctx, s: &State, i: usize) -> State {
    let mut best: Option<(f64, State)> = None;
    let units = if ctx.stops[i].visits == 2 {
        s.twins.len()
    } else {
        s.singles.len()
    };
    for u in 0..units {
        let len = if ctx.stops[i].visits == 2 {
            s.twins[u].len()
        } else {
            s.singles[u].len()
        };
        for pos in 0..=len {
            let mut cand = s.clone();
            if ctx.stops[i].visits == 2 {
                cand.twins[u].insert(pos, i);
            } else {
                cand.singles[u].insert(pos, i);
            }
            let c = ctx.cost(&cand);
            if best.as_ref().is_none_or(|(b, _)| c < *b - 1e-9) {
                best = Some((c, cand));
            }
        }
    }
    best.map(|(_, s)| s).unwrap_or_else(|| s.clone())
}

/// "7 h 30 min" (or "7 h" on the hour, "45 min" under an hour), rounded up to the minute.
pub fn hm(minutes: f64) -> String {
    let m = minutes.ceil() as i64;
    if m < 60 {
        format!("{m} min")
    } else if m % 60 == 0 {
        format!("{} h", m / 60)
    } else {
        format!("{} h {:02} min", m / 60, m % 60)
    }
}

/// "10:30" for minutes after midnight (rounded to the minute).
pub fn clock(minutes: f64) -> String {
    let m = minutes.round() as i64;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Quarter hours: suggested windows are ones a council would announce.
const STEP_MIN: f64 = 15.0;

/// What does not fit and the smallest changes that would, in the order a council can act on:
/// one more day, a longer window, one more truck. Each suggestion is checked by planning the
/// changed week, never guessed.
fn unfit(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
    longest: f64,
) -> Unfit {
    let window = rules.window_end - rules.window_start;
    let alone = |s: &WeekStop| t.get(depot, s.place) + rules.service_min + t.get(s.place, depot);
    let far_stops: Vec<usize> = (0..stops.len())
        .filter(|&i| alone(&stops[i]) > window + 1e-9)
        .collect();
    // The latest a window may end is midnight.
    let max_window = 24.0 * 60.0 - rules.window_start;
    let fits_window = |w: f64| {
        let mut r = rules.clone();
        r.window_end = r.window_start + w;
        attempt(t, depot, stops, &r).is_ok()
    };
    let window_needed_min = {
        // Quarter hours from just above the current window up to midnight; the search assumes
        // a longer window never hurts, which holds for the planner's insertion order.
        let lo = (window / STEP_MIN).floor() as i64 + 1;
        let hi = (max_window / STEP_MIN).floor() as i64;
        if lo > hi || !fits_window(hi as f64 * STEP_MIN) {
            None
        } else {
            let (mut lo, mut hi) = (lo, hi);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if fits_window(mid as f64 * STEP_MIN) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Some(lo as f64 * STEP_MIN)
        }
    };
    let extra_day = if far_stops.is_empty() {
        (0..7u8).filter(|d| !rules.days.contains(d)).find(|&d| {
            let mut r = rules.clone();
            r.days.push(d);
            r.days.sort_unstable();
            attempt(t, depot, stops, &r).is_ok()
        })
    } else {
        None
    };
    let extra_truck = far_stops.is_empty() && {
        let mut r = rules.clone();
        r.trucks += 1;
        attempt(t, depot, stops, &r).is_ok()
    };
    let visits: usize = stops.iter().map(|s| usize::from(s.visits)).sum();
    let reason = if !far_stops.is_empty() {
        let worst = far_stops
            .iter()
            .map(|&i| alone(&stops[i]))
            .fold(0.0, f64::max);
        format!(
            "{} stop(s) cannot be reached, served and left within the {} window even alone \
             (the farthest needs {})",
            far_stops.len(),
            hm(window),
            hm(worst)
        )
    } else {
        match rules.max_stops_per_day {
            Some(m) if visits > m * rules.days.len() * rules.trucks => format!(
                "{visits} visits a week do not fit in {} day(s) × {} truck(s) with at most {m} \
                 stops a day",
                rules.days.len(),
                rules.trucks
            ),
            _ => format!(
                "{visits} visits a week do not fit: the busiest day needs {} but the window is {}",
                hm(longest),
                hm(window)
            ),
        }
    };
    let mut options = Vec::new();
    if let Some(d) = extra_day {
        options.push(format!("one more day ({})", WEEKDAYS[d as usize].0));
    }
    if let Some(w) = window_needed_min {
        let hours = if w % 60.0 == 0.0 {
            format!("{}-hour", w / 60.0)
        } else {
            hm(w)
        };
        options.push(format!(
            "a {hours} window ({}–{})",
            clock(rules.window_start),
            clock(rules.window_start + w)
        ));
    }
    if extra_truck {
        options.push("one more truck".into());
    }
    let suggestion = if options.is_empty() {
        if far_stops.is_empty() {
            "fewer stops, fewer visits or shorter service times".into()
        } else {
            "a depot nearer those stops, or leaving them out".into()
        }
    } else {
        format!("needs {}", options.join(" or "))
    };
    Unfit {
        reason,
        suggestion,
        far_stops,
        window_needed_min,
        extra_day,
        extra_truck,
    }
}

fn timetable(ctx: &Ctx, s: &State) -> WeekPlan {
    let mut runs = Vec::new();
    for slot in 0..ctx.slots() {
        let (d, k) = (slot / ctx.rules.trucks, slot % ctx.rules.trucks);
        let mut ids: Vec<usize> = ctx
            .group_of_slot(slot)
            .map(|g| s.twins[g].clone())
            .unwrap_or_default();
        ids.extend(&s.singles[slot]);
        let mut at = ctx.depot;
        let mut clock = ctx.rules.window_start;
        let mut drive = 0.0;
        let mut visits = Vec::new();
        for &i in &ids {
            let leg = ctx.t.get(at, ctx.stops[i].place);
            drive += leg;
            clock += leg;
            visits.push(Visit {
                stop: i,
                arrive: clock,
                depart: clock + ctx.rules.service_min,
            });
            clock += ctx.rules.service_min;
            at = ctx.stops[i].place;
        }
        if !ids.is_empty() {
            let leg = ctx.t.get(at, ctx.depot);
            drive += leg;
            clock += leg;
        }
        runs.push(Run {
            day: ctx.rules.days[d],
            truck: k,
            visits,
            drive_min: drive,
            return_at: clock,
            idle_min: (ctx.rules.window_end - clock).max(0.0),
        });
    }
    WeekPlan { runs }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid(points: &[(f64, f64)]) -> TravelTimes {
        // 20 km/h straight line: 3 minutes a kilometre.
        TravelTimes::from_fn(points.len(), |a, b| {
            3.0 * (points[a].0 - points[b].0).hypot(points[a].1 - points[b].1)
        })
    }

    fn rules(days: &[u8], hours: f64) -> WeekRules {
        WeekRules {
            days: days.to_vec(),
            window_start: 600.0,
            window_end: 600.0 + 60.0 * hours,
            service_min: 30.0,
            trucks: 1,
            max_stops_per_day: None,
        }
    }

    /// Every rule of the timetable, checked on a finished plan.
    fn check(plan: &WeekPlan, stops: &[WeekStop], r: &WeekRules) {
        let mut days_of: Vec<Vec<(u8, f64)>> = vec![Vec::new(); stops.len()];
        for run in &plan.runs {
            assert!(r.days.contains(&run.day));
            assert!(
                run.return_at <= r.window_end + 1e-9,
                "run ends in the window"
            );
            if let Some(m) = r.max_stops_per_day {
                assert!(run.visits.len() <= m);
            }
            let mut clock = r.window_start;
            for v in &run.visits {
                assert!(v.arrive >= clock - 1e-9);
                assert!((v.depart - v.arrive - r.service_min).abs() < 1e-9);
                clock = v.depart;
                days_of[v.stop].push((run.day, v.arrive));
            }
        }
        for (i, s) in stops.iter().enumerate() {
            let d = &days_of[i];
            assert_eq!(d.len(), s.visits as usize, "stop {i} visited its count");
            if d.len() == 2 {
                assert!(d[0].0.abs_diff(d[1].0) >= 2, "two days apart");
                assert!((d[0].1 - d[1].1).abs() < 1e-9, "same time both days");
            }
        }
    }

    #[test]
    fn day_pairs_spread_twice_weekly_visits() {
        assert_eq!(day_pairs(&[0, 1, 2, 3, 4]), vec![(0, 3), (1, 4)]);
        assert_eq!(day_pairs(&[0, 1]), vec![]);
        assert_eq!(day_pairs(&[1, 4]), vec![(0, 1)]);
        assert_eq!(day_pairs(&[0, 2, 4]).len(), 1);
    }

    #[test]
    fn too_many_stops_say_what_would_fit() {
        // Eight stops half a kilometre apart: four a day need the whole two hours in service.
        let pts: Vec<(f64, f64)> = (0..9).map(|i| (0.5 * f64::from(i), 0.0)).collect();
        let t = grid(&pts);
        let stops: Vec<WeekStop> = (1..9)
            .map(|p| WeekStop {
                place: p,
                visits: 1,
            })
            .collect();
        let r = rules(&[0, 1], 2.0);
        let err = plan_week(&t, 0, &stops, &r).unwrap_err();
        assert!(err.far_stops.is_empty(), "{err:?}");
        // Every suggestion is a week that fits.
        let w = err.window_needed_min.expect("a longer window fits");
        assert!(w > 120.0 && w % 15.0 == 0.0);
        let mut longer = r.clone();
        longer.window_end = longer.window_start + w;
        check(&plan_week(&t, 0, &stops, &longer).unwrap(), &stops, &longer);
        let d = err.extra_day.expect("a third day fits");
        let mut more = r.clone();
        more.days.push(d);
        check(&plan_week(&t, 0, &stops, &more).unwrap(), &stops, &more);
        assert!(err.suggestion.contains("one more day (wed)"), "{err:?}");
        assert!(err.suggestion.contains("window (10:00–"), "{err:?}");
        let twice = vec![WeekStop {
            place: 1,
            visits: 2,
        }];
        let err = plan_week(&t, 0, &twice, &rules(&[0, 1], 6.0)).unwrap_err();
        assert!(err.reason.contains("two days apart"));
    }

    #[test]
    fn a_stop_too_far_for_any_day_is_named_and_no_truck_is_suggested() {
        // 100 km out at 3 min/km: 600 minutes there and back.
        let t = grid(&[(0.0, 0.0), (1.0, 0.0), (100.0, 0.0)]);
        let stops = [
            WeekStop {
                place: 1,
                visits: 1,
            },
            WeekStop {
                place: 2,
                visits: 1,
            },
        ];
        let err = plan_week(&t, 0, &stops, &rules(&[0, 2, 4], 6.0)).unwrap_err();
        assert_eq!(err.far_stops, vec![1]);
        assert!(!err.extra_truck && err.extra_day.is_none());
        // 600 minutes of driving and 30 of service: exactly 10 h 30 min (10:00–20:30).
        assert_eq!(err.window_needed_min, Some(630.0));
        assert!(
            err.suggestion.contains("10 h 30 min window (10:00–20:30)"),
            "{err:?}"
        );
        // Beyond midnight nothing fits: the suggestion says so instead of a window.
        let t = grid(&[(0.0, 0.0), (300.0, 0.0)]);
        let err = plan_week(&t, 0, &stops[..1], &rules(&[0], 6.0)).unwrap_err();
        assert_eq!(err.window_needed_min, None);
        assert!(err.suggestion.contains("depot nearer"), "{err:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn plans_keep_every_rule(
            pts in prop::collection::vec((0.0f64..8.0, 0.0f64..8.0), 2..16),
            twice in prop::collection::vec(any::<bool>(), 16),
            days in prop::sample::subsequence(vec![0u8, 1, 2, 3, 4, 5], 2..=6),
            trucks in 1usize..3,
            max in prop::option::of(2usize..6),
        ) {
            let t = grid(&pts);
            let pairs = day_pairs(&days);
            let stops: Vec<WeekStop> = (1..pts.len())
                .map(|p| WeekStop { place: p, visits: if twice[p] && !pairs.is_empty() { 2 } else { 1 } })
                .collect();
            let mut r = rules(&days, 6.0);
            r.trucks = trucks;
            r.max_stops_per_day = max;
            match plan_week(&t, 0, &stops, &r) {
                Ok(plan) => {
                    check(&plan, &stops, &r);
                    prop_assert_eq!(plan.runs.len(), days.len() * trucks);
                    prop_assert_eq!(plan, plan_week(&t, 0, &stops, &r).unwrap());
                }
                Err(e) => prop_assert!(!e.reason.is_empty() && !e.suggestion.is_empty()),
            }
        }
    }
}
