//! A nation-sized instance for `regions`: quarter-mesh demand cells and candidate sites over
//! a block of 2nd-level mesh squares (10 km each; Japan's ~1,700 municipalities are about that
//! size), written as `demand.csv` and `candidates.csv`. Seeded (ChaCha8): the same files on
//! every machine.
//!
//! Run: `cargo run --release --example nation_regions -- OUT_DIR [cells] [candidates] [squares]`
//! (defaults 2,000,000 cells, 160,000 candidates, 1,700 squares); `benches/regions_nation.sh`
//! runs the whole benchmark.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Write};

/// Quarter cells in a 2nd-level square: 10 × 10 3rd-level cells of 2 × 2 halves of 2 × 2.
const QUARTERS_PER_SQUARE: usize = 1600;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::path::PathBuf::from(
        args.first()
            .expect("usage: nation_regions OUT_DIR [cells] [candidates] [squares]"),
    );
    let num = |k: usize, d: usize| args.get(k).and_then(|s| s.parse().ok()).unwrap_or(d);
    let (cells, candidates, squares) = (num(1, 2_000_000), num(2, 160_000), num(3, 1_700));
    std::fs::create_dir_all(&out)?;
    let mut rng = ChaCha8Rng::seed_from_u64(20);
    // The squares: whole 1st-level squares (8 × 8 2nd-level each) from 5236 eastward and
    // northward, in code order, the last one partly.
    let firsts: Vec<(u32, u32)> = (52..=56)
        .flat_map(|a| (32..=40).map(move |b| (a, b)))
        .collect();
    let list: Vec<(u32, u32, u32, u32)> = firsts
        .iter()
        .flat_map(|&(a, b)| (0..8).flat_map(move |c| (0..8).map(move |d| (a, b, c, d))))
        .take(squares)
        .collect();
    let keep = cells as f64 / (list.len() * QUARTERS_PER_SQUARE) as f64;
    let mut demand = BufWriter::new(std::fs::File::create(out.join("demand.csv"))?);
    writeln!(demand, "id,lat,lon,population,aged_65_plus")?;
    let mut written = 0usize;
    for &(a, b, c, d) in &list {
        let south = a as f64 / 1.5 + c as f64 * 5.0 / 60.0;
        let west = 100.0 + b as f64 + d as f64 * 7.5 / 60.0;
        for q in 0..QUARTERS_PER_SQUARE {
            if !rng.gen_bool(keep.min(1.0)) {
                continue;
            }
            let (e, f) = (q / 160 % 10, q / 16 % 10); // 3rd-level row, column
            let (h, k) = (q / 4 % 4, q % 4); // half, quarter (1-4 less one)
            let row = e as f64 * 4.0 + (h / 2) as f64 * 2.0 + (k / 2) as f64;
            let col = f as f64 * 4.0 + (h % 2) as f64 * 2.0 + (k % 2) as f64;
            let lat = south + (row + 0.5) * 7.5 / 3600.0;
            let lon = west + (col + 0.5) * 11.25 / 3600.0;
            let people: u32 = rng.gen_range(1..=120);
            let aged = (people as f64 * rng.gen_range(0.15..0.45)).round();
            writeln!(
                demand,
                "{a}{b}{c}{d}{e}{f}{}{},{lat:.7},{lon:.7},{people},{aged}",
                h + 1,
                k + 1
            )?;
            written += 1;
        }
    }
    demand.flush()?;
    let mut sites = BufWriter::new(std::fs::File::create(out.join("candidates.csv"))?);
    writeln!(sites, "id,lat,lon,name")?;
    for i in 0..candidates {
        let &(a, b, c, d) = &list[i % list.len()];
        let lat = a as f64 / 1.5 + (c as f64 + rng.gen_range(0.0..1.0)) * 5.0 / 60.0;
        let lon = 100.0 + b as f64 + (d as f64 + rng.gen_range(0.0..1.0)) * 7.5 / 60.0;
        writeln!(sites, "c{i:06},{lat:.7},{lon:.7},site {i}")?;
    }
    sites.flush()?;
    eprintln!(
        "{written} demand cells, {candidates} candidates over {} 2nd-level squares in {}",
        list.len(),
        out.display()
    );
    Ok(())
}
