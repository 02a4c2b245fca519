//! The driver's table on the embedded data: for every run, the later start, the minutes at
//! stops, waiting, breaks, driving and spare it shows add up to the truck's window exactly,
//! and the week's totals are the sums of the runs as shown.

use crate::helpers::{run_ok, stdout};

fn minutes(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').expect("HH:MM");
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

/// "1 h 05 min", "6 h", "45 min".
fn duration(s: &str) -> i64 {
    let w: Vec<&str> = s.split_whitespace().collect();
    match w.as_slice() {
        [h, "h", m, "min"] => h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap(),
        [h, "h"] => h.parse::<i64>().unwrap() * 60,
        [m, "min"] => m.parse().unwrap(),
        _ => panic!("not a duration: {s:?}"),
    }
}

/// Each run's (leave, back, window open, window close, window length, parts) as the table shows.
type Block = (i64, i64, i64, i64, i64, Vec<(String, i64)>);

fn blocks(table: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut head = None;
    for line in table.lines() {
        if let Some((_, rest)) = line.split_once(": leave ") {
            let back = rest.find(" back ").expect("back") + 6;
            head = Some((minutes(&rest[..5]), minutes(&rest[back..back + 5])));
        } else if let Some(sum) = line.strip_prefix("  window ") {
            let (leave, back) = head.take().expect("a run heading");
            let (win, parts) = sum.split_once(" = ").expect("window = parts");
            let (span, len) = win.split_once(" (").expect("(length)");
            let (open, close) = span.split_once('–').expect("a span");
            let parts = parts
                .split(" + ")
                .map(|p| {
                    let k = p.find(|c: char| c.is_ascii_digit()).expect("minutes");
                    (p[..k].trim().to_string(), duration(&p[k..]))
                })
                .collect();
            let len = duration(len.trim_end_matches(')'));
            out.push((leave, back, minutes(open), minutes(close), len, parts));
        }
    }
    out
}

#[test]
fn every_run_adds_up_to_its_window_and_the_week_to_its_runs() {
    let cases: [&[&str]; 3] = [
        &[
            "--p",
            "12",
            "--visits-per-week",
            "2",
            "--window",
            "09:30-14:00",
            "--trucks",
            "2",
        ],
        &[
            "--p",
            "10",
            "--week",
            "spread",
            "--window",
            "10:00-15:10",
            "--service-min",
            "25",
        ],
        &["--p", "8", "--visits-per-week", "2", "--service-min", "17"],
    ];
    for extra in cases {
        let mut args = vec!["route", "--depot", "hiejinja"];
        args.extend(extra);
        let table = stdout(&run_ok(&args));
        let runs = blocks(&table);
        assert!(!runs.is_empty(), "{table}");
        let (mut driving, mut on_road) = (0, 0);
        for (leave, back, open, close, len, parts) in &runs {
            let part = |n: &str| parts.iter().find(|p| p.0 == n).map_or(0, |p| p.1);
            assert_eq!(close - open, *len);
            assert_eq!(
                parts.iter().map(|p| p.1).sum::<i64>(),
                *len,
                "{extra:?}: {parts:?}"
            );
            assert_eq!(part("later start"), leave - open);
            assert_eq!(part("spare"), close - back);
            driving += part("driving");
            on_road += back - leave;
        }
        let week = table
            .lines()
            .find(|l| l.starts_with("week: ") && l.contains("driving"));
        let week = week.expect("the week's totals");
        let after = |word: &str| {
            let k = week.find(word).expect(word) + word.len();
            let end = week[k..]
                .find([',', ';', '('])
                .map_or(week.len(), |e| k + e);
            duration(week[k..end].trim())
        };
        assert_eq!(after("driving "), driving, "{week}");
        assert_eq!(after("on the road "), on_road, "{week}");
    }
}
