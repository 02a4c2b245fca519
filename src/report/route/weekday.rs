//! Weekday names as people read them, shared by every route writer and the calendar.

use crate::report::labels::Lang;
use crate::route::WEEKDAYS;

/// A weekday as people read it: "Tuesday" / "火曜日".
pub fn weekday_name(day: u8, lang: Lang) -> String {
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    match lang {
        Lang::En => EN[day as usize].to_string(),
        Lang::Ja => format!("{}曜日", WEEKDAYS[day as usize].1),
    }
}

/// A short weekday: "Tue" / "火".
pub fn weekday_short(day: u8, lang: Lang) -> String {
    match lang {
        Lang::En => weekday_name(day, lang)[..3].to_string(),
        Lang::Ja => WEEKDAYS[day as usize].1.to_string(),
    }
}
