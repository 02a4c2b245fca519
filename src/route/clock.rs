//! Minutes after midnight as a timetable shows them.
//!
//! The planner works in fractional minutes; people read "10:30" and "7 h 30 min". Both forms
//! round to the minute the same way, so the times and durations in one table add up.

/// "7 h 30 min" (or "7 h" on the hour, "45 min" under an hour), rounded to the minute like
/// [`clock`], so durations and clock times in one table add up.
pub fn hm(minutes: f64) -> String {
    let m = minutes.round() as i64;
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
