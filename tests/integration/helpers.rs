//! Helpers shared by every test module: where the published benchmarks and the fixtures live
//! and how to read them, running the built binary (plain, asserting success, as JSON), and the
//! turn-taking that keeps the wall-clock tests alone on the machine now that all tests share
//! one process.
//!
//! The benchmark readers (library calls) live in `tests/common/mod.rs`, included here and by
//! `benches/pmedian.rs`, so an API change touches one file.

use serde_json::Value;
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

// ---------------------------------------------------------------- data files

#[path = "../common/mod.rs"]
mod benchmarks;
pub use benchmarks::{cpmp, csv_rows, pmed, shared, sjc, text};

/// A file under `../shared` (the benchmarks and the data sources).
pub fn shared_root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// A benchmark file as a command-line argument.
pub fn bench_arg(rel: &str) -> String {
    shared(rel).display().to_string()
}

/// A file of `tests/data`, as a command-line argument.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

// ---------------------------------------------------------------- running the binary

/// The built binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_mobile-stops");

/// A command for the built binary, to add environment variables or a directory to. Street
/// graphs are cached under the build's temporary folder, never in the user's own cache.
pub fn command() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env(
        "XDG_CACHE_HOME",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache"),
    );
    cmd
}

/// Runs `cmd` to the end, sharing the machine (see [`share_machine`]) while it runs.
pub fn output(cmd: &mut Command) -> Output {
    let _turn = share_machine();
    cmd.output().expect("the binary runs")
}

/// Runs the built binary with `args`.
pub fn run(args: &[&str]) -> Output {
    output(command().args(args))
}

/// Runs the built binary with `args` and asserts it succeeded (arguments and stderr in the
/// message).
pub fn run_ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    o
}

/// Standard output of a successful run as JSON.
pub fn run_json(args: &[&str]) -> Value {
    json(&run_ok(args))
}

/// `cmd` (e.g. `solve`), then `args`, then `--format json`: success asserted, JSON parsed.
pub fn command_json(cmd: &str, args: &[&str]) -> Value {
    let mut all = vec![cmd];
    all.extend(args);
    all.extend(["--format", "json"]);
    run_json(&all)
}

/// `args` then `--format json`: success asserted, JSON parsed.
pub fn format_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    run_json(&all)
}

/// Standard output parsed as JSON; the failure message holds stderr.
pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("valid JSON on stdout ({e}); stderr: {}", stderr(o)))
}

/// Standard output as UTF-8 text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Standard error as text, for messages.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

// ---------------------------------------------------------------- turns on the machine

/// Readers: tests doing heavy work (a child process, a solver in this process). The writer:
/// one wall-clock case of `limits::time`, which must have the cores to itself as it had when
/// it was its own test binary. `std`'s lock lets no new reader in while a writer waits.
static MACHINE: RwLock<()> = RwLock::new(());

thread_local! {
    /// Whether this test's thread already holds a turn (libtest runs each test on its own
    /// thread): a second read lock behind a waiting writer would deadlock.
    static HOLDS_TURN: Cell<bool> = const { Cell::new(false) };
}

/// A shared turn on the machine; released when dropped.
pub struct Turn(Option<RwLockReadGuard<'static, ()>>);

impl Drop for Turn {
    fn drop(&mut self) {
        if self.0.take().is_some() {
            HOLDS_TURN.with(|h| h.set(false));
        }
    }
}

/// Takes a shared turn for heavy work: many tests share the machine, but none while a
/// wall-clock case runs. Taking it again on the same thread is a no-op.
pub fn share_machine() -> Turn {
    if HOLDS_TURN.with(Cell::get) {
        return Turn(None);
    }
    let guard = MACHINE.read().unwrap_or_else(|e| e.into_inner());
    HOLDS_TURN.with(|h| h.set(true));
    Turn(Some(guard))
}

/// The machine to this test alone, until dropped.
pub struct Alone(#[allow(dead_code)] RwLockWriteGuard<'static, ()>);

impl Drop for Alone {
    fn drop(&mut self) {
        HOLDS_TURN.with(|h| h.set(false));
    }
}

/// The machine to this test alone: waits until no other test does heavy work. Runs of the
/// binary inside it (through [`run`] or [`output`]) take no further turn.
pub fn alone() -> Alone {
    assert!(
        !HOLDS_TURN.with(Cell::get),
        "a test holding a shared turn cannot take the machine alone"
    );
    let guard = MACHINE.write().unwrap_or_else(|e| e.into_inner());
    HOLDS_TURN.with(|h| h.set(true));
    Alone(guard)
}
