//! The sheet against a run worked by hand, and the terminal table of many random weeks read
//! back: the minutes it shows add up to each truck's window.

use super::*;
use crate::report::labels::Lang;
use crate::report::route::route_table;
use crate::report::route::testkit::{info, random_problem};
use crate::route::{Place, Travel, TravelSource, TravelTimes, Visit, WeekRules, WeekShape};

/// Stops 1–3 and a depot, with fractional legs 0→1 12.4, 1→2 8.3, 2→3 15.6, 3→0 20.45.
fn hand_problem() -> RouteProblem {
    let legs = [
        [0.0, 12.4, 9.0, 9.0],
        [12.4, 0.0, 8.3, 9.0],
        [9.0, 8.3, 0.0, 15.6],
    ];
    let minutes = TravelTimes::from_fn(4, |a, b| match (a.min(b), a.max(b)) {
        (0, 3) => 20.45,
        (x, y) if x == y => 0.0,
        (x, y) => legs[x][y],
    });
    let place = |id: &str| Place {
        id: id.into(),
        name: None,
        location: None,
    };
    RouteProblem {
        depot: place("depot"),
        stops: vec![place("a"), place("b"), place("c")],
        visits: vec![1, 1, 1],
        stop_rules: Vec::new(),
        depots: Vec::new(),
        travel: Travel {
            minutes,
            km: None,
            source: TravelSource::Matrix {
                file: "hand".into(),
            },
        },
        rules: WeekRules {
            days: vec![0],
            window_start: 540.0,
            window_end: 900.0,
            service_min: 30.0,
            trucks: 1,
            max_stops_per_day: None,
            shape: WeekShape::Pack,
            brk: None,
            fleet: Vec::new(),
        },
    }
}

/// Leaves 17.6 min late, waits 21.7 min for b's window and 4.4 min for c, breaks at c.
fn hand_run() -> Run {
    let visit = |stop, arrive: f64, service: f64| Visit {
        stop,
        arrive,
        depart: arrive + service,
    };
    Run {
        day: 0,
        truck: 0,
        depot: 0,
        leave: 557.6,
        visits: vec![
            visit(0, 570.0, 30.0),
            visit(1, 630.0, 22.5),
            visit(2, 672.5, 30.0),
        ],
        breaks: vec![(702.5, 747.5)],
        drive_min: 56.75,
        wait_min: 26.1,
        return_at: 767.95,
        idle_min: 132.05,
    }
}

#[test]
fn a_hand_worked_run_shows_marks_as_rounded_and_adds_up_to_the_window() {
    let p = hand_problem();
    let s = sheet(&p, &hand_run()).expect("a run with visits");
    let wait = |from, to, then| Step::Wait { from, to, then };
    let visit = |order, stop, from, to| Step::Visit {
        order,
        stop,
        from,
        to,
    };
    assert_eq!(
        s.steps,
        [
            visit(1, 0, 570, 600),
            wait(608, 630, Next::Stop(1)),
            visit(2, 1, 630, 653),
            wait(668, 673, Next::Stop(2)),
            visit(3, 2, 673, 703),
            Step::Break { from: 703, to: 748 },
        ]
    );
    assert_eq!((s.leave, s.back, s.window), (558, 768, (540, 900)));
    assert_eq!(
        (
            s.late(),
            s.at_stops,
            s.waiting,
            s.breaks,
            s.driving,
            s.spare()
        ),
        (18, 83, 27, 45, 55, 132)
    );
    assert_eq!(
        s.late() + s.at_stops + s.waiting + s.breaks + s.driving + s.spare(),
        360
    );
    // The 5-minute wait is counted but is not a line of its own.
    let shown: Vec<_> = s.steps.iter().filter(|x| x.shown()).collect();
    assert_eq!(shown.len(), 5);
    assert_eq!(
        sum_words(&s, Lang::En),
        "window 09:00–15:00 (6 h) = later start 18 min + at stops 1 h 23 min + driving 55 min \
         + waiting 27 min + break 45 min + spare 2 h 12 min"
    );
    assert_eq!(
        sum_words(&s, Lang::Ja),
        "時間帯 09:00–15:00（6時間）= 遅い出発 18分 + 販売 1時間23分 + 運転 55分 + 待機 27分 \
         + 休憩 45分 + 余裕 2時間12分"
    );
    assert_eq!(
        step_words(&p, &s.steps[1], Lang::Ja),
        ("10:08–10:30".to_string(), "待機 22分".to_string())
    );
    assert_eq!(
        step_words(&p, &s.steps[5], Lang::En),
        ("11:43–12:28".to_string(), "break 45 min".to_string())
    );
    let run = hand_run();
    assert_eq!(
        run_head(&p, &run, &s, Lang::En),
        "Monday: leave 09:18 (18 min after the window opens) back 12:48"
    );
}

#[test]
fn a_day_without_visits_has_no_sheet() {
    let p = hand_problem();
    let run = Run {
        visits: Vec::new(),
        breaks: Vec::new(),
        ..hand_run()
    };
    assert_eq!(sheet(&p, &run), None);
}

/// "1 h 05 min", "6 h", "45 min" in minutes.
fn parse_duration(s: &str) -> i64 {
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [h, "h", m, "min"] => h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap(),
        [h, "h"] => h.parse::<i64>().unwrap() * 60,
        [m, "min"] => m.parse().unwrap(),
        _ => panic!("not a duration: {s:?}"),
    }
}

fn minutes(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').expect("HH:MM");
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

/// "10:04–10:34" as two marks.
fn span(s: &str) -> (i64, i64) {
    let (a, b) = s.split_once('–').expect("a span");
    (minutes(a), minutes(b))
}

/// One line of a run: its order (empty for a wait or break), its span, its words.
type Row = (String, (i64, i64), String);

/// The figures one run block of the table shows.
#[derive(Debug, Default)]
struct Shown {
    leave: i64,
    back: i64,
    rows: Vec<Row>,
    window: (i64, i64),
    length: i64,
    parts: Vec<(String, i64)>,
}

/// Reads the run blocks of an English table.
fn read_blocks(table: &str) -> Vec<Shown> {
    let mut out = Vec::new();
    let mut cur: Option<Shown> = None;
    for line in table.lines() {
        if let Some((_, rest)) = line.split_once(": leave ") {
            let at = |word: &str| {
                let k = rest.find(word).expect(word) + word.len();
                minutes(&rest[k..k + 5])
            };
            cur = Some(Shown {
                leave: minutes(&rest[..5]),
                back: at(" back "),
                ..Shown::default()
            });
        } else if let (Some(c), Some(sum)) = (cur.as_mut(), line.strip_prefix("  window ")) {
            let (head, parts) = sum.split_once(" = ").expect("window = parts");
            let (win, len) = head.split_once(" (").expect("window (length)");
            c.window = span(win);
            c.length = parse_duration(len.trim_end_matches(')'));
            for part in parts.split(" + ") {
                let k = part.find(|ch: char| ch.is_ascii_digit()).expect("a number");
                c.parts
                    .push((part[..k].trim().to_string(), parse_duration(&part[k..])));
            }
            out.push(cur.take().expect("a block"));
        } else if let Some(c) = cur.as_mut() {
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            let k = cells.iter().position(|x| x.contains('–')).expect("a time");
            c.rows.push((
                cells[..k].join(""),
                span(cells[k]),
                cells[k + 1..].join(" "),
            ));
        }
    }
    assert!(cur.is_none(), "every block ends with its window");
    out
}

impl Shown {
    /// A part of the window line, 0 when not shown.
    fn part(&self, name: &str) -> i64 {
        self.parts.iter().find(|x| x.0 == name).map_or(0, |x| x.1)
    }

    /// The minutes of the lines whose words pass `kind`.
    fn lines(&self, kind: &dyn Fn(&Row) -> bool) -> Vec<i64> {
        self.rows
            .iter()
            .filter(|r| kind(r))
            .map(|r| r.1 .1 - r.1 .0)
            .collect()
    }

    /// Checks one block against itself and its run; what it shows, as counts: a later start,
    /// wait lines, break lines, a run of the second truck.
    fn check(&self, p: &RouteProblem, run: &Run) -> [usize; 4] {
        let truck = truck_of(p, run);
        let hours = (truck.window_start.round(), truck.window_end.round());
        assert_eq!(self.window, (hours.0 as i64, hours.1 as i64));
        assert_eq!(self.length, self.window.1 - self.window.0);
        let total: i64 = self.parts.iter().map(|x| x.1).sum();
        assert_eq!(total, self.length, "{self:?}");
        assert_eq!(self.part("later start"), self.leave - self.window.0);
        assert_eq!(self.part("spare"), self.window.1 - self.back, "{self:?}");
        let waits = self.lines(&|r| r.2.starts_with("wait "));
        let breaks = self.lines(&|r| r.2.starts_with("break "));
        let visits = self.lines(&|r| !r.0.is_empty());
        assert_eq!(visits.len(), run.visits.len());
        assert_eq!(visits.iter().sum::<i64>(), self.part("at stops"));
        assert_eq!(breaks.iter().sum::<i64>(), self.part("break"));
        assert_eq!(breaks.len(), run.breaks.len());
        assert!(waits.iter().all(|&w| w >= WAIT_LINE_MIN), "{self:?}");
        assert!(waits.iter().sum::<i64>() <= self.part("waiting"));
        // Each wait and break line says its own minutes, matching its span.
        for r in self.rows.iter().filter(|r| r.0.is_empty()) {
            let said = r.2.split_once(' ').map(|x| parse_duration(x.1));
            assert_eq!(said, Some(r.1 .1 - r.1 .0), "{r:?}");
        }
        // Lines in clock order between leaving and coming back.
        let mut clock = self.leave;
        for r in &self.rows {
            assert!(r.1 .0 >= clock && r.1 .1 >= r.1 .0, "{r:?} in {self:?}");
            clock = r.1 .1;
        }
        assert!(clock <= self.back);
        // The shown minutes stay within a rounding of the planner's own.
        let legs = run.visits.len() as f64 + 1.0;
        let off = |name: &str, exact: f64| (self.part(name) as f64 - exact).abs();
        assert!(off("driving", run.drive_min) <= legs, "{self:?} {run:?}");
        assert!(
            off("waiting", run.wait_min) <= legs + 1.0,
            "{self:?} {run:?}"
        );
        [
            usize::from(self.part("later start") > 0),
            waits.len(),
            breaks.len(),
            usize::from(run.depot != 0 && self.window.0 == 600),
        ]
    }
}

#[test]
fn random_weeks_show_minutes_that_add_up_to_each_trucks_window() {
    let mut planned = 0;
    let mut seen = [0usize; 4]; // later starts, wait lines, break lines, second depot
    for seed in 0..60 {
        let p = random_problem(seed);
        let Ok(plan) = p.plan() else { continue };
        planned += 1;
        let table = route_table(&p, &plan, &info(), Lang::En);
        let blocks = read_blocks(&table);
        let runs: Vec<&Run> = plan.runs.iter().filter(|r| !r.visits.is_empty()).collect();
        assert_eq!(blocks.len(), runs.len(), "{table}");
        for (b, run) in blocks.iter().zip(runs) {
            for (k, n) in b.check(&p, run).into_iter().enumerate() {
                seen[k] += n;
            }
        }
    }
    assert!(planned >= 40, "most random weeks fit: {planned}");
    assert!(
        seen.iter().all(|&n| n > 0),
        "later starts, waits, breaks and the second truck all shown: {seen:?}"
    );
}
