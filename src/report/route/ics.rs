//! The timetable as an iCalendar file (RFC 5545) a resident or volunteer imports once.
//!
//! Each stop becomes one weekly recurring event per distinct time, so "Tuesdays and Fridays
//! 10:30 at 日枝神社" is one entry on a phone, not fifty-two. Times are the published ones (on
//! 5-minute marks inside the truck's stay, see [`published`]) in Japan time (a fixed
//! `Asia/Tokyo` zone is included, so calendars abroad still show the right hour). The file
//! is deterministic: the time stamp is the first calendar day, not the clock.
//!
//! Each series ends on the calendar's last day (`UNTIL`) and leaves out its skipped days
//! (`EXDATE`: national holidays, the year-end break), so a leaflet's calendar stops when the
//! leaflet does and shows no visit on a day the truck does not come ([`crate::calendar`]).
//! `LOCATION` is the stop's address when the candidates give one (a phone can find it), with
//! `GEO` beside it.
//!
//! Every date is written as `YYYYMMDD` (RFC 5545 `date-fullyear` is four digits), so the first
//! week must lie between [`ICS_FIRST_START`] and [`ICS_LAST_START`] plus a week and the last day
//! by 9999-12-31 (refused by [`crate::calendar::Series::new`]); the writer checks its own
//! arithmetic and writes nothing rather than a five-digit year.

use super::info::RouteInfo;
use super::weekday::weekday_name;
use crate::calendar::Series;
use crate::report::escape::{is_bidi_control, BIDI_SHOWN};
use crate::report::labels::Lang;
use crate::route::clock::{published, published_range};
use crate::route::{Place, RouteProblem, StopVisit, WeekPlan};
use chrono::{Datelike, Days, NaiveDate};

/// RFC 5545 weekday codes, Monday first.
const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The earliest first day: the calendar's `Asia/Tokyo` zone is defined from 1970-01-01 (its
/// `DTSTART`), and times before a zone's first onset have no defined offset.
pub const ICS_FIRST_START: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("1970-01-01 is a date"),
};

/// The latest first day: the first week's events (up to six days later, ending at most at
/// midnight, so on the seventh) must still have a four-digit year.
pub const ICS_LAST_START: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 24) {
    Some(d) => d,
    None => panic!("9999-12-24 is a date"),
};

/// Renders the weekly plan as a calendar whose first events fall on or after `start`; `None`
/// when a date it would write falls outside four-digit years or before [`ICS_FIRST_START`]
/// (callers check `start` against [`ICS_FIRST_START`] and [`ICS_LAST_START`] first, so they can say
/// why).
pub fn route_ics(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
    only: Option<usize>,
) -> Option<String> {
    let start = info.calendar.start;
    if !(ICS_FIRST_START..=ICS_LAST_START).contains(&start) {
        return None;
    }
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//mobile-stops//route//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            text(lang.pick("Mobile grocery sales", "移動販売"))
        ),
        "X-WR-TIMEZONE:Asia/Tokyo".into(),
        "BEGIN:VTIMEZONE".into(),
        "TZID:Asia/Tokyo".into(),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        "TZOFFSETFROM:+0900".into(),
        "TZOFFSETTO:+0900".into(),
        "TZNAME:JST".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ];
    let stamp = format!("{}T000000Z", ymd(start)?);
    let by_stop = plan.by_stop(p.stops.len());
    for (i, visits) in by_stop.iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let s = &p.stops[i];
        for group in same_time_groups(visits) {
            event(&mut lines, s, &group, info, &stamp, lang)?;
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    Some(out)
}

/// Renders one calendar per stop that has visits, keyed by the stop's id, each holding only
/// that stop's events (what a resident imports); `None` as for [`route_ics`].
pub fn route_ics_per_stop(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
) -> Option<Vec<(String, String)>> {
    let by_stop = plan.by_stop(p.stops.len());
    (0..p.stops.len())
        .filter(|&i| !by_stop[i].is_empty())
        .map(|i| {
            Some((
                p.stops[i].id.clone(),
                route_ics(p, plan, info, lang, Some(i))?,
            ))
        })
        .collect()
}

/// One weekly recurring event: a stop's visits by one truck at one time ("Tuesdays and
/// Fridays 10:30–11:00"), from the first such day on or after the calendar's start to its last
/// day, without its skipped days; nothing when no such day lies inside the calendar.
fn event(
    lines: &mut Vec<String>,
    s: &Place,
    group: &[StopVisit],
    info: &RouteInfo,
    stamp: &str,
    lang: Lang,
) -> Option<()> {
    let cal = &info.calendar;
    let first = group
        .iter()
        .map(|v| next_weekday(cal.start, v.day))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .min()?;
    if first > cal.last {
        return Some(());
    }
    let v = *group.first()?;
    let (from, until) = published(v.arrive, v.depart);
    let (dtstart, dtend) = (local(first, from)?, local(first, until)?);
    let days: Vec<&str> = group
        .iter()
        .map(|v| BYDAY.get(usize::from(v.day)).copied())
        .collect::<Option<_>>()?;
    let day_words: Vec<String> = group.iter().map(|v| weekday_name(v.day, lang)).collect();
    let when = published_range(v.arrive, v.depart);
    let description = match lang {
        Lang::En => format!(
            "Mobile grocery sales, truck {}: every {} {when}.",
            v.truck + 1,
            day_words.join(" and ")
        ),
        Lang::Ja => format!(
            "移動販売（{}号車）：毎週{} {when}",
            v.truck + 1,
            day_words.join("・")
        ),
    };
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!(
        "UID:{}",
        text(&format!(
            "{}-{}-{}@mobile-stops",
            s.id,
            days.join(""),
            v.truck + 1
        ))
    ));
    lines.push(format!("DTSTAMP:{stamp}"));
    lines.push(format!("DTSTART;TZID=Asia/Tokyo:{dtstart}"));
    // A stay too short for a 5-minute window is published as one moment: RFC 5545 then wants
    // no DTEND (it must be later than DTSTART).
    if until > from {
        lines.push(format!("DTEND;TZID=Asia/Tokyo:{dtend}"));
    }
    recurrence(lines, group, &days, first, from, cal)?;
    lines.push(format!(
        "SUMMARY:{}",
        text(&format!(
            "{}{}",
            lang.pick("Mobile shop: ", "移動販売 "),
            s.label()
        ))
    ));
    let address = info.addresses.get(&s.id).map(String::as_str);
    lines.push(format!("LOCATION:{}", text(address.unwrap_or(s.label()))));
    if let Some(l) = s.location {
        lines.push(format!("GEO:{:.6};{:.6}", l.lat, l.lon));
    }
    lines.push(format!("DESCRIPTION:{}", text(&description)));
    lines.push("END:VEVENT".into());
    Some(())
}

/// The weekly rule up to the calendar's last day and the skipped days (holidays, the year-end
/// break) that fall on the group's weekdays, at the event's own time as RFC 5545 matches them.
fn recurrence(
    lines: &mut Vec<String>,
    group: &[StopVisit],
    days: &[&str],
    first: NaiveDate,
    from: f64,
    cal: &Series,
) -> Option<()> {
    // With a local DTSTART, RFC 5545 wants UNTIL in UTC: the last day's end in Japan time.
    lines.push(format!(
        "RRULE:FREQ=WEEKLY;BYDAY={};UNTIL={}T145959Z",
        days.join(","),
        ymd(cal.last)?
    ));
    let weekdays: Vec<u32> = group.iter().map(|v| u32::from(v.day)).collect();
    for skip in cal.skip.iter().filter(|d| **d >= first) {
        if weekdays.contains(&skip.weekday().num_days_from_monday()) {
            lines.push(format!("EXDATE;TZID=Asia/Tokyo:{}", local(*skip, from)?));
        }
    }
    Some(())
}

/// A stop's visits grouped by truck and published window: one recurring event each.
fn same_time_groups(visits: &[StopVisit]) -> Vec<Vec<StopVisit>> {
    let mut groups: Vec<Vec<StopVisit>> = Vec::new();
    for v in visits {
        let key = |x: &StopVisit| {
            let (from, until) = published(x.arrive, x.depart);
            (x.truck, from as i64, until as i64)
        };
        match groups.iter_mut().find(|g| key(&g[0]) == key(v)) {
            Some(g) => g.push(*v),
            None => groups.push(vec![*v]),
        }
    }
    groups
}

/// The first date on or after `start` that falls on `day` (0 = Monday); `None` past the
/// calendar's last date.
fn next_weekday(start: NaiveDate, day: u8) -> Option<NaiveDate> {
    let from = start.weekday().num_days_from_monday();
    let ahead = (u32::from(day) % 7 + 7 - from) % 7;
    start.checked_add_days(Days::new(u64::from(ahead)))
}

/// `YYYYMMDDTHHMMSS` local time; `None` for a time that is not a finite, non-negative number
/// of minutes or a date without a four-digit year.
fn local(date: NaiveDate, minutes: f64) -> Option<String> {
    if !(minutes.is_finite() && (0.0..=1e9).contains(&minutes)) {
        return None;
    }
    let m = minutes.round() as u64;
    // A visit ending at midnight (or later) ends on the next day: hours run 00–23.
    let date = date.checked_add_days(Days::new(m / 1440))?;
    let m = m % 1440;
    Some(format!("{}T{:02}{:02}00", ymd(date)?, m / 60, m % 60))
}

/// `YYYYMMDD`, only for years 1 to 9999: chrono would write a sign and more digits, which no
/// calendar reads.
fn ymd(date: NaiveDate) -> Option<String> {
    (1..=9999)
        .contains(&date.year())
        .then(|| date.format("%Y%m%d").to_string())
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c if is_bidi_control(c) => out.push(BIDI_SHOWN),
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets (never inside a UTF-8 character), CRLF-ended.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_japanese_lines_fold_on_character_boundaries() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "移動販売".repeat(10)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded.trim_end(),
            format!("SUMMARY:{}", "移動販売".repeat(10))
        );
    }

    #[test]
    fn text_is_escaped_and_dates_land_on_the_weekday() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(next_weekday(wed, 2), Some(wed));
        assert_eq!(next_weekday(wed, 1), NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(local(wed, 630.0).unwrap(), "20261125T103000");
        assert_eq!(local(wed, 1440.0).unwrap(), "20261126T000000");
    }

    #[test]
    fn dates_past_four_digit_years_are_none_never_a_panic() {
        let last = NaiveDate::MAX;
        assert_eq!(next_weekday(last, 6).and_then(|d| local(d, 600.0)), None);
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        assert_eq!(local(end, 1440.0), None);
        assert_eq!(local(end, f64::NAN), None);
        assert_eq!(local(end, -1.0), None);
        assert_eq!(ymd(NaiveDate::MIN), None);
        let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(local(wed, 1e300), None);
    }
}
