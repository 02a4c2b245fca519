//! The time limit on large inputs: reading millions of rows and walking-radius lists of
//! hundreds of millions of pairs both keep the clock (the inputs are generated here).

use super::time::{assert_on_time, timed};
use crate::helpers::stderr;
use rand::{Rng, SeedableRng};

#[test]
fn reading_a_huge_csv_stops_at_the_limit() {
    // 1.5 M demand rows (about 50 MB): reading alone takes seconds here, so the limit must
    // stop the reader itself, wherever it is (splitting records or reading points).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demand.csv");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let mut text = String::from("id,lat,lon,population,aged_65_plus\n");
    for i in 0..1_500_000 {
        let pop: u32 = rng.gen_range(1..=60);
        text.push_str(&format!(
            "d{i},{:.6},{:.6},{pop},{}\n",
            35.30 + rng.gen::<f64>() * 0.06,
            139.35 + rng.gen::<f64>() * 0.07,
            rng.gen_range(0..=pop)
        ));
    }
    std::fs::write(&path, text).unwrap();
    let demand = path.display().to_string();
    for limit in [0.5, 1.0] {
        for cmd in ["solve", "report"] {
            let (out, wall) = timed(&[cmd, "--demand", &demand], limit);
            assert_eq!(out.status.code(), Some(2), "{cmd}");
            let err = stderr(&out);
            // On a machine fast enough to read it all, the walking-radius lists stop instead.
            assert!(
                err.contains("time to read") || err.contains("time to find who lives"),
                "{cmd}: {err}"
            );
            assert_on_time(wall, limit, true, &format!("{cmd} reading 1.5 M rows"));
        }
    }
}

#[test]
fn a_walking_radius_over_the_whole_town_ends_on_time() {
    // 300,000 points and 3,000 sites in 6 × 7 km at 3,000 m: hundreds of millions of pairs.
    // Estimating them, and building each site's list, both keep the clock.
    let dir = tempfile::tempdir().unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(13);
    let mut demand = String::from("id,lat,lon,population\n");
    for i in 0..300_000 {
        demand.push_str(&format!(
            "d{i},{:.6},{:.6},{}\n",
            35.30 + rng.gen::<f64>() * 0.06,
            139.35 + rng.gen::<f64>() * 0.07,
            rng.gen_range(1..=60)
        ));
    }
    let mut sites = String::from("id,lat,lon\n");
    for j in 0..3_000 {
        sites.push_str(&format!(
            "c{j},{:.6},{:.6}\n",
            35.30 + rng.gen::<f64>() * 0.06,
            139.35 + rng.gen::<f64>() * 0.07
        ));
    }
    let (d, c) = (dir.path().join("d.csv"), dir.path().join("c.csv"));
    std::fs::write(&d, demand).unwrap();
    std::fs::write(&c, sites).unwrap();
    let (d, c) = (d.display().to_string(), c.display().to_string());
    let args = [
        "solve",
        "--demand",
        &d,
        "--candidates",
        &c,
        "--radius-m",
        "3000",
        "--p",
        "10",
    ];
    let (out, wall) = timed(&args, 1.5);
    assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
    assert_on_time(wall, 1.5, false, "solve at 3,000 m over 300,000 points");
}
