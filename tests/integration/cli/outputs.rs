//! Outputs that are not regular files, and output paths that would destroy something. A FIFO,
//! a device, `/dev/stdout` or `/dev/fd/N` is written directly and stays what it was; a
//! directory, one file named by two output flags, an output that is an input, and a closed
//! standard output are exit 2 naming the path, with nothing changed. Real FIFOs (made with
//! `mkfifo`), real devices, real symlinks.

use super::{refs, small};
use crate::helpers::{command, output, run, stderr, BIN};
use std::fs;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The ranked table of the small fixture, as standard output gives it.
fn expected() -> Vec<u8> {
    let o = run(&refs(&small(&[])));
    assert!(o.status.success(), "{}", stderr(&o));
    o.stdout
}

/// `small(extra)` with `--out PATH` added.
fn rank_to(path: &Path, extra: &[&str]) -> Output {
    let mut args = small(extra);
    args.extend(["--out".into(), path.display().to_string()]);
    run(&refs(&args))
}

fn mkfifo(path: &Path) {
    let s = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(s.success(), "mkfifo {}", path.display());
}

/// Runs `f` while a thread reads the FIFO at `path` to its end; returns both. If `f` never
/// opened the FIFO, the reader is released by opening it without blocking (O_NONBLOCK, Linux's
/// value; fails harmlessly when the reader is already gone), so a failing test cannot hang.
fn while_reading(path: &Path, f: impl FnOnce() -> Output) -> (Output, Vec<u8>) {
    let p = path.to_path_buf();
    let reader = std::thread::spawn(move || fs::read(p).expect("the FIFO reads"));
    let o = f();
    let _ = fs::OpenOptions::new()
        .write(true)
        .custom_flags(0o4000)
        .open(path);
    (o, reader.join().unwrap())
}

#[test]
fn a_fifo_receives_the_whole_result_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let (o, got) = while_reading(&fifo, || rank_to(&fifo, &[]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(got, expected());
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file"
    );
}

#[test]
fn a_symlink_to_a_fifo_is_written_through_and_both_stay() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("real.fifo");
    let link = dir.path().join("link");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let (o, got) = while_reading(&fifo, || rank_to(&link, &[]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(got, expected());
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(fs::metadata(&link).unwrap().file_type().is_fifo());
}

#[test]
fn dev_null_stays_a_character_device() {
    let o = rank_to(Path::new("/dev/null"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m = fs::symlink_metadata("/dev/null").unwrap();
    assert!(m.file_type().is_char_device(), "/dev/null was replaced");
}

#[test]
fn dev_full_is_exit_2_naming_it() {
    if !Path::new("/dev/full").exists() {
        eprintln!("note: no /dev/full on this machine; the no-space case is not tested");
        return;
    }
    let o = rank_to(Path::new("/dev/full"), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/full"), "{}", stderr(&o));
    assert!(fs::metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn dev_stdout_gets_the_bytes_on_captured_standard_output() {
    let o = rank_to(Path::new("/dev/stdout"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, expected());
}

/// `/dev/fd/3` (what a process substitution gives) on a regular file the shell opened: written
/// through the descriptor, not renamed over (which cannot work in `/proc`).
#[test]
fn a_descriptor_name_on_a_regular_file_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("via-fd.txt");
    let mut args = small(&[]);
    args.extend(["--out".into(), "/dev/fd/3".into()]);
    let o = output(
        Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3>"$MS_FILE""#)
            .arg(BIN)
            .args(&args)
            .env("MS_FILE", &file),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read(&file).unwrap(), expected());
}

#[test]
fn a_directory_is_exit_2_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let o = rank_to(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&dir.path().display().to_string()) && err.contains("directory"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing left in it"
    );
}

/// Today's behaviour, kept: the rename replaces the link itself with the new file, and the
/// file it pointed to keeps its content.
#[test]
fn a_symlink_to_a_regular_file_is_replaced_by_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    let link = dir.path().join("link.txt");
    fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = rank_to(&link, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m = fs::symlink_metadata(&link).unwrap();
    assert!(m.is_file(), "the link is now a regular file");
    assert_eq!(fs::read(&link).unwrap(), expected());
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file"
    );
}

#[test]
fn a_closed_standard_output_is_exit_2() {
    let o = output(
        Command::new("sh")
            .arg("-c")
            .arg(r#"exec >&-; exec "$0" "$@""#)
            .arg(BIN)
            .args(small(&[])),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("standard output"), "{}", stderr(&o));
    // Writing to /dev/null on purpose is not a closed output.
    let o = output(
        command()
            .args(small(&[]))
            .stdout(std::process::Stdio::null()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

const SCENARIOS: &str = "[baseline]\nmodel = \"mclp\"\np = 2\n\n[[scenario]]\nname = \"a\"\n";

/// A directory holding a scenario file `s.toml` and a result file `x` saying `keep`.
fn scenario_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("s.toml"), SCENARIOS).unwrap();
    let x = dir.path().join("x");
    fs::write(&x, "keep").unwrap();
    (dir, x)
}

#[test]
fn one_file_for_out_and_report_is_exit_2_and_left_alone() {
    let (dir, x) = scenario_dir();
    // The same file spelled two ways, from inside the directory.
    for (out, report) in [("x", "x"), ("x", "./x"), ("./new", "new")] {
        let mut cmd = command();
        cmd.current_dir(dir.path())
            .args(["scenarios", "s.toml", "--out", out, "--report", report]);
        let o = output(&mut cmd);
        assert_eq!(o.status.code(), Some(2), "{out} {report}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("--out") && err.contains("--report"), "{err}");
        assert_eq!(fs::read_to_string(&x).unwrap(), "keep");
        assert!(!dir.path().join("new").exists(), "nothing written");
    }
}

#[test]
fn an_output_that_is_an_input_is_exit_2_and_the_input_untouched() {
    let (dir, _) = scenario_dir();
    let toml = dir.path().join("s.toml");
    let mut cmd = command();
    cmd.current_dir(dir.path())
        .args(["scenarios", "./s.toml", "--out", "s.toml"]);
    let o = output(&mut cmd);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("scenario file"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&toml).unwrap(), SCENARIOS);

    let demand = dir.path().join("demand.csv");
    fs::copy(crate::helpers::fixture("small_demand.csv"), &demand).unwrap();
    let before = fs::read(&demand).unwrap();
    let args = [
        "rank",
        "--demand",
        demand.to_str().unwrap(),
        "--candidates",
        &crate::helpers::fixture("small_candidates.csv"),
        "--out",
        demand.to_str().unwrap(),
    ];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("--out") && err.contains("--demand"), "{err}");
    assert_eq!(fs::read(&demand).unwrap(), before);
}

/// `data export --force` into a directory whose `demand.csv` is a FIFO: the FIFO gets the
/// file's content and stays a FIFO; the other files are written as usual.
#[test]
fn data_export_writes_through_a_fifo_among_its_files() {
    let plain = tempfile::tempdir().unwrap();
    let o = run(&["data", "export", plain.path().to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("demand.csv");
    mkfifo(&fifo);
    let (o, got) = while_reading(&fifo, || {
        run(&["data", "export", dir.path().to_str().unwrap(), "--force"])
    });
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(got, fs::read(plain.path().join("demand.csv")).unwrap());
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let candidates = fs::read(dir.path().join("candidates.csv")).unwrap();
    assert_eq!(
        candidates,
        fs::read(plain.path().join("candidates.csv")).unwrap()
    );
}
