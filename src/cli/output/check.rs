//! Refusing, before any work, outputs that would destroy something: a directory given as a
//! file, one file named by two output flags (`scenarios --out X --report X`: the report would
//! replace the results, and the command would still exit 0), and an output that is one of the
//! inputs (`--out` naming the `--demand` file: the data would be gone).

use super::{kind, Kind};
use mobile_stops::{Error, Location, Result};
use std::path::{Path, PathBuf};

/// A path and the flag (or words) that named it, e.g. `("--out", "ranked.csv")`.
pub type Flagged<'a> = (String, &'a Path);

/// One file on disk, however it was spelled (`X`, `./X`, `dir/../X`, a link to it).
#[derive(Debug, PartialEq, Eq)]
enum Id {
    /// An existing file: device and inode, so hard links and symlinks count as the same.
    #[cfg(unix)]
    Node(u64, u64),
    /// A path not there yet (or, off Unix, any path): its canonical directory and its name.
    Path(PathBuf),
}

fn id(path: &Path) -> Id {
    #[cfg(unix)]
    if let Ok(m) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return Id::Node(m.dev(), m.ino());
    }
    if let Ok(p) = std::fs::canonicalize(path) {
        return Id::Path(p);
    }
    let dir = super::parent_dir(path);
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    Id::Path(match path.file_name() {
        Some(name) => dir.join(name),
        None => path.to_path_buf(),
    })
}

fn refuse(path: &Path, expected: String, found: String) -> Error {
    Error::input(Location::file(path.display().to_string()), expected, found)
}

/// Checks the outputs against each other and against the inputs; exit 2 naming the path and
/// both flags. Two outputs may share a FIFO or a device (each is written after the other, so
/// nothing is lost); they may not share a file, which the second rename would replace. An
/// output may be the same device as an input (`--demand /dev/stdin --out /dev/stdout` on a
/// terminal are one node), but not the same regular file or FIFO.
pub fn check_outputs(outputs: &[Flagged], inputs: &[Flagged]) -> Result<()> {
    let mut seen: Vec<(&str, Id, Kind)> = Vec::new();
    for (flag, path) in outputs {
        let how = kind(path).map_err(|_| {
            refuse(
                path,
                format!("a file to write for {flag}"),
                "a directory".into(),
            )
        })?;
        let this = id(path);
        if let Some((first, ..)) = seen
            .iter()
            .find(|(_, other, k)| *other == this && (how, *k) != (Kind::Stream, Kind::Stream))
        {
            return Err(refuse(
                path,
                format!(
                    "a different file for {first} and {flag} (the second would replace the first)"
                ),
                format!("{first} and {flag} both naming it"),
            ));
        }
        let shareable = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !is_fifo(&m));
        if !shareable {
            if let Some((input, _)) = inputs.iter().find(|(_, p)| id(p) == this) {
                return Err(refuse(
                    path,
                    format!("an output for {flag} that is not an input (writing it would destroy the input)"),
                    format!("{flag} naming the same file as {input}"),
                ));
            }
        }
        seen.push((flag, this, how));
    }
    Ok(())
}

fn is_fifo(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        m.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}
