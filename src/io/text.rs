//! Turning the bytes Excel and e-Stat write into checked text and records.
//!
//! Japanese planning files arrive as UTF-8, UTF-8 with a BOM, CP932 (Shift_JIS, what Japanese
//! Excel saves as "CSV") or UTF-16 ("Unicode text"). Fields may be separated by commas, tabs or
//! semicolons and numbers may be typed with full-width digits. This module accepts all of that,
//! and turns everything else into an [`Error::Input`] that names the file, line and column.

use crate::budget::MemoryLimit;
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

/// Memory per byte of an input file while it is read: the bytes, the decoded text and the
/// parsed rows.
pub const BYTES_PER_INPUT_BYTE: u64 = 4;

impl SourceText {
    /// Reads and decodes a file; a missing or unreadable file is an input error naming it,
    /// and one too large for the memory limit is refused before it is read.
    pub fn read(path: &Path, memory: MemoryLimit) -> Result<SourceText> {
        let name = path.display().to_string();
        if let Some(meta) = std::fs::metadata(path).ok().filter(|m| m.is_file()) {
            memory.check(
                format!("{name} ({})", crate::budget::size(meta.len())),
                meta.len().saturating_mul(BYTES_PER_INPUT_BYTE),
                "split the file, or aggregate the demand to coarser mesh cells; ",
            )?;
        }
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
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(invalid_bytes(
                &name,
                bytes,
                at,
                "UTF-8 or CP932 text, or UTF-16 with a byte-order mark (this looks like UTF-16 without one)",
            ));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(SourceText {
                name,
                text: text.to_string(),
                encoding: "UTF-8",
            }),
            Err(e) if !bytes[..e.valid_up_to()].is_ascii() => Err(invalid_bytes(
                &name,
                bytes,
                e.valid_up_to(),
                "UTF-8 text (the file is UTF-8 up to here)",
            )),
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
///
/// Line numbers are counted from byte offsets (CRLF, LF and lone CR each end one line), so they
/// match what an editor shows for Excel's CRLF files and files with blank lines.
pub fn parse_records(src: &SourceText) -> Result<Vec<Record>> {
    let delimiter = sniff_delimiter(&src.text);
    check_quotes(src, delimiter)?;
    let lines = LineIndex::new(&src.text);
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
                let line = lines.record_line(&src.text, record.position().map_or(0, |p| p.byte()));
                let fields: Vec<String> = record.iter().map(|f| trim(f).to_string()).collect();
                if fields.iter().all(|f| f.is_empty()) {
                    continue; // blank line (or a row of empty cells Excel leaves behind)
                }
                out.push(Record { line, fields });
            }
            Err(e) => {
                let line = lines.record_line(&src.text, e.position().map_or(0, |p| p.byte()));
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

/// Byte offsets where lines start, to turn a record's byte position into a line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\r' if b.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    starts.push(i + 1);
                }
                b'\r' | b'\n' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// 1-based line holding byte `offset`.
    fn line_of(&self, offset: u64) -> u64 {
        self.starts.partition_point(|&s| s as u64 <= offset) as u64
    }

    /// 1-based line of the record the csv parser says starts at `offset`: it reports the
    /// position before the line terminators (and blank lines) it skipped, so skip them here.
    fn record_line(&self, text: &str, offset: u64) -> u64 {
        let skipped = text.as_bytes()[(offset as usize).min(text.len())..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.line_of(offset + skipped as u64)
    }
}

/// Fails on a quoted field that never closes: the CSV parser would otherwise read the rest of
/// the file into that one cell and lose every row after it.
fn check_quotes(src: &SourceText, delimiter: u8) -> Result<()> {
    let b = src.text.as_bytes();
    let (mut at_field_start, mut open_at) = (true, None);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match open_at {
            Some(_) if c == b'"' && b.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if c == b'"' => open_at = None,
            Some(_) => {}
            None if c == b'"' && at_field_start => open_at = Some(i),
            None => {}
        }
        at_field_start = open_at.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
        i += 1;
    }
    match open_at {
        Some(at) => Err(Error::input(
            Location::at(
                &src.name,
                LineIndex::new(&src.text).line_of(at as u64),
                None,
            ),
            "a quoted field closed by a second `\"`",
            "a quote that is never closed (the rest of the file would be read into one cell)",
        )),
        None => Ok(()),
    }
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

/// Trims ASCII whitespace and the full-width space U+3000 that e-Stat puts before labels.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Parses a finite decimal number, accepting full-width digits and signs (`１２３．５`).
///
/// Rejects NaN, infinities, hexadecimal and anything Rust's float parser would accept but a
/// spreadsheet user would not mean as a number.
pub fn parse_number(raw: &str) -> Option<f64> {
    let s: String = half_width(trim(raw))
        .chars()
        .map(|c| match c {
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

/// Replaces full-width digits (０-９) by ASCII digits; everything else is kept.
pub fn half_width(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect::<String>()
        .into()
}

fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !trim(l).is_empty()).unwrap_or("");
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

    pub(super) fn src(text: &str) -> SourceText {
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

#[cfg(test)]
mod line_tests {
    use super::tests::src;
    use super::*;

    #[test]
    fn lines_count_crlf_blank_and_lone_cr() {
        for text in ["h\r\na\r\nb\r\nc\r\n", "h\n\na\nb\nc\n", "h\ra\rb\rc\r"] {
            let recs = parse_records(&src(text)).unwrap();
            let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
            let want: Vec<u64> = if text.contains("\n\n") {
                vec![1, 3, 4, 5]
            } else {
                vec![1, 2, 3, 4]
            };
            assert_eq!(lines, want, "{text:?}");
        }
    }

    #[test]
    fn unterminated_quote_is_an_error_at_its_line() {
        let e = parse_records(&src("id,name\na,\"x\nb,y\n"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.csv:2: expected a quoted field closed"),
            "{e}"
        );
        assert!(parse_records(&src("id,name\na,\"x \"\"q\"\" y\"\nb,5'10\"\n")).is_ok());
    }

    #[test]
    fn a_stray_byte_in_utf8_is_not_read_as_cp932() {
        let mut bytes = "id,name\na,日枝神社\nb,x".as_bytes().to_vec();
        bytes.push(0x80);
        let e = SourceText::decode("a.csv".into(), &bytes)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.csv:3: expected UTF-8 text"), "{e}");
        let e = SourceText::decode("a.csv".into(), b"i\0d\0")
            .unwrap_err()
            .to_string();
        assert!(e.contains("UTF-16 without"), "{e}");
    }

    #[test]
    fn decimal_commas_get_a_hint() {
        assert!(describe("35,35").contains("use a dot"));
        assert_eq!(describe("abc"), "`abc`");
    }
}
