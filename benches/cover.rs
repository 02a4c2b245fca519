//! Exact covering solvers on the published benchmarks and at prefecture scale:
//!
//! - SJC MCLP (Lorena & Pereira): every p of `mclp_computed_optima.csv`, radii 800 and 1200 m,
//!   one measurement per file and radius (all its p in one iteration), plus the five LSCPs;
//! - vertex p-center on all 40 OR-Library `pmed` graphs (one iteration solves all 40);
//! - MCLP with 1,000,000 demand points × 10,000 candidates, R = 500 m, p = 50, synthetic data
//!   on an 80 km square; one iteration builds the index and the coverage and solves.
//!
//! Run: `cargo bench --bench cover`

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::benchmarks::synthetic::{dataset, SyntheticSpec};
use mobile_stops::benchmarks::{read_pmed, read_sjc};
use mobile_stops::solve::cover::{lscp, mclp, pcenter};
use mobile_stops::solve::{Limits, SiteRules, Status};
use mobile_stops::{Coverage, SphereIndex};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn shared(rel: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/").to_string() + rel;
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sjc(c: &mut Criterion) {
    let optima = shared("mclp-sjc-lorena/mclp_computed_optima.csv");
    let mut group = c.benchmark_group("sjc_mclp_all_p");
    group.sample_size(10);
    for n in [324, 402, 500, 708, 818] {
        let rel = format!("mclp-sjc-lorena/instances/SJC{n}.txt");
        let inst = read_sjc(&rel, &shared(&rel)).unwrap();
        for radius in [800.0, 1200.0] {
            let cover = inst.coverage(radius);
            let cases: Vec<(usize, f64)> = optima
                .lines()
                .skip(1)
                .map(|l| l.split(',').collect::<Vec<_>>())
                .filter(|f| f[0] == format!("SJC{n}") && f[3].parse::<f64>() == Ok(radius))
                .map(|f| (f[2].parse().unwrap(), f[4].parse().unwrap()))
                .collect();
            group.bench_function(format!("SJC{n}_r{radius}"), |b| {
                b.iter(|| {
                    for &(p, opt) in &cases {
                        let o = mclp(
                            &cover,
                            &inst.demand,
                            &SiteRules::open(n, p),
                            &Limits::default(),
                        );
                        assert!(o.status == Status::Optimal && o.objective == opt);
                    }
                    black_box(&cover);
                })
            });
            group.bench_function(format!("SJC{n}_r{radius}_lscp"), |b| {
                b.iter(|| black_box(lscp(&cover, &SiteRules::open(n, 0), &Limits::default())))
            });
        }
    }
    group.finish();
}

fn pcenter_orlib(c: &mut Criterion) {
    let optima = shared("orlib-pmed/pcenter_optima.csv");
    let cases: Vec<_> = optima
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let rel = format!("orlib-pmed/instances/{}.txt", f[0]);
            let inst = read_pmed(&rel, &shared(&rel)).unwrap();
            (inst.problem(), inst.n, inst.p, f[3].parse::<f64>().unwrap())
        })
        .collect();
    let mut group = c.benchmark_group("pcenter_orlib");
    group.sample_size(10);
    group.bench_function("pmed1_to_pmed40", |b| {
        b.iter(|| {
            for (problem, n, p, opt) in &cases {
                let o = pcenter(problem, &SiteRules::open(*n, *p), &Limits::default());
                assert!(o.status == Status::Optimal && o.objective == *opt);
            }
        })
    });
    group.finish();
}

fn scale(c: &mut Criterion) {
    let spec = SyntheticSpec {
        demand_points: 1_000_000,
        candidates: 10_000,
        stores: 0,
        survey_places: 0,
        side_km: 80.0,
        seed: 11,
    };
    let data = dataset(&spec);
    let sites = data.candidates.data.locations();
    let weight = data.demand.data.columns[0].values.clone();
    let mut group = c.benchmark_group("mclp_1m_points_x_10k_sites");
    group.sample_size(10);
    group.bench_function("index_coverage_and_mclp_p50_r500", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let index = SphereIndex::new(&data.demand.data.locations);
                let cover = Coverage::build(&index, &sites, 500.0);
                let limits = Limits::new(Some(Duration::from_secs(50)), 1);
                let o = mclp(&cover, &weight, &SiteRules::open(sites.len(), 50), &limits);
                total += t.elapsed();
                assert!(o.gap() < 0.01, "{o:?}");
                black_box(o);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, sjc, pcenter_orlib, scale);
criterion_main!(benches);
