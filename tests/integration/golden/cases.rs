//! The pinned runs: each subcommand in each format and language on the embedded data and the
//! benchmark files, and a few refused flags. Arguments are relative to the package directory,
//! where the binary runs, so no output holds a path of this machine.

/// One pinned run: a file name under `tests/expected/`, the arguments, and what is pinned.
pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) args: Vec<String>,
    /// `None`: standard output; `Some(files)`: these files written into a scratch directory.
    pub(super) files: Option<Vec<&'static str>>,
}

fn case(name: &'static str, args: &[&str]) -> Case {
    Case {
        name,
        args: args.iter().map(|s| s.to_string()).collect(),
        files: None,
    }
}

/// Paths are relative to the package, where the binary runs, so that no output holds a path
/// of this machine.
fn bench(rel: &str) -> String {
    format!("../shared/benchmarks/{rel}")
}

pub(super) fn cases() -> Vec<Case> {
    let groups = [
        embedded(),
        solve_models(),
        benchmark_files(),
        routes(),
        reports(),
        scenario_runs(),
        refused(),
    ];
    groups.into_iter().flatten().collect()
}

/// Rank, solve and compare on the embedded data in every format and language.
fn embedded() -> Vec<Case> {
    let mut all = Vec::new();
    for fmt in ["table", "csv", "json", "geojson"] {
        for lang in ["en", "ja"] {
            let name = leak(format!("rank.{lang}.{fmt}"));
            all.push(case(name, &["rank", "--format", fmt, "--lang", lang]));
            let name = leak(format!("solve_mclp.{lang}.{fmt}"));
            all.push(case(
                name,
                &["solve", "--p", "5", "--format", fmt, "--lang", lang],
            ));
            let name = leak(format!("compare.{lang}.{fmt}"));
            all.push(case(
                name,
                &[
                    "compare",
                    "--set",
                    "a=hiejinja,myogyoji",
                    "--set",
                    "b=hozoji,sannosha_enzo",
                    "--format",
                    fmt,
                    "--lang",
                    lang,
                ],
            ));
        }
    }
    all.push(case(
        "rank_weights.en.table",
        &[
            "rank",
            "--weights",
            "reach=2,far=1,need=0",
            "--radius-m",
            "700",
            "--weight",
            "population",
        ],
    ));
    all
}

/// Every model and rule of `solve` on the embedded data.
fn solve_models() -> Vec<Case> {
    let mut all = Vec::new();
    for (name, extra) in [
        ("solve_lscp", vec!["--model", "lscp", "--radius-m", "800"]),
        ("solve_pmedian", vec!["--model", "pmedian", "--p", "4"]),
        ("solve_pcenter", vec!["--model", "pcenter", "--p", "4"]),
        (
            "solve_capacitated_pmedian",
            vec!["--model", "pmedian", "--p", "5", "--capacity", "3000"],
        ),
        (
            "solve_capacitated_mclp",
            vec!["--model", "mclp", "--p", "5", "--capacity", "2000"],
        ),
        (
            "solve_heuristic",
            vec!["--p", "6", "--method", "heuristic", "--seed", "7"],
        ),
        (
            "solve_rules",
            vec![
                "--p",
                "5",
                "--require",
                "myogyoji",
                "--exclude",
                "hozoji",
                "--objective-weight",
                "population",
                "--min-weight-per-stop",
                "50",
            ],
        ),
    ] {
        for fmt in ["table", "json"] {
            let mut args = vec!["solve"];
            args.extend(extra.iter().copied());
            args.extend(["--format", fmt]);
            all.push(case(leak(format!("{name}.en.{fmt}")), &args));
        }
    }
    all
}

/// The benchmark files: OR-Library pmed1 (p-median, p-center), Osman–Christofides cpmp01, SJC324 (MCLP, LSCP).
fn benchmark_files() -> Vec<Case> {
    let pmed1 = bench("orlib-pmed/instances/pmed1.txt");
    let cpmp01 = bench("orlib-cpmp-osman-christofides/instances/cpmp01.txt");
    let sjc324 = bench("mclp-sjc-lorena/instances/SJC324.txt");
    let mut all = Vec::new();
    for fmt in ["table", "csv", "json"] {
        all.push(case(
            leak(format!("pmed1_pmedian.{fmt}")),
            &[
                "solve", "--model", "pmedian", "--orlib", &pmed1, "--format", fmt,
            ],
        ));
        all.push(case(
            leak(format!("pmed1_pcenter.{fmt}")),
            &[
                "solve", "--model", "pcenter", "--orlib", &pmed1, "--format", fmt,
            ],
        ));
        all.push(case(
            leak(format!("cpmp01.{fmt}")),
            &[
                "solve",
                "--model",
                "pmedian",
                "--pmedcap",
                &cpmp01,
                "--instance",
                "1",
                "--format",
                fmt,
            ],
        ));
        all.push(case(
            leak(format!("sjc324_mclp.{fmt}")),
            &[
                "solve",
                "--model",
                "mclp",
                "--sjc",
                &sjc324,
                "--p",
                "10",
                "--radius-m",
                "800",
                "--format",
                fmt,
            ],
        ));
        all.push(case(
            leak(format!("sjc324_lscp.{fmt}")),
            &[
                "solve",
                "--model",
                "lscp",
                "--sjc",
                &sjc324,
                "--radius-m",
                "1200",
                "--format",
                fmt,
            ],
        ));
    }
    all
}

/// Weeks: solved first in every format and language, spread instead of packed, from a stops
/// file, and one that does not fit.
fn routes() -> Vec<Case> {
    let stops = "tests/data/stops_five.csv".to_string();
    let mut all = Vec::new();
    for fmt in ["table", "csv", "json", "geojson", "ics"] {
        for lang in ["en", "ja"] {
            let mut args = vec![
                "route",
                "--p",
                "8",
                "--depot",
                "hiejinja",
                "--visits-per-week",
                "2",
                "--format",
                fmt,
                "--lang",
                lang,
            ];
            if fmt == "ics" {
                args.extend(["--start-date", "2027-01-04"]);
            }
            all.push(case(leak(format!("route.{lang}.{fmt}")), &args));
        }
    }
    all.push(case(
        "route_spread.en.table",
        &[
            "route",
            "--p",
            "8",
            "--depot",
            "hiejinja",
            "--visits-per-week",
            "2",
            "--week",
            "spread",
        ],
    ));
    all.push(case(
        "route_stops.en.table",
        &[
            "route",
            "--stops",
            &stops,
            "--depot",
            "35.335,139.40",
            "--trucks",
            "2",
            "--window",
            "09:00-15:00",
            "--days",
            "mon,wed,fri",
            "--visits-per-week",
            "visits",
        ],
    ));
    all.push(case(
        "route_unfit.en.json",
        &[
            "route",
            "--p",
            "12",
            "--depot",
            "hiejinja",
            "--days",
            "mon",
            "--window",
            "10:00-12:00",
            "--format",
            "json",
        ],
    ));
    all
}

/// The council report in both formats and languages, with a week and a set to compare.
fn reports() -> Vec<Case> {
    let mut all = Vec::new();
    for fmt in ["html", "markdown"] {
        for lang in ["en", "ja"] {
            all.push(case(
                leak(format!("report.{lang}.{fmt}")),
                &[
                    "report",
                    "--p",
                    "5",
                    "--depot",
                    "hiejinja",
                    "--set",
                    "council=hiejinja,myogyoji,hozoji",
                    "--format",
                    fmt,
                    "--lang",
                    lang,
                ],
            ));
        }
    }
    all.push(case(
        "report_pmedian.ja.html",
        &["report", "--model", "pmedian", "--p", "4"],
    ));
    all
}

/// The scenario batch in every format, its HTML report, and the exported data.
fn scenario_runs() -> Vec<Case> {
    let scen = "examples/scenarios.toml".to_string();
    let mut all = Vec::new();
    for fmt in ["table", "csv", "json"] {
        all.push(case(
            leak(format!("scenarios.en.{fmt}")),
            &["scenarios", &scen, "--quiet", "--format", fmt],
        ));
    }
    all.push(Case {
        name: "scenarios_report",
        args: ["scenarios", &scen, "--quiet", "--report", "OUT/report.html"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        files: Some(vec!["report.html"]),
    });
    all.push(Case {
        name: "data_export",
        args: vec!["data".into(), "export".into(), "OUT/data".into()],
        files: Some(vec![
            "data/demand.csv",
            "data/candidates.csv",
            "data/notes.csv",
            "data/SOURCE.md",
        ]),
    });
    all
}

/// Refused flags: the message (and its JSON form) names the flag as the user typed it.
fn refused() -> Vec<Case> {
    let mut all = Vec::new();
    for (name, args) in [
        ("err_radius", vec!["solve", "--radius-m", "-5"]),
        ("err_vehicles", vec!["solve", "--vehicles", "0"]),
        ("err_time_limit", vec!["solve", "--time-limit-s", "0"]),
        ("err_p_json", vec!["solve", "--p", "0", "--format", "json"]),
        (
            "err_window",
            vec![
                "route",
                "--p",
                "5",
                "--depot",
                "hiejinja",
                "--window",
                "16:00-10:00",
            ],
        ),
        (
            "err_depot",
            vec!["route", "--p", "5", "--depot", "36.5,139.4"],
        ),
        ("err_weights", vec!["rank", "--weights", "reach=x"]),
        ("err_memory", vec!["--max-memory-gb", "0.000001", "rank"]),
        ("err_tolerance", vec!["report", "--tolerance-pct", "120"]),
        (
            "err_require",
            vec!["solve", "--p", "3", "--require", "nowhere"],
        ),
        (
            "err_far_from_shop",
            vec!["solve", "--objective-weight", "far_from_shop"],
        ),
    ] {
        all.push(case(name, &args));
    }
    all
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
