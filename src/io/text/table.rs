//! A delimited table: the header row, column lookup by meaning, and the records after it.

use super::field::{Field, Lookup};
use super::records::{parse_records, Record, Records, CLOCK_EVERY};
use super::source::out_of_time;
use super::{Cells, SourceText};
use crate::error::{Error, Location, Result};
use std::cell::Cell;
use std::collections::HashMap;
use std::time::Instant;

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
    pub records: Records,
    /// Per column: the English name of the field it holds, or its folded header.
    keys: Vec<String>,
    /// The reader's fields, to find the field a name means.
    lookup: Lookup,
    /// The run's deadline, looked at every [`CLOCK_EVERY`] records a reader takes.
    deadline: Option<Instant>,
    /// How many records have been handed to a reader.
    handed: Cell<usize>,
}

impl Table {
    /// Parses a table whose first non-blank record is the header; a header cell naming one of
    /// `fields` (by its English name or an alias, after [`fold`](super::fold)) stands for it.
    pub fn parse(src: &SourceText, fields: &'static [Field]) -> Result<Table> {
        let mut records = parse_records(src)?;
        let Some(head) = records.first() else {
            return Err(Error::input(
                Location::at(&src.name, 1, None),
                "a header row",
                "an empty file",
            ));
        };
        let mut header: Vec<String> = head.fields.iter().map(str::to_string).collect();
        let header_line = head.line;
        records.skip_front(1);
        if let Some(first) = header.first_mut() {
            // A second byte-order mark (a file saved twice) would stay in the first name.
            *first = first.trim_start_matches('\u{feff}').trim().to_string();
        }
        let mut table = Table {
            name: src.name.clone(),
            header,
            header_line,
            records,
            keys: Vec::new(),
            lookup: Lookup::new(fields),
            deadline: src.deadline,
            handed: Cell::new(0),
        };
        table.keys = table.check_header()?;
        Ok(table)
    }

    /// The key of every column; fails on an empty name, a repeated one, or two names for one
    /// field. One pass with a map from each key seen to its column: a header of 200,000
    /// columns is checked in milliseconds, where comparing each name with all before it took
    /// 47 s.
    fn check_header(&self) -> Result<Vec<String>> {
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(self.header.len());
        let mut keys = Vec::with_capacity(self.header.len());
        for (i, h) in self.header.iter().enumerate() {
            if h.is_empty() {
                return Err(self.header_error(i, "a column name", "an empty header cell"));
            }
            let key = self.lookup.key(h);
            if let Some(j) = seen.insert(key.clone(), i) {
                return Err(self.repeated(j, i, &key));
            }
            keys.push(key);
        }
        Ok(keys)
    }

    /// Column `i` means what column `j` already does: the same name again, or another name
    /// of the same field (`緯度` and `lat`), which would leave the reader to guess.
    fn repeated(&self, j: usize, i: usize, key: &str) -> Error {
        let (a, b) = (&self.header[j], &self.header[i]);
        match self.lookup.field(key) {
            Some(f) if super::fold(a) != super::fold(b) => self.header_error(
                i,
                format!("one column holding {} ({})", f.what, f.spelled()),
                format!("two: `{a}` (column {}) and `{b}` (column {})", j + 1, i + 1),
            ),
            _ if a.eq_ignore_ascii_case(b) => self.header_error(
                i,
                "unique column names",
                format!("`{b}` again (also column {})", j + 1),
            ),
            _ => self.header_error(
                i,
                "unique column names",
                format!("`{b}`, the same name as `{a}` (column {})", j + 1),
            ),
        }
    }

    fn header_error(
        &self,
        col: usize,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Error {
        Error::input(
            Location::at(&self.name, self.header_line, Some(col + 1)),
            expected,
            found,
        )
    }

    /// The index of the column holding `name`: a field's English name or alias, or any other
    /// header, compared after [`fold`](super::fold) (so case, width and spaces do not matter).
    pub fn column(&self, name: &str) -> Option<usize> {
        let key = self.lookup.key(name);
        self.keys.iter().position(|k| *k == key)
    }

    /// The English name of the field column `col` holds, if it holds one of the reader's.
    pub fn field(&self, col: usize) -> Option<&'static str> {
        self.lookup.field(&self.keys[col]).map(|f| f.name)
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
            let names = match self.lookup.field(&self.lookup.key(name)) {
                Some(f) if !f.aliases.is_empty() => format!("; or {}", f.aliases.join(", ")),
                _ => String::new(),
            };
            Error::input(
                Location::at(&self.name, self.header_line, None),
                format!("a column `{name}` ({what}{names})"),
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

    /// A field reader for one record; it checks the record has as many fields as the header,
    /// and now and then that the run's time has not run out.
    pub fn cells<'a>(&'a self, rec: Record<'a>) -> Result<Cells<'a>> {
        let handed = self.handed.get();
        self.handed.set(handed + 1);
        if handed % CLOCK_EVERY == 0 {
            out_of_time(&self.name, self.deadline, Some(rec.line))?;
        }
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
