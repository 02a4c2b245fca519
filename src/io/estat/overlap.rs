//! Census files read together must not cover the same ground: the same area downloaded at two
//! mesh levels (a 1 km file and a 250 m file), or one file given twice, would count its
//! residents twice. Mesh codes nest by prefix (a quarter cell's code starts with its half,
//! 3rd, 2nd and 1st cell's codes), so two cells overlap exactly when one code is a prefix of
//! the other.

use crate::error::{Error, Location, Result};
use std::collections::HashMap;

/// Code lengths of the mesh levels, coarsest first.
const LEVELS: [usize; 5] = [4, 6, 8, 9, 10];

/// Where a cell was read: the file's index and the line.
#[derive(Clone, Copy)]
struct Seen {
    file: usize,
    line: u64,
}

/// The cells of the census files read so far.
#[derive(Default)]
pub(crate) struct CellIndex {
    files: Vec<String>,
    /// Every cell read, by code.
    cells: HashMap<String, Seen>,
    /// Every coarser code that holds a cell read, with one such cell.
    holding: HashMap<String, (String, Seen)>,
}

impl CellIndex {
    /// Adds one file's cells (`lines[k]` is where `codes[k]` was read, in column `key_col`),
    /// refusing the first that overlaps a cell of an earlier file.
    pub(crate) fn add(
        &mut self,
        file: &str,
        codes: &[String],
        lines: &[u64],
        key_col: usize,
    ) -> Result<()> {
        for (code, &line) in codes.iter().zip(lines) {
            if let Some(found) = self.overlap(code) {
                return Err(Error::input(
                    Location::at(file, line, Some(key_col + 1)),
                    "census cells that no other demand file covers (each resident counted once)",
                    found,
                ));
            }
        }
        let me = self.files.len();
        self.files.push(file.to_string());
        for (code, &line) in codes.iter().zip(lines) {
            let seen = Seen { file: me, line };
            for &len in LEVELS.iter().filter(|&&len| len < code.len()) {
                self.holding
                    .entry(code[..len].to_string())
                    .or_insert_with(|| (code.clone(), seen));
            }
            self.cells.insert(code.clone(), seen);
        }
        Ok(())
    }

    /// How `code` overlaps an earlier file's cell, in words; `None` when it does not.
    fn overlap(&self, code: &str) -> Option<String> {
        let at = |s: Seen| format!("{} line {}", self.files[s.file], s.line);
        if let Some(&s) = self.cells.get(code) {
            return Some(format!("`{code}` again, also in {}", at(s)));
        }
        let coarser = LEVELS.iter().filter(|&&len| len < code.len());
        for &len in coarser {
            if let Some(&s) = code.get(..len).and_then(|p| self.cells.get(p)) {
                let outer = &code[..len];
                return Some(format!("`{code}`, inside cell `{outer}` of {}", at(s)));
            }
        }
        let (inner, s) = self.holding.get(code)?;
        Some(format!("`{code}`, holding cell `{inner}` of {}", at(*s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(ix: &mut CellIndex, file: &str, codes: &[&str]) -> Result<()> {
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        let lines: Vec<u64> = (3..3 + codes.len() as u64).collect();
        ix.add(file, &codes, &lines, 0)
    }

    #[test]
    fn cells_overlap_when_one_code_begins_the_other() {
        let mut ix = CellIndex::default();
        add(&mut ix, "a.csv", &["533902", "53390311"]).unwrap();
        add(&mut ix, "b.csv", &["53390411", "533904"]).unwrap();
        let err = |codes: &[&str]| {
            let mut ix2 = CellIndex::default();
            add(&mut ix2, "a.csv", &["533902", "53390311"]).unwrap();
            add(&mut ix2, "b.csv", codes).unwrap_err().to_string()
        };
        assert_eq!(
            err(&["53390411", "5339020911"]),
            "b.csv:4:1: expected census cells that no other demand file covers (each resident \
             counted once), found `5339020911`, inside cell `533902` of a.csv line 3"
        );
        assert!(err(&["5339"]).ends_with("`5339`, holding cell `533902` of a.csv line 3"));
        assert!(err(&["533903"]).ends_with("holding cell `53390311` of a.csv line 4"));
        assert!(err(&["53390311"]).ends_with("`53390311` again, also in a.csv line 4"));
    }
}
