//! Reading a file and decoding its bytes: the encodings Japanese Excel and e-Stat write.

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
