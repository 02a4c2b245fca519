//! The answer the page shows after each change: the library's own solve on the edited data
//! (the same `planning_instance` → `solve` as `solve` and `report`), with who it reaches, and
//! what is proven about it. A state that cannot be solved still has an answer: status `error`
//! with the reason, so the room sees why instead of a broken page.

use crate::budget::Budget;
use crate::model::{round, Dataset, AGED_65_PLUS, POPULATION};
use crate::pipeline::ModelOptions;
use crate::report::Lang;
use crate::solve::{solve_with, validate, Instance, SolveResult, Status};
use crate::spatial::Coverage;
use std::time::{Duration, Instant};

/// The longest one interactive solve may take: past it the best set so far is shown with its
/// gap, so the meeting never waits on the solver.
pub const SOLVE_LIMIT: Duration = Duration::from_secs(10);

/// One solve of the edited state, with what the page and the explanations need.
#[derive(Debug, Clone)]
pub struct Answer {
    /// optimal, gap, heuristic, infeasible or error.
    pub status: &'static str,
    /// The gap between the answer and the bound, percent (none when nothing was solved).
    pub gap_pct: Option<f64>,
    /// The objective's value.
    pub objective: Option<f64>,
    /// The proven bound.
    pub bound: Option<f64>,
    /// Chosen candidates (indices into the edited candidates), ascending.
    pub chosen: Vec<usize>,
    /// Their ids, in the same order.
    pub chosen_ids: Vec<String>,
    /// Per demand cell: whether a chosen stop reaches it.
    pub reached: Vec<bool>,
    /// Per chosen stop: the cells it reaches.
    pub reaches: Vec<Vec<u32>>,
    /// People reached.
    pub population: f64,
    /// Aged 65+ reached.
    pub aged: f64,
    /// Cells with people that no chosen stop reaches.
    pub uncovered: Vec<usize>,
    /// Wall time of the solve, milliseconds.
    pub solve_ms: u64,
    /// Why the status is infeasible or error.
    pub message: Option<String>,
    /// The solve itself (none when the options could not be solved).
    pub solved: Option<Solved>,
}

/// The solve behind an answer: the instance, its result and its walking-radius lists.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The instance of the edited data.
    pub inst: Instance,
    /// The result.
    pub res: SolveResult,
    /// Who each candidate reaches within the radius.
    pub cover: Coverage,
}

/// A demand column, or zeros when the data has none.
pub fn column(data: &Dataset, name: &str) -> Vec<f64> {
    let d = &data.demand.data;
    d.column(name)
        .map_or_else(|| vec![0.0; d.len()], <[f64]>::to_vec)
}

/// Solves `model` on `data` (the edited dataset) within [`SOLVE_LIMIT`]; the message is in
/// `lang`, the meeting's language.
pub fn answer(
    data: &Dataset,
    model: &ModelOptions,
    memory: crate::budget::MemoryLimit,
    lang: Lang,
) -> Answer {
    let started = Instant::now();
    let budget = Budget {
        deadline: Some(started + SOLVE_LIMIT),
        memory,
    };
    let n = data.demand.data.len();
    let mut out = match run(data, model, budget) {
        Ok(solved) => measured(data, solved, lang),
        Err(e) => Answer {
            status: "error",
            gap_pct: None,
            objective: None,
            bound: None,
            chosen: Vec::new(),
            chosen_ids: Vec::new(),
            reached: vec![false; n],
            reaches: Vec::new(),
            population: 0.0,
            aged: 0.0,
            uncovered: uncovered(data, &vec![false; n]),
            solve_ms: 0,
            message: Some(super::reasons::of_error(&e, lang)),
            solved: None,
        },
    };
    out.solve_ms = started.elapsed().as_millis() as u64;
    out
}

fn run(data: &Dataset, model: &ModelOptions, budget: Budget) -> crate::Result<Solved> {
    model.validate()?;
    let (inst, capacitated) = model.planning_instance(data)?;
    let params = model.params(capacitated, budget);
    validate(&inst, &params)?;
    let cover = inst.checked_coverage(params.radius_m, budget)?;
    let res = solve_with(&inst, &params, &cover)?;
    Ok(Solved { inst, res, cover })
}

fn measured(data: &Dataset, solved: Solved, lang: Lang) -> Answer {
    let o = &solved.res.outcome;
    let mut chosen = o.open.clone();
    chosen.sort_unstable();
    let mut reached = vec![false; data.demand.data.len()];
    let reaches: Vec<Vec<u32>> = chosen
        .iter()
        .map(|&j| {
            let cells = solved.cover.points_of(j).to_vec();
            for &i in &cells {
                reached[i as usize] = true;
            }
            cells
        })
        .collect();
    let sum = |values: Vec<f64>| {
        let hit = values.iter().zip(&reached).filter(|(_, r)| **r);
        round(hit.map(|(v, _)| v).sum(), 2)
    };
    let status = match o.status {
        Status::Optimal => "optimal",
        Status::TimeLimit => "gap",
        Status::Heuristic => "heuristic",
        Status::Infeasible => "infeasible",
    };
    let finite = |v: f64| v.is_finite().then_some(round(v, 2));
    let message = super::reasons::of_solve(&solved, lang);
    let feasible = o.status != Status::Infeasible;
    Answer {
        status,
        gap_pct: feasible.then(|| round(o.gap() * 100.0, 2)),
        objective: finite(o.objective),
        bound: finite(o.bound),
        chosen_ids: chosen
            .iter()
            .map(|&j| solved.inst.sites[j].id.clone())
            .collect(),
        chosen,
        population: sum(column(data, POPULATION)),
        aged: sum(column(data, AGED_65_PLUS)),
        uncovered: uncovered(data, &reached),
        reached,
        reaches,
        solve_ms: 0,
        message,
        solved: Some(solved),
    }
}

/// Cells with people (or, without a population column, every cell) that nothing reaches.
fn uncovered(data: &Dataset, reached: &[bool]) -> Vec<usize> {
    let people = data.demand.data.column(POPULATION);
    (0..reached.len())
        .filter(|&i| !reached[i] && people.is_none_or(|p| p[i] > 0.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_the_library_solve_and_counts_whom_it_reaches() {
        let data = crate::io::embedded::dataset().unwrap();
        let model = ModelOptions {
            p: Some(4),
            ..ModelOptions::default()
        };
        let a = answer(&data, &model, Default::default(), Lang::En);
        assert_eq!(a.status, "optimal");
        assert_eq!(a.chosen.len(), 4);
        assert_eq!(a.gap_pct, Some(0.0));
        let direct = crate::pipeline::ModelOptions::planning_instance(&model, &data).unwrap();
        let res = crate::solve::solve(&direct.0, &model.params(false, Budget::default())).unwrap();
        assert_eq!(a.objective, Some(round(res.outcome.objective, 2)));
        assert!(a.population > 0.0 && a.aged > 0.0 && a.aged < a.population);
        assert!(a.uncovered.iter().all(|&i| !a.reached[i]));
        let none = answer(
            &data,
            &ModelOptions::default(),
            Default::default(),
            Lang::En,
        );
        assert_eq!(none.status, "error");
        assert!(none.message.unwrap().contains("--p"));
        let ja = answer(
            &data,
            &ModelOptions::default(),
            Default::default(),
            Lang::Ja,
        );
        let said = ja.message.unwrap();
        assert!(
            said.starts_with("この設定では解けません") && said.contains("--p"),
            "{said}"
        );
    }

    #[test]
    fn an_unsolvable_answer_says_why_in_the_meetings_language() {
        let data = crate::io::embedded::dataset().unwrap();
        let model = |p: usize, require: &[&str], exclude: Vec<String>| ModelOptions {
            p: Some(p),
            require: require.iter().map(|s| s.to_string()).collect(),
            exclude,
            ..ModelOptions::default()
        };
        let two = model(1, &["hiejinja", "myogyoji"], Vec::new());
        let en = answer(&data, &two, Default::default(), Lang::En);
        assert_eq!(en.status, "infeasible");
        let en = en.message.unwrap();
        assert_eq!(en, "2 stops are required but only 1 may open (p = 1)");
        let ja = answer(&data, &two, Default::default(), Lang::Ja)
            .message
            .unwrap();
        assert!(ja.starts_with("必須の停留所が 2 か所"), "{ja}");
        assert!(ja.contains("p = 1"), "{ja}");
        let sites = &data.candidates.data.sites;
        let all_but_one: Vec<String> = sites.iter().skip(1).map(|s| s.id.clone()).collect();
        let few = model(2, &[], all_but_one);
        let ja = answer(&data, &few, Default::default(), Lang::Ja);
        assert_eq!(ja.status, "infeasible");
        let ja = ja.message.unwrap();
        assert!(
            ja.starts_with("停留所数 p = 2 に対して、選べる候補地は 1 か所"),
            "{ja}"
        );
    }
}
