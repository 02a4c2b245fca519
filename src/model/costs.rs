//! A demand × candidate cost table read from a file: walking metres or minutes along the
//! streets, from a network tool (OSMnx, pandana, `network matrix`), instead of the straight
//! line.
//!
//! The table is sparse because such tools leave out pairs beyond a cut-off: a pair that is not
//! listed is unreachable (never covered, an infinite distance). It is stored by candidate id,
//! not by position, so a scenario that adds or removes candidates still finds each site's
//! column ([`CostTable::for_sites`]); an added candidate the file does not list reaches nobody.

use std::collections::HashMap;
use std::sync::Arc;

/// What the numbers of a cost table are, and so what the radius means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CostUnit {
    /// Metres (a `metres` column); the radius stays in metres.
    #[default]
    Metres,
    /// Minutes (a `minutes` column); the radius (`radius_m`) is then read as minutes.
    Minutes,
}

impl crate::param::Choice for CostUnit {
    const ALL: &'static [CostUnit] = &[CostUnit::Metres, CostUnit::Minutes];

    fn name(self) -> &'static str {
        self.column()
    }

    fn help(self) -> &'static str {
        match self {
            CostUnit::Metres => "the cost matrix's `metres` column; the radius in metres",
            CostUnit::Minutes => {
                "the cost matrix's `minutes` column; --radius-m (radius_m) is then minutes"
            }
        }
    }
}

impl CostUnit {
    /// The column the table is read from, which is also the unit's name.
    pub fn column(self) -> &'static str {
        match self {
            CostUnit::Metres => "metres",
            CostUnit::Minutes => "minutes",
        }
    }

    /// The unit's short symbol for numbers in text (`500 m`, `10 min`).
    pub fn symbol(self) -> &'static str {
        match self {
            CostUnit::Metres => "m",
            CostUnit::Minutes => "min",
        }
    }
}

/// The pairs a cost file lists, grouped by candidate: for each candidate column, the demand
/// points it lists (ascending) and their costs.
#[derive(Debug, Clone, PartialEq)]
pub struct CostTable {
    /// Metres or minutes.
    pub unit: CostUnit,
    /// The candidate id of each column.
    site_ids: Vec<String>,
    /// Demand points the rows index (the demand as read).
    points: usize,
    /// Column `c`'s entries are `offsets[c]..offsets[c + 1]`.
    offsets: Vec<usize>,
    /// Demand point of each entry.
    point: Vec<u32>,
    /// Cost of each entry: finite, zero or more.
    cost: Vec<f64>,
}

/// Bytes per listed pair while a table is read and kept: the entry with its line as read
/// (24), the sorted copy kept (12), and the file's own records.
pub const BYTES_PER_COST_PAIR: u64 = 48;

impl CostTable {
    /// A table from `(column, point, cost)` entries sorted by column then point, without two
    /// entries for one pair (the reader checks both).
    pub fn from_sorted(
        unit: CostUnit,
        site_ids: Vec<String>,
        points: usize,
        entries: impl ExactSizeIterator<Item = (usize, u32, f64)>,
    ) -> CostTable {
        let mut offsets = vec![0; site_ids.len() + 1];
        let mut point = Vec::with_capacity(entries.len());
        let mut cost = Vec::with_capacity(entries.len());
        for (c, i, d) in entries {
            offsets[c + 1] += 1;
            point.push(i);
            cost.push(d);
        }
        for c in 0..site_ids.len() {
            offsets[c + 1] += offsets[c];
        }
        CostTable {
            unit,
            site_ids,
            points,
            offsets,
            point,
            cost,
        }
    }

    /// Number of demand points the table was read for.
    pub fn points(&self) -> usize {
        self.points
    }

    /// Number of listed pairs.
    pub fn pairs(&self) -> usize {
        self.point.len()
    }

    /// The points column `c` lists, ascending, and their costs.
    pub fn column(&self, c: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[c]..self.offsets[c + 1];
        (&self.point[r.clone()], &self.cost[r])
    }

    /// The table seen from a list of sites (a dataset's candidates, perhaps with some added
    /// or removed by a scenario): each site's column, by id.
    pub fn for_sites<'a>(self: &Arc<Self>, ids: impl IntoIterator<Item = &'a str>) -> SiteCosts {
        let by_id: HashMap<&str, usize> = self
            .site_ids
            .iter()
            .enumerate()
            .map(|(c, id)| (id.as_str(), c))
            .collect();
        SiteCosts {
            table: Arc::clone(self),
            columns: ids.into_iter().map(|id| by_id.get(id).copied()).collect(),
        }
    }
}

/// A cost table lined up with one list of sites.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteCosts {
    table: Arc<CostTable>,
    /// The table's column of each site; `None`: the file lists no pair for it.
    columns: Vec<Option<usize>>,
}

impl SiteCosts {
    /// Metres or minutes.
    pub fn unit(&self) -> CostUnit {
        self.table.unit
    }

    /// Number of demand points.
    pub fn points(&self) -> usize {
        self.table.points
    }

    /// Number of sites.
    pub fn sites(&self) -> usize {
        self.columns.len()
    }

    /// The points site `j` has a cost to, ascending, and the costs (both empty for a site the
    /// file does not list).
    pub fn of_site(&self, j: usize) -> (&[u32], &[f64]) {
        match self.columns[j] {
            Some(c) => self.table.column(c),
            None => (&[], &[]),
        }
    }

    /// Sites the file lists no pair for (candidates a scenario added), in order.
    pub fn unlisted(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&j| self.columns[j].is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_find_their_columns_by_id_whatever_their_order() {
        let ids = vec!["a".to_string(), "b".to_string()];
        let entries = vec![(0, 0, 1.0), (0, 2, 3.0), (1, 1, 2.0)];
        let t = Arc::new(CostTable::from_sorted(
            CostUnit::Metres,
            ids,
            3,
            entries.into_iter(),
        ));
        assert_eq!(t.pairs(), 3);
        let seen = t.for_sites(["b", "new", "a"]);
        assert_eq!(seen.of_site(0), (&[1u32][..], &[2.0][..]));
        assert_eq!(seen.of_site(1), (&[][..], &[][..]));
        assert_eq!(seen.of_site(2), (&[0u32, 2][..], &[1.0, 3.0][..]));
        assert_eq!(seen.unlisted(), vec![1]);
    }
}
