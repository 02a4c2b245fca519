//! Writers for a scenario batch: one row per scenario with its settings and its change from
//! the baseline, and how robustly each candidate is chosen. The terminal table is here; the
//! flat records every machine format shares in [`rows`] (JSON), [`csv`] and [`geojson`]; the
//! long tables of `--sites` and `--robustness` in [`sites`]; the page a council reads in
//! [`page`] with its charts in [`charts`], and names and statuses in words in [`words`].

mod charts;
mod csv;
mod geojson;
mod page;
mod rows;
mod sites;
mod stream;
mod words;

pub use geojson::scenarios_geojson;
pub use page::{scenarios_html, ScenarioPage};
pub use rows::{scenarios_json, ROBUSTNESS_KEYS, ROW_KEYS};
pub use sites::{robustness_table, sites_table, TableFormat, SITE_KEYS};

use super::format::Format;
use super::labels::Lang;
use super::table::{aligned, count, printable};
use crate::error::Error;
use crate::model::Dataset;
use crate::scenario::{Batch, NotRunReason, Row, RowOutcome, Solved};
use std::fmt::Write as _;
use words::{interrupted_scope, not_run_note, scenario_label, status_words, Names};

/// The baseline's solve, if it succeeded (row 0).
fn baseline(b: &Batch) -> Option<&Solved> {
    b.rows.first().and_then(|r| r.outcome.solved())
}

/// Stops added and dropped against the baseline, and the change in people and in aged 65+
/// reached (the same measures in every scenario, whatever each one's objective).
pub(super) fn change(
    b: &Batch,
    s: &Solved,
) -> (Vec<String>, Vec<String>, Option<f64>, Option<f64>) {
    let diff = |a: Option<f64>, base: Option<f64>| Some(a? - base?);
    match baseline(b) {
        Some(base) => (
            s.stops
                .iter()
                .filter(|x| !base.stops.contains(x))
                .cloned()
                .collect(),
            base.stops
                .iter()
                .filter(|x| !s.stops.contains(x))
                .cloned()
                .collect(),
            diff(s.people_reached, base.people_reached),
            diff(s.aged_reached, base.aged_reached),
        ),
        None => (Vec::new(), Vec::new(), None, None),
    }
}

/// Cells of one row for the table: the name and status in words, numbers with separators.
fn cells(b: &Batch, file: &str, r: &Row, names: &Names, lang: Lang) -> Vec<String> {
    let s = match &r.outcome {
        RowOutcome::NotRun(why) => return unsolved_cells(file, r, Err(*why), names, lang),
        RowOutcome::Failed(e) => return unsolved_cells(file, r, Ok(e), names, lang),
        RowOutcome::Solved(s) => s,
    };
    let na = || lang.na().to_string();
    let o = &s.result.outcome;
    let (added, dropped, _, aged_change) = change(b, s);
    let stops: Vec<String> = s
        .stops
        .iter()
        .zip(&s.forced)
        .map(|(id, f)| match f {
            Some(true) => format!("{id}*"),
            _ => id.clone(),
        })
        .collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("+{}", added.join(" +")));
    }
    if !dropped.is_empty() {
        parts.push(format!("−{}", dropped.join(" −")));
    }
    let moved = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(" "))
    };
    vec![
        scenario_label(&r.scenario, names, lang),
        status_words(&r.outcome, lang),
        count(o.objective),
        format!("{:.2} %", 100.0 * o.gap()),
        s.people_reached.map_or_else(na, count),
        s.aged_reached.map_or_else(na, count),
        aged_change.map_or_else(na, |d| {
            format!("{}{}", if d >= 0.0 { "+" } else { "" }, count(d))
        }),
        s.potential_users.map_or_else(na, |x| {
            format!("{} ({}–{})", count(x.estimate), count(x.low), count(x.high))
        }),
        format!("{}{moved}", stops.join(" ")),
    ]
}

/// A row that was not solved: its name, "error" (`Ok`) or "not run" (`Err`), and why in the
/// last column.
fn unsolved_cells(
    file: &str,
    r: &Row,
    failed: std::result::Result<&Error, NotRunReason>,
    names: &Names,
    lang: Lang,
) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    row[0] = scenario_label(&r.scenario, names, lang);
    match failed {
        Err(why) => {
            row[1] = lang.pick("not run", "未実行").into();
            row[COLUMNS.len() - 1] = not_run_note(why, lang).to_string();
        }
        Ok(e) => {
            row[1] = lang.pick("error", "エラー").into();
            row[COLUMNS.len() - 1] = format!("{file}:{}: {e}", r.scenario.line);
        }
    }
    row
}

/// Column labels, English and Japanese.
const COLUMNS: [(&str, &str); 9] = [
    ("scenario", "シナリオ"),
    ("status", "状態"),
    ("objective", "目的関数値"),
    ("gap", "ギャップ"),
    ("people reached", "到達人口"),
    ("aged 65+ reached", "到達65歳以上"),
    ("aged 65+ vs baseline", "65歳以上の基準との差"),
    ("potential users (95 %)", "利用見込み者（95 %）"),
    (
        "stops (* in every optimal set)",
        "停留所（*は全最適解に含まれる）",
    ),
];

fn header(lang: Lang) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|(en, ja)| lang.pick(en, ja).to_string())
        .collect()
}

/// The robustness table: share of the scenarios where each candidate was free to be chosen.
fn robustness_rows(b: &Batch, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![[
        ("candidate", "候補地"),
        ("id", "ID"),
        ("share", "選ばれた割合"),
        ("chosen where free", "自由なときに選ばれた数"),
        ("in every optimal set in", "全最適解に含まれた数"),
        ("required in", "必須とした数"),
        ("excluded in", "除外した数"),
    ]
    .iter()
    .map(|(en, ja)| lang.pick(en, ja).to_string())
    .collect()];
    for r in &b.robustness {
        rows.push(vec![
            r.name.clone().unwrap_or_else(|| r.id.clone()),
            r.id.clone(),
            r.share()
                .map_or_else(|| lang.na().to_string(), |s| format!("{:.0} %", 100.0 * s)),
            format!("{} / {}", r.chosen_in, r.free_in),
            r.forced_in.to_string(),
            r.required_in.to_string(),
            r.excluded_in.to_string(),
        ]);
    }
    rows
}

/// Renders the batch in the chosen format: the table in words, or the flat rows as CSV, JSON,
/// or the chosen stops of every scenario as GeoJSON points (which need the data's places).
pub fn render_scenarios(
    b: &Batch,
    file: &str,
    data: &Dataset,
    format: Format,
    lang: Lang,
) -> Vec<u8> {
    match format {
        Format::Json => rows::scenarios_json_bytes(b, file, data),
        Format::Geojson => geojson::scenarios_geojson_bytes(b, file, data),
        Format::Csv => {
            let rows = b.rows.iter().map(|r| rows::row_values(b, file, r));
            csv::records_csv(&ROW_KEYS, rows)
        }
        Format::Table => table(b, file, data, lang),
    }
}

/// The terminal table: every row in words, then the robustness table.
fn table(b: &Batch, file: &str, data: &Dataset, lang: Lang) -> Vec<u8> {
    let names = Names::new(b, None);
    let mut out = String::new();
    let _ = write!(
        out,
        "mobile-stops {} — {} ({} {}, {} {}",
        lang.pick("scenarios", "シナリオ比較"),
        printable(file),
        b.solved,
        lang.pick("solved", "件解けた"),
        b.rows.len() - b.solved - b.not_run,
        lang.pick("failed", "件エラー")
    );
    if b.not_run > 0 {
        let _ = write!(out, ", {} {}", b.not_run, lang.pick("not run", "件未実行"));
    }
    let _ = writeln!(out, ")");
    // Distances that are not the straight line say where they came from.
    for n in data.costs.iter().flat_map(|c| &c.notes) {
        let _ = writeln!(out, "{}: {}", lang.pick("note", "注"), lang.text(n));
    }
    let _ = writeln!(out);
    let mut rows = vec![header(lang)];
    rows.extend(b.rows.iter().map(|r| {
        cells(b, file, r, &names, lang)
            .iter()
            .map(|c| printable(c))
            .collect()
    }));
    out.push_str(&aligned(&rows, &[2, 3, 4, 5, 6, 7]));
    let _ = writeln!(out);
    let _ = write!(out, "{}", lang.pick("Robustness", "選ばれやすさ"));
    if let Some(scope) = interrupted_scope(b, lang) {
        let _ = write!(
            out,
            "{}{scope}{}",
            lang.pick(" (", "（"),
            lang.pick(")", "）")
        );
    }
    let _ = writeln!(out);
    out.push_str(&aligned(&robustness_rows(b, lang), &[2, 3, 4, 5, 6]));
    out.into_bytes()
}
