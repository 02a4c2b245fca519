//! Each command's output and input paths, checked before any work (see
//! [`output::check_outputs`]): the outputs' flags, and every file the command will read, named
//! by the flag that gave it.

use super::output::{self, Flagged};
use mobile_stops::io::DataPaths;
use mobile_stops::Error;
use std::path::{Path, PathBuf};

/// The files a command reads, with the flag that named each.
#[derive(Debug, Default)]
pub struct Inputs(Vec<(String, PathBuf)>);

impl Inputs {
    /// The data flags' files. For `--data DIR`, the files the loader reads there by name
    /// (e-Stat mesh tables found by their content are not listed: an output named like one
    /// is not known to be an input before the directory is read).
    pub fn data(mut self, d: &DataPaths, flag: &str) -> Self {
        if let Some(dir) = &d.data_dir {
            for name in ["demand.csv", "candidates.csv", "surveys.csv", "stores.csv"] {
                self.0
                    .push((format!("{flag}data {}", dir.display()), dir.join(name)));
            }
        }
        for p in &d.demand {
            self.0.push((format!("{flag}demand"), p.clone()));
        }
        let named = [
            ("candidates", &d.candidates),
            ("surveys", &d.surveys),
            ("stores", &d.stores),
            ("cost-matrix", &d.cost_matrix),
        ];
        for (name, p) in named {
            if let Some(p) = p {
                self.0.push((format!("{flag}{name}"), p.clone()));
            }
        }
        if let Some(n) = &d.network {
            self.0.push((format!("{flag}network"), n.file.clone()));
            if let Some(dem) = &n.dem {
                self.0.push((format!("{flag}dem"), dem.clone()));
            }
        }
        self
    }

    /// A file given to `flag`, if any.
    pub fn file(mut self, flag: &str, path: Option<&Path>) -> Self {
        if let Some(p) = path {
            self.0.push((flag.to_string(), p.to_path_buf()));
        }
        self
    }

    /// The files of `--set NAME=@FILE`.
    pub fn sets(mut self, sets: &[String]) -> Self {
        for s in sets {
            if let Some(file) = s
                .split_once('=')
                .and_then(|(_, v)| v.trim().strip_prefix('@'))
            {
                self.0.push(("--set".into(), PathBuf::from(file.trim())));
            }
        }
        self
    }

    /// Refuses `out` (standard output when `None`) and `report` if one is a directory, both
    /// name one file, or one is an input; and refuses standard output when it is closed. All
    /// before any work, so the user is not told after a long run.
    pub fn check(&self, out: Option<&Path>, report: Option<&Path>) -> Result<(), Error> {
        self.check_all(&[("--out", out), ("--report", report)])
    }

    /// [`Self::check`] for `--out` and any other output flags (`--assignments`).
    pub fn check_named(
        &self,
        out: Option<&Path>,
        others: &[(&str, Option<&Path>)],
    ) -> Result<(), Error> {
        let mut all = vec![("--out", out)];
        all.extend_from_slice(others);
        self.check_all(&all)
    }

    /// [`Inputs::check`] for any set of output flags, such as `scenarios --sites` and
    /// `--robustness` beside `--out` and `--report`; an `--out` of `None` is standard output.
    pub fn check_all(&self, outputs: &[(&str, Option<&Path>)]) -> Result<(), Error> {
        let to_stdout = outputs.iter().any(|(f, p)| *f == "--out" && p.is_none());
        if to_stdout && output::stdout_closed() {
            return Err(output::stdout_closed_error());
        }
        let outputs: Vec<Flagged> = outputs
            .iter()
            .filter_map(|(f, p)| p.map(|p| (f.to_string(), p)))
            .collect();
        let inputs: Vec<Flagged> = self
            .0
            .iter()
            .map(|(f, p)| (f.clone(), p.as_path()))
            .collect();
        output::check_outputs(&outputs, &inputs)
    }
}
