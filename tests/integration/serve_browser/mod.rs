//! The meeting page (`mobile-stops serve`) in a real browser: headless chromium drives the
//! page the binary serves, as a member at the meeting would: changes a candidate's role, drags
//! one, adds one, watches a second browser follow, downloads the outputs. Where chromium is
//! missing every test prints SKIPPED and passes (`.ci/run` installs Debian's chromium).

mod editing;
mod harness;
mod meeting;
mod safety;
