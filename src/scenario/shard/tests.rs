use super::*;

#[test]
fn every_row_goes_to_exactly_one_shard_and_loads_are_balanced() {
    let costs: Vec<f64> = (0..100).map(|i| 1.0 + (i * 37 % 11) as f64).collect();
    let shard = assign(&costs, 8);
    let mut loads = [0.0; 8];
    for (i, &k) in shard.iter().enumerate() {
        loads[k] += costs[i];
    }
    let (lo, hi) = loads
        .iter()
        .fold((f64::MAX, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    let largest = costs.iter().cloned().fold(0.0, f64::max);
    assert!(hi - lo <= largest, "loads {loads:?}");
    let all: usize = (0..8)
        .map(|k| rows_of(&costs, ShardSpec { index: k, count: 8 }).len())
        .sum();
    assert_eq!(all, costs.len());
}

#[test]
fn the_largest_rows_go_first_to_the_emptiest_shards() {
    // Costs 5, 4, 3, 3 on two shards: 5 → 0, 4 → 1, 3 → 1 (4 < 5), 3 → 0 (5 < 7).
    assert_eq!(assign(&[3.0, 5.0, 3.0, 4.0], 2), vec![1, 0, 0, 1]);
    // More shards than rows: the rest are empty.
    assert_eq!(assign(&[1.0, 1.0], 4), vec![0, 1]);
}

#[test]
fn shard_text_is_checked() {
    assert_eq!(
        ShardSpec::parse("3/8", "--shard").unwrap(),
        ShardSpec { index: 3, count: 8 }
    );
    for bad in ["8/8", "0/0", "x/2", "3", "-1/2"] {
        let e = ShardSpec::parse(bad, "--shard").unwrap_err().to_string();
        assert!(e.starts_with("--shard: expected I/N"), "{e}");
    }
    assert!(ShardSpec::parse("0/0", "--shard")
        .unwrap_err()
        .to_string()
        .contains("N = 0"));
}

#[test]
fn slurm_variables_give_the_shard() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    let s = ShardSpec::from_env(env(&[
        ("SLURM_ARRAY_TASK_ID", "12"),
        ("SLURM_ARRAY_TASK_MIN", "10"),
        ("SLURM_ARRAY_TASK_MAX", "17"),
    ]))
    .unwrap();
    assert_eq!(s, ShardSpec { index: 2, count: 8 });
    let s = ShardSpec::from_env(env(&[
        ("SLURM_ARRAY_TASK_ID", "3"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
    ]))
    .unwrap();
    assert_eq!(s, ShardSpec { index: 3, count: 4 });
    // A stepped array (0-6:2) has 4 tasks but MAX − MIN + 1 = 7.
    let e = ShardSpec::from_env(env(&[
        ("SLURM_ARRAY_TASK_ID", "2"),
        ("SLURM_ARRAY_TASK_MIN", "0"),
        ("SLURM_ARRAY_TASK_MAX", "6"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
    ]))
    .unwrap_err();
    assert!(e.to_string().contains("contiguous"), "{e}");
    let e = ShardSpec::from_env(env(&[])).unwrap_err();
    assert!(e.to_string().contains("SLURM_ARRAY_TASK_ID"), "{e}");
}
