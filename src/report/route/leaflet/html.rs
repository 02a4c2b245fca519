//! The leaflet as one self-contained page to print: a table of every stop first (for the
//! council's notice board), then one A4 page per stop in large type (to post at the stop
//! or hand to its residents, many of whom are older readers). Nothing is fetched; every
//! user text is escaped.

use super::{entries, weekday, Entry};
use crate::report::escape::esc;
use crate::report::fonts::FONT_FAMILY;
use crate::report::labels::Lang;
use crate::report::route::info::RouteInfo;
use crate::report::route::weekday::{weekday_name, weekday_short};
use crate::route::{RouteProblem, WeekPlan};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;

/// The page's style: large type on screen and paper, one stop per printed page.
const CSS: &str = "body{max-width:52rem;margin:1.5rem auto;padding:0 1rem;color:#111;\
font-size:15pt;line-height:1.6}\
h1{font-size:24pt;border-bottom:4px solid #1f4e79;padding-bottom:.3rem;margin:0 0 .5rem}\
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:13pt}\
td.k{white-space:nowrap}\
th,td{border:1px solid #888;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#e8eef5}.period{font-size:17pt}.note{font-size:13pt;color:#333}\
.stop{margin-top:3rem}.stop h2{font-size:34pt;margin:.2rem 0;line-height:1.3}\
.kicker{font-size:18pt;color:#1f4e79;margin:0}.address{font-size:18pt;margin:.2rem 0 1rem}\
.days{font-size:30pt;font-weight:bold;margin:.5rem 0 0}\
.time{font-size:44pt;font-weight:bold;margin:0 0 1rem;font-variant-numeric:tabular-nums}\
dl{font-size:17pt;display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}\
dt{font-weight:bold}dd{margin:0}\
@page{size:A4;margin:15mm}\
@media print{body{margin:0;max-width:none}.stop{break-before:page;margin-top:0}\
tr{break-inside:avoid}thead{display:table-header-group}}";

/// A date as the language writes it: 「2027年1月5日（火）」, "Tue 5 Jan 2027".
fn date_words(d: NaiveDate, lang: Lang) -> String {
    let day = weekday_short(weekday(d), lang);
    match lang {
        Lang::En => format!("{day} {} {} {}", d.day(), d.format("%b"), d.year()),
        Lang::Ja => format!("{}年{}月{}日（{day}）", d.year(), d.month(), d.day()),
    }
}

/// A date or a dash when the calendar holds no such day.
fn maybe_date(d: Option<NaiveDate>, lang: Lang) -> String {
    d.map_or_else(|| "—".to_string(), |d| date_words(d, lang))
}

/// The leaflet page.
pub(super) fn leaflet_html(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
) -> String {
    let l = |en, ja| lang.pick(en, ja);
    let title = l("Mobile grocery sales: timetable", "移動販売 時刻表");
    let cal = &info.calendar;
    let period = format!(
        "{}{}{}",
        date_words(cal.start, lang),
        l(" to ", "～"),
        date_words(cal.last, lang)
    );
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>body{{font-family:{FONT_FAMILY}}}{CSS}</style>\n</head>\n\
         <body>\n<section class=\"all\">\n<h1>{}</h1>\n<p class=\"period\">{}</p>\n",
        l("en", "ja"),
        esc(title),
        esc(title),
        esc(&period)
    );
    let all = entries(p, plan, info, lang);
    summary_table(&mut out, &all, lang);
    let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(note(lang)));
    if let Some(b) = breaks_line(plan, lang) {
        let _ = writeln!(out, "<p class=\"note breaks\">{}</p>", esc(&b));
    }
    out.push_str("</section>\n");
    for e in &all {
        stop_page(&mut out, e, lang);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The drivers' breaks by weekday ("Lunch break: Mon 12:00–12:45, Wed 12:10–12:55"), so a
/// resident who sees the truck parked without selling knows why; none when no run breaks.
fn breaks_line(plan: &WeekPlan, lang: Lang) -> Option<String> {
    let mut items: Vec<String> = Vec::new();
    for run in &plan.runs {
        for &(a, b) in &run.breaks {
            items.push(format!(
                "{} {}–{}",
                crate::report::route::weekday::weekday_short(run.day, lang),
                crate::route::clock::clock(a),
                crate::route::clock::clock(b)
            ));
        }
    }
    if items.is_empty() {
        return None;
    }
    Some(format!(
        "{}{}",
        lang.pick("Drivers' break (no sales): ", "運転手の休憩（販売なし）："),
        items.join(lang.pick(", ", "、"))
    ))
}

/// What a published time promises, in words a resident reads.
fn note(lang: Lang) -> &'static str {
    lang.pick(
        "The truck is at the stop for the whole time shown, every week on the days shown, \
         from the first to the last date, except on the days listed.",
        "表示の時間中は必ず停車しています。初回から最終回まで毎週、表示の曜日に参ります\
         （お休みの日を除きます）。",
    )
}

/// Every stop in one table.
fn summary_table(out: &mut String, all: &[Entry], lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    out.push_str("<table>\n<thead><tr>");
    for h in [
        l("stop", "停留所"),
        l("address", "住所"),
        l("days", "曜日"),
        l("time", "時刻"),
        l("first", "初回"),
        l("last", "最終回"),
    ] {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for e in all {
        out.push_str("<tr>");
        // Days and times never break inside ("月・\n水" reads as two entries).
        for (k, cell) in [
            e.name.clone(),
            e.address.clone().unwrap_or_default(),
            e.days.clone(),
            e.time.clone(),
            maybe_date(e.first, lang),
            maybe_date(e.last, lang),
        ]
        .iter()
        .enumerate()
        {
            let class = if k == 2 || k == 3 { " class=\"k\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One stop's page: its name, address, days and time in large type, then its dates.
fn stop_page(out: &mut String, e: &Entry, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let _ = writeln!(
        out,
        "<section class=\"stop\" id=\"{}\">\n<p class=\"kicker\">{}</p>\n<h2>{}</h2>",
        esc(&e.id),
        esc(l("The mobile grocery truck comes to", "移動販売車が来ます")),
        esc(&e.name)
    );
    if let Some(a) = &e.address {
        let _ = writeln!(out, "<p class=\"address\">{}</p>", esc(a));
    }
    let days = match lang {
        Lang::En => {
            let names: Vec<String> = e.weekdays.iter().map(|&d| weekday_name(d, lang)).collect();
            format!("Every {}", names.join(" and "))
        }
        Lang::Ja => format!("毎週 {}曜日", e.days),
    };
    let _ = writeln!(
        out,
        "<p class=\"days\">{}</p>\n<p class=\"time\">{}</p>\n<dl>",
        esc(&days),
        esc(&e.time)
    );
    let mut item = |term: &str, value: String| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(&value));
    };
    item(l("First", "初回"), maybe_date(e.first, lang));
    item(l("Last", "最終回"), maybe_date(e.last, lang));
    if !e.skipped.is_empty() {
        let days: Vec<String> = e.skipped.iter().map(|d| date_words(*d, lang)).collect();
        item(l("No visit on", "お休み"), days.join(lang.pick(", ", "、")));
    }
    let _ = writeln!(
        out,
        "</dl>\n<p class=\"note\">{}</p>\n</section>",
        esc(note(lang))
    );
}
