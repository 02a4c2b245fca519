//! e-Stat census mesh tables (地域メッシュ統計), read as downloaded.
//!
//! The files have two header rows (column codes, then Japanese labels), `KEY_CODE` first, and
//! secrecy treatment in `HTKSYORI`: 0 published; 1 a merge target whose breakdown columns include
//! the cells listed in `GASSAN` (`;`-separated); 2 a suppressed cell merged into `HTKSAKI`, with
//! `*` in every breakdown column. Each cell becomes one demand point at its centre.
//!
//! A merged group's breakdown (e.g. aged 65+) is split over its member cells in proportion to
//! each cell's own population. Which columns are breakdowns is read from the data: a column is a
//! group breakdown in a group when its suppressed cells show `*` there. `*` anywhere else is an
//! error, never a zero.

mod groups;
mod header;
mod overlap;
mod rows;

pub(crate) use overlap::CellIndex;

use super::text::{half_width, parse_records, Record, SourceText};
use crate::error::{Error, Location, Result};
use crate::model::{Demand, DemandColumn, DemandFormat, LatLon, MeshSummary};
use groups::allocate_groups;
use header::read_header;
use rows::{read_row, Row};
use std::collections::HashMap;

/// Friendly names for the columns planners use, keyed by the normalised Japanese label, so the
/// same names come out of any census table and year that uses these labels.
const NAMED: [(&str, &str); 8] = [
    ("人口(総数)", "population"),
    ("65歳以上人口総数", "aged_65_plus"),
    ("75歳以上人口総数", "aged_75_plus"),
    ("85歳以上人口総数", "aged_85_plus"),
    ("世帯総数", "households"),
    (
        "65歳以上世帯員のいる世帯数一般世帯数",
        "households_with_65_plus",
    ),
    ("高齢単身世帯数一般世帯数", "elderly_single_households"),
    ("高齢夫婦世帯数一般世帯数", "elderly_couple_households"),
];

/// Whether a demand column name is one of the friendly census names (not a raw table code).
pub fn is_named_column(name: &str) -> bool {
    NAMED.iter().any(|(_, n)| *n == name)
}

/// Whether a text looks like an e-Stat mesh table (its first header cell is `KEY_CODE`).
pub fn is_estat(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .get(..8)
        .is_some_and(|h| h.eq_ignore_ascii_case("KEY_CODE"))
}

/// The names the reader gives to columns: a friendly name where the label is known, the code
/// (e.g. `T001142004`) otherwise.
pub fn column_name(code: &str, label: &str) -> String {
    let norm: String = half_width(label)
        .chars()
        .filter_map(|c| match c {
            '（' => Some('('),
            '）' => Some(')'),
            c if c.is_whitespace() || c == '\u{3000}' => None,
            c => Some(c),
        })
        .collect();
    NAMED
        .iter()
        .find(|(l, _)| *l == norm)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// Reads an e-Stat mesh table into demand points with summary counts of secrecy treatment.
pub fn read_estat(src: &SourceText) -> Result<Demand> {
    read_estat_cells(src).map(|(demand, _)| demand)
}

/// Where each demand point's row was read: its line, and the `KEY_CODE` column (0-based), so
/// a problem found across files ([`CellIndex`]) can point at the row.
pub(crate) struct CellRows {
    pub(crate) lines: Vec<u64>,
    pub(crate) key_col: usize,
}

/// [`read_estat`], with where each point's row is.
pub(crate) fn read_estat_cells(src: &SourceText) -> Result<(Demand, CellRows)> {
    let records = parse_records(src)?;
    let name = src.name.as_str();
    let h = read_header(name, &records)?;
    let data = records.iter().skip(2);
    if data.len() == 0 {
        return Err(Error::input(
            Location::at(name, h.labels_line + 1, None),
            "at least one mesh row after the two header rows",
            "no data rows",
        ));
    }
    let mut rows: Vec<Row> = Vec::with_capacity(data.len());
    let mut index: HashMap<String, usize> = HashMap::with_capacity(data.len());
    for (i, rec) in data.enumerate() {
        if i % super::text::CLOCK_EVERY == 0 {
            src.on_time(Some(rec.line))?;
        }
        let row = read_row(name, &h, &rec, rows.first())?;
        if let Some(first) = index.insert(row.code.to_string(), rows.len()) {
            return Err(Error::input(
                Location::at(name, rec.line, Some(h.key + 1)),
                "each mesh code once",
                format!("`{}` again (first on line {})", row.code, rows[first].line),
            ));
        }
        rows.push(row);
    }
    let summary = allocate_groups(name, &mut rows, &index, &h)?;
    let cells = CellRows {
        lines: rows.iter().map(|r| r.line).collect(),
        key_col: h.key,
    };
    Ok((demand_points(rows, h.names, summary), cells))
}

/// One demand point per mesh cell, at its centre, with the cell's corners as the footprint.
fn demand_points(rows: Vec<Row>, names: Vec<String>, summary: MeshSummary) -> Demand {
    let mut demand = Demand {
        ids: Vec::with_capacity(rows.len()),
        locations: Vec::with_capacity(rows.len()),
        columns: names
            .into_iter()
            .map(|n| DemandColumn {
                name: n,
                values: Vec::with_capacity(rows.len()),
            })
            .collect(),
        footprint: Vec::with_capacity(rows.len() * 4),
        format: DemandFormat::EstatMesh(summary),
    };
    for row in rows {
        demand.ids.push(row.code.to_string());
        let (lat, lon) = row.code.centre();
        demand.locations.push(LatLon::new(lat, lon));
        demand
            .footprint
            .extend(row.code.corners().map(|(la, lo)| LatLon::new(la, lo)));
        for (col, v) in demand.columns.iter_mut().zip(row.values) {
            col.values
                .push(v.expect("every `*` was replaced by its share"));
        }
    }
    demand
}

/// A row with another number of fields than the header: in an e-Stat download, a cut-short file.
fn field_count(name: &str, rec: &Record, width: usize) -> Error {
    Error::input(
        Location::at(name, rec.line, None),
        format!("{width} fields as in the header"),
        format!("{} fields (is the file cut short?)", rec.fields.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        let src = SourceText::decode("m.csv".into(), text.as_bytes()).unwrap();
        read_estat(&src).unwrap_err().to_string()
    }

    #[test]
    fn label_row_too_short_to_reach_key_code_is_a_field_count_error() {
        // Found by `cargo fuzz run data_readers`: with KEY_CODE not the first column, a second
        // row shorter than its position was indexed past its end (a panic, exit 1).
        assert_eq!(
            err("HTKSYORI,HTKSAKI,GASSAN,KEY_CODE\nl"),
            "m.csv:2: expected 4 fields as in the header, found 1 fields (is the file cut short?)"
        );
        // A label row that reaches KEY_CODE with something in it keeps its own message.
        assert!(err("HTKSYORI,HTKSAKI,GASSAN,KEY_CODE\n,,,x\n")
            .starts_with("m.csv:2:4: expected the e-Stat label row"));
    }
}
