//! Writers for a scenario batch: one row per scenario with its change from the baseline, and
//! how robustly each candidate is chosen. The terminal table and CSV are here; the page a
//! council reads is in [`page`], and names and statuses in words in [`words`].

mod page;
mod words;

pub use page::{scenarios_html, ScenarioPage};

use super::csv::neutralise;
use super::format::pretty;
use super::format::Format;
use super::labels::Lang;
use super::table::{aligned, count, printable};
use crate::error::Error;
use crate::model::number::round;
use crate::scenario::{Batch, NotRunReason, Row, RowOutcome, Solved};
use serde_json::{json, Value};
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

fn row_json(b: &Batch, file: &str, r: &Row) -> Value {
    let head = json!({"name": r.scenario.name, "line": r.scenario.line});
    let mut obj = head.as_object().cloned().unwrap_or_default();
    match &r.outcome {
        RowOutcome::NotRun(why) => {
            obj.insert("status".into(), "not_run".into());
            obj.insert("not_run_reason".into(), why.code().into());
            obj.insert("note".into(), why.note().into());
        }
        RowOutcome::Failed(e) => {
            obj.insert("status".into(), "error".into());
            obj.insert(
                "error".into(),
                format!("{file}:{}: {e}", r.scenario.line).into(),
            );
        }
        RowOutcome::Solved(s) => {
            let o = &s.result.outcome;
            let (added, dropped, people_change, aged_change) = change(b, s);
            let extra = json!({
                "status": o.status,
                "objective": round(o.objective, 6),
                "bound": if o.bound.is_finite() { json!(round(o.bound, 6)) } else { Value::Null },
                "gap": round(o.gap(), 6),
                "stops": s.stops,
                "forced": s.forced,
                "covered_weight": round(s.result.covered_weight, 3),
                "people_reached": s.people_reached.map(|v| round(v, 2)),
                "aged_65_plus_reached": s.aged_reached.map(|v| round(v, 2)),
                "potential_users": s.potential_users.map(|b| json!({
                    "estimate": round(b.estimate, 1),
                    "low": round(b.low, 1),
                    "high": round(b.high, 1),
                })),
                "added_vs_baseline": added,
                "dropped_vs_baseline": dropped,
                "top_ranked": s.top_ranked,
                "people_change": people_change.map(|v| round(v, 2)),
                "aged_65_plus_change": aged_change.map(|v| round(v, 2)),
                "seconds": round(s.result.seconds, 4),
            });
            obj.extend(extra.as_object().cloned().unwrap_or_default());
        }
    }
    Value::Object(obj)
}

/// The JSON batch.
pub fn scenarios_json(b: &Batch, file: &str) -> Value {
    json!({
        "file": file,
        "scenarios": b.rows.len(),
        "solved": b.solved,
        "failed": b.rows.len() - b.solved - b.not_run,
        "not_run": b.not_run,
        "interrupted": b.interrupted(),
        "rows": b.rows.iter().map(|r| row_json(b, file, r)).collect::<Vec<_>>(),
        "robustness": b.robustness.iter().map(|r| json!({
            "id": r.id,
            "name": r.name,
            "chosen_in": r.chosen_in,
            "forced_in": r.forced_in,
            "share": round(r.chosen_in as f64 / b.solved.max(1) as f64, 4),
        })).collect::<Vec<_>>(),
    })
}

/// Cells of one row for the table (formatted: the name and status in words), or CSV (`raw`:
/// plain numbers, the name and status as the file and JSON give them).
fn cells(b: &Batch, file: &str, r: &Row, names: &Names, lang: Lang, raw: bool) -> Vec<String> {
    let na = if raw {
        String::new()
    } else {
        lang.na().to_string()
    };
    let num = |v: f64| {
        if raw {
            round(v, 3).to_string()
        } else {
            count(v)
        }
    };
    match &r.outcome {
        RowOutcome::NotRun(why) => unsolved_cells(file, r, Err(*why), names, lang, raw),
        RowOutcome::Failed(e) => unsolved_cells(file, r, Ok(e), names, lang, raw),
        RowOutcome::Solved(s) => {
            let o = &s.result.outcome;
            let (added, dropped, _, aged_change) = change(b, s);
            let stops: Vec<String> = s
                .stops
                .iter()
                .zip(&s.forced)
                .map(|(id, f)| {
                    if *f == Some(true) {
                        format!("{id}*")
                    } else {
                        id.clone()
                    }
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
                shown_name(r, names, lang, raw),
                if raw {
                    format!("{:?}", o.status).to_lowercase()
                } else {
                    status_words(&r.outcome, lang)
                },
                num(o.objective),
                if raw {
                    round(o.gap(), 6).to_string()
                } else {
                    format!("{:.2} %", 100.0 * o.gap())
                },
                s.people_reached.map_or(na.clone(), num),
                s.aged_reached.map_or(na.clone(), num),
                aged_change.map_or(na.clone(), |d| {
                    if raw {
                        round(d, 3).to_string()
                    } else {
                        format!("{}{}", if d >= 0.0 { "+" } else { "" }, count(d))
                    }
                }),
                match s.potential_users {
                    Some(x) if raw => round(x.estimate, 1).to_string(),
                    Some(x) => {
                        format!("{} ({}–{})", count(x.estimate), count(x.low), count(x.high))
                    }
                    None => na,
                },
                format!("{}{moved}", stops.join(" ")),
            ]
        }
    }
}

/// The scenario's name: in words for the table, as the file gives it for CSV (`raw`).
fn shown_name(r: &Row, names: &Names, lang: Lang, raw: bool) -> String {
    if raw {
        r.scenario.name.clone()
    } else {
        scenario_label(&r.scenario, names, lang)
    }
}

/// A row that was not solved: its name, "error" (`Ok`) or "not run" (`Err`), and why in the
/// last column.
fn unsolved_cells(
    file: &str,
    r: &Row,
    failed: std::result::Result<&Error, NotRunReason>,
    names: &Names,
    lang: Lang,
    raw: bool,
) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    row[0] = shown_name(r, names, lang, raw);
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

fn robustness_rows(b: &Batch, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        lang.pick("candidate", "候補地").to_string(),
        lang.pick("id", "ID").to_string(),
        lang.pick("chosen in", "選ばれた数").to_string(),
        lang.pick("in every optimal set in", "全最適解に含まれた数")
            .to_string(),
    ]];
    for r in &b.robustness {
        rows.push(vec![
            r.name.clone().unwrap_or_else(|| r.id.clone()),
            r.id.clone(),
            format!("{} / {}", r.chosen_in, b.solved),
            r.forced_in.to_string(),
        ]);
    }
    rows
}

/// Renders the batch in the chosen format (table, CSV or JSON; GeoJSON is not offered).
pub fn render_scenarios(b: &Batch, file: &str, format: Format, lang: Lang) -> Vec<u8> {
    let names = Names::new(b, None);
    match format {
        Format::Json | Format::Geojson => pretty(&scenarios_json(b, file)),
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
            w.write_record(header(lang)).expect("writing to memory");
            for r in &b.rows {
                // Numbers stay numbers (a sign is not a formula); text is neutralised.
                let row: Vec<String> = cells(b, file, r, &names, lang, true)
                    .iter()
                    .map(|c| {
                        if c.parse::<f64>().is_ok() {
                            c.clone()
                        } else {
                            neutralise(c)
                        }
                    })
                    .collect();
                w.write_record(&row).expect("writing to memory");
            }
            w.into_inner().expect("writing to memory")
        }
        Format::Table => {
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
            let _ = writeln!(out);
            let mut rows = vec![header(lang)];
            rows.extend(b.rows.iter().map(|r| {
                cells(b, file, r, &names, lang, false)
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
            out.push_str(&aligned(&robustness_rows(b, lang), &[2, 3]));
            out.into_bytes()
        }
    }
}
