//! What a council page is made of: the inputs, and sections of paragraphs and tables that the
//! HTML and Markdown renderings both walk, so the two never say different things.

use crate::model::Dataset;
use crate::report::labels::Lang;
use crate::route::{RouteProblem, WeekPlan};
use crate::score::compare::{Comparison, SetMetrics};
use crate::score::ScoreTable;
use crate::solve::explain::Explanation;
use crate::solve::{Instance, SolveResult};

/// Everything a report shows; optional parts are left out with a sentence saying so.
pub struct CouncilReport<'a> {
    /// Heading of the page.
    pub title: String,
    /// The data.
    pub data: &'a Dataset,
    /// The ranked list.
    pub table: &'a ScoreTable,
    /// The solved instance.
    pub inst: &'a Instance,
    /// The solve.
    pub res: &'a SolveResult,
    /// Why each stop, alternatives.
    pub why: &'a Explanation,
    /// The map (SVG).
    pub map_svg: String,
    /// Stop sets side by side, when asked for.
    pub comparison: Option<&'a Comparison>,
    /// The chosen set measured like a compared set (its reach inside the council's area).
    pub chosen: &'a SetMetrics,
    /// The weekly timetable, when route flags were given.
    pub route: Option<(&'a RouteProblem, &'a WeekPlan)>,
    /// A time stamp line, only with `--stamp` (otherwise the bytes repeat exactly).
    pub stamp: Option<String>,
    /// The command that made the page, for the planner's box (`None` from the library).
    pub command: Option<String>,
}

/// A table: header row then body rows, as plain strings (escaped by the renderer).
pub(super) struct Table {
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
}

/// One section of the report in both renderings.
pub(super) struct Section {
    pub(super) id: &'static str,
    pub(super) title: String,
    pub(super) paragraphs: Vec<String>,
    pub(super) tables: Vec<Table>,
    /// Raw SVG (already safe), HTML only.
    pub(super) svg: Option<String>,
}

/// A site as the page names it: its name, else its id.
pub(super) fn site_label(inst: &Instance, j: usize) -> String {
    let s = &inst.sites[j];
    s.name.clone().unwrap_or_else(|| s.id.clone())
}

/// A share as a percentage with one decimal, "—" when there is nothing to share.
pub(super) fn pct(part: f64, total: f64) -> String {
    if total > 0.0 {
        format!("{:.1} %", 100.0 * part / total)
    } else {
        "—".into()
    }
}

/// What the solve's weight counts, in words ("people aged 65+"), as the summary and the
/// method both name it.
pub(super) fn weight_name(inst: &Instance, lang: Lang) -> String {
    match inst.weight_column.as_deref() {
        Some(column) => lang.column(column),
        None => lang.pick("demand points", "地点数").to_string(),
    }
}

/// The data as the page's subtitle names it: the data's own label in the page's language, or,
/// for files of the planner's own on a Japanese page, words saying so (their names, in the
/// planner's box, are no business of the council's).
pub(super) fn data_words(r: &CouncilReport, lang: Lang) -> String {
    lang.data_words(&r.data.label)
}
