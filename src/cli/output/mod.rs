//! Writing result files so that neither a failure nor an interrupt (Ctrl-C, SIGTERM, SIGHUP)
//! leaves a half-written file, a clobbered file or a stray temporary file.
//!
//! Each result goes to a temporary file `.mobile-stops-*.tmp` beside its target and is renamed
//! over the target only once complete, so an error never leaves a partial file. An error drops
//! the temporary file, but a signal ends the process without running destructors; so every
//! temporary file being written is also listed in a process-wide registry, and the signal
//! handler calls [`remove_partial_output_and_exit`], which deletes them. This is the binary's
//! own business (a process-wide registry and `exit`), so it lives here and not in the library,
//! which hands its results back as bytes.
//!
//! One mutex guards the registry, the creation of each temporary file and every rename, and the
//! handler keeps it locked until the process has exited. So a temporary file is either removed
//! by the handler or renamed by the writer, never left behind, and nothing is created or renamed
//! after the handler has looked.
//!
//! A path that exists and is not a regular file (a FIFO, a device, `/dev/stdout`) is not
//! renamed over but written directly: see [`target`].

mod check;
mod target;

pub use check::{check_outputs, Flagged};
pub use target::{kind, stdout_closed, stdout_closed_error, Kind};

use mobile_stops::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`. An existing
/// file is replaced only when the whole new content is on disk; an interrupt while writing
/// removes the temporary file and leaves `path` as it was. A path that exists and is not a
/// regular file is written directly instead ([`Kind::Stream`]); a directory is an error.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    match kind(path)? {
        Kind::Replace => REGISTRY.write(path, bytes),
        Kind::Stream => REGISTRY.stream(path, bytes),
    }
}

/// Writes several files into `dir` (created, with any missing parents, if it does not exist)
/// as one unit: every file is first written to its temporary file, then all are renamed in one
/// step. An error or an interrupt before that step leaves no file written or changed and
/// removes the directories it created, so `data export` never leaves a half-filled directory.
/// (Only a failure of a rename itself, after earlier renames succeeded, can leave some files
/// new and some old; each file is still whole.) A file in `dir` that is a FIFO or a device is
/// written directly, after the others are complete and before any is renamed, so a failure
/// there still changes no regular file. Returns the paths written, in order.
pub fn write_files_atomic(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>> {
    REGISTRY.write_files(dir, files)
}

/// What [`remove_partial_output_and_exit`] found and did, so the interrupt message can say
/// truthfully what is on disk.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Interrupted {
    /// Result files this process had already renamed into place: complete, and kept.
    pub written: Vec<PathBuf>,
    /// Temporary files, and empty directories made for an unfinished export, that were
    /// removed.
    pub removed: Vec<PathBuf>,
    /// FIFOs and devices being written directly: they may have received part of a result,
    /// which no cleanup can take back.
    pub streaming: Vec<PathBuf>,
}

/// For the binary's signal handler: removes every temporary file still being written (and the
/// directories created for an unfinished [`write_files_atomic`]), calls `report` to tell the
/// user and pick the exit code, then exits with that code. The registry stays locked until the
/// process is gone, so no writer can create or rename a file after the cleanup — which is why
/// this exits rather than returning.
pub fn remove_partial_output_and_exit(report: impl FnOnce(&Interrupted) -> i32) -> ! {
    let mut state = REGISTRY.lock();
    let done = state.remove_partial_output();
    let code = report(&done);
    std::process::exit(code)
}

/// The result files this process has written in full so far (renamed into place, or written
/// directly to a FIFO or device), in order: what a message about an interrupt names.
pub fn written() -> Vec<PathBuf> {
    REGISTRY.lock().written.clone()
}

/// The process-wide registry every result file goes through.
static REGISTRY: Registry = Registry::new();

/// Temporary files and directories of unfinished writes, and the finished results.
struct Registry(Mutex<State>);

#[derive(Debug)]
struct State {
    /// Temporary files created and not yet renamed or removed.
    temps: Vec<PathBuf>,
    /// Directories created for an unfinished [`write_files_atomic`], deepest first.
    new_dirs: Vec<PathBuf>,
    /// Targets renamed into place, or written directly in full, by this process.
    written: Vec<PathBuf>,
    /// Non-regular targets being written directly (see [`target`]).
    streaming: Vec<PathBuf>,
    /// Set by the cleanup: nothing may be created or renamed afterwards.
    closed: bool,
}

/// A complete temporary file waiting to be renamed over `target`.
struct Staged {
    target: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl State {
    /// Deletes every registered temporary file and created directory (only if empty) and
    /// closes the registry. Files already gone (a writer's failure cleanup raced us) are
    /// skipped.
    fn remove_partial_output(&mut self) -> Interrupted {
        self.closed = true;
        let mut removed = Vec::new();
        for p in self.temps.drain(..) {
            if std::fs::remove_file(&p).is_ok() {
                removed.push(p);
            }
        }
        for d in self.new_dirs.drain(..) {
            if std::fs::remove_dir(&d).is_ok() {
                removed.push(d);
            }
        }
        Interrupted {
            written: self.written.clone(),
            removed,
            streaming: self.streaming.clone(),
        }
    }

    fn forget(&mut self, tmp: &Path) {
        self.temps.retain(|p| p != tmp);
    }
}

fn interrupted(shown: &str) -> Error {
    Error::io(
        shown,
        "writing",
        std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted by a signal"),
    )
}

/// The directory a target's temporary file goes in: the same, so the rename stays within one
/// file system.
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Test hook: `MOBILE_STOPS_TEST_WRITE_DELAY_MS` pauses this long after the temporary files are
/// complete and before they are renamed. That window is otherwise microseconds long, too short
/// for `tests/integration/limits/signals.rs` to land a signal in it on purpose; with the pause the test proves
/// that an interrupt at that moment removes the temporary file and leaves the target as it
/// was. Not a user setting; costs one environment lookup per write.
fn test_write_delay() {
    let ms = std::env::var("MOBILE_STOPS_TEST_WRITE_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(ms) = ms {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

impl Registry {
    const fn new() -> Self {
        Registry(Mutex::new(State {
            temps: Vec::new(),
            new_dirs: Vec::new(),
            written: Vec::new(),
            streaming: Vec::new(),
            closed: false,
        }))
    }

    /// A panic elsewhere while holding the lock leaves the lists valid, so poisoning is
    /// ignored: the cleanup must still run.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let staged = self.stage(path, bytes)?;
        test_write_delay();
        self.commit(vec![staged])
    }

    fn write_files(&self, dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>> {
        let made = self.create_dirs(dir)?;
        let mut staged = Vec::new();
        let mut streams = Vec::new();
        let mut targets = Vec::new();
        let mut fill = || -> Result<()> {
            for (name, bytes) in files {
                let target = dir.join(name);
                match kind(&target)? {
                    Kind::Replace => staged.push(self.stage(&target, bytes)?),
                    Kind::Stream => streams.push((target.clone(), *bytes)),
                }
                targets.push(target);
            }
            streams
                .iter()
                .try_for_each(|(target, bytes)| self.stream(target, bytes))
        };
        if let Err(e) = fill() {
            self.discard(staged);
            self.release_dirs(&made, true);
            return Err(e);
        }
        test_write_delay();
        let committed = self.commit(staged);
        self.release_dirs(&made, committed.is_err());
        committed.map(|()| targets)
    }

    /// Creates `dir` and its missing parents, registered so that an interrupt removes them.
    /// Returns the directories created, deepest first.
    fn create_dirs(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let shown = dir.display().to_string();
        let mut state = self.lock();
        if state.closed {
            return Err(interrupted(&shown));
        }
        let missing: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .map(Path::to_path_buf)
            .collect();
        if let Err(e) = std::fs::create_dir_all(dir) {
            for d in &missing {
                let _ = std::fs::remove_dir(d);
            }
            return Err(Error::io(shown, "creating", e));
        }
        state.new_dirs.extend(missing.iter().cloned());
        Ok(missing)
    }

    /// Deregisters directories from [`Registry::create_dirs`], removing them (when still
    /// empty) if the write failed.
    fn release_dirs(&self, made: &[PathBuf], remove: bool) {
        let mut state = self.lock();
        state.new_dirs.retain(|d| !made.contains(d));
        if remove {
            for d in made {
                let _ = std::fs::remove_dir(d);
            }
        }
    }

    /// Creates and registers the temporary file for `target`, then writes `bytes` and syncs
    /// them to disk. Creation happens under the lock so that no temporary file exists
    /// unregistered; the writing does not, so a large write never delays the handler.
    fn stage(&self, target: &Path, bytes: &[u8]) -> Result<Staged> {
        let shown = target.display().to_string();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".mobile-stops-").suffix(".tmp");
        // A temporary file is private (0600); a result file is not. Keep the mode of the file
        // being replaced, else create it as any program would (0666 less the umask).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = {
            let mut state = self.lock();
            if state.closed {
                return Err(interrupted(&shown));
            }
            let tmp = builder
                .tempfile_in(parent_dir(target))
                .map_err(|e| Error::io(&shown, "writing", e))?;
            state.temps.push(tmp.path().to_path_buf());
            tmp
        };
        let mut staged = Staged {
            target: target.to_path_buf(),
            tmp,
        };
        let filled = (|| {
            if let Ok(old) = std::fs::metadata(target) {
                // Set directly: the umask applies only to new files.
                staged.tmp.as_file().set_permissions(old.permissions())?;
            }
            staged.tmp.write_all(bytes)?;
            staged.tmp.as_file().sync_all()
        })();
        match filled {
            Ok(()) => Ok(staged),
            Err(e) => {
                self.discard(vec![staged]);
                Err(Error::io(shown, "writing", e))
            }
        }
    }

    /// Deletes and deregisters temporary files that will not be renamed.
    fn discard(&self, staged: Vec<Staged>) {
        let mut state = self.lock();
        for s in staged {
            state.forget(s.tmp.path());
            drop(s); // deletes the file, if the cleanup has not already
        }
    }

    /// Renames every staged file over its target, all under one lock so an interrupt sees
    /// either none or all of them done.
    fn commit(&self, staged: Vec<Staged>) -> Result<()> {
        let mut state = self.lock();
        let mut rest = staged.into_iter();
        while let Some(s) = rest.next() {
            let shown = s.target.display().to_string();
            state.forget(s.tmp.path());
            if state.closed {
                // The cleanup removed the temporary files; dropping the rest is a no-op.
                for r in rest {
                    state.forget(r.tmp.path());
                }
                return Err(interrupted(&shown));
            }
            match s.tmp.persist(&s.target) {
                Ok(_) => state.written.push(s.target),
                Err(e) => {
                    drop(e.file); // deletes this temporary file
                    for r in rest {
                        state.forget(r.tmp.path());
                    }
                    return Err(Error::io(shown, "writing", e.error));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
