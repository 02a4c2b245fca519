//! `route --format ics` flags that shape the calendar: when its series ends, which days it
//! skips, and the folder of one calendar per stop a resident imports.

use clap::{Args, ValueEnum};
use mobile_stops::calendar::{Series, SeriesOptions};
use mobile_stops::model::Candidates;
use mobile_stops::report::{route_ics_per_stop, Lang, RouteInfo};
use mobile_stops::route::{RouteProblem, WeekPlan};
use mobile_stops::{Error, Param};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Whose public holidays `--holidays` skips.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidaysArg {
    /// Japan's national holidays (Cabinet Office list).
    Jp,
}

/// The calendar's end, skipped days and per-stop files (all need `--format ics`).
#[derive(Args, Debug)]
pub struct CalendarArgs {
    /// Last day of the calendar, YYYY-MM-DD (default: 13 weeks from --start-date).
    #[arg(long, value_name = "DATE", conflicts_with = "weeks")]
    pub until: Option<String>,
    /// Weeks the calendar runs from --start-date (default 13, a quarter).
    #[arg(long, value_name = "N")]
    pub weeks: Option<u32>,
    /// Skip public holidays: `jp` (Japan's national holidays as the Cabinet Office lists them;
    /// known for 2026–2027; a series outside them warns).
    #[arg(long, value_enum, value_name = "COUNTRY")]
    pub holidays: Option<HolidaysArg>,
    /// Further days without visits: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated.
    #[arg(long, value_name = "DATE,..", value_delimiter = ',')]
    pub skip_dates: Vec<String>,
    /// Also write one calendar per stop into DIR (`<stop id>.ics`, only that stop's visits).
    #[arg(long, value_name = "DIR")]
    pub ics_dir: Option<PathBuf>,
}

impl CalendarArgs {
    /// The first flag given, for refusing them all outside `--format ics`.
    pub fn first_given(&self) -> Option<Param> {
        [
            (self.until.is_some(), Param::Until),
            (self.weeks.is_some(), Param::Weeks),
            (self.holidays.is_some(), Param::Holidays),
            (!self.skip_dates.is_empty(), Param::SkipDates),
            (self.ics_dir.is_some(), Param::IcsDir),
        ]
        .into_iter()
        .find_map(|(given, p)| given.then_some(p))
    }

    /// The series from `start`, warnings printed; `--ics-dir` refused when it is a file.
    pub fn series(&self, start: chrono::NaiveDate) -> Result<Series, Error> {
        if let Some(dir) = &self.ics_dir {
            if dir.exists() && !dir.is_dir() {
                return Err(Error::param(
                    Param::IcsDir,
                    "a folder (or a path where one can be made)",
                    format!("`{}`, a file", dir.display()),
                ));
            }
        }
        let options = SeriesOptions {
            until: self.until.clone(),
            weeks: self.weeks,
            holidays_jp: self.holidays == Some(HolidaysArg::Jp),
            skip_dates: self.skip_dates.clone(),
        };
        let (series, warnings) = Series::new(start, &options)?;
        for w in warnings {
            eprintln!("mobile-stops: {w}");
        }
        Ok(series)
    }
}

/// Each candidate's `address` (or `住所`) column by id, when the file has one.
pub fn addresses(candidates: &Candidates) -> BTreeMap<String, String> {
    let Some(col) = candidates
        .extra_columns
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case("address") || c.trim() == "住所")
    else {
        return BTreeMap::new();
    };
    candidates
        .sites
        .iter()
        .filter_map(|c| {
            let a = c.extra.get(col)?.trim();
            (!a.is_empty()).then(|| (c.id.clone(), a.to_string()))
        })
        .collect()
}

/// Writes one calendar per visited stop into `dir`, each replaced only when complete.
pub fn write_ics_dir(
    dir: &Path,
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
) -> Result<(), Error> {
    let files = route_ics_per_stop(p, plan, info, lang).ok_or_else(|| {
        Error::param(
            Param::StartDate,
            "a date the calendar can write",
            "out of range",
        )
    })?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(dir.display().to_string(), "creating", e))?;
    let mut used = std::collections::BTreeSet::new();
    for (id, text) in files {
        let mut name = file_stem(&id);
        let base = name.clone();
        let mut n = 2;
        while !used.insert(name.to_lowercase()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        super::output::write_atomic(&dir.join(format!("{name}.ics")), text.as_bytes())?;
    }
    Ok(())
}

/// A file name from a stop id: letters, digits (any script), `-` and `_` kept, anything else
/// (a slash, a dot, a space) made `_`, so an id cannot leave the folder or hide the file.
fn file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if s.is_empty() {
        "stop".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn stems_stay_inside_the_folder() {
        assert_eq!(file_stem("../etc/passwd"), "___etc_passwd");
        assert_eq!(file_stem("日枝神社-1"), "日枝神社-1");
        assert_eq!(file_stem(""), "stop");
    }
}
