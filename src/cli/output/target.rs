//! What an output path is, and writing straight into one that is not a regular file.
//!
//! The temporary-file-and-rename of [`super::write_atomic`] is right for a regular file (or a
//! path not there yet): the old content stays until the new is whole. It is wrong for anything
//! else: renaming over a FIFO or `/dev/null` replaces the node with a regular file, and
//! `/dev/stdout` or a process substitution (`/dev/fd/63`) cannot be renamed over at all. Such
//! a path is opened and written directly, as `cat > PATH` would; it cannot be made atomic, and
//! nothing needs it to be (a reader of a pipe or a device sees a stream, not a file).

use super::{interrupted, Registry};
use mobile_stops::{Error, Location, Result};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// How an output path is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file or a path that does not exist: temporary file beside it, then rename.
    Replace,
    /// An existing FIFO, device, socket, or a name for an open descriptor (`/dev/stdout`,
    /// `/dev/fd/N`, `/proc/self/fd/N`): opened and written directly, no temporary file.
    Stream,
}

/// How `path` is to be written; a directory is an error (exit 2) naming it.
///
/// A symlink is judged by what it points to: to a FIFO or device it is written through (the
/// link and the node stay as they are), to a regular file or to nothing it is replaced by the
/// rename like any regular file, as before (the rename replaces the link itself with the new
/// file and leaves the file it pointed to untouched; writing through the link would give up
/// the atomic replacement). A name that leads into `/proc` is always written through, even
/// when the descriptor behind it is a regular file (`mobile-stops rank --out /dev/stdout >
/// f`): no temporary file can be created there, and renaming over it is meaningless.
pub fn kind(path: &Path) -> Result<Kind> {
    let alias = names_a_descriptor(path);
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::input(
            Location::file(path.display().to_string()),
            "a file to write",
            "a directory",
        )),
        Ok(m) if m.is_file() && !alias => Ok(Kind::Replace),
        Ok(_) => Ok(Kind::Stream),
        // Missing, a dangling link, or not reachable: the rename path creates it or reports
        // the real error.
        Err(_) if alias => Ok(Kind::Stream),
        Err(_) => Ok(Kind::Replace),
    }
}

/// Whether `path`, or a symlink on the way from it, lies in `/proc` (where `/dev/stdout`,
/// `/dev/fd/N` and `/proc/self/fd/N` all lead on Linux). Each hop's directory is resolved, so
/// `/dev/fd/63` (with `/dev/fd` a link to `/proc/self/fd`) is caught as well as `/dev/stdout`
/// (a link to `/proc/self/fd/1`).
fn names_a_descriptor(path: &Path) -> bool {
    let mut p: PathBuf = path.to_path_buf();
    // The kernel's own limit on links followed in one lookup.
    for _ in 0..40 {
        let dir = super::parent_dir(&p);
        if std::fs::canonicalize(dir).is_ok_and(|d| d.starts_with("/proc")) {
            return true;
        }
        match std::fs::read_link(&p) {
            Ok(next) => p = dir.join(next), // `join` keeps an absolute `next` as it is
            Err(_) => return false,
        }
    }
    false
}

impl Registry {
    /// Opens `path` (no create, no truncate: it exists and is not a regular file) and writes
    /// `bytes` to it. Opening a FIFO waits for a reader, as `cat > FIFO` does; the registry is
    /// not locked meanwhile, so Ctrl-C still ends the process at once. A reader that goes
    /// away (EPIPE) ends the write quietly, the convention the command keeps for standard
    /// output (`| head`); any other failure (`/dev/full`: no space) is an error naming `path`.
    pub(super) fn stream(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let shown = path.display().to_string();
        {
            let mut state = self.lock();
            if state.closed {
                return Err(interrupted(&shown));
            }
            state.streaming.push(path.to_path_buf());
        }
        let written = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Error::io(&shown, "opening", e))
            .and_then(|mut f| match f.write_all(bytes).and_then(|()| f.flush()) {
                Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(Error::io(&shown, "writing", e)),
                _ => Ok(()),
            });
        let mut state = self.lock();
        state.streaming.retain(|p| p != path);
        if written.is_ok() {
            state.written.push(path.to_path_buf());
        }
        written
    }
}

/// Whether standard output was closed when the process started (`mobile-stops rank >&-`).
///
/// Rust's runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null` before `main`, read and
/// write, so writes to a closed standard output "succeed" and the command would exit 0 having
/// written nothing. A shell's `> /dev/null` opens it write-only; so descriptor 1 on
/// `/dev/null` opened read-write is taken as closed (the same holds for the rare `1<>
/// /dev/null`, which also throws the output away). Linux only (read from `/proc`); elsewhere
/// this says `false` and the behaviour is as before.
pub fn stdout_closed() -> bool {
    let on_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
    if !on_null {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    // `flags:` is octal; the access mode is its low two bits (O_RDWR = 2).
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|f| f & 0o3 == 0o2)
}

/// The error for a closed standard output.
pub fn stdout_closed_error() -> Error {
    Error::io(
        "standard output",
        "writing",
        std::io::Error::other("it is closed (started with `>&-`?); give --out FILE or redirect it"),
    )
}
