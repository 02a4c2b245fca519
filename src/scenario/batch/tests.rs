//! The batch against single solves, and a bad scenario keeping its row.

use super::*;
use crate::io::text::SourceText;
use crate::scenario::read_scenarios;
use crate::solve::{solve, Instance, PlanningOptions, Status};

fn file(text: &str) -> ScenarioFile {
    let src = SourceText::utf8("s.toml", text);
    read_scenarios(&src, std::path::Path::new(".")).unwrap()
}

#[test]
fn rows_match_single_solves_and_bad_scenarios_keep_their_row() {
    let data = crate::io::embedded::dataset().unwrap();
    let f = file(
        "[baseline]\np = 4\n[[scenario]]\nname = \"bad id\"\nexclude = [\"nope\"]\n[[sweep]]\nname = \"r\"\nradius_m = [300.0, 800.0]\n[[scenario]]\nname = \"new site\"\nadd_candidates = [{ id = \"new\", lat = 35.35, lon = 139.40, name = \"公民館\" }]\nremove_candidates = [\"hakuhoji\"]\n",
    );
    let batch = run_batch(&f, &data, &|_| {}, crate::budget::Budget::default());
    assert_eq!(batch.rows.len(), 5);
    match &batch.rows[1].outcome {
        RowOutcome::Failed(e) => assert!(e.to_string().contains("nope"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(batch.solved, 4);
    let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
    for (k, r) in [(0, 500.0), (2, 300.0), (3, 800.0)] {
        let one = solve(
            &inst,
            &SolveParams {
                p: Some(4),
                radius_m: r,
                ..SolveParams::default()
            },
        )
        .unwrap();
        let got = batch.rows[k].outcome.solved().unwrap();
        assert_eq!(got.result.outcome.objective, one.outcome.objective);
        assert_eq!(got.result.outcome.status, Status::Optimal);
        // Forced means: excluding it loses weight; check one directly.
        for (id, f) in got.stops.iter().zip(&got.forced) {
            let without = solve(
                &inst,
                &SolveParams {
                    p: Some(4),
                    radius_m: r,
                    exclude: vec![id.clone()],
                    ..SolveParams::default()
                },
            )
            .unwrap();
            let worse = without.outcome.objective < one.outcome.objective - 1e-6;
            assert_eq!(*f, Some(worse), "{id} at {r} m");
        }
    }
    let total: usize = batch.robustness.iter().map(|r| r.chosen_in).sum();
    assert_eq!(total, 4 * 4, "four stops in each of four solved scenarios");
}
