//! With `--lang ja` nothing English or flag-like reaches a council: the report (HTML and
//! Markdown), the scenario page and the ranked list say everything in Japanese words, and the
//! flags and files go to the box for the planner at the end (作成方法（担当者向け）), which is
//! left out of the check; so is the map, drawn and checked by `report::map`.
//!
//! What remains after taking out that box, URLs and the product name must hold no `--` and no
//! run of three or more ASCII letters, except the words listed in [`ALLOWED`] with a reason.

use crate::helpers::{fixture, run, run_ok, stderr, stdout};
use std::fs;

/// ASCII words a Japanese council text may contain, and why.
const ALLOWED: [(&str, &str); 1] = [(
    "e-Stat",
    "the name of the government statistics portal the census comes from (政府統計の総合窓口), \
     as its terms of use ask it to be cited",
)];

/// The product's name, printed at the head of a table.
const PRODUCT: &str = "mobile-stops";

/// Every run of three or more ASCII letters, and every `--`, left in `text` once URLs, the
/// product name and the allowed words are taken out.
fn english_in(text: &str) -> Vec<String> {
    let mut text: String = text
        .split_whitespace()
        .filter(|w| !w.contains("http://") && !w.contains("https://"))
        .collect::<Vec<_>>()
        .join(" ");
    text = text.replace(PRODUCT, " ");
    for (word, _why) in ALLOWED {
        text = text.replace(word, " ");
    }
    let mut found = Vec::new();
    if let Some(at) = text.find("--") {
        let around: String = text[at..].chars().take(30).collect();
        found.push(around);
    }
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            run.push(c);
        } else {
            if run.len() >= 3 {
                found.push(run.clone());
            }
            run.clear();
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The text of an HTML page a reader sees, the map's included, without the planner's box and
/// the style sheets.
fn html_text(html: &str) -> String {
    let box_at = html
        .find("<section id=\"method\">")
        .expect("the page has the planner's box");
    let box_end = box_at + html[box_at..].find("</section>").unwrap();
    let mut page = format!("{}{}", &html[..box_at], &html[box_end..]);
    for (open, close) in [("<style", "</style>")] {
        while let Some(a) = page.find(open) {
            let b = a + page[a..].find(close).unwrap() + close.len();
            page.replace_range(a..b, " ");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The Markdown a reader sees, without the planner's box (up to the next section, if any) and
/// the backslashes that keep names plain.
fn markdown_text(md: &str) -> String {
    let title = "\n## 作成方法（担当者向け）\n";
    let at = md.find(title).expect("the minutes have the planner's box");
    let end = md[at + title.len()..]
        .find("\n## ")
        .map_or(md.len(), |e| at + title.len() + e);
    let kept = format!("{}{}", &md[..at], &md[end..]);
    // Table rules (`|---|---|`) are layout, not words.
    let lines: Vec<&str> = kept.lines().filter(|l| !l.starts_with("|---")).collect();
    lines.join("\n").replace('\\', "")
}

/// The planner's box of an HTML page.
fn planner_box(html: &str) -> &str {
    let at = html.find("<section id=\"method\">").unwrap();
    &html[at..at + html[at..].find("</section>").unwrap()]
}

/// A council's own candidates: Japanese names, common kinds, one site too small for the
/// vehicles, one reaching few people, one far from everyone.
const CANDIDATES: &str = "id,lat,lon,name,kind,vehicle_slots\n\
    hall,35.3505,139.4005,中央公民館,community_centre,6\n\
    tera,35.3600,139.4100,北の寺,temple,8\n\
    jinja,35.3400,139.3900,南の神社,shrine,2\n\
    nishi,35.3402,139.3902,西の神社,shrine,6\n\
    danchi,35.3510,139.4012,中央団地,housing_estate,\n\
    toi,35.3800,139.4400,遠くの公園,park,6\n";

#[test]
fn a_japanese_report_has_no_english_word_and_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    let cands = dir.path().join("候補地.csv");
    fs::write(&cands, CANDIDATES).unwrap();
    let cands = cands.display().to_string();
    let demand = fixture("small_demand.csv");
    let surveys = fixture("small_surveys.csv");
    let stores = fixture("small_stores.csv");
    let embedded = [
        "--p",
        "6",
        "--depot",
        "hiejinja",
        "--set",
        "協議体案=hiejinja,myogyoji,hozoji",
        "--require",
        "myogyoji",
        "--exclude",
        "hakuhoji",
        "--surveys",
        &surveys,
        "--stores",
        &stores,
    ];
    let own = [
        "--demand",
        &demand,
        "--candidates",
        &cands,
        "--p",
        "2",
        "--min-weight-per-stop",
        "30",
        "--exclude",
        "danchi",
    ];
    let runs: [&[&str]; 3] = [&["--p", "5"], &embedded, &own];
    for args in runs {
        for format in ["html", "markdown"] {
            let mut all = vec!["report", "--lang", "ja", "--format", format];
            all.extend(args);
            let page = stdout(&run_ok(&all));
            let text = match format {
                "html" => html_text(&page),
                _ => markdown_text(&page),
            };
            let found = english_in(&text);
            assert!(found.is_empty(), "{all:?}: {found:?}\n{text}");
            assert!(text.contains("まとめ"), "{all:?}");
            // The flags went to the planner's box, which names the command.
            assert!(
                page.contains("コマンド: mobile-stops report --lang ja"),
                "{all:?}"
            );
        }
    }
    // Each reason a site was left out is in words on the page, and with its flag in the box.
    let mut all = vec!["report", "--lang", "ja"];
    all.extend(own);
    let html = stdout(&run_ok(&all));
    let body = html_text(&html);
    for words in [
        "駐車スペースが2台分しかない",
        "西の神社",
        "徒歩圏（500 m）内の65歳以上人口が 20 で、1か所あたりの下限 30 に届かない",
    ] {
        assert!(body.contains(words), "{words}:\n{body}");
    }
    let planner = planner_box(&html);
    for flag in ["--allow-no-space", "--min-weight-per-stop", "--exclude"] {
        assert!(planner.contains(flag), "{flag}:\n{planner}");
    }
    assert!(body.contains("中央団地は協議体が除外しました"), "{body}");
    assert!(body.contains("担当者が用意したデータ"), "{body}");
}

#[test]
fn the_embedded_data_is_named_in_japanese_and_the_english_report_keeps_its_label() {
    let ja = stdout(&run_ok(&[
        "report", "--p", "3", "--lang", "ja", "--format", "markdown",
    ]));
    assert!(
        ja.contains("埋め込みデータ：茅ヶ崎市北部（e-Stat 2020年国勢調査 4分の1地域メッシュ 5339、協議体の候補地）"),
        "{ja}"
    );
    assert!(!markdown_text(&ja).contains("embedded: northern"), "{ja}");
    let en = stdout(&run_ok(&[
        "report", "--p", "3", "--lang", "en", "--format", "markdown",
    ]));
    assert!(
        en.contains("## How this was made (for the planner)"),
        "{en}"
    );
    assert!(en.contains("embedded: northern Chigasaki"), "{en}");
}

#[test]
fn a_japanese_scenario_page_has_no_english_word_and_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("シナリオ.toml");
    fs::write(
        &file,
        "[baseline]\nmodel = \"mclp\"\np = 4\nradius_m = 500\n\n\
         [[scenario]]\nname = \"白峰寺を除く\"\nexclude = [\"hakuhoji\"]\n\n\
         [[scenario]]\nname = \"協議体の候補を必ず含める\"\np = 6\nrequire = [\"myogyoji\", \"hozoji\"]\n\n\
         [[scenario]]\nname = \"公民館を加える\"\nadd_candidates = [{ id = \"hall\", lat = 35.352, lon = 139.402, name = \"公民館\" }]\n\n\
         [[scenario]]\nname = \"存在しない候補地\"\nrequire = [\"nowhere\"]\n\n\
         [[sweep]]\nname = \"停留所数と徒歩圏\"\np = [3, 5]\nradius_m = [300.0, 800]\nvehicles = [1, 2]\n",
    )
    .unwrap();
    let page = dir.path().join("page.html");
    let (f, p) = (file.display().to_string(), page.display().to_string());
    let o = run(&["scenarios", &f, "--quiet", "--lang", "ja", "--report", &p]);
    // The scenario naming an unknown site fails (exit 2) after everything is written.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let html = fs::read_to_string(&page).unwrap();
    let text = html_text(&html);
    let found = english_in(&text);
    assert!(found.is_empty(), "{found:?}\n{text}");
    for words in [
        "基準",
        "停留所数と徒歩圏：停留所 3 か所、徒歩圏 300 m、車両 1 台",
        "最適（証明済み）",
        "公民館",
        "解けませんでした",
        "埋め込みデータ：茅ヶ崎市北部",
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    // The error itself, with its file and line, is the planner's.
    let planner = planner_box(&html);
    assert!(planner.contains("nowhere"), "{planner}");
    assert!(
        planner.contains("コマンド: mobile-stops scenarios"),
        "{planner}"
    );
    // The terminal table says statuses and sweeps in words too.
    let table = stdout(&o);
    assert!(table.contains("最適（証明済み）"), "{table}");
    assert!(!table.contains("radius_m="), "{table}");
}

#[test]
fn the_japanese_ranked_list_has_no_english_word_outside_its_id_column() {
    let all = crate::helpers::format_json(&["rank"]);
    let ids: Vec<String> = all["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let surveys = fixture("small_surveys.csv");
    let stores = fixture("small_stores.csv");
    let runs: [&[&str]; 2] = [&[], &["--surveys", &surveys, "--stores", &stores]];
    for extra in runs {
        let mut args = vec!["rank", "--lang", "ja"];
        args.extend(extra);
        let table = stdout(&run_ok(&args));
        let mut text = String::new();
        for line in table.lines() {
            let mut cells: Vec<&str> = line.split_whitespace().collect();
            // The id column: the second cell of a candidate's row (the rank is the first).
            if cells.len() > 2
                && cells[0].parse::<usize>().is_ok()
                && ids.iter().any(|i| i == cells[1])
            {
                cells.remove(1);
            }
            text.push_str(&cells.join(" "));
            text.push('\n');
        }
        let found = english_in(&text);
        assert!(found.is_empty(), "{args:?}: {found:?}\n{text}");
        assert!(text.contains(" 神社 ") && text.contains(" 寺院 ") && text.contains(" 団地 "));
        assert!(text.contains("重み: 65歳以上人口"), "{text}");
    }
}
