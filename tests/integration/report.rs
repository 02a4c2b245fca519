//! End-to-end tests of `mobile-stops report`: every section present, hostile names escaped in
//! HTML and Markdown, the same bytes for the same input, and — in a real headless browser — a
//! page that renders its map and tables, and its Japanese in a Japanese typeface (skipped,
//! saying so, only where chromium is absent). The map's own checks are in [`map`].

mod browser;
mod japanese;
mod map;

use crate::helpers::{fixture, run, run_ok, share_machine, stderr, stdout};
use std::path::Path;
use std::process::Command;

const HOSTILE: [&str; 3] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=\"document.title='pwned'\">",
    "![x](http://evil.example/x.png) [l](javascript:alert(3))",
];

/// The small fixture with two candidates renamed to hostile names.
fn hostile_candidates(dir: &Path) -> String {
    let text = std::fs::read_to_string(fixture("small_candidates.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (k, name) in HOSTILE.iter().enumerate() {
        let mut cells: Vec<String> = lines[k + 1].split(',').map(str::to_string).collect();
        cells[3] = format!("\"{}\"", name.replace('"', "\"\""));
        lines[k + 1] = cells.join(",");
    }
    let path = dir.join("cands.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.display().to_string()
}

fn report(extra: &[&str]) -> String {
    let mut args = vec!["report"];
    args.extend(extra);
    stdout(&run_ok(&args))
}

#[test]
fn the_embedded_report_holds_every_section_and_repeats_byte_for_byte() {
    let args = [
        "--p",
        "8",
        "--depot",
        "hiejinja",
        "--set",
        "council=日枝神社,妙行寺,宝蔵寺,白峰寺,今宿グリーンハイム",
    ];
    let html = report(&args);
    for id in [
        "summary",
        "map",
        "why",
        "alternatives",
        "comparison",
        "timetable",
        "ranking",
        "method",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert!(html.contains("<svg") && html.contains("<table>"));
    assert!(html.contains("lang=\"ja\"") && html.contains("最適（証明済み）"));
    assert!(html.contains("e-Stat"), "credits the census");
    assert!(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        !html.contains("<script") && !html.contains("<link"),
        "self-contained"
    );
    assert_eq!(html, report(&args), "deterministic bytes");
    let md = report(&["--p", "8", "--format", "markdown", "--lang", "en"]);
    assert!(md.starts_with("# Mobile grocery stops"));
    assert!(md.contains("## Why each stop") && md.contains("|---|"));
}

#[test]
fn hostile_names_are_printed_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let cands = hostile_candidates(dir.path());
    let d = fixture("small_demand.csv");
    for format in ["html", "markdown"] {
        let out = report(&[
            "--demand",
            &d,
            "--candidates",
            &cands,
            "--p",
            "2",
            "--allow-no-space",
            "--format",
            format,
            "--title",
            "<b>title</b>",
        ]);
        if format == "html" {
            assert!(!out.contains("<script>alert") && !out.contains("<img"));
            assert!(!out.contains("<b>title"));
            assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        } else {
            // Markdown: every `<`, `[` and `!` of user text is backslash-escaped, so no tag,
            // link or image can form.
            for bad in ["<", "[", "!"] {
                for (k, _) in out.match_indices(bad) {
                    assert!(
                        out[..k].ends_with('\\') || out[..k].ends_with("|---"),
                        "unescaped {bad} at {k}: {}",
                        &out[k.saturating_sub(40)..(k + 40).min(out.len())]
                    );
                }
            }
            assert!(out.contains("\\<script\\>alert(1)\\</script\\>"));
        }
    }
}

/// A browser on this machine, if any.
fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(str::to_string)
}

#[test]
fn a_headless_browser_renders_the_map_and_tables() {
    let _turn = share_machine();
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED a_headless_browser_renders_the_map_and_tables: no chromium on this machine \
             (.ci/run installs Debian's chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cands = hostile_candidates(dir.path());
    let html = dir.path().join("report.html");
    let o = run(&[
        "report",
        "--demand",
        &fixture("small_demand.csv"),
        "--candidates",
        &cands,
        "--p",
        "2",
        "--allow-no-space",
        "--out",
        html.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let url = format!("file://{}", html.display());
    let base = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--window-size=1240,2400",
    ];
    // The DOM after parsing: the map and tables are elements; hostile names stayed text.
    let dom = Command::new(&browser)
        .args(base)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<svg") && dom.contains("<table>"),
        "{dom:.500}"
    );
    assert!(!dom.contains("<img") && !dom.contains("pwned</title>"));
    // The picture of the embedded report: not blank, and the map's shading is on screen.
    let embedded = dir.path().join("embedded.html");
    let o = run(&["report", "--p", "8", "--out", embedded.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let png = dir.path().join("shot.png");
    let shot = Command::new(&browser)
        .args(base)
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", embedded.display()))
        .output()
        .expect("chromium runs");
    assert!(png.exists(), "{}", String::from_utf8_lossy(&shot.stderr));
    let decoder = png::Decoder::new(std::fs::File::open(&png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let ink = pixels
        .iter()
        .filter(|p| p[..3].iter().any(|&c| c < 200))
        .count();
    assert!(
        ink * 50 > pixels.len(),
        "more than 2 % of the page is not white: {ink}"
    );
    let near = |p: &[u8], rgb: [u8; 3]| p[..3].iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) <= 12);
    let shaded = pixels
        .iter()
        .filter(|p| {
            ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
                .iter()
                .any(|h| {
                    let v = u32::from_str_radix(&h[1..], 16).unwrap();
                    near(p, [(v >> 16) as u8, (v >> 8) as u8, v as u8])
                })
        })
        .count();
    assert!(
        shaded > 20_000,
        "the map's shading is drawn: {shaded} pixels"
    );
}

#[test]
fn japanese_is_drawn_in_a_japanese_typeface_and_the_map_prints_on_page_1() {
    let _turn = share_machine();
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED japanese_is_drawn_in_a_japanese_typeface_and_the_map_prints_on_page_1: no \
             chromium on this machine (.ci/run installs Debian's chromium and fonts-noto-cjk)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("ja.html");
    run_ok(&[
        "report",
        "--p",
        "5",
        "--depot",
        "hiejinja",
        "--set",
        "council=hiejinja,myogyoji,hozoji",
        "--lang",
        "ja",
        "--out",
        html.to_str().unwrap(),
    ]);
    let got = browser::probe(&browser, &html, None);
    for part in ["title", "map"] {
        let p = &got[part];
        let installed = p["installed"].as_array().unwrap();
        assert!(
            !installed.is_empty(),
            "{part}: none of {} is installed here (Debian: apt-get install fonts-noto-cjk)",
            p["family"]
        );
        assert_eq!(p["drawn"], true, "{part}: Japanese drawn as empty boxes");
        let em = p["em"].as_f64().unwrap();
        assert!((0.95..=1.05).contains(&em), "{part}: {em} em a character");
    }
    assert_eq!(got["made_up"], false, "a made-up family is never found");
    // The same probe with no fonts at all fails: the check can tell.
    let bare = browser::probe(&browser, &html, Some(&browser::no_fonts(dir.path())));
    assert_eq!(bare["title"]["installed"].as_array().map(Vec::len), Some(0));
    assert_eq!(bare["title"]["drawn"], false, "{bare}");
    // Printed on A4: the map's smallest type is 7 pt or more, and the map ends on page 1.
    let least = got["least_pt"].as_f64().unwrap();
    assert!(least >= 7.0, "smallest type on the map: {least:.2} pt");
    let width = got["map_width_px"].as_f64().unwrap();
    assert!(
        (600.0..=f64::from(browser::A4_TEXT_WIDTH_PX)).contains(&width),
        "{width}"
    );
    let bottom = got["map_bottom_px"].as_f64().unwrap();
    assert!(
        bottom < browser::A4_TEXT_HEIGHT_PX,
        "the map ends {bottom:.0} px down, page 1 holds {:.0}",
        browser::A4_TEXT_HEIGHT_PX
    );
}

#[test]
fn set_covering_stops_that_alone_reach_people_are_forced_and_bad_sets_are_refused() {
    let md = report(&["--model", "lscp", "--lang", "en", "--format", "markdown"]);
    let alternatives = &md[md.find("## Alternatives").unwrap()..];
    assert!(alternatives.contains("| forced |"), "{alternatives}");
    // A replacement that wins nothing back is shown as none, not as some site.
    assert!(!md.contains("| 0 |\n"), "no zero-gain replacement rows");
    for (sets, want) in [
        (vec!["--set", "=hiejinja"], "a name and at least one stop"),
        (
            vec!["--set", "a=hiejinja", "--set", "a=myogyoji"],
            "`a` twice",
        ),
        (vec!["--set", "選定案=hiejinja"], "the chosen set"),
    ] {
        let mut args = vec!["report", "--p", "3"];
        args.extend(&sets);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{sets:?}");
        assert!(stderr(&o).contains(want), "{sets:?}: {}", stderr(&o));
    }
}
