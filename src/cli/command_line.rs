//! The command as the planner ran it, for a page's "how this was made" box: what to type to make
//! the same page again, or a changed one.

/// Flags that only say where to write, how fast to run or what to show while running: left out,
/// so a page made twice the same way reads the same wherever it was written. Each takes a value.
/// `--shard` and `--shard-from-env` too: every shard of a batch shows the command of the whole.
const WITH_VALUE: [&str; 5] = [
    "--out",
    "--report",
    "--threads",
    "--max-memory-gb",
    "--shard",
];
/// The same, without a value.
const ALONE: [&str; 3] = ["--quiet", "--stamp", "--shard-from-env"];

/// `mobile-stops SUB ARGS…` from this process's arguments: the subcommand `sub` and what follows
/// it, without the flags above, each argument quoted for a shell when it needs it.
pub fn shown_command(sub: &str) -> String {
    // `args_os`: a path that is not UTF-8 is shown with replacement characters, not a panic.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    command_from(sub, &args)
}

/// The arguments after the subcommand `sub` that shape a result (as [`shown_command`] keeps
/// them), leaving out those in `skip` (a merge's shard files): what `merge` adds to the command
/// its shards ran.
pub fn shown_flags(sub: &str, skip: &[String]) -> Vec<String> {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| !skip.contains(a))
        .collect();
    kept(sub, &args)
}

fn command_from(sub: &str, args: &[String]) -> String {
    let mut shown = vec!["mobile-stops".to_string(), sub.to_string()];
    shown.extend(kept(sub, args).iter().map(|a| quoted(a)));
    shown.join(" ")
}

/// The arguments after `sub` without the flags that only say where to write or how to run.
fn kept(sub: &str, args: &[String]) -> Vec<String> {
    let start = args.iter().position(|a| a == sub).map_or(0, |k| k + 1);
    let mut shown = Vec::new();
    let mut rest = args[start..].iter();
    while let Some(a) = rest.next() {
        let flag = a.split('=').next().unwrap_or(a);
        if WITH_VALUE.contains(&flag) {
            if !a.contains('=') {
                rest.next();
            }
            continue;
        }
        if ALONE.contains(&a.as_str()) {
            continue;
        }
        shown.push(a.clone());
    }
    shown
}

/// `base` (a command as shown) with `flags` added, each quoted for a shell.
pub fn with_flags(base: &str, flags: &[String]) -> String {
    let mut out = base.to_string();
    for f in flags {
        out.push(' ');
        out.push_str(&quoted(f));
    }
    out
}

/// An argument as a POSIX shell reads it back: as is when every character is plain (letters of
/// any script, digits, `-_./=,:@%+`), else in single quotes.
fn quoted(a: &str) -> String {
    let plain = |c: char| {
        !c.is_ascii() && !c.is_whitespace() && !c.is_control()
            || c.is_ascii_alphanumeric()
            || "-_./=,:@%+".contains(c)
    };
    if !a.is_empty() && a.chars().all(plain) {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::command_from;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_command_keeps_what_shapes_the_page_and_drops_where_it_went() {
        let a = args(&[
            "--threads",
            "2",
            "report",
            "--p",
            "5",
            "--out",
            "/tmp/x/r.html",
            "--set",
            "議会案=日枝神社,妙行寺",
            "--title",
            "北部 案",
            "--stamp",
            "--out=y",
        ]);
        assert_eq!(
            command_from("report", &a),
            "mobile-stops report --p 5 --set 議会案=日枝神社,妙行寺 --title '北部 案'"
        );
        let a = args(&[
            "scenarios",
            "it's.toml",
            "--report",
            "s.html",
            "--lang",
            "ja",
        ]);
        assert_eq!(
            command_from("scenarios", &a),
            r"mobile-stops scenarios 'it'\''s.toml' --lang ja"
        );
    }
}
