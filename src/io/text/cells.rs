//! Typed cells: the numbers, counts, ids and coordinates a reader takes from one record.

use super::{Record, Table};
use crate::error::{Error, Location, Result};
use crate::model::parse::parse_number;

/// Typed access to the fields of one record, with errors that point at the cell.
pub struct Cells<'a> {
    pub(super) table: &'a Table,
    pub(super) rec: Record<'a>,
}

impl<'a> Cells<'a> {
    /// The record's line.
    pub fn line(&self) -> u64 {
        self.rec.line
    }

    /// The raw (trimmed) text of a field.
    pub fn text(&self, col: usize) -> &'a str {
        self.rec.fields.get(col).expect("a column of the header")
    }

    /// A field as optional text: empty means absent.
    pub fn opt_text(&self, col: Option<usize>) -> Option<String> {
        col.map(|c| self.text(c))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    /// An error located at a cell.
    pub fn error(
        &self,
        col: usize,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Error {
        Error::input(
            Location::at(&self.table.name, self.rec.line, Some(col + 1)),
            expected,
            found,
        )
    }

    fn col_name(&self, col: usize) -> &str {
        &self.table.header[col]
    }

    /// A required non-empty identifier.
    pub fn id(&self, col: usize) -> Result<String> {
        let t = self.text(col);
        if t.is_empty() {
            return Err(self.error(col, "a non-empty id", "an empty cell"));
        }
        Ok(t.to_string())
    }

    /// A required finite number.
    pub fn number(&self, col: usize) -> Result<f64> {
        let t = self.text(col);
        if t.is_empty() {
            return Err(self.error(
                col,
                format!("a number in column `{}`", self.col_name(col)),
                "an empty cell",
            ));
        }
        parse_number(t).ok_or_else(|| {
            self.error(
                col,
                format!("a number in column `{}`", self.col_name(col)),
                describe(t),
            )
        })
    }

    /// An optional finite number (empty cell = absent).
    pub fn opt_number(&self, col: Option<usize>) -> Result<Option<f64>> {
        match col {
            Some(c) if !self.text(c).is_empty() => self.number(c).map(Some),
            _ => Ok(None),
        }
    }

    /// A required number that is zero or more (counts, weights), at most [`MAX_VALUE`] so that
    /// sums over a million points stay finite and exact to the unit.
    pub fn non_negative(&self, col: usize) -> Result<f64> {
        self.at_most(col, MAX_VALUE)
    }

    /// A required number from 0 to `max`.
    pub fn at_most(&self, col: usize, max: f64) -> Result<f64> {
        let v = self.number(col)?;
        if !(0.0..=max).contains(&v) {
            return Err(self.error(
                col,
                format!(
                    "zero or more (at most {max:e}) in column `{}`",
                    self.col_name(col)
                ),
                describe(self.text(col)),
            ));
        }
        Ok(v)
    }

    /// An optional number greater than zero and at most `max` (lengths, areas).
    pub fn opt_positive(&self, col: Option<usize>, max: f64) -> Result<Option<f64>> {
        let v = self.opt_number(col)?;
        if let (Some(v), Some(c)) = (v, col) {
            if v <= 0.0 || v > max {
                return Err(self.error(
                    c,
                    format!(
                        "a number greater than 0 and at most {max} in column `{}`",
                        self.col_name(c)
                    ),
                    describe(self.text(c)),
                ));
            }
        }
        Ok(v)
    }

    /// A whole number from 0 to `max`.
    pub fn count(&self, col: usize, max: u64) -> Result<u64> {
        let v = self.at_most(col, max as f64)?;
        if v.fract() != 0.0 {
            return Err(self.error(
                col,
                format!("a whole number in column `{}`", self.col_name(col)),
                describe(self.text(col)),
            ));
        }
        Ok(v as u64)
    }

    /// An optional whole number from 0 to `max`.
    pub fn opt_count(&self, col: Option<usize>, max: u64) -> Result<Option<u64>> {
        match col {
            Some(c) if !self.text(c).is_empty() => self.count(c, max).map(Some),
            _ => Ok(None),
        }
    }

    /// A latitude in degrees, -90 to 90.
    pub fn latitude(&self, col: usize) -> Result<f64> {
        self.ranged(col, -90.0, 90.0, "a latitude in degrees between -90 and 90")
    }

    /// A longitude in degrees, -180 to 180.
    pub fn longitude(&self, col: usize) -> Result<f64> {
        self.ranged(
            col,
            -180.0,
            180.0,
            "a longitude in degrees between -180 and 180",
        )
    }

    fn ranged(&self, col: usize, lo: f64, hi: f64, what: &str) -> Result<f64> {
        let t = self.text(col);
        if t.is_empty() {
            return Err(self.error(col, what, "an empty cell"));
        }
        match parse_number(t) {
            Some(v) if (lo..=hi).contains(&v) => Ok(v),
            _ => Err(self.error(col, what, describe(t))),
        }
    }
}

/// The largest count or weight a demand cell may hold (10¹²): far above any population, low
/// enough that totals never overflow or lose whole units.
pub const MAX_VALUE: f64 = 1e12;

/// Quotes a found value for a message, shortening very long ones.
pub fn describe(t: &str) -> String {
    if t.is_empty() {
        return "an empty cell".to_string();
    }
    if t.contains(',') && parse_number(&t.replacen(',', ".", 1)).is_some() {
        return format!("`{t}` (use a dot for decimals and no thousands separators)");
    }
    let mut s: String = t.chars().take(40).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    format!("`{s}`")
}
