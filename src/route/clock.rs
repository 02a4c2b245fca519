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

/// The step of published times: residents read "10:15", not "10:16", as printed timetables
/// give them.
pub const PUBLISHED_STEP_MIN: i64 = 5;

/// The window a timetable publishes for a stay from `arrive` to `depart` (minutes after
/// midnight), on 5-minute marks: the arrival rounded up and the departure rounded down, so the
/// truck is at the stop for the whole published window, a resident who comes at any published
/// minute finds it, and no published window overlaps the next stop's on the same run. Both ends
/// start from the minute the exact schedule shows, so the two views never disagree. A stay too
/// short to hold a 5-minute window that way (one under 10 minutes can be) is published to the
/// nearest 5 minutes instead: still in order and still clear of its neighbours' windows
/// (ceiling ≥ nearest ≥ floor, and every rounding keeps the order of the times).
pub fn published(arrive: f64, depart: f64) -> (f64, f64) {
    let step = PUBLISHED_STEP_MIN;
    let (a, d) = (arrive.round() as i64, depart.round() as i64);
    let up = (a + step - 1).div_euclid(step) * step;
    let down = d.div_euclid(step) * step;
    let (from, until) = if up < down {
        (up, down)
    } else {
        let nearest = |m: i64| (m + step / 2).div_euclid(step) * step;
        (nearest(a), nearest(d))
    };
    (from as f64, until as f64)
}

/// "10:20–10:45": the published window of a stay (see [`published`]).
pub fn published_range(arrive: f64, depart: f64) -> String {
    let (from, until) = published(arrive, depart);
    format!("{}–{}", clock(from), clock(until))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_half_hour_stay_is_published_inside_the_stay() {
        assert_eq!(published(616.0, 646.0), (620.0, 645.0));
        assert_eq!(published(615.0, 645.0), (615.0, 645.0));
        // The minute shown decides: 10:15:18 is shown as 10:15, so published 10:15.
        assert_eq!(published(615.3, 645.3), (615.0, 645.0));
        assert_eq!(published_range(616.0, 646.0), "10:20–10:45");
        // Too short for an inner window: nearest 5 minutes.
        assert_eq!(published(616.0, 619.0), (615.0, 620.0));
    }

    proptest! {
        #[test]
        fn published_windows_are_on_five_minute_marks_in_order_and_never_overlap(
            start in 300.0f64..900.0,
            stays in prop::collection::vec((0.0f64..40.0, 0.5f64..60.0), 1..8),
        ) {
            // A run: drive (maybe zero), then stay; the next stay starts after this one ends.
            let mut clock = start;
            let mut last_until = f64::NEG_INFINITY;
            for (drive, stay) in stays {
                let (a, d) = (clock + drive, clock + drive + stay);
                let (from, until) = published(a, d);
                prop_assert_eq!(from % 5.0, 0.0);
                prop_assert_eq!(until % 5.0, 0.0);
                prop_assert!(from <= until, "{a} {d}: {from} {until}");
                prop_assert!(from >= last_until, "overlaps the previous stop");
                if stay >= 10.0 {
                    // Inside the stay as shown to the minute.
                    prop_assert!(from >= a.round() && until <= d.round());
                }
                last_until = until;
                clock = d;
            }
        }
    }
}
