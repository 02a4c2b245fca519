//! Every rule a finished week must keep, checked from the outside on the timetable alone.
//!
//! The search keeps the rules by construction (its clock in `schedule`), so a bug there would
//! show only as a wrong leaflet. This checker re-walks each run from its depot with the travel
//! matrix and reports, in words, every visit outside its window, break outside its span, run
//! that leaves or returns outside its truck's hours, and twice-weekly stop whose two visits do
//! not share a truck and a time. Tests and the OR-Tools benchmark (`examples/week_vs_ortools`)
//! use it on weeks with windows, breaks and trucks of their own.

use super::clock::clock;
use super::plan::{Run, Truck, WeekPlan, WEEKDAYS};
use super::problem::RouteProblem;

/// Tolerance of clock comparisons: float sums of the same minutes in another order.
const EPS: f64 = 1e-6;

impl RouteProblem {
    /// The rules `plan` breaks, one sentence each; empty when it keeps them all.
    pub fn broken_rules(&self, plan: &WeekPlan) -> Vec<String> {
        let fleet = self.rules.fleet_from(0);
        let mut out = Vec::new();
        let mut seen: Vec<Vec<(u8, usize, f64)>> = vec![Vec::new(); self.stops.len()];
        for run in &plan.runs {
            let Some(truck) = fleet.get(run.truck) else {
                out.push(format!(
                    "a run names truck {} of {}",
                    run.truck,
                    fleet.len()
                ));
                continue;
            };
            let name = format!(
                "{} truck {}",
                WEEKDAYS[usize::from(run.day % 7)].0,
                truck.id
            );
            for v in &run.visits {
                if let Some(s) = seen.get_mut(v.stop) {
                    s.push((run.day, run.truck, v.arrive));
                }
            }
            for e in self.run_errors(run, truck) {
                out.push(format!("{name}: {e}"));
            }
        }
        for (i, visits) in seen.iter().enumerate() {
            out.extend(self.stop_errors(i, visits));
        }
        out
    }

    /// What stop `i` asks of the week: its service minutes and windows.
    fn service_of(&self, i: usize) -> f64 {
        self.stop_rules
            .get(i)
            .and_then(|r| r.service_min)
            .unwrap_or(self.rules.service_min)
    }

    /// The rules of one run: its truck's depot, days, hours and stop limit; each visit's
    /// window, service and days; the drive between them; the break.
    fn run_errors(&self, run: &Run, truck: &Truck) -> Vec<String> {
        let mut out = Vec::new();
        if run.visits.is_empty() {
            if !run.breaks.is_empty() || run.drive_min.abs() > EPS {
                out.push("a run with no visit drives or breaks".into());
            }
            return out;
        }
        if run.depot != truck.depot {
            out.push(format!("starts at place {} not its depot", run.depot));
        }
        if !truck.days.contains(&run.day) {
            out.push("runs on a day its truck does not work".into());
        }
        if run.leave < truck.window_start - EPS || run.return_at > truck.window_end + EPS {
            out.push(format!(
                "runs {}–{} outside {}–{}",
                clock(run.leave),
                clock(run.return_at),
                clock(truck.window_start),
                clock(truck.window_end)
            ));
        }
        if truck
            .max_stops_per_day
            .is_some_and(|m| run.visits.len() > m)
        {
            out.push(format!("{} stops, over the day's limit", run.visits.len()));
        }
        out.extend(self.break_errors(run, truck));
        out.extend(self.leg_errors(run));
        for v in &run.visits {
            let stop = self.stop_label(v.stop);
            let rules = self.stop_rules.get(v.stop).cloned().unwrap_or_default();
            if (v.depart - v.arrive - self.service_of(v.stop)).abs() > EPS {
                out.push(format!("{stop}: stays {} min", v.depart - v.arrive));
            }
            let inside =
                |&(open, close): &(f64, f64)| v.arrive >= open - EPS && v.depart <= close + EPS;
            if !rules.windows.is_empty() && !rules.windows.iter().any(inside) {
                out.push(format!(
                    "{stop}: visit {}–{} outside its windows",
                    clock(v.arrive),
                    clock(v.depart)
                ));
            }
            if !rules.allows(run.day) {
                out.push(format!("{stop}: visited on a day it does not allow"));
            }
        }
        out
    }

    /// Each leg of the run driven in time, the break fitting between two visits, and the
    /// drive the run reports equal to the legs' sum.
    fn leg_errors(&self, run: &Run) -> Vec<String> {
        let mut out = Vec::new();
        let path = self.legs(run);
        let t = &self.travel.minutes;
        let mut ends = vec![run.leave];
        ends.extend(run.visits.iter().map(|v| v.depart));
        let mut starts: Vec<f64> = run.visits.iter().map(|v| v.arrive).collect();
        starts.push(run.return_at);
        let mut drive = 0.0;
        let mut break_placed = run.breaks.is_empty();
        for (k, w) in path.windows(2).enumerate() {
            let leg = t.get(w[0], w[1]);
            drive += leg;
            let (from, to) = (ends[k], starts[k]);
            let brk = run
                .breaks
                .iter()
                .find(|b| b.0 >= from - EPS && b.1 <= to + EPS)
                .map_or(0.0, |b| b.1 - b.0);
            break_placed |= brk > 0.0;
            if to + EPS < from + leg + brk {
                out.push(format!(
                    "reaches place {} at {} but cannot be there before {}",
                    w[1],
                    clock(to),
                    clock(from + leg + brk)
                ));
            }
        }
        if !break_placed {
            out.push("its break overlaps a visit".into());
        }
        if (drive - run.drive_min).abs() > EPS {
            out.push(format!(
                "drives {drive:.1} min, reports {:.1}",
                run.drive_min
            ));
        }
        out
    }

    /// The break inside its span, of its length, and taken when the run is still out after
    /// the break's latest start.
    fn break_errors(&self, run: &Run, truck: &Truck) -> Vec<String> {
        let mut out = Vec::new();
        let Some(b) = truck.brk else {
            if !run.breaks.is_empty() {
                out.push("takes a break its truck does not have".into());
            }
            return out;
        };
        if run.breaks.len() > 1 {
            out.push(format!("takes {} breaks", run.breaks.len()));
        }
        if run.breaks.is_empty() && run.return_at > b.latest_start() + EPS {
            out.push(format!(
                "out until {} without its break",
                clock(run.return_at)
            ));
        }
        for &(start, end) in &run.breaks {
            if start < b.from - EPS || end > b.to + EPS || (end - start - b.minutes).abs() > EPS {
                out.push(format!(
                    "break {}–{} outside {}–{} or not {} min",
                    clock(start),
                    clock(end),
                    clock(b.from),
                    clock(b.to),
                    b.minutes
                ));
            }
        }
        out
    }

    /// Stop `i` visited its count of times; twice-weekly on two days at least two days
    /// apart (across the weekend too) by one truck at one time.
    fn stop_errors(&self, i: usize, visits: &[(u8, usize, f64)]) -> Vec<String> {
        let mut out = Vec::new();
        let stop = self.stop_label(i);
        let want = self.visits.get(i).copied().unwrap_or(1) as usize;
        if visits.len() != want {
            out.push(format!("{stop}: {} visits, not {want}", visits.len()));
        }
        if let [(d1, k1, t1), (d2, k2, t2)] = visits {
            let gap = d1.abs_diff(*d2);
            if gap.min(7 - gap) < 2 {
                out.push(format!("{stop}: visits less than two days apart"));
            }
            if k1 != k2 {
                out.push(format!("{stop}: two trucks"));
            }
            if (t1 - t2).abs() > EPS {
                out.push(format!("{stop}: at {} and at {}", clock(*t1), clock(*t2)));
            }
        }
        if let Some(pin) = self.stop_rules.get(i).and_then(|r| r.pin) {
            if visits
                .iter()
                .any(|v| v.2 < pin.earliest - EPS || v.2 > pin.latest + EPS)
            {
                out.push(format!("{stop}: not at its pinned {}", clock(pin.at)));
            }
        }
        out
    }

    fn stop_label(&self, i: usize) -> String {
        self.stops
            .get(i)
            .map_or_else(|| format!("stop {i}"), |p| p.label().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan::{Break, StopRules, Truck, WeekRules, WeekShape};
    use super::super::problem::Place;
    use super::*;
    use crate::model::{Travel, TravelSource, TravelTimes};
    use rand::{Rng, SeedableRng};

    /// A week with everything at once: three trucks from three depots, their own hours and
    /// days, a lunch break, windows, service minutes, weekdays and twice-weekly stops.
    fn busy_week(seed: u64, stops: usize) -> RouteProblem {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let n = stops + 3;
        let pts: Vec<(f64, f64)> = (0..n)
            .map(|_| (rng.gen_range(0.0..8.0), rng.gen_range(0.0..8.0)))
            .collect();
        // 3 minutes a kilometre, depots last but the first.
        let minutes = TravelTimes::from_fn(n, |a, b| {
            3.0 * (pts[a].0 - pts[b].0).hypot(pts[a].1 - pts[b].1)
        });
        let lunch = Break {
            from: 720.0,
            to: 780.0,
            minutes: 45.0,
        };
        let truck = |id: &str, depot, start, end, days: &[u8]| Truck {
            id: id.into(),
            depot,
            window_start: start,
            window_end: end,
            days: days.to_vec(),
            max_stops_per_day: Some(9),
            brk: Some(lunch),
        };
        let stop_rules = (0..stops)
            .map(|i| StopRules {
                service_min: Some(20.0 + 5.0 * f64::from(rng.gen_range(0..=4u8))),
                windows: match i % 5 {
                    0 => vec![(600.0, 720.0)],
                    1 => vec![(780.0, 900.0)],
                    _ => Vec::new(),
                },
                days: if i % 7 == 3 { 0b01110 } else { 0 },
                pin: None,
            })
            .collect();
        let place = |i: usize| Place {
            id: format!("p{i}"),
            name: None,
            location: None,
        };
        RouteProblem {
            depot: place(0),
            stops: (1..=stops).map(place).collect(),
            visits: (0..stops).map(|i| if i % 3 == 0 { 2 } else { 1 }).collect(),
            stop_rules,
            depots: vec![place(stops + 1), place(stops + 2)],
            travel: Travel {
                minutes,
                km: None,
                source: TravelSource::Straight {
                    speed_kmh: 20.0,
                    detour: 1.0,
                },
            },
            rules: WeekRules {
                days: vec![0, 1, 2, 3, 4],
                window_start: 540.0,
                window_end: 1020.0,
                service_min: 30.0,
                trucks: 3,
                max_stops_per_day: None,
                shape: WeekShape::Pack,
                brk: Some(lunch),
                fleet: vec![
                    truck("a", 0, 540.0, 960.0, &[0, 2, 4]),
                    truck("b", stops + 1, 600.0, 1020.0, &[1, 3, 4]),
                    truck("c", stops + 2, 570.0, 990.0, &[0, 1, 3]),
                ],
            },
        }
    }

    #[test]
    fn weeks_with_windows_breaks_and_trucks_of_their_own_keep_every_rule() {
        for (seed, stops) in [(1, 12), (2, 20), (3, 28)] {
            let p = busy_week(seed, stops);
            let plan = p.plan().expect("the week fits");
            assert_eq!(p.broken_rules(&plan), Vec::<String>::new(), "seed {seed}");
            let used: Vec<_> = plan.runs.iter().filter(|r| !r.visits.is_empty()).collect();
            // Each run leaves its own truck's depot, and a run out past 12:15 has its break.
            for r in &used {
                assert_eq!(r.depot, p.rules.fleet[r.truck].depot);
                assert!(r.return_at <= 735.0 || r.breaks.len() == 1, "{r:?}");
            }
            // Trucks with different depots each start from their own: as many depots as
            // trucks leave, and the largest week needs more than one.
            let mut depots: Vec<usize> = used.iter().map(|r| r.depot).collect();
            let mut trucks: Vec<usize> = used.iter().map(|r| r.truck).collect();
            depots.sort_unstable();
            depots.dedup();
            trucks.sort_unstable();
            trucks.dedup();
            assert_eq!(depots.len(), trucks.len(), "seed {seed}");
            assert!(stops < 28 || trucks.len() >= 2, "seed {seed}: {trucks:?}");
            assert_eq!(plan, p.plan().unwrap(), "the same week again");
        }
    }

    #[test]
    fn a_week_that_breaks_a_rule_is_told_in_words() {
        let p = busy_week(4, 12);
        let good = p.plan().unwrap();
        let run = good.runs.iter().position(|r| r.visits.len() >= 2).unwrap();
        // A windowed stop moved out of its window, a twice-weekly stop an hour later on one
        // day, a run home after its truck's hours, a break too short.
        let mut bad = good.clone();
        let windowed = (0..12).find(|&i| i % 5 == 0 && p.visits[i] == 1);
        let r = &mut bad.runs[run];
        r.return_at = 23.0 * 60.0;
        r.breaks = vec![(720.0, 730.0)];
        let broken = p.broken_rules(&bad);
        assert!(
            broken
                .iter()
                .any(|e| e.contains("outside 09:") || e.contains("outside 10:")),
            "{broken:?}"
        );
        assert!(
            broken.iter().any(|e| e.contains("break 12:00–12:10")),
            "{broken:?}"
        );
        let mut twin = good.clone();
        let (ri, vi) = twin
            .runs
            .iter()
            .enumerate()
            .find_map(|(ri, r)| {
                r.visits
                    .iter()
                    .position(|v| p.visits[v.stop] == 2)
                    .map(|vi| (ri, vi))
            })
            .unwrap();
        twin.runs[ri].visits[vi].arrive += 1.0;
        twin.runs[ri].visits[vi].depart += 1.0;
        let broken = p.broken_rules(&twin);
        assert!(broken.iter().any(|e| e.contains(" at ")), "{broken:?}");
        if let Some(i) = windowed {
            let mut early = good.clone();
            for r in &mut early.runs {
                for v in r.visits.iter_mut().filter(|v| v.stop == i) {
                    v.arrive = 300.0;
                    v.depart = 300.0 + p.stop_rules[i].service_min.unwrap();
                }
            }
            let broken = p.broken_rules(&early);
            assert!(
                broken.iter().any(|e| e.contains("outside its windows")),
                "{broken:?}"
            );
        }
    }
}
