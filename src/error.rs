//! Errors a user can act on, and the exit code each one maps to.
//!
//! Every bad input becomes an [`Error::Input`] that names the file, line and column, what was
//! expected there and what was found, so a planner can open the file and fix the cell without
//! reading code. The binary prints these as `mobile-stops: FILE:LINE:COLUMN: expected …, found …`.

use std::fmt;

pub use crate::param::Param;

/// Where in an input a problem sits; line and column are 1-based and optional because some
/// faults belong to a whole file (missing, empty) or a whole column (missing header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (or `embedded:NAME` for the compiled-in dataset).
    pub file: String,
    /// 1-based line of the record, counting physical lines (quoted newlines included).
    pub line: Option<u64>,
    /// 1-based field number within the record.
    pub column: Option<usize>,
}

impl Location {
    /// A whole-file location.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// A location at a line, optionally at a field.
    pub fn at(file: impl Into<String>, line: u64, column: Option<usize>) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// What went wrong, in terms the user can fix.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value in an input file is missing, malformed or out of range.
    #[error("{location}: expected {expected}, found {found}")]
    Input {
        /// Where the bad value sits.
        location: Location,
        /// What a valid value looks like.
        expected: String,
        /// What is there instead.
        found: String,
    },
    /// A parameter has a value the library cannot use. The parameter is named by [`Param`],
    /// never by a flag: the command line, a scenario file and the meeting page each say it in
    /// their own words.
    #[error("{param}: expected {expected}, found {found}")]
    Param {
        /// Which parameter.
        param: Param,
        /// What a valid value looks like.
        expected: String,
        /// What was given.
        found: String,
    },
    /// Reading or writing a file failed at the operating-system level.
    #[error("{path}: {action} failed: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// What was being done, e.g. `reading`.
        action: &'static str,
        /// The underlying cause (shared, so an error can be kept in more than one row).
        source: std::sync::Arc<std::io::Error>,
    },
    /// The input would need more memory than the run may use; refused before allocating.
    #[error(
        "{what} needs about {need} of memory, more than the limit of {limit}; {hint}raise the \
         memory limit (max_memory_gb) if this machine has the memory"
    )]
    TooLarge {
        /// What would be built.
        what: String,
        /// Its estimated size.
        need: String,
        /// The limit.
        limit: String,
        /// How to need less, ending with "; " or empty.
        hint: String,
    },
    /// The constraints admit no solution (required stops exceed p, capacities too small).
    /// Not a malformed input: the result saying so is still written; exit code 3.
    #[error("infeasible: {reason}")]
    Infeasible {
        /// Why, in words.
        reason: String,
    },
    /// An error another process met (a shard of a scenario batch run on another machine),
    /// carried in the form that process wrote it, so a merged result says exactly what a
    /// single run would have said, with the same exit code.
    #[error("{message}")]
    Recorded {
        /// The message as the other process displayed it.
        message: String,
        /// Its exit code there.
        exit_code: i32,
        /// Its machine-readable form there (what [`Error::to_json`] gave).
        json: serde_json::Value,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds an input error; the common constructor for readers.
    pub fn input(
        location: Location,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        Error::Input {
            location,
            expected: expected.into(),
            found: found.into(),
        }
    }

    /// Builds an error for a parameter value the library cannot use.
    pub fn param(param: Param, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Error::Param {
            param,
            expected: expected.into(),
            found: found.into(),
        }
    }

    /// Builds an I/O error for a path.
    pub fn io(path: impl Into<String>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source: std::sync::Arc::new(source),
        }
    }

    /// The process exit code the CLI uses: 2 for what the user can fix (a file, a value, a
    /// flag, a path to write to), 3 for a well-formed problem with no solution. Exit code 1 is
    /// kept for internal faults, which are not errors but bugs.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. }
            | Error::Param { .. }
            | Error::Io { .. }
            | Error::TooLarge { .. } => 2,
            Error::Infeasible { .. } => 3,
            Error::Recorded { exit_code, .. } => *exit_code,
        }
    }

    /// A machine-readable form for `--format json`, keeping the same fields as the text.
    pub fn to_json(&self) -> serde_json::Value {
        if let Error::Recorded { json, .. } = self {
            return json.clone();
        }
        let mut obj = serde_json::Map::new();
        obj.insert("message".into(), self.to_string().into());
        obj.insert("exit_code".into(), self.exit_code().into());
        match self {
            Error::Input {
                location,
                expected,
                found,
            } => {
                obj.insert("kind".into(), "input".into());
                obj.insert("file".into(), location.file.clone().into());
                obj.insert("line".into(), location.line.into());
                obj.insert("column".into(), location.column.into());
                obj.insert("expected".into(), expected.clone().into());
                obj.insert("found".into(), found.clone().into());
            }
            Error::Param {
                param,
                expected,
                found,
            } => {
                obj.insert("kind".into(), "usage".into());
                obj.insert("param".into(), param.name().into());
                obj.insert("expected".into(), expected.clone().into());
                obj.insert("found".into(), found.clone().into());
            }
            Error::Io { path, .. } => {
                obj.insert("kind".into(), "io".into());
                obj.insert("file".into(), path.clone().into());
            }
            Error::TooLarge {
                what, need, limit, ..
            } => {
                obj.insert("kind".into(), "too_large".into());
                obj.insert("what".into(), what.clone().into());
                obj.insert("need".into(), need.clone().into());
                obj.insert("limit".into(), limit.clone().into());
            }
            Error::Infeasible { reason } => {
                obj.insert("kind".into(), "infeasible".into());
                obj.insert("reason".into(), reason.clone().into());
            }
            Error::Recorded { .. } => {} // returned whole above
        }
        serde_json::json!({ "error": obj })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_error_reads_file_line_column_expected_found() {
        let e = Error::input(Location::at("d.csv", 4, Some(2)), "a latitude", "`91`");
        assert_eq!(e.to_string(), "d.csv:4:2: expected a latitude, found `91`");
        assert_eq!(e.exit_code(), 2);
        let j = e.to_json();
        assert_eq!(j["error"]["line"], 4);
        assert_eq!(j["error"]["column"], 2);
    }

    #[test]
    fn location_without_line_is_just_the_file() {
        assert_eq!(Location::file("x.csv").to_string(), "x.csv");
        assert_eq!(Location::at("x.csv", 1, None).to_string(), "x.csv:1");
    }
}
