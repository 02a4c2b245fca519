//! The terminal table: a header saying what the list rests on, one aligned line per candidate,
//! and a legend of the flags that appear. Widths count East Asian characters as two columns so
//! Japanese names line up.

use super::escape::{is_bidi_control, BIDI_SHOWN};
use super::labels::Lang;
use crate::score::{CandidateScore, Flag, ScoreTable, Summary};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Formats a count with thousands separators, rounded to a whole number.
pub fn count(x: f64) -> String {
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// The facts above the ranked list: the data, its weight and mesh, the radius and vehicles.
fn header(s: &Summary, lang: Lang, out: &mut String) {
    let l = |en, ja| lang.pick(en, ja);
    let _ = writeln!(
        out,
        "mobile-stops {} — {}",
        l("rank", "候補地の順位"),
        printable(lang.data(&s.data))
    );
    let mut demand = format!("{} {}", s.demand_points, l("demand points", "地点"));
    if let Some(p) = s.total_population {
        let _ = write!(demand, ", {} {}", l("population", "人口"), count(p));
    }
    if let Some(a) = s.total_65_plus {
        let _ = write!(demand, ", {} {}", l("aged 65+", "65歳以上"), count(a));
    }
    // The planner's English table names the column as the flag takes it; a Japanese one in
    // words.
    let weight = match &s.weight_column {
        Some(c) if lang == Lang::En => format!("{c} ({})", count(s.total_weight)),
        Some(c) => format!("{}（{}）", lang.column(c), count(s.total_weight)),
        None => l("1 per demand point", "地点ごとに1").to_string(),
    };
    let _ = writeln!(
        out,
        "{}: {demand}; {}: {weight}",
        l("data", "データ"),
        l("weight", "重み")
    );
    if let Some(m) = s.mesh {
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}, {} {}",
            l("census mesh", "国勢調査メッシュ"),
            m.published_cells,
            l("cells published", "セル公開"),
            m.merge_targets,
            l("merge targets", "合算先"),
            m.suppressed_cells,
            l("suppressed and merged", "秘匿・合算"),
        );
    }
    let radius = match (&s.streets, &s.cost_matrix) {
        (Some(file), _) => format!(
            "{} m ({} {file}, {})",
            s.radius_m,
            l("walked along the streets of", "道路に沿った徒歩距離:"),
            crate::network::CREDIT
        ),
        (None, None) => format!("{} m", s.radius_m),
        (None, Some((file, unit))) => format!(
            "{} {} ({} {file})",
            s.radius_m,
            unit_word(*unit, lang),
            l("by the cost matrix", "コスト行列")
        ),
    };
    let _ = writeln!(
        out,
        "{}: {radius}; {}: {}; {}: {} ({} {})",
        l("walking radius", "徒歩圏"),
        l("vehicles per site", "必要台数"),
        s.vehicles,
        l("candidates", "候補地"),
        s.candidates,
        s.eligible,
        l("eligible", "対象"),
    );
    score_lines(s, lang, out);
}

/// How the score is made (terms, weights, terms left out), the survey and shops it rests on,
/// and the data's notes.
fn score_lines(s: &Summary, lang: Lang, out: &mut String) {
    let l = |en, ja| lang.pick(en, ja);
    let used: Vec<String> = s
        .terms_used
        .iter()
        .map(|&t| format!("{} ×{}", lang.term(t), s.weights.get(t)))
        .collect();
    let _ = writeln!(
        out,
        "{}: {} — {}",
        l("score", "スコア"),
        used.join(", "),
        l(
            "0-100, each term as a share of the best site's value, weighted",
            "0〜100。各項目を最良の候補地に対する割合にして重み付け",
        )
    );
    for d in &s.terms_dropped {
        let _ = writeln!(
            out,
            "{}: {} — {}",
            l("not used", "未使用"),
            lang.term(d.term),
            // The English table is the planner's and names the flag; a Japanese one is read
            // by a council too.
            super::left_out::dropped_words(d, lang, lang == Lang::En)
        );
    }
    if let Some(v) = s.survey {
        let _ = writeln!(
            out,
            "{}: {} {}, {} {} ({:.1} %); {}",
            l("survey", "アンケート"),
            v.places,
            l("places", "地点"),
            v.respondents,
            l("answers, overall would-use", "回答、全体の利用意向"),
            100.0 * v.overall_rate,
            l(
                "rates shrunk towards the overall rate, 95 % intervals",
                "率は全体の率に寄せた推定、95%区間",
            ),
        );
        let _ = writeln!(
            out,
            "{}: {}",
            l("buyers", "購入者"),
            super::buyers::assumptions(&s.buyers, lang)
        );
    }
    if let Some(n) = s.stores {
        let _ = writeln!(
            out,
            "{}: {n}; {}: {} m",
            l("shops", "店舗"),
            l("far from a shop means at least", "店から遠い＝最寄り店まで"),
            s.shop_distance_m
        );
    }
    for n in &s.notes {
        let _ = writeln!(out, "{}: {}", l("note", "注意"), lang.text(n));
    }
}

/// "778 [504-1,068]", or "not available".
fn bracketed(i: Option<&crate::score::Interval>, na: &str) -> String {
    i.map_or_else(
        || na.to_string(),
        |b| format!("{} [{}-{}]", count(b.estimate), count(b.low), count(b.high)),
    )
}

fn pct_interval(c: &CandidateScore, na: &str) -> String {
    match c.need {
        Some(n) => format!(
            "{:.0}% [{:.0}-{:.0}]",
            100.0 * n.rate,
            100.0 * n.low,
            100.0 * n.high
        ),
        None => na.to_string(),
    }
}

/// Text with control characters (a quoted newline in a name) shown as spaces, so one candidate
/// stays on one line, and bidirectional controls neutralised, so it reads in its own order.
pub(crate) fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            c if is_bidi_control(c) => BIDI_SHOWN,
            c => c,
        })
        .collect()
}

/// Lines up rows of cells (the first row is the header) in columns, counting East Asian
/// characters as two; `numeric` columns are right-aligned.
pub(crate) fn aligned(rows: &[Vec<String>], numeric: &[usize]) -> String {
    let mut out = String::new();
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.width());
            if i > 0 {
                line.push_str("  ");
            }
            if numeric.contains(&i) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// Renders the ranked list for a terminal.
pub fn rank_table(table: &ScoreTable, lang: Lang) -> String {
    let s = &table.summary;
    let mut out = String::new();
    header(s, lang, &mut out);
    out.push('\n');
    let straight = table.summary.streets.is_some();
    let rows = rank_rows(table, lang, straight);
    let right: &[usize] = if straight {
        &[0, 4, 5, 6, 7, 8, 9, 13]
    } else {
        &[0, 4, 5, 6, 7, 8, 12]
    };
    out.push_str(&aligned(&rows, right));
    let present: Vec<Flag> = Flag::ALL
        .into_iter()
        .filter(|f| table.candidates.iter().any(|c| c.flags.contains(f)))
        .collect();
    if !present.is_empty() {
        out.push('\n');
        for f in present {
            let _ = writeln!(out, "{}: {}", lang.flag(f), lang.flag_help(f));
        }
    }
    out
}

/// The ranked list's cells, the heading first; with streets (`straight`), the straight-line
/// circle's weight stands next to the walked one.
fn rank_rows(table: &ScoreTable, lang: Lang, straight: bool) -> Vec<Vec<String>> {
    let na = lang.na();
    let opt = |x: Option<f64>| x.map(count).unwrap_or_else(|| na.to_string());
    let heads: Vec<&str> = [
        ("rank", "順位"),
        ("id", "ID"),
        ("name", "名称"),
        ("kind", "種別"),
        ("score", "スコア"),
        ("weight", "重み"),
        ("people", "人口"),
        ("65+", "65歳以上"),
        ("far 65+", "店遠65+"),
        ("would use [95%]", "利用意向[95%]"),
        ("users [95%]", "利用見込[95%]"),
        ("buyers/visit [95%]", "1回購入者[95%]"),
        ("serves", "対応可"),
        ("space", "場所"),
        ("flags", "注意"),
    ]
    .iter()
    .map(|(en, ja)| lang.pick(en, ja))
    .collect();
    let mut rows: Vec<Vec<String>> = vec![heads.iter().map(|h| h.to_string()).collect()];
    if straight {
        rows[0].insert(6, lang.pick("circle", "円内").to_string());
    }
    for c in &table.candidates {
        let space = match c.space.vehicles_fit {
            Some(n) => format!("{} ({n})", lang.space(c.space.status)),
            None => lang.space(c.space.status).to_string(),
        };
        // A site outside the data: its reach is not measurable, never 0.
        let m = |v: String| {
            if c.measurable {
                v
            } else {
                lang.unmeasurable().to_string()
            }
        };
        rows.push(vec![
            c.rank.to_string(),
            printable(&c.id),
            printable(c.name.as_deref().unwrap_or_default()),
            printable(&lang.kind(c.kind.as_deref().unwrap_or_default())),
            m(format!("{:.1}", c.score)),
            m(count(c.reach_weight)),
            m(opt(c.reach_population)),
            m(opt(c.reach_65_plus)),
            m(opt(c.far_from_shop_65_plus)),
            pct_interval(c, na),
            m(bracketed(c.potential_users.as_ref(), na)),
            m(bracketed(c.buyers.as_ref().map(|b| &b.per_visit), na)),
            c.buyers
                .map_or_else(|| na.to_string(), |b| count(b.capacity)),
            space,
            c.flags
                .iter()
                .map(|&f| lang.flag(f))
                .collect::<Vec<_>>()
                .join(", "),
        ]);
        if straight {
            let circle = m(opt(c.straight_reach_weight));
            rows.last_mut().expect("just pushed").insert(6, circle);
        }
    }
    rows
}

/// A radius's unit in words: `m`, or `min` (`分`) for a cost matrix of minutes.
pub(crate) fn unit_word(unit: crate::model::CostUnit, lang: Lang) -> &'static str {
    match unit {
        crate::model::CostUnit::Metres => "m",
        crate::model::CostUnit::Minutes => lang.pick("min", "分"),
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(232_022.4), "232,022");
        assert_eq!(count(999.5), "1,000");
        assert_eq!(count(0.0), "0");
        assert_eq!(count(-1234.0), "-1,234");
    }
}
