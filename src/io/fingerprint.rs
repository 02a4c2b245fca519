//! Fingerprints of input files: BLAKE3 over their bytes, so a result made elsewhere (a shard
//! of an array job) can be checked against the files here before it is trusted.

use super::DataPaths;
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// BLAKE3 of a file's bytes, as `blake3:HEX`.
pub fn file_hash(path: &Path) -> Result<String> {
    let mut h = blake3::Hasher::new();
    hash_file(&mut h, path)?;
    Ok(format!("blake3:{}", h.finalize().to_hex()))
}

fn hash_file(h: &mut blake3::Hasher, path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(&shown, "reading", e))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| Error::io(&shown, "reading", e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        len += n as u64;
    }
    h.update(&len.to_le_bytes());
    Ok(())
}

/// BLAKE3 over every data file `paths` names (the files of `data_dir` in name order, then each
/// named file), each with its role and length, so moving bytes between files changes it too.
/// The embedded dataset is named by this build's version.
pub fn data_hash(paths: &DataPaths) -> Result<String> {
    let mut h = blake3::Hasher::new();
    h.update(concat!("mobile-stops ", env!("CARGO_PKG_VERSION"), "\n").as_bytes());
    let mut files: Vec<(&str, PathBuf)> = Vec::new();
    if let Some(dir) = &paths.data_dir {
        let shown = dir.display().to_string();
        let list = std::fs::read_dir(dir).map_err(|e| Error::io(&shown, "listing", e))?;
        let mut names: Vec<PathBuf> = list
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|p| ("data", p)));
    }
    files.extend(paths.demand.iter().map(|p| ("demand", p.clone())));
    let named = [
        ("candidates", &paths.candidates),
        ("surveys", &paths.surveys),
        ("stores", &paths.stores),
        ("area", &paths.area),
        ("cost_matrix", &paths.cost_matrix),
    ];
    files.extend(named.iter().filter_map(|(r, p)| Some((*r, (*p).clone()?))));
    if let Some(n) = &paths.network {
        files.push(("network", n.file.clone()));
        files.extend(n.dem.clone().map(|d| ("dem", d)));
    }
    hash_files(&mut h, &files)
}

/// BLAKE3 over `files` (each with its role and length) after what `h` already holds.
pub fn hash_files(h: &mut blake3::Hasher, files: &[(&str, PathBuf)]) -> Result<String> {
    for (role, p) in files {
        h.update(role.as_bytes());
        hash_file(h, p)?;
    }
    Ok(format!("blake3:{}", h.finalize().to_hex()))
}
