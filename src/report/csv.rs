//! CSV for Excel: UTF-8 with a BOM (so Japanese opens correctly), formula injection neutralised.

use super::escape::without_bidi;
use super::flat::{cells, extra_names, Cell, COLUMNS};
use super::labels::Lang;
use crate::score::ScoreTable;

/// Renders the ranked list as CSV.
pub fn rank_csv(table: &ScoreTable, lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<String> = COLUMNS
        .iter()
        .map(|(en, ja)| lang.pick(en, ja).to_string())
        .collect();
    let standard: Vec<&str> = header.iter().map(String::as_str).collect();
    let extra = extra_names(table, &standard, neutralise);
    header.extend(extra);
    w.write_record(&header).expect("writing to memory");
    for c in &table.candidates {
        let row: Vec<String> = cells(table, c)
            .into_iter()
            .map(|cell| match cell {
                Cell::Num(Some(v)) => v.to_string(),
                Cell::Num(None) | Cell::Text(None) => String::new(),
                Cell::Text(Some(t)) => neutralise(&t),
                Cell::Bool(b) => b.to_string(),
            })
            .collect();
        w.write_record(&row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// Prefixes text that a spreadsheet would run as a formula with an apostrophe, and shows
/// bidirectional controls as replacement characters (a right-to-left override would print a
/// cell backwards).
pub fn neutralise(text: &str) -> String {
    let text = without_bidi(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("日枝神社"), "日枝神社");
        assert_eq!(neutralise("\u{202E}=1"), "\u{FFFD}=1");
    }
}
