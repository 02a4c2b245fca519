//! Every example a user is shown runs as written: the examples at the foot of every command's
//! `--help` (found by walking the "Commands:" lists, so a new command is checked too) and every
//! `mobile-stops …` line of the README's shell blocks. Each runs through `sh` with the built
//! binary first on the PATH, from a scratch directory laid out like the repository (its
//! `data/` and `examples/` linked in, `../shared` linked beside it), so relative paths resolve
//! and every file an example writes lands in the scratch directory. The README's Python blocks
//! then read those files: each file and column they name must be there, and where python3 has
//! pandas they run.
//!
//! Skipped, and only these: README lines marked "needs your own …" (a file of the user's, such
//! as a shops list or a travel-time matrix, which no example can ship); the test checks each
//! skipped line names the file it needs.

use crate::helpers::{output, stderr, BIN};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch directory shaped like the repository's root.
struct Sandbox {
    _dir: tempfile::TempDir,
    work: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in ["data", "examples"] {
            std::os::unix::fs::symlink(repo.join(name), work.join(name)).unwrap();
        }
        std::os::unix::fs::symlink(repo.join("../shared"), dir.path().join("shared")).unwrap();
        Sandbox { _dir: dir, work }
    }

    /// Runs one example line as a shell would, with the built binary as `mobile-stops`.
    fn run(&self, line: &str) -> Output {
        let bin_dir = Path::new(BIN).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        output(
            Command::new("sh")
                .arg("-c")
                .arg(line)
                .current_dir(&self.work)
                .env("PATH", path),
        )
    }

    /// Runs every line in order (a later example may read what an earlier one wrote) and
    /// asserts each exits 0; a `serve` example, which runs until stopped, must print its URL.
    fn run_all(&self, lines: &[String], from: &str) {
        for line in lines {
            if line.starts_with("mobile-stops serve") {
                self.serve(line, from);
                continue;
            }
            let o = self.run(line);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{from}: `{line}` failed: {}",
                stderr(&o)
            );
        }
    }
}

impl Sandbox {
    /// Starts a `serve` example as a shell would, in its own process group; it must print its
    /// URL as the first line within a minute; then the group is stopped with Ctrl-C.
    fn serve(&self, line: &str, from: &str) {
        use std::io::BufRead;
        use std::os::unix::process::CommandExt;
        let _turn = crate::helpers::share_machine();
        let bin_dir = Path::new(BIN).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(&self.work)
            .env("PATH", path)
            .process_group(0)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        let out = child.stdout.take().unwrap();
        let read = std::io::BufReader::new(out).read_line(&mut first);
        let group = format!("-{}", child.id());
        let _ = Command::new("kill").args(["-INT", "--", &group]).status();
        let _ = child.wait();
        assert!(
            read.is_ok() && first.starts_with("http://"),
            "{from}: `{line}` did not print its URL: {first:?}"
        );
    }
}

/// The `--help` page of `mobile-stops <path…>`.
fn help(path: &[String]) -> String {
    let o = output(Command::new(BIN).args(path).arg("--help"));
    assert!(o.status.success(), "{path:?} --help: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// The indented lines of the section headed `title` (up to the next blank line).
fn section<'a>(page: &'a str, title: &str) -> Vec<&'a str> {
    page.lines()
        .skip_while(|l| l.trim() != title)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

/// Every command path: `[]` (the top level), `["rank"]`, …, `["data", "export"]`.
fn every_command() -> Vec<Vec<String>> {
    let mut found = vec![vec![]];
    let mut k = 0;
    while k < found.len() {
        let path = found[k].clone();
        for line in section(&help(&path), "Commands:") {
            let name = line.split_whitespace().next().unwrap_or_default();
            if name != "help" {
                let mut sub = path.clone();
                sub.push(name.to_string());
                found.push(sub);
            }
        }
        k += 1;
    }
    found
}

#[test]
fn every_help_page_shows_examples_that_run_as_written() {
    let commands = every_command();
    for must in [
        "rank",
        "solve",
        "route",
        "compare",
        "report",
        "scenarios",
        "data",
    ] {
        assert!(
            commands.iter().any(|c| c.len() == 1 && c[0] == must),
            "{must}"
        );
    }
    assert!(commands.contains(&vec!["data".to_string(), "export".to_string()]));
    for path in &commands {
        let page = help(path);
        let examples: Vec<String> = section(&page, "Examples:")
            .iter()
            .map(|l| l.trim().to_string())
            .collect();
        assert!(
            (2..=3).contains(&examples.len()),
            "mobile-stops {path:?} --help shows {} examples, wants two or three",
            examples.len()
        );
        let prefix = std::iter::once("mobile-stops")
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        for e in &examples {
            assert!(
                e.starts_with(&prefix),
                "an example of `{prefix} --help` runs another command: {e}"
            );
        }
        Sandbox::new().run_all(&examples, &format!("{prefix} --help"));
    }
}

/// The README's `mobile-stops …` lines in shell blocks, continuation lines joined and
/// `cargo run --release --` read as `mobile-stops`; and the ones marked "needs your own …".
fn readme_examples() -> (Vec<String>, Vec<String>) {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut lines = Vec::new();
    let mut in_shell = false;
    let mut pending = String::new();
    for raw in text.lines() {
        if raw.starts_with("```") {
            in_shell = !in_shell && raw.trim() == "```sh";
            continue;
        }
        if !in_shell {
            continue;
        }
        match raw.trim_end().strip_suffix('\\') {
            Some(head) => pending.push_str(head),
            None => {
                pending.push_str(raw);
                lines.push(std::mem::take(&mut pending));
            }
        }
    }
    let commands = lines
        .iter()
        .map(|l| {
            let l = l.trim();
            match l.strip_prefix("cargo run --release -- ") {
                Some(rest) => format!("mobile-stops {rest}"),
                None => l.to_string(),
            }
        })
        .filter(|l| l.starts_with("mobile-stops "));
    commands.partition(|l| !l.contains("needs your own"))
}

#[test]
fn every_readme_example_runs_as_written() {
    let (run, skipped) = readme_examples();
    assert!(
        run.len() >= 25,
        "only {} README examples found: {run:#?}",
        run.len()
    );
    for s in &skipped {
        let (_, why) = s.split_once("needs your own").unwrap();
        assert!(
            why.contains('.'),
            "a skipped example must name the file it needs: {s}"
        );
    }
    assert!(skipped.len() <= 6, "{skipped:#?}");
    let sandbox = Sandbox::new();
    sandbox.run_all(&run, "README");
    // The Python after them reads what they wrote.
    let blocks = readme_python();
    assert!(
        !blocks.is_empty(),
        "the README shows how to load the results"
    );
    for block in &blocks {
        sandbox.check_python(block);
    }
}

/// The README's ```python blocks.
fn readme_python() -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```python") => block = Some(String::new()),
            (Some(_), "```") => blocks.extend(block.take()),
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// The double-quoted strings of a Python block.
fn quoted(code: &str) -> Vec<&str> {
    code.split('"').skip(1).step_by(2).collect()
}

impl Sandbox {
    /// A README Python block: every file it names exists and every column or key it names is
    /// in one of those files; then, where pandas is installed, it runs and exits 0.
    fn check_python(&self, code: &str) {
        let files: Vec<&str> = quoted(code)
            .into_iter()
            .filter(|q| q.ends_with(".csv") || q.ends_with(".json"))
            .collect();
        assert!(!files.is_empty(), "{code}");
        let mut names = String::new();
        for f in &files {
            let text = std::fs::read_to_string(self.work.join(f))
                .unwrap_or_else(|e| panic!("the README's Python reads {f}, not written: {e}"));
            match f.ends_with(".csv") {
                true => names.push_str(text.lines().next().unwrap_or_default()),
                false => names.push_str(&text),
            }
            names.push(',');
        }
        let words = quoted(code)
            .into_iter()
            .filter(|q| !q.is_empty() && q.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        for w in words {
            let as_header = names.split([',', '\u{feff}']).any(|h| h == w);
            assert!(
                as_header || names.contains(&format!("\"{w}\"")),
                "the README's Python names `{w}`, which none of {files:?} has"
            );
        }
        let has_pandas = Command::new("python3")
            .args(["-c", "import pandas"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_pandas {
            eprintln!("SKIPPED running the README's Python: no python3 with pandas here");
            return;
        }
        let o = output(
            Command::new("python3")
                .args(["-c", code])
                .current_dir(&self.work),
        );
        assert!(
            o.status.success(),
            "README Python failed:\n{code}\n{}",
            stderr(&o)
        );
    }
}
