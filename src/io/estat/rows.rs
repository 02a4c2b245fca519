//! One mesh row: its code, secrecy treatment, merge fields and values, each checked.

use super::field_count;
use super::header::Header;
use crate::error::{Error, Location, Result};
use crate::io::text::{describe, parse_number, trim, Record, MAX_VALUE};
use crate::model::MeshCode;

/// A checked mesh row; `None` values are the `*` of a suppressed cell, filled in later.
pub(super) struct Row {
    pub(super) line: u64,
    pub(super) code: MeshCode,
    pub(super) secrecy: u8,
    pub(super) target: Option<String>,
    pub(super) members: Vec<String>,
    pub(super) values: Vec<Option<f64>>,
}

/// Reads one data record; `first` is the first row read, whose mesh level every row shares.
pub(super) fn read_row(name: &str, h: &Header, rec: &Record, first: Option<&Row>) -> Result<Row> {
    if rec.fields.len() != h.width() {
        return Err(field_count(name, rec, h.width()));
    }
    let at = |c: usize| Location::at(name, rec.line, Some(c + 1));
    let code_text = &rec.fields[h.key];
    let code = MeshCode::parse(code_text)
        .map_err(|e| Error::input(at(h.key), e.to_string(), describe(code_text)))?;
    let secrecy = match &rec.fields[h.secrecy] {
        "0" => 0,
        "1" => 1,
        "2" => 2,
        other => {
            return Err(Error::input(
                at(h.secrecy),
                "HTKSYORI 0, 1 or 2",
                describe(other),
            ))
        }
    };
    let values = read_values(name, h, rec, secrecy)?;
    let (target, members) = merge_fields(name, h, rec, secrecy)?;
    if let Some(first) = first.filter(|f| f.code.digits() != code.digits()) {
        return Err(Error::input(
            at(h.key),
            format!(
                "mesh codes of one level ({} digits, as on line {})",
                first.code.digits(),
                first.line
            ),
            describe(code_text),
        ));
    }
    if secrecy == 1 && members.is_empty() {
        return Err(Error::input(
            at(h.gassan),
            "the merged cells in GASSAN of a merge target",
            "an empty cell",
        ));
    }
    Ok(Row {
        line: rec.line,
        code,
        secrecy,
        target,
        members,
        values,
    })
}

/// The value columns: counts, or `*` in a suppressed cell (never in its own population).
fn read_values(name: &str, h: &Header, rec: &Record, secrecy: u8) -> Result<Vec<Option<f64>>> {
    let at = |c: usize| Location::at(name, rec.line, Some(c + 1));
    let mut values = Vec::with_capacity(h.value_cols.len());
    for &c in &h.value_cols {
        let t = &rec.fields[c];
        if t == "*" {
            if secrecy != 2 {
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
                    format!("a count of zero or more in column `{}`", &h.codes[c]),
                    describe(t),
                ))
            }
        }
    }
    if values[h.pop].is_none() {
        return Err(Error::input(
            at(h.value_cols[h.pop]),
            "the cell's own population (never suppressed)",
            "`*`",
        ));
    }
    Ok(values)
}

/// `HTKSAKI` and `GASSAN`: a suppressed cell names its target, a published cell names
/// neither, and no merged cell is listed twice.
fn merge_fields(
    name: &str,
    h: &Header,
    rec: &Record,
    secrecy: u8,
) -> Result<(Option<String>, Vec<String>)> {
    let at = |c: usize| Location::at(name, rec.line, Some(c + 1));
    let target = Some(trim(&rec.fields[h.target]).to_string()).filter(|t| !t.is_empty());
    if secrecy == 2 && target.is_none() {
        return Err(Error::input(
            at(h.target),
            "the merge target in HTKSAKI of a suppressed cell",
            "an empty cell",
        ));
    }
    let members: Vec<String> = rec.fields[h.gassan]
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
            at(h.gassan),
            "each merged cell once in GASSAN",
            format!("`{}` twice", dup.1),
        ));
    }
    if secrecy == 0 && (target.is_some() || !members.is_empty()) {
        let col = if target.is_some() { h.target } else { h.gassan };
        return Err(Error::input(
            at(col),
            "HTKSAKI and GASSAN empty on a published cell (HTKSYORI = 0)",
            describe(&rec.fields[col]),
        ));
    }
    Ok((target, members))
}
