//! Each day's run is the shortest closed tour: the route's day runs equal brute force over
//! every order on seeded asymmetric travel matrices.

use super::{route_json, Data};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Minutes of a closed tour through `order` under matrix `m` (index 0 the depot).
fn tour(m: &[Vec<u32>], order: &[usize]) -> u32 {
    let mut at = 0;
    let mut total = 0;
    for &s in order {
        total += m[at][s];
        at = s;
    }
    total + m[at][0]
}

/// The least tour over all orders (Heap's algorithm).
fn brute_force(m: &[Vec<u32>]) -> u32 {
    let mut a: Vec<usize> = (1..m.len()).collect();
    let n = a.len();
    let mut best = tour(m, &a);
    let mut c = vec![0; n];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                a.swap(0, i);
            } else {
                a.swap(c[i], i);
            }
            best = best.min(tour(m, &a));
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    best
}

#[test]
fn day_runs_equal_brute_force_on_seeded_asymmetric_matrices() {
    let data = Data::new();
    let cands = data.path("cands.csv");
    for (seed, k) in [(1u64, 3usize), (2, 5), (3, 7), (4, 8), (5, 9), (6, 9)] {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // Place 0 is the depot (c9), places 1..=k the stops c0..c(k-1).
        let ids: Vec<String> = std::iter::once("c9".to_string())
            .chain((0..k).map(|i| format!("c{i}")))
            .collect();
        let m: Vec<Vec<u32>> = (0..=k)
            .map(|a| {
                (0..=k)
                    .map(|b| if a == b { 0 } else { rng.gen_range(1..60) })
                    .collect()
            })
            .collect();
        let mut matrix = String::from("from,to,minutes\n");
        for a in 0..=k {
            for b in 0..=k {
                if a != b {
                    matrix += &format!("{},{},{}\n", ids[a], ids[b], m[a][b]);
                }
            }
        }
        let mpath = data.write("m.csv", &matrix);
        let spath = data.write("s.csv", &format!("id\n{}\n", ids[1..].join("\n")));
        let args = data.args(
            &cands,
            &[
                "--stops",
                &spath,
                "--travel-matrix",
                &mpath,
                "--depot",
                "c9",
                "--days",
                "mon",
                "--window",
                "00:00-24:00",
                "--service-min",
                "1",
            ],
        );
        let v = route_json(&args[1..]);
        let day = &v["days"][0];
        assert_eq!(day["stops"].as_array().unwrap().len(), k);
        let got = day["drive_min"].as_f64().unwrap();
        assert_eq!(got, f64::from(brute_force(&m)), "seed {seed}, {k} stops");
        // The reported order really drives that long.
        let order: Vec<usize> = day["stops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                ids.iter()
                    .position(|x| x == s["id"].as_str().unwrap())
                    .unwrap()
            })
            .collect();
        assert_eq!(f64::from(tour(&m, &order)), got);
    }
}
