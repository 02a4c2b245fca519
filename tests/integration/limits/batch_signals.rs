//! Ctrl-C (SIGINT) and SIGTERM during a `scenarios` batch against the real binary: the batch
//! stops promptly, every output is written whole with the rows that finished, the others say
//! `not_run` / `interrupted`, the message stands on its own line and names the files, and the
//! exit code is 130.
//!
//! The batch is made slow by its data, not by a pause: a generated town (5,000 points, 200
//! sites) where five MCLP rows take well under a second and three p-median rows with 12 to 20
//! stops take minutes. One thread keeps it to one core. The test waits for the plain progress
//! line (every 5 s when standard error is a file) that shows rows done, so the signal lands
//! after some rows finished and while the p-median solves run.

use super::signals::{send, temporaries, uniform, wait_for, PATIENCE};
use crate::helpers::{share_machine, BIN};
use serde_json::Value;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 8;

const SCENARIOS: &str = r#"
[data]
demand = "demand.csv"
candidates = "candidates.csv"

[baseline]
model = "mclp"
p = 3
radius_m = 300

[[sweep]]
name = "quick"
p = [2, 4, 5, 6]

[[sweep]]
name = "slow"
model = ["pmedian"]
p = [12, 16, 20]
"#;

/// The town and the scenario file in `dir` (a fixed pseudo-random layout).
fn slow_batch(dir: &Path) -> PathBuf {
    let mut next = uniform(0x2545_f491_4f6c_dd1d);
    let mut demand = String::from("id,lat,lon,population,aged_65_plus\n");
    for i in 0..5_000 {
        let (lat, lon) = (35.30 + next() * 0.06, 139.35 + next() * 0.07);
        let pop = 1 + (next() * 60.0) as u32;
        demand.push_str(&format!("d{i},{lat:.6},{lon:.6},{pop},{}\n", pop / 3));
    }
    let mut sites = String::from("id,lat,lon,name\n");
    for j in 0..200 {
        let (lat, lon) = (35.30 + next() * 0.06, 139.35 + next() * 0.07);
        sites.push_str(&format!("c{j},{lat:.6},{lon:.6},site {j}\n"));
    }
    std::fs::write(dir.join("demand.csv"), demand).unwrap();
    std::fs::write(dir.join("candidates.csv"), sites).unwrap();
    let file = dir.join("s.toml");
    std::fs::write(&file, SCENARIOS).unwrap();
    file
}

/// Starts the batch on one thread, standard error to `err`, standard output to `out` (or
/// nowhere).
fn spawn(file: &Path, args: &[&str], err: &Path, out: Option<&Path>) -> Child {
    let mut cmd = Command::new(BIN);
    cmd.args(["--threads", "1", "scenarios"])
        .arg(file)
        .args(args);
    cmd.env_remove("MOBILE_STOPS_TEST_WRITE_DELAY_MS")
        .stdin(Stdio::null())
        .stdout(match out {
            Some(p) => Stdio::from(File::create(p).unwrap()),
            None => Stdio::null(),
        })
        .stderr(Stdio::from(File::create(err).unwrap()))
        .spawn()
        .expect("the binary starts")
}

/// Rows done in the latest plain progress line (`mobile-stops: 5/8 scenarios, …`).
fn rows_done(err: &str) -> Option<usize> {
    err.lines().rev().find_map(|l| {
        let rest = l.strip_prefix("mobile-stops: ")?;
        let (done, rest) = rest.split_once('/')?;
        rest.strip_prefix(&format!("{ROWS} scenarios, "))?;
        done.parse().ok()
    })
}

/// Waits for a progress line with a finished row, sends `signal`, and waits for the exit:
/// the rows done then, the exit status, how long the exit took, and standard error.
fn interrupt_after_some_rows(
    mut child: Child,
    err: &Path,
    signal: &str,
) -> (usize, ExitStatus, Duration, String) {
    let mut done = 0;
    wait_for(&mut child, "a progress line with a finished row", || {
        done = rows_done(&std::fs::read_to_string(err).unwrap_or_default()).unwrap_or(0);
        done > 0
    });
    assert!(done < ROWS, "the batch must still be running");
    send(signal, &child);
    let sent = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if sent.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no exit within {PATIENCE:?} of SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (
        done,
        status,
        sent.elapsed(),
        std::fs::read_to_string(err).unwrap(),
    )
}

/// The rows written: complete JSON, the finished rows solved and the others `not_run` with
/// the reason `interrupted`; returns how many were solved.
fn check_rows(v: &Value, done: usize) -> usize {
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), ROWS);
    let solved = rows.iter().filter(|r| r["status"] == "optimal").count();
    let cut: Vec<&Value> = rows.iter().filter(|r| r["status"] == "not_run").collect();
    assert_eq!(solved + cut.len(), ROWS, "{v:#}");
    assert!(
        solved >= done,
        "{solved} solved, {done} were done before the signal"
    );
    assert!(!cut.is_empty(), "the p-median rows were running");
    for r in &cut {
        assert_eq!(r["not_run_reason"], "interrupted", "{r}");
        assert!(r["stops"].is_null(), "{r}");
    }
    assert_eq!(v["solved"], solved);
    assert_eq!(v["not_run"], cut.len());
    assert_eq!(v["interrupted"], cut.len());
    for c in v["robustness"].as_array().expect("robustness") {
        assert!(c["chosen_in"].as_u64().unwrap() <= solved as u64, "{c}");
    }
    solved
}

/// The interrupt message: on a line of its own after the progress lines, naming `files`.
fn check_message(err: &str, solved: usize, files: &[&str]) {
    for line in err.lines() {
        assert!(
            line.starts_with("mobile-stops: "),
            "a line not its own: {line:?}\n{err}"
        );
    }
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!(
            "mobile-stops: interrupted after {solved} of {ROWS} scenarios finished"
        )),
        "{err}"
    );
    for f in files {
        assert!(last.contains(f), "{f} not named: {last}");
    }
    assert!(
        err.contains(&format!("{solved}/{ROWS} scenarios finished in"))
            && err.contains("then interrupted"),
        "the final progress line: {err}"
    );
}

#[test]
fn sigint_during_a_batch_writes_the_finished_rows_and_marks_the_rest_interrupted() {
    let _turn = share_machine();
    let dir = tempfile::tempdir().unwrap();
    let file = slow_batch(dir.path());
    let (out, report, err) = (
        dir.path().join("out.json"),
        dir.path().join("r.html"),
        dir.path().join("err.txt"),
    );
    let args = [
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    // No --progress: `auto` prints plain lines when standard error is a file.
    let child = spawn(&file, &args, &err, None);
    let (done, status, took, err) = interrupt_after_some_rows(child, &err, "INT");
    assert_eq!(status.code(), Some(130), "{status}: {err}");
    // The p-median rows would take minutes: their solves stopped at once.
    assert!(took < Duration::from_secs(10), "{took:?} to stop");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let solved = check_rows(&v, done);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.ends_with("</html>\n"), "a whole page");
    assert!(
        html.contains("the run was interrupted"),
        "the page says why rows are missing"
    );
    assert!(
        html.contains("counted over the"),
        "the page says what robustness counts"
    );
    check_message(
        &err,
        solved,
        &[out.to_str().unwrap(), report.to_str().unwrap()],
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    eprintln!("SIGINT after {done} rows: {solved} kept, exit {took:?} after the signal");
}

#[test]
fn sigterm_during_a_batch_to_standard_output_keeps_the_finished_rows() {
    let _turn = share_machine();
    let dir = tempfile::tempdir().unwrap();
    let file = slow_batch(dir.path());
    let (out, report, err) = (
        dir.path().join("stdout.json"),
        dir.path().join("r.html"),
        dir.path().join("err.txt"),
    );
    let args = [
        "--progress",
        "plain",
        "--format",
        "json",
        "--report",
        report.to_str().unwrap(),
    ];
    let child = spawn(&file, &args, &err, Some(&out));
    let (done, status, took, err) = interrupt_after_some_rows(child, &err, "TERM");
    assert_eq!(status.code(), Some(130), "{status}: {err}");
    assert!(took < Duration::from_secs(10), "{took:?} to stop");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let solved = check_rows(&v, done);
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .ends_with("</html>\n"));
    check_message(&err, solved, &["standard output", report.to_str().unwrap()]);
}
