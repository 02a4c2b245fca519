//! Splitting decoded text into records, with the physical line each record starts on.

use super::SourceText;
use crate::error::{Error, Location, Result};
use crate::model::parse::trim;

/// Every record of a file in three buffers: the fields' text end to end, where each field
/// ends, and where each record starts. A file of millions of short rows is then a few large
/// allocations instead of a `String` per field, which was most of the memory reading took and
/// most of the time freeing it took (a time-limited run that stops while reading must not
/// spend its margin on `free`).
#[derive(Debug, Clone, Default)]
pub struct Records {
    text: String,
    ends: Vec<usize>,
    /// Per record: its line and the index in `ends` of its first field.
    starts: Vec<(u64, usize)>,
    /// Records hidden from the front (header rows a reader has taken).
    skipped: usize,
}

impl Records {
    /// How many records (not counting those skipped).
    pub fn len(&self) -> usize {
        self.starts.len() - self.skipped
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Record `i` (after those skipped).
    pub fn get(&self, i: usize) -> Option<Record<'_>> {
        let k = self.skipped.checked_add(i)?;
        let &(line, first) = self.starts.get(k)?;
        let last = self.starts.get(k + 1).map_or(self.ends.len(), |s| s.1);
        let from = if first == 0 { 0 } else { self.ends[first - 1] };
        Some(Record {
            line,
            fields: Fields {
                text: &self.text,
                ends: &self.ends[first..last],
                from,
            },
        })
    }

    /// The first record, if any.
    pub fn first(&self) -> Option<Record<'_>> {
        self.get(0)
    }

    /// Every record in order.
    pub fn iter(&self) -> RecordIter<'_> {
        RecordIter {
            records: self,
            next: 0,
        }
    }

    /// Hides the first `n` records (header rows once read).
    pub fn skip_front(&mut self, n: usize) {
        self.skipped = (self.skipped + n).min(self.starts.len());
    }

    fn push<'f>(&mut self, line: u64, fields: impl Iterator<Item = &'f str>) {
        self.starts.push((line, self.ends.len()));
        for f in fields {
            self.text.push_str(f);
            self.ends.push(self.text.len());
        }
    }
}

/// The records of a [`Records`] in order.
#[derive(Debug, Clone)]
pub struct RecordIter<'a> {
    records: &'a Records,
    next: usize,
}

impl<'a> Iterator for RecordIter<'a> {
    type Item = Record<'a>;
    fn next(&mut self) -> Option<Record<'a>> {
        let r = self.records.get(self.next)?;
        self.next += 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.records.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for RecordIter<'_> {}

impl<'a> IntoIterator for &'a Records {
    type Item = Record<'a>;
    type IntoIter = RecordIter<'a>;
    fn into_iter(self) -> RecordIter<'a> {
        self.iter()
    }
}

/// One data record with the physical line it started on: a view into [`Records`].
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// 1-based line number where the record starts.
    pub line: u64,
    /// The fields, trimmed of surrounding ASCII and full-width spaces.
    pub fields: Fields<'a>,
}

/// The fields of one record.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    text: &'a str,
    ends: &'a [usize],
    from: usize,
}

impl<'a> Fields<'a> {
    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { self.from } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let this = *self;
        (0..this.len()).map(move |i| this.get(i).expect("in range"))
    }
}

impl std::ops::Index<usize> for Fields<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { self.from } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// How many records are read between two looks at the clock: often enough to stop within
/// milliseconds, rarely enough to cost nothing.
pub const CLOCK_EVERY: usize = 4096;

/// Splits text into records, choosing the separator (comma, tab or semicolon) from the first line.
///
/// Line numbers are counted from byte offsets (CRLF, LF and lone CR each end one line), so they
/// match what an editor shows for Excel's CRLF files and files with blank lines.
pub fn parse_records(src: &SourceText) -> Result<Records> {
    let delimiter = sniff_delimiter(&src.text);
    check_quotes(src, delimiter)?;
    let lines = LineIndex::new(&src.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(src.text.as_bytes());
    let mut out = Records::default();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.record_line(&src.text, record.position().map_or(0, |p| p.byte()));
                if out.starts.len() % CLOCK_EVERY == 0 {
                    src.on_time(Some(line))?;
                }
                if record.iter().all(|f| trim(f).is_empty()) {
                    continue; // blank line (or a row of empty cells Excel leaves behind)
                }
                out.push(line, record.iter().map(trim));
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
