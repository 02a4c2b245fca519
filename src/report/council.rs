//! The council report: one self-contained HTML page (inline CSS and SVG, nothing fetched) or
//! Markdown for minutes, built from the same sections in the same order.
//!
//! Councils meet around printed pages and doubt numbers they cannot trace, so every section
//! says what it rests on, uncertainty is stated in words, and every piece of user text is
//! escaped: a candidate named `<script>` is printed, never run.

use super::compare::{metric_rows, set_lines};
use super::route::timetable_rows;
use super::solve::{model_words, proof_words};
use super::table::count;
use super::{esc, Lang};
use crate::compare::Comparison;
use crate::explain::{Explanation, WhyNot};
use crate::model::Dataset;
use crate::route::{RouteProblem, WeekPlan};
use crate::score::ScoreTable;
use crate::solve::{Instance, SolveResult, Status};
use std::fmt::Write as _;

/// Everything a report shows; optional parts are left out with a sentence saying so.
pub struct CouncilReport<'a> {
    /// Heading of the page.
    pub title: String,
    /// The data.
    pub data: &'a Dataset,
    /// The ranked list.
    pub table: &'a ScoreTable,
    /// The solved instance.
    pub inst: &'a Instance,
    /// The solve.
    pub res: &'a SolveResult,
    /// Why each stop, alternatives.
    pub why: &'a Explanation,
    /// The map (SVG).
    pub map_svg: String,
    /// Stop sets side by side, when asked for.
    pub comparison: Option<&'a Comparison>,
    /// The weekly timetable, when route flags were given.
    pub route: Option<(&'a RouteProblem, &'a WeekPlan)>,
    /// A time stamp line, only with `--stamp` (otherwise the bytes repeat exactly).
    pub stamp: Option<String>,
}

/// Escapes text for Markdown: characters that would start emphasis, links, images, code,
/// raw HTML or a table cell are backslash-escaped, so a name stays plain text and minutes
/// read as typed (no HTML entities).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, c) in s.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' if k == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A table: header row then body rows, as plain strings (escaped by the renderer).
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One section of the report in both renderings.
struct Section {
    id: &'static str,
    title: String,
    paragraphs: Vec<String>,
    tables: Vec<Table>,
    /// Raw SVG (already safe), HTML only.
    svg: Option<String>,
}

fn site_label(inst: &Instance, j: usize) -> String {
    let s = &inst.sites[j];
    s.name.clone().unwrap_or_else(|| s.id.clone())
}

fn pct(part: f64, total: f64) -> String {
    if total > 0.0 {
        format!("{:.1} %", 100.0 * part / total)
    } else {
        "—".into()
    }
}

fn sections(r: &CouncilReport, lang: Lang) -> Vec<Section> {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let inst = r.inst;
    let res = r.res;
    let names: Vec<String> = res
        .outcome
        .open
        .iter()
        .map(|&j| site_label(inst, j))
        .collect();
    let weight_name = match inst.weight_column.as_deref() {
        Some("aged_65_plus") => l("people aged 65+", "65歳以上人口"),
        Some("population") => l("people", "人口"),
        Some("far_from_shop") => l("aged 65+ far from a shop", "店から遠い65歳以上人口"),
        Some(other) => other.to_string(),
        None => l("demand points", "地点数"),
    };
    let mut out = Vec::new();

    // 1. Summary.
    let mut summary = match lang {
        Lang::En => format!(
            "The model chose {} stop{}: {}. Within {} m (straight line) they reach {} of {} ({}; weight: {}). This set is {}.",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            res.params.radius_m,
            count(res.covered_weight),
            count(res.total_weight),
            pct(res.covered_weight, res.total_weight),
            weight_name,
            proof_words(res, lang)
        ),
        Lang::Ja => format!(
            "選ばれた停留所は {} か所（{}）。徒歩圏（直線 {} m）で {} のうち {}（{}）に届きます（重み：{}）。この組み合わせは「{}」です。",
            names.len(),
            names.join("、"),
            res.params.radius_m,
            count(res.total_weight),
            count(res.covered_weight),
            pct(res.covered_weight, res.total_weight),
            weight_name,
            proof_words(res, lang)
        ),
    };
    let forced = r.why.forced();
    let tol = 100.0 * r.why.tolerance;
    let verdict = match (lang, forced.len(), names.len()) {
        (Lang::En, 0, _) => format!(
            " Each stop has an alternative set within {tol:.0} % as good."
        ),
        (Lang::En, f, n) if f == n => format!(
            " Every stop is forced: without any one of them the best set is more than {tol:.0} % worse."
        ),
        (Lang::En, f, _) => format!(
            " {f} of them cannot be replaced without losing more than {tol:.0} %; the others have alternatives as good."
        ),
        (Lang::Ja, 0, _) => format!(
            " どの停留所にも、{tol:.0} % 以内で同程度に良い代わりの組み合わせがあります。"
        ),
        (Lang::Ja, f, n) if f == n => format!(
            " どの停留所も外せません（1か所でも外すと {tol:.0} % 以上悪くなります）。"
        ),
        (Lang::Ja, f, _) => format!(
            " このうち {f} か所は、外すと {tol:.0} % 以上悪くなる「外せない」停留所で、残りは同程度に良い代わりがあります。"
        ),
    };
    summary.push_str(&verdict);
    let skipped = r.why.alternatives.iter().filter(|a| !a.computed).count();
    if skipped > 0 {
        summary.push_str(&match lang {
            Lang::En => format!(
                " The time limit ended before {skipped} of the re-solves, so nothing is claimed about those stops."
            ),
            Lang::Ja => format!(
                " 時間制限のため {skipped} か所の解き直しは行えず、それらの停留所については判定していません。"
            ),
        });
    }
    if r.why.alternatives.iter().any(|a| a.computed && !a.proven) {
        summary.push_str(&l(
            " Some re-solves were not proven optimal, so these verdicts are best found, not proven.",
            " 一部の解き直しは最適性が証明されていないため、この判定は証明ではなく最良の探索結果です。",
        ));
    }
    let mut uncertain = vec![l(
        "Uncertain: walking distance is a straight line (real walks are longer).",
        "不確かな点：徒歩距離は直線距離です（実際の道のりは長くなります）。",
    )];
    for d in &r.table.summary.terms_dropped {
        uncertain.push(format!("{}: {}", lang.term(d.term), lang.text(&d.reason)));
    }
    for n in r.data.notes() {
        uncertain.push(lang.text(n).to_string());
    }
    out.push(Section {
        id: "summary",
        title: l("Summary", "まとめ"),
        paragraphs: std::iter::once(summary).chain(uncertain).collect(),
        tables: vec![],
        svg: None,
    });

    // 2. Map.
    out.push(Section {
        id: "map",
        title: l("Map", "地図"),
        paragraphs: vec![],
        tables: vec![],
        svg: Some(r.map_svg.clone()),
    });

    // 4. Why each stop.
    let stops_table = Table {
        head: vec![
            l("stop", "停留所"),
            l("reaches", "徒歩圏内"),
            l(
                "only this stop reaches (lost if dropped)",
                "この停留所だけが届く人（外すと失う）",
            ),
            l("best replacement", "最良の代わり"),
            l("it would win back", "代わりで取り戻せる"),
        ],
        rows: r
            .why
            .stops
            .iter()
            .map(|s| {
                let (rep, back) = match s.best_replacement {
                    Some((k, v)) => (site_label(inst, k), count(v)),
                    None => ("—".into(), "—".into()),
                };
                vec![
                    site_label(inst, s.site),
                    count(s.reach),
                    count(s.only_here),
                    rep,
                    back,
                ]
            })
            .collect(),
    };
    let not_chosen = Table {
        head: vec![
            l("strong candidate", "有力候補"),
            l("reaches", "徒歩圏内"),
            l("why not chosen", "選ばれなかった理由"),
        ],
        rows: r
            .why
            .not_chosen
            .iter()
            .filter(|n| n.reach > 0.0)
            .map(|n| {
                let why = match &n.why {
                    WhyNot::Rule(words) => words.clone(),
                    WhyNot::Overlap { share, adds, by } => {
                        let by: Vec<String> = by.iter().take(3).map(|&j| site_label(inst, j)).collect();
                        match lang {
                            Lang::En => format!(
                                "{:.0} % of the people it reaches are already reached by {}; it would add {}.",
                                100.0 * share,
                                if by.is_empty() { "—".into() } else { by.join(", ") },
                                count(*adds)
                            ),
                            Lang::Ja => format!(
                                "徒歩圏の {:.0} % は {} で既に届いており、加えても増えるのは {} です。",
                                100.0 * share,
                                if by.is_empty() { "—".into() } else { by.join("、") },
                                count(*adds)
                            ),
                        }
                    }
                };
                vec![site_label(inst, n.site), count(n.reach), why]
            })
            .collect(),
    };
    out.push(Section {
        id: "why",
        title: l("Why each stop", "各停留所を選んだ理由"),
        paragraphs: vec![l(
            "Numbers are the weight within the walking radius; a replacement is the best candidate not chosen.",
            "数値は徒歩圏内の重み（人数）です。代わりは選ばれていない候補地のうち最良のものです。",
        )],
        tables: vec![stops_table, not_chosen],
        svg: None,
    });

    // 5. Alternatives.
    let alt = Table {
        head: vec![
            l("without", "外す停留所"),
            l("best set without it", "それを外した最良の組み合わせ"),
            l("worse by", "悪化"),
            l("verdict", "判定"),
        ],
        rows: r
            .why
            .alternatives
            .iter()
            .map(|a| {
                if !a.computed {
                    let not = l(
                        "not solved: the time limit ended first",
                        "時間制限のため解き直していません",
                    );
                    return vec![site_label(inst, a.without), not, "—".into(), "—".into()];
                }
                let set = a.stops.as_ref().map_or_else(
                    || l("no set exists", "組み合わせなし"),
                    |s| {
                        s.iter()
                            .map(|&j| site_label(inst, j))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                );
                let worse = a
                    .worse_by
                    .map_or("—".into(), |w| format!("{:.1} %", 100.0 * w));
                let mut verdict = if forced.contains(&a.without) {
                    l("forced", "外せない")
                } else {
                    l("a matter of choice", "好みで選べる")
                };
                if !a.proven {
                    verdict.push_str(lang.pick(" (not proven)", "（未証明）"));
                }
                vec![site_label(inst, a.without), set, worse, verdict]
            })
            .collect(),
    };
    out.push(Section {
        id: "alternatives",
        title: l("Alternatives", "代わりの案"),
        paragraphs: vec![match lang {
            Lang::En => format!(
                "Each row solves the model again with one chosen stop left out. Within {:.0} % of the chosen set counts as as good.",
                100.0 * r.why.tolerance
            ),
            Lang::Ja => format!(
                "各行は、選ばれた停留所を1か所外してモデルを解き直した結果です。{:.0} % 以内の悪化なら同程度に良いとみなします。",
                100.0 * r.why.tolerance
            ),
        }],
        tables: vec![alt],
        svg: None,
    });

    // Comparison.
    if let Some(c) = r.comparison {
        let rows = metric_rows(c, lang);
        out.push(Section {
            id: "comparison",
            title: l("Side by side", "案の比較"),
            paragraphs: set_lines(r.data, c, lang),
            tables: vec![Table {
                head: rows[0].clone(),
                rows: rows[1..].to_vec(),
            }],
            svg: None,
        });
    }

    // 6. Timetable.
    if let Some((p, plan)) = r.route {
        let rows = timetable_rows(p, plan, lang)
            .into_iter()
            .map(|(i, days, time)| vec![p.stops[i].label().to_string(), days, time])
            .collect();
        out.push(Section {
            id: "timetable",
            title: l("Weekly timetable", "週の時刻表"),
            paragraphs: vec![match lang {
                Lang::En => format!("From {}; the same every week.", p.depot.label()),
                Lang::Ja => format!("拠点：{}。毎週同じ時刻です。", p.depot.label()),
            }],
            tables: vec![Table {
                head: vec![l("stop", "停留所"), l("days", "曜日"), l("time", "時刻")],
                rows,
            }],
            svg: None,
        });
    }

    // Ranked list.
    let ranked = Table {
        head: vec![
            l("rank", "順位"),
            l("candidate", "候補地"),
            l("score", "得点"),
            l("reach", "徒歩圏内"),
            l("aged 65+", "65歳以上"),
            l("far from a shop", "店から遠い高齢者"),
            l("expected buyers (95 %)", "見込み購入者（95 %）"),
            l("space", "スペース"),
            l("flags", "注意"),
        ],
        rows: r
            .table
            .candidates
            .iter()
            .map(|c| {
                vec![
                    c.rank.to_string(),
                    c.name.clone().unwrap_or_else(|| c.id.clone()),
                    format!("{:.3}", c.score),
                    count(c.reach_weight),
                    c.reach_65_plus.map_or("—".into(), count),
                    c.far_from_shop_65_plus.map_or("—".into(), count),
                    c.expected_buyers.map_or("—".into(), |b| {
                        format!("{} ({}–{})", count(b.estimate), count(b.low), count(b.high))
                    }),
                    lang.space(c.space.status).to_string(),
                    c.flags
                        .iter()
                        .map(|f| lang.flag(*f))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    };
    out.push(Section {
        id: "ranking",
        title: l("Ranked list of candidates", "候補地の順位"),
        paragraphs: vec![],
        tables: vec![ranked],
        svg: None,
    });

    // 7. Data and method.
    let s = &r.table.summary;
    let mut method = vec![
        format!("{}: {}", l("data", "データ"), r.data.label),
        format!(
            "{}: {} ({}), {}: {} m, {}: {}",
            l("model", "モデル"),
            model_words(res, lang),
            proof_words(res, lang),
            l("radius", "徒歩圏"),
            res.params.radius_m,
            l("weight", "重み"),
            weight_name
        ),
    ];
    if res.outcome.status != Status::Infeasible {
        method.push(format!(
            "{}: {}, {}: {}, {}: {:.3} %",
            l("objective", "目的関数値"),
            count(res.outcome.objective),
            l("bound", "限界値"),
            count(res.outcome.bound),
            l("gap", "ギャップ"),
            100.0 * res.outcome.gap()
        ));
    }
    method.push(format!(
        "{}: {}",
        l("ranked list", "順位の重み"),
        s.terms_used
            .iter()
            .map(|&t| format!("{} × {}", lang.term(t), s.weights.get(t)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for (what, src) in &s.sources {
        if let Some(src) = src {
            method.push(format!("{what}: {src}"));
        }
    }
    if s.mesh.is_some() || r.data.label.contains("e-Stat") {
        method.push(
            "出典：政府統計の総合窓口(e-Stat)（https://www.e-stat.go.jp/）の統計データを加工して作成"
                .to_string(),
        );
    }
    if let Some(st) = &r.stamp {
        method.push(st.clone());
    }
    out.push(Section {
        id: "method",
        title: l("Data and method", "データと方法"),
        paragraphs: method,
        tables: vec![],
        svg: None,
    });
    // The reading order: what, where, the list, why, alternatives, then the extras.
    const ORDER: [&str; 8] = [
        "summary",
        "map",
        "ranking",
        "why",
        "alternatives",
        "comparison",
        "timetable",
        "method",
    ];
    out.sort_by_key(|s| ORDER.iter().position(|&x| x == s.id));
    out
}

const CSS: &str = "body{font-family:'Hiragino Sans','Noto Sans CJK JP','Yu Gothic',sans-serif;\
max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#222;line-height:1.55}\
h1{font-size:1.6rem;border-bottom:3px solid #1f4e79;padding-bottom:.3rem}\
h2{font-size:1.25rem;color:#1f4e79;margin-top:2rem;border-left:6px solid #1f4e79;padding-left:.5rem}\
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}\
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}\
th{background:#e8eef5}tr:nth-child(even) td{background:#fafafa}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
svg{width:100%;height:auto}.sub{color:#555}\
@page{size:A4;margin:15mm}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}\
tr,svg,p{break-inside:avoid}thead{display:table-header-group}section{break-inside:auto}}";

fn numeric(cell: &str) -> bool {
    let t = cell.trim_end_matches([' ', '%']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || ",.-() %".contains(c))
}

/// The report as one self-contained HTML page.
pub fn council_html(r: &CouncilReport, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        lang.pick("en", "ja"),
        esc(&r.title),
        esc(&r.title),
        esc(&r.data.label)
    );
    for s in sections(r, lang) {
        let _ = writeln!(out, "<section id=\"{}\">\n<h2>{}</h2>", s.id, esc(&s.title));
        for p in &s.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", esc(p));
        }
        if let Some(svg) = &s.svg {
            out.push_str(svg);
            out.push('\n');
        }
        for t in &s.tables {
            out.push_str("<table>\n<thead><tr>");
            for h in &t.head {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                for (k, c) in row.iter().enumerate() {
                    let class = if k > 0 && numeric(c) {
                        " class=\"n\""
                    } else {
                        ""
                    };
                    let _ = write!(out, "<td{class}>{}</td>", esc(c));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The report as Markdown (the map is in the HTML only).
pub fn council_markdown(r: &CouncilReport, lang: Lang) -> String {
    let mut out = format!("# {}\n\n{}\n", md(&r.title), md(&r.data.label));
    for s in sections(r, lang) {
        let _ = write!(out, "\n## {}\n\n", md(&s.title));
        for p in &s.paragraphs {
            let _ = writeln!(out, "{}\n", md(p));
        }
        if s.svg.is_some() {
            let _ = writeln!(
                out,
                "{}\n",
                lang.pick(
                    "(The map is in the HTML report: `--format html`.)",
                    "（地図は HTML 版にあります：`--format html`）"
                )
            );
        }
        for t in &s.tables {
            let _ = writeln!(
                out,
                "| {} |",
                t.head.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | ")
            );
            let _ = writeln!(
                out,
                "|{}",
                t.head.iter().map(|_| "---|").collect::<String>()
            );
            for row in &t.rows {
                let _ = writeln!(
                    out,
                    "| {} |",
                    row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
                );
            }
            out.push('\n');
        }
    }
    out
}
