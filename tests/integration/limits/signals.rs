//! Ctrl-C, SIGTERM and SIGHUP against the real binary: whenever the signal lands, the `--out`
//! file is either the old one or the complete new one, no `.mobile-stops-*.tmp` is left, and
//! the exit code is 0 (finished first) or 130 (interrupted). (A signal during a scenario
//! batch keeps the finished rows instead: `batch_signals.rs`, which shares these helpers.)
//!
//! The window between a temporary file's creation and its rename lasts microseconds, too short
//! to hit on purpose, so the tests that must land in it set `MOBILE_STOPS_TEST_WRITE_DELAY_MS`
//! (a pause there, see `src/output.rs`) and send the signal only once the temporary file is
//! seen on disk: those attempts provably landed while it existed. The sweep then sends SIGINT
//! at delays spread over whole runs, with a shorter pause, to check the same promises wherever
//! the signal falls (reading, scoring, writing, renaming, or after the end).

use crate::helpers::{share_machine, BIN};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const DELAY_VAR: &str = "MOBILE_STOPS_TEST_WRITE_DELAY_MS";
const OLD: &str = "the previous result\n";
/// Candidate sites in the synthetic dataset: the rank JSON lists each once.
const SITES: usize = 3000;
/// Generous, for a loaded 2-core machine; only reached when something is broken.
pub(super) const PATIENCE: Duration = Duration::from_secs(120);

/// A fixed pseudo-random sequence in [0, 1) (xorshift from `seed`): the synthetic towns of the
/// signal tests, the same on every machine.
pub(super) fn uniform(mut seed: u64) -> impl FnMut() -> f64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A synthetic dataset big enough that `rank --format json` takes a noticeable time and writes
/// about 2 MB: 40,000 demand points and 3,000 candidate sites (a fixed pseudo-random layout).
fn dataset(dir: &Path) -> (PathBuf, PathBuf) {
    let mut next = uniform(0x9e37_79b9_7f4a_7c15);
    let mut demand = String::from("id,lat,lon,population,aged_65_plus\n");
    for i in 0..40_000 {
        let (lat, lon) = (35.30 + next() * 0.1, 139.35 + next() * 0.1);
        let pop = 1 + (next() * 500.0) as u32;
        demand.push_str(&format!("p{i},{lat:.5},{lon:.5},{pop},{}\n", pop / 4));
    }
    let mut sites = String::from("id,lat,lon,name\n");
    for i in 0..SITES {
        let (lat, lon) = (35.30 + next() * 0.1, 139.35 + next() * 0.1);
        sites.push_str(&format!("s{i},{lat:.5},{lon:.5},site {i}\n"));
    }
    let (d, c) = (dir.join("demand.csv"), dir.join("candidates.csv"));
    std::fs::write(&d, demand).unwrap();
    std::fs::write(&c, sites).unwrap();
    (d, c)
}

/// `rank --format json --out OUT` on the synthetic data, with the write pause if given.
fn spawn_rank(data: &(PathBuf, PathBuf), out: &Path, pause_ms: Option<u64>) -> Child {
    let mut cmd = Command::new(BIN);
    cmd.arg("rank")
        .arg("--demand")
        .arg(&data.0)
        .arg("--candidates")
        .arg(&data.1)
        .args(["--format", "json", "--out"])
        .arg(out);
    spawn(cmd, pause_ms)
}

fn spawn(mut cmd: Command, pause_ms: Option<u64>) -> Child {
    cmd.env_remove(DELAY_VAR);
    if let Some(ms) = pause_ms {
        cmd.env(DELAY_VAR, ms.to_string());
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Sends `signal` (e.g. `INT`) with the system's `kill`, so the test needs no extra crate.
/// The child is not reaped before [`finish`], so its pid cannot have been reused.
pub(super) fn send(signal: &str, child: &Child) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {}", child.id());
}

/// Waits for the child, killing it (and failing) if it hangs.
fn finish(mut child: Child) -> (ExitStatus, String) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status, err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the binary did not exit within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Leftover temporary files of `write_atomic` in `dir`.
pub(super) fn temporaries(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Err(_) => Vec::new(),
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".mobile-stops-") && n.ends_with(".tmp"))
            .collect(),
    }
}

/// Polls until `done` holds, failing the test (after killing the child) if the child exits
/// first or it takes longer than [`PATIENCE`].
pub(super) fn wait_for(child: &mut Child, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the binary exited ({status}) before {what}");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no {what} within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Whether the out file is the complete rank result: valid JSON listing every site.
fn complete(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v["candidates"].as_array().map(|a| a.len() == SITES))
        .unwrap_or(false)
}

#[test]
fn a_signal_while_the_temporary_file_exists_removes_it_and_keeps_the_old_result() {
    let _turn = share_machine();
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("rank.json");
    for signal in ["INT", "TERM", "HUP"] {
        std::fs::write(&out, OLD).unwrap();
        // A pause far longer than any delivery: the rename cannot happen before the signal.
        let mut child = spawn_rank(&data, &out, Some(60_000));
        wait_for(&mut child, "temporary file", || {
            !temporaries(&out_dir).is_empty()
        });
        send(signal, &child);
        let (status, err) = finish(child);
        assert_eq!(temporaries(&out_dir), Vec::<String>::new(), "SIG{signal}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), OLD, "SIG{signal}");
        assert_eq!(
            status.code(),
            Some(130),
            "SIG{signal}: {status} (signal {:?}); stderr: {err}",
            status.signal()
        );
        assert!(
            err.contains("mobile-stops: interrupted; no output file was written or changed"),
            "SIG{signal}: {err}"
        );
    }
}

/// The files `data export` writes.
const EXPORTED: [&str; 5] = [
    "demand.csv",
    "candidates.csv",
    "notes.csv",
    "SOURCE.md",
    "area.geojson",
];

#[test]
fn an_interrupted_export_leaves_no_half_filled_directory() {
    let _turn = share_machine();
    let dir = tempfile::tempdir().unwrap();
    // A new directory: interrupted while its files are written, it is removed again.
    let fresh = dir.path().join("new").join("data");
    let mut cmd = Command::new(BIN);
    cmd.args(["data", "export"]).arg(&fresh);
    let mut child = spawn(cmd, Some(60_000));
    wait_for(
        &mut child,
        "a temporary file for every exported file",
        || temporaries(&fresh).len() == EXPORTED.len(),
    );
    send("INT", &child);
    let (status, err) = finish(child);
    assert_eq!(temporaries(&fresh), Vec::<String>::new());
    assert!(!dir.path().join("new").exists(), "export directory left");
    assert_eq!(status.code(), Some(130), "{status}; stderr: {err}");

    // An existing export replaced with --force: interrupted, the old files stay as they were.
    let kept = dir.path().join("kept");
    std::fs::create_dir(&kept).unwrap();
    for n in EXPORTED {
        std::fs::write(kept.join(n), OLD).unwrap();
    }
    let mut cmd = Command::new(BIN);
    cmd.args(["data", "export", "--force"]).arg(&kept);
    let mut child = spawn(cmd, Some(60_000));
    wait_for(
        &mut child,
        "a temporary file for every exported file",
        || temporaries(&kept).len() == EXPORTED.len(),
    );
    send("TERM", &child);
    let (status, err) = finish(child);
    assert_eq!(temporaries(&kept), Vec::<String>::new());
    for n in EXPORTED {
        assert_eq!(std::fs::read_to_string(kept.join(n)).unwrap(), OLD, "{n}");
    }
    assert_eq!(status.code(), Some(130), "{status}; stderr: {err}");
}

/// Whether the process has a handler for SIGINT (bit 1 of `SigCgt` in /proc/PID/status), so
/// the sweep can time its signals from the moment the binary can catch them. A signal before
/// that kills the process by default, which is harmless (nothing is written yet) but is not
/// what this test measures.
#[cfg(target_os = "linux")]
fn catches_sigint(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
}

#[cfg(target_os = "linux")]
#[test]
fn sigint_at_any_moment_leaves_the_old_or_the_complete_result_and_no_temporary() {
    let _turn = share_machine();
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("rank.json");

    // One run to completion, to time it and to know what a complete result is.
    let started = Instant::now();
    let (status, err) = finish(spawn_rank(&data, &out, None));
    let plain = started.elapsed();
    assert!(status.success(), "{status}: {err}");
    assert!(complete(&std::fs::read_to_string(&out).unwrap()));
    // A pause about half the run's length makes the write phase a good part of each run.
    let pause = (plain.as_millis() as u64 / 2).clamp(50, 1000);
    let span = plain + Duration::from_millis(pause);

    let attempts = 16;
    let (mut kept_old, mut finished, mut after_rename, mut with_temporary) = (0, 0, 0, 0);
    for k in 0..attempts {
        // Delays from 0 to 1.5 × the run: early, mid-scoring, mid-write, after the end.
        let delay = span.mul_f64(1.5 * k as f64 / (attempts - 1) as f64);
        std::fs::write(&out, OLD).unwrap();
        let mut child = spawn_rank(&data, &out, Some(pause));
        let pid = child.id();
        wait_for(&mut child, "installing a SIGINT handler", || {
            catches_sigint(pid)
        });
        std::thread::sleep(delay);
        if !temporaries(&out_dir).is_empty() {
            with_temporary += 1;
        }
        send("INT", &child);
        let (status, err) = finish(child);
        let text = std::fs::read_to_string(&out).unwrap();
        let at = format!("attempt {k}, SIGINT after {delay:?}");
        assert_eq!(temporaries(&out_dir), Vec::<String>::new(), "{at}");
        match status.code() {
            Some(0) => {
                assert!(complete(&text), "{at}: exit 0 with an incomplete file");
                finished += 1;
            }
            Some(130) => {
                assert!(err.contains("mobile-stops: interrupted;"), "{at}: {err}");
                if text == OLD {
                    assert!(
                        err.contains("no output file was written or changed"),
                        "{at}"
                    );
                    kept_old += 1;
                } else {
                    assert!(complete(&text), "{at}: neither the old nor a complete file");
                    assert!(err.contains("written in full"), "{at}: {err}");
                    after_rename += 1;
                }
            }
            _ => panic!(
                "{at}: {status} (signal {:?}); stderr: {err}",
                status.signal()
            ),
        }
    }
    eprintln!(
        "run {plain:?} + pause {pause} ms; {attempts} attempts: {kept_old} interrupted before \
         the rename ({with_temporary} with a temporary file on disk when signalled), \
         {after_rename} after it, {finished} finished first"
    );
    assert_eq!(kept_old + after_rename + finished, attempts);
}
