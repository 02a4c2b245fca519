//! A map of the plan as one self-contained SVG, for the council's printed report.
//!
//! A council argues over places, not rows: which streets the chosen stops reach, and where older
//! residents are still left out. The map shows the demand shaded by the column the solve counted
//! (aged 65+ by default, the older people far from a shop when that is the objective; each
//! census cell as its own grid square), the council's boundary and the land the data do not
//! cover (hatched grey, so it never looks like land where nobody lives, [`areas`]), existing
//! shops, every candidate (grey and dashed when outside the data: its reach is not
//! measurable), the council's own candidates and the members of compared sets ringed and named,
//! one marker and one name for sites on one point ([`points`]), the chosen stops with their
//! walking circles drawn to scale, the depot, and the few largest "uncovered pockets" outlined
//! with their counts ([`pockets`] states the rule). Coverage is judged by the same
//! great-circle test as the solvers ([`crate::spatial::SphereIndex::within`]).
//!
//! Projection: local equirectangular around the centre of the data and the council's area
//! (the whole outline shows, with the part the data miss), x scaled by cos(latitude),
//! so at town scale (a few km) distances are true to well under 0.1 % in every direction and a
//! walking circle is a true circle. Mesh cells are latitude/longitude rectangles, so they stay
//! axis-aligned rectangles.
//!
//! Print: the drawing is 1,000 units wide and prints about 170 mm wide on the report's A4
//! page, so every type size is at least 15 units, 7 pt on paper ([`style`]).
//!
//! Output rules: every piece of user text (names, ids, labels, title) is XML-escaped; nothing is
//! loaded from outside (no fonts, images or scripts); numbers are written with one decimal, so
//! the same input gives the same bytes. Class names carry an `ms-` prefix because an SVG inlined
//! into an HTML page shares the page's style sheet. The pattern and clip ids are fixed; two maps
//! in one page define them identically, so whichever the browser picks draws the same.
//!
//! Files: [`spec`] says what to draw, [`plan`] computes it (with [`classes`], [`pockets`],
//! [`areas`], [`points`] and [`layout`]), [`draw`], [`symbols`], [`legend`] and [`legend_rows`]
//! write it, in the sizes and styles of [`style`].

pub(super) mod areas;
pub(super) mod classes;
pub(super) mod draw;
pub(super) mod layout;
mod legend;
mod legend_rows;
pub(super) mod plan;
pub(super) mod pockets;
pub(super) mod points;
pub(super) mod spec;
mod streets;
pub(super) mod style;
mod symbols;

pub use draw::map_svg;
pub use spec::{Depot, MapSpec};

#[cfg(test)]
mod tests;
