//! The progress lines: their wording, and an ETA that weighs what is left by its expected
//! cost.

use super::*;

#[test]
fn the_eta_weighs_the_rows_left_by_their_expected_cost() {
    // Two cheap rows done, one expensive row left: not "one third left".
    let p = Progress::start(ProgressMode::None, &[1.0, 1.0, 98.0], None);
    p.tick(0);
    p.tick(1);
    std::thread::sleep(Duration::from_millis(20));
    let at = p.counts.snapshot();
    assert_eq!((at.done, at.rows), (2, 3));
    let ratio = at.eta.unwrap().as_secs_f64() / at.elapsed.as_secs_f64();
    assert!((ratio - 49.0).abs() < 0.5, "eta/elapsed = {ratio}");
    // The other way round: the expensive row done, two cheap ones left.
    let q = Progress::start(ProgressMode::None, &[98.0, 1.0, 1.0], None);
    q.tick(0);
    std::thread::sleep(Duration::from_millis(20));
    let at = q.counts.snapshot();
    let ratio = at.eta.unwrap().as_secs_f64() / at.elapsed.as_secs_f64();
    assert!(ratio < 0.03, "eta/elapsed = {ratio}");
    p.finish(2, false);
    q.finish(1, false);
}

#[test]
fn the_eta_is_unknown_before_any_row_and_stops_at_the_time_limit() {
    let deadline = Instant::now() + Duration::from_secs(2);
    let p = Progress::start(ProgressMode::None, &[1.0, 1000.0], Some(deadline));
    assert_eq!(p.counts.snapshot().eta, None);
    assert!(line_body(&p.counts.snapshot()).ends_with("eta unknown"));
    p.tick(0);
    std::thread::sleep(Duration::from_millis(5));
    // By cost, 1000× the elapsed time is left; the time limit ends the batch sooner.
    assert!(p.counts.snapshot().eta.unwrap() <= Duration::from_secs(2));
    p.finish(1, false);
}

#[test]
fn a_line_says_done_rate_elapsed_and_eta() {
    let s = Snapshot {
        done: 12,
        rows: 31,
        elapsed: Duration::from_secs(5),
        eta: Some(Duration::from_secs(125)),
    };
    assert_eq!(
        line_body(&s),
        "12/31 scenarios, 2.4/s, 5.0 s elapsed, eta 2 min 05 s"
    );
    assert_eq!(bar_body(&s), "12/31 scenarios 2.4/s eta 2 min 05 s");
    assert_eq!(
        final_line(&s, 16, true),
        "mobile-stops: 16/31 scenarios finished in 5.0 s (3.2/s), then interrupted"
    );
    assert_eq!(duration(Duration::from_secs(37)), "37 s");
    assert_eq!(
        duration(Duration::from_secs(3 * 3600 + 4 * 60)),
        "3 h 04 min"
    );
    assert_eq!(rate(1, 40.0), "0.03");
    assert_eq!(rate(500, 2.0), "250");
}
