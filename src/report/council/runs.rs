//! Each day's run in the council's report, line for line as the driver's table shows it
//! ([`crate::report::route::runsheet`]): leaving, each visit, each wait of 10 minutes or more,
//! each break, coming back, and the truck's window with the minutes that fill it.

use super::page::{Section, Table};
use crate::report::labels::Lang;
use crate::report::route::runsheet::{
    back_line, day_label, leave_line, sheet, step_words, sum_words,
};
use crate::route::clock::clock;
use crate::route::{RouteProblem, WeekPlan};

/// The section after the residents' timetable: the driver's view of the same week.
pub(super) fn runs_section(p: &RouteProblem, plan: &WeekPlan, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    Section {
        id: "runs",
        title: l("Each day's run", "各日の運行"),
        paragraphs: vec![l(
            "As the driver keeps it, to the minute: waits of 10 minutes or more and breaks are \
             lines of their own, and the minutes add up to the truck's hours.",
            "運転手用の分単位の運行表です。10分以上の待機と休憩も1行ずつ示し、時間の内訳の合計は\
             車両の運行時間帯と一致します。",
        )],
        tables: vec![runs_table(p, plan, lang)],
        svg: None,
    }
}

/// One table of every run that leaves its depot: day, time, what happens.
pub(super) fn runs_table(p: &RouteProblem, plan: &WeekPlan, lang: Lang) -> Table {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let mut rows = Vec::new();
    for run in &plan.runs {
        let Some(sheet) = sheet(p, run) else { continue };
        rows.push(vec![
            day_label(p, run, lang),
            clock(sheet.leave as f64),
            leave_line(p, run, &sheet, lang),
        ]);
        for step in sheet.steps.iter().filter(|s| s.shown()) {
            let (time, what) = step_words(p, step, lang);
            rows.push(vec![String::new(), time, what]);
        }
        rows.push(vec![
            String::new(),
            clock(sheet.back as f64),
            back_line(p, run, lang),
        ]);
        rows.push(vec![String::new(), String::new(), sum_words(&sheet, lang)]);
    }
    Table {
        head: vec![l("day", "曜日"), l("time", "時刻"), l("run", "運行")],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::route::route_table;
    use crate::report::route::testkit::{info, random_problem};

    #[test]
    fn the_report_lists_each_run_as_the_drivers_table_does() {
        for seed in 0..20 {
            let p = random_problem(seed);
            let Ok(plan) = p.plan() else { continue };
            let table = route_table(&p, &plan, &info(), Lang::En);
            let runs = runs_table(&p, &plan, Lang::En);
            // The driver's lines in order: each visit, wait, break, and each run's window.
            let driver: Vec<&str> = table
                .lines()
                .take_while(|l| !l.starts_with("Timetable"))
                .filter(|l| l.starts_with("  "))
                .collect();
            let report: Vec<&Vec<String>> = runs
                .rows
                .iter()
                .filter(|r| r[1].contains('–') || r[1].is_empty())
                .collect();
            assert_eq!(driver.len(), report.len(), "{table}");
            for (line, row) in driver.iter().zip(&report) {
                if row[1].is_empty() {
                    assert_eq!(line.trim(), row[2], "the window line");
                } else {
                    let cells: Vec<&str> = line.split("  ").map(str::trim).collect();
                    assert!(cells.contains(&row[1].as_str()), "{line} / {row:?}");
                    assert!(line.contains(&row[2]), "{line} / {row:?}");
                }
            }
            let leaves = runs
                .rows
                .iter()
                .filter(|r| r[2].starts_with("leave "))
                .count();
            let used = plan.runs.iter().filter(|r| !r.visits.is_empty()).count();
            assert_eq!(leaves, used);
        }
    }
}
