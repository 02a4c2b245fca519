//! The two e-Stat header rows: column codes, then Japanese labels.

use super::{column_name, field_count};
use crate::error::{Error, Location, Result};
use crate::io::text::{describe, Fields, Record, Records};

/// Where the fixed columns are and what each value column is called.
pub(super) struct Header<'a> {
    /// `KEY_CODE`: the mesh code.
    pub(super) key: usize,
    /// `HTKSYORI`: the secrecy treatment, 0, 1 or 2.
    pub(super) secrecy: usize,
    /// `HTKSAKI`: the merge target of a suppressed cell.
    pub(super) target: usize,
    /// `GASSAN`: the cells merged into a target.
    pub(super) gassan: usize,
    /// The first header row (column codes), for messages.
    pub(super) codes: Fields<'a>,
    /// File columns holding values, in file order.
    pub(super) value_cols: Vec<usize>,
    /// Demand column names of the value columns.
    pub(super) names: Vec<String>,
    /// Which value column is the total population.
    pub(super) pop: usize,
    /// Line of the label row.
    pub(super) labels_line: u64,
}

impl Header<'_> {
    /// Number of fields every row must have.
    pub(super) fn width(&self) -> usize {
        self.codes.len()
    }
}

/// Reads the header rows at the start of `records`.
pub(super) fn read_header<'a>(name: &str, records: &'a Records) -> Result<Header<'a>> {
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
    let labels = label_row(name, records, key)?;
    let width = head.fields.len();
    if labels.fields.len() != width {
        return Err(field_count(name, &labels, width));
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
    Ok(Header {
        key,
        secrecy,
        target,
        gassan,
        codes: head.fields,
        value_cols,
        names,
        pop,
        labels_line: labels.line,
    })
}

/// The second header row, which e-Stat leaves empty under `KEY_CODE`.
fn label_row<'a>(name: &str, records: &'a Records, key: usize) -> Result<Record<'a>> {
    let head = records.first().expect("the header row was read");
    match records.get(1) {
        Some(r) if r.fields.get(key).is_some_and(|f| f.is_empty()) => Ok(r),
        // Too short to reach KEY_CODE (which need not be the first column): a cut-short row,
        // not a label to describe.
        Some(r) if r.fields.len() <= key => Err(field_count(name, &r, head.fields.len())),
        Some(r) => Err(Error::input(
            Location::at(name, r.line, Some(key + 1)),
            "the e-Stat label row (second header row, empty under KEY_CODE)",
            describe(&r.fields[key]),
        )),
        None => Err(Error::input(
            Location::at(name, head.line + 1, None),
            "the e-Stat label row",
            "the end of the file",
        )),
    }
}
