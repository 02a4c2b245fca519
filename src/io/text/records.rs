//! Splitting decoded text into records, with the physical line each record starts on.

use super::SourceText;
use crate::error::{Error, Location, Result};
use crate::model::parse::trim;

/// One data record with the physical line it started on.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line number where the record starts.
    pub line: u64,
    /// The fields, trimmed of surrounding ASCII and full-width spaces.
    pub fields: Vec<String>,
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

/// The separator the first non-blank line uses most: Excel writes commas or tabs, some
/// European-locale exports semicolons.
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
