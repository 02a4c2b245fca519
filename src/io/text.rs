//! Turning the bytes Excel and e-Stat write into checked text and records.
//!
//! Japanese planning files arrive as UTF-8, UTF-8 with a BOM, CP932 (Shift_JIS, what Japanese
//! Excel saves as "CSV") or UTF-16 ("Unicode text"). Fields may be separated by commas, tabs or
//! semicolons and numbers may be typed with full-width digits. This module accepts all of that,
//! and turns everything else into an [`Error::Input`] that names the file, line and column.

use crate::error::{Error, Location, Result};
use std::path::Path;

/// A decoded input file: its display name (as the user gave it) and its text.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name used in error messages.
    pub name: String,
    /// The decoded text without any byte-order mark.
    pub text: String,
    /// Which encoding the bytes were in, for the summary.
    pub encoding: &'static str,
}

impl SourceText {
    /// Reads and decodes a file; a missing or unreadable file is an input error naming it.
    pub fn read(path: &Path) -> Result<SourceText> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            let found = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::IsADirectory => "a directory".to_string(),
                _ => e.to_string(),
            };
            Error::input(Location::file(&name), "a readable file", found)
        })?;
        Self::decode(name, &bytes)
    }

    /// Decodes bytes from UTF-8 (with or without BOM), UTF-16 with BOM, or CP932.
    pub fn decode(name: String, bytes: &[u8]) -> Result<SourceText> {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            return match std::str::from_utf8(rest) {
                Ok(text) => Ok(SourceText {
                    name,
                    text: text.to_string(),
                    encoding: "UTF-8 (BOM)",
                }),
                Err(e) => Err(invalid_bytes(&name, rest, e.valid_up_to(), "UTF-8 text")),
            };
        }
        for (bom, enc, label) in [
            (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"),
            (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE"),
        ] {
            if let Some(rest) = bytes.strip_prefix(bom) {
                return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                    Some(text) => Ok(SourceText {
                        name,
                        text: text.into_owned(),
                        encoding: label,
                    }),
                    None => Err(Error::input(
                        Location::file(&name),
                        format!("{label} text (the file starts with a {label} byte-order mark)"),
                        "bytes that are not valid UTF-16",
                    )),
                };
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(SourceText {
                name,
                text: text.to_string(),
                encoding: "UTF-8",
            }),
            Err(e) => {
                match encoding_rs::SHIFT_JIS
                    .decode_without_bom_handling_and_without_replacement(bytes)
                {
                    Some(text) => Ok(SourceText {
                        name,
                        text: text.into_owned(),
                        encoding: "CP932 (Shift_JIS)",
                    }),
                    None => Err(invalid_bytes(
                        &name,
                        bytes,
                        e.valid_up_to(),
                        "UTF-8 or CP932 (Shift_JIS) text",
                    )),
                }
            }
        }
    }
}

fn invalid_bytes(name: &str, bytes: &[u8], at: usize, expected: &str) -> Error {
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
    let col = 1 + bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .count();
    let shown: Vec<String> = bytes[at..]
        .iter()
        .take(4)
        .map(|b| format!("{b:02X}"))
        .collect();
    Error::Input {
        location: Location::at(name, line, None),
        expected: expected.to_string(),
        found: format!(
            "invalid bytes {} at byte {col} of the line",
            shown.join(" ")
        ),
    }
}

/// One data record with the physical line it started on.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line number where the record starts.
    pub line: u64,
    /// The fields, trimmed of surrounding ASCII and full-width spaces.
    pub fields: Vec<String>,
}

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

/// Splits text into records, choosing the separator (comma, tab or semicolon) from the first line.
pub fn parse_records(src: &SourceText) -> Result<Vec<Record>> {
    let delimiter = sniff_delimiter(&src.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(src.text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                let fields: Vec<String> = record.iter().map(|f| trim(f).to_string()).collect();
                if fields.iter().all(|f| f.is_empty()) {
                    continue; // blank line (or a row of empty cells Excel leaves behind)
                }
                out.push(Record { line, fields });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Error::input(
                    Location::at(&src.name, line, None),
                    "a well-formed CSV record",
                    e.to_string(),
                ));
            }
        }
    }
    Ok(out)
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

    fn check_header(&self) -> Result<()> {
        for (i, h) in self.header.iter().enumerate() {
            if h.is_empty() {
                return Err(self.header_error(i, "a column name", "an empty header cell"));
            }
            if let Some(j) = self.header[..i]
                .iter()
                .position(|o| o.eq_ignore_ascii_case(h))
            {
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

    /// The header as a short quoted list for messages.
    pub fn header_list(&self) -> String {
        self.header
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ")
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

/// Typed access to the fields of one record, with errors that point at the cell.
pub struct Cells<'a> {
    table: &'a Table,
    rec: &'a Record,
}

impl<'a> Cells<'a> {
    /// The record's line.
    pub fn line(&self) -> u64 {
        self.rec.line
    }

    /// The raw (trimmed) text of a field.
    pub fn text(&self, col: usize) -> &'a str {
        &self.rec.fields[col]
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

    /// A required number that is zero or more (counts, weights).
    pub fn non_negative(&self, col: usize) -> Result<f64> {
        let v = self.number(col)?;
        if v < 0.0 {
            return Err(self.error(
                col,
                format!("zero or more in column `{}`", self.col_name(col)),
                describe(self.text(col)),
            ));
        }
        Ok(v)
    }

    /// An optional number that must be greater than zero (lengths, areas).
    pub fn opt_positive(&self, col: Option<usize>) -> Result<Option<f64>> {
        let v = self.opt_number(col)?;
        if let (Some(v), Some(c)) = (v, col) {
            if v <= 0.0 {
                return Err(self.error(
                    c,
                    format!("a number greater than 0 in column `{}`", self.col_name(c)),
                    describe(self.text(c)),
                ));
            }
        }
        Ok(v)
    }

    /// A whole number that is zero or more.
    pub fn count(&self, col: usize) -> Result<u64> {
        let v = self.non_negative(col)?;
        if v.fract() != 0.0 || v > 9.0e15 {
            return Err(self.error(
                col,
                format!("a whole number in column `{}`", self.col_name(col)),
                describe(self.text(col)),
            ));
        }
        Ok(v as u64)
    }

    /// An optional whole number.
    pub fn opt_count(&self, col: Option<usize>) -> Result<Option<u64>> {
        match col {
            Some(c) if !self.text(c).is_empty() => self.count(c).map(Some),
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

/// Quotes a found value for a message, shortening very long ones.
pub fn describe(t: &str) -> String {
    if t.is_empty() {
        return "an empty cell".to_string();
    }
    let mut s: String = t.chars().take(40).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    format!("`{s}`")
}

/// Trims ASCII whitespace and the full-width space U+3000 that e-Stat puts before labels.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Parses a finite decimal number, accepting full-width digits and signs (`１２３．５`).
///
/// Rejects NaN, infinities, hexadecimal and anything Rust's float parser would accept but a
/// spreadsheet user would not mean as a number.
pub fn parse_number(raw: &str) -> Option<f64> {
    let s: String = trim(raw)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            'ｅ' | 'Ｅ' => 'e',
            other => other,
        })
        .collect();
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && s.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut in_quotes = false;
    let (mut commas, mut tabs, mut semis) = (0, 0, 0);
    for c in first.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => commas += 1,
            '\t' if !in_quotes => tabs += 1,
            ';' if !in_quotes => semis += 1,
            _ => {}
        }
    }
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText {
            name: "t.csv".into(),
            text: text.into(),
            encoding: "UTF-8",
        }
    }

    #[test]
    fn numbers_accept_full_width_and_reject_non_finite() {
        assert_eq!(parse_number("１２３"), Some(123.0));
        assert_eq!(parse_number("－１．５"), Some(-1.5));
        assert_eq!(parse_number(" 35.3 "), Some(35.3));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        for bad in [
            "NaN",
            "inf",
            "-infinity",
            "1,5",
            "",
            "abc",
            "1e400",
            "0x10",
            ".",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn decodes_bom_cp932_and_utf16() {
        let s = SourceText::decode("a".into(), b"\xEF\xBB\xBFid\n").unwrap();
        assert_eq!(s.text, "id\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("名前,日枝神社\n");
        let s = SourceText::decode("a".into(), &sjis).unwrap();
        assert_eq!(s.text, "名前,日枝神社\n");
        assert_eq!(s.encoding, "CP932 (Shift_JIS)");
        let mut u16 = vec![0xFF, 0xFE];
        for unit in "id,名".encode_utf16() {
            u16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(SourceText::decode("a".into(), &u16).unwrap().text, "id,名");
    }

    #[test]
    fn invalid_bytes_name_the_line() {
        let err = SourceText::decode("a.csv".into(), b"id\nx\xFF\xFF\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.csv:2: expected UTF-8 or CP932"),
            "{err}"
        );
    }

    #[test]
    fn sniffs_separators_and_keeps_quoted_newlines() {
        let t = Table::parse(&src("id;lat\na;1\n")).unwrap();
        assert_eq!(t.header, ["id", "lat"]);
        let t = Table::parse(&src("id\tname\n\"a\"\t\"x\ny\"\nb\tz\n")).unwrap();
        assert_eq!(t.records[0].fields[1], "x\ny");
        assert_eq!(t.records[1].line, 4);
    }

    #[test]
    fn header_problems_are_located() {
        let e = Table::parse(&src("")).unwrap_err().to_string();
        assert_eq!(e, "t.csv:1: expected a header row, found an empty file");
        let e = Table::parse(&src("id,ID\n")).unwrap_err().to_string();
        assert!(
            e.starts_with("t.csv:1:2: expected unique column names"),
            "{e}"
        );
        let t = Table::parse(&src("id,lon\n")).unwrap();
        let e = t.require("lat", "latitude").unwrap_err().to_string();
        assert_eq!(
            e,
            "t.csv:1: expected a column `lat` (latitude), found columns `id`, `lon`"
        );
        let t = Table::parse(&src("id|lat\n")).unwrap();
        assert!(t
            .require("lat", "x")
            .unwrap_err()
            .to_string()
            .contains("`id|lat`"));
    }
}
