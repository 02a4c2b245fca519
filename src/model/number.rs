//! Numbers as every output shows them.
//!
//! Solving, comparing and writing all print rounded figures; one rounding rule here means a
//! reach of 1234.5 reads the same in a solver's message, a table and a council's page.

/// Rounds to `digits` decimals for output, so float noise never reaches a council's page.
pub fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    let r = (x * k).round() / k;
    if r == 0.0 {
        0.0 // no "-0"
    } else {
        r
    }
}
