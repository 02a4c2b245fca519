//! The terminal view of a solve: a header of facts and proof, then one line per stop.

use super::order::ordered;
use super::words::{mean_distance, model_words, pct, proof_words};
use crate::report::labels::Lang;
use crate::report::left_out::council_words;
use crate::report::stop_warnings::warning_words;
use crate::report::table::{aligned, count, printable};
use crate::solve::{solve_warnings, Instance, SolveResult, Status};
use std::fmt::Write as _;

/// The terminal view: a header of facts and proof, then one line per stop.
pub fn solve_table(inst: &Instance, res: &SolveResult, lang: Lang) -> String {
    let mut out = String::new();
    facts(&mut out, inst, res, lang);
    measures(&mut out, inst, res, lang);
    if !res.stops.is_empty() {
        stop_lines(&mut out, inst, res, lang);
    }
    closing(&mut out, inst, res, lang);
    out
}

/// What was solved, on which data, and what was proven.
fn facts(out: &mut String, inst: &Instance, res: &SolveResult, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let _ = writeln!(
        out,
        "mobile-stops {} — {}",
        l("solve", "停留所の選定"),
        printable(lang.data(&inst.label))
    );
    let capacitated = if res.params.capacitated {
        l("capacitated ", "容量制約付き ")
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{}: {capacitated}{}",
        l("model", "モデル"),
        model_words(inst, res, lang)
    );
    // The planner's English table names the column as the flag takes it; a Japanese one in
    // words.
    let weight = match &inst.weight_column {
        Some(c) if lang == Lang::En => format!("{c} ({})", count(res.total_weight)),
        Some(c) => format!("{}（{}）", lang.column(c), count(res.total_weight)),
        None => l("1 per demand point", "地点ごとに1").to_string(),
    };
    let _ = writeln!(
        out,
        "{}: {} {}, {} {}; {}: {}",
        l("data", "データ"),
        inst.points(),
        l("demand points", "地点"),
        inst.sites.len(),
        l("candidate sites", "候補地"),
        l("weight", "重み"),
        weight
    );
    let _ = writeln!(out, "{}: {}", l("result", "結果"), proof_words(res, lang));
}

/// The objective, bound and gap, the average walk and the share reached; the points no site
/// reaches; the time taken.
fn measures(out: &mut String, inst: &Instance, res: &SolveResult, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let o = &res.outcome;
    if o.status != Status::Infeasible {
        let _ = writeln!(
            out,
            "{}: {}   {}: {}   {}: {}",
            l("objective", "目的関数値"),
            num(o.objective),
            l("bound", "限界値"),
            num(o.bound),
            l("gap", "ギャップ"),
            format_args!("{} %", pct(o.gap() * 100.0)),
        );
        if let Some(md) = mean_distance(res) {
            let _ = writeln!(
                out,
                "{}: {}",
                l(
                    "mean distance to the nearest stop",
                    "最寄り停留所までの平均距離"
                ),
                format_args!("{}{}", num((md * 10.0).round() / 10.0), unit(inst))
            );
        }
        let share = if res.total_weight > 0.0 {
            100.0 * res.covered_weight / res.total_weight
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "{}: {} / {} ({share:.1} %)",
            format_args!(
                "{} {} {}",
                l("weight within", "到達重み"),
                res.params.radius_m,
                crate::report::table::unit_word(inst.unit(), lang)
            ),
            count(res.covered_weight),
            count(res.total_weight),
        );
    }
    if res.unreachable_points > 0 {
        let _ = writeln!(
            out,
            "{}: {} ({} {})",
            l(
                "points no allowed site reaches",
                "どの候補地からも届かない地点"
            ),
            res.unreachable_points,
            l("weight", "重み"),
            count(res.unreachable_weight)
        );
    }
    let _ = match lang {
        Lang::En => writeln!(out, "time: {:.2} s, seed {}", res.seconds, res.params.seed),
        Lang::Ja => writeln!(
            out,
            "計算時間: {:.2} 秒、乱数の種 {}",
            res.seconds, res.params.seed
        ),
    };
}

/// One line per chosen stop, in id order; `*` marks a required stop.
fn stop_lines(out: &mut String, inst: &Instance, res: &SolveResult, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    out.push('\n');
    let mut rows = vec![[
        ("id", "ID"),
        ("name", "名称"),
        ("kind", "種別"),
        ("serves", "担当重み"),
        ("only here", "単独到達"),
        ("reach", "到達重み"),
        ("65+", "65歳以上"),
        ("max dist", "最大距離"),
        ("space", "場所"),
    ]
    .iter()
    .map(|(e, j)| lang.pick(e, j).to_string())
    .collect::<Vec<_>>()];
    for s in ordered(inst, res) {
        let site = &inst.sites[s.site];
        let mut id = printable(&site.id);
        if s.required {
            id.push('*');
        }
        rows.push(vec![
            id,
            printable(site.name.as_deref().unwrap_or_default()),
            printable(&lang.kind(site.kind.as_deref().unwrap_or_default())),
            count(s.assigned_weight),
            count(s.unique_coverage),
            count(s.reach_weight),
            s.reach_65_plus
                .map(count)
                .unwrap_or_else(|| lang.na().into()),
            format!("{}{}", count(s.max_distance), unit(inst)),
            site.space
                .map(|sp| lang.space(sp.status).to_string())
                .unwrap_or_else(|| lang.na().into()),
        ]);
    }
    out.push_str(&aligned(&rows, &[3, 4, 5, 6, 7]));
    if res.stops.iter().any(|s| s.required) {
        let required = l("required (--require)", "必ず含める停留所として指定");
        let _ = writeln!(out, "* {required}");
    }
}

/// Sites that were not allowed, with the reason, and the data's notes.
fn closing(out: &mut String, inst: &Instance, res: &SolveResult, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    if !res.exclusions.is_empty() {
        let _ = writeln!(out, "\n{}:", l("not allowed", "選択対象外"));
        let weight = inst.weight_column.as_deref().map_or_else(
            || l("demand points", "地点数").to_string(),
            |c| lang.column(c),
        );
        for e in &res.exclusions {
            // The planner's English table names the flag; a Japanese one says it in words.
            let site = &inst.sites[e.site];
            let (who, why) = match lang {
                Lang::En => (site.id.as_str(), e.detail.clone()),
                Lang::Ja => (
                    site.name.as_deref().unwrap_or(&site.id),
                    council_words(e, &weight, lang),
                ),
            };
            let _ = writeln!(out, "  {}: {why}", printable(who));
        }
    }
    let label = |k: usize| stop_label(inst, res.stops[k].site);
    for w in solve_warnings(inst, res) {
        let words = warning_words(&w, &label, lang);
        let _ = writeln!(out, "{} {}", l("warning:", "注意:"), printable(&words));
    }
    for n in &inst.notes {
        let _ = writeln!(out, "{} {}", l("note:", "注:"), lang.text(n));
    }
}

/// A site as a warning names it: `name (id)`, or the id.
pub(crate) fn stop_label(inst: &Instance, site: usize) -> String {
    let s = &inst.sites[site];
    match &s.name {
        Some(n) => format!("{n} ({})", s.id),
        None => s.id.clone(),
    }
}

/// " m" after a distance on the ground (" min" from a cost matrix of minutes); nothing after
/// a benchmark's unitless one.
fn unit(inst: &Instance) -> &'static str {
    match (inst.in_metres(), inst.unit()) {
        (true, _) => " m",
        (false, crate::model::CostUnit::Minutes) => " min",
        (false, crate::model::CostUnit::Metres) => "",
    }
}

fn num(x: f64) -> String {
    if !x.is_finite() {
        "-".into()
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        count(x)
    } else {
        format!("{x:.2}")
    }
}
