//! Solving a region set (`regions split`'s folder): every region on its own, as the shard
//! tasks of an array job or all here, and the regions' results joined with totals.
//!
//! Each region solves its [`Settings`]' model with its own p from the table: one budget per
//! region is a modelling choice. One p shared by all regions (stops placed wherever they
//! reach most across the whole area) is a different problem, not what this solves.

use super::merge::read_shards;
use super::shard::{hash_files, ShardBody, ShardRow};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::io::load_dataset;
use crate::io::text::SourceText;
use crate::regions::table::{read_table, region_hash, RegionRow, Settings, SETTINGS, TABLE};
use crate::scenario::record::RowRecord;
use crate::scenario::shard::{rows_of, ShardSpec};
use crate::scenario::{read_scenarios, run_batch};
use crate::solve::Model;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use crate::regions::NO_CANDIDATE;

/// A region folder, read.
#[derive(Debug, Clone)]
pub struct RegionSet {
    /// The folder.
    pub dir: PathBuf,
    /// Its table as the user named it (`DIR/regions.csv`).
    pub table: String,
    /// The regions, in table order.
    pub rows: Vec<RegionRow>,
    /// How each is solved.
    pub settings: Settings,
}

/// Reads a region folder's table and settings.
pub fn open_regions(dir: &Path, budget: Budget) -> Result<RegionSet> {
    let (rows, settings) = read_table(dir, budget)?;
    Ok(RegionSet {
        dir: dir.to_path_buf(),
        table: dir.join(TABLE).display().to_string(),
        rows,
        settings,
    })
}

impl RegionSet {
    /// The hash of the table and settings, and of the regions' data as the table records it
    /// (cheap: no data file is read).
    pub fn hashes(&self) -> Result<(String, String)> {
        let table = [
            ("table", self.dir.join(TABLE)),
            ("settings", self.dir.join(SETTINGS)),
        ];
        let file = hash_files(&mut blake3::Hasher::new(), &table)?;
        let mut h = blake3::Hasher::new();
        for r in &self.rows {
            h.update(r.data_hash.as_bytes());
            h.update(b"\n");
        }
        Ok((file, format!("blake3:{}", h.finalize().to_hex())))
    }

    /// Checks the regions `which` (every one, at merge) against the table's hashes, so a
    /// region whose files changed after the split is refused by name.
    pub fn check_data(&self, which: &[usize]) -> Result<()> {
        for &k in which {
            let r = &self.rows[k];
            if region_hash(&self.dir.join(&r.dir))? != r.data_hash {
                return Err(Error::input(
                    Location::file(self.dir.join(&r.dir).display().to_string()),
                    format!(
                        "region {}'s data as split (its hash in {})",
                        r.id, self.table
                    ),
                    "files changed since",
                ));
            }
        }
        Ok(())
    }

    /// Each region's expected work, from the table alone (so every task splits alike): the
    /// covering models' pairs (points × candidates) times (1 + p)·√p solves and rounds.
    pub fn costs(&self) -> Vec<f64> {
        self.rows
            .iter()
            .map(|r| {
                let (n, m, p) = (r.points as f64, r.candidates as f64, r.p.max(1) as f64);
                n + m + n * m * (1.0 + p) * p.sqrt()
            })
            .collect()
    }

    /// Solves region `k` (its own data, its own p); a region with demand but no candidate is
    /// a row saying so, and a region that fails is a row with its error.
    pub fn solve_one(&self, k: usize, budget: Budget) -> RowRecord {
        let r = &self.rows[k];
        if r.candidates == 0 {
            return RowRecord::NotRun {
                reason: NO_CANDIDATE.into(),
            };
        }
        let model = self.settings.model().unwrap_or(Model::Mclp);
        let p = match model {
            Model::Lscp => String::new(),
            _ => format!("p = {}\n", r.p),
        };
        let text = format!(
            "[data]\ndata = {:?}\n[baseline]\nmodel = {:?}\n{p}radius_m = {}\n",
            r.dir, self.settings.model, self.settings.radius_m
        );
        let name = format!("{} (region {})", self.table, r.id);
        let solved = read_scenarios(&SourceText::utf8(&name, &text), &self.dir).and_then(|file| {
            let data = load_dataset(&file.data, budget)?;
            let batch = run_batch(&file, &data, &|_| {}, budget);
            Ok(RowRecord::of(&batch.rows[0]))
        });
        solved.unwrap_or_else(|e| RowRecord::Failed {
            message: e.to_string(),
            exit_code: e.exit_code(),
            json: e.to_json(),
        })
    }

    /// Solves the regions `which` (in parallel), in that order.
    pub fn solve(&self, which: &[usize], budget: Budget) -> Vec<RowRecord> {
        which
            .par_iter()
            .map(|&k| self.solve_one(k, budget))
            .collect()
    }

    /// Shard `spec` of the regions (split by [`Self::costs`] as scenario rows are).
    pub fn run_shard(&self, spec: ShardSpec, command: String, budget: Budget) -> Result<ShardBody> {
        let mine = rows_of(&self.costs(), spec);
        self.check_data(&mine)?;
        let records = self.solve(&mine, budget);
        let (file_hash, data_hash) = self.hashes()?;
        let absolute = std::path::absolute(&self.dir).unwrap_or(self.dir.clone());
        Ok(ShardBody {
            kind: "regions".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            file: self.table.clone(),
            file_path: absolute.join(TABLE).display().to_string(),
            file_hash,
            data_hash,
            distances: None,
            command,
            shards: spec.count,
            shard: spec.index,
            rows_total: self.rows.len(),
            rows: mine
                .iter()
                .zip(records)
                .map(|(&k, result)| ShardRow {
                    row: k,
                    id: self.rows[k].id.clone(),
                    result,
                })
                .collect(),
        })
    }
}

/// Reads, checks and joins region shard results: the region folder is read again (by the
/// name the shards give, else its absolute path) and must be the one they solved.
pub fn merge_regions(paths: &[PathBuf], budget: Budget) -> Result<(RegionSet, Vec<RowRecord>)> {
    let set = read_shards(paths)?;
    let first = &set.bodies[0];
    let named = PathBuf::from(&first.file);
    let table = if named.is_file() {
        named
    } else {
        PathBuf::from(&first.file_path)
    };
    let dir = table.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut regions = open_regions(&dir, budget)?;
    regions.table = first.file.clone();
    if regions.hashes()? != (first.file_hash.clone(), first.data_hash.clone()) {
        return Err(Error::input(
            Location::file(&first.file),
            "the region folder the shards solved (its table, settings and data, byte for byte)",
            "a folder changed since",
        ));
    }
    regions.check_data(&(0..regions.rows.len()).collect::<Vec<_>>())?;
    let ids: Vec<&str> = regions.rows.iter().map(|r| r.id.as_str()).collect();
    let records = set.records(&ids)?;
    Ok((regions, records))
}
