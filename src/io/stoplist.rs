//! The stops to route: a `solve --format json` result, or a CSV with an `id` column.
//!
//! Councils often edit the list by hand after a solve (swap a stop the landowner refused), so
//! both the solver's own output and a hand-made CSV are accepted; either way every id is kept
//! with where it was read, so an unknown id can be pointed at.

mod json;

use super::text::{describe, trim, SourceText, Table};
use crate::error::{Error, Location, Result};
use std::collections::HashMap;

/// One stop as listed in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedStop {
    /// The id as written.
    pub id: String,
    /// Where it was read (for "unknown id" messages).
    pub at: Location,
    /// Visits per week from the file's own column, when asked for and present.
    pub visits: Option<u8>,
    /// The row's other cells (a CSV's columns besides `id` and the visits column), for the
    /// stop's own rules and for naming the columns nothing reads.
    pub cells: Vec<ListedCell>,
}

/// One cell of a stop list beyond its id.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedCell {
    /// The header as written.
    pub column: String,
    /// The English name of the field it holds (`window`, `service_min`, `days`,
    /// `visits_per_week`), if it holds one.
    pub field: Option<&'static str>,
    /// The text, trimmed.
    pub text: String,
    /// Where it was read.
    pub at: Location,
}

/// Reads a stop list; `visits_column` is read from a CSV that has it (1 or 2 per row).
pub fn read_stop_list(src: &SourceText, visits_column: Option<&str>) -> Result<Vec<ListedStop>> {
    let stops = if src.text.trim_start().starts_with('{') {
        read_json(src)?
    } else {
        read_csv(src, visits_column)?
    };
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    for s in &stops {
        if let Some(first) = seen.insert(&s.id, &s.at) {
            return Err(Error::input(
                s.at.clone(),
                "each stop once",
                format!("`{}` again (first at {first})", s.id),
            ));
        }
    }
    Ok(stops)
}

fn read_csv(src: &SourceText, visits_column: Option<&str>) -> Result<Vec<ListedStop>> {
    let table = Table::parse(src, super::columns::STOPS)?;
    let id = table.require("id", "the stop's candidate id")?;
    let visits = visits_column.and_then(|c| table.column(c));
    table.require_rows("stops")?;
    let mut out = Vec::with_capacity(table.records.len());
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let v = match visits {
            Some(c) => Some(visits_cell(&cells, c)?),
            None => None,
        };
        let others = (0..table.header.len())
            .filter(|&c| c != id && Some(c) != visits)
            .map(|c| ListedCell {
                column: table.header[c].clone(),
                field: table.field(c),
                text: trim(cells.text(c)).to_string(),
                at: Location::at(&src.name, rec.line, Some(c + 1)),
            })
            .collect();
        out.push(ListedStop {
            id: cells.id(id)?,
            at: Location::at(&src.name, rec.line, Some(id + 1)),
            visits: v,
            cells: others,
        });
    }
    Ok(out)
}

/// A visits-per-week cell: 1 or 2.
pub fn visits_cell(cells: &super::text::Cells, col: usize) -> Result<u8> {
    let t = cells.text(col);
    match super::text::parse_number(t) {
        Some(v) if v == 1.0 || v == 2.0 => Ok(v as u8),
        _ => Err(cells.error(col, "1 or 2 visits per week", describe(t))),
    }
}

fn read_json(src: &SourceText) -> Result<Vec<ListedStop>> {
    let value = json::parse_strict(&src.text).map_err(|e| {
        Error::input(
            Location::at(&src.name, e.line() as u64, Some(e.column())),
            "a JSON solve result",
            e.to_string(),
        )
    })?;
    let whole = Location::file(&src.name);
    if value.get("status").and_then(|s| s.as_str()) == Some("infeasible") {
        return Err(Error::input(
            whole,
            "a solve result with a set of stops",
            "an infeasible result",
        ));
    }
    let Some(list) = value.get("stops").and_then(|s| s.as_array()) else {
        return Err(Error::input(
            whole,
            "a `stops` array of ids (the output of `solve --format json`)",
            "no `stops` array",
        ));
    };
    if list.is_empty() {
        return Err(Error::input(whole, "at least one stop", "an empty `stops`"));
    }
    // Where each id sits in the text, for messages: its first quoted occurrence after `"stops"`.
    let mut after = src.text.find("\"stops\"").unwrap_or(0);
    list.iter()
        .enumerate()
        .map(|(k, v)| {
            // The candidates CSV's id rule: trimmed, and not empty once trimmed.
            let id = v
                .as_str()
                .map(trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| {
                    Error::input(
                        whole.clone(),
                        format!("stops[{k}] to be an id string"),
                        describe(&v.to_string()),
                    )
                })?;
            let quoted = serde_json::Value::from(id).to_string();
            let at = match src.text[after..].find(&quoted) {
                Some(off) => {
                    let at = position(src, after + off);
                    after += off + quoted.len();
                    at
                }
                None => whole.clone(),
            };
            Ok(ListedStop {
                id: id.to_string(),
                at,
                visits: None,
                cells: Vec::new(),
            })
        })
        .collect()
}

/// Line and column (in characters, 1-based) of a byte offset.
fn position(src: &SourceText, offset: usize) -> Location {
    let before = &src.text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Location::at(&src.name, line, Some(col))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText::utf8("s", text)
    }

    #[test]
    fn reads_a_solve_result_with_positions() {
        let s = read_stop_list(
            &src("{\n  \"model\": \"mclp\",\n  \"stops\": [\n    \"a\",\n    \"b\"\n  ]\n}\n"),
            None,
        )
        .unwrap();
        assert_eq!(s[1].id, "b");
        assert_eq!(s[1].at, Location::at("s", 5, Some(5)));
    }

    #[test]
    fn reads_a_csv_with_visits() {
        let s = read_stop_list(&src("id,twice\na,1\nb,2\n"), Some("twice")).unwrap();
        assert_eq!(s[1].visits, Some(2));
        assert_eq!(s[0].at, Location::at("s", 2, Some(1)));
    }

    #[test]
    fn bad_lists_name_the_place() {
        let cases = [
            ("id,v\na,3\n", "s:2:2: expected 1 or 2 visits per week"),
            ("id\na\na\n", "s:3:1: expected each stop once"),
            ("name\na\n", "s:1: expected a column `id`"),
            ("{\"stops\": []}", "s: expected at least one stop"),
            (
                "{\"status\": \"infeasible\", \"stops\": []}",
                "s: expected a solve result",
            ),
            (
                "{\"stops\": [1]}",
                "s: expected stops[0] to be an id string",
            ),
            (
                "{\"stops\": [\"a\",]}",
                "s:1:16: expected a JSON solve result",
            ),
        ];
        for (text, want) in cases {
            let err = read_stop_list(&src(text), Some("v"))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }
}
