//! A delimited table: the header row, column lookup, and the records after it.

use super::records::{parse_records, Record};
use super::{Cells, SourceText};
use crate::error::{Error, Location, Result};
use std::collections::HashMap;

/// How many column names an error message lists.
const LISTED_COLUMNS: usize = 40;

/// A delimited table: a header row and the records after it.
#[derive(Debug, Clone)]
pub struct Table {
    /// File name for messages.
    pub name: String,
    /// Header names, trimmed.
    pub header: Vec<String>,
    /// Line of the header row.
    pub header_line: u64,
    /// Data records.
    pub records: Vec<Record>,
}

impl Table {
    /// Parses a table whose first non-blank record is the header.
    pub fn parse(src: &SourceText) -> Result<Table> {
        let mut records = parse_records(src)?.into_iter();
        let Some(head) = records.next() else {
            return Err(Error::input(
                Location::at(&src.name, 1, None),
                "a header row",
                "an empty file",
            ));
        };
        let table = Table {
            name: src.name.clone(),
            header: head.fields,
            header_line: head.line,
            records: records.collect(),
        };
        table.check_header()?;
        Ok(table)
    }

    /// Fails on an empty or repeated (case-insensitively) column name. One pass with a map
    /// from each name seen to its column: a header of 200,000 columns is checked in
    /// milliseconds, where comparing each name with all before it took 47 s.
    fn check_header(&self) -> Result<()> {
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(self.header.len());
        for (i, h) in self.header.iter().enumerate() {
            if h.is_empty() {
                return Err(self.header_error(i, "a column name", "an empty header cell"));
            }
            if let Some(j) = seen.insert(h.to_ascii_lowercase(), i) {
                return Err(self.header_error(
                    i,
                    "unique column names",
                    format!("`{h}` again (also column {})", j + 1),
                ));
            }
        }
        Ok(())
    }

    fn header_error(&self, col: usize, expected: &str, found: impl Into<String>) -> Error {
        Error::input(
            Location::at(&self.name, self.header_line, Some(col + 1)),
            expected,
            found,
        )
    }

    /// The index of a column, matched case-insensitively.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The index of a column that must exist; the error lists what the header has, and says so
    /// when the file seems to use another separator.
    pub fn require(&self, name: &str, what: &str) -> Result<usize> {
        self.column(name).ok_or_else(|| {
            let found = if self.header.len() == 1 && self.header[0].contains([';', '\t', ',']) {
                format!("one column `{}` (is the separator right?)", self.header[0])
            } else {
                format!("columns {}", self.header_list())
            };
            Error::input(
                Location::at(&self.name, self.header_line, None),
                format!("a column `{name}` ({what})"),
                found,
            )
        })
    }

    /// The header as a short quoted list for messages: the first `LISTED_COLUMNS` names,
    /// then how many more, so a header of 200,000 columns gives a message, not a megabyte.
    pub fn header_list(&self) -> String {
        let mut list = self
            .header
            .iter()
            .take(LISTED_COLUMNS)
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if self.header.len() > LISTED_COLUMNS {
            list.push_str(&format!(" and {} more", self.header.len() - LISTED_COLUMNS));
        }
        list
    }

    /// Fails on a file with a header and no data.
    pub fn require_rows(&self, what: &str) -> Result<()> {
        if self.records.is_empty() {
            return Err(Error::input(
                Location::at(&self.name, self.header_line + 1, None),
                format!("at least one row of {what} after the header"),
                "no data rows",
            ));
        }
        Ok(())
    }

    /// A field reader for one record; it checks the record has as many fields as the header.
    pub fn cells<'a>(&'a self, rec: &'a Record) -> Result<Cells<'a>> {
        if rec.fields.len() != self.header.len() {
            return Err(Error::input(
                Location::at(&self.name, rec.line, None),
                format!("{} fields as in the header", self.header.len()),
                format!("{} fields", rec.fields.len()),
            ));
        }
        Ok(Cells { table: self, rec })
    }
}
