use super::*;
use crate::io::text::SourceText;
use crate::scenario::{read_scenarios, run_batch};

#[test]
fn records_read_back_through_json_give_the_same_rows() {
    let toml = "[baseline]\np = 3\n[[sweep]]\nname = \"r\"\nradius_m = [300, 700]\n\
                [[scenario]]\nname = \"bad\"\nrequire = [\"no-such-site\"]\n";
    let src = SourceText::utf8("w.toml", toml);
    let file = read_scenarios(&src, std::path::Path::new(".")).unwrap();
    let data = crate::io::embedded::dataset().unwrap();
    let batch = run_batch(&file, &data, &|_| {}, Default::default());
    let records: Vec<RowRecord> = batch.rows.iter().map(RowRecord::of).collect();
    let text = serde_json::to_string(&records).unwrap();
    let back: Vec<RowRecord> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, records);
    let again = replay(&back, &file, &data).unwrap();
    assert_eq!(again.robustness, batch.robustness);
    assert_eq!(again.solved, batch.solved);
    for (a, b) in again.rows.iter().zip(&batch.rows) {
        match (&a.outcome, &b.outcome) {
            (RowOutcome::Solved(x), RowOutcome::Solved(y)) => {
                assert_eq!(x.stops, y.stops);
                assert_eq!(x.result.outcome.objective, y.result.outcome.objective);
            }
            (RowOutcome::Failed(x), RowOutcome::Failed(y)) => {
                assert_eq!(x.to_string(), y.to_string());
                assert_eq!(x.exit_code(), y.exit_code());
                assert_eq!(x.to_json(), y.to_json());
            }
            other => panic!("outcomes differ: {other:?}"),
        }
    }
}

#[test]
fn infinite_bounds_survive_json() {
    let r = SolvedRecord {
        status: Status::Heuristic,
        objective: 0.1 + 0.2,
        bound: f64::INFINITY,
        covered_weight: 1.0 / 3.0,
        total_weight: 2.0,
        p: Some(2),
        require: vec![],
        exclude: vec![],
        stops: vec!["a".into()],
        forced: vec![None],
        unique_weight: vec![1e-300],
        people_reached: None,
        aged_reached: Some(7.25),
        potential_users: None,
        top_ranked: None,
        weight_column: None,
    };
    let text = serde_json::to_string(&RowRecord::Solved(r.clone())).unwrap();
    let back: RowRecord = serde_json::from_str(&text).unwrap();
    assert_eq!(back, RowRecord::Solved(r));
}
