//! Turning the bytes Excel and e-Stat write into checked text and records.
//!
//! Japanese planning files arrive as UTF-8, UTF-8 with a BOM, CP932 (Shift_JIS, what Japanese
//! Excel saves as "CSV") or UTF-16 ("Unicode text"). Fields may be separated by commas, tabs or
//! semicolons, numbers may be typed with full-width digits and headers in Japanese or in
//! full-width letters. This module accepts all of that,
//! and turns everything else into an [`Error::Input`](crate::Error::Input) that names the file, line and column.

mod cells;
mod field;
mod fold;
mod footprint;
mod records;
mod source;
mod table;
#[cfg(test)]
mod tests;

pub use cells::{describe, Cells, MAX_VALUE};
pub use field::Field;
pub use fold::fold;
pub use footprint::{Footprint, BYTES_PER_FIELD, BYTES_PER_INPUT_BYTE, BYTES_PER_RECORD};
pub use records::{parse_records, Fields, Record, RecordIter, Records, CLOCK_EVERY};
pub use source::SourceText;
pub use table::Table;

/// Number parsing lives in the model (the solver needs it too); the readers use it from here.
pub use crate::model::parse::{half_width, parse_number, trim};
