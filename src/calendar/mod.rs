//! The dates a printed timetable's calendar covers: its first and last day and the days
//! skipped (national holidays, the year-end break), so that a resident's phone neither shows
//! a visit on 成人の日 nor keeps showing visits after the leaflet has been replaced.

pub mod jp;

use crate::{Error, Param, Result};
use chrono::{Datelike, Days, NaiveDate};

/// The calendar's span: every event repeats weekly from `start` to `last` (both included),
/// except on the `skip` days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// First day a visit may fall on.
    pub start: NaiveDate,
    /// Last day a visit may fall on.
    pub last: NaiveDate,
    /// Days without visits, sorted, each once, all inside `start..=last`.
    pub skip: Vec<NaiveDate>,
}

/// How the calendar ends and what it skips, as given by the caller.
#[derive(Debug, Clone, Default)]
pub struct SeriesOptions {
    /// Last day, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// Weeks from the first day (used when `until` is not given).
    pub weeks: Option<u32>,
    /// Skip Japan's national holidays.
    pub holidays_jp: bool,
    /// Further days: `YYYY-MM-DD` or a range `YYYY-MM-DD..YYYY-MM-DD`.
    pub skip_dates: Vec<String>,
}

impl Series {
    /// The series from `start`, or why not; with the warnings to print (holidays asked for on
    /// dates the published list does not cover).
    pub fn new(start: NaiveDate, o: &SeriesOptions) -> Result<(Series, Vec<String>)> {
        let last = match (&o.until, o.weeks) {
            (Some(raw), _) => {
                let until = date(raw, Param::Until)?;
                if until > LAST_DAY {
                    return Err(Error::param(
                        Param::Until,
                        "a date by 9999-12-31 (a calendar's years have four digits)",
                        format!("`{raw}`"),
                    ));
                }
                if until < start {
                    return Err(Error::param(
                        Param::Until,
                        format!("a date on or after --start-date ({start})"),
                        format!("`{raw}`"),
                    ));
                }
                until
            }
            (None, Some(weeks)) => {
                if weeks == 0 {
                    return Err(Error::param(Param::Weeks, "at least 1 week", "0"));
                }
                weeks_on(start, weeks)
                    .filter(|d| *d <= LAST_DAY)
                    .ok_or_else(|| {
                        Error::param(
                            Param::Weeks,
                            "a series ending by 9999-12-31",
                            weeks.to_string(),
                        )
                    })?
            }
            // The default end was not asked for: a start late in 9999 ends on its last day.
            (None, None) => weeks_on(start, crate::defaults::CALENDAR_WEEKS)
                .map_or(LAST_DAY, |d| d.min(LAST_DAY)),
        };
        let mut skip = Vec::new();
        for raw in &o.skip_dates {
            skip.extend(skip_range(raw)?);
        }
        let mut warnings = Vec::new();
        if o.holidays_jp {
            skip.extend(
                jp::HOLIDAYS
                    .iter()
                    .filter_map(|&(y, m, d, _)| NaiveDate::from_ymd_opt(y, m, d)),
            );
            if last.year() > jp::LAST_YEAR || start.year() < jp::FIRST_YEAR {
                warnings.push(format!(
                    "warning: --holidays jp: Japan's national holidays are known for {}–{} only \
                     (Cabinet Office list); holidays before {} or after {} are not skipped",
                    jp::FIRST_YEAR,
                    jp::LAST_YEAR,
                    jp::FIRST_YEAR,
                    jp::LAST_YEAR
                ));
            }
        }
        skip.retain(|d| (start..=last).contains(d));
        skip.sort_unstable();
        skip.dedup();
        Ok((Series { start, last, skip }, warnings))
    }
}

/// The last day a calendar can write (its years have four digits).
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("9999-12-31 is a date"),
};

/// The last day of `weeks` weeks from `start`; `None` past chrono's dates.
fn weeks_on(start: NaiveDate, weeks: u32) -> Option<NaiveDate> {
    start.checked_add_days(Days::new(u64::from(weeks) * 7 - 1))
}

/// `YYYY-MM-DD`, or the flag named.
fn date(raw: &str, param: Param) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| Error::param(param, "a date as YYYY-MM-DD", format!("`{raw}`")))
}

/// One `--skip-dates` item: a date or `FROM..TO` (both included, at most a year long).
fn skip_range(raw: &str) -> Result<Vec<NaiveDate>> {
    let (from, to) = match raw.split_once("..") {
        Some((a, b)) => (date(a, Param::SkipDates)?, date(b, Param::SkipDates)?),
        None => {
            let d = date(raw, Param::SkipDates)?;
            (d, d)
        }
    };
    if to < from || (to - from).num_days() > 366 {
        return Err(Error::param(
            Param::SkipDates,
            "a date or a range FROM..TO with FROM on or before TO, at most a year long",
            format!("`{raw}`"),
        ));
    }
    Ok(from.iter_days().take_while(|d| *d <= to).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_until_and_skips_make_the_series() {
        let start = d("2027-01-04");
        let (s, w) = Series::new(start, &SeriesOptions::default()).unwrap();
        assert_eq!(s.last, d("2027-04-04"));
        assert!(w.is_empty() && s.skip.is_empty());
        let o = SeriesOptions {
            weeks: Some(4),
            holidays_jp: true,
            skip_dates: vec!["2027-01-05..2027-01-06".into(), "2026-12-31".into()],
            ..Default::default()
        };
        let (s, w) = Series::new(start, &o).unwrap();
        assert_eq!(s.last, d("2027-01-31"));
        assert_eq!(s.skip, [d("2027-01-05"), d("2027-01-06"), d("2027-01-11")]);
        assert!(w.is_empty());
        let late = SeriesOptions {
            until: Some("2028-01-10".into()),
            holidays_jp: true,
            ..Default::default()
        };
        let (_, w) = Series::new(start, &late).unwrap();
        assert!(w[0].contains("after 2027"), "{w:?}");
    }

    #[test]
    fn bad_ends_and_ranges_are_refused() {
        let start = d("2027-01-04");
        let until = |u: &str| SeriesOptions {
            until: Some(u.into()),
            ..Default::default()
        };
        assert!(Series::new(start, &until("2027-01-03")).is_err());
        assert!(Series::new(start, &until("2027-01-04")).is_ok());
        assert!(Series::new(start, &until("4/1/2027")).is_err());
        assert!(Series::new(start, &until("10000-01-01")).is_err());
        for bad in [
            "2027-01-03..2027-01-01",
            "2027-13-01",
            "2027-01-01..2029-01-01",
        ] {
            let o = SeriesOptions {
                skip_dates: vec![bad.into()],
                ..Default::default()
            };
            assert!(Series::new(start, &o).is_err(), "{bad}");
        }
        let zero = SeriesOptions {
            weeks: Some(0),
            ..Default::default()
        };
        assert!(Series::new(start, &zero).is_err());
        let late = d("9999-12-24");
        let (s, _) = Series::new(late, &SeriesOptions::default()).unwrap();
        assert_eq!(
            s.last, LAST_DAY,
            "the default end stops at the last writable day"
        );
        let asked = SeriesOptions {
            weeks: Some(2),
            ..Default::default()
        };
        assert!(
            Series::new(late, &asked).is_err(),
            "an asked end past 9999 is refused"
        );
    }
}
