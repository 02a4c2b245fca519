//! Atomic writes, the registry and the interrupt cleanup.

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn replaces_existing_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.csv");
    std::fs::write(&p, "old").unwrap();
    write_atomic(&p, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Deregistered after the rename (other tests may have their own entries).
    let state = REGISTRY.lock();
    assert!(!state.temps.iter().any(|t| t.starts_with(dir.path())));
    assert!(state.written.contains(&p));
}

#[test]
fn a_temporary_file_is_registered_while_written_and_the_cleanup_removes_it() {
    // A registry of its own: the cleanup closes it, which must not touch other tests.
    let registry = Registry::new();
    let dir = tempfile::tempdir().unwrap();
    let done = dir.path().join("done.csv");
    registry.write(&done, b"first").unwrap();
    let p = dir.path().join("out.csv");
    std::fs::write(&p, "old").unwrap();
    let staged = registry.stage(&p, b"new content").unwrap();
    let tmp = staged.tmp.path().to_path_buf();
    assert_eq!(registry.lock().temps, vec![tmp.clone()]);
    assert_eq!(std::fs::read_to_string(&tmp).unwrap(), "new content");
    let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(".mobile-stops-") && name.ends_with(".tmp"),
        "{name}"
    );

    let report = registry.lock().remove_partial_output();
    assert_eq!(report.removed, vec![tmp.clone()]);
    assert_eq!(report.written, vec![done.clone()]);
    assert!(!tmp.exists());
    assert!(registry.lock().temps.is_empty());
    // The writer, resuming after the cleanup, must not rename anything.
    assert!(registry.commit(vec![staged]).is_err());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    assert_eq!(names(dir.path()), ["done.csv", "out.csv"]);
    // Nor create a new temporary file.
    assert!(registry.stage(&p, b"again").is_err());
    assert_eq!(names(dir.path()), ["done.csv", "out.csv"]);
}

#[test]
fn an_interrupted_directory_export_leaves_no_directory() {
    let registry = Registry::new();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("a").join("b");
    let made = registry.create_dirs(&target).unwrap();
    assert_eq!(made, vec![target.clone(), dir.path().join("a")]);
    let _one = registry.stage(&target.join("one.csv"), b"1").unwrap();
    let _two = registry.stage(&target.join("two.csv"), b"2").unwrap();
    assert_eq!(names(&target).len(), 2);
    let report = registry.lock().remove_partial_output();
    assert_eq!(report.removed.len(), 4);
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[test]
fn a_directory_export_writes_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new");
    let files: [(&str, &[u8]); 2] = [("one.csv", b"1"), ("two.md", b"2")];
    let written = write_files_atomic(&target, &files).unwrap();
    assert_eq!(written, vec![target.join("one.csv"), target.join("two.md")]);
    assert_eq!(names(&target), ["one.csv", "two.md"]);
    assert_eq!(std::fs::read_to_string(target.join("two.md")).unwrap(), "2");
    assert!(!REGISTRY.lock().new_dirs.contains(&target));
}

#[cfg(unix)]
#[test]
fn result_files_are_readable_like_any_other_and_keep_a_replaced_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.csv");
    write_atomic(&p, b"x").unwrap();
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, b"x").unwrap();
    let mode = |f: &Path| std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&p), mode(&plain), "the mode any program would create");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&p, b"y").unwrap();
    assert_eq!(mode(&p), 0o640);
}

#[test]
fn missing_directory_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nope").join("out.csv");
    assert!(write_atomic(&p, b"x").is_err());
    assert!(!p.exists());
}
