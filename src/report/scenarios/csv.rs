//! CSV for scripts and spreadsheets from keyed records: the header is the records' keys as
//! JSON gives them, one line per record, numbers as plain numbers (never `1e3`, no thousands
//! separators), lists joined with `;`, booleans as `true`/`false`, null as an empty cell. Text
//! that a spreadsheet would run as a formula is neutralised; UTF-8 with a BOM, as every CSV of
//! mobile-stops, so Excel reads the Japanese names (pandas skips the BOM).

use crate::report::csv::neutralise;
use serde_json::Value;

/// The CSV of `rows` (values in `keys` order) under the header `keys`.
pub fn records_csv(keys: &[&str], rows: impl IntoIterator<Item = Vec<Value>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(keys).expect("writing to memory");
    for row in rows {
        debug_assert_eq!(row.len(), keys.len());
        w.write_record(row.iter().map(cell))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// One value as a cell.
pub fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => neutralise(s),
        Value::Array(items) => {
            let joined: Vec<String> = items.iter().map(plain).collect();
            neutralise(&joined.join(";"))
        }
        other => plain(other),
    }
}

/// A value's text without neutralising: numbers in plain decimal notation.
fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), ..) => u.to_string(),
            (_, Some(i), _) => i.to_string(),
            // Rust's `Display` for f64 is the shortest text that reads back exactly, and
            // never uses an exponent.
            (.., Some(f)) => f.to_string(),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_are_plain_numbers_lists_and_safe_text() {
        assert_eq!(cell(&json!(500.0)), "500");
        assert_eq!(cell(&json!(0.000125)), "0.000125");
        assert_eq!(cell(&json!(1.0e21)), "1000000000000000000000");
        assert_eq!(cell(&json!(-6722.5)), "-6722.5");
        assert_eq!(cell(&json!(["a", "b"])), "a;b");
        assert_eq!(cell(&json!([true, null, false])), "true;;false");
        assert_eq!(cell(&json!(null)), "");
        assert_eq!(cell(&json!("=1+1")), "'=1+1");
        assert_eq!(cell(&json!(["=x"])), "'=x");
        let bytes = records_csv(&["a", "b"], [vec![json!(1), json!("x,y")]]);
        assert_eq!(bytes, "\u{feff}a,b\n1,\"x,y\"\n".as_bytes());
    }
}
