//! Reading numbers as spreadsheet users type them.
//!
//! Japanese users type numbers with full-width digits (`１２３．５`) as often as ASCII ones, in
//! input files and on the command line alike. The file readers, the solver's `--capacity` and
//! the route options all need the same rule, so it lives here, below every layer that reads
//! numbers from text.

/// Trims ASCII whitespace and the full-width space U+3000 that e-Stat puts before labels.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Parses a finite decimal number, accepting full-width digits and signs (`１２３．５`).
///
/// Rejects NaN, infinities, hexadecimal and anything Rust's float parser would accept but a
/// spreadsheet user would not mean as a number.
pub fn parse_number(raw: &str) -> Option<f64> {
    let t = trim(raw);
    // The common case, plain ASCII, is checked where it lies: millions of cells are read.
    if t.is_ascii() {
        return plain_number(t);
    }
    let s: String = half_width(t)
        .chars()
        .map(|c| match c {
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            'ｅ' | 'Ｅ' => 'e',
            other => other,
        })
        .collect();
    plain_number(&s)
}

/// [`parse_number`] once full-width forms are mapped: digits, signs, a dot and an exponent
/// only (any other byte, ASCII or not, refuses the text).
fn plain_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let ok = !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E'))
        && b.iter().any(u8::is_ascii_digit);
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Replaces full-width digits (０-９) by ASCII digits; everything else is kept.
pub fn half_width(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_full_width_and_reject_non_finite() {
        assert_eq!(parse_number("１２３"), Some(123.0));
        assert_eq!(parse_number("－１．５"), Some(-1.5));
        assert_eq!(parse_number(" 35.3 "), Some(35.3));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        for bad in [
            "NaN",
            "inf",
            "-infinity",
            "1,5",
            "",
            "abc",
            "1e400",
            "0x10",
            ".",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
