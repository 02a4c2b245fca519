//! Plans three generated weeks with the week planner and writes each as JSON for OR-Tools'
//! routing solver (`benches/ortools_week.py`), the anchor of issue #25.
//!
//! Run: `cargo run --release --example week_vs_ortools -- DIR` (DIR is created). Prints, per
//! week, the drive minutes, truck-days and trucks used and the planning time (median of three
//! runs, each giving the same week); asserts that every week keeps every rule
//! ([`RouteProblem::broken_rules`]). `benches/week_vs_ortools.sh` runs both sides and prints
//! them side by side. Needs neither Python nor OR-Tools.

mod json;
mod week;

use mobile_stops::route::{RouteProblem, WeekPlan};
use std::path::PathBuf;
use std::time::Instant;

/// The seeds of the three weeks.
const SEEDS: [u64; 3] = [1, 2, 3];

/// What the benchmark reports of a plan.
pub struct Figures {
    /// Driving minutes over the week.
    pub drive_min: f64,
    /// Truck-days that leave their depot.
    pub truck_days: usize,
    /// Trucks that leave on some day.
    pub trucks: usize,
    /// Median wall time of one `plan()`, seconds.
    pub seconds: f64,
}

fn figures(plan: &WeekPlan, seconds: f64) -> Figures {
    let used: Vec<_> = plan.runs.iter().filter(|r| !r.visits.is_empty()).collect();
    let mut trucks: Vec<usize> = used.iter().map(|r| r.truck).collect();
    trucks.sort_unstable();
    trucks.dedup();
    Figures {
        drive_min: used.iter().map(|r| r.drive_min).sum(),
        truck_days: used.len(),
        trucks: trucks.len(),
        seconds,
    }
}

/// Plans `p` three times: the week (the same each time) and the median time.
fn plan_timed(p: &RouteProblem) -> (WeekPlan, f64) {
    let mut times = Vec::new();
    let mut plans: Vec<WeekPlan> = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let plan = p.plan().unwrap_or_else(|e| panic!("the week fits: {e:?}"));
        times.push(t.elapsed().as_secs_f64());
        plans.push(plan);
    }
    assert!(
        plans.windows(2).all(|w| w[0] == w[1]),
        "the same week each time"
    );
    times.sort_by(f64::total_cmp);
    (plans.swap_remove(0), times[1])
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: week_vs_ortools DIR   (writes DIR/week-SEED.json)");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir).expect("create the output folder");
    println!("week  stops visits  drive_min  truck_days  trucks  seconds");
    for seed in SEEDS {
        let p = week::week(seed);
        let (plan, seconds) = plan_timed(&p);
        let broken = p.broken_rules(&plan);
        assert!(broken.is_empty(), "week {seed} breaks rules: {broken:#?}");
        let f = figures(&plan, seconds);
        let visits: u32 = p.visits.iter().map(|&v| u32::from(v)).sum();
        println!(
            "{seed:>4}  {:>5} {visits:>6}  {:>9.1}  {:>10}  {:>6}  {:>7.3}",
            p.stops.len(),
            f.drive_min,
            f.truck_days,
            f.trucks,
            f.seconds
        );
        let path = dir.join(format!("week-{seed}.json"));
        let text = serde_json::to_string_pretty(&json::instance(seed, &p, &plan, &f))
            .expect("JSON of numbers and strings");
        std::fs::write(&path, text + "\n").expect("write the instance");
    }
}
