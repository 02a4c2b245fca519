//! The comparison's metric rows, label first then one cell per set: what the terminal table,
//! the Markdown minutes and the council page all show, so they never differ.

use super::buyers::people_interval;
use super::compare::share;
use super::labels::Lang;
use super::table::{count, printable};
use crate::score::compare::{Comparison, SetMetrics};

/// A row's label and how each set's cell is written.
type Rows = Vec<Vec<String>>;

/// The metric rows, header first; shared by table and markdown.
pub fn metric_rows(c: &Comparison, lang: Lang) -> Rows {
    let mut rows = vec![std::iter::once(String::new())
        .chain(c.sets.iter().map(|m| printable(&m.set.name)))
        .collect::<Vec<_>>()];
    reach_rows(c, lang, &mut rows);
    set_rows(c, lang, &mut rows);
    rows
}

/// One row: `label`, then `f` of each set.
fn push(rows: &mut Rows, c: &Comparison, label: String, f: &dyn Fn(&SetMetrics) -> String) {
    rows.push(std::iter::once(label).chain(c.sets.iter().map(f)).collect());
}

/// Whom each set reaches, with shares of the people inside the council's area when it is
/// known (else of everyone in the data), and the buyers the survey gives.
fn reach_rows(c: &Comparison, lang: Lang, rows: &mut Rows) {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let na = lang.na().to_string();
    let opt = |v: Option<f64>| v.map_or(na.clone(), count);
    let with_share = |v: Option<f64>, t: Option<f64>| match (v, share(v, t)) {
        (Some(v), Some(s)) => format!("{} ({:.1} %)", count(v), 100.0 * s + 0.0),
        (v, _) => opt(v),
    };
    let area = c.area.as_ref();
    let inside_words = area.map_or(String::new(), |a| match lang {
        Lang::En => format!("in {}", a.name),
        Lang::Ja => format!("うち{}内", a.name),
    });
    let in_area = |v: Option<f64>, inside: Option<f64>, t: Option<f64>| match (v, inside, t) {
        (Some(v), Some(i), Some(t)) if t > 0.0 => format!(
            "{} ({inside_words} {}: {:.1} %)",
            count(v),
            count(i),
            100.0 * i / t + 0.0
        ),
        _ => with_share(v, None),
    };
    push(rows, c, l("stops", "停留所数"), &|m| {
        m.set.sites.len().to_string()
    });
    push(rows, c, l("people reached", "到達人口"), &|m| match area {
        Some(a) => in_area(
            m.people_reached,
            m.in_area.and_then(|r| r.people),
            a.population,
        ),
        None => with_share(m.people_reached, c.total_population),
    });
    push(
        rows,
        c,
        l("aged 65+ reached", "到達65歳以上"),
        &|m| match area {
            Some(a) => in_area(
                m.aged_reached,
                m.in_area.and_then(|r| r.aged),
                a.aged_65_plus,
            ),
            None => with_share(m.aged_reached, c.total_aged),
        },
    );
    push(
        rows,
        c,
        l("far from a shop, reached", "店から遠い高齢者の到達"),
        &|m| with_share(m.far_reached, c.total_far),
    );
    push(
        rows,
        c,
        l("potential users (95 %)", "利用見込み者（95 %）"),
        &|m| {
            m.potential_users
                .as_ref()
                .map_or(na.clone(), people_interval)
        },
    );
    push(
        rows,
        c,
        l(
            "buyers per visit, all stops (95 %)",
            "1回あたり購入者・全停留所（95 %）",
        ),
        &|m| {
            m.buyers_per_visit
                .as_ref()
                .map_or(na.clone(), people_interval)
        },
    );
}

/// What each set leaves out, and which of its stops need a second look.
fn set_rows(c: &Comparison, lang: Lang, rows: &mut Rows) {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let na = lang.na().to_string();
    push(
        rows,
        c,
        l(
            "stops over one visit's capacity",
            "1回で対応しきれない停留所",
        ),
        &|m| match m.potential_users {
            Some(_) => m.over_capacity.len().to_string(),
            None => na.clone(),
        },
    );
    push(
        rows,
        c,
        l("uncovered cells", "未カバーの区画"),
        &|m| m.uncovered_points.to_string(),
    );
    push(
        rows,
        c,
        l("aged 65+ not reached", "未到達65歳以上"),
        &|m| m.uncovered_aged.map_or(na.clone(), count),
    );
    // Along the streets: who a circle would have counted besides.
    if c.sets.iter().any(|m| m.circle_only.is_some()) {
        push(
            rows,
            c,
            l(
                "in the circle, not reached along the streets (points / aged 65+)",
                "直線では圏内・道路沿いでは圏外（地点／65歳以上）",
            ),
            &|m| match &m.circle_only {
                Some(o) => format!(
                    "{} / {}",
                    count(o.points.len() as f64),
                    o.aged.map_or(na.clone(), count)
                ),
                None => na.clone(),
            },
        );
    }
    push(
        rows,
        c,
        l(
            "stops not measurable (outside the data)",
            "測定不可の停留所（データ範囲外）",
        ),
        &|m| m.unmeasurable.len().to_string(),
    );
    push(
        rows,
        c,
        l("stops without space", "スペース不足の停留所"),
        &|m| m.no_space.len().to_string(),
    );
    push(rows, c, l("space unknown", "スペース不明"), &|m| {
        m.space_unknown.len().to_string()
    });
}
