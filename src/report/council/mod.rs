//! The council report: one self-contained HTML page (inline CSS and SVG, nothing fetched) or
//! Markdown for minutes, built from the same sections in the same order.
//!
//! Councils meet around printed pages and doubt numbers they cannot trace, so every section
//! says what it rests on, uncertainty is stated in words, and every piece of user text is
//! escaped: a candidate named `<script>` is printed, never run.
//!
//! Each section is built by one function ([`sections`] lists them in reading order), and both
//! renderings walk the same sections.

mod choice;
mod html;
mod markdown;
mod method;
mod page;
mod runs;
mod sections;
mod streets;
mod summary;

pub use html::council_html;
pub use markdown::council_markdown;
pub use method::method_title;
pub use page::CouncilReport;
