//! The scenario page a council reads (`scenarios --report`): each what-if by name and in words,
//! what it reaches against the baseline, its stops by name, and how often each candidate is
//! chosen; the file, the command and any errors in a box for the planner at the end.

use super::change;
use super::words::interrupted_scope;
use super::words::{scenario_label, status_words, Names};
use crate::model::Dataset;
use crate::report::escape::esc;
use crate::report::fonts::FONT_FAMILY;
use crate::report::labels::Lang;
use crate::report::solve::words::pct;
use crate::report::table::count;
use crate::scenario::{Batch, NotRunReason, Row, RowOutcome, Solved};
use crate::solve::Status;
use std::fmt::Write as _;

/// What the page shows besides the batch.
pub struct ScenarioPage<'a> {
    /// The batch.
    pub batch: &'a Batch,
    /// The scenario file as the planner named it.
    pub file: &'a str,
    /// The data the scenarios share (its label and the candidates' names).
    pub data: Option<&'a Dataset>,
    /// The command that made the page, for the planner's box.
    pub command: Option<String>,
}

const CSS: &str = "margin:1.5rem}table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}\
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}\
th{background:#e8eef5}td.n{text-align:right;font-variant-numeric:tabular-nums}.sub{color:#555}\
#method{background:#f4f5f7;border:1px solid #bbb;padding:.1rem 1rem;font-size:.85rem;margin-top:2rem}\
@media print{tr{break-inside:avoid}thead{display:table-header-group}}";

/// A self-contained HTML page of the batch (for `--report`).
pub fn scenarios_html(page: &ScenarioPage, lang: Lang) -> String {
    let b = page.batch;
    let names = Names::new(b, page.data);
    let title = lang.pick("What-if scenarios", "シナリオ比較");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <style>body{{font-family:{FONT_FAMILY};{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.pick("en", "ja"),
        esc(title),
        esc(title),
    );
    if let Some(d) = page.data {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(lang.data(&d.label)));
    }
    let _ = writeln!(out, "<p>{}</p>", esc(&tally(b, lang)));
    let _ = writeln!(out, "<p>{}</p>", esc(&reading(lang)));
    let mut rows = vec![head(lang)];
    rows.extend(b.rows.iter().map(|r| row(b, r, &names, lang)));
    table(&mut out, &rows);
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        esc(lang.pick("Robustness", "選ばれやすさ"))
    );
    if let Some(scope) = interrupted_scope(b, lang) {
        let _ = writeln!(out, "<p>{}</p>", esc(&scope));
    }
    table(&mut out, &robustness(b, &names, lang));
    method(&mut out, page, lang);
    out.push_str("</body>\n</html>\n");
    out
}

/// How many scenarios were solved, and how many failed or were not run.
fn tally(b: &Batch, lang: Lang) -> String {
    let failed = b.rows.len() - b.solved - b.not_run;
    let mut s = match lang {
        Lang::En => format!("{} of {} scenarios solved.", b.solved, b.rows.len()),
        Lang::Ja => format!(
            "{} 件のシナリオのうち {} 件を解きました。",
            b.rows.len(),
            b.solved
        ),
    };
    if failed > 0 {
        s.push_str(&match lang {
            Lang::En => format!(" {failed} could not be solved (the planner's box says why)."),
            Lang::Ja => format!(" {failed} 件は解けませんでした（理由は作成方法の欄にあります）。"),
        });
    }
    let interrupted = b.interrupted();
    let late = b.not_run - interrupted;
    if late > 0 {
        s.push_str(&match lang {
            Lang::En => format!(" {late} were not run: the time limit ended first."),
            Lang::Ja => format!(" {late} 件は時間制限のため解いていません。"),
        });
    }
    if interrupted > 0 {
        s.push_str(&match lang {
            Lang::En => format!(
                " {interrupted} were not run: the run was interrupted; the robustness counts \
                 only the scenarios that finished."
            ),
            Lang::Ja => format!(
                " {interrupted} 件は実行が中断されたため解いていません。選ばれやすさは解き終えたシナリオだけで数えています。"
            ),
        });
    }
    s
}

/// How to read the table.
fn reading(lang: Lang) -> String {
    lang.pick(
        "Each row changes the baseline as its name says and solves again. Changes are against the baseline; a stop marked * is in every best set of its scenario.",
        "各行は、名前のとおりに基準の設定を変えて解き直した結果です。差と変化は基準と比べたものです。停留所の * は、そのシナリオのどの最良の組み合わせにも含まれることを示します。",
    )
    .to_string()
}

fn head(lang: Lang) -> Vec<String> {
    [
        ("scenario", "シナリオ"),
        ("result", "結果"),
        ("people reached", "到達人口"),
        ("aged 65+ reached", "到達65歳以上"),
        ("aged 65+ vs baseline", "65歳以上の基準との差"),
        ("potential users (95 %)", "利用見込み者（95 %）"),
        ("stops", "停留所"),
        ("change from the baseline", "基準からの変化"),
    ]
    .iter()
    .map(|(en, ja)| lang.pick(en, ja).to_string())
    .collect()
}

/// One scenario's row; one that was not solved says so in words (the error is the planner's).
fn row(b: &Batch, r: &Row, names: &Names, lang: Lang) -> Vec<String> {
    let label = scenario_label(&r.scenario, names, lang);
    let status = status_words(&r.outcome, lang);
    let s = match &r.outcome {
        RowOutcome::Solved(s) => s,
        RowOutcome::Failed(_) => {
            let why = lang.pick(
                "could not be solved: see how this was made",
                "解けませんでした（理由は作成方法の欄）",
            );
            return unsolved(label, status, why);
        }
        RowOutcome::NotRun(NotRunReason::TimeLimit) => {
            let why = lang.pick(
                "not solved: the time limit ended first",
                "時間制限のため解いていません",
            );
            return unsolved(label, status, why);
        }
        RowOutcome::NotRun(NotRunReason::Interrupted) => {
            let why = lang.pick(
                "not solved: the run was interrupted",
                "実行が中断されたため解いていません",
            );
            return unsolved(label, status, why);
        }
    };
    let (added, dropped, _, aged_change) = change(b, s);
    let na = || lang.na().to_string();
    vec![
        label,
        proof(s, status, lang),
        s.people_reached.map_or_else(na, count),
        s.aged_reached.map_or_else(na, count),
        aged_change.map_or_else(na, |d| {
            format!("{}{}", if d >= 0.0 { "+" } else { "" }, count(d))
        }),
        s.potential_users.map_or_else(na, |x| {
            format!("{} ({}–{})", count(x.estimate), count(x.low), count(x.high))
        }),
        stops(s, names, lang),
        moved(&added, &dropped, names, lang),
    ]
}

fn unsolved(label: String, status: String, why: &str) -> Vec<String> {
    let mut row = vec![label, status];
    row.extend(std::iter::repeat_n(String::new(), 4));
    row.push(why.to_string());
    row.push(String::new());
    row
}

/// The status, with how far from the best a set not proven best can be.
fn proof(s: &Solved, status: String, lang: Lang) -> String {
    let o = &s.result.outcome;
    match o.status {
        Status::TimeLimit | Status::Heuristic => match lang {
            Lang::En => format!("{status} (within {} % of the best)", pct(100.0 * o.gap())),
            Lang::Ja => format!("{status}（最良との差は最大 {} %）", pct(100.0 * o.gap())),
        },
        _ => status,
    }
}

/// The chosen stops by name, * marking those in every best set.
fn stops(s: &Solved, names: &Names, lang: Lang) -> String {
    let list: Vec<String> = s
        .stops
        .iter()
        .zip(&s.forced)
        .map(|(id, f)| {
            let name = names.of(id);
            if *f == Some(true) {
                format!("{name} *")
            } else {
                name
            }
        })
        .collect();
    list.join(lang.pick(", ", "、"))
}

/// Stops added and dropped against the baseline, by name.
fn moved(added: &[String], dropped: &[String], names: &Names, lang: Lang) -> String {
    let list = |ids: &[String]| {
        let n: Vec<String> = ids.iter().map(|id| names.of(id)).collect();
        n.join(lang.pick(", ", "、"))
    };
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("{}{}", lang.pick("adds ", "追加："), list(added)));
    }
    if !dropped.is_empty() {
        parts.push(format!(
            "{}{}",
            lang.pick("drops ", "除外："),
            list(dropped)
        ));
    }
    if parts.is_empty() {
        lang.pick("none", "なし").to_string()
    } else {
        parts.join(lang.pick("; ", "／"))
    }
}

/// How often each candidate is chosen, by name.
fn robustness(b: &Batch, names: &Names, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        lang.pick("candidate", "候補地").to_string(),
        lang.pick("chosen in", "選ばれた数").to_string(),
        lang.pick("in every best set in", "どの最良の組み合わせにも含まれた数")
            .to_string(),
    ]];
    for r in &b.robustness {
        rows.push(vec![
            names.of(&r.id),
            format!("{} / {}", r.chosen_in, b.solved),
            r.forced_in.to_string(),
        ]);
    }
    rows
}

fn table(out: &mut String, rows: &[Vec<String>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in &rows[0] {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &rows[1..] {
        out.push_str("<tr>");
        for (k, c) in r.iter().enumerate() {
            let numeric =
                k > 0 && !c.is_empty() && c.chars().all(|c| "0123456789,+-–() /".contains(c));
            let class = if numeric { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The planner's box: the command, the scenario file, the data's files, and each failed row's
/// error where the file has it.
fn method(out: &mut String, page: &ScenarioPage, lang: Lang) {
    let l = |en, ja| lang.pick(en, ja);
    let mut lines = Vec::new();
    if let Some(cmd) = &page.command {
        lines.push(format!("{}: {cmd}", l("command", "コマンド")));
    }
    lines.push(format!(
        "{}: {}",
        l("scenario file", "シナリオファイル"),
        page.file
    ));
    if let Some(d) = page.data {
        lines.push(format!("{}: {}", l("data", "データ"), d.label.en));
        lines.push(format!(
            "{}: {}",
            l("demand", "需要データ"),
            d.demand.source
        ));
        lines.push(format!(
            "{}: {}",
            l("candidates", "候補地"),
            d.candidates.source
        ));
    }
    for r in &page.batch.rows {
        match &r.outcome {
            RowOutcome::Failed(e) => lines.push(format!(
                "{}: {}:{}: {e}",
                r.scenario.name, page.file, r.scenario.line
            )),
            RowOutcome::NotRun(why) => lines.push(format!("{}: {}", r.scenario.name, why.note())),
            RowOutcome::Solved(_) => {}
        }
    }
    let _ = writeln!(
        out,
        "<section id=\"method\">\n<h2>{}</h2>",
        esc(crate::report::method_title(lang))
    );
    for line in lines {
        let _ = writeln!(out, "<p>{}</p>", esc(&line));
    }
    out.push_str("</section>\n");
}
