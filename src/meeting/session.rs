//! The session folder: `operations.jsonl`, one applied operation a line, each written and
//! flushed to the disk before the page is told it was applied, so a laptop that dies (or a
//! server killed with SIGKILL) restarts on exactly the state the room last saw.

use super::edits::Entry;
use crate::error::{Error, Location, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The log's file name inside the session folder.
pub const OPERATIONS: &str = "operations.jsonl";
/// The edited candidates, kept current as a candidates file `rank --data` reads.
pub const CANDIDATES: &str = "candidates.csv";
/// The time the first solve took (the state at version 0 shows it too).
const START: &str = "start.json";

/// An open session folder.
#[derive(Debug)]
pub struct Session {
    dir: PathBuf,
    log: File,
}

impl Session {
    /// Opens (creating it when new) the session folder `dir` and reads the operations it
    /// holds. A last line cut short by a crash mid-write (no newline) was never acknowledged,
    /// so it is dropped; any other unreadable line is an error naming its line.
    pub fn open(dir: &Path) -> Result<(Session, Vec<Entry>)> {
        let path = dir.join(OPERATIONS);
        let shown = path.display().to_string();
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(dir.display().to_string(), "creating", e))?;
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(&path)
            .map_err(|e| Error::io(&shown, "opening", e))?;
        // Two servers on one session would interleave their logs; the lock dies with the
        // process, so a server killed with SIGKILL does not keep it.
        let locked = fs4::fs_std::FileExt::try_lock_exclusive(&log)
            .map_err(|e| Error::io(&shown, "locking", e))?;
        if !locked {
            return Err(Error::input(
                Location::file(&shown),
                "a session no other serve has open",
                "one in use (stop the other server first, or give another --session)",
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&shown, "reading", e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::input(Location::file(&shown), "UTF-8 JSON lines", "other bytes"))?;
        let complete = match text.rfind('\n') {
            Some(end) => &text[..=end],
            None => "",
        };
        let entries = parse(complete, &shown)?;
        if complete.len() < text.len() {
            // Drop the unacknowledged tail so the next line starts clean.
            log.set_len(complete.len() as u64)
                .map_err(|e| Error::io(&shown, "truncating", e))?;
        }
        let session = Session {
            dir: dir.to_path_buf(),
            log,
        };
        Ok((session, entries))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends `entry` and waits until it is on the disk.
    pub fn append(&mut self, entry: &Entry) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(entry).expect("entries always serialise");
        line.push(b'\n');
        self.log.write_all(&line)?;
        self.log.sync_data()
    }

    /// Replaces `name` in the folder with `bytes`, whole or not at all.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_data()?;
        std::fs::rename(&tmp, self.dir.join(name))
    }

    /// The first solve's time as recorded when the session began, or `now` recorded.
    pub fn start_ms(&self, now: u64) -> u64 {
        let path = self.dir.join(START);
        let read = std::fs::read_to_string(&path).ok();
        let recorded = read
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["solve_ms"].as_u64());
        if let Some(ms) = recorded {
            return ms;
        }
        let doc = serde_json::json!({ "solve_ms": now });
        let _ = self.write_file(START, doc.to_string().as_bytes());
        now
    }
}

fn parse(text: &str, shown: &str) -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = Location::at(shown, k as u64 + 1, None);
        let entry: Entry = serde_json::from_str(line).map_err(|e| {
            Error::input(at.clone(), "an operation as serve writes it", e.to_string())
        })?;
        let next = entries.len() as u64 + 1;
        if entry.version != next {
            return Err(Error::input(
                at,
                format!("version {next} (the operations in order)"),
                format!("version {}", entry.version),
            ));
        }
        entries.push(entry);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::op::Op;

    #[test]
    fn appended_operations_read_back_and_a_torn_last_line_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, none) = Session::open(dir.path()).unwrap();
        assert!(none.is_empty());
        let e = Entry {
            version: 1,
            base: 0,
            who: "projector".into(),
            at: "2026-12-06T09:00:00+09:00".into(),
            what: "p = 3".into(),
            op: Op::SetP { p: 3 },
            new_id: None,
            stops: Vec::new(),
            solve_ms: 7,
        };
        s.append(&e).unwrap();
        drop(s);
        let path = dir.path().join(OPERATIONS);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"version": 2, "ba"#).unwrap();
        let (held, back) = Session::open(dir.path()).unwrap();
        assert_eq!(back, vec![e]);
        let twice = Session::open(dir.path()).unwrap_err().to_string();
        assert!(twice.contains("in use"), "{twice}");
        drop(held);
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("}\n"));
        std::fs::write(&path, "{\"version\": 5}\n").unwrap();
        let err = Session::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("operations.jsonl:1"), "{err}");
    }
}
