use super::strong::STRONG;
use super::*;
use crate::on_threads::on_threads;
use crate::solve::median::capdata::random_instance;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The full search splits into rounds of forks; what it proves and the tree it walks must
/// not depend on how many threads run them, nor differ from the one-thread walk's optimum.
#[test]
fn rounds_prove_the_same_plan_on_any_thread_count() {
    let mut rng = ChaCha8Rng::seed_from_u64(29);
    let from_root = Strong { after: 0, ..STRONG };
    let mut branched = 0;
    for _ in 0..5 {
        let (n, p) = (rng.gen_range(45..60), rng.gen_range(5..8));
        let Some(data) = random_instance(&mut rng, n, p, 1.05) else {
            continue;
        };
        let limits = Limits::default();
        let summary = |s: CapSearch| (s.best.map(|b| (b.cost, b.site)), s.bound, s.nodes);
        for strong in [Some(STRONG), Some(from_root)] {
            let run_on = |threads| {
                on_threads(threads, || {
                    summary(run(&data, None, &limits, u64::MAX, strong, ROUNDS))
                })
            };
            let one = run_on(1);
            assert_eq!(run_on(2), one);
            assert_eq!(run_on(5), one);
            let walked = run(&data, None, &limits, u64::MAX, strong, SEQUENTIAL);
            assert_eq!(
                one.0.as_ref().map(|b| b.0),
                walked.best.map(|b| b.cost),
                "rounds and the plain walk prove the same optimum"
            );
            branched += usize::from(one.2 > ROUNDS.budget);
        }
    }
    assert!(branched >= 2, "only {branched} searches outgrew a round");
}
