//! The sections in the order a council reads them, and the short ones: the map, the side by
//! side comparison, the timetable, the ranked list, and the data and method.

use super::choice::{alternatives, why};
use super::method::method;
use super::page::{CouncilReport, Section, Table};
use super::runs::runs_section;
use super::summary::summary;
use crate::report::buyers::{assumptions, people_interval};
use crate::report::compare::{metric_rows, set_lines};
use crate::report::labels::Lang;
use crate::report::route::timetable::timetable_rows;
use crate::report::table::count;
use crate::route::{RouteProblem, WeekShape};

/// Every section, in reading order: where (the map first, so a printed report shows it on
/// page 1 whatever the length of the summary), what, the list, why, alternatives, then the
/// extras (comparison, timetable and each day's run only when asked for).
pub(super) fn sections(r: &CouncilReport, lang: Lang) -> Vec<Section> {
    let mut out = vec![
        map(r, lang),
        summary(r, lang),
        ranking(r, lang),
        why(r, lang),
        alternatives(r, lang),
    ];
    out.extend(comparison(r, lang));
    out.extend(timetable(r, lang));
    out.extend(r.route.map(|(p, plan)| runs_section(p, plan, lang)));
    out.push(method(r, lang));
    out
}

/// The map, drawn beforehand (SVG); Markdown says where to find it.
fn map(r: &CouncilReport, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    Section {
        id: "map",
        title: l("Map", "地図"),
        paragraphs: vec![],
        tables: vec![],
        svg: Some(r.map_svg.clone()),
    }
}

/// Stop sets side by side, when a comparison was asked for.
fn comparison(r: &CouncilReport, lang: Lang) -> Option<Section> {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let c = r.comparison?;
    let rows = metric_rows(c, lang);
    Some(Section {
        id: "comparison",
        title: l("Side by side", "案の比較"),
        paragraphs: set_lines(r.data, c, lang)
            .into_iter()
            .chain(crate::report::compare::area_line(c, lang))
            .chain(buyers_paragraph(r, lang))
            .collect(),
        tables: vec![Table {
            head: rows[0].clone(),
            rows: rows[1..].to_vec(),
        }],
        svg: None,
    })
}

/// The residents' weekly timetable, when route rules were given.
fn timetable(r: &CouncilReport, lang: Lang) -> Option<Section> {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let (p, plan) = r.route?;
    let rows = timetable_rows(p, plan, lang)
        .into_iter()
        .map(|(i, days, time)| vec![p.stops[i].label().to_string(), days, time])
        .collect();
    Some(Section {
        id: "timetable",
        title: l("Weekly timetable", "週の時刻表"),
        paragraphs: vec![timetable_note(p, lang)],
        tables: vec![Table {
            head: vec![l("stop", "停留所"), l("days", "曜日"), l("time", "時刻")],
            rows,
        }],
        svg: None,
    })
}

/// Where the runs start, how the week was shaped, and what a published time promises.
fn timetable_note(p: &RouteProblem, lang: Lang) -> String {
    let depot = lang.place(&p.depot);
    let pack = p.rules.shape == WeekShape::Pack;
    match lang {
        Lang::En => format!(
            "From {depot}; the same every week; {}. Times are on 5-minute marks inside the \
             truck's stay (arrival rounded up, departure down): it is there throughout.",
            if pack {
                "as few truck-days as the rules allow"
            } else {
                "stops spread over the days to keep each day short"
            }
        ),
        Lang::Ja => format!(
            "拠点：{depot}。毎週同じ時刻です。{}。時刻は5分単位で、到着は切り上げ、出発は切り捨て\
             のため、この間は必ず停車しています。",
            if pack {
                "運行日数をできるだけ少なくしています"
            } else {
                "1日の運行が短くなるよう日ごとに分散しています"
            }
        ),
    }
}

/// Every candidate's rank and the numbers behind it.
fn ranking(r: &CouncilReport, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    Section {
        id: "ranking",
        title: l("Ranked list of candidates", "候補地の順位"),
        paragraphs: buyers_paragraph(r, lang),
        tables: vec![ranked(r, lang)],
        svg: None,
    }
}

/// The buyers-per-visit model and its assumptions, beside the numbers, when there are surveys.
fn buyers_paragraph(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let s = &r.table.summary;
    s.survey
        .map(|_| assumptions(&s.buyers, lang))
        .into_iter()
        .collect()
}

fn ranked(r: &CouncilReport, lang: Lang) -> Table {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    Table {
        head: vec![
            l("rank", "順位"),
            l("candidate", "候補地"),
            l("score", "得点"),
            l("reach", "徒歩圏内"),
            l("aged 65+", "65歳以上"),
            l("far from a shop", "店から遠い高齢者"),
            l("potential users (95 %)", "利用見込み者（95 %）"),
            l("buyers per visit (95 %)", "1回あたり購入者（95 %）"),
            l("one visit serves", "1回で対応できる人数"),
            l("space", "スペース"),
            l("flags", "注意"),
        ],
        rows: r
            .table
            .candidates
            .iter()
            .map(|c| {
                // A site outside the data: its reach is not measurable, never 0.
                let m = |v: String| {
                    if c.measurable {
                        v
                    } else {
                        lang.unmeasurable().to_string()
                    }
                };
                vec![
                    c.rank.to_string(),
                    c.name.clone().unwrap_or_else(|| c.id.clone()),
                    m(format!("{:.1}", c.score)),
                    m(count(c.reach_weight)),
                    m(c.reach_65_plus.map_or("—".into(), count)),
                    m(c.far_from_shop_65_plus.map_or("—".into(), count)),
                    m(c.potential_users
                        .as_ref()
                        .map_or("—".into(), people_interval)),
                    m(c.buyers
                        .as_ref()
                        .map_or("—".into(), |b| people_interval(&b.per_visit))),
                    c.buyers.map_or("—".into(), |b| count(b.capacity)),
                    lang.space(c.space.status).to_string(),
                    c.flags
                        .iter()
                        .map(|f| lang.flag(*f))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    }
}
