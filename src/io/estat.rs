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

use super::text::{
    describe, half_width, parse_number, parse_records, trim, Record, SourceText, MAX_VALUE,
};
use crate::error::{Error, Location, Result};
use crate::model::MeshCode;
use crate::model::{Demand, DemandColumn, DemandFormat, LatLon, MeshSummary};
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

struct Row {
    line: u64,
    code: MeshCode,
    secrecy: u8,
    target: Option<String>,
    members: Vec<String>,
    values: Vec<Option<f64>>,
}

/// Reads an e-Stat mesh table into demand points with summary counts of secrecy treatment.
pub fn read_estat(src: &SourceText) -> Result<Demand> {
    let records = parse_records(src)?;
    let name = src.name.as_str();
    let Some(head) = records.first() else {
        return Err(Error::input(
            Location::at(name, 1, None),
            "the e-Stat header row",
            "an empty file",
        ));
    };
    let find = |col: &str| head.fields.iter().position(|h| h.eq_ignore_ascii_case(col));
    let mut fixed = [0usize; 4];
    for (slot, col) in fixed
        .iter_mut()
        .zip(["KEY_CODE", "HTKSYORI", "HTKSAKI", "GASSAN"])
    {
        *slot = find(col).ok_or_else(|| {
            Error::input(
                Location::at(name, head.line, None),
                format!("e-Stat column `{col}`"),
                "a header without it",
            )
        })?;
    }
    let [key, secrecy, target, gassan] = fixed;
    let labels = match records.get(1) {
        Some(r) if r.fields.get(key).is_some_and(|f| f.is_empty()) => r,
        // Too short to reach KEY_CODE (which need not be the first column): a cut-short row,
        // not a label to describe.
        Some(r) if r.fields.len() <= key => return Err(field_count(name, r, head.fields.len())),
        Some(r) => {
            return Err(Error::input(
                Location::at(name, r.line, Some(key + 1)),
                "the e-Stat label row (second header row, empty under KEY_CODE)",
                describe(&r.fields[key]),
            ))
        }
        None => {
            return Err(Error::input(
                Location::at(name, head.line + 1, None),
                "the e-Stat label row",
                "the end of the file",
            ))
        }
    };
    let width = head.fields.len();
    if labels.fields.len() != width {
        return Err(field_count(name, labels, width));
    }
    let value_cols: Vec<usize> = (0..width).filter(|c| !fixed.contains(c)).collect();
    let names: Vec<String> = value_cols
        .iter()
        .map(|&c| column_name(&head.fields[c], &labels.fields[c]))
        .collect();
    let Some(pop) = names.iter().position(|n| n == "population") else {
        return Err(Error::input(
            Location::at(name, labels.line, None),
            "a column labelled 人口（総数） (total population)",
            "none",
        ));
    };
    let data = &records[2..];
    if data.is_empty() {
        return Err(Error::input(
            Location::at(name, labels.line + 1, None),
            "at least one mesh row after the two header rows",
            "no data rows",
        ));
    }
    let mut rows = Vec::with_capacity(data.len());
    let mut index: HashMap<String, usize> = HashMap::with_capacity(data.len());
    for rec in data {
        if rec.fields.len() != width {
            return Err(field_count(name, rec, width));
        }
        let at = |c: usize| Location::at(name, rec.line, Some(c + 1));
        let code_text = &rec.fields[key];
        let code = MeshCode::parse(code_text)
            .map_err(|e| Error::input(at(key), e.to_string(), describe(code_text)))?;
        let secrecy_value = match rec.fields[secrecy].as_str() {
            "0" => 0,
            "1" => 1,
            "2" => 2,
            other => {
                return Err(Error::input(
                    at(secrecy),
                    "HTKSYORI 0, 1 or 2",
                    describe(other),
                ))
            }
        };
        let mut values = Vec::with_capacity(value_cols.len());
        for &c in &value_cols {
            let t = rec.fields[c].as_str();
            if t == "*" {
                if secrecy_value != 2 {
                    return Err(Error::input(
                        at(c),
                        "a number (`*` only appears in suppressed cells, HTKSYORI = 2)",
                        "`*`",
                    ));
                }
                values.push(None);
                continue;
            }
            match parse_number(t) {
                Some(v) if (0.0..=MAX_VALUE).contains(&v) => values.push(Some(v)),
                _ => {
                    return Err(Error::input(
                        at(c),
                        format!("a count of zero or more in column `{}`", head.fields[c]),
                        describe(t),
                    ))
                }
            }
        }
        if values[pop].is_none() {
            return Err(Error::input(
                at(value_cols[pop]),
                "the cell's own population (never suppressed)",
                "`*`",
            ));
        }
        let target_code = Some(trim(&rec.fields[target]).to_string()).filter(|t| !t.is_empty());
        if secrecy_value == 2 && target_code.is_none() {
            return Err(Error::input(
                at(target),
                "the merge target in HTKSAKI of a suppressed cell",
                "an empty cell",
            ));
        }
        let members: Vec<String> = rec.fields[gassan]
            .split(';')
            .map(|m| trim(m).to_string())
            .filter(|m| !m.is_empty())
            .collect();
        if let Some(dup) = members
            .iter()
            .enumerate()
            .find(|(i, m)| members[..*i].contains(m))
        {
            return Err(Error::input(
                at(gassan),
                "each merged cell once in GASSAN",
                format!("`{}` twice", dup.1),
            ));
        }
        if secrecy_value == 0 && (target_code.is_some() || !members.is_empty()) {
            let col = if target_code.is_some() {
                target
            } else {
                gassan
            };
            return Err(Error::input(
                at(col),
                "HTKSAKI and GASSAN empty on a published cell (HTKSYORI = 0)",
                describe(&rec.fields[col]),
            ));
        }
        if let Some(first) = rows
            .first()
            .filter(|f: &&Row| f.code.digits() != code.digits())
        {
            return Err(Error::input(
                at(key),
                format!(
                    "mesh codes of one level ({} digits, as on line {})",
                    first.code.digits(),
                    first.line
                ),
                describe(code_text),
            ));
        }
        if secrecy_value == 1 && members.is_empty() {
            return Err(Error::input(
                at(gassan),
                "the merged cells in GASSAN of a merge target",
                "an empty cell",
            ));
        }
        if let Some(first) = index.insert(code.to_string(), rows.len()) {
            return Err(Error::input(
                at(key),
                "each mesh code once",
                format!("`{code}` again (first on line {})", data[first].line),
            ));
        }
        rows.push(Row {
            line: rec.line,
            code,
            secrecy: secrecy_value,
            target: target_code,
            members,
            values,
        });
    }
    let cols = GroupColumns {
        pop,
        gassan,
        target,
        file_col: &|c| value_cols[c] + 1,
    };
    let summary = allocate_groups(name, &mut rows, &index, &cols)?;
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
    Ok(demand)
}

fn field_count(name: &str, rec: &Record, width: usize) -> Error {
    Error::input(
        Location::at(name, rec.line, None),
        format!("{width} fields as in the header"),
        format!("{} fields (is the file cut short?)", rec.fields.len()),
    )
}

/// Positions the group allocation needs: the population value column and the file columns of
/// `GASSAN` and `HTKSAKI` (for messages), and a map from value column to file column.
#[derive(Clone, Copy)]
struct GroupColumns<'a> {
    pop: usize,
    gassan: usize,
    target: usize,
    file_col: &'a dyn Fn(usize) -> usize,
}

/// Checks every merge group is whole and replaces `*` by each cell's population share of the
/// group's value.
fn allocate_groups(
    name: &str,
    rows: &mut [Row],
    index: &HashMap<String, usize>,
    cols: &GroupColumns,
) -> Result<MeshSummary> {
    let GroupColumns {
        pop,
        gassan,
        target,
        file_col,
    } = *cols;
    // A breakdown column is one that suppressed cells leave to their target (`*`); every
    // suppressed cell must do so in every breakdown column, or its own number would be counted
    // twice (once in the cell, once in the target's group value).
    let width = rows.first().map_or(0, |r| r.values.len());
    let breakdown: Vec<bool> = (0..width)
        .map(|c| rows.iter().any(|r| r.secrecy == 2 && r.values[c].is_none()))
        .collect();
    for r in rows.iter().filter(|r| r.secrecy == 2) {
        if let Some(c) = (0..width).find(|&c| breakdown[c] && r.values[c].is_some()) {
            return Err(Error::input(
                Location::at(name, r.line, Some(file_col(c))),
                "`*` as in the other suppressed cells (HTKSYORI = 2) in this column",
                "a number",
            ));
        }
    }
    let mut summary = MeshSummary::default();
    for i in 0..rows.len() {
        match rows[i].secrecy {
            0 => summary.published_cells += 1,
            2 => {
                summary.suppressed_cells += 1;
                let t = rows[i].target.as_deref().unwrap_or_default();
                let ok = index.get(t).is_some_and(|&j| {
                    rows[j].secrecy == 1
                        && rows[j]
                            .members
                            .iter()
                            .any(|m| *m == rows[i].code.to_string())
                });
                if !ok {
                    return Err(Error::input(
                        Location::at(name, rows[i].line, Some(target + 1)),
                        "a merge target (HTKSYORI = 1) in this file that lists this cell in GASSAN",
                        format!("`{t}` (is the file cut short?)"),
                    ));
                }
            }
            _ => summary.merge_targets += 1,
        }
    }
    for t in 0..rows.len() {
        if rows[t].secrecy != 1 {
            continue;
        }
        let mut group = vec![t];
        for m in &rows[t].members {
            match index.get(m) {
                Some(&j) if rows[j].secrecy == 2 && rows[j].target.as_deref() == Some(&rows[t].code.to_string()) => {
                    group.push(j)
                }
                _ => {
                    return Err(Error::input(
                        Location::at(name, rows[t].line, Some(gassan + 1)),
                        format!("suppressed cell {m} (listed in GASSAN) in this file, merged into this cell"),
                        "no such row (is the file cut short?)",
                    ))
                }
            }
        }
        let pops: Vec<f64> = group
            .iter()
            .map(|&g| rows[g].values[pop].unwrap_or(0.0))
            .collect();
        let total: f64 = pops.iter().sum();
        for c in (0..rows[t].values.len()).filter(|&c| breakdown[c]) {
            let value = rows[t].values[c].expect("targets have no `*` (checked when read)");
            for (&g, &p) in group.iter().zip(&pops) {
                let share = if total > 0.0 {
                    p / total
                } else {
                    1.0 / group.len() as f64
                };
                rows[g].values[c] = Some(value * share);
            }
        }
    }
    Ok(summary)
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
