//! A demand × candidate cost matrix: `from,to,metres` (or `minutes`), one row per pair a
//! network tool found, as issue #17's `network matrix` writes and as OSMnx or pandana users
//! export. Pairs not listed are unreachable.
//!
//! Every row is checked against the data it will be used with: `from` must be a demand point
//! id and `to` a candidate id (a typo would silently make a pair unreachable), one row per
//! pair, and the cost a number of 0 or more. Each error names the file, line and column.

use super::text::{describe, Cells, SourceText, Table, MAX_VALUE};
use crate::budget::{Budget, MemoryLimit};
use crate::error::{Error, Location, Result};
use crate::model::costs::BYTES_PER_COST_PAIR;
use crate::model::{CostTable, CostUnit, Dataset, LocalText, Part};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One listed pair as read: candidate column, demand point, cost and the line it is on.
type Entry = (u32, u32, f64, u64);

/// Reads a cost matrix for `demand` ids (the `from` column) and `candidates` ids (`to`), taking
/// the `unit`'s column. The table's memory is counted against `memory` before it is built; the
/// file's own text was counted when it was read ([`SourceText::read`]), and the run's deadline
/// is looked at while the rows are read.
pub fn read_cost_matrix(
    src: &SourceText,
    unit: CostUnit,
    demand: &[String],
    candidates: &[String],
    memory: MemoryLimit,
) -> Result<CostTable> {
    let table = Table::parse(src, super::columns::COSTS)?;
    let cols = columns(&table, unit)?;
    table.require_rows("demand–candidate costs")?;
    memory.check(
        format!("{} ({} pairs)", src.name, table.records.len()),
        (table.records.len() as u64).saturating_mul(BYTES_PER_COST_PAIR),
        "cut the matrix at a smaller distance (pairs beyond the radius are never used by the \
         covering models), or aggregate the demand; ",
    )?;
    let ids = Ids {
        demand: index(demand),
        candidates: index(candidates),
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(table.records.len());
    for rec in &table.records {
        let cells = table.cells(rec)?;
        entries.push(read_row(&cells, &cols, &ids)?);
    }
    entries.sort_unstable_by_key(|&(c, i, _, line)| (c, i, line));
    if let Some(w) = entries
        .windows(2)
        .find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
    {
        let (c, i, _, line) = w[1];
        return Err(Error::input(
            Location::at(&src.name, line, Some(cols.from + 1)),
            "one row per demand point and candidate",
            format!(
                "`{}` to `{}` again (first on line {})",
                demand[i as usize], candidates[c as usize], w[0].3
            ),
        ));
    }
    Ok(CostTable::from_sorted(
        unit,
        candidates.to_vec(),
        demand.len(),
        entries.into_iter().map(|(c, i, d, _)| (c as usize, i, d)),
    ))
}

/// Reads the cost matrix at `path` for `data`'s demand and candidates, with the notes every
/// result using it prints: which distances it replaces and which stay straight-line, and who
/// it leaves unreachable.
pub(super) fn read_costs_part(
    path: &Path,
    unit: CostUnit,
    data: &Dataset,
    budget: Budget,
) -> Result<Part<Arc<CostTable>>> {
    let src = SourceText::read(path, budget)?;
    let candidates: Vec<String> = data
        .candidates
        .data
        .sites
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let table = read_cost_matrix(
        &src,
        unit,
        &data.demand.data.ids,
        &candidates,
        budget.memory,
    )?;
    let notes = cost_notes(&src.name, &table, data);
    Ok(Part {
        source: src.name,
        data: Arc::new(table),
        notes,
    })
}

/// What a result computed with `table` must say: where its distances come from, what stays
/// straight-line, and the points and candidates the file gives no pair at all.
fn cost_notes(file: &str, table: &CostTable, data: &Dataset) -> Vec<LocalText> {
    let (unit, pairs) = (table.unit, table.pairs());
    let (radius_en, radius_ja, unit_ja) = match unit {
        CostUnit::Metres => (String::new(), String::new(), "メートル"),
        CostUnit::Minutes => (
            "; the radius (--radius-m, radius_m) is read as minutes".to_string(),
            "。徒歩圏（--radius-m、radius_m）は分として読みます".to_string(),
            "分",
        ),
    };
    let mut notes = vec![LocalText::new(
        format!(
            "distances from demand points to candidates are the cost matrix {file} ({}, {pairs} \
             pairs); a pair it does not list is unreachable{radius_en}. Distances to food shops \
             and survey places, and the route's drive times, stay straight-line",
            unit.column()
        ),
        format!(
            "需要地点から候補地までの距離はコスト行列 {file}（{unit_ja}、{pairs}組）によります。記載のない組は到達できないものとします{radius_ja}。食料品店・調査地点までの距離と巡回の走行時間は直線距離のままです"
        ),
    )];
    let mut listed_point = vec![false; table.points()];
    let mut bare_sites = Vec::new();
    for (c, site) in data.candidates.data.sites.iter().enumerate() {
        let (points, _) = table.column(c);
        if points.is_empty() {
            bare_sites.push(site.id.as_str());
        }
        for &i in points {
            listed_point[i as usize] = true;
        }
    }
    let bare_points: Vec<usize> = (0..listed_point.len())
        .filter(|&i| !listed_point[i])
        .collect();
    if let Some(&first) = bare_points.first() {
        let id = &data.demand.data.ids[first];
        let n = bare_points.len();
        notes.push(LocalText::new(
            format!(
                "{n} demand points have no cost to any candidate in {file} (first: `{id}`): no \
                 stop reaches them"
            ),
            format!(
                "{file} にどの候補地への距離もない需要地点が{n}件あります（最初: `{id}`）。どの停留所からも到達できません"
            ),
        ));
    }
    if !bare_sites.is_empty() {
        let list = bare_sites.join(", ");
        notes.push(LocalText::new(
            format!(
                "candidates with no cost to any demand point in {file} (they reach nobody): {list}"
            ),
            format!("{file} にどの需要地点への距離もない候補地（誰にも到達しません）: {list}"),
        ));
    }
    notes
}

/// The columns a cost matrix is read from.
struct Columns {
    from: usize,
    to: usize,
    cost: usize,
}

/// Demand and candidate ids by text, to their positions.
struct Ids<'a> {
    demand: HashMap<&'a str, u32>,
    candidates: HashMap<&'a str, u32>,
}

fn index(ids: &[String]) -> HashMap<&str, u32> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i as u32))
        .collect()
}

/// `from`, `to` and the unit's column; a file with the other unit's column only says which
/// `--cost` reads it.
fn columns(table: &Table, unit: CostUnit) -> Result<Columns> {
    let from = table.require("from", "the demand point id")?;
    let to = table.require("to", "the candidate id")?;
    let other = match unit {
        CostUnit::Metres => CostUnit::Minutes,
        CostUnit::Minutes => CostUnit::Metres,
    };
    let cost = match (table.column(unit.column()), table.column(other.column())) {
        (Some(c), _) => c,
        (None, Some(_)) => {
            return Err(Error::input(
                Location::at(&table.name, table.header_line, None),
                format!(
                    "a column `{}` (the cost in {}; this file has `{}`: read it with --cost {} \
                     (cost = \"{}\" in a scenario file's [data]))",
                    unit.column(),
                    unit.column(),
                    other.column(),
                    other.column(),
                    other.column()
                ),
                format!("columns {}", table.header_list()),
            ))
        }
        (None, None) => table.require(unit.column(), &format!("the cost in {}", unit.column()))?,
    };
    Ok(Columns { from, to, cost })
}

/// One row: its candidate column, demand point and cost, each checked.
fn read_row(cells: &Cells, cols: &Columns, ids: &Ids) -> Result<Entry> {
    let from = cells.id(cols.from)?;
    let Some(&i) = ids.demand.get(from.as_str()) else {
        let hint = if ids.candidates.contains_key(from.as_str()) {
            format!(
                "{} (a candidate id: are `from` and `to` swapped?)",
                describe(&from)
            )
        } else {
            describe(&from)
        };
        return Err(cells.error(cols.from, "a demand point id of the data", hint));
    };
    let to = cells.id(cols.to)?;
    let Some(&c) = ids.candidates.get(to.as_str()) else {
        return Err(cells.error(cols.to, "a candidate id of the data", describe(&to)));
    };
    let cost = cells.number(cols.cost)?;
    if !(0.0..=MAX_VALUE).contains(&cost) {
        return Err(cells.error(
            cols.cost,
            format!("a cost of 0 or more (at most {MAX_VALUE:e})"),
            describe(cells.text(cols.cost)),
        ));
    }
    Ok((c, i, cost, cells.line()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, unit: CostUnit) -> Result<CostTable> {
        let demand = ["p1", "p2", "p3"].map(String::from);
        let sites = ["a", "b"].map(String::from);
        let src = SourceText::utf8("c.csv", text);
        read_cost_matrix(&src, unit, &demand, &sites, MemoryLimit::default())
    }

    #[test]
    fn pairs_are_grouped_by_candidate_in_point_order() {
        let t = read(
            "from,to,metres\np3,a,30\np1,a,10\np2,b,5.5\n",
            CostUnit::Metres,
        )
        .unwrap();
        assert_eq!(t.pairs(), 3);
        assert_eq!(t.column(0), (&[0u32, 2][..], &[10.0, 30.0][..]));
        assert_eq!(t.column(1), (&[1u32][..], &[5.5][..]));
        let m = read("from,to,metres,minutes\np1,b,100,2\n", CostUnit::Minutes).unwrap();
        assert_eq!(m.column(1), (&[0u32][..], &[2.0][..]));
    }

    #[test]
    fn bad_matrices_name_file_line_and_column() {
        let cases = [
            (
                "from,to,metres\nx,a,1\n",
                "c.csv:2:1: expected a demand point id",
            ),
            (
                "from,to,metres\na,p1,1\n",
                "(a candidate id: are `from` and `to` swapped?)",
            ),
            (
                "from,to,metres\np1,z,1\n",
                "c.csv:2:2: expected a candidate id",
            ),
            (
                "from,to,metres\np1,a,1\np2,a,1\np1,a,2\n",
                "c.csv:4:1: expected one row per demand point and candidate, found `p1` to `a` \
                 again (first on line 2)",
            ),
            (
                "from,to,metres\np1,a,-1\n",
                "c.csv:2:3: expected a cost of 0 or more",
            ),
            (
                "from,to,metres\np1,a,NaN\n",
                "c.csv:2:3: expected a number in column `metres`",
            ),
            (
                "from,to,metres\np1,a,\n",
                "c.csv:2:3: expected a number in column `metres`, found an empty cell",
            ),
            ("from,to,minutes\np1,a,1\n", "read it with --cost minutes"),
            ("from,to\np1,a\n", "c.csv:1: expected a column `metres`"),
            ("from,to,metres\n", "c.csv:2: expected at least one row"),
        ];
        for (text, want) in cases {
            let err = read(text, CostUnit::Metres).unwrap_err().to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn reading_stops_at_the_deadline() {
        let demand = ["p1".to_string()];
        let sites = ["a".to_string()];
        let mut src = SourceText::utf8("c.csv", "from,to,metres\np1,a,1\n");
        src.deadline = Some(std::time::Instant::now() - std::time::Duration::from_millis(1));
        let err = read_cost_matrix(
            &src,
            CostUnit::Metres,
            &demand,
            &sites,
            MemoryLimit::default(),
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Param {
                    param: crate::param::Param::TimeLimitS,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn a_matrix_too_large_for_memory_is_refused_before_it_is_built() {
        let demand = ["p1".to_string()];
        let sites = ["a".to_string()];
        let src = SourceText::utf8("c.csv", "from,to,metres\np1,a,1\n");
        let err = read_cost_matrix(
            &src,
            CostUnit::Metres,
            &demand,
            &sites,
            MemoryLimit::bytes(10),
        )
        .unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    }
}
