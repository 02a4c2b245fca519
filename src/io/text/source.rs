//! Reading a file and decoding its bytes: the encodings Japanese Excel and e-Stat write.

use super::footprint::Footprint;
use crate::budget::{passed, size, Budget, MemoryLimit};
use crate::error::{Error, Location, Result};
use crate::param::Param;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// A decoded input file: its display name (as the user gave it) and its text.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name used in error messages.
    pub name: String,
    /// The decoded text without any byte-order mark.
    pub text: String,
    /// Which encoding the bytes were in, for the summary.
    pub encoding: &'static str,
    /// When the run's time runs out: reading a file of millions of rows takes seconds, and
    /// the time limit counts from the start of the command, so the parsers look at it too.
    pub deadline: Option<Instant>,
}

/// How much is read at a time, so the estimate is checked at least every 1 MB.
const CHUNK: usize = 1 << 20;

/// How to need less, for every refused input.
const HINT: &str = "split the file, or aggregate the demand to coarser mesh cells; ";

impl SourceText {
    /// Reads and decodes a file; a missing or unreadable file is an input error naming it.
    ///
    /// Memory is checked on what reading builds ([`Footprint`]: bytes, fields and records):
    /// a regular file too large even at four bytes per byte is refused before it is opened,
    /// and every file (a pipe, a device such as `/dev/zero`, a file still growing) is read in
    /// chunks and refused as soon as the estimate for what has arrived passes the limit, so
    /// no input grows without bound.
    ///
    /// Time is checked on the way too: reading stops with a time-limit error, naming the file
    /// and the line, once `budget`'s deadline has passed (see [`Self::on_time`]).
    pub fn read(path: &Path, budget: Budget) -> Result<SourceText> {
        let name = path.display().to_string();
        if let Some(meta) = std::fs::metadata(path).ok().filter(|m| m.is_file()) {
            budget.memory.check(
                format!("{name} ({})", size(meta.len())),
                Footprint::at_least(meta.len()).need(),
                HINT,
            )?;
        }
        let bytes = read_bounded(path, &name, budget)?;
        let mut src = Self::decode(name, &bytes)?;
        src.deadline = budget.deadline;
        src.on_time(None)?;
        Ok(src)
    }

    /// Text already in memory (an embedded file, a test, a page's form), with no deadline.
    pub fn utf8(name: impl Into<String>, text: impl Into<String>) -> SourceText {
        SourceText {
            name: name.into(),
            text: text.into(),
            encoding: "UTF-8",
            deadline: None,
        }
    }

    /// A time-limit error when the deadline has passed, saying how far reading got (`line`,
    /// when known): without the data nothing can be scored or solved, so a run whose limit
    /// ends while it reads stops there rather than overshooting by the rest of the file.
    pub fn on_time(&self, line: Option<u64>) -> Result<()> {
        out_of_time(&self.name, self.deadline, line)
    }

    /// Decodes bytes from UTF-8 (with or without BOM), UTF-16 with BOM, or CP932.
    pub fn decode(name: String, bytes: &[u8]) -> Result<SourceText> {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            return match std::str::from_utf8(rest) {
                Ok(text) => Ok(SourceText {
                    name,
                    text: text.to_string(),
                    encoding: "UTF-8 (BOM)",
                    deadline: None,
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
                        deadline: None,
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
                deadline: None,
            }),
            Err(e) if !bytes[..e.valid_up_to()].is_ascii() && mostly_utf8(bytes) => {
                Err(invalid_bytes(
                    &name,
                    bytes,
                    e.valid_up_to(),
                    "UTF-8 text (the file is UTF-8 up to here)",
                ))
            }
            Err(e) => {
                match encoding_rs::SHIFT_JIS
                    .decode_without_bom_handling_and_without_replacement(bytes)
                {
                    Some(text) => Ok(SourceText {
                        name,
                        text: text.into_owned(),
                        encoding: "CP932 (Shift_JIS)",
                        deadline: None,
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

/// Whether bytes that are not all UTF-8 still read mostly as UTF-8: more characters beyond
/// ASCII decode than places fail. A UTF-8 file with a stray byte has many good characters and
/// one bad spot, and decoding it as CP932 would turn every Japanese name into mojibake; a CP932
/// file fails as UTF-8 almost everywhere, even when its first bytes happen to be valid UTF-8
/// (half-width `ﾒｯ` is the UTF-8 of `ү`).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > bad
}

/// The bytes of `path`, read a chunk at a time and refused once the [`Footprint`] of what has
/// arrived needs more than the memory limit, or once the deadline has passed.
fn read_bounded(path: &Path, name: &str, budget: Budget) -> Result<Vec<u8>> {
    let memory: MemoryLimit = budget.memory;
    let unreadable = |e: std::io::Error| {
        let found = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::IsADirectory => "a directory".to_string(),
            _ => e.to_string(),
        };
        Error::input(Location::file(name), "a readable file", found)
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    let mut seen = Footprint::default();
    loop {
        let start = bytes.len();
        bytes.resize(start + CHUNK, 0);
        let got = match file.read(&mut bytes[start..]) {
            Ok(got) => got,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                bytes.truncate(start);
                continue;
            }
            Err(e) => return Err(unreadable(e)),
        };
        bytes.truncate(start + got);
        if got == 0 {
            break;
        }
        seen.add(&bytes[start..]);
        memory.check(
            format!("{name} ({} read so far)", size(seen.bytes)),
            seen.need(),
            HINT,
        )?;
        out_of_time(name, budget.deadline, None)?;
    }
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// The time-limit error for reading `name`, when `deadline` has passed.
pub(crate) fn out_of_time(name: &str, deadline: Option<Instant>, line: Option<u64>) -> Result<()> {
    if !passed(deadline) {
        return Ok(());
    }
    let got = match line {
        Some(line) => format!(" (stopped at line {line})"),
        None => String::new(),
    };
    Err(Error::param(
        Param::TimeLimitS,
        format!("time to read {name}{got}"),
        "the limit ended first",
    ))
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
