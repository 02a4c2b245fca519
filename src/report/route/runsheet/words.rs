//! A run's lines in words, for the terminal table and the council's report alike.

use super::{Sheet, Step};
use crate::report::labels::Lang;
use crate::route::clock::{clock, hm};
use crate::route::{RouteProblem, Run};

/// A duration as the language writes it: "2 h 45 min", 「2時間45分」.
pub(crate) fn duration(minutes: f64, lang: Lang) -> String {
    let m = minutes.round() as i64;
    match lang {
        Lang::En => hm(minutes),
        Lang::Ja if m < 60 => format!("{m}分"),
        Lang::Ja if m % 60 == 0 => format!("{}時間", m / 60),
        Lang::Ja => format!("{}時間{}分", m / 60, m % 60),
    }
}

/// Whole minutes in words.
fn mins(m: i64, lang: Lang) -> String {
    duration(m as f64, lang)
}

/// The run's day and truck as a heading: "Monday", "Monday truck 2", "Monday truck B from
/// 茅ヶ崎店" (the depot is named when it is not the plan's depot); then leaving (and how long
/// after the window opens, when later) and coming back.
pub(crate) fn run_head(p: &RouteProblem, run: &Run, sheet: &Sheet, lang: Lang) -> String {
    format!(
        "{}: {} {} {}",
        day_label(p, run, lang),
        leave_words(sheet, lang),
        lang.pick("back", "帰着"),
        clock(sheet.back as f64)
    )
}

/// The day, with the truck when there are several and its depot when not the plan's.
pub(crate) fn day_label(p: &RouteProblem, run: &Run, lang: Lang) -> String {
    let mut head = super::super::weekday::weekday_name(run.day, lang);
    if p.rules.truck_count() > 1 {
        let id = super::truck_of(p, run).id;
        head.push_str(&match lang {
            Lang::En => format!(" truck {id}"),
            Lang::Ja => format!(" 車両 {id}"),
        });
    }
    if run.depot != 0 {
        let depot = lang.place(p.depot_of(run));
        head.push_str(&match lang {
            Lang::En => format!(" from {depot}"),
            Lang::Ja => format!("（{depot}発）"),
        });
    }
    head
}

/// "leave 10:00", or "leave 11:15 (1 h 15 min after the window opens)".
fn leave_words(sheet: &Sheet, lang: Lang) -> String {
    let at = clock(sheet.leave as f64);
    match (sheet.late(), lang) {
        (0, Lang::En) => format!("leave {at}"),
        (0, Lang::Ja) => format!("出発 {at}"),
        (late, Lang::En) => format!("leave {at} ({} after the window opens)", mins(late, lang)),
        (late, Lang::Ja) => format!("出発 {at}（開始の{}後）", mins(late, lang)),
    }
}

/// Leaving as a line of a run's list: "leave 日枝神社（中島）", with how long after the
/// window opens when later.
pub(crate) fn leave_line(p: &RouteProblem, run: &Run, sheet: &Sheet, lang: Lang) -> String {
    let depot = lang.place(p.depot_of(run));
    match (sheet.late(), lang) {
        (0, Lang::En) => format!("leave {depot}"),
        (0, Lang::Ja) => format!("{depot}を出発"),
        (late, Lang::En) => format!(
            "leave {depot} ({} after the window opens)",
            mins(late, lang)
        ),
        (late, Lang::Ja) => format!("{depot}を出発（開始の{}後）", mins(late, lang)),
    }
}

/// Coming back as a line of a run's list: "back at 日枝神社（中島）".
pub(crate) fn back_line(p: &RouteProblem, run: &Run, lang: Lang) -> String {
    let depot = lang.place(p.depot_of(run));
    match lang {
        Lang::En => format!("back at {depot}"),
        Lang::Ja => format!("{depot}に帰着"),
    }
}

/// A step as a line: its time ("10:04–10:34") and what happens (the stop's name, "wait 25
/// min", "break 45 min").
pub(crate) fn step_words(p: &RouteProblem, step: &Step, lang: Lang) -> (String, String) {
    let span = |from: i64, to: i64| format!("{}–{}", clock(from as f64), clock(to as f64));
    match *step {
        Step::Visit { stop, from, to, .. } => (span(from, to), p.stops[stop].label().to_string()),
        Step::Wait { from, to, .. } => (
            span(from, to),
            format!("{} {}", lang.pick("wait", "待機"), mins(to - from, lang)),
        ),
        Step::Break { from, to } => (
            span(from, to),
            format!("{} {}", lang.pick("break", "休憩"), mins(to - from, lang)),
        ),
    }
}

/// The truck's window and the minutes that fill it, each as shown: "window 10:00–16:00 (6 h)
/// = at stops 4 h + driving 50 min + spare 1 h 10 min" (a later start, waiting and breaks
/// named when there are any).
pub(crate) fn sum_words(sheet: &Sheet, lang: Lang) -> String {
    let (open, close) = sheet.window;
    let mut parts = Vec::new();
    let mut part = |en: &str, ja: &str, m: i64, always: bool| {
        if always || m != 0 {
            parts.push(format!("{} {}", lang.pick(en, ja), mins(m, lang)));
        }
    };
    part("later start", "遅い出発", sheet.late(), false);
    part("at stops", "販売", sheet.at_stops, true);
    part("driving", "運転", sheet.driving, true);
    part("waiting", "待機", sheet.waiting, false);
    part("break", "休憩", sheet.breaks, false);
    part("spare", "余裕", sheet.spare(), true);
    let window = format!("{}–{}", clock(open as f64), clock(close as f64));
    let length = mins(close - open, lang);
    match lang {
        Lang::En => format!("window {window} ({length}) = {}", parts.join(" + ")),
        Lang::Ja => format!("時間帯 {window}（{length}）= {}", parts.join(" + ")),
    }
}
