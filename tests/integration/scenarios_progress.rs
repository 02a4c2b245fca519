//! `scenarios --progress`: what each setting prints on standard error for a quick batch
//! (periodic lines, and Ctrl-C during a long one, are in `limits::batch_signals`).

use crate::helpers::{run, stderr};

const FILE: &str =
    "[baseline]\np = 3\nradius_m = 400\n[[sweep]]\nname = \"stops\"\np = [2, 4, 5]\n";

fn batch(dir: &tempfile::TempDir) -> String {
    let p = dir.path().join("s.toml");
    std::fs::write(&p, FILE).unwrap();
    p.display().to_string()
}

#[test]
fn none_and_quiet_print_nothing_and_plain_prints_one_final_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = batch(&dir);
    for quiet in [
        &["--progress", "none"][..],
        &["--quiet"],
        &["--progress", "bar"],
    ] {
        let mut args = vec!["scenarios", &f, "--format", "json"];
        args.extend(quiet);
        let o = run(&args);
        assert!(o.status.success(), "{quiet:?}: {}", stderr(&o));
        // A bar is drawn only on a terminal; this standard error is a pipe.
        assert_eq!(stderr(&o), "", "{quiet:?}");
        assert!(!o.stdout.is_empty());
    }
    // `auto` on a pipe: plain lines, but a batch under a second stays quiet.
    let o = run(&["scenarios", &f, "--format", "json"]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
    let o = run(&["scenarios", &f, "--format", "json", "--progress", "plain"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("mobile-stops: 4/4 scenarios finished in "),
        "{err}"
    );
    assert!(lines[0].ends_with("/s)"), "{err}");
}

#[test]
fn an_unknown_progress_setting_is_refused_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let f = batch(&dir);
    let o = run(&["scenarios", &f, "--progress", "loud"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("'loud' for '--progress"), "{err}");
    assert!(o.stdout.is_empty());
}
