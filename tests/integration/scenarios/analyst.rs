//! What an analyst loads from `scenarios`: rows that carry every setting they ran with, CSV
//! whose headers are the JSON keys, the `--sites` long table, robustness counted only where a
//! site was free to be chosen, GeoJSON stops, and a report that opens with charts.

use crate::helpers::run;
use serde_json::Value;
use std::path::{Path, PathBuf};

mod rows;
mod tables;

/// A baseline, a scenario that sets nearly every key, a sweep, and a scenario that fails.
pub const FILE: &str = r#"
[baseline]
model = "mclp"
p = 4
radius_m = 500

[[scenario]]
name = "everything"
p = 5
radius_m = 450.5
objective_weight = "population"
require = ["myogyoji"]
exclude = ["hakuhoji"]
min_weight_per_stop = 10
allow_no_space = true
vehicles = 3
shop_distance_m = 600
time_limit_s = 30
seed = 7
method = "heuristic"
surveys = false
weights = "reach=2,far=1,need=0"
add_candidates = [{ id = "hall", lat = 35.352, lon = 139.402, name = "公民館" }]
remove_candidates = ["sannosha_enzo"]

[[sweep]]
name = "grid"
p = [3, 6]
radius_m = [300, 800]

[[scenario]]
name = "typo"
exclude = ["hakujoji"]
"#;

pub struct Run {
    dir: tempfile::TempDir,
    pub file: String,
}

impl Run {
    pub fn new(text: &str) -> Run {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        std::fs::write(&p, text).unwrap();
        Run {
            file: p.display().to_string(),
            dir,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `scenarios FILE` with `args`; exit 2 expected when a row fails.
    pub fn go(&self, args: &[&str], code: i32) -> std::process::Output {
        let mut all = vec!["scenarios", self.file.as_str(), "--quiet"];
        all.extend(args);
        let o = run(&all);
        let why = crate::helpers::stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {why}");
        o
    }

    pub fn out(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

pub fn read(p: &Path) -> String {
    let text = std::fs::read_to_string(p).unwrap();
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

pub fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}
