//! The week's rules as a person gives them ("10:00-16:00", "mon,wed", "2 visits"), checked and
//! turned into the planner's [`WeekRules`] before any file is opened.

use crate::defaults::{DAYS, DETOUR, SERVICE_MIN, SPEED_KMH, TRUCKS, VISITS_PER_WEEK, WINDOW};
use crate::error::{Error, Result};
use crate::network::NetworkSpec;
use crate::param::Param;
use crate::report::{ICS_FIRST_START, ICS_LAST_START};
use crate::route::{WeekRules, WeekShape, WEEKDAYS};
use chrono::{Datelike, Days, FixedOffset, NaiveDate, Utc};
use std::path::PathBuf;

/// How the week runs, as a planner states it.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekOptions {
    /// Where every run starts and ends: `LAT,LON` or a candidate or shop id.
    pub depot: Option<String>,
    /// Minutes the truck stands at each stop.
    pub service_min: f64,
    /// Leaving the depot and back by, `HH:MM-HH:MM`.
    pub window: String,
    /// Working weekdays (mon … sun, or 月 … 日).
    pub days: Vec<String>,
    /// `1`, `2`, or a column (of the stops CSV or the candidates file) with 1 or 2 per stop.
    pub visits_per_week: String,
    /// Average driving speed for straight-line travel.
    pub speed_kmh: f64,
    /// Road distance over straight-line distance.
    pub detour: f64,
    /// A travel-time matrix `from,to,minutes[,km]` replacing straight lines.
    pub travel_matrix: Option<PathBuf>,
    /// An OpenStreetMap extract whose streets give the drive times (the fastest drives, one-way
    /// streets along their sign) instead of straight lines; its profile is taken as driving.
    pub drive_network: Option<NetworkSpec>,
    /// Most stops one truck makes in a day.
    pub max_stops_per_day: Option<usize>,
    /// Trucks working each day (at most; `pack` sends as few as the rules allow).
    pub trucks: usize,
    /// A trucks file (`id,depot,window,days,max_stops_per_day,break`) replacing `trucks`.
    pub trucks_file: Option<PathBuf>,
    /// The break every truck takes, `HH:MM-HH:MM/MINUTES`.
    pub brk: Option<String>,
    /// A timetable this tool wrote (CSV or JSON) whose stops keep their days and times.
    pub pin: Option<PathBuf>,
    /// Fill as few truck-days as the rules allow (`pack`, the default) or keep the longest day
    /// short (`spread`).
    pub shape: WeekShape,
}

impl Default for WeekOptions {
    fn default() -> Self {
        WeekOptions {
            depot: None,
            service_min: SERVICE_MIN,
            window: WINDOW.to_string(),
            days: DAYS.split(',').map(str::to_string).collect(),
            visits_per_week: VISITS_PER_WEEK.to_string(),
            speed_kmh: SPEED_KMH,
            detour: DETOUR,
            travel_matrix: None,
            drive_network: None,
            max_stops_per_day: None,
            trucks: TRUCKS,
            trucks_file: None,
            brk: None,
            pin: None,
            shape: WeekShape::default(),
        }
    }
}

/// How many visits a week each stop gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Visits {
    /// The same for every stop (1 or 2).
    All(u8),
    /// Read per stop from this column.
    Column(String),
}

impl WeekOptions {
    /// Checks the options and returns the week's rules and how visits are counted.
    pub fn rules(&self) -> Result<(WeekRules, Visits)> {
        let (window_start, window_end) = parse_window(&self.window)?;
        self.check_numbers()?;
        let visits = match self.visits_per_week.trim() {
            "1" => Visits::All(1),
            "2" => Visits::All(2),
            c if c.is_empty() || c.parse::<f64>().is_ok() => {
                return Err(Error::param(
                    Param::VisitsPerWeek,
                    "1, 2 or a column name",
                    format!("`{c}`"),
                ))
            }
            c => Visits::Column(c.to_string()),
        };
        Ok((
            WeekRules {
                days: parse_days(&self.days)?,
                window_start,
                window_end,
                service_min: self.service_min,
                trucks: self.trucks,
                max_stops_per_day: self.max_stops_per_day,
                shape: self.shape,
                brk: self.checked_break(window_start, window_end)?,
                fleet: Vec::new(),
            },
            visits,
        ))
    }

    /// The `--break`, inside the window.
    fn checked_break(&self, start: f64, end: f64) -> Result<Option<crate::route::Break>> {
        let Some(raw) = &self.brk else {
            return Ok(None);
        };
        let b = super::stop_rules::parse_break(raw)
            .map_err(|why| Error::param(Param::Break, why, format!("`{raw}`")))?;
        if !super::trucks::break_fits(&b, (start, end)) {
            return Err(Error::param(
                Param::Break,
                "a break inside the window (--window)",
                format!("`{raw}`"),
            ));
        }
        Ok(Some(b))
    }

    fn check_numbers(&self) -> Result<()> {
        let bad = |param, expected: &str, found: String| Err(Error::param(param, expected, found));
        if !(self.service_min.is_finite() && self.service_min > 0.0 && self.service_min <= 600.0) {
            let found = format!("`{}`", self.service_min);
            return bad(
                Param::ServiceMin,
                "minutes greater than 0 and at most 600",
                found,
            );
        }
        if !(self.speed_kmh.is_finite() && self.speed_kmh > 0.0 && self.speed_kmh <= 200.0) {
            let found = format!("`{}`", self.speed_kmh);
            return bad(
                Param::SpeedKmh,
                "a speed greater than 0 and at most 200 km/h",
                found,
            );
        }
        if !(self.detour.is_finite() && (1.0..=5.0).contains(&self.detour)) {
            let found = format!("`{}`", self.detour);
            return bad(
                Param::Detour,
                "a factor from 1 (straight roads) to 5",
                found,
            );
        }
        if self.travel_matrix.is_some() && self.drive_network.is_some() {
            return bad(
                Param::Travel,
                "drive times from a travel matrix or from a street network, not both",
                "both".to_string(),
            );
        }
        if self.trucks == 0 || self.trucks > 50 {
            return bad(
                Param::Trucks,
                "1 to 50 trucks",
                format!("`{}`", self.trucks),
            );
        }
        match self.max_stops_per_day {
            Some(m) if m == 0 || m > 1000 => {
                bad(Param::MaxStopsPerDay, "1 to 1000 stops", format!("`{m}`"))
            }
            _ => Ok(()),
        }
    }
}

/// `HH:MM-HH:MM` (also with an en dash or 〜) into minutes after midnight.
pub fn parse_window(raw: &str) -> Result<(f64, f64)> {
    span(raw).map_err(|why| Error::param(Param::Window, why, format!("`{raw}`")))
}

/// `HH:MM-HH:MM` into minutes after midnight, or what was expected: the one reading of a time
/// span for the week's window, a stop's windows, a truck's hours and a break's span.
pub fn span(raw: &str) -> std::result::Result<(f64, f64), &'static str> {
    let shape = "a window as HH:MM-HH:MM, e.g. 10:00-16:00";
    let norm = raw.trim().replace(['–', '〜', '~', '～', '－'], "-");
    let (a, b) = norm.split_once('-').ok_or(shape)?;
    let (Some(start), Some(end)) = (clock_time(a), clock_time(b)) else {
        return Err(shape);
    };
    if end <= start {
        return Err("a window that ends after it starts");
    }
    Ok((start, end))
}

/// `HH:MM` (24:00 allowed) into minutes after midnight.
pub fn clock_time(t: &str) -> Option<f64> {
    let t = crate::io::text::half_width(t.trim());
    let (h, m) = t.split_once(':')?;
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !(digits(h) && digits(m)) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(f64::from(h * 60 + m))
}

/// One weekday name (English three letters or full, Japanese with or without 曜日) into
/// 0 = Monday.
pub fn weekday(raw: &str) -> Option<u8> {
    let t = raw.trim().to_lowercase();
    WEEKDAYS
        .iter()
        .position(|(en, ja)| {
            t.get(..3) == Some(en)
                && "monday tuesday wednesday thursday friday saturday sunday"
                    .split(' ')
                    .any(|full| full.starts_with(&t))
                || t == *ja
                || t == format!("{ja}曜")
                || t == format!("{ja}曜日")
        })
        .map(|d| d as u8)
}

/// A cell of weekdays (`mon,thu`, `月・木`, `Mon, Wed`; also separated by `、`, `/`, `，` or
/// spaces) in the order written, or `None` when a word is not a weekday or there is none: the
/// one reading of a stop's days, a truck's days and a pinned row's days.
pub fn weekday_list(raw: &str) -> Option<Vec<u8>> {
    let days: Option<Vec<u8>> = raw
        .split([',', '、', '・', '/', ' ', '，'])
        .filter(|t| !t.trim().is_empty())
        .map(weekday)
        .collect();
    days.filter(|d| !d.is_empty())
}

/// Weekday names (English three letters or full, Japanese) into 0 = Monday, ascending.
pub fn parse_days(raw: &[String]) -> Result<Vec<u8>> {
    let mut days = Vec::new();
    for r in raw {
        let (expected, found) = match weekday(r) {
            Some(d) if !days.contains(&d) => {
                days.push(d);
                continue;
            }
            Some(_) => ("each weekday once", format!("`{r}` twice")),
            None => ("weekdays such as mon,tue,wed or 月,火,水", format!("`{r}`")),
        };
        return Err(Error::param(Param::Days, expected, found));
    }
    if days.is_empty() {
        return Err(Error::param(Param::Days, "at least one weekday", "none"));
    }
    days.sort_unstable();
    Ok(days)
}

/// The first day of a calendar: `YYYY-MM-DD`, or the Monday on or after today in Japan, where
/// the timetable runs. A date the calendar cannot write its first week from (a year past 9999,
/// which iCalendar cannot spell, or before the calendar's time zone begins) is refused here,
/// before any file is read, rather than by the writer after the plan is made.
pub fn start_date(raw: Option<&str>) -> Result<NaiveDate> {
    match raw {
        Some(s) => {
            let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                Error::param(Param::StartDate, "a date as YYYY-MM-DD", format!("`{s}`"))
            })?;
            if !(ICS_FIRST_START..=ICS_LAST_START).contains(&date) {
                return Err(Error::param(
                    Param::StartDate,
                    format!(
                        "a date from {ICS_FIRST_START} (the calendar's time zone starts then) to \
                         {ICS_LAST_START} (its first week must end by 9999-12-31)"
                    ),
                    format!("`{s}`"),
                ));
            }
            Ok(date)
        }
        None => {
            let jst = FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset");
            let today = Utc::now().with_timezone(&jst).date_naive();
            let ahead = (7 - today.weekday().num_days_from_monday()) % 7;
            Ok(today + Days::new(u64::from(ahead)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_days_parse_or_say_why() {
        assert_eq!(parse_window("10:00-16:00").unwrap(), (600.0, 960.0));
        assert_eq!(parse_window("9:30〜24:00").unwrap(), (570.0, 1440.0));
        for bad in [
            "16:00-10:00",
            "10:00",
            "10-16",
            "25:00-26:00",
            "10:00-10:00",
        ] {
            assert!(parse_window(bad).is_err(), "{bad}");
        }
        let d = |v: &[&str]| parse_days(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(d(&["fri", "Mon", "水曜日"]).unwrap(), vec![0, 2, 4]);
        assert_eq!(d(&["tuesday", "木"]).unwrap(), vec![1, 3]);
        assert!(d(&["mon", "月"]).is_err());
        assert!(d(&["funday"]).is_err());
    }

    #[test]
    fn defaults_are_a_valid_week() {
        let (rules, visits) = WeekOptions::default().rules().unwrap();
        assert_eq!(rules.days, vec![0, 1, 2, 3, 4]);
        assert_eq!((rules.window_start, rules.window_end), (600.0, 960.0));
        assert_eq!(visits, Visits::All(1));
        // The documented default shape parses: a supermarket's packed week.
        assert_eq!(rules.shape, WeekShape::Pack);
        assert!(start_date(Some("2027-01-04")).is_ok());
        assert!(start_date(Some("04/01/2027")).is_err());
        for far in [
            "+262142-12-31",
            "9999-12-31",
            "9999-12-25",
            "0001-01-01",
            "1969-12-31",
        ] {
            assert!(start_date(Some(far)).is_err(), "{far}");
        }
        assert!(start_date(Some("9999-12-24")).is_ok());
        assert!(start_date(Some("1970-01-01")).is_ok());
    }
}
