//! Merge groups: every suppressed cell's `*` replaced by its share of the group's value.

use super::header::Header;
use super::rows::Row;
use crate::error::{Error, Location, Result};
use crate::model::MeshSummary;
use std::collections::HashMap;

/// Checks every merge group is whole and replaces `*` by each cell's population share of the
/// group's value.
pub(super) fn allocate_groups(
    name: &str,
    rows: &mut [Row],
    index: &HashMap<String, usize>,
    h: &Header,
) -> Result<MeshSummary> {
    let breakdown = breakdown_columns(name, rows, h)?;
    let summary = count_cells(name, rows, index, h)?;
    for t in 0..rows.len() {
        if rows[t].secrecy == 1 {
            share_out(name, rows, index, h, t, &breakdown)?;
        }
    }
    Ok(summary)
}

/// Which value columns are group breakdowns. A breakdown column is one that suppressed cells
/// leave to their target (`*`); every suppressed cell must do so in every breakdown column, or
/// its own number would be counted twice (once in the cell, once in the target's group value).
fn breakdown_columns(name: &str, rows: &[Row], h: &Header) -> Result<Vec<bool>> {
    let width = rows.first().map_or(0, |r| r.values.len());
    let breakdown: Vec<bool> = (0..width)
        .map(|c| rows.iter().any(|r| r.secrecy == 2 && r.values[c].is_none()))
        .collect();
    for r in rows.iter().filter(|r| r.secrecy == 2) {
        if let Some(c) = (0..width).find(|&c| breakdown[c] && r.values[c].is_some()) {
            return Err(Error::input(
                Location::at(name, r.line, Some(h.value_cols[c] + 1)),
                "`*` as in the other suppressed cells (HTKSYORI = 2) in this column",
                "a number",
            ));
        }
    }
    Ok(breakdown)
}

/// Counts the cells of each treatment, checking every suppressed cell's target is a merge
/// target in this file that lists it.
fn count_cells(
    name: &str,
    rows: &[Row],
    index: &HashMap<String, usize>,
    h: &Header,
) -> Result<MeshSummary> {
    let mut summary = MeshSummary::default();
    for row in rows {
        match row.secrecy {
            0 => summary.published_cells += 1,
            2 => {
                summary.suppressed_cells += 1;
                let t = row.target.as_deref().unwrap_or_default();
                let ok = index.get(t).is_some_and(|&j| {
                    rows[j].secrecy == 1
                        && rows[j].members.iter().any(|m| *m == row.code.to_string())
                });
                if !ok {
                    return Err(Error::input(
                        Location::at(name, row.line, Some(h.target + 1)),
                        "a merge target (HTKSYORI = 1) in this file that lists this cell in GASSAN",
                        format!("`{t}` (is the file cut short?)"),
                    ));
                }
            }
            _ => summary.merge_targets += 1,
        }
    }
    Ok(summary)
}

/// Splits merge target `t`'s breakdown values over its group in proportion to each cell's
/// own population (equally when the group has none).
fn share_out(
    name: &str,
    rows: &mut [Row],
    index: &HashMap<String, usize>,
    h: &Header,
    t: usize,
    breakdown: &[bool],
) -> Result<()> {
    let mut group = vec![t];
    for m in &rows[t].members {
        match index.get(m) {
            Some(&j)
                if rows[j].secrecy == 2
                    && rows[j].target.as_deref() == Some(&rows[t].code.to_string()) =>
            {
                group.push(j)
            }
            _ => {
                return Err(Error::input(
                    Location::at(name, rows[t].line, Some(h.gassan + 1)),
                    format!(
                        "suppressed cell {m} (listed in GASSAN) in this file, merged into this cell"
                    ),
                    "no such row (is the file cut short?)",
                ))
            }
        }
    }
    let pops: Vec<f64> = group
        .iter()
        .map(|&g| rows[g].values[h.pop].unwrap_or(0.0))
        .collect();
    let total: f64 = pops.iter().sum();
    for c in (0..rows[t].values.len()).filter(|&c| breakdown[c]) {
        let value = rows[t].values[c].expect("targets have no `*` (checked when read)");
        for (&g, &p) in group.iter().zip(&pops) {
            let share = if total > 0.0 {
                p / total
            } else {
                1.0 / group.len() as f64
            };
            rows[g].values[c] = Some(value * share);
        }
    }
    Ok(())
}
