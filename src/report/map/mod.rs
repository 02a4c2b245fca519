//! A map of the plan as one self-contained SVG, for the council's printed report.
//!
//! A council argues over places, not rows: which streets the chosen stops reach, and where older
//! residents are still left out. The map shows the demand shaded by the aged-65+ count (each
//! census cell as its own grid square), existing shops, every candidate, the chosen stops with
//! their walking circles drawn to scale, and the "uncovered pockets": cells with older residents
//! whose centre is beyond the walking radius of every chosen stop, judged by the same great-circle
//! test as the solvers ([`crate::spatial::SphereIndex::within`]).
//!
//! Projection: local equirectangular around the centre of the data, x scaled by cos(latitude),
//! so at town scale (a few km) distances are true to well under 0.1 % in every direction and a
//! walking circle is a true circle. Mesh cells are latitude/longitude rectangles, so they stay
//! axis-aligned rectangles.
//!
//! Output rules: every piece of user text (names, ids, labels, title) is XML-escaped; nothing is
//! loaded from outside (no fonts, images or scripts); numbers are written with one decimal, so
//! the same input gives the same bytes. Class names carry an `ms-` prefix because an SVG inlined
//! into an HTML page shares the page's style sheet. The pattern and clip ids are fixed; two maps
//! in one page define them identically, so whichever the browser picks draws the same.
//!
//! Files: [`spec`] says what to draw, [`plan`] computes it (with [`classes`] and [`layout`]),
//! [`draw`] and [`legend`] write it, in the sizes and styles of [`style`].

pub(super) mod classes;
pub(super) mod draw;
pub(super) mod layout;
mod legend;
pub(super) mod plan;
pub(super) mod spec;
pub(super) mod style;

pub use draw::map_svg;
pub use spec::MapSpec;

#[cfg(test)]
mod tests;
