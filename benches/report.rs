//! The council report for the embedded dataset, end to end in the library: read, score,
//! solve (MCLP, p = 8, 500 m), explain (one re-solve per stop), draw the map, write HTML.
//! The target is under 2 s. `cargo bench --bench report`.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::report::{council_html, map_svg, CouncilReport, Lang, MapSpec};
use mobile_stops::score::score;
use mobile_stops::solve::explain::explain;
use mobile_stops::solve::{solve, Instance, PlanningOptions, SolveParams};
use mobile_stops::{io, ScoreParams};

fn whole_report() -> usize {
    let data = io::embedded::dataset().expect("embedded data");
    let table = score(&data, &ScoreParams::default()).expect("scores");
    let inst = Instance::from_dataset(&data, &PlanningOptions::default()).expect("instance");
    let params = SolveParams {
        p: Some(8),
        ..SolveParams::default()
    };
    let res = solve(&inst, &params).expect("solves");
    let why = explain(&inst, &params, &res, 0.05, 8).expect("explains");
    let mut chosen = res.outcome.open.clone();
    chosen.sort_unstable();
    let map = map_svg(&MapSpec::new(&data, &chosen, 500.0), Lang::Ja).expect("map");
    let report = CouncilReport {
        title: "移動販売の停留所案".into(),
        data: &data,
        table: &table,
        inst: &inst,
        res: &res,
        why: &why,
        map_svg: map,
        comparison: None,
        route: None,
        stamp: None,
    };
    council_html(&report, Lang::Ja).len()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("embedded_html", |b| b.iter(whole_report));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
