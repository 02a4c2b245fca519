//! Japan's national holidays as the Cabinet Office publishes them, not computed.
//!
//! Source: 内閣府「国民の祝日について」, the CSV `syukujitsu.csv`
//! (<https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html>), rows for 2026 and 2027, under the
//! Public Data License (PDL 1.0, compatible with CC BY 4.0): credit 内閣府. The equinox days are
//! fixed by the National Astronomical Observatory's announcement each February for the
//! following year, so a year is only listed once it is published; extend [`HOLIDAYS`] (and
//! [`LAST_YEAR`]) from the Cabinet Office's file when it adds a year, never by a formula.

/// First year listed.
pub const FIRST_YEAR: i32 = 2026;

/// Last year listed: dates after it are not known to be working days or holidays.
pub const LAST_YEAR: i32 = 2027;

/// `(year, month, day, name)` as in the Cabinet Office's file (休日 = a substitute or
/// in-between holiday).
pub const HOLIDAYS: [(i32, u32, u32, &str); 35] = [
    (2026, 1, 1, "元日"),
    (2026, 1, 12, "成人の日"),
    (2026, 2, 11, "建国記念の日"),
    (2026, 2, 23, "天皇誕生日"),
    (2026, 3, 20, "春分の日"),
    (2026, 4, 29, "昭和の日"),
    (2026, 5, 3, "憲法記念日"),
    (2026, 5, 4, "みどりの日"),
    (2026, 5, 5, "こどもの日"),
    (2026, 5, 6, "休日"),
    (2026, 7, 20, "海の日"),
    (2026, 8, 11, "山の日"),
    (2026, 9, 21, "敬老の日"),
    (2026, 9, 22, "休日"),
    (2026, 9, 23, "秋分の日"),
    (2026, 10, 12, "スポーツの日"),
    (2026, 11, 3, "文化の日"),
    (2026, 11, 23, "勤労感謝の日"),
    (2027, 1, 1, "元日"),
    (2027, 1, 11, "成人の日"),
    (2027, 2, 11, "建国記念の日"),
    (2027, 2, 23, "天皇誕生日"),
    (2027, 3, 21, "春分の日"),
    (2027, 3, 22, "休日"),
    (2027, 4, 29, "昭和の日"),
    (2027, 5, 3, "憲法記念日"),
    (2027, 5, 4, "みどりの日"),
    (2027, 5, 5, "こどもの日"),
    (2027, 7, 19, "海の日"),
    (2027, 8, 11, "山の日"),
    (2027, 9, 20, "敬老の日"),
    (2027, 9, 23, "秋分の日"),
    (2027, 10, 11, "スポーツの日"),
    (2027, 11, 3, "文化の日"),
    (2027, 11, 23, "勤労感謝の日"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate, Weekday};

    #[test]
    fn every_row_is_a_date_inside_the_listed_years_in_order() {
        let dates: Vec<NaiveDate> = HOLIDAYS
            .iter()
            .map(|&(y, m, d, _)| NaiveDate::from_ymd_opt(y, m, d).expect("a date"))
            .collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
        assert!(dates
            .iter()
            .all(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year())));
        // Coming of Age Day is the second Monday of January.
        let seijin = NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
        assert_eq!(seijin.weekday(), Weekday::Mon);
        assert!(dates.contains(&seijin));
    }
}
