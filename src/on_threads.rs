//! Runs a closure on a pool of a given number of threads, for the tests that check a result
//! does not depend on the thread count (a promise every parallel solver in the crate makes).

/// Runs `f` on a fresh pool of `threads` threads and returns what it returns.
pub(crate) fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(f)
}
