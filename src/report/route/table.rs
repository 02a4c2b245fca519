//! The terminal view of the week: the rules, each day's run as a driver reads it, the
//! residents' timetable and the totals.

use super::info::RouteInfo;
use super::runsheet::{self, day_label, duration, run_head, sheet, step_words, sum_words, Step};
use super::timetable::{timetable_rows, totals};
use super::weekday::weekday_short;
use crate::report::labels::Lang;
use crate::report::table::{aligned, printable};
use crate::route::clock::clock;
use crate::route::{Place, RouteProblem, Run, TravelSource, WeekPlan, WeekShape};
use std::fmt::Write as _;

/// The terminal view: the rules, each day's run, the residents' timetable, totals.
pub fn route_table(p: &RouteProblem, plan: &WeekPlan, info: &RouteInfo, lang: Lang) -> String {
    let mut out = String::new();
    rules(&mut out, p, info, lang);
    for run in &plan.runs {
        run_lines(&mut out, p, run, lang);
    }
    timetable(&mut out, p, plan, lang);
    week_totals(&mut out, p, plan, lang);
    out
}

/// Where the data and stops came from, the depot, and the week's rules and travel.
fn rules(out: &mut String, p: &RouteProblem, info: &RouteInfo, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let r = &p.rules;
    let _ = writeln!(
        out,
        "mobile-stops {} — {}",
        l("route", "運行計画"),
        printable(lang.data(&info.data))
    );
    let _ = writeln!(
        out,
        "{}: {}",
        l("stops from", "停留所"),
        printable(lang.text(&info.stops_from))
    );
    let _ = writeln!(
        out,
        "{}: {}",
        l("depot", "拠点"),
        printable(&describe_place(&p.depot, lang))
    );
    let travel = match &p.travel.source {
        TravelSource::Straight { speed_kmh, detour } => match lang {
            Lang::En => format!("straight line × {detour} at {speed_kmh} km/h"),
            Lang::Ja => format!("直線距離 × {detour}、時速 {speed_kmh} km"),
        },
        TravelSource::Matrix { file } => match lang {
            Lang::En => format!("travel-time matrix {file}"),
            Lang::Ja => format!("所要時間表 {file}"),
        },
        TravelSource::Network { file, .. } => match lang {
            Lang::En => format!(
                "fastest drives along the streets of {file} ({})",
                crate::network::CREDIT
            ),
            Lang::Ja => format!(
                "{file} の道路網での最短時間経路（{}）",
                crate::network::CREDIT
            ),
        },
    };
    let days: Vec<String> = r.days.iter().map(|&d| weekday_short(d, lang)).collect();
    let shape = match r.shape {
        WeekShape::Pack => l("as few truck-days as fit", "できるだけ少ない日数に集約"),
        WeekShape::Spread => l("spread over the days", "日ごとに分散"),
    };
    let brk = r
        .brk
        .map(|b| {
            format!(
                "; {} {}–{} {}",
                l("break", "休憩"),
                clock(b.from),
                clock(b.to),
                duration(b.minutes, lang)
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {}; {} {}–{}; {} {}; {} {}{brk}; {shape}; {}",
        l("week", "週"),
        days.join(" "),
        l("window", "時間帯"),
        clock(r.window_start),
        clock(r.window_end),
        r.service_min,
        l("min a stop", "分/か所"),
        r.truck_count(),
        l("truck(s)", "台"),
        travel,
    );
}

/// One day's run as a driver reads it: leave and back, each visit, each wait of 10 minutes or
/// more and each break on a line of its own, then the truck's window and what fills it (see
/// [`runsheet`](super::runsheet): the minutes add up to the window exactly).
fn run_lines(out: &mut String, p: &RouteProblem, run: &Run, lang: Lang) {
    let _ = writeln!(out);
    let Some(sheet) = sheet(p, run) else {
        let _ = writeln!(
            out,
            "{}: {}",
            day_label(p, run, lang),
            lang.pick("no run", "運行なし")
        );
        return;
    };
    let km = p
        .run_km(run)
        .map(|k| format!(", {:.1} km", k))
        .unwrap_or_default();
    let _ = writeln!(out, "{}{km}", run_head(p, run, &sheet, lang));
    let rows: Vec<Vec<String>> = sheet
        .steps
        .iter()
        .filter(|s| s.shown())
        .map(|step| {
            let (time, what) = step_words(p, step, lang);
            match *step {
                Step::Visit { order, stop, .. } => vec![
                    format!("  {order}"),
                    time,
                    printable(&what),
                    printable(&p.stops[stop].id),
                ],
                _ => vec![String::new(), time, what, String::new()],
            }
        })
        .collect();
    out.push_str(&aligned(&rows, &[0]));
    let _ = writeln!(out, "  {}", sum_words(&sheet, lang));
}

/// The residents' timetable, the same every week.
fn timetable(out: &mut String, p: &RouteProblem, plan: &WeekPlan, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        l("Timetable (the same every week)", "時刻表（毎週同じ）")
    );
    let mut rows = vec![vec![
        l("stop", "停留所").to_string(),
        l("id", "ID").to_string(),
        l("days", "曜日").to_string(),
        l("time", "時刻").to_string(),
    ]];
    for (i, days, time) in timetable_rows(p, plan, lang) {
        rows.push(vec![
            printable(p.stops[i].label()),
            printable(&p.stops[i].id),
            days,
            time,
        ]);
    }
    out.push_str(&aligned(&rows, &[]));
    let _ = writeln!(
        out,
        "{}",
        l(
            "Published times: arrival rounded up and departure rounded down to 5 minutes, so the \
             truck is there throughout; the runs above give the exact minutes.",
            "公表時刻は5分単位（到着は切り上げ、出発は切り捨て）で、この間は必ず停車しています。\
             正確な時刻は上の各日の運行のとおりです。"
        )
    );
    let _ = writeln!(out);
}

/// The week's totals in one line, summed from the runs as shown (so they add up with them).
fn week_totals(out: &mut String, p: &RouteProblem, plan: &WeekPlan, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let t = totals(p, plan);
    let sheets: Vec<_> = plan.runs.iter().filter_map(|r| sheet(p, r)).collect();
    let sum = |f: &dyn Fn(&runsheet::Sheet) -> i64| sheets.iter().map(f).sum::<i64>() as f64;
    let on_road: Vec<i64> = sheets.iter().map(|s| s.on_road()).collect();
    let km = t.km.map(|k| format!(", {k:.1} km")).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {} {} / {} {}; {} {}{km}; {} {}; {} {} ({} {}, {} {})",
        l("week", "週計"),
        p.stops.len(),
        l("stops", "か所"),
        t.visits,
        l("visits", "回"),
        l("driving", "運転"),
        duration(sum(&|s| s.driving), lang),
        l("at stops", "販売"),
        duration(sum(&|s| s.at_stops), lang),
        l("on the road", "稼働"),
        duration(sum(&|s| s.on_road()), lang),
        l("longest day", "最長"),
        duration(on_road.iter().copied().max().unwrap_or(0) as f64, lang),
        l("shortest", "最短"),
        duration(on_road.iter().copied().min().unwrap_or(0) as f64, lang),
    );
}

/// The depot as the header names it: label, id when there is a name, and position.
fn describe_place(p: &Place, lang: Lang) -> String {
    let mut s = lang.place(p).to_string();
    if p.name.is_some() {
        let _ = write!(s, " ({})", p.id);
    }
    if let Some(l) = p.location {
        let _ = write!(s, " {:.5}, {:.5}", l.lat, l.lon);
    }
    s
}
