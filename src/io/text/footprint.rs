//! How much memory an input file takes once it is read, decoded and split into records,
//! estimated from its bytes as they arrive so that a file (or a pipe, or `/dev/zero`) is
//! refused as soon as its running estimate passes the memory limit, not after.
//!
//! What is built is dominated by the records, not the bytes: the fields' text is kept end to
//! end in one buffer, but every field still costs its end offset (twice, while the parser and
//! the growing buffer hold it) and every record its line and first field; the header row's
//! cells become `String`s. A file of 10 MB of commas is ten million empty fields. So the
//! estimate counts fields and records, cheaply: every comma, tab and semicolon may end a field
//! and every line break a record (whatever the separator turns out to be, so the count is an
//! upper bound), and adds a per-byte part for the raw bytes, the decoded text and the field
//! texts.
//!
//! The constants come from peak resident memory (`/usr/bin/time -v`, "Maximum resident set
//! size") of `mobile-stops rank --demand FILE` on generated files that fail after the whole
//! table is parsed:
//!
//! | file                                            | size    | fields | records | peak   |
//! |-------------------------------------------------|---------|--------|---------|--------|
//! | `id,lat,lon,population` rows, last one bad      | 12.6 MB | 1.55 M | 0.39 M  | 100 MB |
//! | one line of 10 M commas (an empty header)       | 10.0 MB | 10 M   | 1       | 418 MB |
//! | a header and 5 M lines `a`                      | 10.0 MB | 5 M    | 5 M     | 189 MB |
//! | a header and 2 M lines `x123456`                | 16.0 MB | 2 M    | 2 M     | 121 MB |
//!
//! (When every field was its own `String`, the same files peaked at 186, 654, 914 and 381 MB.)
//! Fitting these: about 38 bytes per field in the worst case (the header) and at most 28 per
//! record and field together elsewhere; the constants below round up, and the estimates (122,
//! 440, 360, 192 MB) are above every measurement.

/// Memory per input byte: the raw bytes and the decoded text (which CP932 or UTF-16 input
/// can make up to 1.5 times longer), then the fields' text while the records are built.
pub const BYTES_PER_INPUT_BYTE: u64 = 4;

/// Memory per field beyond its text: its end offset in the records and in the parser, each
/// up to twice while their buffers grow, or a `String` when it is in the header.
pub const BYTES_PER_FIELD: u64 = 40;

/// Memory per record beyond its fields: its line and first field, up to twice while the
/// buffer grows, and its line-start offset.
pub const BYTES_PER_RECORD: u64 = 24;

/// The running count behind an estimate: bytes seen, separators (possible field ends) and
/// line breaks (possible record ends).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Footprint {
    /// Bytes seen so far.
    pub bytes: u64,
    separators: u64,
    line_breaks: u64,
}

impl Footprint {
    /// The footprint of `bytes` read at once.
    pub fn of(bytes: &[u8]) -> Self {
        let mut f = Footprint::default();
        f.add(bytes);
        f
    }

    /// The least a file of `bytes` bytes can need, before any of it is read: what decides
    /// whether a regular file is opened at all.
    pub fn at_least(bytes: u64) -> Self {
        Footprint {
            bytes,
            ..Footprint::default()
        }
    }

    /// Counts one more chunk. A CRLF counts as two line breaks, which only makes the estimate
    /// higher; bytes 0x09, 0x0A, 0x0D, 0x2C, 0x3B never occur inside a CP932 or UTF-8
    /// character, and in UTF-16 only rarely, so the count stays an upper bound close to the
    /// truth.
    pub fn add(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len() as u64;
        for &b in chunk {
            match b {
                b',' | b'\t' | b';' => self.separators += 1,
                b'\n' | b'\r' => self.line_breaks += 1,
                _ => {}
            }
        }
    }

    /// The estimated peak memory of reading these bytes into records.
    pub fn need(&self) -> u64 {
        let records = self.line_breaks + 1;
        let fields = self.separators + records;
        self.bytes
            .saturating_mul(BYTES_PER_INPUT_BYTE)
            .saturating_add(fields.saturating_mul(BYTES_PER_FIELD))
            .saturating_add(records.saturating_mul(BYTES_PER_RECORD))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fields_and_records_not_only_bytes() {
        let plain = Footprint::of(&[b'a'; 1000]);
        assert_eq!(plain.need(), 4000 + 40 + 24);
        let commas = Footprint::of(&[b','; 1000]);
        assert_eq!(commas.need(), 4000 + 1001 * 40 + 24);
        let mut lines = Footprint::default();
        lines.add(b"a\nb\n");
        lines.add(b"c\r\n");
        assert_eq!(lines.bytes, 7);
        assert_eq!(lines.need(), 7 * 4 + 5 * (40 + 24));
    }
}
