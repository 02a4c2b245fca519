//! The meeting's own tools on the page: why (not) a stop, the agreed set named and compared
//! with, and the history's undo.

use super::harness::{browser, skipped, Page, Server};

#[test]
fn tapping_a_stop_explains_why_it_is_chosen() {
    let Some(browser) = browser() else {
        return skipped("tapping_a_stop_explains_why_it_is_chosen");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "chair");
    let s = page.eval("MS.state");
    let id = s["answer"]["chosen"][0].as_str().unwrap().to_string();

    // A tap on a chosen stop's marker: why this stop, with the cells only it reaches outlined.
    page.click(&format!("#map .cand[data-id='{id}'] .dot"));
    page.wait_for(
        "why this stop",
        &format!("document.getElementById('why').dataset.id === '{id}'"),
    );
    assert_eq!(
        page.eval("document.getElementById('why').dataset.chosen"),
        "1"
    );
    assert_eq!(
        page.eval("document.getElementById('why-title').textContent"),
        "この停留所を選ぶ理由"
    );
    let only = page.eval_async(&format!(
        "fetch(MS.api.url('/api/why/{id}')).then(r => r.json())"
    ));
    let cells = only["only_it"]["cells"].as_array().unwrap().len();
    assert_eq!(
        page.eval("document.querySelectorAll('#map .layer-why rect').length"),
        cells
    );
    page.click("#why-close");
    assert_eq!(page.eval("document.getElementById('why').hidden"), true);
    assert_eq!(
        page.eval("document.querySelectorAll('#map .layer-why rect').length"),
        0
    );
}

#[test]
fn a_named_set_is_compared_with_and_a_change_undone() {
    let Some(browser) = browser() else {
        return skipped("a_named_set_is_compared_with_and_a_change_undone");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "chair");
    let s = page.eval("MS.state");
    let id = s["answer"]["chosen"][0].as_str().unwrap().to_string();

    // Name the set and compare with it (a select, chosen as a person would: value, then
    // change), then exclude one of its stops: the change is measured against the set.
    page.type_into("#set-name", "協議会の案");
    page.click("#name-form button[type=submit]");
    page.wait_for("the set named", "MS.state.named_sets.length === 1");
    page.eval(
        "(() => { const c = document.getElementById('compare'); c.value = '協議会の案'; \
         c.dispatchEvent(new Event('change')); return 0; })()",
    );
    page.wait_for(
        "compared with the set",
        "MS.state.compare_with === '協議会の案'",
    );
    page.click(&format!(
        "#cand-rows tr[data-id='{id}'] button[data-role='excluded']"
    ));
    page.wait_for(
        "the stop excluded",
        &format!(
            "document.querySelector(\"#cand-rows tr[data-id='{id}']\").dataset.role === 'excluded'"
        ),
    );
    let heads = page.eval("[...document.querySelectorAll('#changed h3')].map(h => h.textContent)");
    assert_eq!(heads[1], "「協議会の案」と比べて");
    let dropped =
        page.eval("document.querySelectorAll('#changed .stops-list.minus .v')[1].textContent");
    let name = s["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap()["name"]
        .clone();
    assert!(
        dropped.as_str().unwrap().contains(name.as_str().unwrap()),
        "{dropped}"
    );

    // Undo the exclusion from the history: the stop is free and chosen again.
    let v = page.eval("MS.state.history.find(h => h.op.kind === 'set_role').version");
    page.click(&format!("#history li[data-version='{v}'] button.undo"));
    page.wait_for(
        "the exclusion undone",
        &format!(
            "document.querySelector(\"#cand-rows tr[data-id='{id}']\").dataset.role === 'free'"
        ),
    );
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"#history li[data-version='{v}']\").className"
        )),
        "undone"
    );
    assert_eq!(
        page.eval(&format!("MS.state.answer.chosen.includes('{id}')")),
        true
    );
}

#[test]
fn with_streets_each_stop_is_joined_to_what_it_reaches() {
    let Some(browser) = browser() else {
        return skipped("with_streets_each_stop_is_joined_to_what_it_reaches");
    };
    let osm = crate::helpers::shared_root("data-sources/osm-nerima-tokyo/nerima.osm");
    let osm = osm.display().to_string();
    let flags = ["--data", "examples/network", "--network", &osm, "--p", "2"];
    let server = Server::start(&[&flags[..], &["--radius-m", "400"]].concat());
    let page = Page::open(browser.new_tab().unwrap(), &server, "projector");
    let s = page.eval("MS.state");
    assert_eq!(s["network"], true);
    assert_eq!(
        page.eval("document.querySelectorAll('#map .reach').length"),
        0
    );
    let chosen = s["answer"]["chosen"].as_array().unwrap();
    assert_eq!(chosen.len(), 2);
    for id in chosen {
        let id = id.as_str().unwrap();
        let reached = s["answer"]["reaches"][id].as_array().unwrap().len();
        assert!(reached > 0);
        let lines = page.eval(&format!(
            "document.querySelectorAll(\"#map .reach-net[data-id='{id}'] line\").length"
        ));
        assert_eq!(lines, reached, "{id}: a line to each point it reaches");
    }
}

#[test]
fn a_base_map_comes_only_from_the_tile_template_with_its_credit() {
    let Some(browser) = browser() else {
        return skipped("a_base_map_comes_only_from_the_tile_template_with_its_credit");
    };
    // A template nothing answers: the page must place the tiles and credit them all the same.
    let template = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png";
    let server = Server::start(&["--tiles", template, "--tiles-attribution", "テスト地図"]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "projector");
    let hrefs =
        page.eval("[...document.querySelectorAll('#map image')].map(i => i.getAttribute('href'))");
    let hrefs = hrefs.as_array().unwrap();
    assert!(
        !hrefs.is_empty() && hrefs.len() <= 150,
        "{} tiles",
        hrefs.len()
    );
    for h in hrefs {
        let h = h.as_str().unwrap();
        let rest = h.strip_prefix("http://127.0.0.1:9/tiles/").expect(h);
        let parts: Vec<&str> = rest.trim_end_matches(".png").split('/').collect();
        assert_eq!(parts.len(), 3, "{h}");
        assert!(parts.iter().all(|p| p.parse::<u32>().is_ok()), "{h}");
    }
    assert_eq!(
        page.eval("document.getElementById('tile-credit').hidden"),
        false
    );
    assert_eq!(
        page.eval("document.getElementById('tile-credit').textContent"),
        "テスト地図"
    );
}

#[test]
fn a_change_that_leaves_no_answer_is_explained_in_japanese() {
    let Some(browser) = browser() else {
        return skipped("a_change_that_leaves_no_answer_is_explained_in_japanese");
    };
    let server = Server::start(&["--p", "4"]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "chair");
    for (k, id) in ["hiejinja", "myogyoji"].iter().enumerate() {
        page.click(&format!(
            "#cand-rows tr[data-id='{id}'] button[data-role='required']"
        ));
        page.wait_for("required", &format!("MS.state.version === {}", k + 1));
    }
    let set_p = |p: u32| {
        page.eval(&format!(
            "(() => {{ const c = document.getElementById('opt-p'); c.value = '{p}'; \
             c.dispatchEvent(new Event('change')); return 0; }})()"
        ))
    };
    set_p(1);
    page.wait_for("no answer", "MS.state.answer.status === 'infeasible'");
    let why = page.eval("document.getElementById('status-msg').textContent");
    assert!(
        why.as_str().unwrap().starts_with("必須の停留所が 2 か所"),
        "{why}"
    );
    assert_eq!(
        page.eval("document.querySelector('#changed .unsolved').textContent"),
        "答えがないため、停留所はすべて外れ、誰にも届いていません"
    );
    let dropped = page.eval("document.querySelector('#changed .stops-list.minus .v').textContent");
    assert!(dropped.as_str().unwrap().contains("日枝神社"), "{dropped}");
    let people = page.eval("document.querySelector('#changed .delta').className");
    assert_eq!(people, "delta down", "the loss shows as a loss");

    set_p(0);
    page.wait_for(
        "the refusal",
        "!document.getElementById('notice').hidden && \
         document.getElementById('notice').textContent.includes('p: ')",
    );
    assert_eq!(
        page.eval("document.getElementById('notice').textContent"),
        "受け付けられませんでした：p: 1〜35 の範囲で指定してください（入力値 0）"
    );
}
