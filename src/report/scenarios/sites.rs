//! The long tables beside the rows: `--sites` (one record per solved scenario × candidate) and
//! `--robustness` (one per candidate), each as CSV or JSON, chosen by the file's extension.
//!
//! Long rather than wide, so a script filters and groups them as they are: "in which scenarios
//! is 妙行寺 chosen when it is free to be" is one filter on `candidate`, `required`, `excluded`.

use super::csv::records_csv;
use super::rows::{robustness_values, ROBUSTNESS_KEYS};
use super::stream::{pretty_bytes, Record, Stream};
use crate::model::number::round;
use crate::model::Dataset;
use crate::scenario::{site_facts, Batch};
use serde_json::{json, Value};
use std::path::Path;

/// The keys of a `--sites` record, in order.
pub const SITE_KEYS: [&str; 7] = [
    "scenario",
    "candidate",
    "chosen",
    "forced",
    "required",
    "excluded",
    "unique_weight",
];

/// A table file's format, from its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// `.csv`: UTF-8 with a BOM, headers equal to the JSON keys.
    Csv,
    /// `.json`: an array of records.
    Json,
}

impl TableFormat {
    /// `.csv` or `.json` (any case); `None` for any other name, which the caller refuses
    /// before any work.
    pub fn of(path: &Path) -> Option<TableFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(TableFormat::Csv),
            "json" => Some(TableFormat::Json),
            _ => None,
        }
    }

    fn render(self, keys: &[&str], rows: impl Iterator<Item = Vec<Value>>) -> Vec<u8> {
        match self {
            TableFormat::Csv => records_csv(keys, rows),
            TableFormat::Json => {
                pretty_bytes(&Stream::new(rows.map(|values| Record { keys, values })))
            }
        }
    }
}

/// Every solved scenario × each candidate it had, in row order then the data's candidate
/// order: chosen, in every optimal set (null: chosen, optimality not proven), required,
/// excluded, and the weight only that stop reaches (0 when not chosen). Rows that were not
/// solved chose nothing and have no records here (the rows file says why).
pub fn sites_table(b: &Batch, data: &Dataset, format: TableFormat) -> Vec<u8> {
    let rows = b.rows.iter().flat_map(|r| {
        let facts = site_facts(r, data).into_iter().flatten();
        facts.map(move |f| {
            vec![
                json!(r.scenario.id),
                json!(f.candidate),
                json!(f.chosen),
                json!(f.forced),
                json!(f.required),
                json!(f.excluded),
                json!(round(f.unique_weight, 3)),
            ]
        })
    });
    format.render(&SITE_KEYS, rows)
}

/// Every candidate's robustness, in the batch's order (share, then chosen_in, then id).
pub fn robustness_table(b: &Batch, format: TableFormat) -> Vec<u8> {
    let rows = b
        .robustness
        .iter()
        .enumerate()
        .map(|(k, r)| robustness_values(k + 1, r));
    format.render(&ROBUSTNESS_KEYS, rows)
}
