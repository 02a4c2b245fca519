//! A travel-time matrix from a road-network tool: `from,to,minutes` and optional `km`.
//!
//! Straight lines stretched by a detour factor are a fair first guess; a council that has a
//! road network (OSRM, Valhalla, ArcGIS) should be able to replace it. The file lists ordered
//! pairs because one-way streets and hills make "there" and "back" differ; every pair the plan
//! may drive must be present, since guessing a missing one would hide a mistake.

use super::text::{describe, Cells, SourceText, Table};
use crate::error::{Error, Location, Result};
use crate::model::{Travel, TravelSource, TravelTimes};
use std::collections::HashMap;

/// The longest leg accepted (a week); anything above is a unit mistake (seconds for minutes).
const MAX_MINUTES: f64 = 7.0 * 24.0 * 60.0;
/// The longest leg in kilometres accepted.
const MAX_KM: f64 = 10_000.0;

/// Reads the matrix for `places` (the depot first, then the stops, by id). `known` says
/// whether an id that is not one of `places` is still a real place (another candidate, a
/// shop): such rows are allowed and skipped; any other id is a typo and an error.
pub fn read_travel_matrix(
    src: &SourceText,
    places: &[&str],
    known: &dyn Fn(&str) -> bool,
) -> Result<Travel> {
    let table = Table::parse(src, super::columns::TRAVEL)?;
    let cols = Columns {
        from: table.require("from", "the id the leg starts at")?,
        to: table.require("to", "the id the leg ends at")?,
        minutes: table.require("minutes", "driving minutes of the leg")?,
        km: table.column("km"),
    };
    table.require_rows("legs")?;
    // An id may stand for two places (a depot that is also a stop): rows fill both.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, &p) in places.iter().enumerate() {
        index.entry(p).or_default().push(i);
    }
    let n = places.len();
    let mut min = vec![f64::NAN; n * n];
    let mut km = vec![f64::NAN; n * n];
    let mut line_of: HashMap<(String, String), u64> = HashMap::new();
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let leg = read_leg(&cells, &cols, &index, known)?;
        let pair = (
            cells.text(cols.from).to_string(),
            cells.text(cols.to).to_string(),
        );
        if let Some(first) = line_of.insert(pair.clone(), cells.line()) {
            return Err(cells.error(
                cols.from,
                "one row per pair",
                format!("`{}` to `{}` again (first on line {first})", pair.0, pair.1),
            ));
        }
        for &a in leg.ends[0] {
            for &b in leg.ends[1] {
                min[a * n + b] = leg.minutes;
                km[a * n + b] = leg.km;
            }
        }
    }
    // The same id twice is the same place: no driving, no row needed.
    let same = |a: usize, b: usize| a == b || places[a] == places[b];
    check_complete(src, places, &min, &same)?;
    let get = |v: &[f64], a: usize, b: usize| if same(a, b) { 0.0 } else { v[a * n + b] };
    Ok(Travel {
        minutes: TravelTimes::from_fn(n, |a, b| get(&min, a, b)),
        km: cols
            .km
            .map(|_| TravelTimes::from_fn(n, |a, b| get(&km, a, b))),
        source: TravelSource::Matrix {
            file: src.name.clone(),
        },
    })
}

/// The columns of a travel matrix file.
struct Columns {
    from: usize,
    to: usize,
    minutes: usize,
    km: Option<usize>,
}

/// One row: the places it fills (none for a known place outside the plan) and its values.
struct Leg<'a> {
    ends: [&'a [usize]; 2],
    minutes: f64,
    /// Kilometres, NaN without a `km` column.
    km: f64,
}

/// Reads one row's ids, minutes and kilometres, each checked.
fn read_leg<'a>(
    cells: &Cells,
    cols: &Columns,
    index: &'a HashMap<&str, Vec<usize>>,
    known: &dyn Fn(&str) -> bool,
) -> Result<Leg<'a>> {
    let mut ends: [&[usize]; 2] = [&[], &[]];
    for (k, col) in [cols.from, cols.to].into_iter().enumerate() {
        let id = cells.id(col)?;
        match index.get(id.as_str()) {
            Some(i) => ends[k] = i,
            None if known(&id) => {}
            None => {
                return Err(cells.error(
                    col,
                    "the depot, a stop or another candidate id",
                    describe(&id),
                ))
            }
        }
    }
    let minutes = cells.number(cols.minutes)?;
    if !(0.0..=MAX_MINUTES).contains(&minutes) {
        return Err(cells.error(
            cols.minutes,
            format!("driving minutes from 0 to {MAX_MINUTES}"),
            describe(cells.text(cols.minutes)),
        ));
    }
    let km = match cols.km {
        Some(c) => {
            let v = cells.number(c)?;
            if !(0.0..=MAX_KM).contains(&v) {
                return Err(cells.error(
                    c,
                    format!("kilometres from 0 to {MAX_KM}"),
                    describe(cells.text(c)),
                ));
            }
            v
        }
        None => f64::NAN,
    };
    Ok(Leg { ends, minutes, km })
}

/// Fails on the first ordered pair of distinct places without a row: a guessed leg would
/// hide a mistake.
fn check_complete(
    src: &SourceText,
    places: &[&str],
    min: &[f64],
    same: &dyn Fn(usize, usize) -> bool,
) -> Result<()> {
    let n = places.len();
    for a in 0..n {
        for b in 0..n {
            if !same(a, b) && min[a * n + b].is_nan() {
                return Err(Error::input(
                    Location::file(&src.name),
                    format!(
                        "a row `{},{},MINUTES` (every ordered pair of the depot and the stops, \
                         both directions)",
                        places[a], places[b]
                    ),
                    "no such row",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText::utf8("m.csv", text)
    }

    fn read(text: &str) -> Result<Travel> {
        read_travel_matrix(&src(text), &["d", "a"], &|id| id == "other")
    }

    #[test]
    fn reads_both_directions_and_kilometres() {
        let t = read("from,to,minutes,km\nd,a,5,2\na,d,7,2.5\nd,other,1,1\n").unwrap();
        assert_eq!(t.minutes.get(0, 1), 5.0);
        assert_eq!(t.minutes.get(1, 0), 7.0);
        assert_eq!(t.km.unwrap().get(1, 0), 2.5);
    }

    #[test]
    fn a_depot_that_is_also_a_stop_needs_no_row_to_itself() {
        let t = read_travel_matrix(
            &src("from,to,minutes\nd,a,5\na,d,7\n"),
            &["d", "a", "d"],
            &|_| false,
        )
        .unwrap();
        assert_eq!(t.minutes.get(0, 2), 0.0);
        assert_eq!(t.minutes.get(2, 1), 5.0);
        assert_eq!(t.minutes.get(1, 2), 7.0);
    }

    #[test]
    fn bad_matrices_name_the_cell() {
        let cases = [
            (
                "from,to,minutes\nd,a,5\n",
                "m.csv: expected a row `a,d,MINUTES`",
            ),
            (
                "from,to,minutes\nd,a,-5\na,d,5\n",
                "m.csv:2:3: expected driving minutes",
            ),
            (
                "from,to,minutes\nd,x,5\na,d,5\n",
                "m.csv:2:2: expected the depot, a stop",
            ),
            (
                "from,to,minutes\nd,a,5\nd,a,6\n",
                "m.csv:3:1: expected one row per pair",
            ),
            ("from,to\nd,a\n", "m.csv:1: expected a column `minutes`"),
            (
                "from,to,minutes,km\nd,a,5,\na,d,5,1\n",
                "m.csv:2:4: expected a number",
            ),
            ("from,to,minutes\n", "m.csv:2: expected at least one row"),
        ];
        for (text, want) in cases {
            let err = read(text).map(|_| ()).unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }
}
