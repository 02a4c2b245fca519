//! What every target checks besides "no panic": the bytes go through the same decoding as a
//! user's file, and a rejected input is an input error that names the file, as the CLI's
//! `FILE:LINE:COLUMN: expected …, found …` promises.

use mobile_stops::io::SourceText;
use mobile_stops::Error;

/// Decodes like `SourceText::read` does; `None` when the bytes are not text the tool accepts
/// (that rejection must name the file too).
pub fn decode(name: &str, data: &[u8]) -> Option<SourceText> {
    match SourceText::decode(name.to_string(), data) {
        Ok(src) => Some(src),
        Err(e) => {
            names_file(name, &e);
            None
        }
    }
}

/// Panics (a fuzz finding) unless `result` is fine or an input error located in `name`.
pub fn check<T>(name: &str, result: Result<T, Error>) {
    if let Err(e) = result {
        names_file(name, &e);
    }
}

fn names_file(name: &str, e: &Error) {
    match e {
        Error::Input { location, .. } if location.file == name => {}
        other => panic!("{name}: not an input error naming the file: {other:?}"),
    }
}
