//! `route --leaflet FILE`: the residents' printable timetable, its format chosen by the file's
//! extension and refused before any work when the extension names none.

use mobile_stops::report::{route_leaflet, Lang, LeafletFormat, RouteInfo};
use mobile_stops::route::{RouteProblem, WeekPlan};
use mobile_stops::{Error, Param};
use std::path::{Path, PathBuf};

/// The format of each `--leaflet` file, or exit 2 naming the flag and the file.
pub fn formats(paths: &[PathBuf]) -> Result<Vec<LeafletFormat>, Error> {
    paths
        .iter()
        .map(|path| {
            LeafletFormat::from_path(path).ok_or_else(|| {
                Error::param(
                    Param::Leaflet,
                    "a file name ending in .html (a page to print) or .csv (a spreadsheet)",
                    format!("`{}`", path.display()),
                )
            })
        })
        .collect()
}

/// `--out` and every `--leaflet` as the output checks name them, so a leaflet can neither
/// replace an input nor another output.
pub fn outputs<'a>(
    out: Option<&'a Path>,
    leaflets: &'a [PathBuf],
) -> Vec<(&'static str, Option<&'a Path>)> {
    let mut all = vec![("--out", out)];
    all.extend(leaflets.iter().map(|p| ("--leaflet", Some(p.as_path()))));
    all
}

/// Renders every leaflet, then writes each (a file is replaced only when complete).
pub fn write(
    paths: &[PathBuf],
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
) -> Result<(), Error> {
    let rendered: Vec<Vec<u8>> = formats(paths)?
        .into_iter()
        .map(|format| route_leaflet(p, plan, info, lang, format))
        .collect();
    for (path, bytes) in paths.iter().zip(rendered) {
        super::output::write_atomic(path, &bytes)?;
    }
    Ok(())
}
